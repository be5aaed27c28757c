"""Safe connections, against a real IMAP-over-TLS server on this machine: a self-signed
certificate is refused before the password is sent, a certificate from a trusted CA passes,
private addresses are refused unless allowed, and a closed port and an open port that speaks
no TLS look alike to the user."""

import datetime as dt
import ipaddress
import socket
import ssl
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.urls import reverse
from django.utils import timezone

from onward.inbox import imap

from .conftest import PASSWORD, make_mailbox

NOW = dt.datetime.now(dt.UTC)


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _certificate(subject, issuer, key, signing_key, *, ca: bool) -> x509.Certificate:
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_name(issuer))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - dt.timedelta(days=1))
        .not_valid_after(NOW + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if ca:
        builder = builder.add_extension(
            x509.KeyUsage(True, False, False, False, False, True, True, False, False), critical=True
        )
    else:
        builder = builder.add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
    return builder.sign(signing_key, hashes.SHA256())


def _write(path: Path, cert: x509.Certificate, key=None) -> Path:
    data = cert.public_bytes(serialization.Encoding.PEM)
    if key is not None:
        data += key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    path.write_bytes(data)
    return path


@pytest.fixture(scope="module")
def certificates(tmp_path_factory) -> dict[str, Path]:
    """A test CA and a server certificate it signed; and a self-signed server certificate."""
    folder = tmp_path_factory.mktemp("tls")
    ca_key, server_key, lone_key = (ec.generate_private_key(ec.SECP256R1()) for _ in range(3))
    ca = _certificate("Onward Test CA", "Onward Test CA", ca_key, ca_key, ca=True)
    signed = _certificate("localhost", "Onward Test CA", server_key, ca_key, ca=False)
    lone = _certificate("localhost", "localhost", lone_key, lone_key, ca=False)
    return {
        "ca": _write(folder / "ca.pem", ca),
        "signed": _write(folder / "signed.pem", signed, server_key),
        "self_signed": _write(folder / "self-signed.pem", lone, lone_key),
    }


@dataclass
class ImapServer:
    """A small IMAP server over TLS (or, with no certificate, plain text) on 127.0.0.1,
    answering one connection at a time, that remembers the passwords it was sent."""

    certificate: Path | None
    passwords: list[str] = field(default_factory=list)
    connections: int = 0

    def __post_init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        context = None
        if self.certificate is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(self.certificate)
        while True:
            try:
                raw, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            try:
                conn = context.wrap_socket(raw, server_side=True) if context else raw
                self.talk(conn)
            except (OSError, ssl.SSLError):
                pass  # the client hung up (as it should, on a certificate it does not trust)
            finally:
                raw.close()

    def talk(self, conn) -> None:
        conn.sendall(b"* OK [CAPABILITY IMAP4rev1] Test server ready\r\n")
        stream = conn.makefile("rb")
        for line in stream:
            tag, _, rest = line.decode("latin-1").strip().partition(" ")
            command, _, args = rest.partition(" ")
            command = command.upper()
            if command == "CAPABILITY":
                conn.sendall(f"* CAPABILITY IMAP4rev1\r\n{tag} OK done\r\n".encode())
            elif command == "LOGIN":
                self.passwords.append(args.split(" ", 1)[1].strip('"'))
                conn.sendall(f"{tag} OK logged in\r\n".encode())
            elif command == "EXAMINE":
                conn.sendall(
                    f"* 0 EXISTS\r\n* OK [UIDVALIDITY 4242] ok\r\n"
                    f"{tag} OK [READ-ONLY] done\r\n".encode()
                )
            elif command == "LOGOUT":
                conn.sendall(f"* BYE\r\n{tag} OK bye\r\n".encode())
                return
            else:
                conn.sendall(f"{tag} BAD unknown\r\n".encode())

    def close(self) -> None:
        self.listener.close()


@pytest.fixture
def start_server():
    started: list[ImapServer] = []

    def start(certificate: Path | None) -> ImapServer:
        started.append(ImapServer(certificate))
        return started[-1]

    yield start
    for server in started:
        server.close()


@pytest.fixture
def local_allowed(settings):
    settings.ONWARD_INBOX_ALLOW_PRIVATE = True
    settings.ONWARD_INBOX_CA_FILE = ""
    return settings


def test_a_self_signed_server_is_refused_before_it_sees_the_password(
    start_server, certificates, local_allowed
):
    server = start_server(certificates["self_signed"])
    with pytest.raises(ssl.SSLCertVerificationError) as failure:
        imap.check_login("localhost", server.port, "alice", PASSWORD, "INBOX")
    assert server.connections == 1
    assert server.passwords == []
    message = imap.plain_error(failure.value)
    assert "certificate could not be verified" in message
    assert "did not send your password" in message


def test_a_server_with_a_certificate_from_a_trusted_ca_is_read(
    start_server, certificates, local_allowed
):
    local_allowed.ONWARD_INBOX_CA_FILE = str(certificates["ca"])
    server = start_server(certificates["signed"])
    assert imap.check_login("localhost", server.port, "alice", PASSWORD, "INBOX") == 4242
    assert server.passwords == [PASSWORD]


def test_a_trusted_certificate_for_another_name_is_refused(
    start_server, certificates, local_allowed, monkeypatch
):
    """The name is checked too: a certificate for "localhost" does not do for another host
    that resolves to the same address."""
    local_allowed.ONWARD_INBOX_CA_FILE = str(certificates["ca"])
    server = start_server(certificates["signed"])
    real = socket.getaddrinfo
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda host, *a, **k: real("127.0.0.1" if host == "imap.other.test" else host, *a, **k),
    )
    with pytest.raises(ssl.SSLCertVerificationError):
        imap.check_login("imap.other.test", server.port, "alice", PASSWORD, "INBOX")
    assert server.passwords == []


