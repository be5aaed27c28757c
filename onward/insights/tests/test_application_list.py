from django.urls import reverse


def listed(client, **params):
    response = client.get(reverse("insights:applications"), params)
    assert response.status_code == 200
    return sorted(a.title for a in response.context["page_obj"])


def test_it_lists_the_applications_behind_a_number(alice_client, search):
    assert listed(alice_client, by="source", value="referral") == [
        "Engineer a5", "Engineer a6", "Engineer a7", "Engineer a8",
    ]  # fmt: skip
    screening = search["a5"].stage.user.stage_set.get(name="Screening").position
    assert listed(alice_client, at=screening) == ["Engineer a5", "Engineer a9"]
    assert listed(alice_client, reached=screening, outcome="lost") == [
        "Engineer a5", "Engineer a6", "Engineer a7",
    ]  # fmt: skip
    assert listed(alice_client, by="month", value="2026-01-01") == ["Engineer a9"]
    assert listed(alice_client, by="source", value="", outcome="rejected") == ["Engineer a11"]


def test_it_ignores_nonsense_with_a_message(alice_client, search):
    response = alice_client.get(
        reverse("insights:applications"),
        {"by": "month", "value": "March", "at": "99", "outcome": "maybe", "reason": "x"},
    )
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 10
    assert "Ignored what could not be read" in response.content.decode()


def test_it_shows_only_the_users_own_applications(bob_client, search):
    assert listed(bob_client) == []
