"""Atom feeds: the whole collection, and one per theme, author and outlet.

Each feed holds the latest FEED_SIZE articles by `added` (when they entered the
collection, so a newly added old article still reaches subscribers). Every date in
a feed comes from the articles, never from the clock, so two builds give the same
bytes. Feeds need absolute links: they are written under `site_url`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from feedgen.feed import FeedGenerator
from markupsafe import Markup

from clippings.site.derive import SitePage, theme_label
from clippings.site.records import ArticleRecord, by_key, newest_added_first
from clippings.site.templates import render
from clippings.site.urls import built, uri
from clippings.vocab import Vocabularies

FEED_SIZE = 50
COLLECTION_FEED = "feed.xml"
FEEDS_PAGE = uri("feeds")
# The date of a feed or entry that has none (an empty collection, a hand-written article
# without dates): fixed, so that it never comes from the clock.
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
# Characters XML 1.0 cannot hold; lxml refuses them, so untrusted text loses them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Feed:
    path: str  # where the feed is written, relative to the site: "themes/china.xml"
    page: str  # the src URI of the page it follows: "themes/china.md"
    title: str
    label: str  # the theme, author or outlet, for the list of feeds
    records: tuple[ArticleRecord, ...]


def collection_feeds(
    records: Sequence[ArticleRecord], vocab: Vocabularies, site_name: str
) -> list[Feed]:
    """The collection's feed first, then themes (in vocabulary order), authors, outlets."""
    themes = by_key(records, lambda r: [t for t in r.themes if vocab.theme(t)])
    authors = by_key(records, lambda r: [r.author] if r.author else [])
    outlets = by_key(records, lambda r: [r.outlet] if r.outlet else [])
    feeds = [_feed(uri("home"), f"{site_name}: latest additions", "Everything", records)]
    feeds += [
        _feed(uri("theme", t.slug), f"{site_name}: {t.label}", t.label, themes[t.slug])
        for t in vocab.themes
        if t.slug in themes
    ]
    feeds += [
        _feed(uri("author", name), f"{site_name}: articles by {name}", name, authors[name])
        for name in sorted(authors, key=str.casefold)
    ]
    feeds += [
        _feed(uri("outlet", name), f"{site_name}: articles from {name}", name, outlets[name])
        for name in sorted(outlets, key=str.casefold)
    ]
    return feeds


def _feed(page: str, title: str, label: str, records: Sequence[ArticleRecord]) -> Feed:
    path = COLLECTION_FEED if page == uri("home") else page.removesuffix(".md") + ".xml"
    return Feed(path, page, title, label, tuple(newest_added_first(records)[:FEED_SIZE]))


def atom(feed: Feed, site_url: str, vocab: Vocabularies, site_name: str) -> bytes:
    """The feed as Atom 1.0; titles, names and summaries are text, escaped by lxml."""
    base = site_url.rstrip("/") + "/"
    generator = FeedGenerator()
    generator.id(base + feed.path)
    generator.title(_text(feed.title))
    generator.author({"name": _text(site_name)})
    generator.link(href=base + feed.path, rel="self", type="application/atom+xml")
    generator.link(href=base + built(feed.page), rel="alternate", type="text/html")
    generator.language("en")
    generator.updated(max((_updated(r) for r in feed.records), default=EPOCH))
    for record in feed.records:
        _add_entry(generator, record, base, vocab)
    return generator.atom_str(pretty=True)


def _add_entry(generator: FeedGenerator, record: ArticleRecord, base: str, vocab) -> None:
    entry = generator.add_entry(order="append")
    url = base + built(record.src_uri)
    entry.id(url)
    entry.title(_text(record.title))
    entry.link(href=url, rel="alternate", type="text/html")
    entry.updated(_updated(record))
    if published := _full_date(record.published):
        entry.published(published)
    if description := record.meta.get("description"):
        entry.summary(_text(str(description)))
    if by := record.author or record.outlet:
        entry.author({"name": _text(by)})
    for slug in record.themes:
        if vocab.theme(slug):
            entry.category(term=slug, label=_text(theme_label(slug, vocab)))


def _updated(record: ArticleRecord) -> dt.datetime:
    """When the entry reached the collection; articles without `added` fall back on their
    publication date, then on the epoch, so that no date comes from the clock."""
    return _full_date(record.added) or _full_date(record.published) or EPOCH


def _full_date(value: str | None) -> dt.datetime | None:
    if not value or len(value) != 10:
        return None
    return dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC)


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


# On the pages ---------------------------------------------------------------------
@cache
def feed_icon() -> Markup:
    """Material's RSS icon, inline so it takes the text colour and needs no request."""
    icons = resources.files("material").joinpath("templates/.icons/material/rss.svg")
    svg = icons.read_text(encoding="utf-8").replace("<svg ", '<svg aria-hidden="true" ', 1)
    return Markup(svg)  # Material's own file, not article text


def feed_link(feed: Feed, page: str, text: str = "Subscribe (Atom feed)") -> str:
    return render("feed-link.html", feed=feed, page=page, text=text, icon=feed_icon())


def with_feed_link(page: SitePage, feed: Feed) -> SitePage:
    """The page with a subscribe link under its title, where readers of news sites look."""
    link = render(
        "subscribe.html",
        feed=feed,
        page=page.src_uri,
        text="Subscribe (Atom feed)",
        icon=feed_icon(),
    )
    text = "\n" + page.markdown
    head, title, rest = text.partition("\n# ")
    if not title:  # a page without a title (a home intro may have none): link first
        return SitePage(page.src_uri, f"{link}\n\n{page.markdown}")
    heading, _, body = rest.partition("\n")
    return SitePage(page.src_uri, f"{(head + title)[1:]}{heading}\n\n{link}\n{body}")


def autodiscovery(feeds: Sequence[Feed], page: str) -> str:
    """<link rel="alternate"> tags for a page's <head>, relative so they work from disk too."""
    return render("feed-autodiscovery.html", feeds=feeds, page=page)


def feeds_page(feeds: Sequence[Feed]) -> SitePage:
    """Every feed on one page, grouped as the site is."""
    sections = {"themes": "Themes", "authors": "Authors", "outlets": "Outlets"}
    groups = [
        (heading, group)
        for folder, heading in sections.items()
        if (group := [f for f in feeds if f.page.startswith(folder + "/")])
    ]
    intro = (
        "Follow the collection, or one theme, author or outlet, in any feed reader: copy a "
        "feed's address into it. Each feed lists the latest "
        f"{FEED_SIZE} articles by the date they were added to the collection."
    )
    body = render(
        "feeds.html", everything=feeds[0], groups=groups, page=FEEDS_PAGE, icon=feed_icon()
    )
    return SitePage(FEEDS_PAGE, f"# Feeds\n\n{intro}\n\n{body}")