def test_a_local_server_is_refused_unless_allowed(start_server, certificates, settings):
    settings.ONWARD_INBOX_ALLOW_PRIVATE = False
    settings.ONWARD_INBOX_CA_FILE = str(certificates["ca"])
    server = start_server(certificates["signed"])
    with pytest.raises(imap.MailboxError, match="private or local network"):
        imap.check_login("localhost", server.port, "alice", PASSWORD, "INBOX")
    assert server.connections == 0


def test_a_closed_port_and_a_port_without_tls_look_alike(start_server, local_allowed):
    plain = start_server(None)  # answers, but not over TLS
    closed = socket.create_server(("127.0.0.1", 0))
    closed_port = closed.getsockname()[1]
    closed.close()
    errors = []
    for port in (plain.port, closed_port):
        with pytest.raises(Exception) as failure:  # noqa: PT011 (whatever it is, it reads alike)
            imap.check_login("127.0.0.1", port, "alice", PASSWORD, "INBOX")
        errors.append(imap.plain_error(failure.value))
    assert errors[0] == errors[1] == imap.UNREACHABLE
    assert plain.passwords == []


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1", "10.1.2.3", "172.16.0.5", "192.168.1.1", "169.254.169.254", "100.64.0.1",
        "0.0.0.0", "::1", "fd00:ec2::254", "fe80::1", "::ffff:127.0.0.1", "224.0.0.1",
    ],
)  # fmt: skip
def test_internal_addresses(address):
    assert imap.is_internal(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:4700:4700::1111", "8.8.8.8"])
def test_public_addresses(address):
    assert not imap.is_internal(ipaddress.ip_address(address))


def test_a_name_with_one_private_address_among_public_ones_is_refused(monkeypatch, settings):
    settings.ONWARD_INBOX_ALLOW_PRIVATE = False
    answers = [
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 993)),
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", 993)),
    ]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: answers)
    with pytest.raises(imap.MailboxError, match="private"):
        imap.public_addresses("imap.sneaky.test", 993)


def test_the_context_verifies_certificates_and_names(settings):
    settings.ONWARD_INBOX_CA_FILE = ""
    context = imap.tls_context()
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert context.minimum_version >= ssl.TLSVersion.TLSv1_2


def test_one_connection_check_at_a_time(alice_client, alice, server):
    mailbox = make_mailbox(alice)
    mailbox.checking_until = timezone.now() + dt.timedelta(seconds=30)
    mailbox.save()
    page = alice_client.post(reverse("inbox:check"), follow=True).content.decode()
    assert "A connection check is already running" in page
    assert server.commands == []
    # Once it is over (or its time is up), the next one runs.
    mailbox.refresh_from_db()
    mailbox.end_connection_check()
    page = alice_client.post(reverse("inbox:check"), follow=True).content.decode()
    assert "Connected:" in page
    mailbox.refresh_from_db()
    assert mailbox.checking_until is None
