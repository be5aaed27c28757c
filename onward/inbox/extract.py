"""Which company and which role a recruiting email is about, read from the sender's display name,
the subject, the text and the signature: mail from an applicant-tracking system comes from a
no-reply address on the system's domain, so the sender's domain alone says little.

No database here (``onward classify-email`` uses it as it is); ``matching`` compares what is
found with the user's applications.
"""

import re
import unicodedata

# Applicant-tracking systems and job sites: their domains name no employer (a tenant may be
# the first label, as in acme.jobs.personio.de or acme@myworkday.com).
ATS_DOMAINS = (
    "greenhouse-mail.io", "greenhouse.io", "lever.co", "myworkday.com", "myworkdayjobs.com",
    "smartrecruiters.com", "ashbyhq.com", "icims.com", "personio.de", "personio.com",
    "teamtailor.com", "teamtailor-mail.com", "workablemail.com", "workable.com",
    "recruitee.com", "bamboohr.com", "jobvite.com", "successfactors.com", "successfactors.eu",
    "taleo.net", "breezy.hr", "jazzhr.com", "pinpointhq.com", "join.com", "softgarden.de",
    "softgarden.io", "dvinci.de", "rexx-systems.com", "comeet.co", "homerun.co", "jobylon.com",
    "recruiterbox.com", "applytojob.com", "hire.lever.co", "oraclecloud.com",
)  # fmt: skip
PLATFORM_NAMES = frozenset(
    {
        "workday", "greenhouse", "lever", "smartrecruiters", "ashby", "icims", "personio",
        "teamtailor", "workable", "recruitee", "linkedin", "indeed", "xing", "stepstone",
        "glassdoor", "noreply", "no-reply", "careers", "jobs", "recruiting", "talent",
    }
)  # fmt: skip
# Words around a company's name in a sender's display name or a signature.
TEAM_WORDS = (
    r"hiring team|recruiting team|recruitment team|talent acquisition(?: team)?|talent team"
    r"|people team|people & culture|people and culture|hr department|hr team|human resources"
    r"|early careers team|graduate recruitment|recruiting|recruitment|recruiter|careers|career"
    r"|hiring|talent|jobs|hr|team|karriere|personalabteilung|recruiting-team|personalmanagement"
    r"|recrutement|ressources humaines|equipo de talento|talento|seleccion|rrhh|via \w+"
)
_TEAM_AROUND = re.compile(
    rf"^(?:the |das |l'|el |ihr |dein |(?:{TEAM_WORDS})(?: der| de| of| at| del)? )+"
    rf"|(?:,? (?:{TEAM_WORDS}))+$",
    re.IGNORECASE,
)
# A name: capitalised words, with the small words and signs company names contain.
_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’&-]*(?:\.[a-z]{2,})*"
_LOWER = r"[a-zß-öø-ÿ][\w'’-]*"
_NAME = rf"{_WORD}(?:(?: (?:&|and|und|de|du|des|la|le|del|y|et|of|\+))? {_WORD}){{0,4}}"
_COMPANY_CUES = re.compile(
    rf"(?:\b(?:at|to|with|from|join|joining|in|bei|chez|en|an|für|pour|para|of|by)\b|"
    rf"\binterest in|\bInteresse an|\binterés en)\s+(?P<name>{_NAME})"
)
_SUBJECT_LEAD = re.compile(
    rf"^(?:(?:re|aw|fw|fwd|wg|tr|rv)\s*:\s*)*(?P<name>{_NAME})\s*(?:[-|:–—]|<>)\s"
)
_NOT_COMPANIES = frozenset(
    [
        "hi",
        "hello",
        "dear",
        "hey",
        "hallo",
        "liebe",
        "lieber",
        "sehr",
        "bonjour",
        "salut",
        "hola",
        "estimada",
        "estimado",
        "madame",
        "monsieur",
        "thank",
        "thanks",
        "please",
        "your",
        "our",
        "we",
        "you",
        "the",
        "this",
        "that",
        "these",
        "congratulations",
        "great",
        "good",
        "news",
        "update",
        "re",
        "aw",
        "fw",
        "fwd",
        "application",
        "candidate",
        "interview",
        "next",
        "step",
        "steps",
        "your",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
        "mars",
        "avril",
        "mai",
        "juin",
        "märz",
        "marzo",
        "abril",
        "google",
        "zoom",
        "teams",
        "microsoft",
        "meet",
        "calendly",
        "linkedin",
        "indeed",
        "github",
        "ihre",
        "ihr",
        "deine",
        "dein",
        "votre",
        "vos",
        "tu",
        "su",
        "sus",
        "nuestro",
        "nous",
        "wir",
        "unser",
        "unsere",
        "alice",
        "martin",
        "ms",
        "mr",
        "mrs",
        "dr",
        "frau",
        "herr",
        "sra",
        "sr",
    ]
)
_ROLE_STOP = (
    r"(?=\s+(?:at|with|in|bei|chez|en|à|a|has|is|was|we|and|und|et|y|ist|wurde|est|a été"
    r"|ha|hat|team|position|role|job|opening|vacancy|post|posición|stelle|poste|puesto"
    r"|vacante|offer|interview|application|requisition)\b|\s*[.,;:!?()\[\]\n]|\s+[-–|]|$)"
)
_ROLE_LINK = r"de|du|des|of|and|&|d'\w+|la|del|y|en|für|II|III|I"
_ROLE = rf"(?P<role>{_WORD}(?: (?:{_WORD}|{_ROLE_LINK})){{0,5}}?){_ROLE_STOP}"
# French and Spanish titles go on in lower case ("Chef de projet digital").
_ROLE_LOOSE = rf"(?P<role>{_WORD}(?: (?:{_WORD}|{_LOWER})){{0,4}}?){_ROLE_STOP}"
_ROLE_CUES = [
    re.compile(p, re.IGNORECASE if i >= 99 else 0)
    for i, p in enumerate(
        [
            rf"\b(?:position|role|post|vacancy) (?:of|as) (?:an? |the )?{_ROLE}",
            rf"\b(?:for|as|to|into) (?:the |a |an |our |your )?(?:position of |role of )?{_ROLE}"
            r" (?:role|position|job|opening|vacancy|post|requisition|hire|vacature)\b",
            rf"\b(?:the|our|for|as) {_ROLE} (?:role|position|opening|vacancy|job)\b",
            rf"\b(?:als|as|comme|como) (?:an? )?{_ROLE}",
            rf"\b(?:Position|Stelle)(?: als)? {_ROLE}",
            rf"\b(?:au |le |du |pour le )?poste (?:de |d')?{_ROLE_LOOSE}",
            rf"\b(?:el |al |del )?puesto de {_ROLE_LOOSE}",
            rf"\bposición de {_ROLE_LOOSE}",
            rf"\b(?:for|para|pour|für|applying to|apply for|applied for|Bewerbung auf) {_ROLE}",
        ]
    )
]
_SUBJECT_ROLE = re.compile(rf"(?:[-|:–—]|\bfor|\bals|\bas)\s+(?:the )?{_ROLE_LOOSE}\s*(?:\(|$)")
_ROLE_NOISE = re.compile(r"\s*\((?:m/w/d|w/m/d|m/f/d|h/f|f/h|d/f/m|all genders)\)", re.IGNORECASE)
_NOT_ROLES = frozenset(
    [
        "the",
        "you",
        "your",
        "our",
        "us",
        "this",
        "that",
        "it",
        "me",
        "a",
        "an",
        "future",
        "other",
        "another",
        "every",
        "all",
        "any",
        "candidates",
        "bewerbung",
        "application",
        "interview",
        "interest",
        "team",
        "the",
        "next",
        "position",
        "role",
        "job",
    ]
)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if c.isalnum())


