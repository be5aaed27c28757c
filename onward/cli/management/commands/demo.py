"""``onward demo``: a demo account with a realistic, invented job search to explore Onward with.

Everything is made up: the people, the companies (on the reserved ``.example`` domain) and the
job search itself. The same ``--seed`` gives the same search, laid out over the ~3 months
before today. Running it again replaces the demo account's data instead of adding to it.
"""

import random
import secrets
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from rich.console import Console
from rich.progress import Progress

from onward.accounts.models import profile_for
from onward.debrief.demo import add_demo_debriefs
from onward.growth.demo import add_demo_growth
from onward.inbox.demo import add_demo_inbox
from onward.network.demo import add_demo_network
from onward.network.models import Contact
from onward.pipeline.demo import add_demo_offers
from onward.pipeline.models import (
    Application,
    ApplicationContact,
    Company,
    ContactRole,
    Interview,
    InterviewKind,
    Note,
    Source,
    Stage,
    WorkMode,
)
from onward.strategy.demo import add_demo_experiment
from onward.today.demo import add_demo_routine

USERNAME = "demo"
# Each app adds its own sample data on top of the applications, in this order: debriefs come
# from the rejections, the network adds its people, the routine counts what all of them did.
# Growth comes last: the routine's demo clears the activity log, where growth logs its hours.
OTHER_APPS_SAMPLE_DATA = [
    add_demo_offers,
    add_demo_debriefs,
    add_demo_network,
    add_demo_routine,
    add_demo_growth,
    add_demo_inbox,
    add_demo_experiment,
]
# Marks the account as the demo's, so `onward demo` never wipes a real person called "demo".
DEMO_EMAIL = "demo@onward.example"

COMPANIES = [
    "Acorn Ledger", "Bluefin Robotics", "Cobalt Orchard", "Driftwood Health", "Emberline Energy",
    "Fernhill Games", "Glasswing Labs", "Harbor & Finch", "Ironbark Systems", "Juniper Vale Media",
    "Kestrel Freight", "Lanternfish Security", "Moss & Meridian", "Nimbus Quarry",
    "Otterpine Books", "Paper Lantern Travel", "Quillstone Legal", "Riverbend Mobility",
    "Saltmarsh Foods",
    "Tidewater Climate", "Umber Labs", "Vellum Learning", "Wrenfield Insurance", "Yarrow Biotech",
    "Zephyr Parcel",
]  # fmt: skip
TITLES = [
    "Backend Engineer", "Senior Backend Engineer", "Software Engineer, Platform",
    "Python Developer", "Senior Software Engineer", "Data Engineer", "Full-stack Engineer",
    "Site Reliability Engineer", "Staff Engineer", "Engineering Manager",
]  # fmt: skip
LOCATIONS = ["Berlin", "Amsterdam", "Lisbon", "Remote (EU)", "Copenhagen", "Vienna", "Utrecht"]
RESUME_VERSIONS = ["backend-v3", "backend-v4", "platform-focus-v1", "data-focus-v2"]
FIRST_NAMES = [
    "Ada", "Bram", "Celia", "Dario", "Elin", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kaia",
    "Luca", "Maren", "Nils", "Odile", "Pavel", "Rosa", "Sami", "Tove", "Vera",
]  # fmt: skip
LAST_NAMES = [
    "Abernathy-Quill", "Brackwater", "Castellane", "Dunmore", "Eskildsen-Roe", "Fairweather",
    "Gallowglass", "Hollins-Vey", "Ironside", "Juniperson", "Kettlewell", "Lindqvist-Moor",
    "Marchbank", "Nettlefold", "Oakenshaw", "Pemberton-Lark", "Quarrington", "Rookwood",
    "Stillwater", "Thistlewood",
]  # fmt: skip
CONTACT_TITLES: dict[str, list[str]] = {
    ContactRole.RECRUITER: ["Talent Partner", "Technical Recruiter", "People Partner"],
    ContactRole.HIRING_MANAGER: ["Engineering Manager", "Head of Engineering", "Director"],
    ContactRole.INTERVIEWER: ["Staff Engineer", "Senior Engineer", "Tech Lead", "Principal"],
    ContactRole.REFERRER: ["Software Engineer", "Product Manager", "Data Scientist"],
}
MAX_CONTACTS = 20

