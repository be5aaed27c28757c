"""The mailbox password, encrypted at rest with Fernet under a key derived from SECRET_KEY.

Onward has to give the password to the IMAP server, so it cannot hash it: it encrypts it. The
key is derived from ``SECRET_KEY`` (HKDF-SHA256, with a purpose of its own), so the database
alone (a backup, a copy) does not reveal the password. Rotating ``SECRET_KEY`` makes the stored
password unreadable: the user enters it again under Settings → Inbox checks.
"""

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

PURPOSE = b"onward.inbox.mailbox-password"


class UnreadablePassword(Exception):
    """The stored password was encrypted under another SECRET_KEY (or was damaged)."""


def fernet() -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=PURPOSE).derive(
        settings.SECRET_KEY.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(password: str) -> str:
    return fernet().encrypt(password.encode()).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode("ascii")).decode()
    except (InvalidToken, UnicodeError, ValueError) as exc:
        raise UnreadablePassword(
            "The stored password cannot be read (the server's secret key changed): enter it again."
        ) from exc
