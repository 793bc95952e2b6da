"""What readers of a news collection expect: dates, the archive, feeds and sharing tags."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest

from clippings.site import archive, derive, feeds, social
from clippings.site.records import ArticleRecord, read_records
from clippings.vocab import load_vocabularies

ROOT = Path(__file__).resolve().parents[2]
VOCAB = load_vocabularies(ROOT / "vocabularies")
RECORDS = read_records(ROOT / "docs/articles")
SITE_URL = "https://clippings.example.org/"
EVIL = '</script><script>alert("x")</script> & <b>'


def record(slug: str, **meta) -> ArticleRecord:
    return ArticleRecord(slug, {"title": slug.title(), "reading_time": 1, **meta}, "")


# Dates and the archive -------------------------------------------------------------
def test_cards_show_both_dates_and_say_unknown() -> None:
    dated = derive.article_item(record("a", published="2020-05", added="2026-11-23"), "index.md")
    assert 'Published <time datetime="2020-05">May 2020</time>' in dated
    assert 'added <time datetime="2026-11-23">23 November 2026</time>' in dated
    assert "Published unknown" in derive.article_item(record("b"), "index.md")


def test_latest_additions_are_ordered_by_added() -> None:
    records = [
        record("old-news", published="1999-01-01", added="2026-12-01"),
        record("fresh-news", published="2026-11-01", added="2026-11-02"),
        record("undated", added="2026-11-30"),
    ]
    home = derive.home_page(records, VOCAB, "# Home").markdown
    latest = home.split("## Latest additions")[1]
    assert [latest.index(t) for t in ("Old-News", "Undated", "Fresh-News")] == sorted(
        latest.index(t) for t in ("Old-News", "Undated", "Fresh-News")
    )


def test_archive_groups_by_year_and_month_with_counts() -> None:
    records = [
        record("a", published="2020-05-01"),
        record("b", published="2020-05-20"),
        record("c", published="2020-01"),
        record("d", published="2020"),
        record("e", published="2018-03-01"),
        record("f"),
    ]
    pages = {p.src_uri: p.markdown for p in archive.archive_pages(records)}
    assert list(pages) == ["archive/index.md", "archive/2020.md", "archive/2018.md"]
    index = pages["archive/index.md"]
    assert "2020</a> (4 articles)" in index and "2018</a> (1 article)" in index
    assert '<a href="2020.html#2020-05">May</a> (2)' in index
    assert "## Publication date not stated (1)" in index and "F</strong>" in index
    year = pages["archive/2020.md"]
    assert "## May 2020 (2) { #2020-05 }" in year
    assert "## 2020, month not stated (1) { #2020-00 }" in year
    assert year.index("May 2020 (2)") < year.index("January 2020 (1)")


def test_a_year_page_lists_a_few_articles_a_month_and_links_the_library_for_the_rest() -> None:
    count = archive.MONTH_LISTED + 5
    records = [record(f"n{n:03}", published=f"2020-05-{1 + n % 28:02}") for n in range(count)]
    year = {p.src_uri: p.markdown for p in archive.archive_pages(records)}["archive/2020.md"]
    assert year.count("<li>") == archive.MONTH_LISTED
    assert f'<a href="../library.html?q=May%202020">All {count} articles in the library</a>' in year


# Feeds -------------------------------------------------------------------------------
def test_feeds_hold_the_latest_fifty_by_added_with_dates_from_the_articles() -> None:
    records = [record(f"a{n:03}", added=f"2026-{1 + n % 12:02}-{1 + n % 28:02}") for n in range(60)]
    feed = feeds.collection_feeds(records, VOCAB, "Clippings")[0]
    assert len(feed.records) == feeds.FEED_SIZE
    parsed = feedparser.parse(feeds.atom(feed, SITE_URL, VOCAB, "Clippings"))
    assert not parsed.bozo, parsed.bozo_exception
    added = [e.updated[:10] for e in parsed.entries]
    assert added == sorted(added, reverse=True)
    assert parsed.feed.updated == max(r.added for r in records) + "T00:00:00+00:00"


def test_hostile_text_is_text_in_feeds() -> None:
    evil = record("evil", title=EVIL + "\x07", author=EVIL, description=EVIL, added="2026-01-01")
    feed = feeds.collection_feeds([evil], VOCAB, "Clippings")[0]
    xml = feeds.atom(feed, SITE_URL, VOCAB, "Clippings")
    assert b"<script>" not in xml
    entry = feedparser.parse(xml).entries[0]
    assert entry.title == EVIL and entry.author == EVIL


# Sharing -----------------------------------------------------------------------------
def test_json_ld_cannot_close_its_script_and_reads_back() -> None:
    evil = record("evil", title=EVIL, author=EVIL, genre="opinion", published="2020-05-01")
    tag = social.json_ld(evil, VOCAB, SITE_URL + "articles/evil.html")
    assert tag.count("</script>") == 1 and tag.endswith("</script>")
    data = json.loads(tag.removeprefix('<script type="application/ld+json">')[: -len("</script>")])
    assert data["@type"] == "OpinionNewsArticle"
    assert data["headline"] == EVIL and data["author"]["name"] == EVIL
    assert data["datePublished"] == "2020-05-01"


def test_news_is_a_news_article_with_open_graph_tags() -> None:
    news = record("n", title=EVIL, author="A B", themes=["china"], published="2020-05-01")
    head = social.head_tags("x", EVIL, None, "Clippings", news, VOCAB)
    assert '"@type": "NewsArticle"' in head
    assert '<meta property="og:type" content="article">' in head
    assert '<meta property="article:section" content="China">' in head
    assert '<meta property="article:published_time" content="2020-05-01">' in head
    assert "<script>alert" not in head


# The built site ----------------------------------------------------------------------
def built_path(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    return site / urlsplit(url).path.lstrip("/")


def test_every_feed_parses_and_every_link_leads_into_the_site(site: Path) -> None:
    paths = sorted(site.rglob("*.xml"))
    feed_files = [p for p in paths if p.name != "sitemap.xml"]
    themes = {t for r in RECORDS for t in r.themes if VOCAB.theme(t)}
    authors = {r.author for r in RECORDS if r.author}
    outlets = {r.outlet for r in RECORDS if r.outlet}
    assert len(feed_files) == 1 + len(themes) + len(authors) + len(outlets)
    for path in feed_files:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.bozo_exception)
        assert parsed.version == "atom10"
        links = [link.href for link in parsed.feed.links]
        for entry in parsed.entries:
            assert entry.title and entry.summary and entry.author, (path, entry.id)
            assert {t.term for t in entry.tags} <= themes
            links += [link.href for link in entry.links]
        for url in links:
            assert built_path(site, url).is_file(), (path, url)


def test_pages_announce_their_feeds(site: Path) -> None:
    alternate = re.compile(
        r'<link rel="alternate" type="application/atom\+xml" title="[^"]*" href="([^"]+)">'
    )
    for page, expected in (
        ("index.html", ["feed.xml"]),
        ("themes/china.html", ["../feed.xml", "china.xml"]),
        ("authors/ernest-gallo.html", ["../feed.xml", "ernest-gallo.xml"]),
        ("articles/international-importance-of-kazakhstan.html", ["../feed.xml"]),
    ):
        text = (site / page).read_text(encoding="utf-8")
        assert alternate.findall(text) == expected, page
        for target in expected:
            assert (site / page).parent.joinpath(target).resolve().is_file()
    assert 'class="clip-feed" href="china.xml"' in (site / "themes/china.html").read_text()


def test_sitemap_lists_every_page_with_the_articles_dates(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert all(built_path(site, url).is_file() for url in locations)
    assert SITE_URL + "articles/international-importance-of-kazakhstan.html" in locations
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {r.added for r in RECORDS}


@pytest.mark.parametrize("record_", RECORDS, ids=lambda r: r.slug[:40])
def test_article_pages_have_canonical_sharing_and_structured_data(site: Path, record_) -> None:
    text = (site / f"articles/{record_.slug}.html").read_text(encoding="utf-8")
    url = f"{SITE_URL}articles/{record_.slug}.html"
    assert f'<link rel="canonical" href="{url}">' in text
    assert f'<meta property="og:url" content="{url}">' in text
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', text).group(1)
    data = json.loads(script)
    expected = "OpinionNewsArticle" if record_.meta.get("genre") == "opinion" else "NewsArticle"
    assert data["@type"] == expected and data["url"] == url
    assert data["dateCreated"] == record_.added


def test_an_empty_collection_still_has_a_valid_feed() -> None:
    feed = feeds.collection_feeds([], VOCAB, "Clippings")[0]
    parsed = feedparser.parse(feeds.atom(feed, SITE_URL, VOCAB, "Clippings"))
    assert not parsed.bozo and parsed.entries == []
    assert parsed.feed.updated.startswith("1970-01-01")


def test_a_preview_sets_its_own_site_url(tmp_path: Path, monkeypatch) -> None:
    from tests.site.conftest import build_site

    preview = "https://preview.example.net/pr-14/"
    monkeypatch.setenv("CLIPPINGS_SITE_URL", preview)
    site = build_site(ROOT, tmp_path / "site")
    article = (site / "articles/international-importance-of-kazakhstan.html").read_text()
    assert f'<link rel="canonical" href="{preview}articles/' in article
    assert SITE_URL not in article
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert all(entry.link.startswith(preview) for entry in feed.entries)
    assert f"<loc>{preview}index.html</loc>" in (site / "sitemap.xml").read_text()


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("# Title\n\nText", "# Title\n\n<p class"),
        ("---\nsearch:\n  exclude: true\n---\n\n# Name\n\nText", "---\n\n# Name\n\n<p class"),
        ("No heading here.\n", '<p class="clip-subscribe">'),
    ],
)
def test_the_subscribe_link_goes_under_the_title(markdown: str, expected: str) -> None:
    feed = feeds.collection_feeds([], VOCAB, "Clippings")[0]
    linked = feeds.with_feed_link(derive.SitePage("index.md", markdown), feed).markdown
    assert expected in linked
    assert linked.count("clip-subscribe") == 1
    assert linked.replace(
        linked[linked.index("<p class") : linked.index("</p>") + 5], ""
    ).split() == (markdown.split())
