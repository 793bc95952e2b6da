"""Derived pages and blocks as plain Markdown: pure functions of the article records.

Every value that comes from an article (titles, names, bios) is untrusted and is
escaped with clippings.escape before it enters Markdown.
"""

from __future__ import annotations

import html
import posixpath
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote as url_quote
from urllib.parse import urlencode

from clippings.contract import article_contract
from clippings.dates import human as human_date
from clippings.escape import escape_html_attribute as attr
from clippings.escape import escape_inline as esc
from clippings.site.records import ArticleRecord, by_key, name_slug, newest_added_first
from clippings.vocab import Entity, Vocabularies

# The genres are the article schema's; a label is the genre's name, capitalised.
GENRE_LABELS = {genre: genre.capitalize() for genre in article_contract().genres}


@dataclass(frozen=True)
class SitePage:
    src_uri: str
    markdown: str


@lru_cache(maxsize=1024)
def _folder_prefix(target_folder: str, page_folder: str) -> str:
    relative = posixpath.relpath(target_folder or ".", page_folder or ".")
    return "" if relative == "." else relative + "/"


def relative_uri(target: str, page: str) -> str:
    """`target` relative to the folder of `page` (both src URIs).

    posixpath.relpath resolves both against the working directory on every call;
    a site has a handful of folders and tens of thousands of links, so the
    folder-to-folder part is computed once per pair.
    """
    folder, _, name = target.rpartition("/")
    return _folder_prefix(folder, posixpath.dirname(page)) + name


def link(text: str, target: str, page: str) -> str:
    """A Markdown link from page `page` to `target` (both src URIs), text already escaped."""
    return f"[{text}]({relative_uri(target, page)})"


def href(target: str, page: str) -> str:
    """The built URL of `target` relative to `page` (use_directory_urls is off: x.md -> x.html).

    Large blocks (listings, mentions) are written as HTML with these URLs: MkDocs
    then stores them whole instead of parsing and validating thousands of links,
    which made listing pages the slowest part of a 10,000-article build.
    """
    relative = relative_uri(target, page)
    return attr(relative[:-3] + ".html" if relative.endswith(".md") else relative)


def author_uri(name: str) -> str:
    return f"authors/{name_slug(name)}.md"


def outlet_uri(name: str) -> str:
    return f"outlets/{name_slug(name)}.md"


def theme_label(slug: str, vocab: Vocabularies) -> str:
    theme = vocab.theme(slug)
    return theme.label if theme else slug


# Article blocks ------------------------------------------------------------------
def a(text: str, target: str, page: str, css: str = "") -> str:
    """An HTML link; `text` is untrusted and escaped here."""
    css_attribute = f' class="{css}"' if css else ""
    return f'<a href="{href(target, page)}"{css_attribute}>{html.escape(text)}</a>'


def abbreviations(record: ArticleRecord, vocab: Vocabularies) -> str:
    """Material shows these as tooltips on every acronym in the page (the abbr extension)."""
    lines = [
        f"*[{e.abbreviation}]: {esc(e.name)}"
        for e in (vocab.entity(i) for i in record.entities)
        if e and e.abbreviation
    ]
    return ("\n" + "\n".join(lines) + "\n") if lines else ""


def first_mentions(body: str, entities: Sequence[Entity]) -> list[tuple[int, str, Entity]]:
    """Where each entity is first mentioned in the body (any alias, never in a heading).

    Mentions are taken left to right, the longest alias first at each position, so
    "Kassym-Jomart Tokayev" is one mention and not a mention of "Tokayev" (the
    semantics of one regex alternation, without compiling one per article).
    """
    by_alias: dict[str, Entity] = {}
    for entity in entities:
        for alias in (entity.name, *entity.aliases):
            by_alias.setdefault(esc(alias), entity)
    mentions = sorted(
        (start, -len(alias), alias)
        for alias in by_alias
        if alias in body
        for start in _occurrences(body, alias)
    )
    found, linked, consumed = [], set(), 0
    for start, _, alias in mentions:
        if start < consumed:
            continue
        consumed = start + len(alias)
        entity = by_alias[alias]
        if entity.id not in linked and not _in_heading(body, start):
            linked.add(entity.id)
            found.append((start, alias, entity))
    return found


