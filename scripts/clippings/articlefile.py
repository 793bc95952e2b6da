"""An article file, docs/articles/<slug>.md: front matter and body, read and written.

The one place that knows the file's layout: the `---` split, the libyaml dumper that
writes the front matter, the checksum that signs a generated file, and how to tell a
generated file (and a hand-edited one) from an article written by hand.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Any, ClassVar

import yaml

from clippings import contract
from clippings.located import yaml_problem

GENERATOR = "clippings"
CHECKSUM_KEY = "checksum"
_UNSIGNED = "unsigned"
_CHECKSUM_LINE = re.compile(rf"^{CHECKSUM_KEY}: (?:{_UNSIGNED}|[0-9a-f]{{64}})$", re.MULTILINE)


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
        raise ImportError(
            "PyYAML's resolvers changed: review clippings.articlefile._Dumper.resolve"
        )

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


def ordered(metadata: dict[str, Any]) -> dict[str, Any]:
    """The fields in the schema's order (unknown keys last, sorted: check names them)."""
    order = contract.article_contract().field_order
    unknown = sorted(set(metadata) - set(order))
    return {key: metadata[key] for key in (*order, *unknown) if key in metadata}


def render_document(metadata: dict[str, Any], body: str) -> str:
    """Front matter and body, with a checksum over everything else in the file."""
    unsigned = _dump({**ordered(metadata), CHECKSUM_KEY: _UNSIGNED}, body)
    return _sign(unsigned)


def _dump(metadata: dict[str, Any], body: str) -> str:
    # What frontmatter.dumps(Post(body, **metadata), ...) writes, without its layers.
    front = _front_with_dropped_block(metadata)
    if front is None:
        front = _yaml(metadata)
    front = front.strip().replace("\r\n", "\n")
    text = f"---\n{front}\n---\n\n{body}\n".strip()
    return text.rstrip("\n") + "\n"


def _yaml(data: Any) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        width=1_000_000,
        default_flow_style=False,
        allow_unicode=True,
    )


# `dropped` is most of a real page's front matter (hundreds of lines of furniture) and was
# nearly all of the time spent writing it: seven YAML nodes per line, each asking Python
# twice how it resolves. Its entries have one shape, so they are written here, and libyaml
# decides only how each distinct string is written, in one sequence: in block context a
# scalar is written the same as a sequence item and as a mapping value. A string with a
# YAML line break could span lines there, so a list holding one goes to libyaml whole.
_DROPPED_KEYS = ("line", "as", "text")
_YAML_LINE_BREAKS = re.compile("[\n\r\x85\u2028\u2029]")


def _front_with_dropped_block(metadata: dict[str, Any]) -> str | None:
    """The front matter with `dropped` written directly; None when libyaml must do it all."""
    dropped = metadata.get("dropped")
    if not dropped or not isinstance(dropped, list) or not all(map(_plain_entry, dropped)):
        return None
    scalar = _scalars(s for entry in dropped for s in (entry["as"], entry["text"]))
    if scalar is None:
        return None
    block = "".join(
        f"- line: {e['line']}\n  as: {scalar[e['as']]}\n  text: {scalar[e['text']]}\n"
        for e in dropped
    )
    keys = list(metadata)
    at = keys.index("dropped")
    before = {key: metadata[key] for key in keys[:at]}
    after = {key: metadata[key] for key in keys[at + 1 :]}
    return (
        (_yaml(before) if before else "") + "dropped:\n" + block + (_yaml(after) if after else "")
    )


# How libyaml writes a string, by string. The same furniture recurs on many pages
# (most dropped lines are lines repeated across the collection), so most are known.
_WRITTEN: dict[str, str] = {}


def _scalars(strings: Iterable[str]) -> dict[str, str] | None:
    """Each string as libyaml writes it as a block sequence item; None if it would not say."""
    if len(_WRITTEN) > 100_000:
        _WRITTEN.clear()
    new = [s for s in dict.fromkeys(strings) if s not in _WRITTEN]
    if new:
        written = _yaml(new).split("\n")
        if len(written) != len(new) + 1 or not all(w.startswith("- ") for w in written[:-1]):
            return None
        _WRITTEN.update((string, line[2:]) for string, line in zip(new, written, strict=False))
    return _WRITTEN


def _plain_entry(entry: Any) -> bool:
    return (
        type(entry) is dict
        and tuple(entry) == _DROPPED_KEYS
        and type(entry["line"]) is int
        and entry["line"] >= 0
        and type(entry["as"]) is str
        and type(entry["text"]) is str
        and entry["as"] != ""
        and entry["text"] != ""
        and not _YAML_LINE_BREAKS.search(entry["as"] + entry["text"])
    )


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


class FrontMatterError(ValueError):
    """Front matter that cannot be read; `line` is the file's line the problem is on."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def split(text: str) -> tuple[str | None, str]:
    """The front matter's YAML (None without one) and the Markdown after it."""
    if not text.startswith("---\n"):
        return None, text
    end = text.find("\n---", 4)
    if end < 0:
        return None, text
    return text[4 : end + 1], text[end + 4 :].lstrip("\n")


def front_matter(text: str) -> dict[str, Any]:
    """The front matter as a mapping, or a FrontMatterError with the line to look at."""
    if not text.startswith("---\n"):
        raise FrontMatterError(1, "no front matter: an article starts with a --- block")
    front, _ = split(text)
    if front is None:
        raise FrontMatterError(1, "front matter is not closed with ---")
    try:
        metadata = yaml.safe_load(front)
    except yaml.YAMLError as error:
        raise FrontMatterError(*yaml_problem(error, first_line=2)) from None
    if not isinstance(metadata, dict):
        raise FrontMatterError(1, "front matter must be a mapping of field: value")
    return metadata
