"""The board and the application form in a real browser (Debian's chromium via Playwright)."""

import time

import pytest

from onward.testing import make_application, make_company, make_user, stage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_page(page, live_server, log_in):
    user = make_user("alice")
    log_in(user)
    return user, page, live_server.url


def test_dragging_a_card_moves_it_and_records_the_move(browser_page):
    user, page, url = browser_page
    application = make_application(user, "Applied", title="Drag me")
    page.goto(url + "/board/")
    screening = page.locator(f'.column[data-stage-id="{stage(user, "Screening").pk}"]')
    page.locator(f"#card-{application.pk}").drag_to(screening)
    screening.locator(f"#card-{application.pk}").wait_for()
    page.wait_for_function(
        "id => !document.getElementById(id).hasAttribute('aria-busy')", arg=f"card-{application.pk}"
    )
    application.refresh_from_db()
    assert application.stage.name == "Screening"
    assert application.stage_changes.count() == 2
    assert screening.locator("[data-count]").inner_text() == "1"


def test_the_move_control_works_from_the_keyboard(browser_page):
    user, page, url = browser_page
    application = make_application(user, "Applied", title="Keyboard")
    page.goto(url + "/board/")
    page.focus(f"#card-{application.pk} [data-move]")
    page.keyboard.press("Enter")  # opens the board's one move menu
    page.locator("#move-menu").wait_for()
    page.select_option("#move-menu-stage", label="Interviewing")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    interviewing = page.locator(f'.column[data-stage-id="{stage(user, "Interviewing").pk}"]')
    interviewing.locator(f"#card-{application.pk}").wait_for()
    page.wait_for_function(
        "id => !document.getElementById(id).hasAttribute('aria-busy')", arg=f"card-{application.pk}"
    )
    application.refresh_from_db()
    assert application.stage.name == "Interviewing"
    assert interviewing.locator("[data-count]").inner_text() == "1"


def test_show_more_loads_the_next_cards_of_a_column(browser_page, monkeypatch):
    from onward.pipeline import views

    monkeypatch.setattr(views, "BOARD_COLUMN_LIMIT", 2)
    user, page, url = browser_page
    for i in range(3):
        make_application(user, "Applied", title=f"Role {i}")
    page.goto(url + "/board/")
    applied = page.locator(f'.column[data-stage-id="{stage(user, "Applied").pk}"]')
    assert applied.locator(".board-card").count() == 2
    applied.get_by_text("Show more").click()
    applied.get_by_role("link", name="Role 0", exact=True).wait_for()
    assert applied.locator(".board-card").count() == 3


def test_choosing_a_company_with_an_earlier_loss_says_so(browser_page):
    user, page, url = browser_page
    acme = make_company(user, "Acme")
    make_application(user, "Rejected", company=acme, title="Old role")
    page.goto(url + "/applications/new/")
    page.select_option("select[name=company]", label="Acme")
    notice = page.locator("#company-history .notice")
    notice.wait_for()
    assert "rejected" in notice.inner_text()


def test_dragging_into_a_lost_stage_offers_the_debrief_on_the_card(browser_page):
    user, page, url = browser_page
    application = make_application(user, "Final round", title="Lost one")
    page.goto(url + "/board/")
    rejected = page.locator(f'.column[data-stage-id="{stage(user, "Rejected").pk}"]')
    rejected.scroll_into_view_if_needed()  # the board scrolls sideways; show both columns
    page.locator(f"#card-{application.pk}").drag_to(rejected)
    prompt = rejected.locator(f"#card-{application.pk} .prompt a")
    prompt.wait_for()
    assert prompt.inner_text() == "Rejected: open the debrief"
    prompt.click()
    page.wait_for_url("**/debriefs/**")


def test_a_drag_can_be_given_its_real_date_right_after(browser_page):
    """The drag records "now"; the card's prompt leads to the form that re-dates the move."""
    from datetime import timedelta

    from django.utils import timezone

    user, page, url = browser_page
    application = make_application(
        user, "Applied", title="Late news", when=timezone.now() - timedelta(days=20)
    )
    page.goto(url + "/board/")
    screening = page.locator(f'.column[data-stage-id="{stage(user, "Screening").pk}"]')
    page.locator(f"#card-{application.pk}").drag_to(screening)
    prompt = screening.locator(f"#card-{application.pk} .redate a")
    prompt.wait_for()
    prompt.click()
    page.wait_for_url("**/moves/**")
    when = (timezone.localtime() - timedelta(days=6)).replace(hour=9, minute=30)
    page.fill("#id_when", when.strftime("%Y-%m-%dT%H:%M"))
    page.click("#redate-form button[type=submit]")
    page.wait_for_url(f"**/applications/{application.pk}/**")
    change = application.stage_changes.order_by("-changed_at").first()
    assert timezone.localtime(change.changed_at).date() == when.date()
    assert change.corrections.get().action == "redated"


def test_a_folded_column_loads_its_cards_when_unfolded(browser_page):
    user, page, url = browser_page
    earlier = make_application(user, "Rejected", title="Lost before")
    moving = make_application(user, "Final round", title="Lost now")
    page.goto(url + "/board/")
    rejected = page.locator(f'.column[data-stage-id="{stage(user, "Rejected").pk}"]')
    rejected.scroll_into_view_if_needed()
    assert rejected.locator(".board-card").count() == 0  # folded: nothing loaded
    rejected.locator("summary").click()
    rejected.locator(f"#card-{earlier.pk}").wait_for()
    rejected.locator("summary").click()  # folded again

    # A card dropped on it before its cards come is shown once, with them: the cards are
    # held back until the move is saved, so that they include the moved one.
    def after_the_move(route):
        time.sleep(0.5)
        route.continue_()

    page.route("**/board/?stage=*", after_the_move)
    page.reload()
    rejected.scroll_into_view_if_needed()
    page.locator(f"#card-{moving.pk}").drag_to(rejected)
    rejected.locator(f"#card-{earlier.pk}").wait_for()
    page.wait_for_function(
        "id => !document.getElementById(id).hasAttribute('aria-busy')", arg=f"card-{moving.pk}"
    )
    assert page.locator(f"#card-{moving.pk}").count() == 1
    assert rejected.locator(".board-card").count() == 2
    assert rejected.locator("[data-count]").inner_text() == "2"


def test_the_application_pages_add_forms_load_when_opened(browser_page):
    from onward.testing import make_contact

    user, page, url = browser_page
    application = make_application(user, "Interviewing", title="With a panel")
    make_contact(user, "Pat Person")
    make_contact(user, "Robin Recruiter")
    page.goto(url + application.get_absolute_url())
    page.get_by_text("Add an interview", exact=True).click()
    page.fill("input[name=round_name]", "Panel interview")
    page.select_option("select[name=kind]", label="Panel")
    page.fill("input[name=starts_at]", "2026-12-10T14:00")
    page.get_by_label("Pat Person").check()
    page.get_by_role("button", name="Add interview").click()
    page.locator("#interviews").get_by_text("Panel interview").wait_for()
    interview = application.interviews.get()
    assert interview.round_name == "Panel interview"
    assert [c.name for c in interview.interviewers.all()] == ["Pat Person"]

    page.get_by_text("Link a person", exact=True).click()
    page.select_option("select[name=contact]", label="Robin Recruiter")
    page.get_by_role("button", name="Link", exact=True).click()
    page.locator("#contacts li").get_by_role("link", name="Robin Recruiter").first.wait_for()
    assert application.contact_links.filter(contact__name="Robin Recruiter").exists()
