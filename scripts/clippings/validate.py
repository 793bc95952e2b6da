"""Front matter against the published JSON Schema (docs/schema/article.schema.json)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator


@cache
def article_validator() -> Draft202012Validator:
    schema = json.loads(
        resources.files("clippings").joinpath("schema/article.schema.json").read_text("utf-8")
    )
    return Draft202012Validator(schema)


def schema_errors(metadata: dict[str, Any]) -> list[str]:
    """Every problem, as `field: message`, in a stable order."""
    errors = sorted(article_validator().iter_errors(metadata), key=lambda e: list(map(str, e.path)))
    return [f"{'.'.join(map(str, e.path)) or 'front matter'}: {e.message}" for e in errors]
