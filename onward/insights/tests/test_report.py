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


def hidden_when_printed(html: str, tag: str) -> bool:
    """Whether ``tag`` sits inside an element the print stylesheet hides (.actions, form,
    .no-print, .topbar): the printed report lost its title that way."""
    from html.parser import HTMLParser

    hiding = {"actions", "no-print", "topbar"}

    class Finder(HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack: list[bool] = []
            self.found: bool | None = None

        def handle_starttag(self, name, attrs):
            if name in {"meta", "link", "br", "img", "input"}:
                return
            classes = set((dict(attrs).get("class") or "").split())
            self.stack.append(bool(classes & hiding) or name == "form")
            if name == tag and self.found is None:
                self.found = any(self.stack)

        def handle_endtag(self, name):
            if name not in {"meta", "link", "br", "img", "input"} and self.stack:
                self.stack.pop()

    finder = Finder()
    finder.feed(html)
    assert finder.found is not None, f"no <{tag}>"
    return finder.found


def test_the_printed_report_keeps_its_title(alice_client, alice):
    html = alice_client.get(reverse("insights:report")).content.decode()
    assert not hidden_when_printed(html, "h1")
