import json

from onward.insights.charts import EXIT_COLOURS, sankey_figure
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
    figure = sankey_figure(sankey_flows(summary_for(alice)))
    (sankey,) = figure["data"]["datasets"]
    nodes = {d["from"] for d in sankey["data"]} | {d["to"] for d in sankey["data"]}
    # The steps in the search's order, then the exits.
    order = list(sankey["nodeColours"])
    assert order[:6] == ["Applied", "Screening", "Interviewing", "Final round", "Offer", "Accepted"]
    assert set(order[6:]) == {"Rejected", "Ghosted", "Withdrawn", "Still open"}
    # Each flow takes its target's colour: an exit is coloured as that exit.
    assert sankey["nodeColours"]["Rejected"] == EXIT_COLOURS["Rejected"]
    assert set(order) == nodes


def test_it_is_plain_data_in_the_pages_colours(alice, search):
    """No functions and no inline script: JSON that charts.js reads, with the page's ink (so the
    labels follow the light or dark theme)."""
    figure = sankey_figure(sankey_flows(summary_for(alice)))
    assert json.loads(json.dumps(figure)) == figure
    assert figure["type"] == "sankey"
    assert figure["data"]["datasets"][0]["color"] == "var(--ink)"
