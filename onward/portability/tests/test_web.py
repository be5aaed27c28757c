"""Settings → Your data, on the web."""

import io
import zipfile

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from onward.network.models import Contact
from onward.pipeline.models import Application
from onward.portability.catalogue import EXPORTED
from onward.testing import PASSWORD, make_application, make_contact

from .helpers import contents, export_bytes

User = get_user_model()


def upload(data: bytes, name: str = "onward.zip") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/zip")


def test_it_downloads_everything_as_a_zip(alice_client, alice, django_assert_max_num_queries):
    for i in range(30):
        make_application(alice, "Applied", title=f"Analyst {i}")
        make_contact(alice, f"Person {i}")
    # A count and a read per kind of record, the archive ids of the records a kind links to
    # (a query for each kind linked to), and the session's few: the bound follows the
    # catalogue, not the number of applications.
    with django_assert_max_num_queries(3 * len(EXPORTED) + 10):
        response = alice_client.get(reverse("portability:export"))
    assert response["Content-Type"] == "application/zip"
    assert 'filename="onward-alice-' in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    assert contents(data) == contents(export_bytes(alice))


def test_it_shows_the_page_in_few_queries(alice_client, alice, django_assert_max_num_queries):
    make_application(alice, "Applied")
    with django_assert_max_num_queries(45):
        response = alice_client.get(reverse("portability:index"))
    assert b"Download everything" in response.content
    assert b"1 applications" in response.content


def test_it_checks_an_export_then_imports_it_once_confirmed(alice, bob, client):
    make_application(alice, "Interviewing", title="Designer")
    make_contact(alice, "Jo March")
    data = export_bytes(alice)
    client.force_login(bob)
    response = client.post(reverse("portability:import_preview"), {"file": upload(data)})
    assert response.status_code == 200
    assert b"Importing it adds" in response.content
    assert not Application.objects.for_user(bob).exists()  # nothing saved yet

    response = client.post(reverse("portability:import_confirm"))
    assert response.status_code == 302
    assert Application.objects.get(user=bob).title == "Designer"
    assert Contact.objects.get(user=bob).name == "Jo March"
    # The upload kept between the two steps is gone.
    response = client.post(reverse("portability:import_confirm"))
    assert Application.objects.for_user(bob).count() == 1


def test_it_says_why_an_upload_is_refused_and_saves_nothing(bob_client, bob):
    response = bob_client.post(reverse("portability:import_preview"), {"file": upload(b"junk")})
    assert response.status_code == 400
    assert b"Nothing was imported. This is not a zip file" in response.content
    response = bob_client.post(reverse("portability:import_preview"), {})
    assert response.status_code == 400
    response = bob_client.post(reverse("portability:import_confirm"))
    assert response.status_code == 302
    assert not Application.objects.for_user(bob).exists()


def test_it_cannot_confirm_someone_elses_pending_import(alice, bob, client):
    make_application(alice, "Applied")
    client.force_login(alice)
    client.post(reverse("portability:import_preview"), {"file": upload(export_bytes(alice))})
    client.force_login(bob)  # a new session: nothing of alice's is pending for bob
    client.post(reverse("portability:import_confirm"))
    assert not Application.objects.for_user(bob).exists()


def test_it_deletes_the_account_only_with_the_password(alice_client, alice, bob):
    make_application(alice, "Applied")
    page = alice_client.get(reverse("portability:delete_account"))
    assert b"Download everything first" in page.content
    assert b"the only account" not in page.content  # bob has one too
    response = alice_client.post(reverse("portability:delete_account"), {"password": "wrong"})
    assert response.status_code == 400
    assert b"That is not your password." in response.content
    assert User.objects.filter(pk=alice.pk).exists()

    response = alice_client.post(reverse("portability:delete_account"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(username="alice").exists()
    assert not Application.objects.filter(user_id=alice.pk).exists()
    assert alice_client.get(reverse("pipeline:board")).status_code == 302  # logged out
    assert User.objects.filter(pk=bob.pk).exists()


def test_it_tells_the_only_account_what_happens(alice_client):
    page = alice_client.get(reverse("portability:delete_account"))
    assert b"This is the only account on this Onward" in page.content


def test_it_asks_visitors_to_log_in(client):
    for name in ["index", "export", "delete_account"]:
        response = client.get(reverse(f"portability:{name}"))
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_zip_is_a_real_zip(alice_client):
    response = alice_client.get(reverse("portability:export"))
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        assert archive.testzip() is None


def test_it_maps_a_spreadsheet_previews_it_and_imports_on_confirmation(alice_client, alice):
    from onward.pipeline.models import Stage

    from .test_trackers import SPREADSHEET

    response = alice_client.post(
        reverse("portability:spreadsheet_upload"),
        {"file": SimpleUploadedFile("search.csv", SPREADSHEET, content_type="text/csv")},
    )
    assert response.status_code == 302
    page = alice_client.get(reverse("portability:spreadsheet_map"))
    assert b"The first rows" in page.content and b"Hooli" in page.content
    assert b"Skipped: no company." in page.content
    assert not Application.objects.for_user(alice).exists()  # nothing saved yet

    form = page.context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    words = page.context["words"]
    withdrawn = Stage.objects.get(user=alice, name="Withdrawn").pk
    # Offers go to Withdrawn instead; the salary column is skipped.
    status_fields = {f.name: f.label for f in form if f.name.startswith("status_")}
    for name, label in status_fields.items():
        if label == "Offer":
            data[name] = withdrawn
    data["column_5"] = ""
    response = alice_client.post(
        reverse("portability:spreadsheet_map"), {**data, "words": words, "action": "import"}
    )
    assert response.status_code == 302
    piper = Application.objects.get(user=alice, title="Engineer")
    assert piper.stage_id == withdrawn and "Salary" not in piper.notes
    assert Application.objects.for_user(alice).count() == 2
    page = alice_client.get(reverse("portability:index"))
    assert b"Row 4: no company." in page.content


def test_it_refuses_a_mapping_without_company_and_an_unreadable_upload(alice_client, alice):
    from .test_trackers import HUNTR

    alice_client.post(
        reverse("portability:spreadsheet_upload"),
        {"file": SimpleUploadedFile("huntr.csv", HUNTR, content_type="text/csv")},
    )
    page = alice_client.get(reverse("portability:spreadsheet_map"))
    assert b"Read as a Huntr export" in page.content
    data = {k: v for k, v in page.context["form"].initial.items() if not k.startswith("column_")}
    response = alice_client.post(
        reverse("portability:spreadsheet_map"),
        {**data, "words": page.context["words"], "action": "import"},
    )
    assert response.status_code == 400
    assert b"column that holds the company" in response.content
    assert not Application.objects.for_user(alice).exists()
    response = alice_client.post(
        reverse("portability:spreadsheet_upload"),
        {"file": SimpleUploadedFile("x.csv", b"", content_type="text/csv")},
    )
    assert response.status_code == 400
