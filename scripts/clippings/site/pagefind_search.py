"""Hosted search with Pagefind (`search: pagefind` in the clippings plugin, or CLIPPINGS_SEARCH=pagefind).

Material's search loads its whole index into the browser, which stops being usable
past about 1,000 articles. Pagefind indexes the built HTML into a chunked index and
loads only the chunks a query needs, but it cannot run from file://, so it is the
mode for hosted builds and never the default.

Three steps, all kept here so that plugin.py only calls them:

- `disable_material_search`: Material's own search plugin writes no index and its
  header search box disappears (Material's header template checks the option);
- `annotate`: each built article page is marked up for Pagefind: its text (title,
  byline, body) is indexed, its footer (bio, mentions, related, provenance, citations)
  is not, and theme, author and outlet become filters, title/date/author/outlet metadata;
  hand-written pages (about, contribute, ...) are indexed without filters; derived
  listing pages (home, library, themes, authors, outlets, entities, statements,
  timeline) are not indexed: they only repeat article titles, grow with the corpus,
  and the filters reach the same articles;
- `index_site`: the Pagefind binary indexes the built site into site_dir/pagefind.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from clippings.dates import human as human_date

log = logging.getLogger("mkdocs.plugins.clippings")

# Where Pagefind writes its bundle, relative to site_dir; the theme loads the UI from here.
BUNDLE_DIR = "pagefind"
# Headings' permalink "#" signs are not text; left in, every sub-result title ends with "#".
EXCLUDE_SELECTORS = "a.headerlink"

_ARTICLE_OPEN = re.compile(r'<article class="md-content__inner md-typeset"')
_ARTICLE_CLOSE = "</article>"
# The article footer starts at its first section heading: "About <author>" (its bio
# follows) or the first heading our plugin keeps out of Material's search.
_BIO = '<div class="clip-bio">'
_FOOTER_HEADING = re.compile(r"<h2\b[^>]*\bdata-search-exclude\b")
_H2 = re.compile(r"<h2\b")


@dataclass(frozen=True)
class SearchFields:
    """What Pagefind should know about a page besides its text."""

    title: str
    filters: dict[str, list[str]]
    meta: dict[str, str]


def disable_material_search(config) -> bool:
    """Turn off Material's search plugin for this build; True if it was on.

    Material 9.8.2's search plugin checks its `enabled` option in every event, so
    no search_index.json is written, and partials/header.html renders the search
    button and box only when it is enabled.
    """
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    if plugin is None or not plugin.config.enabled:
        return False
    plugin.config.enabled = False
    return True


def article_fields(record, vocab) -> SearchFields:
    """Filters and metadata of one article record (values are plain, unescaped text)."""
    themes = [vocab.theme(t).label for t in record.themes if vocab.theme(t)]
    filters = {"theme": themes}
    if record.author:
        filters["author"] = [record.author]
    if record.outlet:
        filters["outlet"] = [record.outlet]
    meta = {"title": record.title}
    for key in ("author", "outlet"):
        if filters.get(key):
            meta[key] = filters[key][0]
    if date := human_date(record.meta.get("published")):
        meta["date"] = date
    return SearchFields(record.title, {k: v for k, v in filters.items() if v}, meta)


def page_fields(title: str) -> SearchFields:
    return SearchFields(title, {}, {"title": title})


def _tags(fields: SearchFields) -> str:
    """Hidden, empty elements carrying filters and metadata inline (`key:value`).

    Pagefind reads data-pagefind-filter and data-pagefind-meta even inside
    data-pagefind-ignore; an inline value runs to the end of the attribute, so
    commas in a value are safe, and html.escape keeps quotes and markup inert.
    """
    spans = [
        f'<span data-pagefind-filter="{html.escape(key)}:{html.escape(value)}"></span>'
        for key, values in fields.filters.items()
        for value in values
    ]
    spans += [
        f'<span data-pagefind-meta="{html.escape(key)}:{html.escape(value)}"></span>'
        for key, value in fields.meta.items()
    ]
    return (
        '<div hidden data-pagefind-ignore class="clip-pagefind-fields">' + "".join(spans) + "</div>"
    )


def footer_start(content: str) -> int:
    """Offset in `content` (an article's HTML) where its footer sections begin, or -1."""
    bio = content.find(_BIO)
    if bio >= 0:
        heading = max((m.start() for m in _H2.finditer(content, 0, bio)), default=-1)
        if heading >= 0:
            return heading
    match = _FOOTER_HEADING.search(content)
    return match.start() if match else -1


def annotate(output: str, fields: SearchFields, article: bool) -> str:
    """The built page `output` with Pagefind's attributes: its <article> is the indexed
    body, an article's footer is ignored, and `fields` are added as filters and meta.

    Pages without Material's <article> are returned unchanged (and so not indexed).
    """
    opening = _ARTICLE_OPEN.search(output)
    if not opening:
        return output
    tag_end = output.find(">", opening.end()) + 1
    close = output.find(_ARTICLE_CLOSE, tag_end)
    if tag_end <= 0 or close < 0:
        return output
    content = output[tag_end:close]
    if article and (start := footer_start(content)) >= 0:
        content = content[:start] + "<div data-pagefind-ignore>" + content[start:] + "</div>"
    return (
        output[: opening.end()]
        + " data-pagefind-body"
        + output[opening.end() : tag_end]
        + _tags(fields)
        + content
        + output[close:]
    )


def annotate_page(output: str, page, record, vocab) -> str:
    """on_post_page in pagefind mode: articles with filters, hand-written pages plain,
    derived pages (generated by our plugin) left out of the index."""
    if record is not None:
        return annotate(output, article_fields(record, vocab), article=True)
    if page.file.generated_by is None:
        return annotate(output, page_fields(page.title or page.file.name), article=False)
    return output


@dataclass(frozen=True)
class IndexReport:
    pages: int
    seconds: float
    bytes: int
    files: int
    peak_mb: float


def index_site(site_dir: str | Path) -> IndexReport:
    """Index the built site into site_dir/pagefind with the Pagefind binary (pagefind[bin]).

    Not the Python API (pagefind.index.PagefindIndex): its service answers "written"
    before the files are flushed and is then terminated, and in a 5,000-article build
    that left pagefind-component-ui.js cut at 128 KiB. The command line exits only
    when everything is written, and its peak memory can be measured.
    """
    site = Path(site_dir).resolve()
    output = site / BUNDLE_DIR
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--output-subdir",
        BUNDLE_DIR,
        "--exclude-selectors",
        EXCLUDE_SELECTORS,
        "--quiet",
    ]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    messages = process.stdout.read().decode(errors="replace") if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"pagefind failed: {messages[-3000:]}")
    entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = sum(language["page_count"] for language in entry["languages"].values())
    files = [p for p in output.rglob("*") if p.is_file()]
    report = IndexReport(
        pages,
        round(seconds, 2),
        sum(p.stat().st_size for p in files),
        len(files),
        round(usage.ru_maxrss / 1024, 1),
    )
    log.info(
        "Pagefind indexed %d pages in %.1f s (%d files, %.1f MB, peak memory %.0f MB)",
        report.pages,
        report.seconds,
        report.files,
        report.bytes / 1e6,
        report.peak_mb,
    )
    return report
