"""Editors' sidecars: `sources/<name>.yml` corrects or adds any field of one article."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from clippings import contract
from clippings.located import LocatedError, yaml_problem

# The article fields a sidecar may set are the schema's "x-sidecar" properties
# (clippings.contract). These keys are the sidecar's own: directives that are no
# field of the article, and the line selectors that overrule the cleaner.
# key -> (expected type, what it must be, for error messages and the docs)
DIRECTIVES: dict[str, tuple[type | tuple[type, ...], str]] = {
    "slug": (str, "the page name under articles/"),
    "add_themes": (list, "theme slugs to add"),
    "remove_themes": (list, "theme slugs to remove"),
    "add_entities": (list, "entity ids to add"),
    "remove_entities": (list, "entity ids to remove"),
    # Line selectors (see SELECTOR_KEYS): the editor overrules the cleaner line by line.
    "drop": (list, "a list of lines to remove: numbers (14), ranges (3-9) or exact texts"),
    "keep": (list, "a list of lines to keep as body: numbers (14), ranges (3-9) or exact texts"),
    "body": (dict, "the article's first and last lines, as {from: N, to: M}"),
    "title_line": ((int, str, dict), "the line that holds the title: its number or its exact text"),
    "byline_line": (
        (int, str, dict),
        "the line that holds the byline: its number or its exact text",
    ),
    "dek_line": (
        (int, str, dict),
        "the line that holds the standfirst: its number or its exact text",
    ),
}
# The keys that point at lines of the raw text, and the role each one gives its line.
SELECTOR_KEYS = ("body", "drop", "keep", "title_line", "byline_line", "dek_line")
ROLE_OF_LINE_KEY = {"title_line": "title", "byline_line": "byline", "dek_line": "dek"}
_RANGE = re.compile(r"^\s*(\d+)\s*-\s*(\d+)\s*$")
_NUMBER = re.compile(r"^\s*(\d+)\s*$")


def sidecar_keys() -> tuple[str, ...]:
    """Every key a sidecar may hold: the article's sidecar fields, then the directives."""
    return (*contract.article_contract().sidecar_fields, *DIRECTIVES)


# Where a sidecar problem is: the sidecar as editors name it, and the line.
Where = tuple[Path, int]


class SidecarError(LocatedError):
    """A sidecar that cannot be used, and where: `path:line: what is wrong`."""


@dataclass(frozen=True)
class Selector:
    """One line selector of a sidecar: lines `first`-`last`, or every line reading `text`.

    `written` is the selector as the editor wrote it (`drop: 3-9`), `line` its line in
    the sidecar: together they make the reason `explain` shows for an overruled line.
    """

    key: str
    line: int
    written: str
    first: int | None = None
    last: int | None = None
    text: str | None = None

    @property
    def by_number(self) -> bool:
        return self.text is None


@dataclass(frozen=True)
class Sidecar:
    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)
    text: str = ""
    label: str = ""  # the sidecar's path as editors see it (sources/x.yml), for reasons
    selectors: tuple[Selector, ...] = ()

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def __contains__(self, key: str) -> bool:
        return key in self.values


def sidecar_path(source: Path) -> Path:
    return source.with_suffix(".yml")


def load_sidecar(source: Path, label: Path | None = None) -> Sidecar:
    """The sidecar next to `source`, or an empty one when there is none.

    `label` is the source's path as editors see it, used in error messages.
    """
    path = sidecar_path(source)
    if not path.is_file():
        return Sidecar()
    text = path.read_text(encoding="utf-8-sig")
    shown = sidecar_path(label) if label else path
    values, selectors = read_sidecar(text, shown)
    return Sidecar(path, values, text, shown.as_posix(), selectors)


def parse_sidecar(text: str, path: Path) -> dict[str, Any]:
    return read_sidecar(text, path)[0]


