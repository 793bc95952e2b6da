"""Front matter against the article schema (published as schema/article.schema.json)."""

from __future__ import annotations

from typing import Any

from clippings import contract


def schema_errors(metadata: dict[str, Any]) -> list[str]:
    """Every problem, as `field: message`, in a stable order."""
    validator = contract.article_contract().validator
    errors = sorted(validator.iter_errors(metadata), key=lambda e: list(map(str, e.path)))
    return [f"{'.'.join(map(str, e.path)) or 'front matter'}: {e.message}" for e in errors]
