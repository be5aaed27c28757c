from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from onward.inbox.parsing import SNIPPET_LENGTH, parse_message

from .conftest import NOW, mail

FETCHED = NOW + timedelta(hours=1)


def test_it_reads_the_headers_and_the_start_of_the_text():
    raw = mail("Ana Ortiz <Ana@Acme.com>", "Your application", "Hello Alice,\n\nThanks.").as_bytes()
    parsed = parse_message(raw, fetched_at=FETCHED)
    assert parsed is not None
    assert (parsed.from_address, parsed.from_name, parsed.domain) == (
        "ana@acme.com", "Ana Ortiz", "acme.com",
    )  # fmt: skip
    assert parsed.subject == "Your application"
    assert parsed.received_at == NOW
    assert parsed.snippet == "Hello Alice, Thanks."


def test_an_encoded_subject_and_name_are_decoded():
    raw = (
        b"From: =?utf-8?q?Jos=C3=A9_P=C3=A9rez?= <jose@acme.com>\r\n"
        b"Subject: =?utf-8?q?Entrevista_ma=C3=B1ana?=\r\n"
        b"Message-ID: <1@acme.com>\r\n\r\nHola"
    )
    parsed = parse_message(raw, fetched_at=FETCHED)
    assert parsed is not None
    assert (parsed.from_name, parsed.subject) == ("José Pérez", "Entrevista mañana")
    assert parsed.received_at == FETCHED  # no Date: when it was fetched


def test_html_only_mail_gets_a_text_snippet_and_quotes_are_dropped():
    message = mail(body="Sure.\n> what you wrote before", html="<p>Hi <b>there</b></p>")
    parsed = parse_message(message.as_bytes(), fetched_at=FETCHED)
    assert parsed is not None and parsed.snippet == "Sure."
    html_only = b"From: a@b.com\r\nContent-Type: text/html\r\n\r\n<p>Hi <b>there</b></p>"
    parsed = parse_message(html_only, fetched_at=FETCHED)
    assert parsed is not None and parsed.snippet == "Hi there"


def test_the_snippet_is_short():
    parsed = parse_message(mail(body="word " * 2000).as_bytes(), fetched_at=FETCHED)
    assert parsed is not None and len(parsed.snippet) <= SNIPPET_LENGTH + 1


def test_a_missing_or_overlong_message_id_gets_a_stable_key():
    raw = b"From: a@b.com\r\nSubject: x\r\nDate: Mon, 2 Mar 2026 09:30:00 +0000\r\n\r\nhi"
    first = parse_message(raw, fetched_at=FETCHED)
    assert first is not None and first.message_id.startswith("sha256:")
    assert first == parse_message(raw, fetched_at=FETCHED)
    long_id = b"Message-ID: <" + b"x" * 400 + b"@b.com>\r\n"
    parsed = parse_message(long_id + raw, fetched_at=FETCHED)
    assert parsed is not None and len(parsed.message_id) <= 255


def test_a_message_without_a_sender_is_skipped():
    assert parse_message(b"Subject: hi\r\n\r\nbody", fetched_at=FETCHED) is None
    assert parse_message(b"From: undisclosed\r\n\r\nbody", fetched_at=FETCHED) is None


def test_a_date_in_the_future_or_long_ago_is_replaced_by_the_fetch_time():
    future = mail(when=FETCHED + timedelta(days=400)).as_bytes()
    assert parse_message(future, fetched_at=FETCHED).received_at == FETCHED
    old = b"From: a@b.com\r\nDate: Mon, 1 Jan 1973 00:00:00 +0000\r\n\r\n"
    assert parse_message(old, fetched_at=FETCHED).received_at == FETCHED


@given(st.binary(max_size=3000))
def test_it_never_raises_on_arbitrary_bytes(raw):
    parsed = parse_message(raw, fetched_at=FETCHED)
    assert parsed is None or parsed.received_at.tzinfo is not None


header_text = st.text(max_size=300)


@given(header_text, header_text, header_text, header_text, header_text, st.text(max_size=500))
def test_it_never_raises_on_arbitrary_headers(sender, subject, date, message_id, ctype, body):
    raw = (
        f"From: {sender}\r\nSubject: {subject}\r\nDate: {date}\r\n"
        f"Message-ID: {message_id}\r\nContent-Type: {ctype}\r\n"
        f"Content-Transfer-Encoding: base64\r\n\r\n{body}"
    ).encode("utf-8", "surrogatepass")
    parsed = parse_message(raw, fetched_at=FETCHED)
    if parsed is not None:
        assert "@" in parsed.from_address
        assert len(parsed.message_id) <= 255 and len(parsed.subject) <= 300
        assert parsed.received_at <= FETCHED
        assert parsed.received_at >= datetime(1990, 1, 1, tzinfo=UTC)
