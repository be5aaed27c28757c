from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from onward.pipeline.models import Application, Company
from onward.testing import make_application, make_company, stage

CREATE = reverse("pipeline:application_create")


def edit_url(application):
    return reverse("pipeline:application_edit", args=[application.pk])


def valid_data(alice, **overrides):
    if "company" not in overrides:
        overrides["company"] = make_company(alice, "Initech").pk
    data = {
        "title": "Backend engineer",
        "stage": stage(alice, "Applied").pk,
        "job_url": "https://acme.example/jobs/1",
        "location": "Berlin",
        "work_mode": "hybrid",
        "salary_min": "60000",
        "salary_max": "75000",
        "salary_currency": "eur",
        "source": "referral",
        "resume_version": "backend-2024",
        "applied_on": "",
        "excitement": "4",
        "description": "Build things.",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_it_creates_an_application_with_every_field(alice_client, alice):
    response = alice_client.post(CREATE, valid_data(alice))
    application = Application.objects.get(user=alice)
    assert response["Location"] == application.get_absolute_url()
    assert application.company.name == "Initech"
    assert (application.salary_min, application.salary_max) == (60000, 75000)
    assert application.salary_currency == "EUR"
    assert application.work_mode == "hybrid"
    assert application.excitement == 4


def test_it_records_the_first_stage_in_the_history(alice_client, alice):
    alice_client.post(CREATE, valid_data(alice, stage=stage(alice, "Screening").pk))
    application = Application.objects.get(user=alice)
    (change,) = application.stage_changes.all()
    assert change.from_stage is None
    assert change.to_stage.name == "Screening"
    assert application.stage.name == "Screening"


@time_machine.travel(datetime(2024, 3, 10, 12, 0, tzinfo=UTC), tick=False)
def test_the_first_move_is_dated_9am_on_the_date_applied_in_the_users_zone(
    alice_client, alice, paris
):
    alice_client.post(CREATE, valid_data(alice, applied_on="2024-03-04"))
    change = Application.objects.get(user=alice).stage_changes.get()
    assert change.changed_at == datetime(2024, 3, 4, 8, 0, tzinfo=UTC)  # 09:00 in Paris


@time_machine.travel(datetime(2024, 3, 10, 6, 0, tzinfo=UTC), tick=False)
def test_the_first_move_is_dated_now_when_9am_today_has_not_come_yet(alice_client, alice, paris):
    alice_client.post(CREATE, valid_data(alice, applied_on="2024-03-10"))
    change = Application.objects.get(user=alice).stage_changes.get()
    assert change.changed_at == timezone.now()


def test_a_new_company_can_be_typed_in(alice_client, alice):
    data = valid_data(alice, company="", new_company="Globex GmbH")
    alice_client.post(CREATE, data)
    assert Application.objects.get(user=alice).company.name == "Globex GmbH"


def test_a_typed_name_of_a_known_company_reuses_it(alice_client, alice):
    acme = make_company(alice, "Acme Inc.")
    alice_client.post(CREATE, valid_data(alice, company="", new_company="ACME"))
    assert Application.objects.get(user=alice).company == acme
    assert Company.objects.for_user(alice).filter(name_key="acme").count() == 1


def test_the_company_can_be_preselected_from_its_page(alice_client, alice):
    acme = make_company(alice, "Acme")
    form = alice_client.get(CREATE, {"company": acme.pk}).context["form"]
    assert form["company"].value() == acme.pk


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "This field is required."),
        ({"company": "", "new_company": ""}, "company", "Choose the company"),
        ({"company": "99999"}, "company", "Select a valid choice"),
        ({"company": "", "new_company": "!!!"}, "new_company", "letter or digit"),
        ({"salary_min": "90000", "salary_max": "50000"}, "salary_max", "at least the minimum"),
        ({"salary_min": "-5"}, "salary_min", "greater than or equal to 0"),
        ({"salary_max": "99999999999999999999"}, "salary_max", "less than or equal to"),
        ({"salary_min": "lots"}, "salary_min", "Enter a whole number"),
        ({"salary_currency": ""}, "salary_currency", "Give the currency"),
        ({"salary_currency": "E1"}, "salary_currency", "three-letter ISO currency code"),
        ({"job_url": "not a url"}, "job_url", "Enter a valid URL"),
        ({"job_url": "javascript:alert(1)"}, "job_url", "Enter a valid URL"),
        ({"applied_on": "2999-01-01"}, "applied_on", "cannot be in the future"),
        ({"applied_on": "1890-01-01"}, "applied_on", "too far in the past"),
        ({"applied_on": "2024-02-31"}, "applied_on", "Enter a valid date"),
        ({"excitement": "9"}, "excitement", "less than or equal to 5"),
        ({"work_mode": "underwater"}, "work_mode", "Select a valid choice"),
        ({"source": "carrier pigeon"}, "source", "Select a valid choice"),
        ({"stage": "abc"}, "stage", "Select a valid choice"),
        ({"title": "x" * 201}, "title", "at most 200 characters"),
        ({"title": "nul\x00byte"}, "title", "Null characters are not allowed"),
    ],
)
def test_it_refuses_bad_values_with_a_specific_message(
    alice_client, alice, overrides, field, message
):
    response = alice_client.post(CREATE, valid_data(alice, **overrides))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors
    assert not Application.objects.filter(user=alice).exists()


