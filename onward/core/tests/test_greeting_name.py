"""Greeting people by name: the first name, or title and surname when only that is known,
never a title alone ("Hi Dr.," was how Dr. Elena Rossi was greeted)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onward.core.naming import TITLES, greeting_name


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        ("Dr. Elena Rossi", "Elena"),
        ("Elena Rossi", "Elena"),
        ("Dr. Rossi", "Dr. Rossi"),
        ("Prof. Dr. Weber", "Dr. Weber"),
        ("Ms Priya Natarajan", "Priya"),
        ("  Jonas   Weber ", "Jonas"),
        ("Rossi", "Rossi"),
        ("Dr.", ""),
        ("", ""),
    ],
)
def test_it_greets_by_first_name_or_title_and_surname(name, greeting):
    assert greeting_name(name) == greeting


titles = st.sampled_from(sorted(TITLES)).map(lambda t: t.capitalize() + st_dot(t))
words = st.text(alphabet=st.characters(categories=["L"]), min_size=1, max_size=12)


def st_dot(title: str) -> str:
    return "." if len(title) <= 4 else ""


@given(st.lists(titles, max_size=3), st.lists(words, max_size=4))
def test_a_greeting_is_never_a_title_alone(leading, rest):
    greeting = greeting_name(" ".join(leading + rest))
    parts = greeting.split()
    if greeting:
        assert parts[-1].rstrip(".").casefold() not in TITLES or len(parts) == 1 and not leading
        assert parts[-1] in rest
    else:
        assert all(w.rstrip(".").casefold() in TITLES for w in rest)
