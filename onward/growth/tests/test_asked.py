"""The skills target jobs ask for: read from each saved posting's description against ESCO's
vocabulary, counted on the Skills page, and made a skill gap in one click."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from onward.growth.asked import Vocabulary, esco, tokens
from onward.growth.models import GapStatus, PostingSkill, SkillGap
from onward.testing import make_application, make_skill_gap

# ESCO concept ids, as published by ESCO.
PYTHON = "ccd0a1d9-afda-43d9-b901-96344886e14d"
JAVA = "19a8293b-8e95-4de3-983f-77484079c389"
JAVASCRIPT = "3cd569a2-4f88-4c1e-9995-8dce8c5e51a7"
SQL = "598de5b0-5b58-4ea7-8058-a4bc4d18c742"
NOSQL = "76ef6ed3-1658-4a1a-9593-204d799c6d0c"
R = "51586df8-1c46-4b47-8583-773cb63bf00b"
CPP = "b633eb55-8f1f-4ae6-ab4c-2022ffe2cb7f"
PROJECT_MANAGEMENT = "7111b95d-0ce3-441a-9d92-4c75d05c4388"

BACKEND = """Senior Backend Engineer
You will build our payments API in Python and PostgreSQL.
Must have: solid SQL, some project management, and code reviews.
Nice to have: JavaScript for the odd front-end fix."""
ANALYST = """Data Analyst (R&D team)
Day to day you will query data with SQL and model it in R or Python.
Our stack is moving from NoSQL stores back to relational ones."""
FRONTEND = """Front-end developer
We work in JavaScript and TypeScript. No Java here, despite the name."""


def keys(text: str) -> set[str]:
    return {skill.key for skill in esco().find(text)}


# --- The vocabulary and the matcher ----------------------------------------------------------


def test_the_vocabulary_attaches_labels_to_their_esco_concepts():
    labels = {skill.key: skill.label for skill in esco().phrases.values()}
    assert labels[PYTHON] == "Python (computer programming)"
    assert labels[JAVA] == "Java (computer programming)"
    assert labels[SQL] == "SQL"
    assert labels[R] == "R"
    assert labels[PROJECT_MANAGEMENT] == "project management"


def test_it_finds_skills_on_word_boundaries_only():
    assert keys(BACKEND) >= {PYTHON, SQL, PROJECT_MANAGEMENT, JAVASCRIPT}
    assert JAVA not in keys(BACKEND)  # "JavaScript" is not Java
    assert keys(FRONTEND) >= {JAVASCRIPT, JAVA}
    assert SQL in keys(ANALYST) and NOSQL in keys(ANALYST)
    assert SQL not in keys("We run NoSQL only.")
    assert JAVA not in keys("JavaScript, Javanese and javac")


def test_it_ignores_case_but_not_for_one_letter_skills():
    assert PYTHON in keys("PYTHON and python both count")
    assert PROJECT_MANAGEMENT in keys("Project-Management experience")
    assert R in keys("Statistics in R, please")
    assert R not in keys("Join our R&D lab")
    assert R not in keys("a b c r s t")


def test_it_keeps_the_marks_of_tool_names():
    assert CPP in keys("Modern C++ (17 or later).")
    assert CPP not in keys("C is enough")


def test_it_lists_each_skill_once_in_order_of_first_mention():
    found = [skill.key for skill in esco().find("SQL, Python, SQL again and python.")]
    assert found == [SQL, PYTHON]


@settings(max_examples=200)
@given(st.text())
def test_what_it_finds_is_a_whole_word_run_of_the_text(text):
    vocabulary = Vocabulary(
        [("java", "Java", ["Java"]), ("r", "R", ["R"]), ("pm", "pm", ["project management"])]
    )
    found = {skill.key for skill in vocabulary.find(text)}
    words = tokens(text)
    folded = [w.casefold() for w in words]
    if "java" in found:
        assert "java" in folded
    if "r" in found:
        assert "R" in words
    if "pm" in found:
        assert any(folded[i : i + 2] == ["project", "management"] for i in range(len(words)))


@given(st.lists(st.sampled_from(["JavaScript", "Javanese", "r", "R&D", "NoSQL", "the", ","])))
def test_longer_words_never_hit_the_short_skills_inside_them(words):
    assert keys(" ".join(words)).isdisjoint({JAVA, R, SQL})


# --- Stored per application -------------------------------------------------------------------


@pytest.mark.django_db
def test_saving_an_application_reads_its_skills_and_editing_reads_them_again(alice):
    application = make_application(alice, description=BACKEND)
    assert set(application.asked_skills.values_list("key", flat=True)) >= {PYTHON, SQL}

    application.description = FRONTEND
    application.save()
    stored = set(application.asked_skills.values_list("key", flat=True))
    assert JAVA in stored and PYTHON not in stored

    application.description = ""
    application.save(update_fields=["description"])
    assert not application.asked_skills.exists()


@pytest.mark.django_db
def test_the_backfill_reads_applications_saved_before(alice, bob):
    make_application(alice, description=BACKEND)
    make_application(bob, description=ANALYST)
    PostingSkill.objects.all().delete()

    call_command("read-posting-skills", "--user", "alice")
    assert set(PostingSkill.objects.values_list("user__username", flat=True)) == {"alice"}
    call_command("read-posting-skills")
    call_command("read-posting-skills")  # safe to run again
    assert PostingSkill.objects.filter(user=bob, key=R).count() == 1

    with pytest.raises(CommandError, match="no user called 'carol'"):
        call_command("read-posting-skills", "--user", "carol")


# --- The Skills page --------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_skills_page_counts_the_postings_asking_for_each_skill(alice_client, alice, bob):
    make_application(alice, "Wishlist", description=BACKEND)
    make_application(alice, description=ANALYST)
    make_application(alice, description=FRONTEND)
    make_application(alice, description="")  # no description: not a posting read
    make_application(bob, description=ANALYST)  # another user's postings never count
    make_skill_gap(alice, name="python (computer programming)")

    page = alice_client.get(reverse("growth:skills")).content.decode()

    assert "asked for in 2 of 3 postings" in page  # SQL, Python, JavaScript
    sql = page[page.index(f'id="asked-{SQL}"') :]
    assert "asked for in 2 of 3 postings" in sql[: sql.index("</li>")]
    python = page[page.index(f'id="asked-{PYTHON}"') :]
    assert "On your skill gaps" in python[: python.index("</li>")]
    r = page[page.index(f'id="asked-{R}"') :]
    assert "asked for in 1 of 3 postings" in r[: r.index("</li>")]


@pytest.mark.django_db
def test_the_skills_page_needs_the_same_queries_for_few_or_many_applications(alice_client, alice):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert alice_client.get(reverse("growth:skills")).status_code == 200
        return len(captured)

    for text in (BACKEND, ANALYST):
        make_application(alice, description=text)
    few = queries()
    for _ in range(4):
        for text in (BACKEND, ANALYST, FRONTEND):
            make_application(alice, description=text)
    assert queries() == few


# --- One click to a skill gap -----------------------------------------------------------------


@pytest.mark.django_db
def test_one_click_makes_an_asked_skill_a_gap_once(alice_client, alice):
    make_application(alice, description=BACKEND)
    make_application(alice, description=ANALYST)
    url = reverse("growth:gap_from_asked", args=[SQL])

    response = alice_client.post(url, headers={"HX-Request": "true"})
    again = alice_client.post(url)

    gap = SkillGap.objects.get(user=alice)
    assert gap.name == "SQL" and gap.status == GapStatus.OPEN
    assert gap.why == "Asked for in 2 of 2 of your saved job postings."
    assert response.status_code == 200 and "On your skill gaps" in response.content.decode()
    assert again.status_code == 302 and again.url == reverse("growth:skills")


@pytest.mark.django_db
def test_a_closed_gap_of_that_name_does_not_stop_a_new_one(alice_client, alice):
    make_application(alice, description=BACKEND)
    make_skill_gap(alice, name="SQL", status=GapStatus.CLOSED)
    alice_client.post(reverse("growth:gap_from_asked", args=[SQL]))
    assert SkillGap.objects.filter(user=alice, name="SQL").count() == 2


@pytest.mark.django_db
def test_only_skills_of_ones_own_postings_and_only_by_post_with_csrf(alice_client, alice, bob):
    make_application(bob, description=ANALYST)
    make_application(alice, description=FRONTEND)
    assert alice_client.post(reverse("growth:gap_from_asked", args=[R])).status_code == 404
    assert alice_client.post(reverse("growth:gap_from_asked", args=["nope"])).status_code == 404
    assert alice_client.get(reverse("growth:gap_from_asked", args=[JAVA])).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)
    assert strict.post(reverse("growth:gap_from_asked", args=[JAVA])).status_code == 403
    assert not SkillGap.objects.exists()


@pytest.mark.django_db
def test_the_skills_a_posting_lists_are_kept_even_when_esco_has_no_name_for_them(alice):
    from onward.pipeline.postings.saving import save_posting

    posting = {
        "title": "Analytics Intern",
        "company": "Acme",
        "description": "Help the team with reporting.",
        "skills": ["Excel", "SQL", "dashboards"],
    }
    application = save_posting(alice, posting)

    assert application.description.endswith("Skills: Excel, SQL, dashboards")
    stored = dict(application.asked_skills.values_list("key", "label"))
    assert stored[SQL] == "SQL"
    assert stored["listed-dashboards"] == "dashboards"
