import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from onward.testing import link_contact, make_application, make_contact, make_interview, stage


@pytest.fixture
def objects(alice):
    application = make_application(alice, "Applied")
    return {
        "application": application,
        "interview": make_interview(application),
        "link": link_contact(application, make_contact(alice)),
        "contact": make_contact(alice),
        "stage": stage(alice, "Screening"),
    }


def post_routes(o):
    a, i = o["application"].pk, o["interview"].pk
    return [
        ("pipeline:application_create", []),
        ("pipeline:application_edit", [a]),
        ("pipeline:application_delete", [a]),
        ("pipeline:application_move", [a]),
        ("pipeline:application_ghost", [a]),
        ("pipeline:note_create", [a]),
        ("pipeline:interview_create", [a]),
        ("pipeline:interview_edit", [i]),
        ("pipeline:interview_delete", [i]),
        ("pipeline:company_create", []),
        ("pipeline:company_edit", [o["application"].company_id]),
        ("pipeline:stage_list", []),
        ("pipeline:stage_edit", [o["stage"].pk]),
        ("pipeline:stage_move", [o["stage"].pk]),
        ("pipeline:stage_delete", [o["stage"].pk]),
        ("network:contact_create", []),
        ("network:contact_edit", [o["contact"].pk]),
        ("network:contact_delete", [o["contact"].pk]),
        ("pipeline:application_contact_create", [a]),
        ("pipeline:application_contact_delete", [o["link"].pk]),
    ]


def get_routes(o):
    a = o["application"].pk
    return [
        ("pipeline:board", []),
        ("pipeline:application_list", []),
        ("pipeline:application_detail", [a]),
        ("pipeline:company_list", []),
        ("pipeline:company_detail", [o["application"].company_id]),
        ("pipeline:stage_list", []),
        ("network:contact_list", []),
        ("network:contact_detail", [o["contact"].pk]),
    ]


def test_every_change_needs_the_csrf_token(alice, objects):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    for name, args in post_routes(objects):
        response = client.post(reverse(name, args=args), {"stage": objects["stage"].pk})
        assert response.status_code == 403, name
    application = objects["application"]
    application.refresh_from_db()
    assert application.stage.name == "Applied"
    assert application.stage_changes.count() == 1


def test_the_board_drag_sends_the_token_from_the_body_hx_headers(alice, objects):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    html = client.get(reverse("pipeline:board")).content.decode()
    headers = json.loads(re.search(r"<body hx-headers='([^']+)'", html).group(1))
    url = reverse("pipeline:application_move", args=[objects["application"].pk])
    response = client.post(
        url,
        {"stage": objects["stage"].pk},
        headers={"X-CSRFToken": headers["X-CSRFToken"], "HX-Request": "true"},
    )
    assert response.status_code == 200
    assert objects["application"].stage_changes.count() == 2


def test_every_page_needs_a_login(client, objects):
    for name, args in get_routes(objects) + post_routes(objects):
        response = client.get(reverse(name, args=args))
        assert response.status_code in (302, 405), name
        if response.status_code == 302:
            assert reverse("accounts:login") in response["Location"], name


def test_bob_gets_404_on_every_object_route(bob_client, objects):
    object_routes = [r for r in get_routes(objects) + post_routes(objects) if r[1]]
    for name, args in object_routes:
        url = reverse(name, args=args)
        assert bob_client.post(url, {"stage": objects["stage"].pk}).status_code == 404, name
        if name.endswith(("detail", "edit")):
            assert bob_client.get(url).status_code == 404, name
