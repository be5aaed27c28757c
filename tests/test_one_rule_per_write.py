"""The web, the API (and the CLI) write through the same domain functions, so a rule cannot
say one thing on the page and another over the API. Each example below drifted before."""

from datetime import date, datetime, time

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from onward.accounts.models import profile_for
from onward.api.tests.conftest import client_for
from onward.core.reminders.models import Reminder, ReminderKind
from onward.network.models import Contact
from onward.pipeline.models import Application, ApplicationContact
from onward.routine.models import ActivityLog
from onward.testing import (
    link_contact,
    make_application,
    make_company,
    make_contact,
    make_debrief,
    stage,
)
from onward.wellbeing.models import MoodCheckIn

pytestmark = pytest.mark.django_db

NOW = datetime(2024, 5, 15, 14, 0).astimezone()


def web_create(client, user, **fields):
    data = {"title": "Engineer", "new_company": "Acme", "stage": stage(user, "Applied").pk}
    data.update(fields)
    return client.post(reverse("pipeline:application_create"), data)


def api_create(user, **fields):
    body = {"title": "Engineer", "company_name": "Acme"}
    body.update(fields)
    return client_for(user).post("/api/applications", body)


@time_machine.travel("2024-05-15 14:00Z", tick=False)
def test_the_first_move_is_dated_9am_on_the_day_applied_on_the_web_and_the_api(alice_client, alice):
    profile = profile_for(alice)
    profile.time_zone = "Europe/Berlin"
    profile.save()
    assert web_create(alice_client, alice, applied_on="2024-05-10").status_code == 302
    assert api_create(alice, applied_on="2024-05-10").status_code == 201
    first, second = Application.objects.order_by("pk")
    for application in (first, second):
        change = application.stage_changes.get()
        assert change.changed_at == datetime.combine(
            date(2024, 5, 10), time(9), tzinfo=profile.zone
        )
        assert application.stage_changed_at == change.changed_at


def test_a_title_of_spaces_is_refused_on_the_web_and_the_api(alice_client, alice):
    page = web_create(alice_client, alice, title="   ")
    assert page.status_code == 200 and "title" in page.context["form"].errors
    answer = api_create(alice, title="   ")
    assert answer.status_code == 422
    assert "title" in answer.content.decode()
    assert not Application.objects.exists()


def test_a_lower_case_currency_is_taken_as_its_code_on_the_web_and_the_api(alice_client, alice):
    web_create(alice_client, alice, salary_min="50000", salary_currency="eur")
    assert api_create(alice, salary_min=50000, salary_currency="eur").status_code == 201
    assert list(Application.objects.values_list("salary_currency", flat=True)) == ["EUR", "EUR"]


def test_a_refused_application_leaves_no_new_company_behind(alice):
    assert (
        api_create(alice, company_name="Brand New Ltd", salary_currency="euro").status_code == 422
    )
    assert not alice.company_set.exists()


def test_a_mood_check_in_in_a_debrief_ticks_the_step_on_the_web_and_the_api(alice_client, alice):
    web_debrief, api_debrief = make_debrief(alice), make_debrief(alice)
    url = reverse("wellbeing:debrief_mood_add", args=[web_debrief.pk])
    assert alice_client.post(url, {"mood": "2", "energy": ""}).status_code == 302
    answer = client_for(alice).post("/api/mood", {"mood": 2, "debrief_id": api_debrief.pk})
    assert answer.status_code == 201
    for debrief in (web_debrief, api_debrief):
        assert MoodCheckIn.objects.filter(debrief=debrief).count() == 1
        assert debrief.steps.get(habit="stay_positive").state == "done"


def test_logging_an_activity_applies_the_same_rules_on_the_web_and_the_api(alice_client, alice):
    page = alice_client.post(reverse("routine:activity_add"), {"kind": "learning", "on": ""})
    assert page.status_code == 400
    answer = client_for(alice).post("/api/activities", {"kind": "learning"})
    assert answer.status_code == 422 and "hours" in answer.content.decode()
    assert not ActivityLog.objects.exists()
    assert client_for(alice).post("/api/activities", {"kind": "practice"}).status_code == 201
    assert ActivityLog.objects.get().kind == "practice"


def test_linking_someone_new_twice_in_the_same_role_creates_nobody(alice_client, alice):
    application = make_application(alice, company=make_company(alice, "Acme"))
    mia = make_contact(alice, "Mia")
    link_contact(application, mia, "recruiter")
    url = reverse("pipeline:application_contact_create", args=[application.pk])
    page = alice_client.post(url, {"contact": mia.pk, "role": "recruiter"})
    assert page.status_code == 200 and "already linked" in page.content.decode()
    assert ApplicationContact.objects.count() == 1
    page = alice_client.post(url, {"new_name": "  Noor   Haddad ", "role": "interviewer"})
    assert page.status_code == 302
    assert Contact.objects.get(name="Noor Haddad").company_name == "Acme"


