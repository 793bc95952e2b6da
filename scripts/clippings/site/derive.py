"""Derived pages and blocks as plain Markdown: pure functions of the article records.

Every value that comes from an article (titles, names, bios) is untrusted and is
escaped with clippings.escape before it enters Markdown.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote as url_quote

from clippings.cite import MONTHS
from clippings.escape import escape_html_attribute as attr
from clippings.escape import escape_inline as esc
from clippings.site.records import ArticleRecord, by_key, name_slug
from clippings.site.related import Related
from clippings.vocab import Entity, Vocabularies

GENRE_LABELS = {
    "opinion": "Opinion",
    "interview": "Interview",
    "analysis": "Analysis",
    "news": "News",
}


@dataclass(frozen=True)
class SitePage:
    src_uri: str
    markdown: str


def link(text: str, target: str, page: str) -> str:
    """A Markdown link from page `page` to `target` (both src URIs), text already escaped."""
    relative = posixpath.relpath(target, posixpath.dirname(page) or ".")
    return f"[{text}]({relative})"


def href(target: str, page: str) -> str:
    """The built URL of `target` relative to `page` (use_directory_urls is off: x.md -> x.html).

    Large blocks (listings, mentions) are written as HTML with these URLs: MkDocs
    then stores them whole instead of parsing and validating thousands of links,
    which made listing pages the slowest part of a 10,000-article build.
    """
    relative = posixpath.relpath(target, posixpath.dirname(page) or ".")
    return attr(relative[:-3] + ".html" if relative.endswith(".md") else relative)


def author_uri(name: str) -> str:
    return f"authors/{name_slug(name)}.md"


def outlet_uri(name: str) -> str:
    return f"outlets/{name_slug(name)}.md"


def human_date(value: str | None) -> str | None:
    if not value:
        return None
    parts = str(value).split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    return f"{int(parts[2])} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


def theme_label(slug: str, vocab: Vocabularies) -> str:
    theme = vocab.theme(slug)
    return theme.label if theme else slug


# Article blocks ------------------------------------------------------------------
# Footer sections repeat what other pages say; kept out of the search index
# (Material's data-search-exclude) so that searching finds the article's own text.
NO_SEARCH = "{ data-search-exclude }"


def a(text: str, target: str, page: str, css: str = "") -> str:
    """An HTML link; `text` is untrusted and escaped here."""
    css_attribute = f' class="{css}"' if css else ""
    return f'<a href="{href(target, page)}"{css_attribute}>{html.escape(text)}</a>'


def byline(record: ArticleRecord, page: str) -> str:
    parts = []
    if record.author:
        parts.append("By " + a(record.author, author_uri(record.author), page))
    if record.outlet:
        parts.append(a(record.outlet, outlet_uri(record.outlet), page))
    if record.meta.get("genre") in GENRE_LABELS:
        parts.append(GENRE_LABELS[record.meta["genre"]])
    if date := human_date(record.meta.get("published")):
        parts.append(html.escape(date))
    parts.append(f"{record.meta.get('reading_time', 1)} min read")
    return " · ".join(parts)


def theme_chips(record: ArticleRecord, vocab: Vocabularies, page: str) -> str:
    chips = [
        a(theme_label(slug, vocab), f"themes/{slug}.md", page, "clip-chip")
        for slug in record.themes
        if vocab.theme(slug)
    ]
    return " ".join(chips)


def article_header(record: ArticleRecord, vocab: Vocabularies) -> str:
    page = record.src_uri
    lines = [f"# {esc(record.title)}", ""]
    if subtitle := record.meta.get("subtitle"):
        lines += [f'<p class="clip-subtitle">{html.escape(subtitle)}</p>', ""]
    lines += [f'<p class="clip-byline">{byline(record, page)}</p>', ""]
    if chips := theme_chips(record, vocab, page):
        lines += [f'<p class="clip-chips">{chips}</p>', ""]
    return "\n".join(lines) + "\n"


def article_footer(
    record: ArticleRecord, vocab: Vocabularies, related: Sequence[Related], titles: dict[str, str]
) -> str:
    page = record.src_uri
    blocks = []
    if bio := record.meta.get("author_bio"):
        name = esc(record.author) if record.author else "the author"
        blocks.append(f'## About {name}\n\n<div class="clip-bio">{html.escape(bio)}</div>\n')
    mentioned = [vocab.entity(e) for e in record.entities if vocab.entity(e)]
    if mentioned:
        items = ", ".join(
            f'<a href="{href(f"entities/{e.id}.md", page)}">{html.escape(e.name)}</a>'
            for e in mentioned
        )
        blocks.append(
            f'## Mentioned in this article {NO_SEARCH}\n\n<p class="clip-mentions">{items}</p>\n'
        )
    if related:
        items = "".join(
            f"<li>{a(titles[r.slug], f'articles/{r.slug}.md', page)}</li>" for r in related
        )
        blocks.append(f"## Related articles {NO_SEARCH}\n\n<ul>{items}</ul>\n")
    blocks.append(provenance(record, page))
    return "\n".join(blocks)


def provenance(record: ArticleRecord, page: str) -> str:
    meta = record.meta
    lines = [f"## Provenance {NO_SEARCH}", ""]
    if url := meta.get("url"):
        lines.append(f"- Original: [{esc(url)}]({_safe_url(url)})")
    if source := meta.get("source"):
        lines.append(f"- Raw text: {a(source.split('/')[-1], source, page)}")
    if digest := meta.get("source_sha256"):
        lines.append(f"- SHA-256: `{digest}`")
    dropped = meta.get("dropped") or []
    if dropped:
        counts = Counter(d.get("as", "?") for d in dropped)
        summary = ", ".join(f"{esc(label)} ×{count}" for label, count in sorted(counts.items()))
        lines.append(f"- Removed by the cleaner ({len(dropped)} lines): {summary}")
    if meta.get("generated_by"):
        lines.append("- Converted by Clippings; corrections go in the source's sidecar.")
    return "\n".join(lines) + "\n"


def _safe_url(url: str) -> str:
    """Only http(s) addresses become links; characters that end a Markdown link are encoded."""
    if not url.startswith(("http://", "https://")):
        return "#"
    return (
        url.replace(" ", "%20")
        .replace("(", "%28")
        .replace(")", "%29")
        .replace("<", "%3C")
        .replace(">", "%3E")
    )


def abbreviations(record: ArticleRecord, vocab: Vocabularies) -> str:
    """Material shows these as tooltips on every acronym in the page (the abbr extension)."""
    lines = [
        f"*[{e.abbreviation}]: {esc(e.name)}"
        for e in (vocab.entity(i) for i in record.entities)
        if e and e.abbreviation
    ]
    return ("\n" + "\n".join(lines) + "\n") if lines else ""


def link_first_mentions(body: str, entities: Sequence[Entity], page: str) -> str:
    """The first mention of each entity in the body (any alias, never in a heading) links to its page.

    One pass with one alternation, longest alias first, so "Kassym-Jomart Tokayev"
    is one mention and not a mention of "Tokayev".
    """
    by_alias: dict[str, Entity] = {}
    for entity in entities:
        for alias in (entity.name, *entity.aliases):
            by_alias.setdefault(esc(alias), entity)
    present = tuple(
        sorted((alias for alias in by_alias if alias in body), key=lambda a: (-len(a), a))
    )
    if not present:
        return body
    pieces, linked, last = [], set(), 0
    for match in _alternation(present).finditer(body):
        entity = by_alias[match.group()]
        if entity.id in linked or _in_heading(body, match.start()):
            continue
        linked.add(entity.id)
        # An HTML anchor with its final URL: MkDocs stores it whole instead of
        # resolving and validating it (the link test checks every one).
        target = href(f"entities/{entity.id}.md", page)
        pieces += [
            body[last : match.start()],
            f'<a href="{target}" title="{attr(entity.name)}">{match.group()}</a>',
        ]
        last = match.end()
    return "".join(pieces) + body[last:]


@lru_cache(maxsize=4096)
def _alternation(aliases: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(alias) for alias in aliases)
    return re.compile(rf"(?<![\w.\-\[/])(?:{alternatives})(?![\w\-\]])")


def _in_heading(body: str, offset: int) -> bool:
    line_start = body.rfind("\n", 0, offset) + 1
    return body.startswith("#", line_start)


# Listings ----------------------------------------------------------------------------
def article_item(record: ArticleRecord, page: str) -> str:
    details = [html.escape(record.author)] if record.author else []
    if record.outlet:
        details.append(html.escape(record.outlet))
    details.append(f"{record.meta.get('reading_time', 1)} min read")
    description = html.escape(str(record.meta.get("description") or ""))
    return (
        f'<li><a href="{href(record.src_uri, page)}"><strong>{html.escape(record.title)}</strong></a>'
        f'<br><span class="clip-meta">{" · ".join(details)}</span><br>{description}</li>'
    )


# A listing page shows at most this many articles, newest first, and sends the
# reader to the library (filtered) for the rest: without a cap, theme and entity
# pages grow with the collection and dominate the build at 10,000 articles.
MAX_LISTED = 100


def article_list(records: Sequence[ArticleRecord], page: str, filter_text: str = "") -> str:
    ordered = sorted(
        records,
        key=lambda r: (str(r.meta.get("published") or ""), r.title.casefold()),
        reverse=True,
    )
    if len(ordered) > MAX_LISTED:
        ordered = ordered[:MAX_LISTED]
    else:
        ordered.sort(key=lambda r: r.title.casefold())
    items = "\n".join(article_item(r, page) for r in ordered)
    more = ""
    if len(records) > MAX_LISTED:
        target = href("library.md", page) + "?q=" + url_quote(filter_text)
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
        article_list(records, page, theme.label),
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
    lines += [f"## Articles ({len(records)})", "", article_list(records, page, name)]
    return SitePage(page, NOT_SEARCHED + "\n".join(lines))


def outlet_page(name: str, records: Sequence[ArticleRecord]) -> SitePage:
    page = outlet_uri(name)
    authors = sorted({r.author for r in records if r.author}, key=str.casefold)
    lines = [
        f"# {esc(name)}",
        "",
        f"## Articles ({len(records)})",
        "",
        article_list(records, page, name),
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
        article_list(records, page, entity.name),
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


def library_page(records: Sequence[ArticleRecord], vocab: Vocabularies) -> SitePage:
    page = "library.md"
    head = "| Title | Author | Outlet | Themes | Words |\n|---|---|---|---|---:|"
    rows = []
    for r in sorted(records, key=lambda r: r.title.casefold()):
        author = link(esc(r.author), author_uri(r.author), page) if r.author else "—"
        outlet = link(esc(r.outlet), outlet_uri(r.outlet), page) if r.outlet else "—"
        themes = ", ".join(esc(theme_label(t, vocab)) for t in r.themes)
        rows.append(
            f"| {link(esc(r.title), r.src_uri, page)} | {author} | {outlet} | {themes} | {r.meta.get('words', 0)} |"
        )
    intro = (
        "All articles in one table. Type to filter; click a column heading to sort.\n\n"
        '<input class="clip-filter" type="search" placeholder="Filter by title, author, outlet or theme" aria-label="Filter the library">\n'
    )
    # No table of contents: the table gets the full width of the page.
    return SitePage(
        page, f"---\nhide:\n  - toc\n---\n\n# Library\n\n{intro}\n{head}\n" + "\n".join(rows) + "\n"
    )


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
    latest = sorted(
        records, key=lambda r: (str(r.meta.get("published") or ""), r.slug), reverse=True
    )[:5]
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
def cite_box(record: ArticleRecord, page_url: str | None, accessed) -> str:
    """APA, Chicago and BibTeX, each in a code block (Material adds a copy button)."""
    from clippings.cite import citations

    entries = citations(record.meta, page_url, accessed)
    blocks = [
        f'<p class="clip-cite-label">{label}</p>\n<pre class="clip-cite"><code>{html.escape(entries[key])}</code></pre>'
        for key, label in (("apa", "APA"), ("chicago", "Chicago"), ("bibtex", "BibTeX"))
    ]
    return f"## Cite this article {NO_SEARCH}\n\n" + "\n\n".join(blocks) + "\n"


def statements_by_speaker(
    records: Sequence[ArticleRecord],
) -> dict[str, list[tuple[ArticleRecord, dict]]]:
    groups: dict[str, list[tuple[ArticleRecord, dict]]] = {}
    for record in records:
        for quote in record.meta.get("quotes") or []:
            if quote.get("speaker"):
                groups.setdefault(quote["speaker"], []).append((record, quote))
    return groups


def statements_block(
    entity: Entity, statements: Sequence[tuple[ArticleRecord, dict]], page: str
) -> str:
    """A person's statements, grouped by article, each linking to its paragraph."""
    if not statements:
        return ""
    lines = [f"## Statements ({len(statements)})", ""]
    by_article: dict[str, list[dict]] = {}
    titles: dict[str, ArticleRecord] = {}
    for record, quote in statements:
        by_article.setdefault(record.slug, []).append(quote)
        titles[record.slug] = record
    for slug in sorted(by_article, key=lambda s: titles[s].title.casefold()):
        record = titles[slug]
        lines.append(
            f'<h3 class="clip-statement-source">{a(record.title, record.src_uri, page)}</h3>'
        )
        lines.append('<ul class="clip-statements">')
        for quote in by_article[slug]:
            target = href(record.src_uri, page) + "#" + attr(quote["anchor"])
            lines.append(f'<li><a href="{target}">“{html.escape(quote["text"])}”</a></li>')
        lines.append("</ul>")
    return "\n".join(lines) + "\n"


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


