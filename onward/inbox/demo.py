"""Demo inbox for ``onward demo``: two messages the inbox checks would have found (the demo has
no mailbox to read): an invitation from an interviewer, and a rejection from a company the
demo search is still waiting on. Dates relative to now; running it again replaces them."""

from datetime import timedelta

from django.utils import timezone

from onward.pipeline.models import Application, ApplicationContact, StageKind

from .matching import website_domain
from .models import InboxSignal, SignalKind


def add_demo_inbox(user) -> list[InboxSignal]:
    InboxSignal.objects.filter(user=user).delete()
    now = timezone.now()
    signals = []
    link = (
        ApplicationContact.objects.filter(
            application__user=user, application__stage__kind=StageKind.ACTIVE
        )
        .exclude(contact__email="")
        .select_related("contact", "application__company")
        .order_by("-application__stage_changed_at", "pk")
        .first()
    )
    if link is not None:
        application, contact = link.application, link.contact
        signals.append(
            InboxSignal(
                user=user,
                message_id=f"<demo-interview-{application.pk}@onward.example>",
                received_at=now - timedelta(hours=3),
                from_address=contact.email,
                from_name=contact.name,
                subject=f"Next steps for the {application.title} role",
                snippet="Thanks again for your time. We would love to schedule a second "
                "interview with the team: could you share your availability next week?",
                kind=SignalKind.INTERVIEW,
                company=application.company,
                contact=contact,
                application=application,
            )
        )
    waiting = (
        Application.objects.for_user(user)
        .filter(stage__kind=StageKind.ACTIVE)
        .exclude(pk__in=[s.application_id for s in signals])
        .exclude(company__website="")
        .select_related("company")
        .order_by("stage_changed_at", "pk")
        .first()
    )
    if waiting is not None:
        signals.append(
            InboxSignal(
                user=user,
                message_id=f"<demo-rejection-{waiting.pk}@onward.example>",
                received_at=now - timedelta(days=1, hours=2),
                from_address=f"talent@{website_domain(waiting.company.website)}",
                from_name=f"{waiting.company.name} Talent Team",
                subject=f"Your application for {waiting.title}",
                snippet="Thank you for your interest. After careful consideration we have "
                "decided not to move forward with your application at this time.",
                kind=SignalKind.REJECTION,
                company=waiting.company,
                application=waiting,
            )
        )
    return InboxSignal.objects.bulk_create(signals)
