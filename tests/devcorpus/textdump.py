"""An HTML page as a scraper's plain-text dump: one line per block element.

What "select all, copy" or a naive text extractor gives: the visible text of the
whole page in document order, navigation, share rows, teasers, footers and
comments included. Only what a reader never sees is left out: scripts, styles,
templates, <noscript> fallbacks, form option lists and hidden elements.
Deterministic: the same HTML always gives the same lines.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

# Elements that start and end a line of their own (the CSS display:block family).
BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "noframes",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
# Their text is never shown to a reader.
INVISIBLE_TAGS = frozenset(
    {
        "head",
        "script",
        "style",
        "noscript",
        "template",
        "select",
        "option",
        "datalist",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "audio",
        "video",
        "map",
        "title",
    }
)
# Elements with no end tag: they can neither hide content nor hold it.
VOID_TAGS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w")
# Invisible format characters (zero-width spaces, joiners, bidi marks): not text a reader sees.
_INVISIBLE_CHARS = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def is_hidden(tag: str, attrs: dict[str, str | None]) -> bool:
    if tag in INVISIBLE_TAGS or "hidden" in attrs:
        return True
    if tag == "input" and (attrs.get("type") or "").lower() == "hidden":
        return True
    return bool(_HIDDEN_STYLE.search(attrs.get("style") or ""))


def clean_line(text: str) -> str:
    text = unicodedata.normalize("NFC", _INVISIBLE_CHARS.sub("", text))
    return _SPACE.sub(" ", text).strip()


class _Dumper(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._buffer: list[str] = []
        # While inside a hidden element: its tag and how many of that tag are open inside it.
        self._hidden_tag: str | None = None
        self._hidden_depth = 0

    def flush(self) -> None:
        line = clean_line("".join(self._buffer))
        self._buffer.clear()
        if _WORD.search(line):  # a line of only bullets or bars carries no text
            self.lines.append(line)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._hidden_tag is not None:
            self._hidden_depth += tag == self._hidden_tag
            return
        if tag not in VOID_TAGS and is_hidden(tag, dict(attrs)):
            self._hidden_tag, self._hidden_depth = tag, 1
            return
        if tag in BLOCK_TAGS or tag == "br":
            self.flush()
        elif tag == "img":
            self._buffer.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._hidden_tag is None and (tag in BLOCK_TAGS or tag == "br"):
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if self._hidden_tag is not None:
            if tag == self._hidden_tag:
                self._hidden_depth -= 1
                if self._hidden_depth == 0:
                    self._hidden_tag = None
            return
        if tag in BLOCK_TAGS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self._hidden_tag is None:
            self._buffer.append(data)


def text_dump(html: str) -> list[str]:
    """The page's visible text, one block element a line, whitespace collapsed."""
    dumper = _Dumper()
    dumper.feed(html)
    dumper.close()
    dumper.flush()
    return dumper.lines
