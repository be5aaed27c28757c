"""Drafted messages: per-user templates with plain {placeholder} substitution, and the ways to
use a draft (mailto: link, .eml file, SMTP).

No template code ever runs: a template is plain text in which ``{name}`` is replaced by a value
from a fixed list, in one pass (a value containing braces is inserted as it is). Anything else
in braces is refused with the list of allowed names.

Feature apps register their own kinds with :func:`register_kind` (the debrief its thank-you and
feedback request, the network "ask a mentor for advice") and reuse the rest unchanged.
"""

import email.message
import email.policy
import email.utils
import re
from dataclasses import dataclass, field
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.mail.utils import DNS_NAME
from django.core.validators import validate_email
from django.db import models
from django.utils import timezone

from onward.core import text
from onward.core.owned import OwnedQuerySet

# The placeholders a template may use, with what each becomes. Documented in docs/debrief.md.
PLACEHOLDERS: dict[str, str] = {
    "recipient_name": "The recipient's full name",
    "recipient_first_name": "The recipient's first name",
    "company": "The company's name",
    "role": "The role title",
    "round": "The latest interview round (e.g. 'Technical interview')",
    "interview_date": "The date of the latest interview (e.g. '12 March')",
    "interviewers": "The names of everyone who interviewed you",
    "detail": "The line you chose to share in a thank-you (your notes are never used)",
    "situation": "Where you stand with the company, from your pipeline (support drafts)",
    "my_name": "Your name (Settings)",
    "signature": "Your email signature (Settings), else your name",
}

PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")
NO_REPLY_RE = re.compile(r"^(no|do|dont|do-not)?[-_.]?(not)?[-_.]?reply", re.IGNORECASE)


def allowed_list() -> str:
    return ", ".join("{" + name + "}" for name in PLACEHOLDERS)


def validate_template(text: str) -> None:
    """Refuse template code and unknown placeholders, naming the allowed ones."""
    if re.search(r"\{\{|\}\}|\{%|%\}|\{#|#\}", text):
        raise ValidationError(
            "Templates are plain text: {{ … }} and {% … %} are not allowed. "
            f"Use these placeholders instead: {allowed_list()}."
        )
    unknown = [name for name in PLACEHOLDER_RE.findall(text) if name not in PLACEHOLDERS]
    if unknown:
        shown = ", ".join("{" + name + "}" for name in dict.fromkeys(unknown))
        raise ValidationError(
            f"Unknown placeholder {shown}. The allowed placeholders are: {allowed_list()}."
        )
    if "{" in PLACEHOLDER_RE.sub("", text) or "}" in PLACEHOLDER_RE.sub("", text):
        raise ValidationError(
            f"A brace is not part of a placeholder. The allowed placeholders are: {allowed_list()}."
        )


@dataclass(frozen=True)
class DraftKindSpec:
    label: str
    subject: str
    body: str
    help: str = ""


DRAFT_KINDS: dict[str, DraftKindSpec] = {}


def register_kind(kind: str, spec: DraftKindSpec) -> None:
    """Make a kind of draft available (its default template lives in code, not the database)."""
    validate_template(spec.subject)
    validate_template(spec.body)
    DRAFT_KINDS[kind] = spec


def render(text: str, values: dict[str, str]) -> str:
    """Substitute placeholders as plain text, in one pass.

    A line that uses a placeholder with no value is left out, so an optional sentence (the
    interview detail, say) disappears cleanly instead of leaving a gap.
    """
    lines = []
    for line in text.splitlines():
        names = PLACEHOLDER_RE.findall(line)
        if any(not values.get(name, "").strip() for name in names):
            continue
        lines.append(PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), ""), line))
    rendered = "\n".join(lines)
    # Dropping a line can leave two blank lines in a row; keep paragraphs tidy.
    return re.sub(r"\n{3,}", "\n\n", rendered).strip() + "\n"


class DraftTemplateQuerySet(OwnedQuerySet):
    def template_for(self, user, kind: str) -> tuple[str, str]:
        """(subject, body) for the user: their own version, else the default."""
        own = self.for_user(user).filter(kind=kind).first()
        if own:
            return own.subject, own.body
        spec = DRAFT_KINDS[kind]
        return spec.subject, spec.body


