"""The blocks around an article's body, written as finished HTML.

They are added after python-markdown has run (header and author bio at
`on_page_content`, the rest at `on_post_page`), so MkDocs never parses,
resolves or validates them, and Material's search plugin never reads the
footer: at 10,000 articles, running these blocks through Markdown made our
build three to four times slower than plain Material. Every value that comes
from an article is untrusted and is escaped here.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import markdown

from clippings.cite import citations
from clippings.overrides import EDITOR_REMOVED
from clippings.site import archive
from clippings.site.derive import (
    GENRE_LABELS,
    a,
    author_uri,
    first_mentions,
    href,
    human_date,
    mention_link,
    outlet_uri,
    theme_label,
)
from clippings.site.records import ArticleRecord
from clippings.site.related import Related
from clippings.vocab import Vocabularies


class BodyRenderer:
    """python-markdown with only the extensions an article uses, built once per build.

    MkDocs builds a Markdown instance with every extension the site configures
    for every page, and runs its own link processors over it; article bodies are
    escaped text with paragraph anchors (attr_list), acronyms (abbr) and headings
    (toc), and their links are already final HTML, so the plugin renders them itself.
    """

    EXTENSIONS = ("abbr", "attr_list", "toc")
    _ID = re.compile(r'\sid="([^"]+)"')

    def __init__(self, toc_config: dict | None = None, raw_html: bool = True) -> None:
        self.markdown = markdown.Markdown(
            extensions=list(self.EXTENSIONS), extension_configs={"toc": dict(toc_config or {})}
        )
        if not raw_html:
            # Converted bodies escape every "<", so there is no HTML to find; without
            # these two passes any "<" that got through is printed as text (and 12 % faster).
            self.markdown.preprocessors.deregister("html_block")
            self.markdown.inlinePatterns.deregister("html")

    def render(self, text: str) -> tuple[str, list, set[str]]:
        """HTML, the toc extension's tokens and every id in the HTML (for anchor checks)."""
        self.markdown.reset()
        content = self.markdown.convert(text)
        return content, self.markdown.toc_tokens, set(self._ID.findall(content))


# Entity links go through Markdown as two private-use characters and become tags
# afterwards: python-markdown's inline HTML handling cost more than the rest of
# an article's rendering. Acronyms inside still get their <abbr> tooltip.
MENTION_OPEN, MENTION_CLOSE = "\ue000", "\ue001"


def mark_first_mentions(body: str, entities, page: str) -> tuple[str, list[str]] | None:
    """The body with markers around first mentions, and the link tags they stand for;
    None if the text itself holds a marker character (then links go in as HTML)."""
    if MENTION_OPEN in body or MENTION_CLOSE in body:
        return None
    pieces, tags, last = [], [], 0
    for start, alias, entity in first_mentions(body, entities):
        tags.append(mention_link(entity, page))
        pieces += [body[last:start], MENTION_OPEN, alias, MENTION_CLOSE]
        last = start + len(alias)
    return "".join(pieces) + body[last:], tags


def unmark_first_mentions(content: str, tags: list[str]) -> str | None:
    """The rendered HTML with markers turned into links; None if Markdown moved or lost one."""
    pieces = content.split(MENTION_OPEN)
    if len(pieces) != len(tags) + 1 or content.count(MENTION_CLOSE) != len(tags):
        return None
    linked = pieces[0] + "".join(tag + piece for tag, piece in zip(tags, pieces[1:], strict=True))
    return linked.replace(MENTION_CLOSE, "</a>")


# What search does not need from an article: links (entity mentions, byline,
# theme chips; not the headings' permalinks), acronym tooltips and paragraph ids.
_LINK = re.compile(r'<a (?!class="headerlink")[^<>]*>(.*?)</a>')
_TOOLTIP = re.compile(r"</?abbr\b[^>]*>")
_PARAGRAPH_ID = re.compile(r'<p id="[^"<>]*">')


def search_view(content: str) -> str:
    """The article's HTML with the same words and far fewer tags, for the search index."""
    content = _LINK.sub(r"\1", content)
    return _PARAGRAPH_ID.sub("<p>", _TOOLTIP.sub("", content))


