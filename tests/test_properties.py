"""Property tests: arbitrary text and bytes never crash the converter or inject markup."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clippings.analyse import Context, SourceText, analyse
from clippings.articlefile import render_document
from clippings.decode import RefusedSource, decode_source
from clippings.rules import default_rules
from clippings.validate import schema_errors
from clippings.vocab import load_vocabularies

ROOT = Path(__file__).resolve().parent.parent
CONTEXT = Context(default_rules(), load_vocabularies(ROOT / "vocabularies"))
PROFILE = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)

_line = st.one_of(
    st.text(max_size=120),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            '<img src=x onerror="alert(1)">',
            "# heading?",
            "---",
            "title: injected",
            "{{ config }} {% raw %}",
            "1984. A year.",
            "VK X OK WhatsApp Telegram",
            "By John Smith",
            "Photo credit: X",
            "[link](javascript:alert(1))",
            "The president said the talks in Astana were constructive and would continue.",
        ]
    ),
)
_article = st.lists(_line, max_size=25).map("\n".join)


def _convert(raw: bytes) -> tuple[dict, str] | None:
    try:
        text = decode_source(raw)
    except RefusedSource:
        return None
    article = analyse(SourceText("sources/x.txt", "x", "0" * 64, text), CONTEXT)
    return article.metadata, render_document(article.metadata, article.body)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.blocks: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)
        self.blocks.append("")

    def handle_data(self, data):
        if self.blocks:
            self.blocks[-1] += data


def _html(body: str) -> _Tags:
    parser = _Tags()
    parser.feed(
        markdown.markdown(
            body, extensions=["abbr", "attr_list", "def_list", "md_in_html", "tables", "toc"]
        )
    )
    return parser


@PROFILE
@given(_article)
def test_text_converts_to_valid_front_matter_or_a_clean_refusal(text: str) -> None:
    result = _convert(text.encode())
    if result is None:
        return
    metadata, document = result
    assert schema_errors(metadata) == []
    front = document.split("\n---\n", 1)[0].removeprefix("---\n")
    assert yaml.safe_load(front)["title"] == metadata["title"]
    assert metadata["title"].strip()


@PROFILE
@given(st.binary(max_size=2000))
def test_bytes_never_crash(raw: bytes) -> None:
    result = _convert(raw)
    if result is not None:
        assert schema_errors(result[0]) == []


@PROFILE
@given(_article)
def test_no_markup_from_the_source_reaches_html(text: str) -> None:
    result = _convert(text.encode())
    if result is None:
        return
    parser = _html(result[1].split("\n---\n", 1)[1])
    assert parser.tags <= {"p", "h2"}
    assert not {a for a in parser.attributes if a.startswith("on")}


@PROFILE
@given(_article)
def test_every_kept_line_appears_and_conversion_is_idempotent(text: str) -> None:
    try:
        decoded = decode_source(text.encode())
    except RefusedSource:
        return
    source = SourceText("sources/x.txt", "x", "0" * 64, decoded)
    first, second = analyse(source, CONTEXT), analyse(source, CONTEXT)
    assert render_document(first.metadata, first.body) == render_document(
        second.metadata, second.body
    )
    kept = [" ".join(d.text.split()) for d in first.decisions if d.kept]
    assert [block.strip() for block in _html(first.body).blocks] == kept
