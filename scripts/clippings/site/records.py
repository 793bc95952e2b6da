"""Articles as the site sees them: front matter plus body, read from docs/articles/."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from clippings.articlefile import split
from clippings.parallel import in_two_halves
from clippings.site.urls import uri

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_CORPUS_ONLY = frozenset({"quotes", "dated", "fingerprint", "checksum"})


@dataclass(frozen=True)
class ArticleRecord:
    slug: str
    meta: dict[str, Any]
    body: str = field(repr=False)

    def for_article_page(self) -> ArticleRecord:
        """The record without what only the corpus-wide pages use (body, quotes, dates)."""
        meta = {k: v for k, v in self.meta.items() if k not in _CORPUS_ONLY}
        return ArticleRecord(self.slug, meta, "")

    @property
    def src_uri(self) -> str:
        return uri("article", self.slug)

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
    def published(self) -> str | None:
        """YYYY, YYYY-MM or YYYY-MM-DD, as the source or sidecar states it."""
        return str(self.meta["published"]) if self.meta.get("published") else None

    @property
    def added(self) -> str | None:
        """YYYY-MM-DD: when the article entered the collection (None for a hand-written
        article that does not say)."""
        return str(self.meta["added"]) if self.meta.get("added") else None

    @property
    def themes(self) -> list[str]:
        return list(self.meta.get("themes") or [])

    @property
    def entities(self) -> list[str]:
        return list(self.meta.get("entities") or [])


# The site needs only the roles of the dropped lines (Provenance counts them);
# the lines themselves are a third of a typical front matter, so they are not parsed.
_DROPPED = re.compile(r"^dropped:\n((?:[- ] .*\n?)*)", re.MULTILINE)
_DROPPED_ROLE = re.compile(r"^[- ] as: (.*)$", re.MULTILINE)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    front, body = split(text)
    if front is None:
        return {}, body
    front, roles = _without_dropped_lines(front)
    meta = yaml.load(front, Loader=_Loader) or {}
    if isinstance(meta, dict) and roles is not None:
        meta["dropped"] = [{"as": role} for role in roles]
    return (meta if isinstance(meta, dict) else {}), body


def _without_dropped_lines(front: str) -> tuple[str, list[str] | None]:
    match = _DROPPED.search(front)
    if not match:
        return front, None
    roles = [_scalar(value) for value in _DROPPED_ROLE.findall(match.group(1))]
    return front[: match.start()] + front[match.end() :], roles


def _scalar(value: str) -> str:
    return str(yaml.load(value, Loader=_Loader)) if value[:1] in "'\"" else value


def body_of(text: str) -> str:
    """The Markdown after the front matter, without parsing the YAML."""
    return split(text)[1]


def read_records(folder: Path) -> list[ArticleRecord]:
    """Every article, sorted by slug so that all derived output is deterministic.

    Parsing front matter is most of the cost; past PARALLEL_FROM articles a forked
    worker parses the second half while this process parses the first.
    """
    return in_two_halves(_read, sorted(folder.glob("*.md")), PARALLEL_FROM)


# Below this, starting a worker costs more than it saves.
PARALLEL_FROM = 1000


def _read(paths: list[Path]) -> list[ArticleRecord]:
    return [record_from_text(p.stem, p.read_text(encoding="utf-8")) for p in paths]


def record_from_text(slug: str, text: str) -> ArticleRecord:
    meta, body = split_front_matter(text)
    return ArticleRecord(slug, meta, body)


def by_key(records: Iterable[ArticleRecord], key) -> dict[str, list[ArticleRecord]]:
    groups: dict[str, list[ArticleRecord]] = {}
    for record in records:
        for value in key(record):
            groups.setdefault(value, []).append(record)
    return groups


def newest_added_first(records: Iterable[ArticleRecord]) -> list[ArticleRecord]:
    """Latest additions first; among one day's additions the latest published, then by slug."""
    return sorted(records, key=lambda r: (r.added or "", r.published or "", r.slug), reverse=True)
