"""The MCP server driven by the SDK's own client, in memory: every tool, ownership, read-only
mode, and bad arguments coming back as tool errors."""

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from decimal import Decimal

import pytest
from asgiref.sync import async_to_sync
from django.db import connections
from django.utils import timezone
from mcp import Client
from mcp.types import ElicitResult

from onward.assistant.server import READ_TOOLS, WRITE_TOOLS, build_server
from onward.core.reminders.models import Reminder
from onward.debrief.models import Debrief, StepState
from onward.network.models import Interaction
from onward.pipeline.models import Application, Interview
from onward.routine.models import ActivityLog
from onward.testing import (
    make_application,
    make_company,
    make_contact,
    make_debrief,
    make_learning_item,
    make_lesson,
    make_reminder,
    move,
)

pytestmark = pytest.mark.django_db(transaction=True)


class Session:
    """A synchronous face on the SDK client. The client and the server's tools run in a thread
    of their own, with its own database connection (closed after), so the tests' rows are
    committed ones (transaction=True): run on the test's own thread, they failed whenever a
    browser test had run before on the same pytest-xdist worker (Playwright's event loop, alive
    for the session, is marked as running on that thread)."""

    def __init__(self, user, read_only: bool = False, asks=None):
        self.server = build_server(user, read_only=read_only)
        self.asks = asks  # an elicitation callback: a client that asks its user

    def _run(self, step):
        async def main():
            # A client that can ask connects as today's desktop assistants do (the initialize
            # handshake), where the server can send it requests.
            mode = "legacy" if self.asks else "auto"
            async with Client(self.server, mode=mode, elicitation_callback=self.asks) as client:
                return await step(client)

        def in_a_thread_of_its_own():
            try:
                return async_to_sync(main)()
            finally:
                connections.close_all()

        with ThreadPoolExecutor(1) as thread:
            return thread.submit(in_a_thread_of_its_own).result()

    def schema(self, name: str) -> dict:
        async def step(client):
            tools = (await client.list_tools()).tools
            return next(tool.input_schema for tool in tools if tool.name == name)

        return self._run(step)

    def tools(self) -> set[str]:
        async def step(client):
            return {tool.name for tool in (await client.list_tools()).tools}

        return self._run(step)

    def call(self, name: str, **arguments):
        async def step(client):
            return await client.call_tool(name, arguments)

        return self._run(step)

    def ok(self, name: str, **arguments) -> dict:
        result = self.call(name, **arguments)
        assert not result.is_error, result.content[0].text
        return json.loads(result.content[0].text)

    def error(self, name: str, **arguments) -> str:
        result = self.call(name, **arguments)
        assert result.is_error, result.content[0].text
        return result.content[0].text

    def read(self, uri: str) -> str:
        async def step(client):
            return (await client.read_resource(uri)).contents[0].text

        return self._run(step)


@pytest.fixture
def alice_mcp(alice):
    return Session(alice)


def test_it_lists_every_tool_and_the_two_resources(alice):
    session = Session(alice)

    assert session.tools() == READ_TOOLS | WRITE_TOOLS
    assert "Job-search strategy report" in session.read("onward://strategy-report")


def test_a_write_asks_the_user_first_where_the_client_can(alice):
    asked = []

    def answering(go_ahead: bool):
        async def ask(context, params):
            asked.append(params.message)
            return ElicitResult(action="accept", content={"go_ahead": go_ahead})

        return ask

    no = Session(alice, asks=answering(False))
    yes = Session(alice, asks=answering(True))

    refused = no.error("add_application", title="Data Engineer", company="Acorn Ledger")
    assert "not confirmed" in refused
    assert not Application.objects.for_user(alice).exists()
    yes.ok("add_application", title="Data Engineer", company="Acorn Ledger")
    assert Application.objects.for_user(alice).get().title == "Data Engineer"
    assert "add application" in asked[0] and "'Acorn Ledger'" in asked[0]
    yes.ok("list_stages")
    assert len(asked) == 2  # reading asks nothing


