import pytest
from django.urls import reverse

from onward.strategy.models import TitleGroup


@pytest.fixture
def group(alice):
    return TitleGroup.objects.create(user=alice, name="Backend", keywords="backend, api")


def test_it_adds_a_group(alice_client, alice):
    response = alice_client.post(
        reverse("strategy:title_group_list"), {"name": "Data", "keywords": "data, ml"}
    )
    assert response.status_code == 302
    assert TitleGroup.objects.get(user=alice).keyword_list == ["data", "ml"]


def test_it_refuses_a_group_without_keywords_or_a_duplicate_name(alice_client, group):
    url = reverse("strategy:title_group_list")
    response = alice_client.post(url, {"name": "Data", "keywords": " , "})
    assert "Give at least one keyword." in response.content.decode()
    response = alice_client.post(url, {"name": "backend", "keywords": "x"})
    assert "You already have a group with that name." in response.content.decode()
    assert TitleGroup.objects.count() == 1


def test_it_edits_and_deletes_a_group(alice_client, group):
    url = reverse("strategy:title_group_edit", args=[group.pk])
    assert alice_client.get(url).status_code == 200
    alice_client.post(url, {"name": "Backend", "keywords": "backend", "position": 2})
    group.refresh_from_db()
    assert (group.keywords, group.position) == ("backend", 2)
    alice_client.post(reverse("strategy:title_group_delete", args=[group.pk]))
    assert not TitleGroup.objects.exists()


def test_it_hides_groups_from_other_users(bob_client, group):
    assert bob_client.get(reverse("strategy:title_group_edit", args=[group.pk])).status_code == 404
    url = reverse("strategy:title_group_delete", args=[group.pk])
    assert bob_client.post(url).status_code == 404
    assert "Backend" not in bob_client.get(reverse("strategy:title_group_list")).content.decode()
