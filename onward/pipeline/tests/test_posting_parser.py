"""Reading job postings from pages: the corpus of saved pages in postings/ (written for these
tests, one per shape real job boards produce), and property tests that no input breaks it."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from onward.pipeline.postings import (
    PAGE_TEXT_LIMIT,
    POSTING_KEYS,
    decode_page,
    read_page,
    read_text,
)

CORPUS = Path(__file__).parent / "postings"
EXPECTED = json.loads((CORPUS / "expected.json").read_text())


def read(name: str) -> dict:
    return read_page(decode_page((CORPUS / name).read_bytes())).as_json()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_it_reads_each_page_of_the_corpus(name):
    want, got = EXPECTED[name], read(name)
    assert [p["title"] for p in got["postings"]] == [p["title"] for p in want["postings"]]
    for posting, expected in zip(got["postings"], want["postings"], strict=True):
        assert tuple(posting) == POSTING_KEYS
        assert {key: posting[key] for key in expected} == expected
    if "prefill" in want:
        assert got["prefill"] == want["prefill"]


def test_it_has_exactly_the_documented_keys():
    assert POSTING_KEYS == (
        "title",
        "company",
        "locations",
        "remote",
        "applicant_locations",
        "employment_types",
        "salary_min",
        "salary_max",
        "salary_currency",
        "salary_period",
        "date_posted",
        "valid_through",
        "description",
        "skills",
        "qualifications",
        "experience_months",
        "education",
    )


def test_it_says_what_it_found():
    assert read("greenhouse_escaped.html")["message"] == (
        "Found a job posting: Research & Development Engineer at Lumen Robotics."
    )
    assert read("two_blocks.html")["message"].startswith("Found 2 job postings")
    assert read("next_app_shell.html")["message"] == "No job posting found on this page."
    assert "meta tags" in read("unrecoverable.html")["message"]


def test_a_broken_block_does_not_hide_the_valid_one_beside_it():
    page = (CORPUS / "broken_beside_valid.html").read_text()
    assert len(read_page(page).postings) == 1
    # ...whichever comes first.
    first, second = page.split("</script>", 1)
    swapped = second.replace("{{ job_schema | safe }}", "")
    assert len(read_page(first.replace("{{ job_schema | safe }}", "") + swapped).postings) == 1


def test_it_keeps_the_calendar_date_as_written():
    """Converting 2026-10-05T00:30+09:00 to UTC first would give 4 October."""
    grant = read("dates.html")["postings"][0]
    assert (grant["date_posted"], grant["valid_through"]) == ("2026-10-05", "2026-10-01")


def test_it_honours_the_declared_charset():
    body = (CORPUS / "windows_1252.html").read_bytes()
    assert "é".encode("cp1252") in body and "é".encode() not in body
    assert read("windows_1252.html")["postings"][0]["company"] == "Coopérative Élan"


def test_pasted_text_without_markup_becomes_a_prefill():
    reading = read_text("Senior Gardener\nKew Estates\n\nLook after the glasshouses.")
    assert reading.postings == []
    assert reading.prefill == {
        "title": "Senior Gardener",
        "company": None,
        "description": "Senior Gardener\nKew Estates\nLook after the glasshouses.",
        "url": None,
        "from": "pasted text",
    }
    assert read_text("   ").prefill is None


def test_only_a_page_without_structured_data_keeps_its_visible_text():
    # For a reader that fills the fields from it on request (the assistant's local model).
    without = read_page(
        "<html><head><title>Analyst</title><script>var token = 'x1';</script></head>"
        "<body><!-- a comment --><h1>Analyst</h1><noscript>Turn on JavaScript</noscript>"
        "<p>Lisbon,\n   <b>full</b> time</p><template>Hidden</template></body></html>"
    )
    cut = read_page(f"<title>Long</title><p>{'word ' * 5000}</p>")
    pasted = read_text("Analyst at Acme\n\nLisbon")

    assert without.text == "Analyst\nAnalyst\nLisbon, full time"
    assert len(cut.text) == PAGE_TEXT_LIMIT
    assert pasted.text == "Analyst at Acme\nLisbon"
    structured = read_page((CORPUS / "greenhouse_escaped.html").read_text())
    assert structured.postings and structured.text == ""
    assert "text" not in read("unrecoverable.html")  # the API's answer is unchanged


def test_pasted_html_is_read_as_a_page():
    html = (CORPUS / "remote_only.html").read_text()
    assert read_text(html).postings[0]["title"] == "Staff Engineer, Payments"


# --- Properties: no input crashes the parser, and what comes out has the documented shape ---

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)
posting_keys = st.sampled_from(
    [
        "title",
        "name",
        "hiringOrganization",
        "jobLocation",
        "jobLocationType",
        "applicantLocationRequirements",
        "employmentType",
        "baseSalary",
        "estimatedSalary",
        "datePosted",
        "validThrough",
        "description",
        "skills",
        "qualifications",
        "experienceRequirements",
        "educationRequirements",
        "@id",
        "value",
        "minValue",
        "maxValue",
        "unitText",
        "currency",
        "address",
        "addressCountry",
        "monthsOfExperience",
        "credentialCategory",
    ]
)
posting_like = st.recursive(
    json_values,
    lambda children: (
        st.dictionaries(posting_keys, children, max_size=6).map(
            lambda d: {"@type": "JobPosting", **d}
        )
        | st.lists(children, max_size=3)
    ),
    max_leaves=25,
)


def check_shape(result: dict, source: str = "") -> None:
    """``source``: the input, when it is text; text that says "None" itself may be echoed."""
    assert set(result) == {"postings", "prefill", "message"}
    assert result["message"]
    encoded = json.dumps(result, allow_nan=False)  # NaN or infinity would not be JSON
    if "None" not in source:
        assert '"None"' not in encoded
    for posting in result["postings"]:
        assert tuple(posting) == POSTING_KEYS
        assert isinstance(posting["remote"], bool)
        assert isinstance(posting["locations"], list)
        for key in ("salary_min", "salary_max"):
            assert posting[key] is None or isinstance(posting[key], int | float)
        for key in ("date_posted", "valid_through"):
            assert posting[key] is None or len(posting[key]) == 10
        for value in posting.values():
            assert value != "None" and value != ""


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(posting_like)
def test_no_structured_data_crashes_it(data):
    page = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    check_shape(read_page(page).as_json())


@settings(max_examples=300, deadline=None)
@given(st.text())
@example("None")  # pasted text that says "None" is the user's title, not a missing value
def test_no_text_crashes_it(text):
    check_shape(read_page(text).as_json(), text)
    check_shape(read_text(text).as_json(), text)
    check_shape(read_page(f'<script type="application/ld+json">{text}</script>').as_json(), text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_no_bytes_crash_it(body):
    check_shape(read_page(decode_page(body, "text/html; charset=utf-8")).as_json())


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(sorted(p.name for p in CORPUS.glob("*.html"))),
    st.integers(min_value=0, max_value=4000),
    st.text(max_size=20),
)
def test_a_damaged_page_does_not_crash_it(name, cut, junk):
    """Real pages truncated or garbled anywhere: still an answer, never an exception."""
    page = (CORPUS / name).read_bytes().decode("utf-8", "replace")
    check_shape(read_page(page[:cut] + junk + page[cut:]).as_json())
    check_shape(read_page(page[:cut]).as_json())


def test_markup_holding_characters_xml_cannot_hold_is_still_read():
    """html-text (lxml) refuses such text outright; a damaged page can have them anywhere."""
    from onward.pipeline.postings.fields import block_text, text

    assert text("<b>Data\x0b engineer\ud800</b>") == "Data engineer"
    assert block_text("<p>Build\x01 things</p><p>Ship\x1f them</p>") == "Build things\nShip them"
