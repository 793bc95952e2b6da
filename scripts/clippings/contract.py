"""The article contract: the JSON Schema of an article's front matter is the one field registry.

Its property order is the order fields are written in; `"x-sidecar": true` marks a
field an editor may set in a sidecar; `"x-summary": true` a field `clippings add`
shows. Everything that lists article fields (render, sidecar, explain, add, check
and the CONTRIBUTING table) asks this module, so a new field is one schema edit.
"""

from __future__ import annotations

import json
from functools import cache, cached_property
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

SCHEMA_RESOURCE = "schema/article.schema.json"


class Contract:
    """One article schema and what the tools derive from it."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema

    @cached_property
    def properties(self) -> dict[str, dict[str, Any]]:
        return self.schema["properties"]

    @cached_property
    def field_order(self) -> tuple[str, ...]:
        """Front matter keys in the order they are written, so diffs stay small."""
        return tuple(self.properties)

    @cached_property
    def sidecar_fields(self) -> dict[str, dict[str, Any]]:
        """The fields an editor may set in a sidecar, in schema order, with their schemas."""
        return {key: spec for key, spec in self.properties.items() if spec.get("x-sidecar")}

    @cached_property
    def summary_fields(self) -> tuple[str, ...]:
        return tuple(key for key, spec in self.properties.items() if spec.get("x-summary"))

    @cached_property
    def genres(self) -> tuple[str, ...]:
        """The kinds of article, kept only here: the `genre` field's enum."""
        return tuple(self.properties["genre"]["enum"])

    @cached_property
    def validator(self) -> Draft202012Validator:
        return Draft202012Validator(self.schema)

    @cached_property
    def _field_validators(self) -> dict[str, Draft202012Validator]:
        return {key: Draft202012Validator(spec) for key, spec in self.properties.items()}

    def field_validator(self, key: str) -> Draft202012Validator:
        """One field's schema, to check a sidecar's value where the editor wrote it."""
        return self._field_validators[key]

    def must_be(self, key: str) -> str:
        """What a value of `key` must be, in words, for error messages and the docs."""
        spec = self.properties[key]
        return spec.get("x-must-be") or _first_sentence(spec.get("description", "valid"))


def _first_sentence(text: str) -> str:
    first = text.split(". ")[0].rstrip(".")
    return first[:1].lower() + first[1:]


@cache
def article_contract() -> Contract:
    """The contract of the installed schema (tests may stand another one in)."""
    text = resources.files("clippings").joinpath(SCHEMA_RESOURCE).read_text("utf-8")
    return Contract(json.loads(text))
