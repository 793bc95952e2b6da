"""Derived pages and blocks as plain Markdown: pure functions of the article records.

Every value that comes from an article (titles, names, bios) is untrusted: it
enters HTML only through the templates (templates.py, which escape it) and
Markdown headings only through clippings.escape. Addresses come from urls.uri.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote as url_quote
from urllib.parse import urlencode

from clippings.contract import article_contract
from clippings.escape import escape_html_attribute as attr
from clippings.escape import escape_inline as esc
from clippings.site.records import ArticleRecord, by_key, newest_added_first
from clippings.site.templates import render
from clippings.site.urls import relative_uri, uri, url
from clippings.vocab import Entity, Vocabularies

__all__ = ["relative_uri"]  # kept here for the callers that know it from derive

# The genres are the article schema's; a label is the genre's name, capitalised.
GENRE_LABELS = {genre: genre.capitalize() for genre in article_contract().genres}


@dataclass(frozen=True)
class SitePage:
    src_uri: str
    markdown: str


def theme_label(slug: str, vocab: Vocabularies) -> str:
    theme = vocab.theme(slug)
    return theme.label if theme else slug


# Article blocks ------------------------------------------------------------------
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
    it whole instead of resolving and validating it (the link test checks every one).
    Built here rather than in a template: an article body has dozens, and a site tens
    of thousands; the values are escaped as the templates escape them."""
    target = attr(url(uri("entity", entity.id), page))
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
# Large blocks (listings, mentions) are HTML with final addresses: MkDocs then stores
# them whole instead of parsing and validating thousands of links, which made listing
# pages the slowest part of a 10,000-article build.
def article_item(record: ArticleRecord, page: str) -> str:
    return render("article-card.html", record=record, page=page)


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
    more = None
    if len(records) > limit:
        query = urlencode(library_filter or {}, quote_via=url_quote)
        more = url(uri("library"), page) + (f"?{query}" if query else "")
    return render("article-list.html", records=ordered, page=page, more=more, total=len(records))


def theme_page(
    slug: str,
    records: Sequence[ArticleRecord],
    all_records: Sequence[ArticleRecord],
    vocab: Vocabularies,
) -> SitePage:
    page = uri("theme", slug)
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
        items = [
            (theme_label(t, vocab), uri("theme", t), n)
            for t, n in sorted(co.items(), key=lambda i: (-i[1], i[0]))
        ]
        lines += [
            "## Often together with",
            "",
            render("name-links.html", items=items, page=page),
            "",
        ]
    return SitePage(page, "\n".join(lines))


def themes_index(groups: dict[str, list[ArticleRecord]], vocab: Vocabularies) -> SitePage:
    page = uri("theme")
    items = [
        (theme.label, uri("theme", theme.slug) if count else None, count)
        for theme in vocab.themes
        for count in [len(groups.get(theme.slug, []))]
    ]
    lines = [
        "# Themes",
        "",
        "Every theme of the collection, with the number of articles about it.",
        "",
        render("name-list.html", items=items, page=page),
    ]
    return SitePage(page, "\n".join(lines) + "\n")


# Pages that grow with the collection and repeat what the articles say: kept out of
# the search index so that it grows with the articles only.
NOT_SEARCHED = "---\nsearch:\n  exclude: true\n---\n\n"


def author_page(name: str, records: Sequence[ArticleRecord]) -> SitePage:
    page = uri("author", name)
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
        lines += [render("author-bio.html", bio=str(bio)), ""]
    lines += [f"## Articles ({len(records)})", "", article_list(records, page, {"author": name})]
    return SitePage(page, NOT_SEARCHED + "\n".join(lines))


def outlet_page(name: str, records: Sequence[ArticleRecord]) -> SitePage:
    page = uri("outlet", name)
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
            render(
                "name-links.html",
                items=[(author, uri("author", author), None) for author in authors],
                page=page,
            ),
            "",
        ]
    return SitePage(page, NOT_SEARCHED + "\n".join(lines))


def entity_page(
    entity: Entity, records: Sequence[ArticleRecord], statements: Sequence = ()
) -> SitePage:
    page = uri("entity", entity.id)
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


def name_index(
    title: str, intro: str, groups: dict[str, list[ArticleRecord]], kind: str
) -> SitePage:
    """The index of authors or outlets (`kind`), with their number of articles."""
    page = uri(kind)
    items = [
        (name, uri(kind, name), len(groups[name])) for name in sorted(groups, key=str.casefold)
    ]
    lines = [f"# {title}", "", intro, "", render("name-list.html", items=items, page=page)]
    return SitePage(page, "\n".join(lines) + "\n")


def entities_index(groups: dict[str, list[ArticleRecord]], vocab: Vocabularies) -> SitePage:
    page = uri("entity")
    lines = ["# People, organisations and places", ""]
    for kind, heading in (
        ("person", "People"),
        ("organisation", "Organisations"),
        ("place", "Places"),
    ):
        entries = [e for e in vocab.entities if e.kind == kind and groups.get(e.id)]
        if entries:
            items = [
                (e.name, uri("entity", e.id), len(groups[e.id]))
                for e in sorted(entries, key=lambda e: e.name.casefold())
            ]
            # No blank line after the list: python-markdown would keep one in the HTML.
            lines += [f"## {heading}", "", render("name-list.html", items=items, page=page)]
    return SitePage(page, "\n".join(lines) + "\n")


