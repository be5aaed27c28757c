"""Text from users made safe for formats where a control character means something: mail
headers (a line break starts a new header) and iCalendar (one starts a new property)."""

import unicodedata


def is_control(char: str) -> bool:
    """A control character (C0, DEL, C1), or a line or paragraph separator: everything
    ``str.splitlines()`` breaks at, as the email package does, is among them."""
    return unicodedata.category(char) in ("Cc", "Zl", "Zp")


def one_line(value: str) -> str:
    """``value`` on one line: line breaks and tabs become spaces, runs of spaces a single one,
    and other control characters go."""
    kept = "".join(char for char in value if char.isspace() or not is_control(char))
    return " ".join(kept.split())


def lines_of_text(value: str) -> str:
    """``value`` with its line breaks (any kind) as ``\\n`` and no other control character but
    the tab."""
    return "\n".join(
        "".join(char for char in line if char == "\t" or not is_control(char))
        for line in value.splitlines()
    )
