from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from onward.testing import make_application, stage


def ghost_url(application):
    return reverse("pipeline:application_ghost", args=[application.pk])


def test_one_click_moves_a_quiet_application_to_ghosted_and_records_it(
    alice_client, alice, no_debrief
):
    application = make_application(alice, "Applied", when=timezone.now() - timedelta(days=30))
    board = reverse("pipeline:board")
    response = alice_client.post(ghost_url(application), {"next": board})
    assert response["Location"] == board
    application.refresh_from_db()
    assert application.stage.name == "Ghosted"
    last = application.stage_changes.last()
    assert (last.from_stage.name, last.to_stage.name) == ("Applied", "Ghosted")


def test_it_goes_to_the_debrief_when_one_is_offered(alice_client, alice, debrief_answers):
    application = make_application(alice, "Applied", when=timezone.now() - timedelta(days=30))
    response = alice_client.post(ghost_url(application))
    assert response["Location"] == debrief_answers


def test_it_uses_the_users_first_ghosted_stage_even_if_renamed(alice_client, alice):
    ghosted = stage(alice, "Ghosted")
    ghosted.name = "Silence"
    ghosted.save()
    application = make_application(alice, "Applied", when=timezone.now() - timedelta(days=30))
    alice_client.post(ghost_url(application))
    application.refresh_from_db()
    assert application.stage.name == "Silence"


def test_it_says_so_when_the_user_has_no_ghosted_stage(alice_client, alice):
    application = make_application(alice, "Applied", when=timezone.now() - timedelta(days=30))
    stage(alice, "Ghosted").delete()
    response = alice_client.post(ghost_url(application), follow=True)
    assert "no stage for ghosted applications" in response.content.decode()
    application.refresh_from_db()
    assert application.stage.name == "Applied"


def test_it_is_post_only_and_owner_only(alice_client, bob_client, alice):
    application = make_application(alice, "Applied", when=timezone.now() - timedelta(days=30))
    assert alice_client.get(ghost_url(application)).status_code == 405
    assert bob_client.post(ghost_url(application)).status_code == 404
    assert application.stage_changes.count() == 1


def test_the_application_page_shows_the_mark_and_the_one_click_move(alice_client, alice):
    quiet = make_application(alice, "Screening", when=timezone.now() - timedelta(days=40))
    content = alice_client.get(quiet.get_absolute_url()).content.decode()
    assert "no reply for 40 days" in content
    assert ghost_url(quiet) in content
    recent = make_application(alice, "Screening")
    assert ghost_url(recent) not in alice_client.get(recent.get_absolute_url()).content.decode()


def test_a_closed_application_is_never_marked(alice_client, alice):
    make_application(alice, "Rejected", when=timezone.now() - timedelta(days=90))
    assert "no reply for" not in alice_client.get(reverse("pipeline:board")).content.decode()


def test_the_mark_read_with_the_rows_follows_the_same_rule_as_the_list(alice, bob):
    """The board and the table read "no reply" with their rows; the rule is the list's."""
    from onward.pipeline.models import Application

    old = timezone.now() - timedelta(days=40)
    marked = {
        make_application(alice, "Applied", when=old).pk,
        make_application(alice, "Wishlist", when=old, applied_on=old.date()).pk,
    }
    make_application(alice, "Wishlist", when=old)  # not applied for yet
    make_application(alice, "Applied")  # recent
    make_application(alice, "Rejected", when=old)  # closed
    make_application(alice, "Offer", when=old)  # waiting is the user's move
    make_application(bob, "Applied", when=old)  # someone else's
    rows = Application.objects.for_user(alice).with_related().with_awaiting_reply(alice)
    assert {a.pk for a in rows if a.is_awaiting_reply} == marked
    assert set(Application.objects.awaiting_reply(alice).values_list("pk", flat=True)) == marked
