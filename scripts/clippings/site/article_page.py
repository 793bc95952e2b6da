"""The blocks around an article's body, written as finished HTML.

They are added after python-markdown has run (header and author bio at
`on_page_content`, the rest at `on_post_page`), so MkDocs never parses,
resolves or validates them, and Material's search plugin never reads the
footer: at 10,000 articles, running these blocks through Markdown made our
build three to four times slower than plain Material. Their markup is in the
theme's templates (theme/clippings/*.html, overridable from a site's custom_dir);
every value that comes from an article is untrusted and is escaped there.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import markdown
from markupsafe import Markup

from clippings.cite import citations
from clippings.overrides import EDITOR_REMOVED
from clippings.site import archive
from clippings.site.derive import GENRE_LABELS, first_mentions, mention_link, theme_label
from clippings.site.records import ArticleRecord
from clippings.site.related import Related
from clippings.site.templates import render
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
        anchor = anchor or self.anchor
        section = render(
            "section.html",
            anchor=anchor,
            title=self.title,
            body=Markup(self.body()),  # the section's own template output
            searchable=self.searchable,
        )
        return section + "\n"


# Header: after the h1 -----------------------------------------------------------------
def header(record: ArticleRecord, vocab: Vocabularies) -> str:
    """Subtitle, byline and theme chips, placed right after the title."""
    month = None
    if record.published:
        year, _, rest = record.published.partition("-")
        month = (archive.year_uri(year), archive.month_anchor(year, rest[:2] or archive.NO_MONTH))
    return render(
        "article-header.html",
        record=record,
        page=record.src_uri,
        genre=GENRE_LABELS.get(record.meta.get("genre")),
        month=month,
        themes=[(slug, theme_label(slug, vocab)) for slug in record.themes if vocab.theme(slug)],
    )


# After the body ------------------------------------------------------------------------
def about_author(record: ArticleRecord) -> Section | None:
    """Searchable, unlike the footer: a reader may remember an author by their bio."""
    bio = record.meta.get("author_bio")
    if not bio:
        return None
    title = f"About {record.author}" if record.author else "About the author"
    return Section(
        "about-the-author", title, lambda: render("author-bio.html", bio=str(bio)), searchable=True
    )


def mentioned(record: ArticleRecord, vocab: Vocabularies) -> Section | None:
    entities = [vocab.entity(e) for e in record.entities if vocab.entity(e)]
    if not entities:
        return None

    def body() -> str:
        return render("mentioned.html", entities=entities, page=record.src_uri)

    return Section("mentioned-in-this-article", "Mentioned in this article", body)


def related_list(
    record: ArticleRecord, related: Callable[[], Sequence[Related]], titles: dict[str, str]
) -> Section:
    """Always a section: whether there are related articles is known only when the
    page is written (they are computed while the pages render)."""

    def body() -> str:
        items = [(r.slug, titles[r.slug]) for r in related()]
        return render("related.html", related=items, page=record.src_uri)

    return Section("related-articles", "Related articles", body)


def provenance(record: ArticleRecord) -> Section:
    return Section("provenance", "Provenance", lambda: _provenance_list(record))


def _provenance_list(record: ArticleRecord) -> str:
    meta = record.meta
    original = str(meta["url"]) if meta.get("url") else None
    labels = [str(d.get("as", "?")) for d in meta.get("dropped") or [] if isinstance(d, dict)]
    cleaners = [label for label in labels if label != EDITOR_REMOVED]
    source = str(meta.get("source") or "")
    return render(
        "provenance.html",
        record=record,
        page=record.src_uri,
        original=original,
        # Only http(s) addresses become links; anything else is shown as text.
        linked=bool(original and original.startswith(("http://", "https://"))),
        source=source,
        digest=str(meta.get("source_sha256") or ""),
        cleaners=sorted(Counter(cleaners).items()),
        cleaned=len(cleaners),
        edited=labels.count(EDITOR_REMOVED),
        sidecar=source.removesuffix(".txt") + ".yml",
    )


def accessed(record: ArticleRecord) -> dt.date | None:
    """The access date citations give: the day the article entered the collection (the
    day its text was taken), never the build's, so that every build prints the same."""
    return dt.date.fromisoformat(record.added) if record.added else None


def cite(record: ArticleRecord, page_url: str | None) -> Section:
    """APA, Chicago and BibTeX, each in a code block (Material adds a copy button)."""

    def body() -> str:
        entries = citations(record.meta, page_url, accessed(record))
        styles = (("apa", "APA"), ("chicago", "Chicago"), ("bibtex", "BibTeX"))
        return render("cite.html", entries=[(label, entries[key]) for key, label in styles])

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
    source = record.meta.get("url") or page_url
    chicago = citations(record.meta, page_url, accessed(record))["chicago"]
    return render("print-source.html", source=str(source) if source else None, chicago=chicago)


def unique_anchor(anchor: str, taken: set[str]) -> str:
    """The body's own headings keep their ids; ours give way (`_1`, `_2`, as the toc extension does)."""
    candidate, number = anchor, 0
    while candidate in taken:
        number += 1
        candidate = f"{anchor}_{number}"
    taken.add(candidate)
    return candidate