def mention_link(entity: Entity, page: str) -> str:
    """The opening tag of a link to an entity's page, with its final URL: MkDocs stores
    it whole instead of resolving and validating it (the link test checks every one)."""
    target = href(f"entities/{entity.id}.md", page)
    return f'<a href="{target}" title="{attr(entity.name)}">'


def link_first_mentions(body: str, entities: Sequence[Entity], page: str) -> str:
    """The body with each entity's first mention wrapped in a link to its page."""
    pieces, last = [], 0
    for start, alias, entity in first_mentions(body, entities):
        pieces += [body[last:start], mention_link(entity, page), alias, "</a>"]
        last = start + len(alias)
    return "".join(pieces) + body[last:]


def _occurrences(body: str, alias: str):
    """Where `alias` stands as a name: not glued to a word, a path, a link or a hyphenated compound."""
    start = body.find(alias)
    while start >= 0:
        end = start + len(alias)
        before = body[start - 1] if start else " "
        after = body[end] if end < len(body) else " "
        if not _name_glue(before, ".-[/") and not _name_glue(after, "-]"):
            yield start
        start = body.find(alias, start + 1)


def _name_glue(char: str, extra: str) -> bool:
    return char.isalnum() or char == "_" or char in extra


def _in_heading(body: str, offset: int) -> bool:
    line_start = body.rfind("\n", 0, offset) + 1
    return body.startswith("#", line_start)


# Listings ----------------------------------------------------------------------------
def time_tag(value: str | None) -> str:
    """A date as people read it, with its ISO form for machines; "unknown" without one."""
    if not value:
        return "unknown"
    return f'<time datetime="{attr(value)}">{html.escape(human_date(value) or value)}</time>'


def card_dates(record: ArticleRecord) -> str:
    """Both dates a reader of a collection asks about: when it appeared, and when we took it in."""
    dates = f"Published {time_tag(record.published)}"
    if record.added:
        dates += f" · added {time_tag(record.added)}"
    return f'<span class="clip-dates">{dates}</span>'


def article_item(record: ArticleRecord, page: str) -> str:
    details = [html.escape(record.author)] if record.author else []
    if record.outlet:
        details.append(html.escape(record.outlet))
    details.append(f"{record.meta.get('reading_time', 1)} min read")
    description = html.escape(str(record.meta.get("description") or ""))
    return (
        f'<li><a href="{href(record.src_uri, page)}"><strong>{html.escape(record.title)}</strong></a>'
        f'<br><span class="clip-meta">{" · ".join(details)}</span>'
        f"<br>{card_dates(record)}<br>{description}</li>"
    )


# A listing page shows at most this many articles, newest first, and sends the
# reader to the library (filtered) for the rest: without a cap, theme and entity
# pages grow with the collection and dominate the build at 10,000 articles.
MAX_LISTED = 100


def article_list(
    records: Sequence[ArticleRecord],
    page: str,
    library_filter: dict[str, str] | None = None,
    limit: int = MAX_LISTED,
) -> str:
    """Up to `limit` articles; past that, a link to the library filtered to the rest
    (`library_filter`: its address parameters, e.g. {"theme": "energy"})."""
    ordered = sorted(records, key=_newest_first, reverse=True)
    if len(ordered) > limit:
        ordered = ordered[:limit]
    else:
        ordered.sort(key=lambda r: r.title.casefold())
    items = "\n".join(article_item(r, page) for r in ordered)
    more = ""
    if len(records) > limit:
        query = urlencode(library_filter or {}, quote_via=url_quote)
        target = href("library.md", page) + (f"?{attr(query)}" if query else "")
        more = f'\n<p class="clip-more"><a href="{target}">All {len(records)} articles in the library</a></p>\n'
    return f'<ul class="clip-list">\n{items}\n</ul>\n{more}'


