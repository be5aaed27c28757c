from datetime import date

import pytest
from django.urls import reverse

from onward.strategy.models import Experiment


@pytest.fixture
def experiment(alice):
    return Experiment.objects.create(
        user=alice, title="Résumé v3", change_kind="resume", started_on=date(2026, 2, 1)
    )


def test_it_records_an_experiment(alice_client, alice):
    response = alice_client.post(
        reverse("strategy:experiment_create"),
        {
            "title": "More referrals",
            "change_kind": "referrals",
            "expectation": "More first replies",
            "started_on": "2026-02-01",
        },
    )
    experiment = Experiment.objects.get(user=alice)
    assert response.status_code == 302
    assert response.url == reverse("strategy:experiment_detail", args=[experiment.pk])
    assert experiment.expectation == "More first replies"


def test_it_refuses_an_end_before_the_start(alice_client, alice):
    response = alice_client.post(
        reverse("strategy:experiment_create"),
        {
            "title": "x",
            "change_kind": "other",
            "started_on": "2026-02-01",
            "ended_on": "2026-01-01",
        },
    )
    assert response.status_code == 200
    assert "The end date cannot be before the start date." in response.content.decode()
    assert not Experiment.objects.exists()


def test_it_lists_experiments_with_status_and_outcome(alice_client, experiment):
    html = alice_client.get(reverse("strategy:experiment_list")).content.decode()
    assert "Résumé v3" in html
    assert "running" in html
    assert "too little data" in html


def test_it_shows_the_before_and_after(alice_client, experiment):
    response = alice_client.get(reverse("strategy:experiment_detail", args=[experiment.pk]))
    assert response.status_code == 200
    assert "Before and after" in response.content.decode()


def test_it_edits_and_deletes(alice_client, experiment):
    url = reverse("strategy:experiment_edit", args=[experiment.pk])
    assert alice_client.get(url).status_code == 200
    response = alice_client.post(
        url,
        {
            "title": "Résumé v3",
            "change_kind": "resume",
            "started_on": "2026-02-01",
            "conclusion": "Kept it.",
        },
    )
    assert response.status_code == 302
    experiment.refresh_from_db()
    assert experiment.conclusion == "Kept it."
    delete = reverse("strategy:experiment_delete", args=[experiment.pk])
    assert alice_client.get(delete).status_code == 405
    assert alice_client.post(delete).status_code == 302
    assert not Experiment.objects.exists()


def test_it_hides_experiments_from_other_users(bob_client, experiment):
    for name in ("experiment_detail", "experiment_edit"):
        assert bob_client.get(reverse(f"strategy:{name}", args=[experiment.pk])).status_code == 404
    for name in ("experiment_edit", "experiment_delete"):
        url = reverse(f"strategy:{name}", args=[experiment.pk])
        assert bob_client.post(url, {"title": "mine"}).status_code == 404
    assert Experiment.objects.get().title == "Résumé v3"
    assert "Résumé v3" not in bob_client.get(reverse("strategy:experiment_list")).content.decode()


def test_it_knows_planned_running_and_ended(alice, time_machine):
    time_machine.move_to(date(2026, 3, 1))
    e = Experiment(user=alice, title="x", started_on=date(2026, 4, 1))
    assert e.status == "planned"
    e.started_on = date(2026, 2, 1)
    assert e.status == "running"
    e.ended_on = date(2026, 2, 20)
    assert e.status == "ended"