def _free_mail(domain: str) -> bool:
    return domain.split(".")[0] in {
        "gmail", "googlemail", "outlook", "hotmail", "yahoo", "icloud", "gmx", "web", "proton",
        "protonmail", "aol", "live", "me", "mail", "t-online", "posteo", "fastmail", "zoho",
    }  # fmt: skip


def is_ats(domain: str) -> bool:
    domain = domain.lower()
    return any(domain == d or domain.endswith("." + d) for d in ATS_DOMAINS)


def _labels(address: str) -> list[str]:
    """What the address may call the employer: a tenant on an ATS, else the domain's name."""
    local, _, domain = address.lower().rpartition("@")
    parts = domain.split(".")
    if is_ats(domain):
        labels = [p for p in parts[:-2] if p not in ("jobs", "us", "eu", "mail", "hire", "www")]
        labels = [p for p in labels if not re.fullmatch(r"wd\d+|candidates|talent|app", p)]
        if local and not re.search(r"no-?reply|careers|jobs|notification|hello|info", local):
            labels.append(local)
        return [_fold(p) for p in labels]
    if len(parts) >= 2:
        name = (
            parts[-3]
            if parts[-2] in ("co", "com", "org", "gov", "ac") and len(parts) > 2
            else parts[-2]
        )
        name = re.sub(r"-?(?:app|hq|jobs|careers|group|mail)$", "", name)
        return [_fold(name)]
    return []


