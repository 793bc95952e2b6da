"""The hosted search mode's build side: the markup Pagefind reads, the mode switch, and
the default (material) build left as it was."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from mkdocs.config import load_config

from clippings.site.config import ClippingsConfig
from clippings.site.pagefind_search import (
    SearchFields,
    annotate,
    article_fields,
    footer_start,
    page_fields,
)
from clippings.site.records import read_records
from clippings.vocab import load_vocabularies

ROOT = Path(__file__).resolve().parents[2]
VOCAB = load_vocabularies(ROOT / "vocabularies")
RECORDS = {r.slug: r for r in read_records(ROOT / "docs/articles")}

PAGE = """<html><body><header>Site header</header>
<article class="md-content__inner md-typeset">
{content}
</article><footer>Site footer</footer></body></html>"""
BODY = """<h1 id="t">Title<a class="headerlink" href="#t">#</a></h1>
<p class="clip-byline">By Someone</p>
<p id="p-1">The article's own text.</p>
<h2 id="a-heading-in-the-body">A heading in the body</h2>
<p>More text.</p>
"""
BIO = '<h2 id="about-someone">About Someone</h2>\n<div class="clip-bio">Writes.</div>\n'
FOOTER = (
    '<h2 data-search-exclude id="related-articles">Related articles</h2>\n<ul><li>x</li></ul>\n'
    '<h2 data-search-exclude id="provenance">Provenance</h2>\n<ul><li>y</li></ul>\n'
)
FIELDS = SearchFields("Title", {"theme": ["Central Asian neighbours"]}, {"title": "Title"})


def ignored_part(page: str) -> str:
    match = re.search(r"<div data-pagefind-ignore>(.*)</div>\s*</article>", page, re.S)
    assert match, "no ignored footer"
    return match.group(1)


def test_the_article_is_the_indexed_body_and_its_footer_is_ignored() -> None:
    page = annotate(PAGE.format(content=BODY + BIO + FOOTER), FIELDS, article=True)
    assert page.count("data-pagefind-body") == 1
    assert '<article class="md-content__inner md-typeset" data-pagefind-body>' in page
    ignored = ignored_part(page)
    assert ignored.startswith('<h2 id="about-someone">')
    assert "Provenance" in ignored and "Related articles" in ignored
    assert "A heading in the body" not in ignored and "own text" not in ignored
    # The page outside <article> is untouched.
    assert page.startswith("<html><body><header>Site header</header>")
    assert page.endswith("</article><footer>Site footer</footer></body></html>")


def test_without_a_bio_the_footer_starts_at_the_first_excluded_heading() -> None:
    page = annotate(PAGE.format(content=BODY + FOOTER), FIELDS, article=True)
    assert ignored_part(page).startswith('<h2 data-search-exclude id="related-articles">')
    assert footer_start(BODY) == -1


def test_hand_written_pages_are_indexed_whole_and_pages_without_an_article_are_not() -> None:
    page = annotate(PAGE.format(content=BODY + FOOTER), page_fields("About"), article=False)
    assert "data-pagefind-body" in page and "<div data-pagefind-ignore>" not in page
    assert 'data-pagefind-meta="title:About"' in page
    bare = "<html><body><p>No article here</p></body></html>"
    assert annotate(bare, FIELDS, article=True) == bare


def test_filter_and_meta_values_are_escaped_inline_values() -> None:
    hostile = '"><img src=x onerror=alert(1)> & Co, "Ltd"'
    fields = SearchFields(hostile, {"author": [hostile]}, {"title": hostile})
    page = annotate(PAGE.format(content=BODY), fields, article=True)
    assert "<img" not in page
    escaped = html.escape(hostile)
    assert f'<span data-pagefind-filter="author:{escaped}"></span>' in page
    assert f'<span data-pagefind-meta="title:{escaped}"></span>' in page
    # Filters and metadata live in a hidden element whose text is not indexed.
    assert '<div hidden data-pagefind-ignore class="clip-pagefind-fields">' in page


def test_article_fields_use_theme_labels_and_the_byline() -> None:
    record = RECORDS["international-importance-of-kazakhstan"]
    fields = article_fields(record, VOCAB)
    assert fields.filters["author"] == ["Gulshat Abdullaeva"]
    assert fields.filters["outlet"] == ["Eurasia Review"]
    assert "Central Asian neighbours" in fields.filters["theme"]
    assert len(fields.filters["theme"]) == len(record.themes)
    assert fields.meta == {
        "title": "International Importance Of Kazakhstan",
        "author": "Gulshat Abdullaeva",
        "outlet": "Eurasia Review",
        "date": "1 March 2018",
    }


def test_the_search_option_accepts_only_the_three_modes() -> None:
    config = ClippingsConfig()
    config.load_dict({"search": "lunr"})
    errors, _ = config.validate()
    assert [name for name, _ in errors] == ["search"]
    config = ClippingsConfig()
    config.load_dict({})
    assert config.validate() == ([], []) and config.search == "offline"


@pytest.mark.parametrize("mode", ["offline", "material", "pagefind"])
def test_clippings_search_in_the_environment_chooses_the_mode(monkeypatch, mode: str) -> None:
    monkeypatch.setenv("CLIPPINGS_SEARCH", mode)
    config = load_config(str(ROOT / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    assert config.plugins["clippings"].config.search == mode
    # In the offline and pagefind modes Material's search writes no index (our partials
    # bring the box).
    assert config.plugins["material/search"].config.enabled is (mode == "material")


def test_the_default_build_has_offline_search_and_nothing_of_pagefind(site: Path) -> None:
    assert (site / "search/manifest.js").is_file()
    assert not (site / "search/search_index.json").exists()
    assert not (site / "pagefind").exists()
    for page in ("index.html", "articles/international-importance-of-kazakhstan.html"):
        text = (site / page).read_text(encoding="utf-8")
        assert "pagefind" not in text
        assert 'class="md-search clip-search"' in text
