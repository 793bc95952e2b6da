"""What editors read about sidecar fields, generated from the article contract.

`clippings reference` writes the CONTRIBUTING.md field table and the article-field
part of sidecar.schema.json from the article schema, so a new field is documented
the moment it is declared; a test fails when either is out of date.
"""

from __future__ import annotations

import json
from typing import Any

from clippings import contract
from clippings.sidecar import DIRECTIVES, SELECTOR_KEYS

TABLE_START = (
    "<!-- sidecar fields: generated from scripts/clippings/schema/article.schema.json"
    " by `clippings reference`; do not edit -->"
)
TABLE_END = "<!-- end of sidecar fields -->"


class MissingMarkers(ValueError):
    pass


def sidecar_table() -> str:
    """The Markdown table of what a sidecar may set: article fields, then directives."""
    terms = contract.article_contract()
    rows = [
        (key, _value(spec, terms.must_be(key)), spec.get("description", ""))
        for key, spec in terms.sidecar_fields.items()
    ]
    rows += [
        (key, "a list" if kind is list else "text", meaning[:1].upper() + meaning[1:] + ".")
        for key, (kind, meaning) in DIRECTIVES.items()
        if key not in SELECTOR_KEYS  # the line selectors have their own table (3b)
    ]
    lines = ["| key | value | what it says |", "|---|---|---|"]
    lines += [f"| `{key}:` | {_cell(value)} | {_cell(text)} |" for key, value, text in rows]
    return "\n".join(lines) + "\n"


def _value(spec: dict[str, Any], must_be: str) -> str:
    """What a sidecar's value must be, in words."""
    if "enum" in spec:
        return "one of " + ", ".join(f"`{choice}`" for choice in spec["enum"])
    if "x-must-be" in spec:
        return spec["x-must-be"]
    if spec.get("pattern"):
        return must_be
    types = spec.get("type")
    nullable = isinstance(types, list) and "null" in types
    return "text, or `null` for none" if nullable else "text"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def with_sidecar_table(page: str) -> str:
    """`page` (CONTRIBUTING.md) with the table between its markers replaced."""
    start, end = page.find(TABLE_START), page.find(TABLE_END)
    if start < 0 or end < start:
        raise MissingMarkers(f"the sidecar field table's markers are missing: {TABLE_START}")
    return page[: start + len(TABLE_START)] + "\n" + sidecar_table() + page[end:]


def sidecar_schema(current: dict[str, Any]) -> dict[str, Any]:
    """`current` (sidecar.schema.json) with its article fields taken from the article schema.

    The directives' properties are the sidecar schema's own and stay as written.
    """
    fields = {
        key: {name: value for name, value in spec.items() if not name.startswith("x-")}
        for key, spec in contract.article_contract().sidecar_fields.items()
    }
    directives = {key: current["properties"][key] for key in DIRECTIVES}
    return {**current, "properties": {**fields, **directives}}


def schema_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