@dataclass(frozen=True)
class Section:
    """A titled block of the page: an h2 with a permalink, as the toc extension writes one."""

    anchor: str
    title: str
    # Built when the page is written: the table of contents needs only titles.
    body: Callable[[], str]
    # Footer sections repeat other pages; the attribute keeps them out of any search
    # index that reads the built page (Pagefind's hosted mode ignores from the first).
    searchable: bool = False

    def html(self, anchor: str | None = None) -> str:
        anchor = html.escape(anchor or self.anchor)
        exclude = "" if self.searchable else " data-search-exclude"
        return (
            f'<h2 id="{anchor}"{exclude}>{html.escape(self.title)}'
            f'<a class="headerlink" href="#{anchor}" title="Permanent link">#</a></h2>\n'
            f"{self.body()}\n"
        )


# Header: after the h1 -----------------------------------------------------------------
def byline(record: ArticleRecord, page: str) -> str:
    parts = []
    if record.author:
        parts.append("By " + a(record.author, author_uri(record.author), page))
    if record.outlet:
        parts.append(a(record.outlet, outlet_uri(record.outlet), page))
    if record.meta.get("genre") in GENRE_LABELS:
        parts.append(GENRE_LABELS[record.meta["genre"]])
    if date := human_date(record.published):
        parts.append(archive_link(record.published, date, page))
    parts.append(f"{record.meta.get('reading_time', 1)} min read")
    return " · ".join(parts)


def archive_link(published: str, text: str, page: str) -> str:
    """The publication date, linking to its month in the archive."""
    year, _, rest = published.partition("-")
    target = href(archive.year_uri(year), page)
    anchor = archive.month_anchor(year, rest[:2] or archive.NO_MONTH)
    return f'<a href="{target}#{anchor}" title="More from this month">{html.escape(text)}</a>'


def theme_chips(record: ArticleRecord, vocab: Vocabularies, page: str) -> str:
    chips = [
        a(theme_label(slug, vocab), f"themes/{slug}.md", page, "clip-chip")
        for slug in record.themes
        if vocab.theme(slug)
    ]
    return " ".join(chips)


def header(record: ArticleRecord, vocab: Vocabularies) -> str:
    """Subtitle, byline and theme chips, placed right after the title."""
    page = record.src_uri
    blocks = []
    if subtitle := record.meta.get("subtitle"):
        blocks.append(f'<p class="clip-subtitle">{html.escape(str(subtitle))}</p>')
    blocks.append(f'<p class="clip-byline">{byline(record, page)}</p>')
    if chips := theme_chips(record, vocab, page):
        blocks.append(f'<p class="clip-chips">{chips}</p>')
    return "\n".join(blocks) + "\n"


# After the body ------------------------------------------------------------------------
def about_author(record: ArticleRecord) -> Section | None:
    """Searchable, unlike the footer: a reader may remember an author by their bio."""
    bio = record.meta.get("author_bio")
    if not bio:
        return None
    title = f"About {record.author}" if record.author else "About the author"
    return Section(
        "about-the-author",
        title,
        lambda: f'<div class="clip-bio">{html.escape(str(bio))}</div>',
        searchable=True,
    )


def mentioned(record: ArticleRecord, vocab: Vocabularies) -> Section | None:
    entities = [vocab.entity(e) for e in record.entities if vocab.entity(e)]
    if not entities:
        return None

    def body() -> str:
        items = ", ".join(a(e.name, f"entities/{e.id}.md", record.src_uri) for e in entities)
        return f'<p class="clip-mentions">{items}</p>'

    return Section("mentioned-in-this-article", "Mentioned in this article", body)


def related_list(
    record: ArticleRecord, related: Callable[[], Sequence[Related]], titles: dict[str, str]
) -> Section:
    """Always a section: whether there are related articles is known only when the
    page is written (they are computed while the pages render)."""

    def body() -> str:
        page = record.src_uri
        items = [f"<li>{a(titles[r.slug], f'articles/{r.slug}.md', page)}</li>" for r in related()]
        if not items:
            return '<p class="clip-none">No other article in the collection is close enough to suggest.</p>'
        return f"<ul>{''.join(items)}</ul>"

    return Section("related-articles", "Related articles", body)