def timeline_page(records: Sequence[ArticleRecord], vocab: Vocabularies) -> SitePage:
    """Dated statements and publications by year, filterable by theme."""
    page = "timeline.md"
    events = []
    for record in records:
        for item in record.meta.get("dated") or []:
            events.append(
                (
                    item["date"],
                    item.get("until"),
                    item["text"],
                    record,
                    "#" + item["anchor"],
                    "statement",
                )
            )
        if record.meta.get("published"):
            events.append(
                (
                    record.meta["published"],
                    None,
                    f"Published: {record.title}",
                    record,
                    "",
                    "publication",
                )
            )
    events.sort(key=lambda e: (e[0], e[3].slug, e[2]))
    themes = sorted({t for r in records for t in r.themes if vocab.theme(t)})
    options = "".join(
        f'<option value="{t}">{html.escape(theme_label(t, vocab))}</option>' for t in themes
    )
    lines = [
        "# Timeline",
        "",
        "Dated statements from the articles and the articles' publication dates. "
        "Each entry links to the paragraph it comes from.",
        "",
        f'<label class="clip-timeline-filter">Theme <select class="clip-theme-filter"><option value="">All themes</option>{options}</select></label>',
        "",
    ]
    year = None
    for date, until, text, record, fragment, kind in events:
        if date[:4] != year:
            if year is not None:
                lines.append("</ul>")
            year = date[:4]
            lines += [f"## {year}", "", '<ul class="clip-timeline">']
        when = human_date(date) + (f"–{until}" if until else "")
        target = href(record.src_uri, page) + fragment
        data = attr(" ".join(record.themes))
        lines.append(
            f'<li class="clip-{kind}" data-themes="{data}"><span class="clip-when">{html.escape(when)}</span> '
            f'{html.escape(text)} <a href="{target}">{html.escape(record.title)}</a></li>'
        )
    if year is not None:
        lines.append("</ul>")
    return SitePage(page, "\n".join(lines) + "\n")
