"""Phase 5: an article record to the bytes of docs/articles/<slug>.md."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import Any, ClassVar

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
    "added",
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
    "editor_lines",
    "generated_by",
    "fingerprint",
    CHECKSUM_KEY,
)


# libyaml's emitter is 20 times faster than PyYAML's pure-Python one. The two
# differ on some characters (astral-plane text), so only libyaml is used: the
# same source must give the same bytes on every machine. PyYAML's wheels bundle it.
if not yaml.__with_libyaml__:
    raise ImportError("PyYAML was built without libyaml; install the PyYAML wheel from PyPI")


class _NotPlain(Exception):
    """Data the fast representer leaves to PyYAML's own (shared containers, other types)."""


_TAGS = {
    str: "tag:yaml.org,2002:str",
    int: "tag:yaml.org,2002:int",
    bool: "tag:yaml.org,2002:bool",
    type(None): "tag:yaml.org,2002:null",
}
_SEQUENCE_TAG = "tag:yaml.org,2002:seq"
_MAPPING_TAG = "tag:yaml.org,2002:map"


def _plain_node(value: Any, containers: set[int]) -> yaml.Node:
    """The node SafeRepresenter would build for plain data, without its per-object bookkeeping.

    PyYAML's representer is pure Python and was a tenth of an article's conversion.
    Front matter is dicts, lists, strings, ints, bools and None; anything else, or a
    container met twice (which PyYAML would write as an anchor), raises _NotPlain.
    """
    kind = type(value)
    if kind is str:
        return yaml.ScalarNode(_TAGS[str], value)
    if kind is dict or kind is list:
        if id(value) in containers:
            raise _NotPlain
        containers.add(id(value))
        if kind is dict:
            pairs = [
                (_plain_node(key, containers), _plain_node(item, containers))
                for key, item in value.items()
            ]
            return yaml.MappingNode(_MAPPING_TAG, pairs, flow_style=False)
        items = [_plain_node(item, containers) for item in value]
        return yaml.SequenceNode(_SEQUENCE_TAG, items, flow_style=False)
    if kind is bool:
        return yaml.ScalarNode(_TAGS[bool], "true" if value else "false")
    if kind is int:
        return yaml.ScalarNode(_TAGS[int], str(value))
    if value is None:
        return yaml.ScalarNode(_TAGS[type(None)], "null")
    raise _NotPlain


class _Dumper(yaml.CSafeDumper):
    """Plain YAML with no line wrapping, so a long title stays one line in diffs."""

    def represent(self, data: Any) -> None:
        # Same nodes as SafeRepresenter with default_flow_style=False, built directly.
        try:
            node = _plain_node(data, set())
        except _NotPlain:
            super().represent(data)
            return
        self.serialize(node)

    # The emitter asks twice per scalar whether it would read back as a string. Only
    # values starting with a character some implicit resolver (bool, int, null...)
    # looks at can read back as anything else; answer the rest without the regexes.
    # (Valid while no resolver matches on every value (key None) and none is path-based.)
    _RESOLVER_FIRST_CHARACTERS = frozenset(yaml.CSafeDumper.yaml_implicit_resolvers)
    if None in _RESOLVER_FIRST_CHARACTERS or yaml.CSafeDumper.yaml_path_resolvers:
        raise ImportError("PyYAML's resolvers changed: review clippings.render._Dumper.resolve")

    # Short scalars that do start so (keys like "text", line numbers) recur in every
    # file: their answers are kept (the resolvers are fixed, so answers never change).
    _resolved: ClassVar[dict[tuple[str, Any], str]] = {}

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        if not implicit[0] or value[:1] not in self._RESOLVER_FIRST_CHARACTERS:
            return self.DEFAULT_SCALAR_TAG
        if len(value) > 40:
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        tag = self._resolved.get(key)
        if tag is None:
            if len(self._resolved) > 10_000:
                self._resolved.clear()
            tag = self._resolved[key] = super().resolve(kind, value, implicit)
        return tag


def render_body(decisions: Sequence[Decision], anchors: Sequence[str] | None = None) -> str:
    """Kept lines as Markdown; each paragraph carries its stable anchor (attr_list syntax).

    `anchors` are the paragraphs' anchors when the caller has them already.
    """
    kept = [d for d in decisions if d.kept]
    if anchors is None:
        anchors = paragraph_anchors([d.text for d in kept if d.role != HEADING])
    anchors = iter(anchors)
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
    # What frontmatter.dumps(Post(body, **metadata), ...) writes, without its layers.
    front = yaml.dump(
        metadata,
        Dumper=_Dumper,
        sort_keys=False,
        width=1_000_000,
        default_flow_style=False,
        allow_unicode=True,
    )
    front = front.strip().replace("\r\n", "\n")
    text = f"---\n{front}\n---\n\n{body}\n".strip()
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


def editor_lines_of(text: str) -> list[dict[str, Any]]:
    """The `editor_lines` record of a generated file (empty when it has none or is unreadable)."""
    try:
        front = yaml.load(text.split("\n---", 1)[0][4:], Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return []
    record = front.get("editor_lines") if isinstance(front, dict) else None
    return [e for e in record if isinstance(e, dict)] if isinstance(record, list) else []
