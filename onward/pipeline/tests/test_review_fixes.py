"""Edge cases found in review: concurrent moves, stale edit forms, odd 'next' values, absurd
dates and names that normalise to something longer."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from onward.core.naming import company_key
from onward.pipeline.models import Company, Interview
from onward.testing import make_application, make_company, make_user, stage


def test_a_plain_next_value_is_a_path_not_a_url_name(alice_client, alice):
    application = make_application(alice, "Applied")
    url = reverse("pipeline:application_move", args=[application.pk])
    response = alice_client.post(url, {"stage": stage(alice, "Screening").pk, "next": "foo"})
    assert (response.status_code, response["Location"]) == (302, "foo")
    response = alice_client.post(url, {"stage": stage(alice, "Interviewing").pk, "next": "home"})
    assert response["Location"] == "home"


@pytest.mark.django_db(transaction=True)
def test_moves_at_the_same_moment_are_recorded_once():
    user = make_user("sam")
    application = make_application(user, "Applied", when=timezone.now() - timedelta(days=1))
    screening = stage(user, "Screening")
    start = threading.Barrier(4)
    errors = []

    def move():
        client = Client()
        client.force_login(user)
        try:
            start.wait()
            url = reverse("pipeline:application_move", args=[application.pk])
            client.post(url, {"stage": screening.pk})
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=move) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert [c.to_stage.name for c in application.stage_changes.all()] == ["Applied", "Screening"]


def test_saving_a_stale_edit_form_keeps_a_move_made_meanwhile(alice_client, alice):
    application = make_application(alice, "Applied", when=timezone.now() - timedelta(days=3))
    url = reverse("pipeline:application_edit", args=[application.pk])
    shown = alice_client.get(url).context["form"]
    posted = {
        name: shown[name].value() if shown[name].value() is not None else ""
        for name in shown.fields
    }
    posted["initial-stage"] = posted["stage"]  # the hidden copy of the stage the form showed
    application.move_to(stage(alice, "Screening"))  # on the board, in another tab
    posted["title"] = "Renamed"
    response = alice_client.post(url, posted)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.title == "Renamed"
    assert application.stage.name == "Screening"
    assert [c.to_stage.name for c in application.stage_changes.all()] == ["Applied", "Screening"]


def test_it_refuses_moves_and_interviews_at_absurd_dates(alice):
    application = make_application(alice, "Applied")
    with pytest.raises(ValidationError, match="too far in the past"):
        application.move_to(stage(alice, "Screening"), when=datetime(1, 1, 1, tzinfo=UTC))
    interview = Interview(
        application=application, round_name="x", kind="technical",
        starts_at=datetime(9999, 12, 31, 23, tzinfo=UTC),
    )  # fmt: skip
    with pytest.raises(ValidationError, match="too far in the future"):
        interview.full_clean()


def test_a_name_that_normalises_longer_still_fits(alice):
    name = "a&" * 99 + "z"
    assert len(company_key(name)) <= Company._meta.get_field("name_key").max_length
    company = make_company(alice, name)
    assert Company.objects.get(pk=company.pk).name == name