def theme_page(
    slug: str,
    records: Sequence[ArticleRecord],
    all_records: Sequence[ArticleRecord],
    vocab: Vocabularies,
) -> SitePage:
    page = f"themes/{slug}.md"
    theme = vocab.theme(slug)
    co = Counter(t for r in records for t in r.themes if t != slug)
    lines = [
        f"# {esc(theme.label)}",
        "",
        esc(theme.description),
        "",
        f"## Articles ({len(records)})",
        "",
        article_list(records, page, {"theme": slug}),
    ]
    if co:
        items = ", ".join(
            f"{link(esc(theme_label(t, vocab)), f'themes/{t}.md', page)} ({n})"
            for t, n in sorted(co.items(), key=lambda i: (-i[1], i[0]))
        )
        lines += ["## Often together with", "", items, ""]
    return SitePage(page, "\n".join(lines))


def themes_index(groups: dict[str, list[ArticleRecord]], vocab: Vocabularies) -> SitePage:
    page = "themes/index.md"
    lines = [
        "# Themes",
        "",
        "Every theme of the collection, with the number of articles about it.",
        "",
    ]
    for theme in vocab.themes:
        count = len(groups.get(theme.slug, []))
        name = (
            link(esc(theme.label), f"themes/{theme.slug}.md", page) if count else esc(theme.label)
        )
        lines.append(f"- {name} ({count})")
    return SitePage(page, "\n".join(lines) + "\n")


# Pages that grow with the collection and repeat what the articles say: kept out of
# the search index so that it grows with the articles only.
NOT_SEARCHED = "---\nsearch:\n  exclude: true\n---\n\n"


def author_page(name: str, records: Sequence[ArticleRecord]) -> SitePage:
    page = author_uri(name)
    bio = next(
        (
            r.meta["author_bio"]
            for r in sorted(records, key=lambda r: r.slug)
            if r.meta.get("author_bio")
        ),
        None,
    )
    lines = [f"# {esc(name)}", ""]
    if bio:
        lines += [f'<div class="clip-bio">{html.escape(bio)}</div>', ""]
    lines += [f"## Articles ({len(records)})", "", article_list(records, page, {"author": name})]
    return SitePage(page, NOT_SEARCHED + "\n".join(lines))


def outlet_page(name: str, records: Sequence[ArticleRecord]) -> SitePage:
    page = outlet_uri(name)
    authors = sorted({r.author for r in records if r.author}, key=str.casefold)
    lines = [
        f"# {esc(name)}",
        "",
        f"## Articles ({len(records)})",
        "",
        article_list(records, page, {"outlet": name}),
    ]
    if authors:
        lines += [
            "## Authors",
            "",
            ", ".join(link(esc(author), author_uri(author), page) for author in authors),
            "",
        ]
    return SitePage(page, NOT_SEARCHED + "\n".join(lines))


def entity_page(
    entity: Entity, records: Sequence[ArticleRecord], statements: Sequence = ()
) -> SitePage:
    page = f"entities/{entity.id}.md"
    kind = {"person": "Person", "organisation": "Organisation", "place": "Place"}[entity.kind]
    lines = [f"# {esc(entity.name)}", "", f"*{kind}*", ""]
    if entity.description:
        lines += [esc(entity.description), ""]
    aliases = [alias for alias in entity.aliases if alias != entity.name]
    if aliases:
        lines += ["Also written: " + ", ".join(esc(alias) for alias in aliases), ""]
    lines.append(statements_block(entity, statements, page))
    lines += [
        f"## Articles that mention it ({len(records)})",
        "",
        article_list(records, page, {"q": entity.name}),
    ]
    return SitePage(page, NOT_SEARCHED + "\n".join(lines))


