"""Page names: ASCII, transliterated, stable, and safe as file names."""

from __future__ import annotations

from slugify import slugify

MAX_SLUG_LENGTH = 80


def make_slug(title: str, fallback: str) -> str:
    """A slug from the title (Cyrillic transliterated), else from `fallback`."""
    for candidate in (title, fallback):
        slug = slugify(candidate or "", max_length=MAX_SLUG_LENGTH, word_boundary=True)
        if slug:
            return slug
    return "article"


def disambiguate(slug: str, source_sha256: str) -> str:
    """A second article with the same title gets its checksum's start appended."""
    return f"{slug}-{source_sha256[:6]}"
