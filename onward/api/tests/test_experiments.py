"""Strategy experiments over the API: record a change, read the before/after comparison."""

from datetime import UTC, datetime

import pytest
import time_machine

from onward.strategy.models import Experiment
from onward.testing import bulk_applications

NOW = datetime(2026, 3, 31, 12, 0, tzinfo=UTC)

ROUTES = [
    ("get", "/api/experiments"),
    ("post", "/api/experiments"),
    ("get", "/api/experiments/1"),
    ("patch", "/api/experiments/1"),
    ("delete", "/api/experiments/1"),
]


def at(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 9, 0, tzinfo=UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def search(alice, frozen):
    """Before 1 February few replies (3 of 12); after it, many (10 of 12)."""
    replied = lambda m, d: [("Applied", at(m, d)), ("Screening", at(m, d + 4))]  # noqa: E731
    silent = lambda m, d: [("Applied", at(m, d)), ("Ghosted", at(m, d + 20))]  # noqa: E731
    bulk_applications(alice, [replied(1, 5)] * 3 + [silent(1, 6)] * 9)
    bulk_applications(alice, [replied(2, 5)] * 10 + [silent(2, 6)] * 2)


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_it_answers_401_without_a_token(anonymous_api, method, path):
    assert getattr(anonymous_api, method)(path).status_code == 401


def test_it_records_an_experiment_and_compares_before_and_after(alice_api, search):
    response = alice_api.post(
        "/api/experiments",
        {"title": "Referrals first", "change_kind": "referrals", "started_on": "2026-02-01"},
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["title"], body["status"], body["ended_on"]) == ("Referrals first", "running", None)
    reply = body["comparison"]["measures"][0]
    assert reply["measure"] == "Got a reply"
    assert (reply["before"]["k"], reply["before"]["n"]) == (3, 12)
    assert (reply["after"]["k"], reply["after"]["n"]) == (10, 12)
    assert reply["verdict"] == "better" and 0 < reply["low"] < reply["change"] < reply["high"]
    assert body["comparison"]["verdict"] == "Better after the change, beyond noise."
    assert alice_api.get(f"/api/experiments/{body['id']}").json() == body


def test_it_says_within_noise_when_it_is(alice_api, alice, frozen):
    bulk_applications(alice, [[("Applied", at(1, 5)), ("Screening", at(1, 9))]] * 6)
    bulk_applications(alice, [[("Applied", at(1, 5)), ("Ghosted", at(1, 29))]] * 4)
    bulk_applications(alice, [[("Applied", at(2, 5)), ("Screening", at(2, 9))]] * 5)
    bulk_applications(alice, [[("Applied", at(2, 5)), ("Ghosted", at(2, 28))]] * 5)
    body = alice_api.post(
        "/api/experiments", {"title": "New résumé", "started_on": "2026-02-01"}
    ).json()
    assert body["comparison"]["measures"][0]["verdict"] == "within noise"


def test_it_lists_updates_and_deletes(alice_api, alice, frozen):
    experiment = Experiment.objects.create(user=alice, title="LinkedIn", started_on=at(2, 1))
    listed = alice_api.get("/api/experiments").json()
    assert [e["title"] for e in listed["items"]] == ["LinkedIn"] and listed["count"] == 1
    patched = alice_api.patch(
        f"/api/experiments/{experiment.pk}",
        {"ended_on": "2026-03-01", "conclusion": "Keep it."},
    ).json()
    assert (patched["ended_on"], patched["status"], patched["conclusion"]) == (
        "2026-03-01",
        "ended",
        "Keep it.",
    )
    assert alice_api.delete(f"/api/experiments/{experiment.pk}").status_code == 204
    assert not Experiment.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "X", "started_on": "2026-03-01", "ended_on": "2026-02-01"}, "ended_on"),
        ({"title": "X", "started_on": "0001-01-01"}, "started_on"),
        ({"title": "", "started_on": "2026-03-01"}, "title"),
        ({"title": "X", "started_on": "2026-03-01", "change_kind": "luck"}, "change_kind"),
        ({"title": "X", "started_on": "2026-03-01", "owner": 2}, "owner"),
    ],
)
def test_it_refuses_bad_input_with_the_field(alice_api, frozen, body, field):
    response = alice_api.post("/api/experiments", body)
    assert response.status_code == 422
    assert field in str(response.json()["detail"])
    assert not Experiment.objects.exists()


def test_a_patch_keeps_the_rules(alice_api, alice, frozen):
    experiment = Experiment.objects.create(user=alice, title="X", started_on=at(2, 1))
    url = f"/api/experiments/{experiment.pk}"
    assert alice_api.patch(url, {"ended_on": "2026-01-01"}).status_code == 422
    assert alice_api.patch(url, {"title": None}).status_code == 422
    experiment.refresh_from_db()
    assert (experiment.title, experiment.ended_on) == ("X", None)


def test_another_users_experiment_is_a_404(bob_api, alice, frozen):
    experiment = Experiment.objects.create(user=alice, title="Mine", started_on=at(2, 1))
    url = f"/api/experiments/{experiment.pk}"
    assert bob_api.get(url).status_code == 404
    assert bob_api.patch(url, {"title": "Theirs"}).status_code == 404
    assert bob_api.delete(url).status_code == 404
    assert bob_api.get("/api/experiments").json()["count"] == 0
    assert Experiment.objects.get().title == "Mine"
