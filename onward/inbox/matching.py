"""Which of the user's contacts or companies a message comes from, and the application it is
most likely about."""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from onward.core.naming import company_key
from onward.network.models import Contact
from onward.pipeline.models import Application, Company, StageKind

from .extract import is_ats

# Addresses anyone can have: a company whose website is one of these says nothing about mail.
FREE_MAIL_DOMAINS = frozenset(
    {
        "aol.com", "fastmail.com", "fastmail.fm", "gmail.com", "gmx.com", "gmx.de", "gmx.net",
        "googlemail.com", "hey.com", "hotmail.co.uk", "hotmail.com", "hotmail.fr", "icloud.com",
        "live.com", "mac.com", "mail.com", "mail.ru", "me.com", "msn.com", "outlook.com",
        "pm.me", "proton.me", "protonmail.com", "qq.com", "t-online.de", "tutanota.com",
        "web.de", "yahoo.co.uk", "yahoo.com", "yahoo.fr", "yandex.com", "yandex.ru", "zoho.com",
    }
)  # fmt: skip
STILL_OPEN = [StageKind.OPEN, StageKind.ACTIVE, StageKind.OFFER]


def website_domain(url: str) -> str:
    """``https://www.Acme.com/careers`` is ``acme.com``; "" for no usable host."""
    url = url.strip()
    if not url:
        return ""
    try:
        host = urlsplit(url if "://" in url else f"https://{url}").hostname or ""
    except ValueError:
        return ""
    host = host.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    return host if "." in host else ""


def is_free_mail(domain: str) -> bool:
    return domain.lower() in FREE_MAIL_DOMAINS


def within(domain: str, company_domain: str) -> bool:
    """``jobs.acme.com`` and ``acme.com`` are within ``acme.com``; ``notacme.com`` is not."""
    return domain == company_domain or domain.endswith("." + company_domain)


@dataclass(frozen=True)
class Match:
    contact: Contact | None
    company: Company | None
    # Open applications the message may be about, best first; more than one when it cannot
    # tell (the user then chooses).
    applications: tuple[Application, ...] = ()

    @property
    def application(self) -> Application | None:
        return self.applications[0] if len(self.applications) == 1 else None


def folded(text: str) -> str:
    """Text reduced like a company key (see ``core.naming``), with spaces around, for finding
    a name as whole words."""
    return f" {company_key(text)} "


class Matcher:
    """The user's contacts' addresses, companies' names and domains and open applications,
    read once per check."""

    def __init__(self, user) -> None:
        self.user = user
        self.contacts: dict[str, Contact] = {}
        for contact in Contact.objects.for_user(user).exclude(email="").order_by("pk"):
            self.contacts.setdefault(contact.email.lower(), contact)
        self.domains: list[tuple[str, Company]] = []
        self.by_key: dict[str, Company] = {}
        for company in Company.objects.for_user(user).order_by("pk"):
            self.by_key.setdefault(company.name_key, company)
            domain = website_domain(company.website)
            if domain and not is_free_mail(domain) and not is_ats(domain):
                self.domains.append((domain, company))
        # The most specific domain first (careers.acme.com before acme.com).
        self.domains.sort(key=lambda item: -len(item[0]))
        # Names of two letters or fewer would be found everywhere.
        self.names = sorted(
            ((key, company) for key, company in self.by_key.items() if len(key) >= 3),
            key=lambda item: -len(item[0]),
        )
        self.open: dict[int, list[Application]] = {}
        for application in (
            Application.objects.for_user(user)
            .filter(stage__kind__in=STILL_OPEN)
            .select_related("stage")
            .order_by("-stage_changed_at", "-pk")
        ):
            self.open.setdefault(application.company_id, []).append(application)

    def company_named(self, *texts: str) -> Company | None:
        """The user's company whose name the texts spell out (the longest name first, so
        "Acme Robotics" wins over "Acme")."""
        haystack = " ".join(folded(text) for text in texts if text)
        return next((c for key, c in self.names if f" {key} " in haystack), None)

    def match(
        self,
        address: str,
        *,
        display: str = "",
        subject: str = "",
        text: str = "",
        company_name: str = "",
        role: str = "",
        recruiting: bool = False,
    ) -> Match | None:
        """Who a message is from and what it is about, or None when it is nothing to the user.

        By the sender's address (a contact) or domain (a company's website), else, for mail from
        an applicant-tracking system or a no-reply address, by the company named in the display
        name, the subject or the text. A recruiting message (``recruiting``) from anyone may
        also be matched by the company it names.
        """
        address = address.lower()
        domain = address.rpartition("@")[2]
        contact = self.contacts.get(address)
        company = None
        if not is_free_mail(domain):
            company = next((c for d, c in self.domains if within(domain, d)), None)
        if contact and company is None and contact.company_key:
            company = self.by_key.get(contact.company_key)
        if company is None and (is_ats(domain) or is_no_reply(address) or recruiting or contact):
            company = self.company_named(company_name, display, subject) or (
                self.company_named(text) if is_ats(domain) or recruiting else None
            )
        if contact is None and company is None:
            return None
        return Match(contact, company, self.applications_for(contact, company, subject, text, role))

    def applications_for(
        self, contact: Contact | None, company: Company | None, subject: str, text: str, role: str
    ) -> tuple[Application, ...]:
        open_ones = self.open.get(company.pk, []) if company is not None else []
        if contact is not None:
            linked = set(
                Application.objects.for_user(self.user)
                .filter(contact_links__contact=contact, stage__kind__in=STILL_OPEN)
                .values_list("pk", flat=True)
            )
            mine = [a for a in open_ones if a.pk in linked]
            if not mine and linked:
                mine = list(
                    Application.objects.for_user(self.user)
                    .filter(pk__in=linked)
                    .select_related("stage")
                    .order_by("-stage_changed_at", "-pk")
                )
            if mine:
                open_ones = mine
        if len(open_ones) <= 1:
            return tuple(open_ones)
        # Several: the one whose title the message names (the extracted role, else anywhere).
        haystack = folded(f"{role}\n{subject}\n{text}")
        named = [a for a in open_ones if len(company_key(a.title)) >= 3
                 and f" {company_key(a.title)} " in haystack]  # fmt: skip
        if role and len(named) > 1:
            exact = [a for a in named if company_key(a.title) == company_key(role)]
            named = exact or named
        return tuple(named) if named else tuple(open_ones)


def is_no_reply(address: str) -> bool:
    return bool(re.match(r"(?:no|do-?not)[-_.]?reply|notifications?@|careers?[-_.]", address))
