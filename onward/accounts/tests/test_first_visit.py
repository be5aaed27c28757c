from django.contrib.auth import get_user_model
from django.urls import reverse

from onward.pipeline.models import DEFAULT_STAGES, Stage

User = get_user_model()
STRONG = "a long and unusual passphrase 42"


def test_it_sends_the_first_visitor_to_create_an_account(client, db):
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:setup")
    assert b"Create your account" in response.content


def test_it_creates_the_owner_account_with_default_stages_and_logs_in(client, db):
    response = client.post(
        reverse("accounts:setup"),
        {"username": "sam", "email": "", "password1": STRONG, "password2": STRONG},
    )
    assert response.status_code == 302
    user = User.objects.get(username="sam")
    assert user.is_superuser
    assert [s.name for s in Stage.objects.for_user(user)] == [name for name, _, _ in DEFAULT_STAGES]
    assert client.get(reverse("pipeline:board")).status_code == 200


def test_it_refuses_a_weak_password_with_a_reason(client, db):
    response = client.post(
        reverse("accounts:setup"),
        {"username": "sam", "password1": "password", "password2": "password"},
    )
    assert response.status_code == 200
    assert "too common" in response.content.decode()
    assert not User.objects.exists()


def test_it_closes_the_setup_page_once_an_account_exists(client, alice):
    response = client.get(reverse("accounts:setup"))
    assert response.status_code == 302
    response = client.post(
        reverse("accounts:setup"),
        {"username": "mallory", "password1": STRONG, "password2": STRONG},
    )
    assert not User.objects.filter(username="mallory").exists()


def test_the_login_page_sends_to_setup_only_while_there_is_no_account(client, db):
    assert client.get(reverse("accounts:login")).url == reverse("accounts:setup")
    User.objects.create_user("sam", password=STRONG)
    assert client.get(reverse("accounts:login")).status_code == 200
