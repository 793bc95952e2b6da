"""A site built once per session, served over http://127.0.0.1 and opened from file://."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tools.bench import CHROMIUM_ARGS, run_build, served

ROOT = Path(__file__).resolve().parents[2]
# Debian's Chromium by default; CI elsewhere (GitHub's runners ship Google Chrome) can point here.
CHROMIUM = os.environ.get("CLIPPINGS_CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "tests/site/node_modules/axe-core/axe.min.js"


def build_site(project: Path, out: Path, search: str = "offline") -> Path:
    """`mkdocs build --strict` of `project` into `out` with that search mode; raises with
    MkDocs' output."""
    run_build(project / "mkdocs.yml", out, strict=True, search=search)
    return out


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    return build_site(ROOT, tmp_path_factory.mktemp("site") / "site")


def serve(folder: Path) -> Iterator[str]:
    """`folder` over http://127.0.0.1 on a free port, in a thread, until the generator closes."""
    with served(folder) as url:
        yield url


def serious_axe_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now, one line each."""
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {v['nodes'][0]['target']})"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


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
