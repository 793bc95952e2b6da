"""Every derived page and file of the site: a pure function of the article records, the
vocabularies and a few settings.

Nothing here needs MkDocs: the plugin hands the result to MkDocs as generated files,
`clippings bench` times it, and a build step for another generator can write the
same pages (Markdown with HTML blocks) and files to disk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from clippings.site import archive, derive, feeds, library, templates
from clippings.site.records import ArticleRecord, by_key
from clippings.vocab import Vocabularies


@dataclass(frozen=True)
class Settings:
    site_name: str = "Clippings"
    # The home page's opening paragraph (Markdown).
    home_intro: str = ""
    # Feeds need absolute links; without an address the site has no feed files.
    site_url: str | None = None
    # Where templates are looked up before ours (a theme's folders, custom_dir first).
    template_dirs: tuple[str, ...] = ()


@dataclass(frozen=True)
class DerivedSite:
    pages: list[derive.SitePage]
    feeds: list[feeds.Feed]
    # Other generated files by their path in the site: the Atom feeds, the Library's rows.
    files: dict[str, str | bytes] = field(default_factory=dict)


def derived_site(
    records: Sequence[ArticleRecord], vocab: Vocabularies, settings: Settings = Settings()
) -> DerivedSite:
    """The derived pages (those that have a feed link to it), the feeds and their files."""
    templates.use(settings.template_dirs)
    site_feeds = feeds.collection_feeds(records, vocab, settings.site_name)
    feed_of_page = {feed.page: feed for feed in site_feeds}
    pages = [
        feeds.with_feed_link(page, feed_of_page[page.src_uri])
        if page.src_uri in feed_of_page
        else page
        for page in derived_pages(records, vocab, settings.home_intro, site_feeds)
    ]
    files: dict[str, str | bytes] = {}
    if settings.site_url:
        for feed in site_feeds:
            files[feed.path] = feeds.atom(feed, settings.site_url, vocab, settings.site_name)
    files[library.ROWS_SCRIPT] = library.rows_script(records, vocab)
    return DerivedSite(pages, site_feeds, files)


def derived_pages(
    records: Sequence[ArticleRecord],
    vocab: Vocabularies,
    home_intro: str,
    site_feeds: Sequence[feeds.Feed],
) -> list[derive.SitePage]:
    themes = by_key(records, lambda r: [t for t in r.themes if vocab.theme(t)])
    authors = by_key(records, lambda r: [r.author] if r.author else [])
    outlets = by_key(records, lambda r: [r.outlet] if r.outlet else [])
    entities = by_key(records, lambda r: [e for e in r.entities if vocab.entity(e)])
    statements = derive.statements_by_speaker(records)
    return [
        derive.statements_index(statements, vocab),
        *derive.timeline_pages(records, vocab),
        derive.home_page(records, vocab, home_intro),
        library.library_page(records, vocab),
        *archive.archive_pages(records),
        feeds.feeds_page(site_feeds),
        derive.themes_index(themes, vocab),
        *(derive.theme_page(slug, group, records, vocab) for slug, group in themes.items()),
        derive.name_index(
            "Authors",
            "Everyone who wrote for the collection, with their number of articles.",
            authors,
            "author",
        ),
        *(derive.author_page(name, group) for name, group in authors.items()),
        derive.name_index(
            "Outlets",
            "The publications the articles come from, with their number of articles.",
            outlets,
            "outlet",
        ),
        *(derive.outlet_page(name, group) for name, group in outlets.items()),
        derive.entities_index(entities, vocab),
        *(
            derive.entity_page(vocab.entity(i), group, statements.get(i, ()))
            for i, group in entities.items()
        ),
    ]
