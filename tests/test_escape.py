"""Untrusted text renders as exactly that text through the site's Markdown."""

from __future__ import annotations

import markdown
import pytest

from clippings.escape import escape_block

EXTENSIONS = ["abbr", "attr_list", "def_list", "md_in_html", "tables", "toc", "admonition"]


def rendered_text(source: str) -> str:
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.tags: list[str] = []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)

        def handle_data(self, data):
            self.parts.append(data)

    parser = Text()
    parser.feed(markdown.markdown(escape_block(source), extensions=EXTENSIONS))
    return "".join(parser.parts), parser.tags


@pytest.mark.parametrize(
    "source",
    [
        "# not a heading",
        "> not a quote",
        "1984. The year the treaty was signed.",
        "* not a list",
        "- not a list",
        "+ not a list",
        "| not | a table |",
        "---",
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "![pixel](https://tracker.example/p.gif)",
        "{{ config.secret }} {% include 'x' %}",
        'A paragraph {: onclick="alert(1)" }',
        "*[CSTO]: Collective Security Treaty Organization",
        "Tom &amp; Jerry &#60;b&#62;",
        "<https://example.com>",
        "snake_case and *stars* and `ticks`",
    ],
)
def test_text_survives_literally_and_no_markup_appears(source: str) -> None:
    text, tags = rendered_text(source)
    assert text == source
    assert tags == ["p"]
