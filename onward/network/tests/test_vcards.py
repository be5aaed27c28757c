import io

import vobject
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onward.network.importing import ImportReport
from onward.network.models import Contact, Tag
from onward.network.vcards import contact_card, import_vcards, read_cards
from onward.testing import make_contact

CARDS = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Ada Quillfeather\r\n"
    "N:Quillfeather;Ada;;;\r\n"
    "EMAIL;TYPE=INTERNET:ada@example.org\r\n"
    "TEL;TYPE=CELL:+49 30 1234567\r\n"
    "ORG:Engines\\, Ltd;Research\r\n"
    "TITLE:Engineer\r\n"
    "URL:https://www.linkedin.com/in/ada-quillfeather-0001\r\n"
    "NOTE:Met at the meetup\\, talked about compilers.\r\n"
    "CATEGORIES:mentor,python\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Zoë Ångström\r\n"
    "EMAIL:zoe@example.org\r\n"
    "END:VCARD\r\n"
)


def run(user, data: str | bytes):
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return import_vcards(user, io.BytesIO(raw))


def test_it_imports_cards(alice):
    report = run(alice, CARDS)
    assert (report.created, report.skipped_count, report.error) == (2, 0, "")
    ada = Contact.objects.get(user=alice, name="Ada Quillfeather")
    assert ada.email == "ada@example.org"
    assert ada.phone == "+49 30 1234567"
    assert ada.company_name == "Engines, Ltd"
    assert ada.title == "Engineer"
    assert ada.linkedin_url == "https://www.linkedin.com/in/ada-quillfeather-0001"
    assert ada.notes == "Met at the meetup, talked about compilers."
    assert sorted(t.name for t in ada.tags.all()) == ["mentor", "python"]
    assert Contact.objects.filter(user=alice, name="Zoë Ångström").exists()


def test_reimporting_changes_nothing_and_new_tags_count_as_updates(alice):
    run(alice, CARDS)
    report = run(alice, CARDS)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert Tag.objects.filter(user=alice).count() == 2
    report = run(alice, CARDS.replace("CATEGORIES:mentor,python", "CATEGORIES:Mentor,berlin"))
    assert (report.updated, report.unchanged) == (1, 1)
    ada = Contact.objects.get(user=alice, name="Ada Quillfeather")
    assert sorted(t.name for t in ada.tags.all()) == ["berlin", "mentor", "python"]


def test_a_broken_card_is_reported_and_the_others_import(alice):
    broken = "BEGIN:VCARD\r\nVERSION:3.0\r\nthis is not a property\r\nEND:VCARD\r\n"
    nameless = "BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:x@example.org\r\nEND:VCARD\r\n"
    unfinished = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Never Ends\r\n"
    report = run(alice, CARDS + broken + nameless + unfinished)
    assert report.created == 2
    reasons = dict(report.skipped)
    assert "starting on line 18 could not be read" in reasons[3]
    assert reasons[4] == "no name"
    assert "no END:VCARD" in reasons[5]


def test_a_file_without_cards_is_refused(alice):
    assert "No vCards" in run(alice, "hello\r\n").error
    assert "No vCards" in run(alice, b"").error


def test_an_exported_card_is_vcard_3_and_imports_back_unchanged(alice, bob):
    ada = make_contact(
        alice,
        "Ada Quillfeather",
        email="ada@example.org",
        phone="+49 30 1234567",
        company_name="Engines, Ltd",
        title="Engineer",
        linkedin_url="https://www.linkedin.com/in/ada-q",
        notes="Line one\nLine two; with, punctuation",
    )
    ada.tags.set(Tag.objects.named(alice, ["mentor", "python"]))
    card = contact_card(ada, ["mentor", "python"])
    parsed = vobject.readOne(card, validate=True)
    assert parsed.version.value == "3.0"
    assert parsed.fn.value == "Ada Quillfeather"
    assert parsed.n.value.family == "Quillfeather"
    assert "\r\n" in card

    assert run(alice, card).unchanged == 1
    assert run(bob, card).created == 1
    copy = Contact.objects.get(user=bob)
    for field in ("name", "email", "phone", "company_name", "title", "linkedin_url", "notes"):
        assert getattr(copy, field) == getattr(ada, field)
    assert sorted(t.name for t in copy.tags.all()) == ["mentor", "python"]


def test_the_export_views_give_one_or_all_contacts(alice_client, alice):
    make_contact(alice, "Ada Example", email="ada@example.org")
    make_contact(alice, "Bea Example")
    everyone = alice_client.get(reverse("network:export_vcards"))
    assert everyone["Content-Type"].startswith("text/vcard")
    body = b"".join(everyone.streaming_content).decode()
    assert [c.fn.value for c in vobject.readComponents(body)] == ["Ada Example", "Bea Example"]
    one = alice_client.get(
        reverse("network:contact_vcard", args=[Contact.objects.get(name="Ada Example").pk])
    )
    assert 'filename="Ada-Example.vcf"' in one["Content-Disposition"]
    assert vobject.readOne(one.content.decode()).email.value == "ada@example.org"


def test_the_export_holds_only_the_users_contacts(alice_client, alice, bob):
    make_contact(bob, "Bob's Friend")
    body = b"".join(alice_client.get(reverse("network:export_vcards")).streaming_content)
    assert b"Friend" not in body


def test_the_upload_shows_a_summary(alice_client, alice):
    upload = SimpleUploadedFile("contacts.vcf", CARDS.encode(), content_type="text/vcard")
    response = alice_client.post(reverse("network:import_vcard"), {"file": upload})
    page = alice_client.get(response["Location"]).content.decode()
    assert "Imported your vCards" in page and "<strong>2</strong> added" in page


PROPERTY = st.sampled_from(
    ["FN", "N", "EMAIL", "TEL", "ORG", "TITLE", "URL", "NOTE", "CATEGORIES", "PHOTO", "X-Y"]
)
VALUE = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=20)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=600))
def test_arbitrary_bytes_never_crash_the_vcard_importer(alice, data):
    data = b"BEGIN:VCARD\r\n" + data
    before = Contact.objects.filter(user=alice).count()
    report = run(alice, data)
    added = Contact.objects.filter(user=alice).count() - before
    if report.error:
        assert (report.created, report.updated, report.unchanged, added) == (0, 0, 0, 0)
    else:
        # Each card read is added, updated, unchanged or skipped with a reason, exactly once.
        reading = ImportReport(what="card")
        cards = list(read_cards(io.BytesIO(data), reading))
        assert report.total + report.skipped_count == len(cards) + reading.skipped_count
        assert report.total + report.skipped_count <= len(data.splitlines())
        assert added == report.created
        assert len(report.skipped) == report.skipped_count
        assert all(reason for _, reason in report.skipped)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cards=st.lists(
        st.lists(st.tuples(PROPERTY, st.sampled_from(["", ";TYPE=pref", ";ENCODING=b"]), VALUE)),
        max_size=4,
    )
)
def test_arbitrary_cards_import_or_report(alice, cards):
    text = "".join(
        "BEGIN:VCARD\r\nVERSION:3.0\r\n"
        + "".join(f"{name}{param}:{value}\r\n" for name, param, value in card)
        + "END:VCARD\r\n"
        for card in cards
    )
    before = Contact.objects.filter(user=alice).count()
    report = run(alice, text)
    assert Contact.objects.filter(user=alice).count() - before == report.created
    assert report.total + report.skipped_count == len(cards) or report.error
