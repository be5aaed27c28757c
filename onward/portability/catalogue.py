"""Which records an account owns: every model is either exported (in an order where each record
comes after the records it points to) or excluded with a reason.

tests/test_catalogue.py walks every installed model and fails when one that belongs to a user is
in neither list, so a new model cannot be forgotten by the export, the import or the deletion.
"""

import re
from dataclasses import dataclass
from functools import cache
from typing import Any, cast

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models

# In dependency order: a record only points to records of the models above it. The reminders
# come last because they may point to any of them (a generic relation).
EXPORTED = (
    "accounts.Profile",
    "routine.RoutineSettings",
    "reminders.CalendarFeed",
    "core.DraftTemplate",
    "documents.Document",
    "network.Tag",
    "network.Contact",
    "pipeline.Company",
    "pipeline.Stage",
    "pipeline.Application",
    "documents.DocumentLink",
    "pipeline.StageChange",
    "pipeline.StageChangeCorrection",
    "pipeline.Offer",
    "pipeline.Interview",
    "pipeline.Note",
    "pipeline.ApplicationContact",
    "network.Interaction",
    "debrief.Debrief",
    "debrief.DebriefStep",
    "debrief.CompetencyRating",
    "debrief.Lesson",
    "routine.WeeklyGoals",
    "routine.ActivityLog",
    "routine.RestPeriod",
    "routine.WeeklyReview",
    "wellbeing.Win",
    "wellbeing.BurnoutDismissal",
    "wellbeing.MoodCheckIn",
    "growth.SkillGap",
    "growth.LearningItem",
    "growth.LearningLog",
    "inbox.InboxSignal",
    "strategy.Experiment",
    "strategy.TitleGroup",
    "reminders.Reminder",
)

# Models that hold something of a user's but are not exported, and why. Deleting an account
# deletes these too.
EXCLUDED = {
    "auth.User": "The account itself: its name and email go in the manifest; never the "
    "password hash. An import goes into an account that already exists.",
    "accounts.ApiToken": "API tokens are credentials; make new ones after an import.",
    "inbox.Mailbox": "Mailbox server, login and password are credentials; connect the mailbox "
    "again after an import.",
    "coaching.CoachAccess": "A share links two accounts on one server; it does not travel to "
    "another account or server.",
    "coaching.CoachInvitation": "An invitation link is a credential for one server; create a "
    "new one there.",
    "core.SentMail": "The log of mail this server sent for the user; it is what the server's "
    "sending limits count, so it stays with the server.",
    "growth.PostingSkill": "Read from the applications' job descriptions: an import reads "
    "them again as it saves each application (or run `onward read-posting-skills`).",
}

# Starting points every new account gets (profile, default stages, routine settings): an
# import into an empty account replaces them with the archive's.
REPLACED_ON_IMPORT = (
    "accounts.Profile",
    "routine.RoutineSettings",
    "reminders.CalendarFeed",
    "pipeline.Stage",
)

# Fields left out of an exported record: credentials (the import makes new ones) and the
# server's own bookkeeping (the import starts it afresh).
LEFT_OUT_FIELDS = {
    # The calendar feed's address: its settings (the alarm) travel, the address does not.
    ("reminders.CalendarFeed", "digest"),
    # How many times the user's data changed: the key of this server's cached figures
    # (onward.accounts.freshness), not the user's data.
    ("accounts.Profile", "data_version"),
}

# Text fields that name another record by its id ("offer:12"): exported with the archive's own
# ids, and mapped back on import. {(model, field): [(pattern, model the id belongs to)]}
ID_BEARING_TEXT = {
    ("wellbeing.Win", "key"): [
        (re.compile(r"^(offer|referral-reply):(\d+)$"), "pipeline.Application")
    ],
    ("reminders.Reminder", "key"): [(re.compile(r"^(contact):(\d+)$"), "network.Contact")],
}


# Models whose rows carry an uploaded file: {model: (file field, field holding the user's own
# file name)}. The export puts each file in the zip at documents/<archive id>/<file name> and
# writes that path in the record; the import stores it again under a new random name.
FILES = {"documents.Document": ("file", "filename")}


def user_model() -> type[models.Model]:
    return apps.get_model(settings.AUTH_USER_MODEL)


def label(model: type[models.Model] | None) -> str:
    assert model is not None, "a relation to nothing"
    return model._meta.label


def target_of(field: Any) -> type[models.Model] | None:
    """The model a relation points to (resolved: apps are loaded when this runs)."""
    return cast("type[models.Model] | None", getattr(field, "related_model", None))


@dataclass(frozen=True)
class Spec:
    """How one exported model is written and read."""

    model: type[models.Model]
    owner_path: str  # filter that selects the user's rows, e.g. "application__user"
    owner_field: str | None  # the field set to the importing user, if the model has one
    fields: tuple[models.Field, ...]  # plain values (no relations)
    links: tuple[models.ForeignKey, ...]  # to other exported records
    many: tuple[models.ManyToManyField, ...]
    generic: GenericForeignKey | None

    @property
    def label(self) -> str:
        return label(self.model)

    @property
    def file_name(self) -> str:
        return f"records/{self.model._meta.label_lower}.jsonl"


def owner_path(model: type[models.Model], exported: frozenset[str]) -> str | None:
    """How a model's rows reach their owner: a field pointing at the user, else a required
    link to an exported model that does. None: the model belongs to no user."""
    for field in model._meta.concrete_fields:
        if field.is_relation and field.related_model is user_model():
            return field.name
    for field in model._meta.concrete_fields:
        target = target_of(field)
        if field.is_relation and not field.null and target and label(target) in exported:
            parent = owner_path(target, exported)
            if parent:
                return f"{field.name}__{parent}"
    return None


def belongs_to_a_user(model: type[models.Model], _seen: frozenset = frozenset()) -> bool:
    """Whether any of a model's links, followed as far as they go, reaches the user model."""
    if model is user_model():
        return True
    return any(
        belongs_to_a_user(target, _seen | {model})
        for f in model._meta.get_fields()
        if f.concrete
        and f.is_relation
        and (target := target_of(f)) is not None
        and target not in _seen | {model}
    )


@cache
def specs() -> tuple[Spec, ...]:
    exported = frozenset(EXPORTED)
    found = []
    for name in EXPORTED:
        model = apps.get_model(name)
        path = owner_path(model, exported)
        if path is None:
            raise LookupError(f"{name} is exported but belongs to no user.")
        generic = next(
            (f for f in model._meta.private_fields if isinstance(f, GenericForeignKey)), None
        )
        skip = {generic.ct_field, generic.fk_field} if generic else set()
        owner_field = path if "__" not in path else None
        fields, links = [], []
        for field in model._meta.concrete_fields:
            if field.primary_key or field.name in skip or field.name == owner_field:
                continue
            if (name, field.name) in LEFT_OUT_FIELDS:
                continue
            if field.is_relation:
                links.append(field)
            else:
                fields.append(field)
        # A many-to-many with its own through model would be exported as that model.
        many = tuple(
            f for f in model._meta.many_to_many if f.remote_field.through._meta.auto_created
        )
        found.append(Spec(model, path, owner_field, tuple(fields), tuple(links), many, generic))
    return tuple(found)


def through_of(field: models.ManyToManyField) -> type[models.Model]:
    """The table behind a many-to-many field."""
    return cast("type[models.Model]", field.remote_field.through)


def spec_for(name: str) -> Spec:
    return next(s for s in specs() if s.label == name)
