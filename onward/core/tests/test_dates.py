from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from onward.core.templatetags.onward_dates import day


def render(source: str, **context) -> str:
    return Template("{% load onward_dates %}" + source).render(Context(context))


@pytest.mark.parametrize("value", [date(2026, 12, 4), date(1999, 1, 31), date(2027, 5, 1)])
def test_a_day_reads_as_the_date_filter_writes_it(value):
    assert render("{{ v|day }}", v=value) == render('{{ v|date:"j M Y" }}', v=value)
    assert render("{{ v|day }}", v=value) == f"{value.day} {value:%b} {value.year}"


def test_a_moment_is_the_day_it_is_in_the_users_time_zone():
    late = datetime(2026, 12, 4, 23, 30, tzinfo=UTC)
    with timezone.override("Pacific/Auckland"):  # already 5 December there
        assert render("{{ v|day }}", v=late) == "5 Dec 2026"
        assert render("{{ v|day }}", v=late) == render('{{ v|date:"j M Y" }}', v=late)
    with timezone.override("America/New_York"):
        assert render("{{ v|day }}", v=late) == "4 Dec 2026"


def test_the_month_follows_the_language():
    with translation.override("de"):
        german = day(date(2026, 3, 4))
    assert day(date(2026, 3, 4)) == "4 Mar 2026"
    assert german == "4 Mär 2026"


@pytest.mark.parametrize("value", [None, "", "2026-12-04", 42])
def test_no_date_is_nothing(value):
    assert render('{{ v|day|default:"—" }}', v=value) == "—"
