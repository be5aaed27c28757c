import time_machine

from onward.core.reminders.models import Reminder, ReminderKind
from onward.network.demo import PEOPLE, add_demo_network
from onward.network.models import Contact, Interaction


@time_machine.travel("2024-06-10 12:00Z", tick=False)
def test_the_demo_network_is_complete_and_idempotent(alice):
    add_demo_network(alice)
    counts = (
        Contact.objects.for_user(alice).count(),
        Interaction.objects.for_user(alice).count(),
        Reminder.objects.for_user(alice).filter(kind=ReminderKind.FOLLOW_UP).count(),
    )
    add_demo_network(alice)
    assert counts == (
        len(PEOPLE),
        Interaction.objects.for_user(alice).count(),
        Reminder.objects.for_user(alice).filter(kind=ReminderKind.FOLLOW_UP).count(),
    )
    circle = Contact.objects.for_user(alice).filter(support_circle=True)
    assert sorted(circle.values_list("relationship", flat=True)) == [
        "friend", "friend", "mentor", "mentor",
    ]  # fmt: skip
    overdue = Contact.objects.for_user(alice).overdue()
    assert 0 < overdue.count() < counts[0]
    dates = Interaction.objects.for_user(alice).values_list("happened_on", flat=True)
    assert (max(dates) - min(dates)).days > 60
