"""The labelled corpus of recruiting mail the classifier is measured on: every email written for
Onward from scratch, in English, German, French and Spanish, with look-alikes that are not what
they seem (payment notices, newsletters about rejection, job alerts, talk decisions...).

``train.txt`` is what the phrase lists were written against; ``test.txt`` is held out (split
once, stratified by kind and language, by a hash of each email) and never tuned on.
``bench/inbox_classify.py`` prints the figures on it; the tests hold a floor.

Format: each email starts with ``## <kind> <language>``, then ``From:``, ``Subject:`` and,
where the email names them, the ``Company:`` and ``Role:`` it is about; a blank line; the body.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from html import escape
from pathlib import Path

HERE = Path(__file__).parent
SENT = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Sample:
    kind: str
    language: str
    sender: str
    subject: str
    company: str | None
    role: str | None
    body: str

    def as_bytes(self, variant: int = 0) -> bytes:
        """The email as a mail client would receive it, in one of five wrappings (so the
        measured path includes parsing): plain UTF-8, HTML only, plain + HTML, Latin-1 (or
        UTF-8 where that cannot hold it) in quoted-printable, and base64."""
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = "Alice Martin <alice@example.org>"
        message["Subject"] = self.subject
        message["Date"] = format_datetime(SENT)
        html = "".join(
            f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in self.body.split("\n\n")
        )
        html = f"<html><body><div style='font-family:sans-serif'>{html}</div></body></html>"
        match variant % 5:
            case 0:
                message.set_content(self.body)
            case 1:
                message.set_content(html, subtype="html")
            case 2:
                message.set_content(self.body)
                message.add_alternative(html, subtype="html")
            case 3:
                try:
                    self.body.encode("latin-1")
                    charset = "latin-1"
                except UnicodeEncodeError:
                    charset = "utf-8"
                message.set_content(self.body, charset=charset, cte="quoted-printable")
            case _:
                message.set_content(self.body, cte="base64")
        return message.as_bytes()


def parse(text: str) -> list[Sample]:
    samples = []
    for chunk in re.split(r"(?m)^## ", text)[1:]:
        head, _, rest = chunk.partition("\n")
        kind, language = head.split()
        headers, _, body = rest.partition("\n\n")
        fields = dict(line.split(": ", 1) for line in headers.splitlines())
        samples.append(
            Sample(
                kind=kind,
                language=language,
                sender=fields["From"],
                subject=fields["Subject"],
                company=fields.get("Company"),
                role=fields.get("Role"),
                body=body.strip("\n") + "\n",
            )
        )
    return samples


def load(split: str) -> list[Sample]:
    """The ``train`` or ``test`` emails."""
    if split not in ("train", "test"):
        raise ValueError(f"No such split: {split!r}")
    return parse((HERE / f"{split}.txt").read_text(encoding="utf-8"))
