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


def test_quoted_history_is_cut_in_each_client_and_language():
    from onward.inbox.parsing import strip_quoted

    for history in (
        "On Mon, 9 Feb 2026 at 10:14, Alice Martin <alice@example.org> wrote:\n> old",
        "On Wed, Mar 4, 2026 at 9:03 AM Alice Martin <\nalice@example.org> wrote:\nold",
        "Am 10.03.2026 um 09:15 schrieb Alice Martin <alice@example.org>:\nold",
        "Le 9 mars 2026 à 10:12, Alice Martin <alice@example.org> a écrit :\nold",
        "El lun, 9 mar 2026 a las 10:05, Alice Martin (<alice@example.org>) escribió:\nold",
        "-----Original Message-----\nFrom: Alice\nold",
        "-----Ursprüngliche Nachricht-----\nVon: Alice\nold",
        "________________________________\nFrom: Alice Martin\nSent: 03 March 2026\nold",
        "From: Alice Martin <alice@example.org>\nSent: Friday, 13 February 2026\nold",
    ):
        assert strip_quoted(f"New words.\n\n{history}\nmore old") == "New words."


def test_html_quotes_and_styles_are_not_text():
    from onward.inbox.parsing import html_to_text

    markup = (
        "<html><head><style>p{color:red}</style></head><body><p>Hello&nbsp;there</p>"
        "<div>line two<br>line three</div><blockquote>quoted <b>old</b></blockquote>"
        '<div class="gmail_quote">old thread</div></body></html>'
    )
    assert html_to_text(markup).split() == ["Hello", "there", "line", "two", "line", "three"]


def test_an_unknown_charset_still_gives_text():
    raw = (
        b"From: a@b.com\r\nContent-Type: text/plain; charset=x-unknown-8\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\nLeider m\xc3\xbcssen wir absagen."
    )
    parsed = parse_message(raw, fetched_at=FETCHED)
    assert parsed is not None and parsed.text == "Leider müssen wir absagen."


@given(st.text(max_size=2000))
def test_cutting_quotes_never_raises_and_leaves_no_quoted_line(text):
    from onward.inbox.parsing import strip_quoted

    kept = strip_quoted(text)
    assert not any(line.lstrip().startswith(">") for line in kept.splitlines())
    assert len(kept) <= len(text)


@given(st.text(max_size=300), st.text(max_size=300), st.text(max_size=300), st.text(max_size=2000))
def test_finding_company_and_role_never_raises(display, address, subject, text):
    from onward.inbox.extract import about

    company, role = about(display, address, subject, text)
    assert company is None or (company and len(company) <= 60)
    assert role is None or role


@given(st.text(max_size=500))
def test_finding_a_date_never_raises(text):
    from zoneinfo import ZoneInfo

    from onward.inbox.dates import find_datetime

    found = find_datetime(text, FETCHED, ZoneInfo("Europe/Berlin"))
    assert found is None or found.date() >= FETCHED.date() - timedelta(days=1)


@given(st.dates(min_value=datetime(2026, 3, 3).date(), max_value=datetime(2030, 1, 1).date()),
       st.integers(0, 23), st.integers(0, 59),
       st.sampled_from(["%d %B %Y, %H:%M", "%B %d, %Y %H:%M", "%d.%m.%Y um %H:%M Uhr",
                        "%A, %d %B %Y at %H:%M"]))  # fmt: skip
def test_a_written_date_and_time_is_read_back(day, hour, minute, layout):
    from zoneinfo import ZoneInfo

    from onward.inbox.dates import find_datetime

    zone = ZoneInfo("Europe/Berlin")
    when = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
    text = f"Your interview is on {when.strftime(layout)}. See you then."
    assert find_datetime(text, FETCHED, zone) == when