def test_the_tools_schemas_hold_only_their_arguments(alice_mcp):
    schema = alice_mcp.schema("add_application")

    assert set(schema["required"]) == {"title", "company"}
    assert "ctx" not in schema["properties"]
    assert "self" not in schema["properties"]


def test_it_offers_no_write_tool_in_read_only_mode_and_refuses_one_called_anyway(alice):
    session = Session(alice, read_only=True)

    assert session.tools() == READ_TOOLS
    message = session.error("add_application", title="Data Engineer", company="Acorn Ledger")
    assert "add_application" in message
    assert not Application.objects.for_user(alice).exists()


def test_it_lists_and_searches_only_the_users_applications(alice, bob, alice_mcp):
    make_application(alice, title="Backend Engineer", company=make_company(alice, "Acorn"))
    make_application(alice, "Screening", title="Data Engineer")
    make_application(bob, title="Backend Engineer at Bob's")

    found = alice_mcp.ok("list_applications", search="backend")
    by_stage = alice_mcp.ok("list_applications", stage="screening")

    assert [a["title"] for a in found["applications"]] == ["Backend Engineer"]
    assert found["applications"][0]["company"] == "Acorn"
    assert [a["title"] for a in by_stage["applications"]] == ["Data Engineer"]
    assert "No stage called 'Nowhere'" in alice_mcp.error("list_applications", stage="Nowhere")
    assert "applied_to" in alice_mcp.error(
        "list_applications", applied_from="2026-05-02", applied_to="2026-05-01"
    )


def test_it_shows_an_application_with_its_history_and_never_another_users(alice, bob, alice_mcp):
    application = make_application(alice, title="Platform Engineer")
    move(application, "Screening")
    theirs = make_application(bob)

    shown = alice_mcp.ok("get_application", application_id=application.pk)

    assert [c["to_stage"] for c in shown["history"]] == ["Applied", "Screening"]
    message = alice_mcp.error("get_application", application_id=theirs.pk)
    assert f"You have no application with id {theirs.pk}" in message


def test_it_adds_an_application_through_the_domain_rule(alice, alice_mcp):
    added = alice_mcp.ok(
        "add_application",
        title="  Site   Reliability Engineer ",
        company="Bluefin Robotics",
        applied_on=str(timezone.localdate()),
        source="referral",
    )

    application = Application.objects.for_user(alice).get()
    assert added["application"]["id"] == application.pk
    assert application.title == "Site Reliability Engineer"  # the model's own cleaning
    assert application.stage.name == "Applied"
    assert application.stage_changes.count() == 1


@pytest.mark.parametrize(
    ("arguments", "reason"),
    [
        ({"applied_on": "2999-01-01"}, "applied_on: The date applied cannot be in the future"),
        ({"stage": "Nowhere"}, "No stage called 'Nowhere'"),
        ({"source": "carrier pigeon"}, "source"),
        ({"applied_on": "last tuesday"}, "applied_on"),
        ({"title": ""}, "title"),
    ],
)
def test_it_answers_a_bad_application_with_a_tool_error_and_saves_nothing(
    alice, alice_mcp, arguments, reason
):
    message = alice_mcp.error(
        "add_application", **{"title": "Engineer", "company": "Cobalt Orchard", **arguments}
    )

    assert reason in message
    assert not Application.objects.for_user(alice).exists()


def test_a_move_to_rejected_opens_the_debrief_and_says_so(alice, alice_mcp):
    application = make_application(alice, when=timezone.now() - timedelta(days=3))

    moved = alice_mcp.ok(
        "move_application", application_id=application.pk, stage="Rejected", note="Form email"
    )

    debrief = Debrief.objects.get(application=application)
    assert moved["moved"] is True
    assert moved["debrief_opened"]["debrief_id"] == debrief.pk
    assert alice_mcp.ok("move_application", application_id=application.pk, stage="Rejected") == {
        "moved": False,
        "application": moved["application"],
    }