# How each application's search went: the stages it passed through, in order.
# 40 applications. The story ends with two offers to weigh and nothing accepted yet (a
# search that had ended would send no applications after it), so every default stage but
# Accepted is the current stage of some.
PATHS = (
    [["Wishlist"]] * 3
    + [["Wishlist", "Applied"]]
    + [["Applied"]] * 7
    + [["Applied", "Screening"]] * 4
    + [["Applied", "Screening", "Interviewing"]] * 4
    + [["Applied", "Screening", "Interviewing", "Final round"]] * 2
    + [["Applied", "Screening", "Interviewing", "Final round", "Offer"]] * 2
    + [["Applied", "Rejected"]] * 3
    + [["Applied", "Screening", "Rejected"]] * 3
    + [["Applied", "Screening", "Interviewing", "Rejected"]] * 2
    + [["Applied", "Screening", "Interviewing", "Final round", "Rejected"]]
    + [["Applied", "Ghosted"]] * 3
    + [["Applied", "Screening", "Ghosted"]]
    + [["Applied", "Screening", "Interviewing", "Ghosted"]]
    + [["Wishlist", "Applied", "Screening", "Withdrawn"]]
    + [["Applied", "Screening", "Interviewing", "Withdrawn"]]
    + [["Applied", "Screening", "Interviewing", "Final round", "Offer", "Withdrawn"]]
)

MOVE_NOTES = {
    "Screening": ["Recruiter reached out to book a call.", "Invited to a screening call."],
    "Interviewing": ["Passed the screen; technical round next.", "Moving on to interviews."],
    "Final round": ["Invited to the final round.", "Final round with the team lead."],
    "Offer": ["Verbal offer, written offer to follow."],
    "Rejected": [
        "Form rejection email.",
        "They went with a candidate with more Kubernetes experience.",
        "Rejected after the interview: wanted more system design depth.",
    ],
    "Ghosted": ["No reply after two follow-ups."],
    "Withdrawn": [
        "Withdrew: the role turned out to be mostly on-call.",
        "Withdrew: salary too low.",
    ],
}
QUESTIONS = [
    "Tell me about a production incident you handled.",
    "Design a rate limiter for a public API.",
    "How would you migrate a large table without downtime?",
    "Walk me through a project you're proud of.",
    "How do you review a pull request you disagree with?",
    "What would you do in your first 90 days?",
    "Explain how a database index speeds up a query.",
    "Tell me about a time you changed your mind.",
]
TIMELINE_NOTES = [
    "Read their engineering blog: they run Django on PostgreSQL.",
    "Sent a thank-you note to the interviewers.",
    "Followed up with the recruiter.",
    "Asked a former colleague what the team is like.",
    "Prepared STAR stories for the behavioural round.",
    "Tailored the résumé to stress platform work.",
]
DESCRIPTION = (
    "{company} is looking for a {title} to join a small product team. You will design, build "
    "and run services in Python, care about tests and observability, and work closely with "
    "product and design. {mode} role based in {location}."
)
INTERVIEW_NOTES = [
    "Went well; good rapport with the interviewer.",
    "Ran out of time on the last question.",
    "Friendly, but they probed hard on testing strategy.",
    "Stumbled on the system design part; revise caching.",
]
# Days between two moves, by the stage moved into.
GAPS = {
    "Applied": (1, 12),
    "Screening": (3, 10),
    "Interviewing": (4, 12),
    "Final round": (5, 12),
    "Offer": (3, 8),
    "Accepted": (2, 5),
    "Rejected": (2, 14),
    "Ghosted": (21, 30),
    "Withdrawn": (2, 7),
}


class DemoContacts:
    """Invented people, at most MAX_CONTACTS; a company's recruiter (say) stays the same person
    across its applications."""

    def __init__(self, user, rng: random.Random):
        self.user = user
        self.rng = rng
        surnames = rng.sample(LAST_NAMES, len(LAST_NAMES))
        self.names = [f"{first} {last}" for first, last in zip(FIRST_NAMES, surnames, strict=True)]
        self.known: dict[tuple[int, str], Contact] = {}

    def at(self, company: Company, role: str) -> Contact | None:
        key = (company.pk, role)
        if key not in self.known and len(self.known) < MAX_CONTACTS:
            name = self.names[len(self.known)]
            self.known[key] = Contact.objects.create(
                user=self.user,
                name=name,
                email=f"{name.split()[0].lower()}@{domain(company.name)}",
                company_name=company.name,
                title=self.rng.choice(CONTACT_TITLES[role]),
            )
        return self.known.get(key)


def domain(company_name: str) -> str:
    slug = "".join(c if c.isalnum() else "-" for c in company_name.lower())
    return "-".join(part for part in slug.split("-") if part) + ".example"


