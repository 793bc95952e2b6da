"""Offline search (the default mode): the index the build writes, and the reader's flows in
Debian's Chromium from file:// and over http."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

from clippings import search_terms
from clippings.site import offline_search
from tests.site.conftest import serious_axe_violations

OPEN_KG = "Tokaev: Kazakhstan Will Become a Reliable Partner of the USA"
ARTICLE = "articles/international-importance-of-kazakhstan.html"
# English and Russian words whose stems exercise most of both stemmers' steps, with case,
# ё, diacritics and possessives.
WORDS = (
    "Running happiness generously organisations internationally Tokayev’s relations "
    "Kazakhstan's presidency agreed cafés naïve STRASSE Straße multi-vector 2018 "
    "Токаева Касым-Жомарт ёлки президентом внешней политики отношения Казахстана "
    "сотрудничество государств безопасности новый ёмкость Назарбаевым"
)


# The build side ---------------------------------------------------------------------------


def test_folding_and_stemming() -> None:
    assert search_terms.fold("Ёлка Café NAÏVE Straße новый") == "елка cafe naive strasse новый"
    assert search_terms.terms("The Tokayev’s running") == ["tokayev", "run"]
    assert search_terms.terms("Токаева и президентом") == ["токаев", "президент"]


def test_every_alias_of_an_entity_gives_the_same_term() -> None:
    entity = SimpleNamespace(
        id="kassym-jomart-tokayev",
        name="Kassym-Jomart Tokayev",
        aliases=("Tokayev", "Tokaev", "Токаев"),
    )
    aliases = search_terms.entity_aliases([entity])
    for text in ("Tokaev said", "President Tokayev’s visit", "встреча с Токаевым"):
        assert "@kassym-jomart-tokayev" in search_terms.field_terms(text, aliases)
    # The full name counts once, not once per word.
    terms = search_terms.field_terms("Kassym-Jomart Tokayev", aliases)
    assert terms.count("@kassym-jomart-tokayev") == 1


def _doc(number: int, title: str, text: str, author: str = "") -> offline_search.SearchDoc:
    return offline_search.SearchDoc(
        title=title,
        url=f"articles/a{number}.html",
        year="2020",
        author=author,
        paragraphs=((f"p-{number}", text),),
    )


def test_index_files_are_small_deterministic_and_inert() -> None:
    hostile = '</script><script>alert("x")</script>\u2028'
    docs = [
        _doc(n, f"Title {n} {hostile}", " ".join(f"w{n}x{k} common" for k in range(60)), hostile)
        for n in range(300)
    ]
    files = offline_search.index_files(docs, [])
    assert files == offline_search.index_files(docs, [])
    limit = search_terms.rules()["shard_bytes"]
    assert len([p for p in files if p.startswith("t/")]) > 1
    for path, text in files.items():
        assert text.startswith(offline_search.CALLBACK + "("), path
        assert "<" not in text and "\u2028" not in text, path
        if path.startswith(("t/", "x/")):
            # A file passes the limit only by its last entry.
            assert len(text.encode()) < 2 * limit, path


def test_markdown_parts_keep_paragraph_anchors_and_drop_markup() -> None:
    headings, paragraphs = offline_search.markdown_parts(
        "## A *heading*\n\nSome [linked](https://x.org) \\*text\\*.\n{: #p-1234abcd }\n\nMore.\n"
    )
    assert headings == ["A heading"]
    assert paragraphs == [("p-1234abcd", "Some linked *text*."), ("", "More.")]


# The reader's side ----------------------------------------------------------------------


def open_search(page, url: str) -> None:
    page.goto(url)
    page.locator(".md-search__input").click()


def results(page, query: str):
    page.fill(".md-search__input", "")
    page.locator(".md-search__input").press_sequentially(query)
    items = page.locator(".md-search-result__item:not(.clip-search-more)")
    items.first.wait_for(timeout=10_000)
    return items


@pytest.mark.browser
def test_stems_are_the_same_in_python_and_in_the_browser(page, site: Path) -> None:
    page.goto((site / "index.html").as_uri())
    in_browser = page.evaluate("text => __clippingsSearch.terms(text)", WORDS)
    in_python = [search_terms.stem(word) for word in search_terms.words(WORDS)]
    assert in_browser == in_python
    assert "токаев" in in_python and "run" in in_python


@pytest.mark.browser
def test_typing_shows_ranked_results_with_snippets_and_highlights(page, base_url: str) -> None:
    open_search(page, base_url + "index.html")
    items = results(page, "Abraham Acc")  # the last word counts as a prefix
    first = items.first
    assert first.locator("h1").inner_text() == OPEN_KG
    assert "Abraham" in first.locator("mark").first.inner_text()
    assert "Abraham Accords" in first.locator(".md-search-result__teaser").inner_text()
    assert "matching document" in page.locator(".md-search-result__meta").inner_text()
    first.locator("a").click()
    page.wait_for_load_state()
    assert page.locator("h1").first.evaluate("h => h.firstChild.textContent").strip() == OPEN_KG


@pytest.mark.browser
def test_any_alias_finds_the_entity_in_both_languages(page, base_url: str) -> None:
    page.goto(base_url + "index.html")
    found = {
        query: page.evaluate("q => __clippingsSearch.query(q)", query)["urls"]
        for query in ("Tokaev", "Tokayev", "Токаев")
    }
    assert found["Tokaev"] and set(found["Tokaev"]) == set(found["Tokayev"]) == set(found["Токаев"])


@pytest.mark.browser
def test_all_words_are_required(page, base_url: str) -> None:
    page.goto(base_url + "index.html")
    both = page.evaluate("q => __clippingsSearch.query(q)", "Abraham Kazakhstan")["urls"]
    one = page.evaluate("q => __clippingsSearch.query(q)", "Kazakhstan")["urls"]
    assert both and set(both) < set(one)


@pytest.mark.browser
def test_keyboard_moves_through_results_and_escape_closes(page, base_url: str) -> None:
    open_search(page, base_url + "index.html")
    items = results(page, "Kazakhstan")
    assert items.count() >= 2
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    first = page.evaluate("document.activeElement.href")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.href") != first
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.href") == first
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()


@pytest.mark.browser
def test_filters_narrow_the_results(page, base_url: str) -> None:
    open_search(page, base_url + "index.html")
    before = results(page, "Kazakhstan").count()
    page.select_option(".clip-search-filters select[name=outlet]", "Open.kg")
    page.wait_for_function(
        "n => document.querySelectorAll('.md-search-result__item').length < n", arg=before
    )
    titles = page.locator(".md-search-result__item h1").all_inner_texts()
    assert titles == [OPEN_KG]


@pytest.mark.browser
def test_enter_opens_the_full_results_page(page, base_url: str) -> None:
    open_search(page, base_url + ARTICLE)
    results(page, "Kazakhstan")
    page.locator(".md-search__input").press("Enter")
    page.wait_for_load_state()
    assert urlsplit(page.url).path.endswith("/search.html")
    listed = page.locator(".clip-search-page__list .md-search-result__item")
    listed.first.wait_for(timeout=10_000)
    assert listed.count() >= 5
    assert page.locator(".clip-search-page__input").input_value() == "Kazakhstan"
    page.select_option(".clip-search-page select[name=year]", "2018")
    page.wait_for_function(
        "() => document.querySelectorAll('.clip-search-page__list li').length === 1"
    )


@pytest.mark.browser
@pytest.mark.parametrize(
    "query",
    [
        "",
        "x" * 10_000,
        '<img src=x onerror="window.__hit=1">',
        "(.*+?[{\\",
        "😀🇰🇿 ",
        "&lt;b&gt; </script>",
    ],
    ids=["empty", "10000-chars", "html", "regex", "emoji", "entities"],
)
def test_bad_queries_never_raise_nor_inject(page, site: Path, query: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_search(page, (site / "index.html").as_uri())
    page.fill(".md-search__input", query)
    page.locator(".md-search__input").press("End")
    page.wait_for_function(
        "() => !/Initializing/.test(document.querySelector('.md-search-result__meta').textContent)"
    )
    result = page.evaluate("q => __clippingsSearch.query(q)", query)
    assert result["total"] == 0 or query == "&lt;b&gt; </script>"
    assert errors == []
    assert page.evaluate("window.__hit") is None
    assert page.locator(".md-search-result img, .md-search-result script").count() == 0


@pytest.mark.browser
def test_no_page_loads_the_index_until_someone_searches_and_nothing_leaves_file(
    browser, site: Path
) -> None:
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((site / ARTICLE).as_uri())
    page.wait_for_load_state("networkidle")
    assert not [url for url in requests if "/search/" in url or "snowball" in url]
    page.locator(".md-search__input").click()
    results(page, "Nazarbayev")
    context.close()
    assert any(url.endswith("/search/manifest.js") for url in requests)
    assert [url for url in requests if urlsplit(url).scheme not in ("file", "data", "about")] == []


@pytest.mark.browser
def test_axe_finds_nothing_serious_in_the_results(page, server: str) -> None:
    open_search(page, server + "index.html")
    results(page, "Kazakhstan")
    serious = serious_axe_violations(page)
    assert serious == [], json.dumps(serious, indent=1)
    page.goto(server + "search.html?q=Kazakhstan")
    page.locator(".clip-search-page__list li").first.wait_for(timeout=10_000)
    serious = serious_axe_violations(page)
    assert serious == [], json.dumps(serious, indent=1)


@pytest.mark.browser
def test_dark_scheme_and_mobile_keep_the_box(browser, server: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800}, color_scheme="dark")
    page = context.new_page()
    page.goto(server + "index.html")
    page.locator("label.md-header__button[for=__search]").click()
    page.locator(".md-search__input").press_sequentially("Kazakhstan")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert page.locator(".md-search-result__item").first.is_visible()
    assert re.search(r"slate", page.locator("body").get_attribute("data-md-color-scheme") or "")
    context.close()