def test_a_move_dated_before_the_previous_one_is_refused(alice, alice_mcp):
    application = make_application(alice, when=timezone.now() - timedelta(days=2))

    message = alice_mcp.error(
        "move_application",
        application_id=application.pk,
        stage="Screening",
        when=(timezone.now() - timedelta(days=5)).isoformat(),
    )

    assert "Nothing was saved. when: A move cannot be dated before the previous one" in message
    application.refresh_from_db()
    assert application.stage.name == "Applied"


def test_it_refuses_to_move_another_users_application(alice, bob, alice_mcp):
    theirs = make_application(bob)

    alice_mcp.error("move_application", application_id=theirs.pk, stage="Screening")

    theirs.refresh_from_db()
    assert theirs.stage.name == "Applied"


def test_it_adds_an_interview(alice, alice_mcp):
    application = make_application(alice)
    starts = (timezone.now() + timedelta(days=2)).replace(microsecond=0)

    alice_mcp.ok(
        "add_interview",
        application_id=application.pk,
        round_name="System design",
        kind="technical",
        starts_at=starts.isoformat(),
    )

    assert Interview.objects.get(application=application).starts_at == starts
    assert "kind" in alice_mcp.error(
        "add_interview",
        application_id=application.pk,
        round_name="Chat",
        kind="tea party",
        starts_at=starts.isoformat(),
    )


def test_it_logs_an_interaction_on_the_users_own_contact_only(alice, bob, alice_mcp):
    mine = make_contact(alice, "Ada Castellane")
    theirs = make_contact(bob, "Bram Dunmore")

    alice_mcp.ok("log_interaction", contact_id=mine.pk, channel="coffee", summary="Catch-up")
    message = alice_mcp.error("log_interaction", contact_id=theirs.pk)
    future = alice_mcp.error(
        "log_interaction",
        contact_id=mine.pk,
        happened_on=str(timezone.localdate() + timedelta(days=3)),
    )

    assert Interaction.objects.get(contact=mine).channel == "coffee"
    assert "You have no contact" in message
    assert not Interaction.objects.filter(contact=theirs).exists()
    assert "happened_on: An interaction cannot be in the future" in future


def test_it_lists_open_debriefs_and_ticks_a_step(alice, bob, alice_mcp):
    debrief = make_debrief(alice)
    make_debrief(bob)

    listed = alice_mcp.ok("open_debriefs")["debriefs"]
    alice_mcp.ok(
        "update_debrief_step", debrief_id=debrief.pk, step="reflect", state="done", notes="ok"
    )

    assert [d["debrief_id"] for d in listed] == [debrief.pk]
    assert listed[0]["next_step"]["habit"] == "reflect"
    step = debrief.step("reflect")
    assert (step.state, step.notes) == (StepState.DONE, "ok")
    assert alice_mcp.ok("open_debriefs")["debriefs"][0]["next_step"]["habit"] != "reflect"
    assert "remind_on: Choose today or a later date" in alice_mcp.error(
        "update_debrief_step",
        debrief_id=debrief.pk,
        step="seek_feedback",
        state="todo",
        remind_on="2020-01-01",
    )
    assert "step" in alice_mcp.error(
        "update_debrief_step", debrief_id=debrief.pk, step="dance", state="done"
    )


def test_it_shows_a_debrief_and_the_lessons_of_the_user_only(alice, bob, alice_mcp):
    debrief = make_debrief(alice)
    make_lesson(debrief, text="Quantify the impact in every story.")
    make_lesson(make_debrief(bob), text="Bob's private lesson.")

    shown = alice_mcp.ok("get_debrief", debrief_id=debrief.pk)["debrief"]
    lessons = alice_mcp.ok("lessons")["lessons"]

    assert shown["lessons"][0]["text"] == "Quantify the impact in every story."
    assert [lesson["text"] for lesson in lessons] == ["Quantify the impact in every story."]