def name_index(title: str, intro: str, groups: dict[str, list[ArticleRecord]], uri) -> SitePage:
    page = uri("index")
    lines = [f"# {title}", "", intro, ""]
    for name in sorted(groups, key=str.casefold):
        lines.append(f"- {link(esc(name), uri(name), page)} ({len(groups[name])})")
    return SitePage(page, "\n".join(lines) + "\n")


def entities_index(groups: dict[str, list[ArticleRecord]], vocab: Vocabularies) -> SitePage:
    page = "entities/index.md"
    lines = ["# People, organisations and places", ""]
    for kind, heading in (
        ("person", "People"),
        ("organisation", "Organisations"),
        ("place", "Places"),
    ):
        entries = [e for e in vocab.entities if e.kind == kind and groups.get(e.id)]
        if entries:
            lines += [f"## {heading}", ""]
            lines += [
                f"- {link(esc(e.name), f'entities/{e.id}.md', page)} ({len(groups[e.id])})"
                for e in sorted(entries, key=lambda e: e.name.casefold())
            ]
            lines.append("")
    return SitePage(page, "\n".join(lines) + "\n")


def home_page(records: Sequence[ArticleRecord], vocab: Vocabularies, intro: str) -> SitePage:
    page = "index.md"
    authors = {r.author for r in records if r.author}
    outlets = {r.outlet for r in records if r.outlet}
    themes = {t for r in records for t in r.themes}
    stats = (
        f"<strong>{len(records)}</strong> articles · <strong>{len(authors)}</strong> authors · "
        f"<strong>{len(outlets)}</strong> outlets · <strong>{len(themes)}</strong> themes"
    )
    theme_groups = by_key(records, lambda r: r.themes)
    browse = " ".join(
        a(f"{t.label} ({len(theme_groups[t.slug])})", f"themes/{t.slug}.md", page, "clip-chip")
        for t in vocab.themes
        if t.slug in theme_groups
    )
    latest = newest_added_first(records)[:5]
    lines = [
        intro.strip(),
        "",
        f'<p class="clip-stats">{stats}</p>',
        "",
        "## Browse by theme",
        "",
        f'<p class="clip-chips">{browse}</p>',
        "",
        "Or browse "
        + link("by outlet", "outlets/index.md", page)
        + ", "
        + link("by author", "authors/index.md", page)
        + ", "
        + link("by who is mentioned", "entities/index.md", page)
        + ", or see the whole "
        + link("library", "library.md", page)
        + ".",
        "",
        "## Latest additions",
        "",
        '<ul class="clip-list">' + "".join(article_item(r, page) for r in latest) + "</ul>",
        "",
    ]
    return SitePage(page, "\n".join(lines))


# Research pages: statements, timeline, citations ---------------------------------------
def statements_by_speaker(
    records: Sequence[ArticleRecord],
) -> dict[str, list[tuple[ArticleRecord, dict]]]:
    groups: dict[str, list[tuple[ArticleRecord, dict]]] = {}
    for record in records:
        for quote in record.meta.get("quotes") or []:
            if quote.get("speaker"):
                groups.setdefault(quote["speaker"], []).append((record, quote))
    return groups


# An entity page lists at most this many statements (quotes run long: 150 of them are
# about 60 KB), from the newest articles that fit whole.
MAX_STATEMENTS = 150


def _within_budget(slugs: list[str], quotes: dict[str, list[dict]]) -> list[str]:
    """The first articles whose statements fit in MAX_STATEMENTS (always at least one)."""
    shown, total = [], 0
    for slug in slugs:
        total += len(quotes[slug])
        if shown and total > MAX_STATEMENTS:
            break
        shown.append(slug)
    return shown


