import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse

from onward.accounts.proxy import client_ip
from onward.testing import PASSWORD

STRONG = "a long and unusual passphrase 42"


@pytest.mark.django_db(transaction=True)
def test_two_first_visits_at_once_make_one_owner():
    start = threading.Barrier(2)
    errors = []

    def create(name):
        try:
            start.wait()
            Client().post(
                reverse("accounts:setup"),
                {"username": name, "password1": STRONG, "password2": STRONG},
            )
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=create, args=(f"owner{i}",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert get_user_model().objects.count() == 1


def test_behind_a_proxy_the_visitor_is_the_last_forwarded_hop(settings):
    settings.ONWARD_BEHIND_PROXY = True
    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.9", REMOTE_ADDR="127.0.0.1"
    )
    assert client_ip(request) == "203.0.113.9"
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR="127.0.0.1")) == "127.0.0.1"


def test_behind_a_proxy_one_visitors_failures_do_not_lock_out_another(client, alice, settings):
    settings.ONWARD_BEHIND_PROXY = True
    url = reverse("accounts:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "alice", "password": "wrong"}, REMOTE_ADDR="127.0.0.1",
                    HTTP_X_FORWARDED_FOR="203.0.113.9")  # fmt: skip
    owner = Client()
    response = owner.post(url, {"username": "alice", "password": PASSWORD},
                          REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")  # fmt: skip
    assert response.status_code == 302
