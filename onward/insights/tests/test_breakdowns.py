from datetime import date

from onward.insights.charts import rate_figure
from onward.insights.durations import days_to_first_reply_by_group
from onward.insights.metrics import (
    Filters,
    applications,
    breakdown,
    dimension,
    funnel_steps,
    silence_cutoff,
)
from onward.pipeline.models import Application
from onward.strategy.models import TitleGroup
from onward.testing import attach_document, make_document


def groups_by(user, name, **filters):
    filters = Filters(**filters)
    steps = funnel_steps(user, include_wishlist=filters.include_wishlist)
    qs = applications(user, filters)
    return breakdown(user, qs, steps, silence_cutoff(user), dimension(user, name))


def test_it_breaks_the_funnel_down_by_source(alice, search):
    groups = groups_by(alice, "source")
    assert [g.label for g in groups] == ["Job board", "Referral", "LinkedIn", "Not recorded"]
    job_board, referral, linkedin, unrecorded = groups
    assert job_board.reached == [4, 0, 0, 0, 0, 0]
    assert (job_board.response_rate.k, job_board.response_rate.n) == (1, 3)  # a4 too early
    assert (job_board.ghosting_rate.k, job_board.ghosting_rate.n) == (2, 3)
    assert referral.reached == [4, 4, 3, 2, 1, 1]
    assert (referral.response_rate.k, referral.response_rate.n) == (4, 4)
    assert linkedin.reached == [1, 1, 0, 0, 0, 0]
    assert unrecorded.reached == [1, 0, 0, 0, 0, 0]


def test_it_takes_the_median_days_to_reply_per_group(alice, search):
    steps = funnel_steps(alice)
    qs = applications(alice, Filters())
    overall, by_source = days_to_first_reply_by_group(qs, steps, dimension(alice, "source"))
    assert (overall.days, overall.n) == (4, 6)
    assert (by_source["referral"].days, by_source["referral"].n) == (3, 4)  # 1, 2, 4, 7
    assert (by_source["job_board"].days, by_source["job_board"].n) == (4, 1)
    assert by_source["job_board"].too_small


def test_it_breaks_down_by_resume_version_and_work_mode(alice, search):
    Application.objects.filter(pk__in=[search["a5"].pk, search["a6"].pk]).update(
        resume_version="v2", work_mode="remote"
    )
    assert [(g.label, g.total) for g in groups_by(alice, "resume")] == [
        ("Not recorded", 8),
        ("v2", 2),
    ]
    assert [(g.label, g.total) for g in groups_by(alice, "work_mode")] == [
        ("Not recorded", 8),
        ("Remote", 2),
    ]


def test_the_resume_breakdown_uses_the_attached_document_over_the_label(alice, search):
    Application.objects.filter(pk__in=[search["a5"].pk, search["a6"].pk]).update(
        resume_version="old label"
    )
    backend = make_document(alice, "Backend résumé", version="2026-03")
    letter = make_document(alice, "Letter", version="x", kind="cover_letter")
    attach_document(search["a5"], backend)
    attach_document(search["a6"], letter)  # not a résumé: the label still counts
    attach_document(search["a1"], make_document(alice, "Generalist", version="any"))
    assert [(g.label, g.total) for g in groups_by(alice, "resume")] == [
        ("Not recorded", 7),
        ("Backend résumé (2026-03)", 1),
        ("Generalist (any)", 1),
        ("old label", 1),
    ]


def test_it_groups_role_titles_by_the_users_keywords(alice, search):
    TitleGroup.objects.create(user=alice, name="Dream roles", keywords="DREAM, unicorn")
    TitleGroup.objects.create(user=alice, name="Engineering", keywords="engineer", position=1)
    groups = groups_by(alice, "title_group", include_wishlist=True)
    assert [(g.label, g.total) for g in groups] == [("Engineering", 10), ("Dream roles", 1)]


def test_it_puts_titles_without_a_group_apart(alice, search):
    groups = groups_by(alice, "title_group")
    assert [(g.label, g.total) for g in groups] == [("No group", 10)]


def test_it_breaks_down_by_company_and_month(alice, search):
    assert len(groups_by(alice, "company")) == 10
    months = groups_by(alice, "month")
    assert [(g.key, g.total) for g in months] == [
        (date(2026, 1, 1), 1),
        (date(2026, 2, 1), 8),
        (date(2026, 3, 1), 1),
    ]
    assert months[0].label == "Jan 2026"


def test_the_reply_rate_chart_shows_each_rate_with_its_interval(alice, search):
    groups = groups_by(alice, "source")
    chart = rate_figure(groups, "Reply rate by source")
    decided = [g for g in groups if g.decided]
    assert chart["type"] == "barWithErrorBars"
    assert chart["data"]["labels"] == [g.label for g in decided]
    (bar,) = chart["data"]["datasets"]
    for point, group in zip(bar["data"], decided, strict=True):
        rate = group.response_rate
        assert point == {"y": rate.k / rate.n, "yMin": rate.low, "yMax": rate.high}
        assert point["yMin"] <= point["y"] <= point["yMax"]
    assert [t.split("(")[1].split(")")[0].split(",")[0] for t in bar["tooltips"]] == [
        f"{g.response_rate.k} of {g.response_rate.n}" for g in decided
    ]
    # Small groups are greyed, as in the table.
    assert bar["backgroundColor"] == [
        "#c9ced8" if g.response_rate.too_small else "#2457c5" for g in decided
    ]
