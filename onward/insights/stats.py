"""Small statistics, written out so they can be read and tested: Wilson and Newcombe intervals.

Every rate Onward shows carries its counts ("k of n") and a 95% Wilson score interval. Wilson
behaves well for small samples and for rates near 0% or 100%, where the textbook
"p ± 1.96·SE" interval gives nonsense such as negative rates.
"""

import math
from dataclasses import dataclass

from django.conf import settings

Z95 = 1.959963984540054  # the 97.5th percentile of the standard normal distribution


def wilson_interval(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for k successes in n trials (0..1 on both ends)."""
    if n <= 0:
        return (0.0, 1.0)
    p = k / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half_width = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return (max(0.0, centre - half_width), min(1.0, centre + half_width))


def newcombe_interval(k1: int, n1: int, k2: int, n2: int) -> tuple[float, float]:
    """A 95% interval for the difference p2 - p1 (Newcombe's hybrid score method, no
    continuity correction), built from the two Wilson intervals. If it contains 0, the
    difference is within noise."""
    p1, p2 = k1 / n1, k2 / n2
    low1, high1 = wilson_interval(k1, n1)
    low2, high2 = wilson_interval(k2, n2)
    difference = p2 - p1
    return (
        difference - math.sqrt((p2 - low2) ** 2 + (high1 - p1) ** 2),
        difference + math.sqrt((high2 - p2) ** 2 + (p1 - low1) ** 2),
    )


def min_n() -> int:
    """Below this many applications a rate is shown greyed out as too little data."""
    return settings.ONWARD_INSIGHTS_MIN_N


@dataclass(frozen=True)
class Rate:
    """k of n, with its 95% Wilson interval; ``too_small`` below the minimum sample."""

    k: int
    n: int
    minimum: int = 5

    @classmethod
    def of(cls, k: int, n: int) -> "Rate":
        return cls(k=k, n=n, minimum=min_n())

    @property
    def value(self) -> float | None:
        return self.k / self.n if self.n else None

    @property
    def interval(self) -> tuple[float, float]:
        return wilson_interval(self.k, self.n)

    @property
    def low(self) -> float:
        return self.interval[0]

    @property
    def high(self) -> float:
        return self.interval[1]

    @property
    def too_small(self) -> bool:
        return self.n < self.minimum

    def overlaps(self, other: "Rate") -> bool:
        return self.low <= other.high and other.low <= self.high

    def __str__(self) -> str:
        if not self.n:
            return "no data"
        return (
            f"{self.k} of {self.n} ({self.value:.0%}; 95% interval {self.low:.0%}–{self.high:.0%})"
        )


@dataclass(frozen=True)
class Difference:
    """Before and after rates and the interval of their difference."""

    before: Rate
    after: Rate
    # False for a rate that should go down (ghosting): a rise is then "worse".
    higher_is_better: bool = True

    @property
    def too_small(self) -> bool:
        return self.before.too_small or self.after.too_small

    @property
    def interval(self) -> tuple[float, float] | None:
        if not self.before.n or not self.after.n:
            return None
        return newcombe_interval(self.before.k, self.before.n, self.after.k, self.after.n)

    @property
    def change(self) -> float | None:
        if not self.before.n or not self.after.n:
            return None
        return self.after.k / self.after.n - self.before.k / self.before.n

    @property
    def verdict(self) -> str:
        """ "too little data", "within noise", "better" or "worse"."""
        if self.too_small or self.interval is None:
            return "too little data"
        low, high = self.interval
        if low <= 0 <= high:
            return "within noise"
        rose = low > 0
        return "better" if rose == self.higher_is_better else "worse"
