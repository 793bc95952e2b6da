"""The Library at any size (issue 16): a generated collection of 260 articles, built once.

The page holds the newest 100 rows as HTML; every row arrives in one classic script;
filters, sort and paging work from disk and over http, and a filtered view is a link.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from clippings.convert import convert
from clippings.site.library import FIRST_ROWS
from tests.site.conftest import build_site, serious_axe_violations, serve
from tools.bench import make_project

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = 260
# No page but search data may grow past this at 10,000 articles (issue 16); at 260 the
# Library already holds as many rows as it ever will.
MAX_PAGE_BYTES = 200 * 1024


@pytest.fixture(scope="module")
def big_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("library-project")
    config = make_project(folder, ARTICLES, ROOT)
    report = convert(config, jobs=2)
    assert len(report.converted) == ARTICLES
    return build_site(folder, folder / "site")


@pytest.fixture(scope="module")
def big_server(big_site: Path) -> Iterator[str]:
    yield from serve(big_site)


@pytest.fixture(params=["http", "file"])
def library_url(request, big_site: Path, big_server: str) -> str:
    base = big_server if request.param == "http" else big_site.as_uri() + "/"
    return base + "library.html"


def test_the_library_page_holds_the_newest_rows_only(big_site: Path) -> None:
    html = (big_site / "library.html").read_text(encoding="utf-8")
    assert html.count("<tr><td>") == FIRST_ROWS
    dates = re.findall(r'<tr><td>.*?<time datetime="([\d-]+)"', html)
    assert dates == sorted(dates, reverse=True)  # newest first
    rows = (big_site / "assets/library/rows.js").read_text(encoding="utf-8")
    assert rows.startswith("clippingsLibrary({") and rows.count('",[') >= ARTICLES


def test_no_html_page_exceeds_the_size_limit(big_site: Path) -> None:
    sizes = {page: page.stat().st_size for page in big_site.rglob("*.html")}
    largest = max(sizes, key=sizes.get)
    assert sizes[largest] < MAX_PAGE_BYTES, largest


def rows(page) -> list[list[str]]:
    return [
        row.locator("td").all_inner_texts()
        for row in page.locator("table[data-clip-library] tbody tr").all()
    ]


def natural(title: str) -> list:
    return [int(p) if p.isdigit() else p.casefold() for p in re.split(r"(\d+)", title)]


def ready(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(".clip-library-filters:not([hidden])")


def test_filters_sort_and_paging_cover_every_article(page, library_url: str) -> None:
    ready(page, library_url)
    status = page.locator(".clip-library-status")
    assert status.inner_text() == f"Showing {FIRST_ROWS} of {ARTICLES} articles."
    page.locator(".clip-library-more button").click()
    assert len(rows(page)) == 2 * FIRST_ROWS
    page.locator(".clip-library-more button").click()
    assert len(rows(page)) == ARTICLES
    assert page.locator(".clip-library-more").is_hidden()

    page.locator("button.clip-sort", has_text="Words").click()
    words = [int(row[5]) for row in rows(page)]
    assert words == sorted(words, reverse=True) and len(words) == FIRST_ROWS
    page.locator("button.clip-sort", has_text="Title").click()
    titles = [row[0] for row in rows(page)]
    assert titles == sorted(titles, key=natural)  # "Article 2" before "Article 10"
    header = page.locator("th", has=page.locator("button.clip-sort", has_text="Title"))
    assert header.get_attribute("aria-sort") == "ascending"

    theme = page.locator('select[data-filter="theme"]')
    label = theme.locator("option").nth(1).inner_text()
    theme.select_option(index=1)
    assert all(label in row[4] for row in rows(page))
    assert "theme=" in page.url and "sort=title-asc" in page.url
    matched = int(re.search(r"of ([\d,]+) articles", status.inner_text()).group(1))
    assert 0 < matched < ARTICLES


def test_a_linked_filter_opens_filtered(page, library_url: str) -> None:
    ready(page, library_url)
    year = page.locator('select[data-filter="year"] option').nth(1).get_attribute("value")
    ready(page, f"{library_url}?year={year}&sort=date-asc")
    assert page.locator('select[data-filter="year"]').input_value() == year
    dates = [row[3] for row in rows(page)]
    assert dates and all(year in date for date in dates)
    header = page.locator("th", has=page.locator("button.clip-sort", has_text="Date"))
    assert header.get_attribute("aria-sort") == "ascending"


def test_text_filter_is_quick_and_text_stays_text(page, library_url: str) -> None:
    ready(page, library_url)
    elapsed = page.evaluate(
        """() => {
            const input = document.querySelector('.clip-filter');
            input.value = 'kazakhstan';
            const started = performance.now();
            input.dispatchEvent(new Event('input', {bubbles: true}));
            return performance.now() - started;
        }"""
    )
    # A loose bound for a busy CI machine; the 10,000-article figure is in the benchmark.
    assert elapsed < 500
    assert all("kazakhstan" in " ".join(row).lower() for row in rows(page)[:20])
    page.fill(".clip-filter", "<img src=x onerror=alert(1)>")
    assert page.locator("table[data-clip-library] img").count() == 0
    assert page.locator(".clip-library-status").inner_text() == "No article matches these filters."


def test_the_library_has_no_serious_axe_violation(page, library_url: str) -> None:
    ready(page, library_url)
    assert serious_axe_violations(page) == []


def test_without_javascript_the_newest_rows_are_there(browser, big_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((big_site / "library.html").as_uri())
    assert len(rows(page)) == FIRST_ROWS
    assert "The newest 100 of 260 articles" in page.locator("caption").inner_text()
    context.close()