def _looks_like_person(display: str, address: str) -> bool:
    if is_ats(address.rpartition("@")[2]):
        return False
    words = [_fold(w) for w in display.split()]
    local = _fold(address.partition("@")[0])
    return 1 <= len(words) <= 3 and any(len(w) > 1 and w in local for w in words)


def clean_display(display: str) -> str:
    name = display.strip().strip('"').strip()
    for _ in range(3):
        name = _TEAM_AROUND.sub("", name).strip(" ,-|")
    return name


def _usable(name: str) -> bool:
    words = name.split()
    return (
        bool(words)
        and words[0].casefold() not in _NOT_COMPANIES
        and _fold(name) not in PLATFORM_NAMES
    )


def company_of(display: str, address: str, subject: str, text: str) -> str | None:
    """The employer's name as the email writes it, or None."""
    labels = [label for label in _labels(address) if len(label) >= 3]
    scores: dict[str, float] = {}
    spelled: dict[str, str] = {}

    def add(name: str, points: float) -> None:
        name = clean_display(_ROLE_NOISE.sub("", name)).strip(" .,:;!-")
        # "Kestrel Labs Talent" and "Kestrel Labs" are one candidate.
        if not name or not _usable(name) or len(name) > 60:
            return
        key = _fold(name)
        if not key:
            return
        if any(key == label or key.startswith(label) or label.startswith(key) for label in labels):
            points += 4
        scores[key] = scores.get(key, 0) + points
        spelled.setdefault(key, name)

    person = _looks_like_person(display, address)
    if display and not person:
        add(clean_display(display), 5)
    if lead := _SUBJECT_LEAD.match(subject):
        add(lead["name"], 2)
    for found in _COMPANY_CUES.finditer(f"{subject}\n{text}"):
        add(found["name"], 1.5)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines[-3:]:  # the signature
        if len(line) <= 70:
            for part in re.split(r"\s*[,|·]\s*", line):
                add(part, 1)
    if labels:  # a name the domain or the tenant spells, anywhere
        for found in re.finditer(_NAME, f"{display}\n{subject}\n{text}"):
            key = _fold(found.group())
            if any(key.startswith(label) for label in labels):
                add(found.group(), 1)
    domain = address.rpartition("@")[2]
    if labels and not is_ats(domain) and not _free_mail(domain):
        add(labels[0].title(), 2.5)  # the domain's own name, when nothing better is found
    if not scores:
        return None
    best = max(scores, key=lambda key: scores[key])
    return spelled[best] if scores[best] >= 3 else None


def role_of(subject: str, text: str, company: str | None = None) -> str | None:
    """The job title the email is about (never the company's name), or None."""
    subject = _ROLE_NOISE.sub("", subject)
    body = _ROLE_NOISE.sub("", text)
    not_it = _fold(company) if company else None

    def fits(role: str) -> bool:
        return (
            len(role) >= 3
            and role.split()[0].casefold() not in _NOT_ROLES
            and _fold(role) != not_it
        )

    for source in (subject, body):
        for pattern in _ROLE_CUES:
            for found in pattern.finditer(source):
                if fits(role := found["role"].strip()):
                    return role
    lead = _SUBJECT_ROLE.search(subject)
    if lead is not None and fits(role := lead["role"].strip()):
        return role
    return None


def about(display: str, address: str, subject: str, text: str) -> tuple[str | None, str | None]:
    """(company, role) of a recruiting email, each None when not found."""
    company = company_of(display, address, subject, text)
    return company, role_of(subject, text, company)
