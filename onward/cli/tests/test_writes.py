"""The CLI's write commands go through the same domain functions as the web and the API: the
same rules, the same refusals (exit code 1 with the reason), nothing half-saved."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from onward.accounts.models import profile_for
from onward.growth.models import LearningLog
from onward.network.models import Interaction
from onward.pipeline.models import Application, Company
from onward.routine.models import ActivityLog
from onward.testing import make_application, make_company, make_contact, make_learning_item

pytestmark = pytest.mark.django_db


def run(capsys, *args) -> str:
    call_command(*args)
    return capsys.readouterr().out


@time_machine.travel("2024-05-15 14:00Z", tick=False)
def test_add_application_dates_the_first_move_9am_on_the_day_applied(alice, capsys):
    profile = profile_for(alice)
    profile.time_zone = "Europe/Berlin"
    profile.save()
    out = run(
        capsys,
        "add-application",
        "--user=alice",
        "--title=Engineer",
        "--company=Acme",
        "--applied=2024-05-10",
        "--currency=eur",
        "--salary-min=50000",
    )
    application = Application.objects.get()
    assert f"id {application.pk}" in out and "Applied" in out
    change = application.stage_changes.get()
    assert change.changed_at == datetime.combine(date(2024, 5, 10), time(9), tzinfo=profile.zone)
    assert application.salary_currency == "EUR"


def test_add_application_finds_the_company_by_its_name_key(alice, capsys):
    acme = make_company(alice, "Acme")
    run(capsys, "add-application", "--user=alice", "--title=Engineer", "--company=ACME Inc.")
    assert Application.objects.get().company == acme
    assert Company.objects.count() == 1


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["--title=   "], "title"),
        (["--title=Engineer", "--currency=euro"], "salary_currency"),
        (["--title=Engineer", "--applied=2999-01-01"], "applied_on"),
        (["--title=Engineer", "--applied=yesterday"], "is not a date"),
        (["--title=Engineer", "--stage=Nowhere"], "No stage called 'Nowhere'"),
    ],
)
def test_add_application_refuses_what_the_web_refuses_and_saves_nothing(alice, args, reason):
    with pytest.raises(CommandError, match=reason):
        call_command("add-application", "--user=alice", "--company=Brand New Ltd", *args)
    assert not Application.objects.exists()
    assert not Company.objects.exists()  # the new company is not left behind either


def test_an_unknown_user_is_an_error():
    with pytest.raises(CommandError, match="no user called 'nobody'"):
        call_command("add-application", "--user=nobody", "--title=T", "--company=C")


def test_applications_lists_with_the_pages_filters_and_only_the_users_own(alice, bob, capsys):
    make_application(alice, title="Data engineer", applied_on=date(2024, 3, 1))
    make_application(alice, title="Data analyst", applied_on=date(2024, 5, 1))
    make_application(alice, title="Designer", applied_on=date(2024, 5, 2))
    make_application(bob, title="Data scientist", applied_on=date(2024, 5, 3))
    out = run(capsys, "applications", "--user=alice", "--search=data", "--from=2024-04-01")
    assert "Data analyst" in out
    assert "Data engineer" not in out and "Designer" not in out and "Data scientist" not in out
    assert "(1 of 1)" in out


def test_applications_refuses_a_range_that_ends_before_it_starts(alice):
    with pytest.raises(CommandError, match="before its start"):
        call_command("applications", "--user=alice", "--from=2024-05-01", "--to=2024-04-01")


def test_applications_shows_user_text_as_text_not_markup(alice, capsys):
    make_application(alice, title="[bold red]Engineer[/]")
    assert "[bold red]Engineer[/]" in run(capsys, "applications", "--user=alice")


def test_log_interaction_restarts_the_stay_in_touch_clock(alice, capsys):
    contact = make_contact(alice, "Dana Kim", cadence_weeks=4)
    run(
        capsys,
        "log-interaction",
        "--user=alice",
        "--contact=dana kim",
        "--channel=coffee",
        "--summary=Talked about the platform team",
    )
    interaction = Interaction.objects.get()
    assert interaction.contact == contact and interaction.channel == "coffee"
    assert contact.next_follow_up().due_at.date() == interaction.happened_on + timedelta(weeks=4)


def test_log_interaction_refuses_a_future_date_and_someone_elses_contact(alice, bob):
    make_contact(alice, "Dana Kim")
    with pytest.raises(CommandError, match="happened_on"):
        call_command("log-interaction", "--user=alice", "--contact=Dana Kim", "--on=2999-01-01")
    with pytest.raises(CommandError, match="no contact called"):
        call_command("log-interaction", "--user=bob", "--contact=Dana Kim")
    assert not Interaction.objects.exists()


def test_log_learning_counts_towards_the_weekly_hours(alice, capsys):
    item = make_learning_item(alice, "System design course")
    out = run(
        capsys,
        "log-learning",
        "--user=alice",
        "--item=system design course",
        "--hours=1.5",
        "--note=Caching chapter",
    )
    assert "1.5" in out
    log = LearningLog.objects.get()
    assert log.learning_item == item and log.activity.hours == Decimal("1.5")
    assert log.activity.kind == "learning"


@pytest.mark.parametrize(
    ("hours", "reason"), [("0", "hours"), ("30", "hours"), ("lots", "not a number")]
)
def test_log_learning_refuses_impossible_hours(alice, hours, reason):
    make_learning_item(alice, "System design course")
    with pytest.raises(CommandError, match=reason):
        call_command(
            "log-learning", "--user=alice", "--item=System design course", f"--hours={hours}"
        )
    assert not ActivityLog.objects.exists() and not LearningLog.objects.exists()
