"""`onward mcp --http`: streamable HTTP behind the API's own tokens, driven by the SDK's client
over a real socket. The token decides whose data a request reaches."""

import asyncio
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx2
import pytest
import uvicorn
from asgiref.sync import SyncToAsync
from django.db import connections
from mcp import Client
from mcp.client.streamable_http import streamable_http_client

from onward.assistant.server import HttpAuth, build_server
from onward.pipeline.models import Application
from onward.testing import make_api_token, make_application

pytestmark = pytest.mark.django_db(transaction=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def endpoint():
    port = free_port()
    auth = HttpAuth(site_url="http://127.0.0.1:8000", endpoint=f"http://127.0.0.1:{port}/mcp")
    app = build_server(http=auth).streamable_http_app(host="127.0.0.1")
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield auth.endpoint
    server.should_exit = True
    thread.join(5)
    # The tools ran in asgiref's one sync thread: close its database connection too.
    SyncToAsync.single_thread_executor.submit(connections.close_all).result()


def session(endpoint: str, token: str, step):
    async def main():
        headers = {"Authorization": f"Bearer {token}"}
        async with httpx2.AsyncClient(headers=headers) as http:
            transport = streamable_http_client(endpoint, http_client=http)
            async with Client(transport) as client:
                return await step(client)

    # Its own event loop in its own thread: after a browser test, Playwright's loop is still
    # running in this one, where async_to_sync refuses to start.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, main()).result()


def test_each_token_reaches_its_own_users_data_only(alice, bob, endpoint):
    make_application(alice, title="Alice's application")
    make_application(bob, title="Bob's application")
    _, alice_token = make_api_token(alice)
    _, bob_token = make_api_token(bob)

    async def titles(client):
        result = await client.call_tool("list_applications", {})
        return result.content[0].text

    async def add(client):
        return await client.call_tool("add_application", {"title": "SRE", "company": "Umber"})

    assert "Alice's application" in session(endpoint, alice_token, titles)
    assert "Bob's application" not in session(endpoint, alice_token, titles)
    assert "Bob's application" in session(endpoint, bob_token, titles)
    assert not session(endpoint, bob_token, add).is_error
    assert Application.objects.for_user(bob).filter(title="SRE").exists()


def test_a_request_without_a_valid_token_is_refused(alice, endpoint):
    ping = {"jsonrpc": "2.0", "id": 1, "method": "ping"}
    headers = {"Accept": "application/json, text/event-stream"}

    none = httpx2.post(endpoint, json=ping, headers=headers)
    wrong = httpx2.post(endpoint, json=ping, headers={**headers, "Authorization": "Bearer nope"})

    assert none.status_code == 401
    assert wrong.status_code == 401


def test_an_expired_token_is_refused(alice, endpoint):
    ping = {"jsonrpc": "2.0", "id": 1, "method": "ping"}
    token, raw = make_api_token(alice)
    token.expires_at = token.created_at
    token.save()
    headers = {"Accept": "application/json, text/event-stream", "Authorization": f"Bearer {raw}"}
    assert httpx2.post(endpoint, json=ping, headers=headers).status_code == 401
