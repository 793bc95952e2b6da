"""A site built once per session, served over http://127.0.0.1 and opened from file://."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from clippings.bench import run_build

ROOT = Path(__file__).resolve().parents[2]
# Debian's Chromium by default; CI elsewhere (GitHub's runners ship Google Chrome) can point here.
CHROMIUM = os.environ.get("CLIPPINGS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def build_site(project: Path, out: Path, search: str = "material") -> Path:
    """`mkdocs build --strict` of `project` into `out` with that search mode; raises with
    MkDocs' output."""
    run_build(project / "mkdocs.yml", out, strict=True, search=search)
    return out


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    return build_site(ROOT, tmp_path_factory.mktemp("site") / "site")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(folder: Path) -> Iterator[str]:
    """`folder` over http://127.0.0.1 on a free port, in a thread, until the generator closes."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    yield from serve(site)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert shutil.which(CHROMIUM) or Path(CHROMIUM).exists(), (
        "install Debian's chromium: apt-get install -y chromium"
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=["http", "file"])
def base_url(request, site: Path, server: str) -> str:
    return server if request.param == "http" else site.as_uri() + "/"


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
