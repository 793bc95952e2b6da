"""Dated statements: sentences with an explicit year, month and year, or full date.

Relative dates ("last year") are resolved against the article's `published`
date only when it is known; otherwise the sentence is left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from clippings import dates
from clippings.dates import MONTH_NUMBERS
from clippings.extract import split_sentences

_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = (
    ("day", re.compile(rf"\b{_MONTH}\s+(?P<day>[0-3]?\d),?\s+{_YEAR}\b")),
    ("day", re.compile(rf"\b(?P<day>[0-3]?\d)\s+{_MONTH}\s+{_YEAR}\b")),
    ("month", re.compile(rf"\b{_MONTH}(?:\s+of)?\s+{_YEAR}\b")),
    ("range", re.compile(rf"\b{_YEAR}\s*[-–]\s*(?P<until>(?:19|20)\d\d)\b")),
    # A bare year, but not an amount ("2017 tons"), a name ("Expo-2017") or part of a number.
    (
        "year",
        re.compile(
            rf"(?<![\w$.,-]){_YEAR}(?![\w%-]|,\d|\.\d|\s+(?:percent|tons|tonnes|people|km|dollars))"
        ),
    ),
)
_RELATIVE = (
    (re.compile(r"\blast year\b", re.IGNORECASE), -1, "year"),
    (re.compile(r"\bthis year\b", re.IGNORECASE), 0, "year"),
    (re.compile(r"\blast month\b", re.IGNORECASE), -1, "month"),
    (re.compile(r"\bthis month\b", re.IGNORECASE), 0, "month"),
)


# Most paragraphs have no date at all: one cheap test before splitting sentences.
_ANY_DATE = re.compile(r"(?:19|20)\d\d|\b(?:last|this) (?:year|month)\b", re.IGNORECASE)
# The same test when relative dates cannot be resolved (no publication date): every
# explicit pattern needs a year, and a year alone is found much faster.
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True)
class DatedStatement:
    date: str
    until: str | None
    sentence: str
    paragraph: int
    anchor: str


def _explicit(sentence: str) -> tuple[str, str | None] | None:
    for kind, pattern in _PATTERNS:
        match = pattern.search(sentence)
        if not match:
            continue
        year = match.group("year")
        if kind == "day":
            month = MONTH_NUMBERS[match.group("month").lower()]
            return dates.partial(int(year), month, int(match.group("day"))), None
        if kind == "month":
            return dates.partial(int(year), MONTH_NUMBERS[match.group("month").lower()]), None
        if kind == "range":
            return year, match.group("until")
        return year, None
    return None


def _relative(sentence: str, published: str | None) -> tuple[str, str | None] | None:
    if not published:
        return None
    parts = dates.parts(published)
    for pattern, shift, unit in _RELATIVE:
        if not pattern.search(sentence):
            continue
        if unit == "year":
            return dates.partial(parts[0] + shift), None
        if len(parts) >= 2:
            year, month = divmod(parts[0] * 12 + parts[1] - 1 + shift, 12)
            return dates.partial(year, month + 1), None
    return None


def extract_dated_statements(
    paragraphs: Sequence[str], anchors: Sequence[str], published: str | None
) -> list[DatedStatement]:
    found = []
    may_be_dated = (_ANY_DATE if published else _ANY_YEAR).search
    for index, paragraph in enumerate(paragraphs):
        if not may_be_dated(paragraph):
            continue
        for sentence in split_sentences(paragraph):
            if not may_be_dated(sentence):
                continue  # every pattern below needs what it looks for
            dated = _explicit(sentence) or _relative(sentence, published)
            if dated:
                date, until = dated
                found.append(DatedStatement(date, until, sentence, index, anchors[index]))
    return sorted(found, key=lambda s: (s.date, s.paragraph, s.sentence))
