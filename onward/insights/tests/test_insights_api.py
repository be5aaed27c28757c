"""The insights over the API: the same numbers as the page, for the token's owner only."""

import pytest
from django.test import Client

from onward.accounts.models import ApiToken


def api_for(user) -> Client:
    _, raw = ApiToken.issue(user, "tests")
    return Client(headers={"Authorization": f"Bearer {raw}"})


@pytest.fixture
def alice_api(alice):
    return api_for(alice)


def test_it_needs_a_token():
    assert Client().get("/api/insights").status_code == 401
    assert Client().get("/api/insights/breakdown").status_code == 401


def test_it_answers_the_funnel_with_counts_and_intervals(alice_api, search):
    body = alice_api.get("/api/insights").json()
    assert [s["name"] for s in body["steps"]] == [
        "Applied", "Screening", "Interviewing", "Final round", "Offer", "Accepted",
    ]  # fmt: skip
    assert [s["reached"] for s in body["steps"]] == [10, 5, 3, 2, 1, 1]
    applied = body["steps"][0]
    assert (applied["to_next_step"]["k"], applied["to_next_step"]["n"]) == (5, 8)
    assert applied["still_waiting"] == 2
    assert body["steps"][-1]["to_next_step"] is None
    reply = body["reply_rate"]
    assert (reply["k"], reply["n"], reply["too_little_data"]) == (7, 9, False)
    assert 0 < reply["low"] < 7 / 9 < reply["high"] < 1
    assert body["outcomes"] == {
        "rejected": 4, "ghosted": 1, "withdrawn": 1, "offer": 0, "accepted": 1, "open": 3,
    }  # fmt: skip
    # Every application leaves the Sankey diagram once (accepted ones end at their step).
    steps = {s["name"] for s in body["steps"]}
    exits = sum(f["value"] for f in body["sankey"] if f["target"] not in steps)
    assert exits + body["outcomes"]["accepted"] == 10
    assert isinstance(body["findings"], list) and body["missing"]


def test_it_filters_like_the_page(alice_api, search):
    body = alice_api.get("/api/insights", {"include_wishlist": "true"}).json()
    assert body["steps"][0]["name"] == "Wishlist"
    february = alice_api.get("/api/insights", {"start": "2026-02-01", "end": "2026-02-28"}).json()
    assert february["steps"][0]["reached"] < 10


def test_it_refuses_a_range_that_ends_before_it_starts(alice_api, search):
    response = alice_api.get("/api/insights", {"start": "2026-03-01", "end": "2026-02-01"})
    assert response.status_code == 422
    assert "The end date is before the start date." in response.content.decode()
    assert alice_api.get("/api/insights", {"start": "someday"}).status_code == 422


def test_it_breaks_the_funnel_down(alice_api, search):
    groups = {g["key"]: g for g in alice_api.get("/api/insights/breakdown").json()}
    assert groups["referral"]["label"] == "Referral"
    assert groups["referral"]["applications"] == 4
    by_month = alice_api.get("/api/insights/breakdown", {"by": "month"}).json()
    assert {g["key"] for g in by_month} >= {"2026-02-01"}
    assert alice_api.get("/api/insights/breakdown", {"by": "salary"}).status_code == 422


def test_it_counts_only_the_token_owners_search(bob, search):
    body = api_for(bob).get("/api/insights").json()
    assert all(step["reached"] == 0 for step in body["steps"])
    assert body["sankey"] == [] and body["findings"] == []
    assert api_for(bob).get("/api/insights/breakdown").json() == []
