"""Articles as the site sees them: front matter plus body, read from docs/articles/."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class ArticleRecord:
    slug: str
    meta: dict[str, Any]
    body: str = field(repr=False)

    @property
    def src_uri(self) -> str:
        return f"articles/{self.slug}.md"

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or self.slug)

    @property
    def author(self) -> str | None:
        return self.meta.get("author") or None

    @property
    def outlet(self) -> str | None:
        return self.meta.get("outlet") or None

    @property
    def themes(self) -> list[str]:
        return list(self.meta.get("themes") or [])

    @property
    def entities(self) -> list[str]:
        return list(self.meta.get("entities") or [])


def name_slug(name: str) -> str:
    """Page name for an author or an outlet (Cyrillic transliterated)."""
    return slugify(name, max_length=80, word_boundary=True) or "unnamed"


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 4)
    if end < 0:
        return {}, text
    meta = yaml.load(text[4:end], Loader=_Loader) or {}
    body = text[end + 4 :].lstrip("\n")
    return (meta if isinstance(meta, dict) else {}), body


def read_records(folder: Path) -> list[ArticleRecord]:
    """Every article, sorted by slug so that all derived output is deterministic."""
    return [
        record_from_text(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.md"))
    ]


def record_from_text(slug: str, text: str) -> ArticleRecord:
    meta, body = split_front_matter(text)
    return ArticleRecord(slug, meta, body)


def by_key(records: Iterable[ArticleRecord], key) -> dict[str, list[ArticleRecord]]:
    groups: dict[str, list[ArticleRecord]] = {}
    for record in records:
        for value in key(record):
            groups.setdefault(value, []).append(record)
    return groups