def provenance(record: ArticleRecord) -> Section:
    return Section("provenance", "Provenance", lambda: _provenance_list(record))


def _provenance_list(record: ArticleRecord) -> str:
    meta, page = record.meta, record.src_uri
    items = []
    if url := meta.get("url"):
        items.append(f"Original: {_external_link(str(url))}")
    if source := meta.get("source"):
        items.append(f"Raw text: {a(str(source).split('/')[-1], str(source), page)}")
    if digest := meta.get("source_sha256"):
        items.append(f"SHA-256: <code>{html.escape(str(digest))}</code>")
    labels = [str(d.get("as", "?")) for d in meta.get("dropped") or [] if isinstance(d, dict)]
    if cleaners := [label for label in labels if label != EDITOR_REMOVED]:
        counts = Counter(cleaners)
        summary = ", ".join(
            f"{html.escape(label)} ×{count}" for label, count in sorted(counts.items())
        )
        items.append(f"Removed by the cleaner ({len(cleaners)} lines): {summary}")
    if editors := labels.count(EDITOR_REMOVED):
        sidecar = html.escape(str(meta.get("source", "")).removesuffix(".txt") + ".yml")
        lines = "line" if editors == 1 else "lines"
        items.append(f"Removed by the editor ({editors} {lines}), in <code>{sidecar}</code>")
    if record.added:
        items.append(f"Added to the collection: {html.escape(human_date(record.added) or '')}")
    if meta.get("generated_by"):
        items.append("Converted by Clippings; corrections go in the source's sidecar.")
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _external_link(url: str) -> str:
    """Only http(s) addresses become links; anything else is shown as text."""
    text = html.escape(url)
    if not url.startswith(("http://", "https://")):
        return text
    return f'<a href="{html.escape(url, quote=True)}" rel="noopener">{text}</a>'


def accessed(record: ArticleRecord) -> dt.date | None:
    """The access date citations give: the day the article entered the collection (the
    day its text was taken), never the build's, so that every build prints the same."""
    return dt.date.fromisoformat(record.added) if record.added else None


def cite(record: ArticleRecord, page_url: str | None) -> Section:
    """APA, Chicago and BibTeX, each in a code block (Material adds a copy button)."""

    def body() -> str:
        entries = citations(record.meta, page_url, accessed(record))
        return "\n".join(
            f'<p class="clip-cite-label">{label}</p>\n'
            f'<pre class="clip-cite"><code>{html.escape(entries[key])}</code></pre>'
            for key, label in (("apa", "APA"), ("chicago", "Chicago"), ("bibtex", "BibTeX"))
        )

    return Section("cite-this-article", "Cite this article", body)


def footer(
    record: ArticleRecord,
    vocab: Vocabularies,
    related: Callable[[], Sequence[Related]],
    titles: dict[str, str],
    page_url: str | None,
) -> list[Section]:
    sections = [
        mentioned(record, vocab),
        related_list(record, related, titles),
        provenance(record),
        cite(record, page_url),
    ]
    return [s for s in sections if s is not None]


def print_source(record: ArticleRecord, page_url: str | None) -> str:
    """Shown only in print (see clippings.css): where the text comes from and one citation,
    in place of the footer sections."""
    lines = []
    if url := record.meta.get("url") or page_url:
        lines.append(f"<p>Source: {html.escape(str(url))}</p>")
    chicago = citations(record.meta, page_url, accessed(record))["chicago"]
    lines.append(f"<p>Cite as: {html.escape(chicago)}</p>")
    return f'<div class="clip-print-only clip-print-source">{"".join(lines)}</div>'


def unique_anchor(anchor: str, taken: set[str]) -> str:
    """The body's own headings keep their ids; ours give way (`_1`, `_2`, as the toc extension does)."""
    candidate, number = anchor, 0
    while candidate in taken:
        number += 1
        candidate = f"{anchor}_{number}"
    taken.add(candidate)
    return candidate
