"""Editorial vocabularies (themes, entities, outlets) loaded from vocabularies/*.yml."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from clippings.located import LocatedError, yaml_problem

FILES = ("themes.yml", "entities.yml", "outlets.yml")
ENTITY_KINDS = ("person", "organisation", "place")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class VocabularyError(LocatedError):
    """A vocabulary file that cannot be used, and where: `path:line: what is wrong`."""


@dataclass(frozen=True)
class Theme:
    slug: str
    label: str
    description: str
    threshold: float
    terms: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    abbreviation: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Outlet:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    issn: tuple[str, ...] = ()


def _name_key(name: str) -> str:
    words = re.findall(r"\w+", name.casefold())
    return " ".join(words[1:] if words[:1] == ["the"] else words)


@dataclass(frozen=True)
class Vocabularies:
    themes: tuple[Theme, ...]
    entities: tuple[Entity, ...]
    outlets: tuple[Outlet, ...]
    fingerprint: str
    _index: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update(
            theme={t.slug: t for t in self.themes},
            entity={e.id: e for e in self.entities},
            name={_name_key(n): o for o in self.outlets for n in (o.name, *o.aliases)},
            issn={i.upper(): o for o in self.outlets for i in o.issn},
            domain={d.lower(): o for o in self.outlets for d in o.domains},
        )

    def theme(self, slug: str) -> Theme | None:
        return self._index["theme"].get(slug)

    def entity(self, entity_id: str) -> Entity | None:
        return self._index["entity"].get(entity_id)

    def outlet_by_name(self, name: str) -> Outlet | None:
        return self._index["name"].get(_name_key(name))

    def outlet_by_issn(self, issn: str) -> Outlet | None:
        return self._index["issn"].get(issn.upper())

    def outlet_by_domain(self, host: str) -> Outlet | None:
        parts = host.lower().rstrip(".").split(".")
        for start in range(len(parts) - 1):
            outlet = self._index["domain"].get(".".join(parts[start:]))
            if outlet:
                return outlet
        return None


# Loading -----------------------------------------------------------------------
_SCHEMAS: dict[str, dict[str, tuple[type | tuple[type, ...], bool]]] = {
    "themes": {
        "slug": (str, True),
        "label": (str, True),
        "description": (str, True),
        "threshold": ((int, float), True),
        "terms": (dict, True),
    },
    "entities": {
        "id": (str, True),
        "name": (str, True),
        "kind": (str, True),
        "aliases": (list, False),
        "abbreviation": (str, False),
        "description": (str, False),
    },
    "outlets": {
        "id": (str, True),
        "name": (str, True),
        "aliases": (list, False),
        "domains": (list, False),
        "issn": (list, False),
    },
}


def _read(folder: Path, name: str) -> tuple[Path, str, yaml.Node]:
    path = folder / name
    if not path.is_file():
        raise VocabularyError(path, 1, "vocabulary file is missing")
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        raise VocabularyError(path, *yaml_problem(error)) from None
    return path, text, node


def _entries(path: Path, node: yaml.Node | None, key: str) -> list[tuple[int, dict[str, Any]]]:
    """The list under `key`, each entry with its line number."""
    if not isinstance(node, yaml.MappingNode):
        raise VocabularyError(path, 1, f"expected a mapping with a '{key}:' list")
    lists = {k.value: v for k, v in node.value}
    if key not in lists or not isinstance(lists[key], yaml.SequenceNode):
        raise VocabularyError(path, 1, f"expected a '{key}:' list")
    loader = yaml.SafeLoader("")
    entries = []
    for item in lists[key].value:
        line = item.start_mark.line + 1
        value = loader.construct_document(item)
        if not isinstance(value, dict):
            raise VocabularyError(path, line, f"each {key[:-1]} is a mapping")
        entries.append((line, value))
    return entries


def _validate(path: Path, line: int, entry: dict[str, Any], kind: str) -> None:
    schema = _SCHEMAS[kind]
    for key in entry:
        if key not in schema:
            raise VocabularyError(path, line, f"unknown key '{key}'")
    for key, (expected, required) in schema.items():
        if key not in entry:
            if required:
                raise VocabularyError(path, line, f"missing '{key}'")
            continue
        if not isinstance(entry[key], expected) or isinstance(entry[key], bool):
            raise VocabularyError(
                path, line, f"'{key}' has the wrong type ({type(entry[key]).__name__})"
            )
    identifier = entry.get("slug") or entry.get("id")
    if not _ID.match(identifier):
        raise VocabularyError(
            path, line, f"'{identifier}' must be lowercase words joined by hyphens"
        )
    if kind == "entities" and entry["kind"] not in ENTITY_KINDS:
        raise VocabularyError(path, line, f"kind must be one of {', '.join(ENTITY_KINDS)}")


def _unique(path: Path, items: list[tuple[int, str]], what: str) -> None:
    seen: dict[str, int] = {}
    for line, value in items:
        if value in seen:
            raise VocabularyError(
                path, line, f"duplicate {what} '{value}' (first on line {seen[value]})"
            )
        seen[value] = line


def load_vocabularies(folder: Path) -> Vocabularies:
    digest = hashlib.sha256()
    parsed = {}
    for name in FILES:
        path, text, node = _read(folder, name)
        digest.update(text.encode())
        kind = name.removesuffix(".yml")
        entries = _entries(path, node, kind)
        for line, entry in entries:
            _validate(path, line, entry, kind)
        _unique(path, [(line, e.get("slug") or e["id"]) for line, e in entries], "id")
        parsed[kind] = (path, entries)
    entities_path, entities = parsed["entities"]
    _unique(
        entities_path,
        [(line, alias) for line, e in entities for alias in {e["name"], *e.get("aliases", [])}],
        "alias",
    )
    return Vocabularies(
        themes=tuple(_theme(e) for _, e in parsed["themes"][1]),
        entities=tuple(_entity(e) for _, e in entities),
        outlets=tuple(_outlet(e) for _, e in parsed["outlets"][1]),
        fingerprint=digest.hexdigest(),
    )


def _theme(entry: dict[str, Any]) -> Theme:
    terms = tuple((str(term), float(weight)) for term, weight in entry["terms"].items())
    return Theme(
        entry["slug"],
        entry["label"],
        " ".join(entry["description"].split()),
        float(entry["threshold"]),
        terms,
    )


def _entity(entry: dict[str, Any]) -> Entity:
    return Entity(
        entry["id"],
        entry["name"],
        entry["kind"],
        tuple(entry.get("aliases", ())),
        entry.get("abbreviation"),
        entry.get("description"),
    )


def _outlet(entry: dict[str, Any]) -> Outlet:
    return Outlet(
        entry["id"],
        entry["name"],
        tuple(entry.get("aliases", ())),
        tuple(d.lower() for d in entry.get("domains", ())),
        tuple(i.upper() for i in entry.get("issn", ())),
    )
