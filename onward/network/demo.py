"""Demo network for ``onward demo``: invented people with relationships, tags, a support circle,
three months of interactions and stay-in-touch rhythms (some overdue). Deterministic, and safe
to run again: people are found by name, interactions by date and channel."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import Contact, Interaction, Relationship, Tag

# (name, relationship, company, title, how we met, tags, support circle, cadence in weeks)
PEOPLE = [
    ("Marguerite Fallowfield", Relationship.MENTOR, "Lanternfish Security", "VP Engineering",
     "My first manager, years ago", ["mentor", "leadership"], True, 4),
    ("Osric Pennywhistle", Relationship.MENTOR, "", "Independent coach",
     "Career mentoring programme", ["mentor"], True, 2),
    ("Tamsin Brightwater", Relationship.FRIEND, "Otterpine Books", "Designer",
     "University", ["friends"], True, 2),
    ("Leander Quickfoot", Relationship.FRIEND, "", "Teacher",
     "Climbing club", ["friends"], True, 4),
    ("Ilse Marrowby", Relationship.FORMER_COLLEAGUE, "Bluefin Robotics", "Staff Engineer",
     "Worked together on the billing platform", ["former team", "python"], False, 8),
    ("Caspian Thornbury", Relationship.FORMER_COLLEAGUE, "Glasswing Labs", "Product Manager",
     "Same team at my last job", ["former team"], False, 12),
    ("Philippa Duskwood", Relationship.PEER, "Yarrow Biotech", "Data Engineer",
     "Python meetup", ["python", "meetup"], False, 8),
    ("Rafferty Holloway", Relationship.RECRUITER, "Harbor & Finch", "Technical Recruiter",
     "Reached out on LinkedIn", ["recruiters"], False, None),
    ("Winifred Ashcombe", Relationship.REFERRER, "Cobalt Orchard", "Engineering Manager",
     "Conference hallway track", ["conference"], False, 8),
    ("Jasper Everdell", Relationship.PEER, "Tidewater Climate", "Backend Engineer",
     "Open-source project", ["python", "open source"], False, None),
]  # fmt: skip

# (person index, days ago, channel, summary)
INTERACTIONS = [
    (0, 84, "coffee", "Talked through where I want to be in two years."),
    (0, 40, "video", "Mock interview: system design. Practise sizing questions."),
    (1, 70, "call", "Set goals for the search: ten good applications a month."),
    (1, 30, "call", "Reviewed my CV; cut it to two pages."),
    (2, 60, "coffee", "Needed a break from it all. Long walk, good advice."),
    (2, 10, "event", "Her studio's open day."),
    (3, 75, "other", "Climbing, and a pep talk after the Emberline rejection."),
    (4, 88, "linkedin", "Congratulated her on the promotion."),
    (4, 45, "email", "Asked how Bluefin's platform team works."),
    (5, 65, "email", "He shared a Glasswing opening with me."),
    (6, 50, "event", "Python meetup: talked about data pipelines."),
    (7, 20, "call", "Intro call about a Harbor & Finch role."),
    (8, 80, "event", "Met at the conference; she offered to refer me."),
    (8, 35, "email", "Thanked her for the referral."),
]


@transaction.atomic
def add_demo_network(user) -> list[Contact]:
    """Create (or find again) the demo network of ``user``."""
    today = timezone.localdate()
    contacts = []
    for name, relationship, company, title, met, tags, circle, _weeks in PEOPLE:
        slug = name.lower().replace(" ", "-")
        contact, _ = Contact.objects.get_or_create(
            user=user,
            name=name,
            defaults={
                "relationship": relationship,
                "company_name": company,
                "title": title,
                "how_we_met": met,
                "support_circle": circle,
                "email": f"{slug}@example.org",
                "linkedin_url": f"https://www.linkedin.com/in/{slug}-demo",
            },
        )
        contact.tags.add(*Tag.objects.named(user, tags))
        contacts.append(contact)
    for index, days_ago, channel, summary in INTERACTIONS:
        Interaction.objects.get_or_create(
            contact=contacts[index],
            happened_on=today - timedelta(days=days_ago),
            channel=channel,
            defaults={"summary": summary},
        )
    for contact, (*_, weeks) in zip(contacts, PEOPLE, strict=True):
        if weeks and not contact.cadence_weeks:
            # Set three months ago, so the people not seen for a while are overdue.
            contact.set_cadence(weeks, today=today - timedelta(days=90))
        else:
            contact.sync_follow_up()
    return contacts
