"""The reader features in Debian's Chromium: dates in the library, the archive, feeds,
print, and axe on every page type in light and dark."""

from __future__ import annotations

import json

import feedparser
import pytest

from tests.site.conftest import serious_axe_violations

pytestmark = pytest.mark.browser
ARTICLE = "articles/international-importance-of-kazakhstan.html"
# One page of every type the site has.
PAGE_TYPES = [
    "index.html",
    ARTICLE,
    "library.html",
    "archive/index.html",
    "archive/2020.html",
    "feeds.html",
    "themes/index.html",
    "themes/china.html",
    "authors/index.html",
    "authors/ernest-gallo.html",
    "outlets/index.html",
    "outlets/eurasia-review.html",
    "entities/index.html",
    "entities/kassym-jomart-tokayev.html",
    "statements.html",
    "timeline.html",
    "about.html",
    "reference.html",
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGE_TYPES)
def test_axe_finds_nothing_serious_on_any_page_type(browser, server, path, scheme) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(server + path)
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    serious = serious_axe_violations(page)
    context.close()
    assert serious == [], json.dumps(serious, indent=1)


def dates_column(page) -> list[str]:
    return page.locator("article table tbody tr td:nth-child(4)").all_inner_texts()


def test_library_sorts_by_date_with_unknown_dates_last(page, base_url: str) -> None:
    page.goto(base_url + "library.html")
    sort = page.locator("button.clip-sort", has_text="Date")
    sort.click()
    assert dates_column(page) == ["1 March 2018", "May 2020", "unknown", "unknown", "unknown"]
    sort.click()
    assert dates_column(page) == ["May 2020", "1 March 2018", "unknown", "unknown", "unknown"]
    header = page.locator("article table thead th", has=sort)
    assert header.get_attribute("aria-sort") == "descending"


def test_archive_leads_from_the_nav_to_a_month_and_its_article(page, base_url: str) -> None:
    page.goto(base_url + "index.html")
    page.locator(".md-nav__link", has_text="Archive").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text().startswith("Archive")
    assert "2020 (1 article)" in page.locator(".clip-archive").inner_text()
    page.locator(".clip-archive a", has_text="March").click()
    page.wait_for_load_state()
    assert page.url.endswith("archive/2018.html#2018-03")
    section = page.locator('h2[id="2018-03"]')
    assert section.inner_text().startswith("March 2018 (1)")
    page.locator("a", has_text="International Importance Of Kazakhstan").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(ARTICLE)


def test_feed_links_lead_to_valid_feeds_of_that_page(page, server: str) -> None:
    page.goto(server + "themes/china.html")
    announced = page.locator('link[rel="alternate"][type="application/atom+xml"]')
    hrefs = [announced.nth(i).get_attribute("href") for i in range(announced.count())]
    assert hrefs == ["../feed.xml", "china.xml"]
    link = page.locator("a.clip-feed")
    assert link.is_visible() and "Subscribe" in link.inner_text()
    response = page.request.get(server + "themes/" + link.get_attribute("href"))
    assert response.ok
    feed = feedparser.parse(response.body())
    assert not feed.bozo and feed.feed.title == "Clippings: China"
    assert all("china" in {t.term for t in e.tags} for e in feed.entries)
    page.goto(server + "feeds.html")
    assert page.locator("a.clip-feed").count() == page.locator("a.clip-feed[href$='.xml']").count()


def test_an_article_prints_as_the_article_and_its_citation(page, base_url: str) -> None:
    page.goto(base_url + ARTICLE)
    assert not page.locator(".clip-print-source").is_visible()
    page.emulate_media(media="print")
    for hidden in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-footer",
        ".clip-after",
        ".clip-chips",
    ):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator("h1").first.is_visible()
    assert page.locator(".clip-byline").is_visible()
    printed = page.locator(".clip-print-source").inner_text()
    assert "Source: https://www.eurasiareview.com/01032018-" in printed
    assert printed.count("Cite as:") == 1 and "Accessed November 23, 2026." in printed
    assert page.locator("h2:visible").count() == 0
