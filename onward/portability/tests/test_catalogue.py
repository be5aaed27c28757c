"""Every model that holds a user's data is exported, or excluded with a reason."""

from django.apps import apps

from onward.portability.catalogue import EXCLUDED, EXPORTED, belongs_to_a_user, specs


def test_it_exports_or_excludes_every_model_that_belongs_to_a_user():
    forgotten = [
        m._meta.label
        for m in apps.get_models()
        if belongs_to_a_user(m) and m._meta.label not in EXPORTED and m._meta.label not in EXCLUDED
    ]
    assert forgotten == [], f"Add these to EXPORTED or EXCLUDED (with a reason): {forgotten}"


def test_it_gives_a_reason_for_each_exclusion_and_excludes_nothing_it_exports():
    assert all(len(reason) > 20 for reason in EXCLUDED.values())
    assert not set(EXCLUDED) & set(EXPORTED)
    assert len(set(EXPORTED)) == len(EXPORTED)


def test_it_knows_a_model_belongs_to_a_user_through_its_parent():
    # An interaction has no user field: it belongs to the user through its contact.
    assert belongs_to_a_user(apps.get_model("network.Interaction"))
    assert not belongs_to_a_user(apps.get_model("contenttypes.ContentType"))


def test_it_writes_each_record_after_the_records_it_points_to():
    seen: set[str] = set()
    for spec in specs():
        for link in spec.links:
            assert link.related_model._meta.label in seen, (spec.label, link.name)
        for field in spec.many:
            assert field.related_model._meta.label in seen, (spec.label, field.name)
        seen.add(spec.label)
    # The reminders point anywhere (a generic relation): they come last.
    assert specs()[-1].label == "reminders.Reminder"
