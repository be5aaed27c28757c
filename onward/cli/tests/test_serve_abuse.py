"""`onward serve` for real, under abuse: slow clients and oversized bodies.

These start the server in a child process and talk to it over sockets. They assert outcomes
(an answer at all, a 413 before the body is sent), never timings: bench/slow_clients.py
measures how much slow clients delay others.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys

import pytest

from onward.cli.tests.test_serve import fetch, free_port

pytestmark = pytest.mark.subprocess

# A client gives up on the server after this long: far beyond a normal answer.
PATIENCE = 30


@pytest.fixture(scope="module")
def server(tmp_path_factory, initialised_folder_template):
    """`onward serve` with one worker, on SQLite in a data folder of its own."""
    data = tmp_path_factory.mktemp("serve") / "data"
    shutil.copytree(initialised_folder_template, data)
    env = {
        **os.environ,
        "ONWARD_DATA_DIR": str(data),
        "DATABASE_URL": "",
        "ONWARD_MAX_REQUEST_MB": "1",
    }
    onward = [sys.executable, "-m", "onward"]
    # Brought up to date here (the static files collected), so that serve starts at once: the
    # port, picked just before, has little time to be taken by another process of a busy
    # machine.
    subprocess.run([*onward, "init"], env=env, check=True, capture_output=True)
    port = free_port()
    process = subprocess.Popen(
        [*onward, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    page = fetch(f"http://127.0.0.1:{port}/login/", process)
    assert page is not None, "the server did not start"
    # Ours (a new data folder has no account yet), not another program on a reused port.
    assert page[1].endswith("/setup/")
    yield port
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def connect(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=PATIENCE)
    return sock


def status_of(sock: socket.socket) -> int:
    head = b""
    while b"\r\n" not in head:
        chunk = sock.recv(1024)
        if not chunk:
            break
        head += chunk
    return int(head.split(b" ", 2)[1])


def slow_post(port: int, sent: bytes = b"username=a") -> socket.socket:
    """A POST whose body promises 1,000 bytes and never finishes sending them."""
    sock = connect(port)
    sock.sendall(
        b"POST /login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n" + sent
    )
    return sock


def test_a_hundred_slow_clients_do_not_stall_an_ordinary_request(server):
    slow = [slow_post(server) for _ in range(100)]
    try:
        sock = connect(server)
        sock.sendall(b"GET /login/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        # With a thread per connection (the old gunicorn setup: 2 workers x 4 threads), this
        # waited for the slow clients forever.
        assert status_of(sock) in (200, 302)
        sock.close()
    finally:
        for sock in slow:
            sock.close()


def test_a_body_declared_too_large_is_refused_before_it_is_sent(server):
    sock = connect(server)
    sock.sendall(
        b"POST /contacts/import/linkedin/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: text/csv\r\nContent-Length: 2000000\r\n\r\n"
    )
    assert status_of(sock) == 413
    sock.close()


def test_a_chunked_body_is_refused_once_it_passes_the_limit(server):
    sock = connect(server)
    sock.sendall(
        b"POST /api/applications HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    chunk = b"x" * 65536
    try:
        for _ in range(40):  # 2.5 MB offered against a 1 MB limit
            sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server stopped reading: what a limit looks like from here
    assert status_of(sock) == 413
    sock.close()