def statements_block(
    entity: Entity, statements: Sequence[tuple[ArticleRecord, dict]], page: str
) -> str:
    """A person's statements, grouped by article, each linking to its paragraph.

    At most MAX_LISTED articles and MAX_STATEMENTS statements, the newest, so that
    the page does not grow with the collection; the rest are counted.
    """
    if not statements:
        return ""
    lines = [f"## Statements ({len(statements)})", ""]
    by_article: dict[str, list[dict]] = {}
    titles: dict[str, ArticleRecord] = {}
    for record, quote in statements:
        by_article.setdefault(record.slug, []).append(quote)
        titles[record.slug] = record
    newest = sorted(by_article, key=lambda s: _newest_first(titles[s]), reverse=True)
    shown = _within_budget(newest[:MAX_LISTED], by_article)
    for slug in sorted(shown, key=lambda s: titles[s].title.casefold()):
        record = titles[slug]
        lines.append(
            f'<h3 class="clip-statement-source">{a(record.title, record.src_uri, page)}</h3>'
        )
        lines.append('<ul class="clip-statements">')
        for quote in by_article[slug]:
            target = href(record.src_uri, page) + "#" + attr(quote["anchor"])
            lines.append(f'<li><a href="{target}">“{html.escape(quote["text"])}”</a></li>')
        lines.append("</ul>")
    if hidden := len(by_article) - len(shown):
        lines.append(
            f'<p class="clip-more">Statements in {hidden} older articles are not listed here; '
            "search for the name to find them.</p>"
        )
    return "\n".join(lines) + "\n"


def _newest_first(record: ArticleRecord) -> tuple[str, str]:
    """A sort key; use with reverse=True (as article_list sorts)."""
    return (str(record.meta.get("published") or ""), record.title.casefold())


def statements_index(groups: dict[str, list], vocab: Vocabularies) -> SitePage:
    page = "statements.md"
    lines = [
        "# Statements",
        "",
        "Who said what: direct quotations and reported statements found in the articles, by speaker.",
        "",
    ]
    ranked = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    lines.append('<ul class="clip-list">')
    for entity_id, statements in ranked:
        entity = vocab.entity(entity_id)
        if entity:
            lines.append(
                f"<li>{a(entity.name, f'entities/{entity.id}.md', page)} ({len(statements)})</li>"
            )
    lines.append("</ul>")
    return SitePage(page, "\n".join(lines) + "\n")


@dataclass(frozen=True)
class TimelineEntry:
    date: str
    until: str | None
    text: str
    kind: str  # "statement" or "publication"
    sources: tuple[tuple[ArticleRecord, str], ...]  # (article, "#anchor" or "")


# No timeline page lists more entries than this (about 150 KB): up to it the timeline is
# one page; beyond it, a page per year, and a year with more is split into parts.
TIMELINE_PAGE_ENTRIES = 250
# An entry reported by many articles links to this many and counts the rest.
SOURCES_SHOWN = 3


def timeline_entries(records: Sequence[ArticleRecord]) -> list[TimelineEntry]:
    """Dated statements and publications, oldest first; a sentence that several
    articles repeat word for word is one entry with all of them as sources."""
    grouped: dict[tuple, list[tuple[ArticleRecord, str]]] = {}
    for record in records:
        for item in record.meta.get("dated") or []:
            key = (item["date"], item.get("until"), item["text"], "statement")
            grouped.setdefault(key, []).append((record, "#" + item["anchor"]))
        if record.meta.get("published"):
            key = (record.meta["published"], None, f"Published: {record.title}", "publication")
            grouped.setdefault(key, []).append((record, ""))
    entries = [
        TimelineEntry(date, until, text, kind, tuple(sorted(sources, key=lambda s: s[0].slug)))
        for (date, until, text, kind), sources in grouped.items()
    ]
    return sorted(entries, key=lambda e: (e.date, e.sources[0][0].slug, e.text))


