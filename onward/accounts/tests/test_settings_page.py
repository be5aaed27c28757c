import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from onward.accounts.models import ApiToken, Profile, profile_for


def test_it_saves_time_zone_and_ghosting_threshold(alice_client, alice):
    response = alice_client.post(
        reverse("accounts:settings"),
        {
            "profile-time_zone": "Europe/Berlin",
            "profile-ghost_after_days": "14",
            "profile-theme": "system",
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=alice)
    assert (profile.time_zone, profile.ghost_after_days) == ("Europe/Berlin", 14)


def test_the_colours_follow_the_device_unless_the_user_picks_light_or_dark(alice_client, alice):
    assert "data-theme" not in alice_client.get(reverse("today:today")).content.decode()
    for theme in ("dark", "light"):
        response = alice_client.post(
            reverse("accounts:settings"),
            {"profile-time_zone": "UTC", "profile-ghost_after_days": "21", "profile-theme": theme},
        )
        assert response.status_code == 302
        html = alice_client.get(reverse("today:today")).content.decode()
        assert f'<html lang="en" data-theme="{theme}">' in html
    response = alice_client.post(
        reverse("accounts:settings"),
        {"profile-time_zone": "UTC", "profile-ghost_after_days": "21", "profile-theme": "sepia"},
    )
    assert "Select a valid choice" in response.content.decode()
    assert Profile.objects.get(user=alice).theme == "light"


def test_it_rejects_a_bad_time_zone_and_threshold_with_messages(alice_client, alice):
    response = alice_client.post(
        reverse("accounts:settings"),
        {"profile-time_zone": "Mars/Olympus", "profile-ghost_after_days": "0"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Select a valid choice" in body
    assert "between 3 and 365" in body
    assert profile_for(alice).time_zone == "UTC"


def test_it_issues_a_token_once_and_stores_only_its_hash(alice_client, alice):
    response = alice_client.post(reverse("accounts:token_create"), {"name": "script"})
    raw = response.context["new_token"]
    assert raw in response.content.decode()
    token = ApiToken.objects.get(user=alice)
    assert raw not in (token.digest, token.prefix)
    assert ApiToken.user_for(raw) == alice
    assert raw not in alice_client.get(reverse("accounts:settings")).content.decode()


def test_it_revokes_a_token(alice_client, alice):
    token, raw = ApiToken.issue(alice, "old")
    alice_client.post(reverse("accounts:token_delete", args=[token.pk]))
    assert ApiToken.user_for(raw) is None


def test_a_page_reads_the_user_and_profile_in_one_query(alice_client, alice):
    profile_for(alice)  # created before the request, as after sign-up
    with CaptureQueriesContext(connection) as queries:
        # The time-zone middleware and the insights' ghosting cutoff both ask for it.
        alice_client.get(reverse("insights:index"))
    profile_reads = [q["sql"] for q in queries.captured_queries if "accounts_profile" in q["sql"]]
    assert len(profile_reads) == 1 and 'FROM "auth_user"' in profile_reads[0]


def test_the_time_zone_select_shows_the_users_zone(alice_client, alice):
    profile = profile_for(alice)
    profile.time_zone = "America/Argentina/Buenos_Aires"
    profile.save()
    html = alice_client.get(reverse("accounts:settings")).content.decode()
    zones = html.split('name="profile-time_zone"')[1].split("</select>")[0]
    assert zones.count(" selected>") == 1
    assert (
        '<option value="America/Argentina/Buenos_Aires" selected>'
        "America/Argentina/Buenos Aires</option>" in html
    )
    assert '<select id="id_profile-time_zone" name="profile-time_zone">' in html


def test_a_bad_time_zone_is_marked_on_its_field(alice_client):
    html = alice_client.post(
        reverse("accounts:settings"),
        {"profile-time_zone": "<Mars>", "profile-ghost_after_days": "14"},
    ).content.decode()
    assert '<select aria-describedby="id_profile-time_zone_error" aria-invalid="true"' in html
    assert "<Mars>" not in html


def _settings_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("accounts:settings")).status_code == 200
    return len(queries)


def test_the_settings_page_runs_the_same_queries_for_a_small_and_a_big_account(
    alice_client, alice, bob, client
):
    from onward.testing import make_application

    for i in range(2):
        make_application(alice)
        ApiToken.issue(alice, f"token {i}")
    small = _settings_queries(alice_client)
    for i in range(15):
        make_application(bob)
        ApiToken.issue(bob, f"token {i}")
    client.force_login(bob)
    assert _settings_queries(client) == small


def test_a_time_zone_is_checked_by_the_model_not_listed_in_the_migrations(alice):
    """The zone names come from the machine's time zone database, which differs between
    machines and updates: the model checks them, and its migrations do not list them (else an
    update of tzdata would look like a model change)."""
    import pytest
    from django.core.exceptions import ValidationError

    profile = profile_for(alice)
    profile.time_zone = "Mars/Olympus_Mons"
    with pytest.raises(ValidationError) as refused:
        profile.full_clean()
    assert "not a time zone this server knows" in str(refused.value.message_dict["time_zone"])
    profile.time_zone = "America/Argentina/Buenos_Aires"
    profile.full_clean()

    field = Profile._meta.get_field("time_zone")
    _name, path, _args, kwargs = field.deconstruct()
    assert path == "django.db.models.CharField"
    assert "choices" not in kwargs


@pytest.mark.parametrize("value", ["b&b", "", None, "nowhere"])
def test_the_long_select_writes_what_djangos_select_writes(value):
    from django import forms

    from onward.accounts.forms import LongSelect

    choices = [("a", "Plain"), ("b&b", "Tom & <Jerry>"), ('c"', 'Say "hi"')]
    ours = LongSelect(choices=choices).render("zone", value, attrs={"id": "id_zone"})
    django = forms.Select(choices=choices).render("zone", value, attrs={"id": "id_zone"})
    options = ours.split(">", 1)[1]  # the same attributes, in another order
    assert options == django.split(">", 1)[1].replace("\n", "").replace("  ", "")
    # Written once, picked per page: another value selects another option.
    again = LongSelect(choices=choices).render("zone", "a", attrs={"id": "id_zone"})
    assert again.count(" selected>") == 1 and '<option value="a" selected>Plain' in again
