import gc
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from onward.cli.management.commands import serve


@pytest.fixture
def started(monkeypatch):
    """Capture the uvicorn command serve would become, without starting it."""
    calls = []
    monkeypatch.setattr(serve.os, "execv", lambda path, argv: calls.append(argv))
    # The port itself is not opened here (another program may hold 8000 on this machine).
    monkeypatch.setattr(serve, "ensure_port_free", lambda host, port: None)
    return calls


def test_it_refuses_a_port_in_use_without_claiming_to_run(db, monkeypatch, capsys):
    calls = []
    monkeypatch.setattr(serve.os, "execv", lambda path, argv: calls.append(argv))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(CommandError, match=f"127.0.0.1:{port}.*--port"):
            call_command("serve", port=port)
    assert not calls
    assert "running at" not in capsys.readouterr().out


def test_it_maps_the_flags_to_uvicorn_options(db, started, capsys):
    call_command("serve", host="127.0.0.1", port=8123, workers=3)

    argv = started[0]
    assert argv[:5] == [
        sys.executable,
        "-m",
        "uvicorn",
        "onward.asgi:served_application",
        "--factory",
    ]
    assert {"--host=127.0.0.1", "--port=8123", "--workers=3"} <= set(argv)
    # Forwarded headers are Onward's to read (ONWARD_BEHIND_PROXY), never uvicorn's.
    assert "--no-proxy-headers" in argv
    assert "http://127.0.0.1:8123/" in capsys.readouterr().out


def test_it_defaults_to_localhost_port_8000_with_two_workers(db, started):
    call_command("serve")

    assert {"--host=127.0.0.1", "--port=8000", "--workers=2"} <= set(started[0])


def test_uvicorn_understands_the_command_line(db, started):
    from uvicorn.main import main as uvicorn_main

    call_command("serve", port=8123)
    # uvicorn's own parser accepts every option (without running anything).
    context = uvicorn_main.make_context("uvicorn", started[0][3:])
    assert context.params["port"] == 8123 and context.params["proxy_headers"] is False
    assert context.params["factory"] is True


def test_each_worker_compiles_the_templates_before_its_first_request():
    """What uvicorn calls in each worker: the templates are compiled (and the views imported)
    before any request, so no one's first visit of a page waits for it."""
    from django.template import engines

    from onward.asgi import application, served_application

    cached = engines["django"].engine.template_loaders[0].loaders[0]
    cached.reset()

    gc.unfreeze()
    try:
        assert served_application() is application
        compiled = set(cached.get_template_cache)
        assert {"pipeline/application_list.html", "today/today.html"} <= compiled
        assert "onward.pipeline.views" in sys.modules
        # What the worker holds is out of the garbage collector's full collections.
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()


def test_the_application_is_django_behind_the_body_limit(db):
    from django.core.handlers.wsgi import WSGIHandler

    from onward.asgi import BodyLimit, BufferedWsgi, application

    assert isinstance(application, BodyLimit)
    assert isinstance(application.app, BufferedWsgi)
    assert isinstance(application.app.app, WSGIHandler)


def test_it_shows_an_ipv6_address_in_brackets():
    assert serve.site_url("::1", 9000) == "http://[::1]:9000/"


def test_it_collects_static_files_when_the_manifest_is_missing(
    db, started, settings, tmp_path, capsys
):
    settings.STATIC_ROOT = tmp_path / "static"
    # Django's manifest storage: serve takes the same path as with whitenoise's compressed one
    # (a manifest storage without its manifest), and every static file is still collected and
    # hashed here, but not compressed: compressing took ~40 s of CPU, and test_static_files
    # checks the compressed copies.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }

    call_command("serve", port=8123)

    assert (tmp_path / "static" / "staticfiles.json").exists()
    assert "Collecting static files" in capsys.readouterr().out


def test_it_refuses_a_port_out_of_range(db, started):
    with pytest.raises(CommandError, match="port"):
        call_command("serve", port=70000)
    assert not started


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, server: subprocess.Popen) -> tuple[int, str, str] | None:
    """GET url once the server answers: a generous wait, since a loaded machine took over 40 s
    to collect the static files before serving."""
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.status, response.url, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, url, ""
        except (urllib.error.URLError, ConnectionError):
            if server.poll() is not None:
                return None
            time.sleep(0.1)
    return None


@pytest.mark.subprocess
def test_it_serves_the_login_page_with_its_css_for_real(initialised_data_folder):
    """`onward init` without static files, then `onward serve`: the page and its CSS load."""
    shutil.rmtree(initialised_data_folder / "static")
    env = {**os.environ, "ONWARD_DATA_DIR": str(initialised_data_folder), "DATABASE_URL": ""}
    onward = [sys.executable, "-m", "onward"]
    subprocess.run([*onward, "init", "--skip-static"], env=env, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen(
        [*onward, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        page = fetch(f"http://127.0.0.1:{port}/login/", server)
        assert page is not None, "the server did not answer"
        status, url, html = page
        # No account yet: the login page sends the first visitor to the setup page.
        assert status == 200
        assert url.endswith("/setup/")
        stylesheet = re.search(r'href="(/static/[^"]+\.css)"', html)
        assert stylesheet, "the page links its stylesheet"
        css = fetch(f"http://127.0.0.1:{port}{stylesheet.group(1)}", server)
        assert css is not None and css[0] == 200
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
