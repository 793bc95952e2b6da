"""Paragraph anchors derived from the paragraph's text, so an edit elsewhere keeps every link."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence


def paragraph_anchor(text: str) -> str:
    normalised = " ".join(text.casefold().split())
    return "p-" + hashlib.sha1(normalised.encode("utf-8")).hexdigest()[:8]


def paragraph_anchors(paragraphs: Sequence[str]) -> list[str]:
    """One anchor per paragraph; a repeated paragraph gets -2, -3 so anchors stay unique."""
    seen: dict[str, int] = {}
    anchors = []
    for text in paragraphs:
        anchor = paragraph_anchor(text)
        seen[anchor] = times = seen.get(anchor, 0) + 1
        anchors.append(anchor if times == 1 else f"{anchor}-{times}")
    return anchors