def test_it_refuses_another_users_company_and_stage(alice_client, alice, bob):
    data = valid_data(alice, company=make_company(bob).pk, stage=stage(bob, "Applied").pk)
    form = alice_client.post(CREATE, data).context["form"]
    assert set(form.errors) == {"company", "stage"}


class TestEarlierLoss:
    """Adding to a company where an earlier application was lost says so on the form."""

    @pytest.fixture
    def lost_in_march(self, alice):
        acme = make_company(alice, "Acme")
        with time_machine.travel(datetime(2024, 3, 5, 12, tzinfo=UTC)):
            old = make_application(alice, "Applied", company=acme, title="Data engineer")
            old.applied_on = timezone.localdate()
            old.save()
            old.move_to(stage(alice, "Final round"))
            old.move_to(stage(alice, "Rejected"))
        return old

    def test_it_says_when_and_how_it_ended_with_a_link(self, alice_client, lost_in_march):
        content = alice_client.get(CREATE, {"company": lost_in_march.company_id}).content.decode()
        assert "You applied here in March 2024" in content
        assert "rejected after Final round" in content
        assert f'href="{lost_in_march.get_absolute_url()}"' in content

    def test_it_answers_htmx_with_the_notice_alone(self, alice_client, lost_in_march):
        response = alice_client.get(
            CREATE, {"company": lost_in_march.company_id}, HTTP_HX_REQUEST="true"
        )
        content = response.content.decode()
        assert content.lstrip().startswith('<div id="company-history"')
        assert "rejected after Final round" in content
        assert "<form" not in content

    def test_it_recognises_a_typed_company_name(self, alice_client, lost_in_march):
        response = alice_client.get(
            CREATE, {"company": "", "new_company": "acme, inc."}, HTTP_HX_REQUEST="true"
        )
        assert "You applied here in March 2024" in response.content.decode()

    def test_it_shows_the_notice_again_when_the_form_comes_back(
        self, alice_client, alice, lost_in_march
    ):
        data = valid_data(alice, company=lost_in_march.company_id, title="")
        assert "rejected after Final round" in alice_client.post(CREATE, data).content.decode()

    def test_it_says_nothing_for_a_company_without_losses(self, alice_client, alice):
        acme = make_company(alice, "Acme")
        make_application(alice, "Interviewing", company=acme)
        content = alice_client.get(CREATE, {"company": acme.pk}).content.decode()
        assert "You applied here" not in content

    def test_the_select_asks_for_the_notice_through_htmx(self, alice_client):
        content = alice_client.get(CREATE).content.decode()
        assert f'hx-get="{CREATE}"' in content
        assert 'hx-target="#company-history"' in content

    def test_bob_learns_nothing_of_alices_companies(self, bob_client, lost_in_march):
        response = bob_client.get(CREATE, {"company": lost_in_march.company_id})
        assert "You applied here" not in response.content.decode()


