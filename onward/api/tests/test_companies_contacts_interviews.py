from datetime import timedelta

from django.utils import timezone

from onward.testing import make_application, make_company, make_contact, make_interview


def test_it_creates_lists_and_shows_companies(alice, alice_api):
    make_company(alice, "Acme")

    created = alice_api.post(
        "/api/companies", {"name": "Globex", "website": "https://globex.example/"}
    )
    listed = alice_api.get("/api/companies").json()
    shown = alice_api.get(f"/api/companies/{created.json()['id']}")

    assert created.status_code == 201
    assert [c["name"] for c in listed["items"]] == ["Acme", "Globex"]
    assert shown.json()["website"] == "https://globex.example/"


def test_it_creates_lists_and_shows_contacts(alice, alice_api):
    make_contact(alice, "Zoe Zed")

    created = alice_api.post(
        "/api/contacts", {"name": "Ann Example", "email": "ann@acme.example", "title": "CTO"}
    )
    listed = alice_api.get("/api/contacts").json()
    found = alice_api.get("/api/contacts", {"q": "ann"}).json()
    shown = alice_api.get(f"/api/contacts/{created.json()['id']}")

    assert created.status_code == 201
    assert listed["count"] == 2
    assert [c["name"] for c in found["items"]] == ["Ann Example"]
    assert shown.json()["title"] == "CTO"


def test_it_adds_and_lists_an_applications_interviews(alice, alice_api):
    application = make_application(alice)
    make_interview(application, round_name="Phone screen", kind="phone_screen")
    interviewer = make_contact(alice, "Ian Terviewer")
    starts_at = timezone.now() + timedelta(days=3)

    created = alice_api.post(
        f"/api/applications/{application.pk}/interviews",
        {
            "round_name": "System design",
            "kind": "technical",
            "starts_at": starts_at.isoformat(),
            "interviewer_ids": [interviewer.pk],
        },
    )
    listed = alice_api.get(f"/api/applications/{application.pk}/interviews").json()

    assert created.status_code == 201, created.json()
    assert created.json()["interviewer_ids"] == [interviewer.pk]
    assert [i["round_name"] for i in listed] == ["Phone screen", "System design"]
    assert application.interviews.get(round_name="System design").interviewers.get() == interviewer


def test_it_serves_the_openapi_docs(db, client):
    assert client.get("/api/docs").status_code == 200
    schema = client.get("/api/openapi.json").json()
    assert "/api/applications/{application_id}/move" in schema["paths"]
    assert "/api/contacts/{contact_id}" in schema["paths"]
