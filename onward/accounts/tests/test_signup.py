from django.contrib.auth import get_user_model
from django.urls import reverse

STRONG = "a long and unusual passphrase 42"


def test_it_hides_sign_up_by_default(client, alice):
    assert client.get(reverse("accounts:signup")).status_code == 404
    response = client.post(
        reverse("accounts:signup"), {"username": "eve", "password1": STRONG, "password2": STRONG}
    )
    assert response.status_code == 404
    assert not get_user_model().objects.filter(username="eve").exists()
    assert b"Create an account" not in client.get(reverse("accounts:login")).content


def test_it_lets_others_sign_up_when_the_server_allows_it(client, alice, settings):
    settings.ONWARD_ALLOW_SIGNUP = True
    assert b"Create an account" in client.get(reverse("accounts:login")).content
    response = client.post(
        reverse("accounts:signup"), {"username": "eve", "password1": STRONG, "password2": STRONG}
    )
    assert response.status_code == 302
    eve = get_user_model().objects.get(username="eve")
    assert not eve.is_superuser
    assert eve.stage_set.count() == 10
