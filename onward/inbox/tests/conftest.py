"""A fake IMAP server for the inbox tests: Onward never talks to a real one in tests."""

import imaplib
import itertools
import re
import socket
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.utils import format_datetime

import pytest

from onward.inbox import imap
from onward.inbox.models import InboxSignal, Mailbox

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
PASSWORD = "s3cret-app-password"
_ids = itertools.count(1)
MONTHS = {name: i + 1 for i, name in enumerate(imap.MONTHS)}


def mail(
    sender: str = "Ana Ortiz <ana@acme.com>",
    subject: str = "Following up",
    body: str = "Thanks for your time yesterday.",
    *,
    when: datetime = NOW,
    message_id: str | None = None,
    html: str | None = None,
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "alice@example.org"
    message["Subject"] = subject
    message["Date"] = format_datetime(when)
    message["Message-ID"] = message_id or f"<{next(_ids)}@mail.test>"
    message.set_content(body)
    if html is not None:
        message.add_alternative(html, subtype="html")
    return message


@dataclass
class FakeServer:
    """One mailbox folder: (uid, internal date, RFC 822 bytes), UIDVALIDITY, and what was asked."""

    uid_validity: int = 1000
    password: str = PASSWORD
    messages: list[tuple[int, date, bytes]] = field(default_factory=list)
    down: Exception | None = None
    fetched: list[int] = field(default_factory=list)
    commands: list[tuple] = field(default_factory=list)

    def deliver(self, message: EmailMessage, *, on: date | None = None) -> int:
        uid = max((u for u, _, _ in self.messages), default=0) + 1
        self.messages.append((uid, on or NOW.date(), message.as_bytes()))
        return uid

    def renumber(self, uid_validity: int) -> None:
        """What a server may do: new UIDVALIDITY, every message numbered again."""
        self.uid_validity = uid_validity
        self.messages = [(i + 1, on, raw) for i, (_, on, raw) in enumerate(self.messages)]


class FakeConnection:
    """The part of ``imaplib.IMAP4`` Onward uses, answering as a server would."""

    def __init__(self, server: FakeServer) -> None:
        self.server = server
        self.logged_in = False
        self.readonly = False

    def login(self, user: str, password: str):
        if password != self.server.password:
            raise imaplib.IMAP4.error(b"[AUTHENTICATIONFAILED] Invalid credentials (Failure)")
        self.logged_in = True
        return "OK", [b"Logged in"]

    def select(self, mailbox: str = "INBOX", readonly: bool = False):
        assert self.logged_in
        self.server.commands.append(("SELECT", mailbox, readonly))
        if mailbox != '"INBOX"':
            return "NO", [b"[NONEXISTENT] Unknown Mailbox"]
        self.readonly = readonly
        return "OK", [str(len(self.server.messages)).encode()]

    def response(self, code: str):
        return code, [str(self.server.uid_validity).encode()]

    def uid(self, command: str, *args: str):
        self.server.commands.append((command, *args))
        if command == "SEARCH":
            if args[0] == "SINCE":
                day, month, year = args[1].split("-")
                since = date(int(year), MONTHS[month], int(day))
                uids = [u for u, on, _ in self.server.messages if on >= since]
            else:
                assert args[0] == "UID"
                low = int(args[1].split(":")[0])
                all_uids = [u for u, _, _ in self.server.messages]
                uids = [u for u in all_uids if u >= low] or all_uids[-1:]
            return "OK", [" ".join(map(str, uids)).encode()]
        assert command == "FETCH"
        # Only ever peeking: a plain BODY[...] would mark the message as read.
        assert re.fullmatch(r"\(BODY\.PEEK\[HEADER\] BODY\.PEEK\[TEXT\]<0\.\d+>\)", args[1])
        limit = int(args[1].rsplit("<0.", 1)[1].rstrip(">)"))
        uid = int(args[0])
        raw = next(r for u, _, r in self.server.messages if u == uid)
        self.server.fetched.append(uid)
        header, _, text = raw.partition(b"\n\n")
        header += b"\n\n"
        text = text[:limit]
        return "OK", [
            (f"1 (UID {uid} BODY[HEADER] {{{len(header)}}}".encode(), header),
            (f" BODY[TEXT]<0> {{{len(text)}}}".encode(), text),
            b")",
        ]

    def logout(self):
        return "BYE", [b"Logging out"]


@pytest.fixture
def servers(monkeypatch) -> dict[str, FakeServer]:
    """Fake IMAP servers by host name; an unknown host cannot be resolved."""
    known: dict[str, FakeServer] = {"imap.example.org": FakeServer()}

    def connect(host: str, port: int, timeout: float):
        server = known.get(host)
        if server is None:
            raise socket.gaierror(-2, "Name or service not known")
        if server.down is not None:
            raise server.down
        return FakeConnection(server)

    monkeypatch.setattr(imap, "connect", connect)
    return known


@pytest.fixture
def server(servers) -> FakeServer:
    return servers["imap.example.org"]


def make_mailbox(user, **fields) -> Mailbox:
    password = fields.pop("password", PASSWORD)
    fields.setdefault("host", "imap.example.org")
    fields.setdefault("username", user.email)
    mailbox = Mailbox(user=user, **fields)
    mailbox.set_password(password)
    mailbox.save()
    return mailbox


def make_signal(user, **fields) -> InboxSignal:
    fields.setdefault("message_id", f"<signal-{next(_ids)}@mail.test>")
    fields.setdefault("received_at", NOW)
    fields.setdefault("from_address", "ana@acme.com")
    fields.setdefault("subject", "About your application")
    return InboxSignal.objects.create(user=user, **fields)
