"""Phase 5: an article record to the bytes of docs/articles/<slug>.md."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import Any

import frontmatter
import yaml

from clippings.anchors import paragraph_anchors
from clippings.clean import HEADING, Decision
from clippings.escape import escape_block

GENERATOR = "clippings"
CHECKSUM_KEY = "checksum"
_UNSIGNED = "unsigned"
_CHECKSUM_LINE = re.compile(rf"^{CHECKSUM_KEY}: (?:{_UNSIGNED}|[0-9a-f]{{64}})$", re.MULTILINE)

# Front matter keys in the order they are written, so diffs stay small.
FIELD_ORDER = (
    "title",
    "title_inferred",
    "subtitle",
    "author",
    "author_bio",
    "outlet",
    "genre",
    "language",
    "dateline",
    "published",
    "url",
    "themes",
    "entities",
    "quotes",
    "dated",
    "description",
    "words",
    "reading_time",
    "source",
    "source_sha256",
    "dropped",
    "generated_by",
    "fingerprint",
    CHECKSUM_KEY,
)


# libyaml's emitter is 20 times faster than PyYAML's pure-Python one. The two
# differ on some characters (astral-plane text), so only libyaml is used: the
# same source must give the same bytes on every machine. PyYAML's wheels bundle it.
if not yaml.__with_libyaml__:
    raise ImportError("PyYAML was built without libyaml; install the PyYAML wheel from PyPI")


class _Dumper(yaml.CSafeDumper):
    """Plain YAML with no line wrapping, so a long title stays one line in diffs."""


def render_body(decisions: Sequence[Decision]) -> str:
    """Kept lines as Markdown; each paragraph carries its stable anchor (attr_list syntax)."""
    kept = [d for d in decisions if d.kept]
    anchors = iter(paragraph_anchors([d.text for d in kept if d.role != HEADING]))
    blocks = [
        f"## {escape_block(d.text)}"
        if d.role == HEADING
        else f"{escape_block(d.text)}\n{{: #{next(anchors)} }}"
        for d in kept
    ]
    return "\n\n".join(blocks) + "\n"


def ordered(metadata: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(metadata) - set(FIELD_ORDER))
    return {key: metadata[key] for key in (*FIELD_ORDER, *unknown) if key in metadata}


def render_document(metadata: dict[str, Any], body: str) -> str:
    """Front matter and body, with a checksum over everything else in the file."""
    unsigned = _dump({**ordered(metadata), CHECKSUM_KEY: _UNSIGNED}, body)
    return _sign(unsigned)


def _dump(metadata: dict[str, Any], body: str) -> str:
    post = frontmatter.Post(body, **metadata)
    text = frontmatter.dumps(post, Dumper=_Dumper, sort_keys=False, width=1_000_000)
    return text.rstrip("\n") + "\n"


def _sign(unsigned: str) -> str:
    digest = hashlib.sha256(unsigned.encode("utf-8")).hexdigest()
    return _CHECKSUM_LINE.sub(f"{CHECKSUM_KEY}: {digest}", unsigned, count=1)


def is_generated(text: str) -> bool:
    return f"\ngenerated_by: {GENERATOR}\n" in text.split("\n---", 2)[0] + "\n"


def is_hand_edited(text: str) -> bool:
    """A generated file whose content no longer matches the checksum it was written with."""
    match = _CHECKSUM_LINE.search(text)
    if not match:
        return True
    unsigned = _CHECKSUM_LINE.sub(f"{CHECKSUM_KEY}: {_UNSIGNED}", text, count=1)
    return _sign(unsigned) != text


def recorded_field(text: str, key: str) -> str | None:
    """A top-level scalar of a generated file's front matter, read without parsing YAML."""
    match = re.search(rf"^{key}: (\S+)$", text.split("\n---", 2)[0], re.MULTILINE)
    return match.group(1) if match else None
