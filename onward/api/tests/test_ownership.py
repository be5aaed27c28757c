"""Every API route with an id answers 404 for another user's object, and changes nothing."""

import pytest

from onward.pipeline.models import Application, Company, Interview
from onward.testing import make_application, make_company, make_contact, make_interview, stage


@pytest.fixture
def bobs(bob):
    application = make_application(bob, "Applied")
    make_interview(application)
    return {
        "application": application.pk,
        "company": make_company(bob, "Bob's company").pk,
        "contact": make_contact(bob).pk,
    }


ROUTES = [
    ("get", "/api/applications/{application}", None),
    ("patch", "/api/applications/{application}", {"title": "Mine now"}),
    ("delete", "/api/applications/{application}", None),
    ("post", "/api/applications/{application}/move", "move"),
    ("get", "/api/applications/{application}/history", None),
    ("get", "/api/applications/{application}/interviews", None),
    ("post", "/api/applications/{application}/interviews", "interview"),
    ("get", "/api/companies/{company}", None),
    ("get", "/api/contacts/{contact}", None),
]


@pytest.mark.parametrize(("method", "path", "body"), ROUTES)
def test_it_answers_404_for_another_users_object(alice, alice_api, bobs, method, path, body):
    if body == "move":
        body = {"stage_id": stage(alice, "Offer").pk}
    elif body == "interview":
        body = {"round_name": "Screen", "kind": "technical", "starts_at": "2024-05-01T10:00Z"}
    call = getattr(alice_api, method)
    url = path.format(**bobs)

    response = call(url, body) if body else call(url)

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    bobs_application = Application.objects.get(pk=bobs["application"])
    assert bobs_application.title != "Mine now"
    assert bobs_application.stage_changes.count() == 1
    assert Interview.objects.filter(application=bobs_application).count() == 1
    assert Company.objects.filter(pk=bobs["company"]).exists()


def test_it_lists_none_of_another_users_objects(bob, alice_api, bobs):
    for path in ["/api/applications", "/api/companies", "/api/contacts"]:
        assert alice_api.get(path).json() == {"items": [], "count": 0}
    stage_ids = {s["id"] for s in alice_api.get("/api/stages").json()}
    assert not stage_ids & {s.pk for s in bob.stage_set.all()}
