"""The API against its own OpenAPI document: schemathesis sends generated requests, valid and
invalid, to every operation (in-process, through the WSGI app) and checks each answer: never a
5xx, a status code and a body the document describes, bad input refused with a 4xx.

The token's user owns one of each kind of object, and another user owns some too, so generated
ids reach real objects of both (another user's must answer 404 like a missing one).
"""

import os
from collections import Counter
from dataclasses import dataclass

import hypothesis
import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import strategies as st
from ninja import Schema
from schemathesis import GenerationMode
from schemathesis.schemas import BaseSchema
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    positive_data_acceptance,
)

from onward.api.api import api
from onward.testing import (
    make_activity,
    make_api_token,
    make_application,
    make_contact,
    make_debrief,
    make_interaction,
    make_interview,
    make_learning_item,
    make_lesson,
    make_reminder,
    make_skill_gap,
    make_user,
    make_win,
)

# Every check schemathesis has, but two, both about which requests the API accepts (not about
# its answers, which are all checked):
# - "a request the schema allows must be accepted": the schema gives each field's type, not
#   every rule the models keep (a company id that is yours, a date not in the future, a kind
#   from the model's choices, no NUL character), so a request can fit the schema and still be
#   refused, rightly, with a 422 naming the field;
# - "a request the schema forbids must be refused": ninja is lenient with query strings, and
#   that leniency harms nothing but fails the check: a query parameter the operation does not
#   know is ignored (?x=1), a repeated one counts once (its last value), and a date given as a
#   number is read as a Unix time (?since=0 is 1970-01-01). Bodies are strict (InSchema).
NOT_CHECKED = [positive_data_acceptance, negative_data_rejection]

# Examples per operation and kind (valid, invalid): enough to reach each kind of input and
# error, few enough that the whole run (some 70 operations) takes seconds. Raise it for a
# deeper search: ONWARD_SCHEMA_EXAMPLES=100.
EXAMPLES = int(os.environ.get("ONWARD_SCHEMA_EXAMPLES", "6"))


def test_the_schema_names_each_component_once():
    """A component is named after its class: two classes of one name (the debrief's and the
    insights' StepOut) became one component, and one set of endpoints was documented with the
    other's schema."""

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    ours = {cls for cls in subclasses(Schema) if cls.__module__.startswith("onward.api")}
    names = Counter(cls.__name__ for cls in ours)
    assert [name for name, seen in names.items() if seen > 1] == []
    components = api.get_openapi_schema()["components"]["schemas"]
    assert "DebriefStepOut" in components and "StepOut" in components


def objects_of(user) -> dict[str, list[int]]:
    """One of each kind of object for ``user``, by the path parameter that names it."""
    application = make_application(user, "Interviewing")
    contact = make_contact(user, email="sam@example.org")
    debrief = make_debrief(user)
    from onward.strategy.models import Experiment

    experiment = Experiment.objects.create(
        user=user, title="Referrals first", started_on=application.created_at.date()
    )
    return {
        "application_id": [application.pk, debrief.application.pk],
        "change_id": [change.pk for change in application.stage_changes.all()],
        "company_id": [application.company.pk],
        "contact_id": [contact.pk],
        "interview_id": [make_interview(application, interviewers=[contact]).pk],
        "debrief_id": [debrief.pk],
        "lesson_id": [make_lesson(debrief).pk],
        "reminder_id": [make_reminder(user).pk],
        "activity_id": [make_activity(user).pk],
        "win_id": [make_win(user).pk],
        "experiment_id": [experiment.pk],
        "skill_gap_id": [make_skill_gap(user).pk],
        "learning_item_id": [make_learning_item(user).pk],
        "interaction_id": [make_interaction(contact).pk],
    }


@dataclass
class Run:
    schema: BaseSchema
    headers: dict[str, str]
    # Real ids replace generated ones in positive cases only: a negative case's invalid id is
    # the point of it.
    real_ids: bool = True


@pytest.fixture
def api_run(db):
    owner = make_user("schema-owner")
    other = make_user("schema-other")
    ids: dict[str, list[int]] = {}
    for user in (owner, other):
        for name, found in objects_of(user).items():
            ids.setdefault(name, []).extend(found)
    _, raw = make_api_token(owner)
    # The app is called in this thread, inside the test's transaction: keep Django from closing
    # the connection at the end of each request, as its own test client does.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/openapi.json", WSGIHandler())
        # Identity: the in-process client does not undo the gzip the API answers with.
        run = Run(schema, {"Authorization": f"Bearer {raw}", "Accept-Encoding": "identity"})

        @schema.hook
        def flatmap_path_parameters(context, path_parameters):
            """Now and then the id of a real object, the owner's or the other user's."""
            choices = [st.just(path_parameters)]
            for name in (path_parameters or {}) if run.real_ids else {}:
                if name in ids:
                    real = st.sampled_from(ids[name])
                    choices.append(real.map(lambda pk, n=name: {**path_parameters, n: pk}))
            return st.one_of(choices)

        yield run
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_the_api_keeps_its_schema(api_run):
    failures = []
    for result in api_run.schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            api_run.real_ids = mode == GenerationMode.POSITIVE

            @hypothesis.settings(max_examples=EXAMPLES, database=None, derandomize=True)
            @hypothesis.given(case=operation.as_strategy(mode))
            def check(case):
                case.call_and_validate(headers=api_run.headers, excluded_checks=NOT_CHECKED)

            try:
                check()
            except (Exception, BaseExceptionGroup) as exc:
                failures.append(f"{operation.label} ({mode}): {exc}")
    assert not failures, "\n\n".join(failures)
