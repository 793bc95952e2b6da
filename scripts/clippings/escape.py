"""Turn untrusted text into Markdown that renders as exactly that text.

Raw articles come from the open web: HTML, Markdown markers, attribute lists and
template syntax inside them must reach the reader as literal characters. The
escaping is minimal on purpose, so that the committed Markdown stays readable
and pull-request diffs stay small: only characters that python-markdown (with
the extensions the site enables) would treat as syntax are touched.
"""

from __future__ import annotations

import html
import re

# Syntax anywhere in a line: emphasis, code, links, attribute lists, tables.
_INLINE_SPECIALS = re.compile(r"([\\`*_{}\[\]|])")
# `&name;` and `&#123;` would render as the character they name.
_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# Block syntax decided by how a line starts: headings, lists, rules, setext
# underlines and ordered lists such as "1984. The year...".
_LEADING_MARKER = re.compile(r"^([#+\->])")
_LEADING_ORDERED_LIST = re.compile(r"^(\d+)([.)])")


def escape_inline(text: str) -> str:
    """Escape text for use inside a Markdown paragraph, heading or list item."""
    text = _ENTITY_LIKE.sub("&amp;", text)
    text = text.replace("<", "&lt;")
    return _INLINE_SPECIALS.sub(r"\\\1", text)


def escape_block(text: str) -> str:
    """Escape one paragraph so that it stays one plain paragraph."""
    escaped = escape_inline(" ".join(text.split()))
    escaped = _LEADING_ORDERED_LIST.sub(r"\1\\\2", escaped)
    return _LEADING_MARKER.sub(r"\\\1", escaped)


def escape_html_attribute(text: str) -> str:
    """Escape text for an HTML attribute value (tooltips, meta tags)."""
    return html.escape(text, quote=True)