def timeline_pages(records: Sequence[ArticleRecord], vocab: Vocabularies) -> list[SitePage]:
    """One page while the timeline is short; an index of years and a page per year beyond."""
    entries = timeline_entries(records)
    years: dict[str, list[TimelineEntry]] = {}
    for entry in entries:
        years.setdefault(entry.date[:4], []).append(entry)
    intro = [
        "Dated statements from the articles and the articles' publication dates. "
        "Each entry links to the paragraph it comes from.",
        "",
    ]
    if len(entries) <= TIMELINE_PAGE_ENTRIES:
        body = [*_timeline_filter(records, vocab), _timeline_years(years, "timeline.md", "##")]
        return [SitePage("timeline.md", "\n".join(["# Timeline", "", *intro, *body]) + "\n")]
    index = ["# Timeline", "", *intro, '<ul class="clip-list">']
    pages = []
    for year, group in years.items():
        parts = [
            group[start : start + TIMELINE_PAGE_ENTRIES]
            for start in range(0, len(group), TIMELINE_PAGE_ENTRIES)
        ]
        uris = [_timeline_part_uri(year, number) for number in range(1, len(parts) + 1)]
        index.append(
            f"<li>{a(year, uris[0], 'timeline.md')} ({len(group)}){_part_links(uris)}</li>"
        )
        pages += [
            _timeline_year_page(year, part, uris, number, vocab)
            for number, part in enumerate(parts, start=1)
        ]
    index.append("</ul>")
    return [SitePage("timeline.md", "\n".join(index) + "\n"), *pages]


def _timeline_part_uri(year: str, number: int) -> str:
    return f"timeline/{year}.md" if number == 1 else f"timeline/{year}-{number}.md"


def _part_links(uris: list[str], page: str = "timeline.md") -> str:
    """ "parts 1, 2, 3" with links, when a year has more than one page."""
    if len(uris) == 1:
        return ""
    links = ", ".join(a(str(n), uri, page) for n, uri in enumerate(uris, start=1))
    return f" · parts {links}"


def _timeline_year_page(
    year: str, group: list[TimelineEntry], uris: list[str], number: int, vocab: Vocabularies
) -> SitePage:
    uri = uris[number - 1]
    title = f"# Timeline: {year}" + (f", part {number} of {len(uris)}" if len(uris) > 1 else "")
    body = _timeline_filter([r for e in group for r, _ in e.sources], vocab)
    parts = (
        [f"Part {_part_links(uris, uri).removeprefix(' · parts ')}", ""] if len(uris) > 1 else []
    )
    text = "\n".join([title, "", *parts, *body, _timeline_years({year: group}, uri, None)])
    return SitePage(uri, text + "\n")


def _timeline_filter(records: Sequence[ArticleRecord], vocab: Vocabularies) -> list[str]:
    themes = sorted({t for r in records for t in r.themes if vocab.theme(t)})
    options = "".join(
        f'<option value="{t}">{html.escape(theme_label(t, vocab))}</option>' for t in themes
    )
    return [
        f'<label class="clip-timeline-filter">Theme <select class="clip-theme-filter"><option value="">All themes</option>{options}</select></label>',
        "",
    ]


def _timeline_years(years: dict[str, list[TimelineEntry]], page: str, heading: str | None) -> str:
    lines = []
    for year, group in years.items():
        if heading:
            lines += [f"{heading} {year}", ""]
        lines.append('<ul class="clip-timeline">')
        lines += [_timeline_item(entry, page) for entry in group]
        lines += ["</ul>", ""]
    return "\n".join(lines)


def _timeline_item(entry: TimelineEntry, page: str) -> str:
    when = human_date(entry.date) + (f"–{entry.until}" if entry.until else "")
    links = [
        f'<a href="{href(record.src_uri, page)}{attr(fragment)}">{html.escape(record.title)}</a>'
        for record, fragment in entry.sources[:SOURCES_SHOWN]
    ]
    if len(entry.sources) > SOURCES_SHOWN:
        links.append(f"and {len(entry.sources) - SOURCES_SHOWN} more articles")
    themes = attr(" ".join(sorted({t for record, _ in entry.sources for t in record.themes})))
    return (
        f'<li class="clip-{entry.kind}" data-themes="{themes}"><span class="clip-when">{html.escape(when)}</span> '
        f"{html.escape(entry.text)} {', '.join(links)}</li>"
    )
