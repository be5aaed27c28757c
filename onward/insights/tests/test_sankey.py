import plotly.graph_objects as go

from onward.insights.charts import sankey_figure
from onward.insights.metrics import (
    Filters,
    applications,
    funnel,
    funnel_steps,
    sankey_flows,
    silence_cutoff,
)


def summary_for(user, **filters):
    filters = Filters(**filters)
    steps = funnel_steps(user, include_wishlist=filters.include_wishlist)
    return funnel(user, applications(user, filters), steps, silence_cutoff(user))


def test_it_draws_every_flow_of_the_search(alice, search):
    flows = {(f.source, f.target): f.value for f in sankey_flows(summary_for(alice))}
    assert flows == {
        ("Applied", "Screening"): 5,
        ("Applied", "Rejected"): 2,
        ("Applied", "Ghosted"): 1,
        ("Applied", "Still open"): 2,
        ("Screening", "Interviewing"): 3,
        ("Screening", "Rejected"): 1,
        ("Screening", "Still open"): 1,
        ("Interviewing", "Final round"): 2,
        ("Interviewing", "Withdrawn"): 1,
        ("Final round", "Offer"): 1,
        ("Final round", "Rejected"): 1,
        ("Offer", "Accepted"): 1,
    }


def test_it_counts_every_application_exactly_once(alice, search):
    for include_wishlist in (False, True):
        summary = summary_for(alice, include_wishlist=include_wishlist)
        flows = sankey_flows(summary)
        step_names = {s.name for s in summary.steps}
        exits = sum(f.value for f in flows if f.target not in step_names)
        accepted = dict((k, n) for k, _, n in summary.outcomes)["accepted"]
        assert exits + accepted == summary.total
        # What flows into a step is what reached it.
        for i, step in enumerate(summary.steps[1:], start=1):
            assert sum(f.value for f in flows if f.target == step.name) == summary.reached[i]


def test_it_builds_the_figure_with_one_node_per_step_and_exit(alice, search):
    figure = go.Figure(sankey_figure(sankey_flows(summary_for(alice))))  # validates it too
    labels = list(figure.data[0].node.label)
    assert labels[:6] == [
        "Applied",
        "Screening",
        "Interviewing",
        "Final round",
        "Offer",
        "Accepted",
    ]
    assert set(labels[6:]) == {"Rejected", "Ghosted", "Withdrawn", "Still open"}


def test_it_looks_like_every_other_chart(alice, search):
    """The same default template a go.Figure carries (the routine and wellbeing charts)."""
    figure = sankey_figure(sankey_flows(summary_for(alice)))
    assert figure["layout"]["template"] == go.Figure().layout.template.to_plotly_json()