def test_it_lists_due_reminders_of_the_user_only(alice, bob, alice_mcp):
    make_reminder(alice, title="Send the thank-you", due_at=timezone.now() - timedelta(hours=1))
    make_reminder(alice, title="Later", due_at=timezone.now() + timedelta(days=3))
    make_reminder(bob, title="Bob's reminder", due_at=timezone.now() - timedelta(hours=1))

    due = alice_mcp.ok("due_reminders")["reminders"]

    assert [r["title"] for r in due] == ["Send the thank-you"]


def test_logged_learning_time_counts_towards_the_week(alice, bob, alice_mcp):
    item = make_learning_item(alice)
    theirs = make_learning_item(bob)

    alice_mcp.ok("log_learning_time", learning_item_id=item.pk, hours="1.5", note="Chapter 3")
    week = alice_mcp.ok("week_progress")["week"]
    plan = alice_mcp.ok("learning_plan")["items"]

    assert ActivityLog.objects.for_user(alice).get().hours == Decimal("1.5")
    learning = next(goal for goal in week["goals"] if goal["key"] == "learning_hours")
    assert learning["done"] == 1.5
    assert [(i["title"], i["hours_logged"], i["status"]) for i in plan] == [
        (item.title, 1.5, "in_progress")
    ]
    assert "You have no learning item" in alice_mcp.error(
        "log_learning_time", learning_item_id=theirs.pk, hours="1"
    )
    assert "hours" in alice_mcp.error("log_learning_time", learning_item_id=item.pk, hours="0")


def test_it_sums_up_the_insights(alice, alice_mcp):
    for _ in range(3):
        make_application(alice)
    move(make_application(alice), "Screening")

    summary = alice_mcp.ok("insights_summary")

    assert summary["steps"][0] == {
        "name": "Applied",
        "reached": 4,
        "still_waiting": 3,
        "to_next_step": summary["steps"][0]["to_next_step"],
    }
    assert summary["outcomes"]["open"] == 4
    assert "applied_to" in alice_mcp.error(
        "insights_summary", applied_from="2026-02-01", applied_to="2026-01-01"
    )


def test_the_today_resource_reads_as_the_page_does(alice, bob, alice_mcp):
    make_application(alice)
    make_reminder(alice, title="Send the thank-you", due_at=timezone.now() - timedelta(hours=1))
    make_reminder(bob, title="Bob's reminder", due_at=timezone.now() - timedelta(hours=1))
    debrief = make_debrief(alice, title="Data Engineer")

    text = alice_mcp.read("onward://today")

    assert "Send the thank-you" in text
    assert "Bob's reminder" not in text
    assert f"Data Engineer at {debrief.application.company} (debrief {debrief.pk}" in text
    assert "Applications sent: 2 of 5" in text


def test_the_strategy_report_resource_holds_the_users_lessons_only(alice, bob, alice_mcp):
    make_lesson(make_debrief(alice), text="Ask about the team's on-call rota.")
    make_lesson(make_debrief(bob), text="Bob's private lesson.")

    text = alice_mcp.read("onward://strategy-report")

    assert "Funnel" in text and "What stands out" in text
    assert "Ask about the team's on-call rota." in text
    assert "Bob's private lesson." not in text


def test_it_finds_contacts_and_refuses_a_negative_limit(alice, bob, alice_mcp):
    make_contact(alice, "Ada Castellane", company_name="Acorn Ledger")
    make_contact(bob, "Ada Bobsdottir", company_name="Acorn Ledger")

    found = alice_mcp.ok("list_contacts", search="acorn")["contacts"]

    assert [c["name"] for c in found] == ["Ada Castellane"]
    assert "limit" in alice_mcp.error("list_contacts", limit=-1)


def test_an_unknown_id_past_the_column_range_is_a_tool_error(alice_mcp):
    assert "application_id" in alice_mcp.error("get_application", application_id=2**40)
    assert "application_id" in alice_mcp.error("get_application", application_id="seven")
    assert Reminder.objects.count() == 0
