from datetime import date

from django.urls import reverse

from onward.strategy.models import Experiment


def test_it_prints_a_strategy_report(alice_client, alice, search):
    Experiment.objects.create(
        user=alice, title="Referrals first", change_kind="referrals", started_on=date(2026, 2, 1)
    )
    response = alice_client.get(reverse("insights:report"), {"start": "2026-01-01"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "insights/insights.css" in html
    for section in ('id="findings"', 'id="funnel"', 'id="sankey"', 'id="reasons"'):
        assert section in html
    assert "Referrals first" in html
    assert "from 1 Jan 2026" in html


def test_it_has_a_print_stylesheet():
    from pathlib import Path

    import onward.insights

    css = Path(onward.insights.__file__).parent / "static" / "insights" / "insights.css"
    assert "@media print" in css.read_text()


def test_it_keeps_the_report_to_its_owner(bob_client, alice, search):
    Experiment.objects.create(user=alice, title="Alice's secret", started_on=date(2026, 2, 1))
    html = bob_client.get(reverse("insights:report")).content.decode()
    assert "Alice's secret" not in html
