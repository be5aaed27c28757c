from onward.insights.metrics import Filters, applications, funnel, funnel_steps, silence_cutoff


def overall(user, **filters):
    filters = Filters(**filters)
    steps = funnel_steps(user, include_wishlist=filters.include_wishlist)
    return funnel(user, applications(user, filters), steps, silence_cutoff(user))


def test_it_counts_applications_by_the_furthest_step_they_reached(alice, search):
    summary = overall(alice)
    assert [s.name for s in summary.steps] == [
        "Applied", "Screening", "Interviewing", "Final round", "Offer", "Accepted",
    ]  # fmt: skip
    # a7 went back to Screening after Interviewing and still counts as Interviewing;
    # a6 was rejected after the final round and counts as having reached it.
    assert summary.reached == [10, 5, 3, 2, 1, 1]
    assert summary.total == 10


def test_it_leaves_wishlist_items_out_unless_asked(alice, search):
    summary = overall(alice, include_wishlist=True)
    assert summary.steps[0].name == "Wishlist"
    assert summary.reached == [11, 10, 5, 3, 2, 1, 1]
    assert summary.sent == 10


def test_it_converts_among_applications_decided_at_each_step(alice, search):
    conversions = overall(alice).conversions
    # Applied: a3 and a4 are still waiting; Screening: a9 is still there.
    assert [(r.k, r.n) for r in conversions] == [(5, 8), (3, 4), (2, 3), (1, 2), (1, 1)]


def test_it_says_how_applications_ended(alice, search):
    outcomes = {key: n for key, _, n in overall(alice).outcomes}
    assert outcomes == {
        "rejected": 4, "ghosted": 1, "withdrawn": 1, "offer": 0, "accepted": 1, "open": 3,
    }  # fmt: skip


def test_it_defines_replies_and_ghosting(alice, search):
    summary = overall(alice)
    # Replies: the five that moved past Applied, plus a1 and a11 (rejections are replies).
    # a4 applied six days ago: too early to tell, left out of both rates.
    assert (summary.response_rate.k, summary.response_rate.n) == (7, 9)
    # Ghosted: a2 (marked), a3 and a9 (silent for more than 21 days).
    assert (summary.ghosting_rate.k, summary.ghosting_rate.n) == (3, 9)


def test_it_filters_by_the_date_applied(alice, search):
    from datetime import date

    summary = overall(alice, start=date(2026, 2, 1), end=date(2026, 2, 28))
    # Out: a4 (25 Mar) and a9 (10 Jan). In: a11 by its applied_on date.
    assert summary.reached == [8, 4, 3, 2, 1, 1]


def test_it_counts_an_application_in_a_stage_added_after_the_stages_were_read(alice, search):
    from onward.insights.metrics import stage_table
    from onward.pipeline.models import Stage, StageKind

    stages = stage_table(alice)  # as the page reads them first
    parked = Stage.objects.create(user=alice, name="Parked", kind=StageKind.ACTIVE, position=99)
    search["a3"].move_to(parked)  # meanwhile, in another request
    steps = funnel_steps(alice)
    summary = funnel(
        alice, applications(alice, Filters()), steps, silence_cutoff(alice), stages=stages
    )
    assert summary.total == 10
