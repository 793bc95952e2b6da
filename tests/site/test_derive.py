"""Derived Markdown and related articles, as pure functions of article records."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

from clippings import dates
from clippings.site import article_page, derive, library, related
from clippings.site.records import ArticleRecord, read_records
from clippings.vocab import load_vocabularies

ROOT = Path(__file__).resolve().parents[2]
VOCAB = load_vocabularies(ROOT / "vocabularies")
RECORDS = read_records(ROOT / "docs/articles")


def record(slug: str, body: str = "", **meta) -> ArticleRecord:
    return ArticleRecord(slug, {"title": slug.title(), "reading_time": 1, **meta}, body)


def test_related_in_background_gives_the_same_answer() -> None:
    background = related.InBackground(RECORDS)
    assert background.result() == related.related_articles(RECORDS)
    assert background.get("no-such-article") == []


def test_related_is_deterministic_thresholded_and_never_itself() -> None:
    first = related.related_articles(RECORDS)
    assert first == related.related_articles(list(reversed(RECORDS)))
    for slug, items in first.items():
        assert slug not in [r.slug for r in items]
        assert all(r.score >= related.THRESHOLD for r in items)
        assert [r.score for r in items] == sorted((r.score for r in items), reverse=True)
        assert 1 <= len(items) <= related.TOP


def test_unrelated_articles_are_not_suggested() -> None:
    records = [
        record("a", "wheat harvest grain export farmers drought", themes=["food-water-climate"]),
        record("b", "football match goal striker stadium league", themes=[]),
    ]
    assert related.related_articles(records) == {"a": [], "b": []}


def test_candidates_come_from_shared_features_only() -> None:
    records = [
        record(f"r{i}", f"topic{i} unique{i} words{i}", author=f"Author {i}") for i in range(300)
    ]
    assert all(items == [] for items in related.related_articles(records).values())


def test_hostile_values_are_escaped_in_article_blocks() -> None:
    evil = record(
        "evil",
        author="<img src=x onerror=alert(1)>",
        subtitle="{{ config }} <script>x</script>",
        author_bio="<script>bio</script>",
        outlet="*[CSTO]: injected",
        url="javascript:alert(1)",
        source='sources/"><script>.txt',
        themes=["china"],
    )
    sections = [
        article_page.about_author(evil),
        *article_page.footer(evil, VOCAB, list, {}, None),
    ]
    html = article_page.header(evil, VOCAB) + "".join(s.html() for s in sections)
    assert "<script" not in html and "<img" not in html
    assert 'href="javascript' not in html and "javascript:alert(1)" in html
    assert "&lt;script&gt;" in html and "{{ config }}" in html


def test_article_sections_give_way_to_the_bodys_own_anchors() -> None:
    taken = {"provenance", "provenance_1"}
    assert article_page.unique_anchor("provenance", taken) == "provenance_2"
    assert article_page.unique_anchor("related-articles", taken) == "related-articles"
    assert {"provenance_2", "related-articles"} <= taken


def test_marked_mentions_become_the_same_links_as_inline_html() -> None:
    body = "Tokayev met the CSTO. Tokayev left.\n"
    entities = [VOCAB.entity("kassym-jomart-tokayev"), VOCAB.entity("csto")]
    text, tags = article_page.mark_first_mentions(body, entities, "articles/x.md")
    renderer = article_page.BodyRenderer()
    abbreviation = "\n*[CSTO]: Collective Security Treaty Organization\n"
    marked, _, _ = renderer.render(text + abbreviation)
    inline, _, _ = renderer.render(
        derive.link_first_mentions(body, entities, "articles/x.md") + abbreviation
    )
    assert article_page.unmark_first_mentions(marked, tags) == inline
    assert (
        '<a href="../entities/csto.html" title="Collective Security Treaty Organization"><abbr'
        in inline
    )


def test_text_that_holds_a_marker_character_gets_no_markers() -> None:
    body = "Tokayev wrote \ue000 here.\n"
    assert (
        article_page.mark_first_mentions(body, [VOCAB.entity("kassym-jomart-tokayev")], "x.md")
        is None
    )
    assert article_page.unmark_first_mentions("<p>\ue000 lost</p>", []) is None


def test_the_renderer_forgets_each_articles_abbreviations() -> None:
    renderer = article_page.BodyRenderer()
    first, _, _ = renderer.render(
        "The CSTO met.\n\n*[CSTO]: Collective Security Treaty Organization\n"
    )
    second, _, _ = renderer.render("The CSTO met again.\n")
    assert "<abbr" in first and "<abbr" not in second


def test_search_view_keeps_the_words_and_drops_inline_markup() -> None:
    content = (
        '<h2 id="a">Talks<a class="headerlink" href="#a" title="Permanent link">#</a></h2>\n'
        '<p id="p-1"><a href="../entities/csto.html" title="CSTO"><abbr title="Collective">CSTO</abbr></a> met.</p>'
    )
    view = article_page.search_view(content)
    assert view == (
        '<h2 id="a">Talks<a class="headerlink" href="#a" title="Permanent link">#</a></h2>\n'
        "<p>CSTO met.</p>"
    )


def test_a_short_timeline_is_one_page_and_repeated_sentences_one_entry() -> None:
    dated = [{"date": "2018", "text": "In 2018, trade grew.", "anchor": "p-1"}]
    records = [
        record(f"r{i}", dated=dated, published=f"2020-01-0{i + 1}", themes=["china"])
        for i in range(5)
    ]
    [page] = derive.timeline_pages(records, VOCAB)
    assert page.markdown.count("In 2018, trade grew.") == 1
    assert "and 2 more articles" in page.markdown
    assert page.markdown.count('class="clip-publication"') == 5


def test_a_long_timeline_has_a_page_per_year() -> None:
    records = [
        record(
            f"r{i:04d}", dated=[{"date": str(2000 + i % 3), "text": f"Event {i}.", "anchor": "p-1"}]
        )
        for i in range(derive.TIMELINE_PAGE_ENTRIES + 1)
    ]
    index, *years = derive.timeline_pages(records, VOCAB)
    assert [p.src_uri for p in years] == [
        "timeline/2000.md",
        "timeline/2001.md",
        "timeline/2002.md",
    ]
    assert '<a href="timeline/2001.html">2001</a> (84)' in index.markdown
    assert all("clip-theme-filter" in p.markdown for p in years)


def test_a_year_longer_than_a_page_is_split_into_parts() -> None:
    size = derive.TIMELINE_PAGE_ENTRIES
    records = [
        record(f"r{i:04d}", dated=[{"date": "2001", "text": f"Event {i}.", "anchor": "p-1"}])
        for i in range(2 * size + 1)
    ]
    index, *parts = derive.timeline_pages(records, VOCAB)
    assert [p.src_uri for p in parts] == [
        "timeline/2001.md",
        "timeline/2001-2.md",
        "timeline/2001-3.md",
    ]
    assert [p.markdown.count("<li class=") for p in parts] == [size, size, 1]
    assert parts[1].markdown.startswith("# Timeline: 2001, part 2 of 3")
    assert '<a href="2001-3.html">3</a>' in parts[0].markdown
    assert f'<a href="timeline/2001.html">2001</a> ({2 * size + 1}) · parts' in index.markdown


def test_statements_stop_at_their_budget_whole_articles_at_a_time() -> None:
    person = VOCAB.entity("kassym-jomart-tokayev")
    quotes = [{"text": f"Point {n}", "anchor": f"p-{n}"} for n in range(40)]
    statements = [
        (record(f"r{i:03d}", published=f"{1900 + i}"), quote) for i in range(10) for quote in quotes
    ]
    block = derive.statements_block(person, statements, "entities/x.md")
    assert block.count("<h3") == derive.MAX_STATEMENTS // len(quotes)
    assert block.count("<li>") == (derive.MAX_STATEMENTS // len(quotes)) * len(quotes)
    assert "r009" in block and "r000" not in block  # the newest first
    assert "Statements in 7 older articles" in block


def test_statements_list_at_most_the_newest_articles() -> None:
    person = VOCAB.entity("kassym-jomart-tokayev")
    statements = [
        (record(f"r{i:03d}", published=f"{1900 + i}"), {"text": f"Said {i}", "anchor": "p-1"})
        for i in range(derive.MAX_LISTED + 5)
    ]
    block = derive.statements_block(person, statements, "entities/x.md")
    assert block.count("<h3") == derive.MAX_LISTED
    assert "Said 104" in block and "Said 4<" not in block
    assert "Statements in 5 older articles" in block


def test_library_is_an_html_table_with_every_article_of_a_small_collection() -> None:
    page = library.library_page(RECORDS, VOCAB)
    assert page.markdown.count("<tr><td>") == len(RECORDS) <= library.FIRST_ROWS
    assert "](" not in page.markdown
    assert f"All {len(RECORDS)} articles, newest first" in page.markdown


def test_library_rows_script_is_data_only() -> None:
    script = library.rows_script(RECORDS, VOCAB)
    payload = json.loads(script.removeprefix("clippingsLibrary(").removesuffix(");\n"))
    assert len(payload["rows"]) == len(RECORDS)
    titles = [row[0] for row in payload["rows"]]
    assert sorted(titles) == sorted(r.title for r in RECORDS)
    for row in payload["rows"]:
        assert row[1].startswith("articles/") and row[1].endswith(".html")


def test_relative_uris_match_posixpath() -> None:
    pairs = [
        ("index.md", "articles/x.md"),
        ("articles/y.md", "articles/x.md"),
        ("entities/e.md", "articles/x.md"),
        ("themes/a.md", "index.md"),
        ("library.md", "timeline/2001.md"),
    ]
    for target, page in pairs:
        expected = posixpath.relpath(target, posixpath.dirname(page) or ".")
        assert derive.relative_uri(target, page) == expected


def test_theme_index_lists_every_theme_with_its_count() -> None:
    groups = {"china": RECORDS[:2]}
    page = derive.themes_index(groups, VOCAB)
    assert page.markdown.count("\n<li>") == len(VOCAB.themes)
    assert '<li><a href="china.html">China</a> (2)</li>' in page.markdown
    assert "<li>Afghanistan (0)</li>" in page.markdown


def test_first_mentions_link_once_and_never_inside_headings() -> None:
    body = "## Tokayev speaks\n\nTokayev met Putin. Later Tokayev left.\n"
    entities = [VOCAB.entity("kassym-jomart-tokayev"), VOCAB.entity("vladimir-putin")]
    linked = derive.link_first_mentions(body, entities, "articles/x.md")
    assert linked.startswith("## Tokayev speaks")
    assert linked.count('href="../entities/kassym-jomart-tokayev.html"') == 1
    assert linked.count('href="../entities/vladimir-putin.html"') == 1
    assert "Later Tokayev left" in linked


def test_human_dates() -> None:
    assert dates.human("2018-03-01") == "1 March 2018"
    assert dates.human("2020-05") == "May 2020"
    assert dates.human("2019") == "2019"
    assert dates.human(None) is None


def test_parallel_reading_gives_the_same_records(monkeypatch) -> None:
    from clippings.site import records

    monkeypatch.setattr(records, "PARALLEL_FROM", 2)
    assert records.read_records(ROOT / "docs/articles") == RECORDS