class TestEdit:
    def test_it_saves_fields_without_touching_the_history(self, alice_client, alice):
        application = make_application(alice, "Applied")
        data = valid_data(alice, stage=application.stage_id, title="Senior backend engineer")
        response = alice_client.post(edit_url(application), data)
        assert response["Location"] == application.get_absolute_url()
        application.refresh_from_db()
        assert application.title == "Senior backend engineer"
        assert application.stage_changes.count() == 1

    def test_a_stage_change_goes_through_the_history_with_date_and_note(self, alice_client, alice):
        application = make_application(alice, "Applied", when=timezone.now() - timedelta(days=10))
        when = timezone.localtime() - timedelta(days=2)
        data = valid_data(
            alice,
            stage=stage(alice, "Screening").pk,
            when=when.strftime("%Y-%m-%dT%H:%M"),
            stage_note="Recruiter called",
        )
        alice_client.post(edit_url(application), data)
        application.refresh_from_db()
        last = application.stage_changes.last()
        assert (last.from_stage.name, last.to_stage.name) == ("Applied", "Screening")
        assert last.note == "Recruiter called"
        assert last.changed_at == when.replace(second=0, microsecond=0)
        assert application.stage.name == "Screening"

    def test_a_move_dated_before_the_previous_one_is_a_form_error(self, alice_client, alice):
        application = make_application(alice, "Applied", when=timezone.now() - timedelta(days=5))
        too_early = (timezone.localtime() - timedelta(days=9)).strftime("%Y-%m-%dT%H:%M")
        data = valid_data(
            alice, stage=stage(alice, "Screening").pk, when=too_early, title="Changed title"
        )
        response = alice_client.post(edit_url(application), data)
        assert response.status_code == 200
        assert "before the previous one" in " ".join(response.context["form"].errors["when"])
        application.refresh_from_db()
        assert application.stage.name == "Applied"
        assert application.title != "Changed title"  # nothing half-saved
        assert application.stage_changes.count() == 1

    @pytest.mark.parametrize(
        ("when", "message"),
        [
            ("2999-01-01T10:00", "in the future"),
            ("1200-01-01T10:00", "too far in the past"),
            ("yesterday-ish", "Enter a valid date/time"),
        ],
    )
    def test_it_refuses_absurd_move_dates(self, alice_client, alice, when, message):
        application = make_application(alice, "Applied")
        data = valid_data(alice, stage=stage(alice, "Screening").pk, when=when)
        response = alice_client.post(edit_url(application), data)
        assert message in " ".join(response.context["form"].errors["when"])
        assert application.stage_changes.count() == 1

    def test_a_move_into_a_lost_stage_goes_to_the_debrief(
        self, alice_client, alice, debrief_answers
    ):
        application = make_application(alice, "Interviewing")
        data = valid_data(alice, stage=stage(alice, "Rejected").pk)
        assert alice_client.post(edit_url(application), data)["Location"] == debrief_answers

    def test_bob_cannot_edit(self, bob_client, alice):
        application = make_application(alice, "Applied")
        assert bob_client.get(edit_url(application)).status_code == 404
        data = {"title": "Hijacked", "stage": stage(alice, "Rejected").pk}
        assert bob_client.post(edit_url(application), data).status_code == 404


def test_deleting_asks_first_then_removes_the_application(alice_client, alice):
    application = make_application(alice, "Applied")
    url = reverse("pipeline:application_delete", args=[application.pk])
    assert "Delete for good" in alice_client.get(url).content.decode()
    assert alice_client.post(url)["Location"] == reverse("pipeline:application_list")
    assert not Application.objects.filter(pk=application.pk).exists()


def test_bob_cannot_delete(bob_client, alice):
    application = make_application(alice, "Applied")
    url = reverse("pipeline:application_delete", args=[application.pk])
    assert bob_client.post(url).status_code == 404
    assert Application.objects.filter(pk=application.pk).exists()


def test_a_move_date_is_ignored_when_the_stage_stays(alice_client, alice):
    application = make_application(alice, "Applied", when=timezone.now() - timedelta(days=2))
    long_ago = (timezone.localtime() - timedelta(days=30)).strftime("%Y-%m-%dT%H:%M")
    data = valid_data(alice, stage=application.stage_id, when=long_ago, title="Renamed")
    assert alice_client.post(edit_url(application), data).status_code == 302
    application.refresh_from_db()
    assert application.title == "Renamed"
    assert application.stage_changes.count() == 1