def test_staying_in_touch_after_a_debrief_is_one_write(alice_client, alice, bob):
    debrief = make_debrief(alice)
    interviewer = make_contact(alice, "Ines Interviewer", linkedin_url="linkedin.com/in/ines")
    link_contact(debrief.application, interviewer, "interviewer")
    url = reverse("debrief:stay_in_touch", args=[debrief.pk])
    page = alice_client.post(
        url, {"contacts": [interviewer.pk], "connect_linkedin": "on", "cadence": "8"}
    )
    assert page.status_code == 302
    interviewer.refresh_from_db()
    assert interviewer.cadence_weeks == 8
    assert debrief.reminders.filter(kind="connect_linkedin").count() == 1
    with pytest.raises(Exception, match="No such contact"):
        debrief.stay_in_touch(
            [interviewer, make_contact(bob, "Not hers")], cadence_weeks=4, connect_linkedin=False
        )
    interviewer.refresh_from_db()
    assert interviewer.cadence_weeks == 8  # rolled back with the refusal


def test_the_api_filters_applications_with_the_pages_search_and_dates(alice_client, alice):
    acme, globex = make_company(alice, "Acme"), make_company(alice, "Globex")
    make_application(alice, company=acme, title="Data engineer", applied_on=date(2024, 3, 1))
    make_application(alice, company=globex, title="Data analyst", applied_on=date(2024, 5, 1))
    make_application(alice, company=globex, title="Designer", applied_on=date(2024, 5, 2))
    query = {"q": "data", "applied_from": "2024-04-01"}
    page = alice_client.get(reverse("pipeline:application_list"), query)
    on_page = [a.title for a in page.context["page"].object_list]
    answer = client_for(alice).get("/api/applications", query).json()
    assert on_page == [a["title"] for a in answer["items"]] == ["Data analyst"]
    bad = client_for(alice).get(
        "/api/applications", {"applied_from": "2024-05-01", "applied_to": "2024-04-01"}
    )
    assert bad.status_code == 422 and "applied_to" in bad.content.decode()


def test_the_api_filters_contacts_as_the_page_does(alice_client, alice):
    make_contact(alice, "Mia Mentor", relationship="mentor", company_name="Acme Inc.")
    make_contact(alice, "Rita Recruiter", relationship="recruiter", company_name="Acme")
    make_contact(alice, "Fred", relationship="mentor", company_name="Globex")
    query = {"relationship": "mentor", "company": "acme"}
    page = alice_client.get(reverse("network:contact_list"), query)
    on_page = [c.name for c in page.context["page"].object_list]
    answer = client_for(alice).get("/api/contacts", query).json()
    assert on_page == [c["name"] for c in answer["items"]] == ["Mia Mentor"]
    assert client_for(alice).get("/api/contacts", {"relationship": "boss"}).status_code == 422


@time_machine.travel("2024-05-15 14:00Z", tick=False)
@pytest.mark.parametrize("surface", ["web", "api", "cli"])
def test_a_debrief_step_changes_the_same_way_on_the_web_the_api_and_the_cli(
    alice_client, alice, surface
):
    """One rule (DebriefStep.update): the step and its reminder change together, and a reminder
    dated in the past is refused everywhere, leaving the step as it was."""
    debrief = make_debrief(alice)
    url = reverse("debrief:debrief_step", args=[debrief.pk, "keep_searching"])

    def change(**fields):
        if surface == "web":
            data = {f"keep_searching-{k}": v for k, v in fields.items()}
            return alice_client.post(url, data).status_code
        if surface == "api":
            path = f"/api/debriefs/{debrief.pk}/steps/keep_searching"
            return client_for(alice).post(path, fields).status_code
        args = [f"--{k.replace('_', '-')}={v}" for k, v in fields.items()]
        try:
            call_command(
                "debrief-step",
                "--user=alice",
                f"--debrief={debrief.pk}",
                "--step=keep_searching",
                *args,
            )
        except CommandError:
            return 1
        return 0

    assert change(state="todo", remind_on="2024-05-01") in (400, 422, 1)
    assert not Reminder.objects.filter(kind=ReminderKind.DEBRIEF_STEP).exists()
    assert change(state="todo", notes="Two applications a day", remind_on="2024-05-20") in (
        302,
        200,
        0,
    )
    step = debrief.step("keep_searching")
    assert step.notes == "Two applications a day"
    reminder = Reminder.objects.get(kind=ReminderKind.DEBRIEF_STEP)
    assert reminder.due_at.date() == date(2024, 5, 20) and reminder.done_at is None
    assert change(state="done") in (302, 200, 0)
    reminder.refresh_from_db()
    assert debrief.step("keep_searching").state == "done" and reminder.done_at is not None


def test_an_unknown_step_is_a_404_on_the_api(alice):
    debrief = make_debrief(alice)
    answer = client_for(alice).post(f"/api/debriefs/{debrief.pk}/steps/juggling", {"state": "done"})
    assert answer.status_code == 404