class DraftTemplate(models.Model):
    """A user's own wording for one kind of draft. Without one, the default in code applies."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    # Not a choices field: other apps register kinds without a migration here.
    kind = models.CharField(max_length=40)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    objects = DraftTemplateQuerySet.as_manager()

    class Meta:
        # The table keeps the name it had when the model lived in the debrief app.
        db_table = "debrief_drafttemplate"
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="draft_template_unique_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} template of {self.user}"

    def clean(self):
        errors = {}
        if self.kind not in DRAFT_KINDS:
            errors["kind"] = "Unknown kind of draft."
        for name in ("subject", "body"):
            try:
                validate_template(getattr(self, name))
            except ValidationError as exc:
                errors[name] = exc.messages
        if errors:
            raise ValidationError(errors)


# --- Using a draft ------------------------------------------------------------------------


def validate_header(value: str, what: str = "This field") -> None:
    """Refuse line breaks in anything that becomes a mail header (header injection): every
    kind the email package breaks lines at (a vertical tab too), and other control characters."""
    if any(text.is_control(char) for char in value):
        raise ValidationError(f"{what} cannot contain a line break or other control character.")


def is_no_reply(address: str) -> bool:
    return bool(NO_REPLY_RE.match(address.split("@", 1)[0]))


def validate_recipient(address: str) -> None:
    validate_header(address, "The recipient")
    validate_email(address)
    if is_no_reply(address):
        raise ValidationError("That is a no-reply address: nobody will read it. Choose a person.")


@dataclass
class Draft:
    """A ready-to-use message. Validate it before building anything from it."""

    to: str
    subject: str
    body: str
    to_name: str = ""
    from_email: str = ""
    reply_to: list[str] = field(default_factory=list)

    def validate(self) -> None:
        validate_recipient(self.to)
        validate_header(self.subject, "The subject")
        validate_header(self.to_name, "The recipient's name")

    @property
    def to_header(self) -> str:
        return email.utils.formataddr((self.to_name, self.to)) if self.to_name else self.to

    def email_message(self, *, from_email: str = "", connection=None) -> EmailMessage:
        self.validate()
        return EmailMessage(
            subject=self.subject,
            body=self.body,
            from_email=from_email or self.from_email or settings.DEFAULT_FROM_EMAIL,
            to=[self.to_header],
            reply_to=self.reply_to or None,
            connection=connection,
        )


def build_eml(draft: Draft) -> bytes:
    """A standards-compliant .eml (UTF-8) that mail clients open as an unsent draft: lines end
    in CRLF (RFC 5322), and headers are folded by the modern policy, which does not leave a
    space at the start of an encoded Subject when read back."""
    draft.validate()
    # Built with the standard library's modern email API: Django's message class writes a
    # long encoded Subject on a continuation line, which readers decode with a leading space.
    message = email.message.EmailMessage(policy=email.policy.SMTP)
    message["Subject"] = draft.subject
    message["From"] = draft.from_email or settings.DEFAULT_FROM_EMAIL
    message["To"] = draft.to_header
    if draft.reply_to:
        message["Reply-To"] = ", ".join(draft.reply_to)
    message["Date"] = email.utils.formatdate(localtime=True)
    message["Message-ID"] = email.utils.make_msgid(domain=DNS_NAME.get_fqdn())
    message["X-Unsent"] = "1"
    message.set_content(draft.body, charset="utf-8")
    return message.as_bytes()


def mailto_url(draft: Draft) -> str:
    """A mailto: link (RFC 6068): everything percent-encoded as UTF-8, line breaks as CRLF."""
    draft.validate()
    body = draft.body.replace("\r\n", "\n").replace("\n", "\r\n")
    query = f"subject={quote(draft.subject, safe='')}&body={quote(body, safe='')}"
    return f"mailto:{quote(draft.to, safe='@')}?{query}"


def eml_filename(draft: Draft) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", draft.subject).strip("-")[:60] or "draft"
    return f"{slug}-{timezone.localdate():%Y%m%d}.eml"
