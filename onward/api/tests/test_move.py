from datetime import timedelta

from django.utils import timezone

from onward.testing import make_application, move, stage


def test_it_moves_and_records_the_history(alice, alice_api):
    application = make_application(alice, "Applied", when=timezone.now() - timedelta(days=5))
    screening = stage(alice, "Screening")

    response = alice_api.post(
        f"/api/applications/{application.pk}/move",
        {"stage_id": screening.pk, "note": "Recruiter called"},
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["moved"] is True
    assert body["application"]["stage"] == "Screening"
    assert body["change"]["from_stage"] == "Applied"
    assert body["change"]["note"] == "Recruiter called"
    history = alice_api.get(f"/api/applications/{application.pk}/history").json()
    assert [(h["from_stage"], h["to_stage"]) for h in history] == [
        (None, "Applied"),
        ("Applied", "Screening"),
    ]


def test_it_back_dates_a_move(alice, alice_api):
    application = make_application(alice, "Applied", when=timezone.now() - timedelta(days=10))
    when = timezone.now() - timedelta(days=3)

    response = alice_api.post(
        f"/api/applications/{application.pk}/move",
        {"stage_id": stage(alice, "Rejected").pk, "when": when.isoformat()},
    )

    assert response.status_code == 200
    application.refresh_from_db()
    assert application.stage_changed_at == when


def test_it_reads_a_date_without_offset_in_the_users_time_zone(alice, alice_api):
    import zoneinfo

    from onward.accounts.models import profile_for

    profile = profile_for(alice)
    profile.time_zone = "America/New_York"
    profile.save()
    new_york = zoneinfo.ZoneInfo("America/New_York")
    application = make_application(alice, "Applied", when=timezone.now() - timedelta(days=10))
    naive = (timezone.localtime(timezone=new_york) - timedelta(days=2)).replace(
        tzinfo=None, microsecond=0
    )

    response = alice_api.post(
        f"/api/applications/{application.pk}/move",
        {"stage_id": stage(alice, "Screening").pk, "when": naive.isoformat()},
    )

    assert response.status_code == 200
    application.refresh_from_db()
    local = timezone.localtime(application.stage_changed_at, new_york)
    assert local.replace(tzinfo=None) == naive


def test_it_refuses_a_move_dated_before_the_previous_one(alice, alice_api):
    application = make_application(alice, "Applied", when=timezone.now() - timedelta(days=2))

    response = alice_api.post(
        f"/api/applications/{application.pk}/move",
        {
            "stage_id": stage(alice, "Screening").pk,
            "when": (timezone.now() - timedelta(days=5)).isoformat(),
        },
    )

    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["loc"] == ["when"]
    assert "before the previous one" in detail[0]["msg"]
    assert application.stage_changes.count() == 1


def test_it_refuses_a_move_dated_in_the_future(alice, alice_api):
    application = make_application(alice)

    response = alice_api.post(
        f"/api/applications/{application.pk}/move",
        {
            "stage_id": stage(alice, "Screening").pk,
            "when": (timezone.now() + timedelta(days=1)).isoformat(),
        },
    )

    assert response.status_code == 422


def test_it_refuses_another_users_stage(alice, bob, alice_api):
    application = make_application(alice)

    response = alice_api.post(
        f"/api/applications/{application.pk}/move", {"stage_id": stage(bob, "Offer").pk}
    )

    assert response.status_code == 422
    assert response.json()["detail"] == [{"loc": ["stage_id"], "msg": "No such stage."}]
    application.refresh_from_db()
    assert application.stage.name == "Applied"


def test_it_records_nothing_when_moving_to_the_current_stage(alice, alice_api):
    application = make_application(alice, "Applied")

    response = alice_api.post(
        f"/api/applications/{application.pk}/move", {"stage_id": stage(alice, "Applied").pk}
    )

    assert response.status_code == 200
    assert response.json()["moved"] is False
    assert response.json()["change"] is None
    assert application.stage_changes.count() == 1


def test_it_lists_the_users_stages_in_order(alice, alice_api):
    names = [s["name"] for s in alice_api.get("/api/stages").json()]

    assert names[:3] == ["Wishlist", "Applied", "Screening"]
    assert len(names) == 10


def test_the_api_redates_and_removes_moves(alice, alice_api, bob_api):
    application = make_application(alice, "Applied", when=timezone.now() - timedelta(days=20))
    change = move(application, "Screening")
    url = f"/api/applications/{application.pk}/history/{change.pk}"
    assert (
        bob_api.patch(url, {"when": (timezone.now() - timedelta(days=5)).isoformat()}).status_code
        == 404
    )
    bad = alice_api.patch(url, {"when": (timezone.now() - timedelta(days=30)).isoformat()})
    assert bad.status_code == 422 and "before the move before it" in str(bad.json())
    ok = alice_api.patch(url, {"when": (timezone.now() - timedelta(days=5)).isoformat()})
    assert ok.status_code == 200, ok.json()
    assert application.stage_changes.get(pk=change.pk).changed_at < timezone.now() - timedelta(
        days=4
    )
    assert alice_api.delete(url).status_code == 204
    assert application.stage_changes.count() == 1
