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

from collections.abc import Sequence
from typing import Any

from clippings.dates import human as human_date
from clippings.site.derive import SitePage, theme_label
from clippings.site.offline_search import script_json
from clippings.site.records import ArticleRecord
from clippings.site.templates import render
from clippings.site.urls import built, uri
from clippings.vocab import Vocabularies

PAGE = uri("library")
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
FILTERS = (("theme", "Theme"), ("author", "Author"), ("outlet", "Outlet"), ("year", "Year"))


def newest_first(records: Sequence[ArticleRecord]) -> list[ArticleRecord]:
    """Dated articles newest first, then the undated; the title breaks ties."""
    by_title = sorted(records, key=lambda r: (r.title.casefold(), r.slug))
    dated = sorted((r for r in by_title if r.published), key=lambda r: r.published, reverse=True)
    return dated + [r for r in by_title if not r.published]


def library_page(records: Sequence[ArticleRecord], vocab: Vocabularies) -> SitePage:
    ordered = newest_first(records)
    body = render(
        "library.html",
        page=PAGE,
        shown=ordered[:FIRST_ROWS],
        total=len(ordered),
        step=FIRST_ROWS,
        rows_script=ROWS_SCRIPT,
        columns=COLUMNS,
        filters=FILTERS,
        labels={t.slug: t.label for t in vocab.themes},
    )
    # No table of contents: the table gets the full width of the page.
    return SitePage(PAGE, f"---\nhide:\n  - toc\n---\n\n# Library\n\n{body}\n")


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
        "authors": [[name, built(uri("author", name))] for name in authors],
        "outlets": [[name, built(uri("outlet", name))] for name in outlets],
        "rows": [
            [
                r.title,
                built(r.src_uri),
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
