import pytest
from django.urls import reverse

from onward.pipeline.models import Stage
from onward.testing import make_application, stage

LIST = reverse("pipeline:stage_list")


def names(user):
    return list(Stage.objects.for_user(user).values_list("name", flat=True))


def test_it_lists_the_stages_in_order(alice_client, alice):
    assert [s.name for s in alice_client.get(LIST).context["stages"]] == names(alice)


def test_it_adds_a_stage_at_the_end(alice_client, alice):
    alice_client.post(LIST, {"name": "Take-home", "kind": "active"})
    assert names(alice)[-1] == "Take-home"


def test_a_lost_stage_gets_a_loss_type(alice_client, alice):
    alice_client.post(LIST, {"name": "Declined", "kind": "lost"})
    assert stage(alice, "Declined").loss_type == "rejected"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": "", "kind": "active"}, "name", "required"),
        ({"name": "applied", "kind": "active"}, "name", "already have a stage"),
        ({"name": "Next", "kind": "maybe"}, "kind", "Select a valid choice"),
        ({"name": "Next", "kind": "lost", "loss_type": "eaten"}, "loss_type", "valid choice"),
        ({"name": "x" * 61, "kind": "active"}, "name", "at most 60 characters"),
    ],
)
def test_it_refuses_bad_values(alice_client, alice, data, field, message):
    before = names(alice)
    response = alice_client.post(LIST, data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert names(alice) == before


def test_it_renames_a_stage_and_the_board_follows(alice_client, alice):
    applied = stage(alice, "Applied")
    make_application(alice, "Applied")
    url = reverse("pipeline:stage_edit", args=[applied.pk])
    alice_client.post(url, {"name": "Sent", "kind": "active"})
    applied.refresh_from_db()
    assert applied.name == "Sent"
    assert "Sent" in alice_client.get(reverse("pipeline:board")).content.decode()


def test_it_moves_a_stage_up_and_down(alice_client, alice):
    screening = stage(alice, "Screening")
    url = reverse("pipeline:stage_move", args=[screening.pk])
    alice_client.post(url, {"direction": "up"})
    assert names(alice)[:3] == ["Wishlist", "Screening", "Applied"]
    alice_client.post(url, {"direction": "down"})
    alice_client.post(url, {"direction": "down"})
    assert names(alice)[:4] == ["Wishlist", "Applied", "Interviewing", "Screening"]


def test_moving_past_either_end_changes_nothing(alice_client, alice):
    before = names(alice)
    alice_client.post(reverse("pipeline:stage_move", args=[stage(alice, "Wishlist").pk]),
                      {"direction": "up"})  # fmt: skip
    alice_client.post(reverse("pipeline:stage_move", args=[stage(alice, "Withdrawn").pk]),
                      {"direction": "down"})  # fmt: skip
    alice_client.post(reverse("pipeline:stage_move", args=[stage(alice, "Offer").pk]),
                      {"direction": "sideways"})  # fmt: skip
    assert names(alice)[:5] == before[:5]
    assert names(alice)[-1] == "Withdrawn"


def test_an_unused_stage_can_be_deleted(alice_client, alice):
    url = reverse("pipeline:stage_delete", args=[stage(alice, "Wishlist").pk])
    alice_client.post(url)
    assert "Wishlist" not in names(alice)


def test_a_stage_with_applications_is_not_deleted(alice_client, alice):
    make_application(alice, "Screening")
    url = reverse("pipeline:stage_delete", args=[stage(alice, "Screening").pk])
    response = alice_client.post(url, follow=True)
    assert "cannot be deleted" in response.content.decode()
    assert "Screening" in names(alice)


def test_a_stage_only_in_the_history_is_not_deleted(alice_client, alice):
    application = make_application(alice, "Screening")
    application.move_to(stage(alice, "Interviewing"))
    url = reverse("pipeline:stage_delete", args=[stage(alice, "Screening").pk])
    assert "cannot be deleted" in alice_client.post(url, follow=True).content.decode()
    assert "Screening" in names(alice)


def test_bob_cannot_touch_alices_stages(bob_client, alice):
    applied = stage(alice, "Applied")
    for name in ("stage_edit", "stage_move", "stage_delete"):
        url = reverse(f"pipeline:{name}", args=[applied.pk])
        assert bob_client.post(url, {"name": "Hijacked", "kind": "lost"}).status_code == 404
    assert bob_client.get(reverse("pipeline:stage_edit", args=[applied.pk])).status_code == 404
    applied.refresh_from_db()
    assert applied.name == "Applied"
