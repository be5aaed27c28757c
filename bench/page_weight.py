"""Benchmark: what each main page makes a phone download, and (optionally) Lighthouse's scores.

Serves the demo account with `onward serve` (gunicorn, collected and pre-compressed static
files, as in production) from a scratch data folder, opens each page in Debian's chromium at
390x844, brings every chart into view, and prints per page: the JavaScript run (uncompressed,
htmx apart, which every page shares), and the bytes transferred (compressed, all resources).

    .venv/bin/python bench/page_weight.py
    .venv/bin/python bench/page_weight.py --lighthouse path/to/node_modules/.bin/lighthouse
    .venv/bin/python bench/page_weight.py --port 8105   # on a port of your choice

With --lighthouse, it also runs Lighthouse (mobile profile, its default) on each page as the
demo user and prints its performance, accessibility, best-practices and SEO scores.
"""

import argparse
import json
import os
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
ONWARD = str(ROOT / ".venv" / "bin" / "onward")
CHROMIUM = "/usr/bin/chromium"
PASSWORD = "bench password, not secret"
PAGES = [
    ("Login", "/login/"),
    ("Today", "/today/"),
    ("Board", "/board/"),
    ("A debrief", None),
    ("Contacts", "/contacts/"),
    ("Insights", "/insights/"),
    ("Wellbeing", "/wellbeing/"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(data_dir: str, port: int) -> subprocess.Popen:
    env = {**os.environ, "ONWARD_DATA_DIR": data_dir}
    env.pop("ONWARD_SITE_URL", None)
    subprocess.run([ONWARD, "init"], env=env, check=True, capture_output=True)
    subprocess.run(
        [ONWARD, "demo", "--password", PASSWORD], env=env, check=True, capture_output=True
    )
    server = subprocess.Popen(
        [ONWARD, "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(600):  # up to two minutes: a loaded machine starts it slowly
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("onward serve did not start")


def measure(base: str) -> tuple[list[tuple[str, str, int, int]], str]:
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(base_url=base, viewport={"width": 390, "height": 844})
        page = context.new_page()
        page.goto("/login/")
        page.fill("input[name=username]", "demo")
        page.fill("input[name=password]", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url("**/today/")
        page.goto("/debriefs/")
        debrief = page.locator("main a[href^='/debriefs/']").first.get_attribute("href")
        session = next(c["value"] for c in context.cookies() if c["name"] == "sessionid")
        for name, path in PAGES:
            path = path or debrief
            # A fresh browser context per page: a cold cache, as on a first visit.
            fresh = browser.new_context(base_url=base, viewport={"width": 390, "height": 844})
            if name != "Login":
                fresh.add_cookies([{"name": "sessionid", "value": session, "url": base}])
            tab = fresh.new_page()
            scripts: list = []
            tab.on(
                "response",
                lambda r, s=scripts: s.append(r) if r.request.resource_type == "script" else None,
            )
            tab.goto(path)
            for chart in tab.locator(".chart-plot").all():
                chart.scroll_into_view_if_needed()
                tab.locator(f"#{chart.get_attribute('id')}[data-drawn]").wait_for()
            tab.wait_for_load_state("networkidle")
            js = sum(len(r.body()) for r in scripts if "htmx" not in r.url)
            sent = tab.evaluate(
                "performance.getEntriesByType('navigation').concat("
                "performance.getEntriesByType('resource')).reduce((n, e) => n + e.transferSize, 0)"
            )
            rows.append((name, path, js, sent))
            fresh.close()
        browser.close()
    return rows, session


def lighthouse(binary: str, base: str, path: str, session: str | None) -> dict:
    command = [
        binary, base + path, "--quiet", "--output=json", "--output-path=stdout",
        "--only-categories=performance,accessibility,best-practices,seo",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]  # fmt: skip
    if session:
        command.append("--extra-headers=" + json.dumps({"Cookie": f"sessionid={session}"}))
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    # On a loaded machine chromium sometimes fails to start in Lighthouse's time: try again.
    for _ in range(3):
        run = subprocess.run(command, env=env, capture_output=True)
        if run.returncode == 0:
            report = json.loads(run.stdout)
            return {key: round(c["score"] * 100) for key, c in report["categories"].items()}
    raise SystemExit(f"lighthouse failed on {path}: {run.stderr.decode()[-500:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lighthouse", help="path of the lighthouse command (12.2.3)")
    parser.add_argument("--port", type=int, help="where to serve (default: any free port)")
    args = parser.parse_args()
    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="onward-bench-") as data_dir:
        server = serve(data_dir, port)
        try:
            rows, session = measure(base)
            print(f"{'Page':<12} {'JS run (KB, no htmx)':>21} {'transferred (KB)':>17}", end="")
            print("   perf  a11y  best   seo" if args.lighthouse else "")
            for name, path, js, sent in rows:
                print(f"{name:<12} {js / 1024:>21.0f} {sent / 1024:>17.0f}", end="")
                if args.lighthouse:
                    who = None if name == "Login" else session
                    scores = lighthouse(args.lighthouse, base, path, who)
                    print(
                        "".join(
                            f"{scores[k]:>6}"
                            for k in ("performance", "accessibility", "best-practices", "seo")
                        )
                    )
                else:
                    print()
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
