"""Derived Markdown and related articles, as pure functions of article records."""

from __future__ import annotations

from pathlib import Path

import markdown

from clippings.site import derive, related
from clippings.site.records import ArticleRecord, read_records
from clippings.vocab import load_vocabularies

ROOT = Path(__file__).resolve().parents[2]
VOCAB = load_vocabularies(ROOT / "vocabularies")
RECORDS = read_records(ROOT / "docs/articles")


def record(slug: str, body: str = "", **meta) -> ArticleRecord:
    return ArticleRecord(slug, {"title": slug.title(), "reading_time": 1, **meta}, body)


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


def test_hostile_values_are_escaped_in_derived_markdown() -> None:
    evil = record(
        "evil",
        author="<img src=x onerror=alert(1)>",
        subtitle="{{ config }} <script>x</script>",
        author_bio="[click](javascript:alert(1))",
        outlet="*[CSTO]: injected",
        themes=["china"],
    )
    html = markdown.markdown(
        derive.article_header(evil, VOCAB) + derive.article_footer(evil, VOCAB, [], {}),
        extensions=["attr_list", "md_in_html", "abbr"],
    )
    assert (
        "<script" not in html
        and "<img" not in html
        and "javascript:" not in html.split("href=")[-1][:20]
    )
    assert "&lt;script&gt;" in html and "{{ config }}" in html


def test_theme_index_lists_every_theme_with_its_count() -> None:
    groups = {"china": RECORDS[:2]}
    page = derive.themes_index(groups, VOCAB)
    assert page.markdown.count("\n- ") == len(VOCAB.themes)
    assert "[China](china.md) (2)" in page.markdown
    assert "- Afghanistan (0)" in page.markdown


def test_first_mentions_link_once_and_never_inside_headings() -> None:
    body = "## Tokayev speaks\n\nTokayev met Putin. Later Tokayev left.\n"
    entities = [VOCAB.entity("kassym-jomart-tokayev"), VOCAB.entity("vladimir-putin")]
    linked = derive.link_first_mentions(body, entities, "articles/x.md")
    assert linked.startswith("## Tokayev speaks")
    assert linked.count('href="../entities/kassym-jomart-tokayev.html"') == 1
    assert linked.count('href="../entities/vladimir-putin.html"') == 1
    assert "Later Tokayev left" in linked


def test_human_dates() -> None:
    assert derive.human_date("2018-03-01") == "1 March 2018"
    assert derive.human_date("2020-05") == "May 2020"
    assert derive.human_date("2019") == "2019"
    assert derive.human_date(None) is None
