"""Each rule fires on data that supports it, and stays silent on a near miss or a small sample."""

from django.urls import reverse

from onward.debrief.models import Debrief
from onward.insights import page
from onward.insights.metrics import Filters
from onward.testing import bulk_applications

from .conftest import at

REPLIED = [("Applied", at(1, 5)), ("Screening", at(1, 12))]
REJECTED = [("Applied", at(1, 5)), ("Rejected", at(1, 9))]
GHOSTED = [("Applied", at(1, 5)), ("Ghosted", at(2, 20))]
LOST_IN_INTERVIEWS = [
    ("Applied", at(1, 5)),
    ("Screening", at(1, 10)),
    ("Interviewing", at(1, 20)),
    ("Rejected", at(2, 1)),
]


def findings(user):
    return {f.key: f for f in page.insights(user, Filters())["diagnosis"].findings}


def test_it_finds_a_channel_that_converts_far_better(alice_client, alice, frozen):
    bulk_applications(alice, [REPLIED] * 8 + [GHOSTED] * 2, source="referral")
    bulk_applications(alice, [REPLIED] * 2 + [GHOSTED] * 18, source="job_board")
    finding = findings(alice)["channel_gap"]
    assert finding.title == "Referral gets replies far more often than Job board"
    assert "8 of 10" in finding.evidence[0] and "2 of 20" in finding.evidence[1]
    (_, best), (_, worst) = finding.links
    assert "by=source&value=referral" in best
    assert alice_client.get(best).context["page_obj"].paginator.count == 10
    assert alice_client.get(worst).context["page_obj"].paginator.count == 20


def test_it_stays_silent_when_channel_intervals_overlap(alice, frozen):
    bulk_applications(alice, [REPLIED] * 6 + [GHOSTED] * 4, source="referral")
    bulk_applications(alice, [REPLIED] * 2 + [GHOSTED] * 8, source="job_board")
    assert "channel_gap" not in findings(alice)


def test_it_does_not_compare_channels_on_small_samples(alice, frozen):
    bulk_applications(alice, [REPLIED] * 4, source="referral")
    bulk_applications(alice, [GHOSTED] * 4, source="job_board")
    assert "channel_gap" not in findings(alice)
    missing = page.insights(alice, Filters())["diagnosis"].missing
    assert any("Comparing channels needs two channels" in note for note in missing)


def test_it_compares_channels_without_a_minimum_sample_and_one_channel_undecided(
    alice, frozen, settings
):
    settings.ONWARD_INSIGHTS_MIN_N = 0  # the setting allows it: rates with n = 0 are not "small"
    bulk_applications(alice, [REPLIED] * 8 + [GHOSTED] * 2, source="referral")
    bulk_applications(alice, [[("Applied", at(3, 25))]], source="linkedin")  # too early to tell
    assert "channel_gap" not in findings(alice)  # an undecided channel proves nothing


def test_it_finds_the_step_where_most_applications_are_lost(alice, frozen):
    bulk_applications(alice, [LOST_IN_INTERVIEWS] * 12 + [REJECTED] * 2, source="referral")
    finding = findings(alice)["one_step"]
    assert "Interviewing" in finding.title
    assert "12 of 14" in finding.evidence[0]
    assert "Practise" in finding.advice


def test_it_stays_silent_when_losses_are_spread(alice, frozen):
    bulk_applications(alice, [LOST_IN_INTERVIEWS] * 7 + [REJECTED] * 5, source="referral")
    assert "one_step" not in findings(alice)


def test_it_stays_silent_on_a_handful_of_losses(alice, frozen):
    bulk_applications(alice, [LOST_IN_INTERVIEWS] * 4, source="referral")
    assert "one_step" not in findings(alice)


def late_rejections(user, categories, stage_reached="technical"):
    apps = bulk_applications(user, [LOST_IN_INTERVIEWS] * len(categories), source="referral")
    Debrief.objects.bulk_create(
        Debrief(
            user=user,
            application=app,
            flow="rejected",
            stage_reached=stage_reached,
            reason_category=category,
        )
        for app, category in zip(apps, categories, strict=True)
    )


def test_it_finds_late_rejections_citing_one_category(alice, frozen):
    late_rejections(alice, ["skills_gap"] * 4 + ["experience"])
    finding = findings(alice)["late_reason"]
    assert "Skills gap" in finding.title
    assert "4 of 5" in finding.evidence[0]


def test_it_ignores_early_rejections_and_spread_reasons(alice, frozen):
    late_rejections(alice, ["skills_gap"] * 3 + ["experience"] * 2 + ["compensation"])
    late_rejections(alice, ["skills_gap"] * 6, stage_reached="application")
    assert "late_reason" not in findings(alice)


def test_it_needs_enough_late_rejections(alice, frozen):
    late_rejections(alice, ["skills_gap"] * 3)
    assert "late_reason" not in findings(alice)


def test_it_finds_many_applications_with_few_replies(alice, frozen):
    bulk_applications(alice, [REJECTED] + [GHOSTED] * 24, source="job_board")
    found = findings(alice)
    assert "1 of 25" in found["few_replies"].evidence[0]
    assert "one_step" not in found  # the same story, told once


def test_it_stays_silent_when_a_few_more_reply(alice, frozen):
    bulk_applications(alice, [REJECTED] * 3 + [GHOSTED] * 22, source="job_board")
    assert "few_replies" not in findings(alice)


def test_it_does_not_call_ten_applications_many(alice, frozen):
    bulk_applications(alice, [GHOSTED] * 10, source="job_board")
    assert "few_replies" not in findings(alice)


def test_it_says_what_data_is_missing_when_there_is_little(alice, frozen):
    bulk_applications(alice, [REPLIED] * 2)
    missing = page.insights(alice, Filters())["diagnosis"].missing
    assert any("findings start at 5" in note for note in missing)
    assert any("no source recorded" in note for note in missing)
    assert any("No debrief" in note for note in missing)


def test_it_links_a_finding_to_the_applications_behind_it(alice_client, alice, frozen):
    bulk_applications(alice, [LOST_IN_INTERVIEWS] * 12 + [REJECTED] * 2, source="referral")
    ((_, url),) = findings(alice)["one_step"].links
    assert url.startswith(reverse("insights:applications"))
    response = alice_client.get(url)
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 12
