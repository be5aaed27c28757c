"""Draw the app icons (PNG, for the web app manifest) from onward/static/onward/icons/icon.svg
with Debian's chromium: `.venv/bin/python tools/make_icons.py`. The PNGs are committed."""

from pathlib import Path

from playwright.sync_api import sync_playwright

ICONS = Path(__file__).resolve().parent.parent / "onward" / "static" / "onward" / "icons"


def main() -> None:
    svg = (ICONS / "icon.svg").read_text()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        for size, name, page_svg in [
            (192, "icon-192.png", svg),
            (512, "icon-512.png", svg),
            # Maskable: the launcher cuts its own shape, so the background fills the square.
            (512, "icon-maskable-512.png", svg.replace('rx="96"', 'rx="0"')),
        ]:
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(
                f"<style>body{{margin:0}}svg{{width:{size}px;height:{size}px;display:block}}</style>"
                + page_svg
            )
            page.screenshot(path=ICONS / name, omit_background=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
