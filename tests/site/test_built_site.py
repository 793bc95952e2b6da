"""The built HTML itself: every internal link resolves, nothing is fetched from the network,
and no markup from a source reaches the page."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import pytest

from clippings.config import ProjectConfig
from clippings.convert import convert
from tests.hostile import CASES
from tests.site.conftest import ROOT, build_site

ASSET_ATTRIBUTES = {
    ("script", "src"),
    ("link", "href"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("audio", "src"),
}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.assets: list[str] = []
        self.ids: set[str] = set()
        self.scripts: list[dict] = []
        self.handlers: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        # A canonical address or a feed is named for readers and crawlers, never fetched.
        names_only = tag == "link" and values.get("rel") in ("canonical", "alternate")
        for name, value in attrs:
            if (tag, name) in ASSET_ATTRIBUTES and value and not names_only:
                self.assets.append(value)
            if name.startswith("on"):
                self.handlers.append((tag, name))
        if tag == "script":
            self.scripts.append(values)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    parsed = {path: parse(path) for path in html_pages(site)}
    broken = []
    for path, page in parsed.items():
        if path.name == "404.html":
            continue  # served by the host at any depth, so its links are root-absolute on purpose
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not target.exists():
                broken.append(f"{path.relative_to(site)} -> {href}")
            elif (
                parts.fragment
                and target.suffix == ".html"
                and parts.fragment not in parsed[target].ids
            ):
                broken.append(f"{path.relative_to(site)} -> {href} (no such anchor)")
    assert broken == []


def test_no_asset_is_loaded_from_the_network(site: Path) -> None:
    remote = [
        f"{path.relative_to(site)}: {asset}"
        for path in html_pages(site)
        for asset in parse(path).assets
        if urlsplit(asset).scheme in ("http", "https") or asset.startswith("//")
    ]
    assert remote == []


def test_offline_search_index_and_vendored_scripts_are_present(site: Path) -> None:
    manifest = (site / "search/manifest.js").read_text(encoding="utf-8")
    assert manifest.startswith('__clippingsSearch.add("manifest",0,{')
    assert not (site / "search/search_index.json").exists()  # Material's search is off
    assert "unpkg.com" not in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "assets/vendor/snowball/snowball.js").is_file()
    assert (site / "assets/vendor/iframe-worker/shim.js").is_file()


def test_article_page_weight_is_small(site: Path) -> None:
    sizes = [p.stat().st_size for p in (site / "articles").glob("*.html")]
    assert max(sizes) < 60_000


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("hostile-site")
    for name in ("vocabularies", "docs", "scripts"):
        if name == "docs":
            shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("articles"))
        elif name == "scripts":
            shutil.copytree(
                ROOT / "scripts/clippings/site/theme", project / "scripts/clippings/site/theme"
            )
        else:
            shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copy(ROOT / "CONTRIBUTING.md", project / "CONTRIBUTING.md")
    (project / "sources").mkdir()
    for name, (raw, _) in CASES.items():
        (project / "sources" / name).write_bytes(raw)
    convert(ProjectConfig(project))
    return build_site(project, project / "build/site")


def test_no_executable_markup_from_sources_reaches_the_built_site(hostile_site: Path) -> None:
    for path in html_pages(hostile_site / "articles"):
        page = parse(path)
        assert page.handlers == [], path.name
        assert all(
            s.get("src", "").startswith(("../assets/", "../search/")) or not s.get("src")
            for s in page.scripts
        ), path.name
        assert not any(href.lower().startswith("javascript:") for href in page.links), path.name
        text = path.read_text(encoding="utf-8")
        assert "<iframe" not in text and "<img src=x" not in text


def test_hostile_titles_are_escaped_everywhere(hostile_site: Path) -> None:
    pages = html_pages(hostile_site)
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert '<script>alert("x")</script>' not in text, path
        assert "\u202e" not in text, path


def test_hostile_text_stays_data_in_sharing_tags_and_feeds(hostile_site: Path) -> None:
    for path in html_pages(hostile_site / "articles"):
        text = path.read_text(encoding="utf-8")
        scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
        assert len(scripts) == 1, path.name
        assert json.loads(scripts[0])["headline"], path.name
    for path in hostile_site.rglob("*.xml"):
        if path.name != "sitemap.xml":
            parsed = feedparser.parse(path.read_bytes())
            assert not parsed.bozo, (path, parsed.bozo_exception)


def test_our_stylesheet_has_every_block_closed() -> None:
    """A lost brace silently drops every rule after it (a merge once lost the search's
    contrast fixes that way)."""
    css = (ROOT / "docs/assets/stylesheets/clippings.css").read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    depth = 0
    for char in css:
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0
    # No rule block opens inside another, except in @media and @supports.
    assert not re.search(
        r"\{[^{}]*\n\s*[.#\w][^{};]*\{", re.sub(r"@(media|supports)[^{]*\{", "", css)
    )