def home_page(records: Sequence[ArticleRecord], vocab: Vocabularies, intro: str) -> SitePage:
    page = uri("home")
    theme_groups = by_key(records, lambda r: r.themes)
    body = render(
        "home.html",
        page=page,
        records=records,
        authors=len({r.author for r in records if r.author}),
        outlets=len({r.outlet for r in records if r.outlet}),
        theme_count=len(theme_groups),
        themes=[(t, len(theme_groups[t.slug])) for t in vocab.themes if t.slug in theme_groups],
        latest=newest_added_first(records)[:5],
    )
    return SitePage(page, f"{intro.strip()}\n\n{body}\n")


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
    by_article: dict[str, list[dict]] = {}
    titles: dict[str, ArticleRecord] = {}
    for record, quote in statements:
        by_article.setdefault(record.slug, []).append(quote)
        titles[record.slug] = record
    newest = sorted(by_article, key=lambda s: _newest_first(titles[s]), reverse=True)
    shown = _within_budget(newest[:MAX_LISTED], by_article)
    articles = [
        (titles[slug], by_article[slug])
        for slug in sorted(shown, key=lambda s: titles[s].title.casefold())
    ]
    hidden = len(by_article) - len(shown)
    block = render("statements.html", articles=articles, hidden=hidden, page=page)
    return f"## Statements ({len(statements)})\n\n{block}"


def _newest_first(record: ArticleRecord) -> tuple[str, str]:
    """A sort key; use with reverse=True (as article_list sorts)."""
    return (str(record.meta.get("published") or ""), record.title.casefold())


def statements_index(groups: dict[str, list], vocab: Vocabularies) -> SitePage:
    page = uri("statements")
    ranked = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    items = [(vocab.entity(i), len(group)) for i, group in ranked if vocab.entity(i)]
    lines = [
        "# Statements",
        "",
        "Who said what: direct quotations and reported statements found in the articles, by speaker.",
        "",
        render("statements-index.html", items=items, page=page),
    ]
    return SitePage(page, "\n".join(lines) + "\n")


@dataclass(frozen=True)
class TimelineEntry:
    date: str
    until: str | None
    text: str
    kind: str  # "statement" or "publication"
    sources: tuple[tuple[ArticleRecord, str], ...]  # (article, "#anchor" or "")

    @property
    def themes(self) -> str:
        """The themes of its articles, for the page's theme filter (data-themes)."""
        return " ".join(sorted({t for record, _ in self.sources for t in record.themes}))


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
    page = uri("timeline")
    intro = [
        "Dated statements from the articles and the articles' publication dates. "
        "Each entry links to the paragraph it comes from.",
        "",
    ]
    if len(entries) <= TIMELINE_PAGE_ENTRIES:
        body = [*_timeline_filter(records, vocab), _timeline_years(years, page, "##")]
        return [SitePage(page, "\n".join(["# Timeline", "", *intro, *body]) + "\n")]
    index, pages = [], []
    for year, group in years.items():
        parts = [
            group[start : start + TIMELINE_PAGE_ENTRIES]
            for start in range(0, len(group), TIMELINE_PAGE_ENTRIES)
        ]
        uris = [_timeline_part_uri(year, number) for number in range(1, len(parts) + 1)]
        index.append((year, len(group), uris))
        pages += [
            _timeline_year_page(year, part, uris, number, vocab)
            for number, part in enumerate(parts, start=1)
        ]
    years_list = render("timeline-years.html", years=index, page=page)
    text = "\n".join(["# Timeline", "", *intro, years_list]) + "\n"
    return [SitePage(page, text), *pages]


def _timeline_part_uri(year: str, number: int) -> str:
    return uri("timeline", year if number == 1 else f"{year}-{number}")


def _timeline_year_page(
    year: str, group: list[TimelineEntry], uris: list[str], number: int, vocab: Vocabularies
) -> SitePage:
    page = uris[number - 1]
    title = f"# Timeline: {year}" + (f", part {number} of {len(uris)}" if len(uris) > 1 else "")
    body = _timeline_filter([r for e in group for r, _ in e.sources], vocab)
    parts = [f"Part {render('part-links.html', uris=uris, page=page)}", ""] if len(uris) > 1 else []
    text = "\n".join([title, "", *parts, *body, _timeline_years({year: group}, page, None)])
    return SitePage(page, text + "\n")


def _timeline_filter(records: Sequence[ArticleRecord], vocab: Vocabularies) -> list[str]:
    themes = sorted({t for r in records for t in r.themes if vocab.theme(t)})
    labels = [(t, theme_label(t, vocab)) for t in themes]
    return [render("timeline-filter.html", themes=labels), ""]


def _timeline_years(years: dict[str, list[TimelineEntry]], page: str, heading: str | None) -> str:
    lines = []
    for year, group in years.items():
        if heading:
            lines += [f"{heading} {year}", ""]
        entries = render("timeline-list.html", entries=group, page=page, shown=SOURCES_SHOWN)
        lines += [entries, ""]
    return "\n".join(lines)
