"""The hosted search mode in Debian's Chromium: the seeds built with CLIPPINGS_SEARCH=pagefind,
served over http://127.0.0.1, searched and filtered from the header's search dialog."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from clippings.site.pagefind_search import SearchFields, annotate, index_site
from clippings.site.records import read_records
from tests.site.conftest import ROOT, build_site, serious_axe_violations, serve

pytestmark = pytest.mark.browser
RECORDS = read_records(ROOT / "docs/articles")
OPEN_KG = "Tokaev: Kazakhstan Will Become a Reliable Partner of the USA"
# A page whose metadata is markup: the dialog must show it as text.
HOSTILE = '<img src=x onerror="window.__pwned=1">Quarterly "Review" & Co'
HOSTILE_PAGE = """<html lang="en"><head><title>x</title></head><body>
<article class="md-content__inner md-typeset"><p>Zanzibarqux appears on this page only.</p>
</article></body></html>"""


@pytest.fixture(scope="session")
def pagefind_site(tmp_path_factory) -> Path:
    site = build_site(ROOT, tmp_path_factory.mktemp("pagefind") / "site", search="pagefind")
    fields = SearchFields(HOSTILE, {"author": [HOSTILE]}, {"title": HOSTILE, "author": HOSTILE})
    (site / "hostile.html").write_text(annotate(HOSTILE_PAGE, fields, True), encoding="utf-8")
    index_site(site)  # again, now with the hostile page
    return site


@pytest.fixture(scope="session")
def pagefind_server(pagefind_site: Path) -> Iterator[str]:
    yield from serve(pagefind_site)


@pytest.fixture
def requests(page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def open_search(page, query: str):
    page.locator("pagefind-modal-trigger button").click()
    field = page.locator("pagefind-modal input")
    field.fill(query)
    return page.locator(".pf-result-link")


def test_the_build_indexes_articles_and_hand_written_pages_only(pagefind_site: Path) -> None:
    entry = json.loads((pagefind_site / "pagefind/pagefind-entry.json").read_text())
    # 5 articles, about, contribute, reference, performance, cleaning accuracy, beyond
    # MkDocs, and the test's hostile page.
    assert sum(language["page_count"] for language in entry["languages"].values()) == 12
    assert not (pagefind_site / "search/search_index.json").exists()
    home = (pagefind_site / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in home and 'class="md-search"' not in home
    assert "<pagefind-modal-trigger" in home


def test_search_finds_the_abraham_accords_article(page, pagefind_server: str, requests) -> None:
    page.goto(pagefind_server + "articles/international-importance-of-kazakhstan.html")
    results = open_search(page, "Abraham Accords")
    article = results.filter(has_text=OPEN_KG)
    expect(article).to_have_count(1)
    # The only article; docs/performance.md, a hand-written page, names the query too.
    titles = {r.title for r in RECORDS}
    assert [t for t in results.all_inner_texts() if t in titles] == [OPEN_KG]
    expect(page.locator(".clip-pagefind__byline").first).to_have_text(
        "Владислав Вислоцкий · Open.kg"
    )
    article.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == (
        "/articles/tokaev-kazakhstan-will-become-a-reliable-partner-of-the-usa.html"
    )
    assert all(urlsplit(url).hostname == "127.0.0.1" for url in requests), requests


def test_a_theme_filter_narrows_the_results(page, pagefind_server: str, requests) -> None:
    page.goto(pagefind_server + "index.html")
    results = open_search(page, "Kazakhstan")
    everything = {r.title for r in RECORDS}
    expect(results).not_to_have_count(0)
    assert everything <= set(results.all_inner_texts())
    page.locator("pagefind-filter-dropdown[filter=theme] .pf-dropdown-trigger").click()
    page.locator(".pf-dropdown-option", has_text="Middle East, Israel and Palestine").click()
    expected = {r.title for r in RECORDS if "middle-east" in r.themes}
    assert 0 < len(expected) < len(everything)
    expect(results).to_have_count(len(expected))
    assert set(results.all_inner_texts()) == expected
    assert all(urlsplit(url).hostname == "127.0.0.1" for url in requests), requests


@pytest.mark.parametrize(
    "query",
    [
        "BibTeX",  # only in the articles' footers (the Cite box)
        "Often together with",  # only on theme pages, which are not indexed
    ],
)
def test_footers_and_listing_pages_are_not_searched(page, pagefind_server: str, query) -> None:
    page.goto(pagefind_server + "index.html")
    open_search(page, query)
    expect(page.locator("pagefind-summary")).to_contain_text("No results")


def test_metadata_is_shown_as_text(page, pagefind_server: str) -> None:
    page.goto(pagefind_server + "index.html")
    results = open_search(page, "Zanzibarqux")
    expect(results).to_have_count(1)
    expect(results.first).to_have_text(HOSTILE)
    assert page.locator("pagefind-results img").count() == 0
    assert page.evaluate("() => window.__pwned") is None


def test_the_slash_key_opens_the_dialog_and_escape_closes_it(page, pagefind_server: str) -> None:
    page.goto(pagefind_server + "themes/china.html")
    page.keyboard.press("/")
    expect(page.locator("pagefind-modal input")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("dialog[open]")).to_have_count(0)


def test_axe_reports_no_serious_violations_with_the_dialog_open(page, pagefind_server) -> None:
    page.goto(pagefind_server + "articles/international-importance-of-kazakhstan.html")
    open_search(page, "Kazakhstan")
    expect(page.locator(".pf-result-link").first).to_be_visible()
    serious = serious_axe_violations(page)
    assert serious == [], json.dumps(serious, indent=1)