def read_sidecar(text: str, path: Path) -> tuple[dict[str, Any], tuple[Selector, ...]]:
    """The sidecar's values and its line selectors, or a SidecarError naming file and line."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        values = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise SidecarError(path, *yaml_problem(error)) from None
    if values is None:
        return {}, ()
    if not isinstance(values, dict):
        raise SidecarError(path, 1, "a sidecar is a mapping of field: value")
    lines = {key.value: key.start_mark.line + 1 for key, _ in node.value}
    if isinstance(values.get("published"), dt.date):
        values["published"] = values["published"].isoformat()  # a YAML date, as written
    for key, value in values.items():
        _check_key(path, lines.get(key, 1), key, value)
    value_nodes = {key.value: value for key, value in node.value}
    selectors = tuple(
        selector
        for key in SELECTOR_KEYS
        if key in values
        for selector in _selectors(path, key, value_nodes[key], values[key])
    )
    return values, selectors


def _selectors(path: Path, key: str, node: yaml.Node, value: Any) -> list[Selector]:
    where = (path, node.start_mark.line + 1)
    if key == "body":
        return [_body_frame(where, node.start_mark.line + 1, value)]
    if key in ROLE_OF_LINE_KEY:
        selector = _selector(where, key, node.start_mark.line + 1, value)
        if selector.first != selector.last:
            raise SidecarError(*where, f"{key} is one line, not a range")
        return [selector]
    return [
        _selector((path, item.start_mark.line + 1), key, item.start_mark.line + 1, item_value)
        for item, item_value in zip(node.value, value, strict=True)
    ]


def _selector(where: Where, key: str, line: int, value: Any) -> Selector:
    """`14`, `"14"` and `3-9` are line numbers; `{text: ...}` or any other string is a text."""
    if isinstance(value, dict) and set(value) == {"text"} and isinstance(value["text"], str):
        value = value["text"]
        numbers = None
    elif isinstance(value, bool) or not isinstance(value, (int, str)):
        raise SidecarError(
            *where, f"each {key} item is a line number (14), a range (3-9) or a line's text"
        )
    else:
        numbers = _line_numbers(str(value))
    if numbers is None:
        if not str(value).strip():
            raise SidecarError(*where, f"{key} has an empty text; give the line's exact text")
        text = " ".join(str(value).split())
        return Selector(key, line, f"{key}: {json.dumps(text, ensure_ascii=False)}", text=text)
    first, last = numbers
    if first < 1 or last < first:
        raise SidecarError(
            *where, f"{key}: {value} is not a line number or a range from low to high (3-9)"
        )
    return Selector(key, line, f"{key}: {value}", first, last)


def _line_numbers(value: str) -> tuple[int, int] | None:
    if match := _NUMBER.match(value):
        return int(match.group(1)), int(match.group(1))
    if match := _RANGE.match(value):
        return int(match.group(1)), int(match.group(2))
    return None


def _body_frame(where: Where, line: int, value: dict) -> Selector:
    first, last = value.get("from"), value.get("to")
    if set(value) != {"from", "to"} or not (_is_line_number(first) and _is_line_number(last)):
        raise SidecarError(*where, "body is {from: N, to: M}, two line numbers")
    if last < first:
        raise SidecarError(*where, f"body: from {first} is after to {last}")
    return Selector("body", line, f"body: {{from: {first}, to: {last}}}", first, last)


def _is_line_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _check_key(path: Path, line: int, key: Any, value: Any) -> None:
    where = (path, line)
    fields = contract.article_contract().sidecar_fields
    if key in fields:
        _check_field(where, key, value)
    elif key in DIRECTIVES:
        _check_directive(where, key, value)
    else:
        raise SidecarError(*where, f"unknown key '{key}'{did_you_mean(str(key), sidecar_keys())}")


def _check_field(where: Where, key: str, value: Any) -> None:
    """An article field, against its schema: the sidecar says what the article will."""
    terms = contract.article_contract()
    error = next(iter(terms.field_validator(key).iter_errors(value)), None)
    if error is None:
        return
    if error.validator == "type":
        raise SidecarError(
            *where, f"'{key}' must be {terms.must_be(key)}, not {type(value).__name__}"
        )
    if error.validator == "enum":
        choices = ", ".join(map(str, error.validator_value))
        raise SidecarError(*where, f"{key} must be one of {choices}, not '{value}'")
    raise SidecarError(*where, f"{key} must be {terms.must_be(key)}, not '{value}'")


def _check_directive(where: Where, key: str, value: Any) -> None:
    expected, meaning = DIRECTIVES[key]
    if not isinstance(value, expected):
        raise SidecarError(*where, f"'{key}' must be {meaning}, not {type(value).__name__}")
    if key in SELECTOR_KEYS:
        return  # checked item by item in _selectors, which knows each item's line
    if isinstance(value, list) and not all(isinstance(item, str) for item in value):
        raise SidecarError(*where, f"'{key}' must be a list of strings")


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """` (did you mean 'x'?)` for the closest of `choices`, or nothing when none is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
