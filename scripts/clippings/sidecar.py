"""Editors' sidecars: `sources/<name>.yml` corrects or adds any field of one article."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

GENRES = ("opinion", "interview", "analysis", "news")
_DATE = re.compile(r"^\d{4}(?:-[01]\d(?:-[0-3]\d)?)?$")

# key -> (expected type, description for error messages and the docs)
FIELDS: dict[str, tuple[type | tuple[type, ...], str]] = {
    "url": (str, "the original address"),
    "title": (str, "the headline, replacing the one found in the text"),
    "subtitle": (str, "the standfirst"),
    "author": ((str, type(None)), "the author as written, or null for none"),
    "author_bio": (str, "the author's biography"),
    "outlet": ((str, type(None)), "the publication's name"),
    "genre": (str, f"one of {', '.join(GENRES)}"),
    "language": (str, "a BCP 47 language tag"),
    "dateline": (str, "the place in the dateline"),
    "published": ((str, dt.date), "YYYY, YYYY-MM or YYYY-MM-DD"),
    "description": (str, "the summary for listings and search"),
    "slug": (str, "the page name under articles/"),
    "add_themes": (list, "theme slugs to add"),
    "remove_themes": (list, "theme slugs to remove"),
    "add_entities": (list, "entity ids to add"),
    "remove_entities": (list, "entity ids to remove"),
}


class SidecarError(ValueError):
    """A sidecar that cannot be used; the message is `path:line: what is wrong`."""


@dataclass(frozen=True)
class Sidecar:
    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)
    text: str = ""

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
    return Sidecar(path, parse_sidecar(text, sidecar_path(label) if label else path), text)


def parse_sidecar(text: str, path: Path) -> dict[str, Any]:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        values = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise SidecarError(f"{path}:{line}: YAML syntax error: {problem}") from None
    if values is None:
        return {}
    if not isinstance(values, dict):
        raise SidecarError(f"{path}:1: a sidecar is a mapping of field: value")
    lines = {key.value: key.start_mark.line + 1 for key, _ in node.value}
    for key, value in values.items():
        _check_field(path, lines.get(key, 1), key, value)
    if isinstance(values.get("published"), dt.date):
        values["published"] = values["published"].isoformat()
    return values


def _check_field(path: Path, line: int, key: Any, value: Any) -> None:
    where = f"{path}:{line}"
    if key not in FIELDS:
        close = _closest(str(key), FIELDS)
        hint = f" (did you mean '{close}'?)" if close else ""
        raise SidecarError(f"{where}: unknown key '{key}'{hint}")
    expected, meaning = FIELDS[key]
    if not isinstance(value, expected):
        raise SidecarError(f"{where}: '{key}' must be {meaning}, not {type(value).__name__}")
    if isinstance(value, list) and not all(isinstance(item, str) for item in value):
        raise SidecarError(f"{where}: '{key}' must be a list of strings")
    if key == "genre" and value not in GENRES:
        raise SidecarError(f"{where}: genre must be one of {', '.join(GENRES)}, not '{value}'")
    if key == "published" and isinstance(value, str) and not _DATE.match(value):
        raise SidecarError(f"{where}: published must be YYYY, YYYY-MM or YYYY-MM-DD, not '{value}'")
    if key == "url" and not re.match(r"^https?://[^\s/]+", value):
        raise SidecarError(f"{where}: url must start with http:// or https://")


def _closest(word: str, choices: dict[str, Any]) -> str | None:
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None
