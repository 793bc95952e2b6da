"""Screenshots of the built site (desktop and mobile, light and dark) for people to look at.

Run: make screenshots (or .venv/bin/python -m tests.site.screenshots [build/site] [build/screenshots])
A site built in the hosted search mode (CLIPPINGS_SEARCH=pagefind) also gets the search
dialog, served over http://127.0.0.1: search-*.png with results, filter-*.png with the
theme filter open.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.site.conftest import CHROMIUM, CHROMIUM_ARGS, serve

PAGES = {
    "home": "index.html",
    "article": "articles/tokaev-kazakhstan-will-become-a-reliable-partner-of-the-usa.html",
    "theme": "themes/middle-east.html",
    "library": "library.html",
    "author": "authors/ernest-gallo.html",
    "archive": "archive/index.html",
    "archive-year": "archive/2018.html",
    "feeds": "feeds.html",
    "timeline": "timeline.html",
}
SIZES = {"desktop": (1440, 1000), "mobile": (390, 844)}


def main(site: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for scheme in ("light", "dark"):
            for size_name, (width, height) in SIZES.items():
                context = browser.new_context(
                    viewport={"width": width, "height": height}, color_scheme=scheme
                )
                page = context.new_page()
                for name, path in PAGES.items():
                    page.goto((site / path).resolve().as_uri())
                    page.screenshot(
                        path=str(out / f"{name}-{size_name}-{scheme}.png"), full_page=False
                    )
                context.close()
        print_view(browser, site, out)
        if (site / "pagefind").is_dir():
            search_dialog(browser, site, out)
        browser.close()


def print_view(browser, site: Path, out: Path) -> None:
    """The article as it prints (print media emulated), the whole page."""
    context = browser.new_context(viewport={"width": 794, "height": 1123})
    page = context.new_page()
    page.goto((site / PAGES["article"]).resolve().as_uri())
    page.emulate_media(media="print")
    page.screenshot(path=str(out / "article-print.png"), full_page=True)
    context.close()


def search_dialog(browser, site: Path, out: Path) -> None:
    server = serve(site)
    base = next(server)
    for scheme in ("light", "dark"):
        for size_name, (width, height) in SIZES.items():
            context = browser.new_context(
                viewport={"width": width, "height": height}, color_scheme=scheme
            )
            page = context.new_page()
            page.goto(base + PAGES["article"])
            page.locator("pagefind-modal-trigger button").click()
            page.locator("pagefind-modal input").fill("Abraham Accords")
            page.locator(".pf-result-link").first.wait_for()
            page.screenshot(path=str(out / f"search-{size_name}-{scheme}.png"))
            page.locator("pagefind-filter-dropdown[filter=theme] .pf-dropdown-trigger").click()
            page.locator(".pf-dropdown-option").first.wait_for()
            page.screenshot(path=str(out / f"filter-{size_name}-{scheme}.png"))
            context.close()
    server.close()


if __name__ == "__main__":
    arguments = sys.argv[1:]
    main(
        Path(arguments[0] if arguments else "build/site"),
        Path(arguments[1] if len(arguments) > 1 else "build/screenshots"),
    )
