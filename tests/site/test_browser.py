"""The built site as a reader uses it, in Debian's Chromium, hosted and from disk."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from clippings.site.records import read_records
from tests.site.conftest import serious_axe_violations

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
OPEN_KG = "Tokaev: Kazakhstan Will Become a Reliable Partner of the USA"


def search(page, query: str, expect: str | None = None, timeout: float = 20.0):
    """Type `query` into the search box until results come (the index loads after the page)."""
    import time

    page.locator("label.md-search__icon, .md-search__input").first.click()
    items = (
        page.locator(".md-search-result__item", has_text=expect)
        if expect
        else page.locator(".md-search-result__item")
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page.fill("input.md-search__input", "")
        page.locator("input.md-search__input").press_sequentially(query)
        try:
            items.first.wait_for(timeout=1_000)
            return items
        except Exception:
            continue
    raise AssertionError(f"no search result for {query!r} within {timeout} s")


def heading(page) -> str:
    """The page's h1 without its permalink anchor."""
    return page.locator("h1").first.evaluate("h => h.firstChild.textContent").strip()


def test_search_finds_the_abraham_accords_article(page, base_url: str) -> None:
    page.goto(base_url + "index.html")
    search(page, "Abraham Accords", OPEN_KG).first.locator("a").first.click()
    page.wait_for_load_state()
    assert heading(page) == OPEN_KG


def test_a_theme_chip_leads_to_a_theme_page_that_lists_the_article(page, base_url: str) -> None:
    page.goto(
        base_url + "articles/tokaev-kazakhstan-will-become-a-reliable-partner-of-the-usa.html"
    )
    page.locator("a.clip-chip", has_text="Middle East, Israel and Palestine").click()
    page.wait_for_load_state()
    assert heading(page) == "Middle East, Israel and Palestine"
    assert page.locator("article a", has_text=OPEN_KG).count() == 1


@pytest.mark.parametrize("record", read_records(ROOT / "docs/articles"), ids=lambda r: r.slug[:40])
def test_each_seed_article_shows_a_related_article(page, base_url: str, record) -> None:
    page.goto(base_url + f"articles/{record.slug}.html")
    related = page.locator("h2#related-articles + ul a")
    assert related.count() >= 1
    assert all(record.title != related.nth(i).inner_text() for i in range(related.count()))


def test_an_author_link_opens_the_author_page_with_the_bio(page, base_url: str) -> None:
    page.goto(
        base_url
        + "articles/kazakhstans-global-stance-bridging-east-and-west-in-international-affairs.html"
    )
    page.locator(".clip-byline a", has_text="Ernest Gallo").click()
    page.wait_for_load_state()
    assert heading(page) == "Ernest Gallo"
    assert "visiting professor on international studies" in page.locator(".clip-bio").inner_text()


def test_library_filters_and_sorts(page, base_url: str) -> None:
    page.goto(base_url + "library.html")
    page.wait_for_selector(".clip-library-filters:not([hidden])")
    rows = page.locator("article table tbody tr")
    assert rows.count() == 5
    page.fill(".clip-filter", "eurasia review")
    assert rows.count() == 1
    page.fill(".clip-filter", "")
    page.locator("button.clip-sort", has_text="Words").click()
    words = [int(rows.nth(i).locator("td").last.inner_text()) for i in range(5)]
    assert words == sorted(words, reverse=True)  # most words first


def test_theme_switch_works(page, base_url: str) -> None:
    page.goto(base_url + "index.html")
    before = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert page.locator("body").get_attribute("data-md-color-scheme") != before


def test_no_request_leaves_file_url(browser, site: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for path in (
        "index.html",
        "articles/international-importance-of-kazakhstan.html",
        "themes/china.html",
        "library.html",
    ):
        page.goto((site / path).as_uri())
        page.wait_for_load_state("networkidle")
    search(page, "Nazarbayev")
    context.close()
    outside = [
        url for url in requests if urlsplit(url).scheme not in ("file", "data", "blob", "about")
    ]
    assert outside == []


@pytest.mark.parametrize(
    "path",
    [
        "index.html",
        "articles/international-importance-of-kazakhstan.html",
        "themes/china.html",
        "authors/ernest-gallo.html",
        "library.html",
    ],
)
def test_axe_reports_no_serious_or_critical_violations(page, server: str, path: str) -> None:
    page.goto(server + path)
    serious = serious_axe_violations(page)
    assert serious == [], json.dumps(serious, indent=1)


def test_entity_first_mention_links_and_acronyms_have_tooltips(page, base_url: str) -> None:
    page.goto(base_url + "articles/president-tokayev-and-kazakhstan-s-path-to-the-future.html")
    # Links in the body: the paragraphs before the first section heading of the footer.
    targets = page.evaluate(
        """() => {
          const links = [];
          for (const el of document.querySelector("article").children) {
            if (el.tagName === "H2") break;
            if (el.tagName === "P" && !el.className) el.querySelectorAll("a[href*='entities/']").forEach(a => links.push(a.getAttribute("href")));
          }
          return links;
        }"""
    )
    assert any(re.search(r"entities/csto\.html$", t) for t in targets)
    assert len(targets) == len(set(targets))
    assert (
        page.locator("abbr", has_text="CSTO").first.get_attribute("title")
        == "Collective Security Treaty Organization"
    )


def test_a_statement_leads_to_its_exact_paragraph(page, base_url: str) -> None:
    page.goto(base_url + "statements.html")
    page.locator("article a", has_text="Kassym-Jomart Tokayev").first.click()
    page.wait_for_load_state()
    statement = page.locator(
        "ul.clip-statements a", has_text="Challenges that have not been finding"
    ).first
    quoted = statement.inner_text().strip("“”")[:40]
    statement.click()
    page.wait_for_load_state()
    anchor = urlsplit(page.url).fragment
    assert re.fullmatch(r"p-[0-9a-f]{8}", anchor)
    paragraph = page.locator(f"p#{anchor}")
    assert quoted in paragraph.inner_text()
    assert paragraph.evaluate(
        "p => { const r = p.getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight; }"
    )


def test_timeline_filters_by_theme(page, base_url: str) -> None:
    page.goto(base_url + "timeline.html")
    items = page.locator("ul.clip-timeline > li")
    total = items.count()
    assert total > 5
    page.select_option(".clip-theme-filter", "afghanistan")
    visible = [items.nth(i).is_visible() for i in range(total)]
    assert 0 < visible.count(True) < total
    assert page.locator("ul.clip-timeline > li:visible", has_text="In September 2017").count() == 1


def test_cite_box_has_three_formats_with_copy_buttons(page, base_url: str) -> None:
    page.goto(
        base_url
        + "articles/kazakhstans-global-stance-bridging-east-and-west-in-international-affairs.html"
    )
    blocks = page.locator("pre.clip-cite code")
    assert blocks.count() == 3
    assert blocks.nth(0).inner_text().startswith("Gallo, E. Kazakhstan’s Global Stance")
    assert "@article{gallo" in blocks.nth(2).inner_text()
    assert page.locator("pre.clip-cite button[data-md-type=copy]").count() == 3
