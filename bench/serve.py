"""`onward serve` under slow clients: how long an ordinary request takes with and without 100
connections that send their bodies a byte at a time, and the server's memory.

    .venv/bin/python bench/serve.py [--slow 100] [--requests 30]

Starts `onward serve --workers 1` on SQLite in a scratch data folder, times GET /login/ over
one connection each (p50/p95), opens the slow connections (a POST /login/ promising 1,000
bytes, sent one byte a second), times again, and prints the difference. Memory is the
resident size of the server's processes after the requests (VmRSS, Linux).
"""

import argparse
import math
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int) -> float:
    """One GET /login/ on a new connection; milliseconds until the whole answer is in."""
    started = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        sock.sendall(b"GET /login/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        while sock.recv(65536):
            pass
    return (time.perf_counter() - started) * 1000


def wait_until_up(port: int, process: subprocess.Popen) -> None:
    for _ in range(600):
        if process.poll() is not None:
            sys.exit("The server stopped before answering.")
        try:
            get(port)
            return
        except OSError:
            time.sleep(0.1)
    sys.exit("The server did not answer.")


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def timings(port: int, n: int) -> tuple[float, float]:
    samples = [get(port) for _ in range(n)]
    return statistics.median(samples), percentile(samples, 0.95)


def trickle(port: int, stop: threading.Event, sockets: list) -> None:
    """A POST whose body arrives one byte a second, until told to stop."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=60)
    sockets.append(sock)
    sock.sendall(
        b"POST /login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n"
    )
    while not stop.wait(1):
        try:
            sock.sendall(b"a")
        except OSError:
            return


def resident_mb(pid: int) -> float:
    """VmRSS of the process and its children, in MB."""
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    total = 0
    for p in pids:
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by the process and its children, in seconds."""
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for p in pids:
        fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--slow", type=int, default=100, help="Slow connections to open.")
    parser.add_argument("--requests", type=int, default=30, help="Timed requests per round.")
    parser.add_argument(
        "--port", type=int, default=0, help="Port to serve on (default: a free one)."
    )
    parser.add_argument(
        "--data-folder",
        type=Path,
        help="An initialised data folder to serve (it gains a user; `onward init` brings it up "
        "to date). Default: a new scratch folder, removed afterwards.",
    )
    args = parser.parse_args(argv)
    scratch = args.data_folder or Path(tempfile.mkdtemp(prefix="onward-bench-serve-"))
    env = {**os.environ, "ONWARD_DATA_DIR": str(scratch), "DATABASE_URL": ""}
    onward = [sys.executable, "-m", "onward"]
    subprocess.run([*onward, "init"], env=env, check=True, capture_output=True, cwd=ROOT)
    port = args.port or free_port()
    server = subprocess.Popen(
        [*onward, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    stop = threading.Event()
    sockets: list[socket.socket] = []
    try:
        wait_until_up(port, server)
        for _ in range(5):
            get(port)  # warm up
        quiet = timings(port, args.requests)
        threads = [
            threading.Thread(target=trickle, args=(port, stop, sockets), daemon=True)
            for _ in range(args.slow)
        ]
        for thread in threads:
            thread.start()
        time.sleep(2)  # every slow connection has started its body
        busy = timings(port, args.requests)
        memory = resident_mb(server.pid)
    finally:
        stop.set()
        for sock in sockets:
            sock.close()
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        if not args.data_folder:
            shutil.rmtree(scratch, ignore_errors=True)
    print(f"onward serve --workers 1 (uvicorn), GET /login/, {args.requests} requests a round:")
    print(f"  alone:                       p50 {quiet[0]:6.1f} ms   p95 {quiet[1]:6.1f} ms")
    print(
        f"  beside {args.slow:3d} slow clients:     p50 {busy[0]:6.1f} ms   p95 {busy[1]:6.1f} ms"
    )
    print(f"  delay added (p50):           {busy[0] - quiet[0]:+6.1f} ms   (target: < 200 ms)")
    print(f"  server memory after the requests: {memory:.0f} MB resident")
    return 0


if __name__ == "__main__":
    sys.exit(main())
