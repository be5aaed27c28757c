import pytest
from django.test import override_settings

from onward.insights.stats import Difference, Rate, newcombe_interval, wilson_interval


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    [
        (5, 10, 0.2366, 0.7634),  # the textbook half-way case
        (0, 10, 0.0, 0.2775),  # upper end is z²/(n + z²)
        (10, 10, 0.7225, 1.0),
        (1, 10, 0.0179, 0.4042),
        (81, 263, 0.2553, 0.3662),
    ],
)
def test_it_matches_published_wilson_intervals(k, n, low, high):
    got = wilson_interval(k, n)
    assert got == (pytest.approx(low, abs=5e-5), pytest.approx(high, abs=5e-5))


def test_it_gives_the_whole_range_for_no_data():
    assert wilson_interval(0, 0) == (0.0, 1.0)


def test_it_matches_newcombes_worked_example():
    # Newcombe (1998), example (a): 56/70 vs 48/80, difference 0.2 -> 0.0524 to 0.3339.
    low, high = newcombe_interval(48, 80, 56, 70)
    assert (low, high) == (pytest.approx(0.0524, abs=5e-4), pytest.approx(0.3339, abs=5e-4))


@override_settings(ONWARD_INSIGHTS_MIN_N=5)
def test_it_flags_rates_below_the_minimum_sample():
    assert Rate.of(2, 4).too_small
    assert not Rate.of(2, 5).too_small
    assert str(Rate.of(5, 10)) == "5 of 10 (50%; 95% interval 24%–76%)"


@override_settings(ONWARD_INSIGHTS_MIN_N=12)
def test_it_reads_the_minimum_from_the_setting():
    assert Rate.of(5, 10).too_small


def test_it_calls_an_overlapping_difference_noise():
    assert Difference(Rate.of(4, 20), Rate.of(6, 20)).verdict == "within noise"
    assert Difference(Rate.of(2, 40), Rate.of(20, 40)).verdict == "better"
    assert Difference(Rate.of(20, 40), Rate.of(2, 40)).verdict == "worse"
    assert Difference(Rate.of(0, 3), Rate.of(3, 3)).verdict == "too little data"


def test_a_rise_in_a_rate_that_should_fall_is_worse():
    ghosting_tripled = Difference(Rate.of(2, 40), Rate.of(25, 40), higher_is_better=False)
    assert ghosting_tripled.verdict == "worse"
    assert Difference(Rate.of(25, 40), Rate.of(2, 40), higher_is_better=False).verdict == "better"
    assert Difference(Rate.of(2, 40), Rate.of(25, 40)).verdict == "better"
