"""Which of the user's contacts or companies a message comes from, and the application it is
most likely about."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from onward.network.models import Contact
from onward.pipeline.models import Application, Company, StageKind

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


class Matcher:
    """The user's contacts' addresses and companies' domains, read once per check."""

    def __init__(self, user) -> None:
        self.contacts: dict[str, Contact] = {}
        for contact in Contact.objects.for_user(user).exclude(email="").order_by("pk"):
            self.contacts.setdefault(contact.email.lower(), contact)
        self.domains: list[tuple[str, Company]] = []
        self.by_key: dict[str, Company] = {}
        for company in Company.objects.for_user(user).order_by("pk"):
            self.by_key.setdefault(company.name_key, company)
            domain = website_domain(company.website)
            if domain and not is_free_mail(domain):
                self.domains.append((domain, company))
        # The most specific domain first (careers.acme.com before acme.com).
        self.domains.sort(key=lambda item: -len(item[0]))

    def match(self, address: str) -> Match | None:
        address = address.lower()
        domain = address.rpartition("@")[2]
        contact = self.contacts.get(address)
        company = None
        if not is_free_mail(domain):
            company = next((c for d, c in self.domains if within(domain, d)), None)
        if contact and company is None and contact.company_key:
            company = self.by_key.get(contact.company_key)
        if contact is None and company is None:
            return None
        return Match(contact=contact, company=company)


def relevant_application(user, match: Match) -> Application | None:
    """The application a message is most likely about: the most recently moved open one linked
    to the contact, else the most recently moved open one at the company."""
    open_ones = Application.objects.for_user(user).filter(stage__kind__in=STILL_OPEN)
    if match.contact is not None:
        linked = open_ones.filter(contact_links__contact=match.contact)
        application = linked.order_by("-stage_changed_at", "-pk").first()
        if application is not None:
            return application
    if match.company is not None:
        return open_ones.filter(company=match.company).order_by("-stage_changed_at", "-pk").first()
    return None