def demo_source(rng: random.Random, path: list[str]) -> str:
    """The demo's lesson, made deliberate: referrals are what got replies (the persona's
    strategy experiment); job-board applications mostly went unanswered."""
    replied = "Screening" in path
    if replied and rng.random() < 0.6:
        return Source.REFERRAL
    if not replied and rng.random() < 0.7:
        return Source.JOB_BOARD
    return rng.choice([v for v in Source.values if v not in (Source.REFERRAL, Source.JOB_BOARD)])


def at_work_hours(rng: random.Random, day: datetime) -> datetime:
    return day.replace(hour=rng.randint(8, 17), minute=rng.choice([0, 15, 30, 45]), second=0)


def move_dates(rng: random.Random, path: list[str], now: datetime) -> list[datetime]:
    """Increasing dates for the moves along ``path``, inside the ~3 months before ``now``."""
    gaps = [rng.randint(*GAPS[name]) for name in path[1:]]
    span = sum(gaps)
    if span > 90:  # squeeze a long history into the window
        gaps = [max(1, gap * 90 // span) for gap in gaps]
        span = sum(gaps)
    day = now - timedelta(days=rng.randint(span + 1, 92))
    dates = [at_work_hours(rng, day)]
    for gap in gaps:
        day += timedelta(days=gap)
        dates.append(max(at_work_hours(rng, day), dates[-1] + timedelta(hours=1)))
    # Never in the future, and still in order (an equal date is allowed by move_to).
    return [min(when, now - timedelta(hours=1)) for when in dates]


class Command(BaseCommand):
    help = (
        "Create (or refresh) the 'demo' account with an invented, realistic job search. "
        "Re-running replaces the demo account's data."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help="The demo account's password. Without it a new account gets a random one "
            "(printed once) and an existing account keeps its password.",
        )
        parser.add_argument("--seed", type=int, default=2024, help="Same seed, same demo.")

    def handle(self, *args, password=None, seed=2024, **options):
        console = Console(file=self.stdout, highlight=False)
        rng = random.Random(seed)
        User = get_user_model()
        existing = User.objects.filter(username=USERNAME).first()
        if existing is not None and existing.email != DEMO_EMAIL:
            raise CommandError(
                f"A user named {USERNAME!r} exists and is not the demo account; not touching it."
            )
        generated = None
        with transaction.atomic():
            if existing is not None:
                kept_hash = existing.password
                # Applications first: their stages are protected while they point at them.
                Application.objects.for_user(existing).delete()
                existing.delete()
            user = User.objects.create_user(username=USERNAME, email=DEMO_EMAIL)
            user.first_name, user.last_name = "Demo", "Account"
            if password:
                user.set_password(password)
            elif existing is not None:
                user.password = kept_hash
            else:
                generated = secrets.token_urlsafe(12)
                user.set_password(generated)
            user.save()
            Stage.objects.ensure_defaults(user)
            profile_for(user)
            with Progress(console=console, transient=True) as progress:
                task = progress.add_task("Building the demo job search", total=len(PATHS) + 1)
                count = self.build(user, rng, lambda: progress.advance(task))
                for add_sample_data in OTHER_APPS_SAMPLE_DATA:
                    add_sample_data(user)
                progress.advance(task)

        console.print(
            f"[green]✓[/green] Demo account [bold]{USERNAME}[/bold]: {count} applications at "
            f"{Company.objects.for_user(user).count()} companies, "
            f"{Contact.objects.for_user(user).count()} contacts."
        )
        if generated:
            console.print(f"  Password (shown once): [bold]{generated}[/bold]")
        elif password:
            console.print("  Password: the one you gave.")
        else:
            console.print("  Password: unchanged.")

    def build(self, user, rng: random.Random, advance) -> int:
        now = timezone.now()
        stages = {stage.name: stage for stage in Stage.objects.for_user(user)}
        companies = [
            Company.objects.create(
                user=user, name=name, website=f"https://{domain(name)}/", created_at=now
            )
            for name in COMPANIES
        ]
        paths = list(PATHS)
        rng.shuffle(paths)
        # Every company gets one application, a few get two or three.
        owners = companies + [rng.choice(companies) for _ in range(len(paths) - len(companies))]
        rng.shuffle(owners)
        searches = []
        for path, company in zip(paths, owners, strict=True):
            application, dates = self.add_application(user, rng, now, company, path, stages)
            searches.append((application, path, dates))
            advance()

        # The ~20 people go where they matter most: interviewers first, recruiters last.
        contacts = DemoContacts(user, rng)
        people: dict[int, dict[str, Contact]] = {app.pk: {} for app, _, _ in searches}
        for role, reached in [
            (ContactRole.INTERVIEWER, "Interviewing"),
            (ContactRole.HIRING_MANAGER, "Final round"),
            (ContactRole.RECRUITER, "Screening"),
        ]:
            for application, path, _ in searches:
                if reached in path:
                    contact = contacts.at(application.company, role)
                    self.link(application, contact, role, people)
        for application, _, _ in searches:
            if application.source == Source.REFERRAL:
                referrer = contacts.at(application.company, ContactRole.REFERRER)
                self.link(application, referrer, ContactRole.REFERRER, people)

        for application, path, dates in searches:
            self.add_interviews(application, rng, now, path, dates, people[application.pk])
            advance()
        return len(searches)

    def add_application(self, user, rng, now, company, path, stages):
        dates = move_dates(rng, path, now)
        title = rng.choice(TITLES)
        mode = rng.choice(WorkMode.values)
        location = "Remote (EU)" if mode == WorkMode.REMOTE else rng.choice(LOCATIONS[:-1])
        low = rng.randrange(55, 90, 5) * 1000
        salary = rng.random() < 0.75
        applied = next((d for name, d in zip(path, dates, strict=True) if name != "Wishlist"), None)
        application = Application.objects.create(
            user=user,
            company=company,
            title=title,
            job_url=f"https://{domain(company.name)}/careers/{rng.randint(100, 999)}",
            location=location,
            work_mode=mode,
            salary_min=low if salary else None,
            salary_max=low + rng.randrange(10, 30, 5) * 1000 if salary else None,
            salary_currency="EUR" if salary else "",
            source=demo_source(rng, path),
            resume_version=rng.choice(RESUME_VERSIONS),
            description=DESCRIPTION.format(
                company=company.name,
                title=title.lower(),
                mode=WorkMode(mode).label,
                location=location,
            ),  # fmt: skip
            applied_on=timezone.localdate(applied) if applied else None,
            excitement=rng.randint(1, 5),
            stage=stages[path[0]],
            created_at=dates[0],
            stage_changed_at=dates[0],
        )
        # move_to() is the only way a stage changes; the first move starts the history.
        for name, when in zip(path, dates, strict=True):
            note = rng.choice(MOVE_NOTES[name]) if name in MOVE_NOTES else ""
            application.move_to(stages[name], when=when, note=note)
        for _ in range(rng.randint(0, 2)):
            Note.objects.create(
                application=application,
                body=rng.choice(TIMELINE_NOTES),
                created_at=dates[0] + (now - dates[0]) * rng.random(),
            )
        return application, dates

    @staticmethod
    def link(application, contact, role, people) -> None:
        if contact is not None:
            ApplicationContact.objects.create(application=application, contact=contact, role=role)
            people[application.pk][role] = contact

    def add_interviews(self, application, rng, now, path, dates, people) -> None:
        """The interviews of each stage reached, between its move and the next one; an
        application still interviewing may have one ahead."""

        def window(stage_name: str) -> tuple[datetime, datetime]:
            i = path.index(stage_name)
            end = dates[i + 1] if i + 1 < len(dates) else dates[i] + timedelta(days=8)
            return dates[i], end

        recruiter = people.get(ContactRole.RECRUITER)
        interviewer = people.get(ContactRole.INTERVIEWER)
        manager = people.get(ContactRole.HIRING_MANAGER)
        kinds = InterviewKind
        # (round, kind, the stage it happens in, how far into that stage, interviewers)
        rounds = [
            ("Recruiter screen", kinds.PHONE_SCREEN, "Screening", 0.3, [recruiter]),
            ("Technical interview", kinds.TECHNICAL, "Interviewing", 0.3, [interviewer]),
            ("Behavioural interview", kinds.BEHAVIOURAL, "Interviewing", 0.7, [manager]),
            ("Final round", kinds.FINAL, "Final round", 0.5, [manager, interviewer]),
        ]
        for round_name, kind, stage_name, at, interviewers in rounds:
            if stage_name not in path:
                continue
            start, end = window(stage_name)
            when = start + (end - start) * (at + rng.uniform(-0.15, 0.15))
            when = when.replace(minute=when.minute // 15 * 15, second=0, microsecond=0)
            upcoming = when > now
            interview = Interview.objects.create(
                application=application,
                round_name=round_name,
                kind=kind,
                starts_at=when,
                duration_minutes=30 if kind == kinds.PHONE_SCREEN else rng.choice([45, 60, 90]),
                questions="" if upcoming else "\n".join(rng.sample(QUESTIONS, 3)),
                notes="" if upcoming else rng.choice(INTERVIEW_NOTES),
                self_rating=None if upcoming else rng.randint(2, 5),
                created_at=min(when, now),
            )
            interview.interviewers.set([c for c in interviewers if c is not None])
