"""The insights over the API: the funnel, the Sankey flows, what stands out, and a breakdown,
computed by the same functions as the page (``onward.insights.page``), with the same filters."""

from datetime import date
from typing import Literal

from ninja import Field, Query, Router, Schema
from pydantic import model_validator

from onward.insights import metrics, page
from onward.insights.stats import Rate

from .common import owner

router = Router(tags=["insights"])

Dimension = Literal["source", "resume", "work_mode", "title_group", "company", "month"]


class FiltersIn(Schema):
    start: date | None = Field(None, description="Applied on or after this day.")
    end: date | None = Field(None, description="Applied on or before this day.")
    include_wishlist: bool = Field(False, description="Count wishlist items never applied to.")

    @model_validator(mode="after")
    def start_before_end(self):
        if self.start and self.end and self.start > self.end:
            raise ValueError("The end date is before the start date.")
        return self

    def filters(self) -> metrics.Filters:
        return metrics.Filters(self.start, self.end, self.include_wishlist)


class RateOut(Schema):
    k: int
    n: int
    value: float | None = Field(description="k / n, or null without data.")
    low: float = Field(description="The 95% Wilson interval, low end.")
    high: float
    too_little_data: bool = Field(description="n is below the minimum sample (a setting).")

    @staticmethod
    def of(rate: Rate) -> "RateOut":
        low, high = rate.interval
        return RateOut(
            k=rate.k, n=rate.n, value=rate.value, low=low, high=high, too_little_data=rate.too_small
        )


class StepOut(Schema):
    name: str
    reached: int = Field(description="Applications whose furthest step is this one or later.")
    still_waiting: int = Field(description="Open there, left out of the conversion.")
    to_next_step: RateOut | None


class FlowOut(Schema):
    source: str
    target: str
    value: int


class FindingOut(Schema):
    key: str
    title: str
    evidence: list[str]
    advice: str
    links: dict[str, str] = Field(description="The applications behind it: label -> web URL.")


class InsightsOut(Schema):
    steps: list[StepOut]
    reply_rate: RateOut
    ghosting_rate: RateOut
    outcomes: dict[str, int]
    sankey: list[FlowOut] = Field(description="Every application once, step to step, then out.")
    findings: list[FindingOut]
    missing: list[str] = Field(description="What data would sharpen the findings.")


class GroupOut(Schema):
    key: str = Field(description="The group as the web page's filters spell it.")
    label: str
    applications: int
    reply_rate: RateOut
    ghosting_rate: RateOut
    median_days_to_reply: float | None


@router.get("/insights", response=InsightsOut)
def insights(request, filters: Query[FiltersIn]):
    """The funnel by furthest step, how applications stand, the Sankey flows and the findings."""
    user, wanted = owner(request), filters.filters()
    context = {**page.main(user, wanted), **page.findings(user, wanted)}
    summary, diagnosis = context["summary"], context["diagnosis"]
    return InsightsOut(
        steps=[
            StepOut(
                name=row["step"].name,
                reached=row["reached"],
                still_waiting=row["pending"],
                to_next_step=RateOut.of(row["conversion"]) if row["next"] else None,
            )
            for row in summary.rows
        ],
        reply_rate=RateOut.of(summary.response_rate),
        ghosting_rate=RateOut.of(summary.ghosting_rate),
        outcomes={key: n for key, _, n in summary.outcomes},
        sankey=[FlowOut(source=f.source, target=f.target, value=f.value) for f in context["flows"]],
        findings=[
            FindingOut(
                key=f.key, title=f.title, evidence=f.evidence, advice=f.advice, links=dict(f.links)
            )
            for f in diagnosis.findings
        ],
        missing=diagnosis.missing,
    )


@router.get("/insights/breakdown", response=list[GroupOut])
def breakdown(request, filters: Query[FiltersIn], by: Dimension = "source"):
    """The funnel's reply and ghosting rates per group, with the median days to a first reply."""
    context = page.breakdown(owner(request), filters.filters(), by)
    return [
        GroupOut(
            key=group.value,
            label=group.label,
            applications=group.total,
            reply_rate=RateOut.of(group.response_rate),
            ghosting_rate=RateOut.of(group.ghosting_rate),
            median_days_to_reply=group.median_reply.days if group.median_reply else None,
        )
        for group in context["groups"]
    ]
