"""The Library: every article, at any size of collection.

The page itself holds the newest `FIRST_ROWS` rows as server-rendered HTML, so it
works without JavaScript, is indexable, and weighs the same at 10,000 articles as
at 200. All rows travel in one classic script (`ROWS_SCRIPT`) that the page loads
after it has painted: a classic script, because fetch and modules are blocked on
file:// and the Library must work from disk. The script only calls
`clippingsLibrary(data)`; docs/assets/javascripts/clippings.js filters, sorts and
pages through the rows, and keeps the filters in the address.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from clippings.site.derive import (
    SitePage,
    a,
    author_uri,
    href,
    human_date,
    outlet_uri,
    theme_label,
    time_tag,
)
from clippings.site.offline_search import script_json
from clippings.site.records import ArticleRecord
from clippings.vocab import Vocabularies

PAGE = "library.md"
ROWS_SCRIPT = "assets/library/rows.js"
FIRST_ROWS = 100
# The columns, in order: (key, heading, how the script sorts it).
COLUMNS = (
    ("title", "Title", "text"),
    ("author", "Author", "text"),
    ("outlet", "Outlet", "text"),
    ("date", "Date", "date"),
    ("themes", "Themes", None),
    ("words", "Words", "number"),
)


def newest_first(records: Sequence[ArticleRecord]) -> list[ArticleRecord]:
    """Dated articles newest first, then the undated; the title breaks ties."""
    by_title = sorted(records, key=lambda r: (r.title.casefold(), r.slug))
    dated = sorted((r for r in by_title if r.published), key=lambda r: r.published, reverse=True)
    return dated + [r for r in by_title if not r.published]


def library_page(records: Sequence[ArticleRecord], vocab: Vocabularies) -> SitePage:
    ordered = newest_first(records)
    shown = ordered[:FIRST_ROWS]
    rows = "\n".join(_row(r, vocab) for r in shown)
    table = (
        f'<table data-clip-library data-rows="{href(ROWS_SCRIPT, PAGE)}" '
        f'data-total="{len(ordered)}">\n'
        f"<caption>{_caption(len(shown), len(ordered))}</caption>\n"
        f"<thead><tr>{''.join(_heading(*column) for column in COLUMNS)}</tr></thead>\n"
        f"<tbody>\n{rows}\n</tbody>\n</table>\n"
    )
    more = (
        f'<p class="clip-library-more" hidden><button type="button" class="md-button">'
        f"Show {FIRST_ROWS} more</button></p>\n"
    )
    # No table of contents: the table gets the full width of the page.
    return SitePage(PAGE, f"---\nhide:\n  - toc\n---\n\n# Library\n\n{_intro()}\n{table}{more}")


def _caption(shown: int, total: int) -> str:
    if shown == total:
        return f"All {total} articles, newest first"
    return (
        f"The newest {shown} of {total} articles. The archive, themes, authors and outlets "
        f"list the others; with JavaScript, this table filters and pages through all of them."
    )


def _intro() -> str:
    """The filters, hidden until the script has the rows to filter."""
    selects = "".join(
        f'<label>{label} <select data-filter="{key}"><option value="">All</option></select></label>'
        for key, label in (
            ("theme", "Theme"),
            ("author", "Author"),
            ("outlet", "Outlet"),
            ("year", "Year"),
        )
    )
    return (
        "Every article in the collection. Filter by text, theme, author, outlet or year; "
        "click a column heading to sort. A filtered view keeps its address, so it can be linked.\n\n"
        '<form class="clip-library-filters" role="search" hidden>'
        '<input class="clip-filter" type="search" data-filter="q" '
        'placeholder="Filter by title, author, outlet or theme" aria-label="Filter the library">'
        f"{selects}</form>\n"
        '<p class="clip-library-status" role="status" aria-live="polite"></p>\n'
    )


def _heading(key: str, label: str, sort: str | None) -> str:
    numeric = ' style="text-align: right;"' if sort == "number" else ""
    if sort is None:
        return f"<th{numeric}>{label}</th>"
    state = ' aria-sort="descending"' if key == "date" else ""
    return f'<th data-key="{key}" data-sort-type="{sort}"{numeric}{state}>{label}</th>'


def _row(record: ArticleRecord, vocab: Vocabularies) -> str:
    author = a(record.author, author_uri(record.author), PAGE) if record.author else "—"
    outlet = a(record.outlet, outlet_uri(record.outlet), PAGE) if record.outlet else "—"
    themes = html.escape(", ".join(theme_label(t, vocab) for t in record.themes))
    return (
        f"<tr><td>{a(record.title, record.src_uri, PAGE)}</td><td>{author}</td><td>{outlet}</td>"
        f"<td>{time_tag(record.published)}</td><td>{themes}</td>"
        f'<td style="text-align: right;">{_words(record)}</td></tr>'
    )


def _words(record: ArticleRecord) -> int:
    return int(record.meta.get("words") or 0)


def rows_script(records: Sequence[ArticleRecord], vocab: Vocabularies) -> str:
    """Every row as compact JSON inside one call; names and themes by index into lists.

    Links are relative to library.html. Untrusted text is data here: the script
    puts it into the page with textContent, never as HTML.
    """
    ordered = newest_first(records)
    themes = sorted({t for r in ordered for t in r.themes})
    authors = sorted({r.author for r in ordered if r.author}, key=str.casefold)
    outlets = sorted({r.outlet for r in ordered if r.outlet}, key=str.casefold)
    theme_index = {slug: i for i, slug in enumerate(themes)}
    author_index = {name: i for i, name in enumerate(authors)}
    outlet_index = {name: i for i, name in enumerate(outlets)}
    data: dict[str, Any] = {
        "themes": [[slug, theme_label(slug, vocab)] for slug in themes],
        "authors": [[name, _html_uri(author_uri(name))] for name in authors],
        "outlets": [[name, _html_uri(outlet_uri(name))] for name in outlets],
        "rows": [
            [
                r.title,
                _html_uri(r.src_uri),
                author_index.get(r.author, -1) if r.author else -1,
                outlet_index.get(r.outlet, -1) if r.outlet else -1,
                r.published or "",
                human_date(r.published) or "unknown",
                [theme_index[t] for t in r.themes],
                _words(r),
            ]
            for r in ordered
        ],
    }
    return f"clippingsLibrary({script_json(data)});\n"


def _html_uri(src_uri: str) -> str:
    return src_uri[:-3] + ".html" if src_uri.endswith(".md") else src_uri
