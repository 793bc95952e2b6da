"""Theme assignment: weighted evidence terms from vocabularies/themes.yml, one regex pass."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from clippings.vocab import Theme

# A term counts at most this many times: one word repeated cannot carry a theme alone.
MAX_COUNT_PER_TERM = 3


@dataclass(frozen=True)
class ThemeMatch:
    slug: str
    score: float
    evidence: tuple[tuple[str, int], ...]


def _term_pattern(term: str) -> str:
    prefix = term.endswith("*")
    words = term.rstrip("*").split()
    body = r"\s+".join(re.escape(word) for word in words)
    ending = r"\w*" if prefix else r"(?!\w)"
    return rf"(?<!\w){body}{ending}"


@lru_cache(maxsize=8)
def _matcher(themes: tuple[Theme, ...]) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """One alternation over every distinct term; group i is terms[i]."""
    terms = tuple(
        sorted(
            {term.casefold() for theme in themes for term, _ in theme.terms},
            key=lambda t: (-len(t), t),
        )
    )
    pattern = "|".join(f"({_term_pattern(term)})" for term in terms)
    return re.compile(pattern or r"(?!x)x", re.IGNORECASE), terms


def term_counts(text: str, themes: Sequence[Theme]) -> Counter[str]:
    pattern, terms = _matcher(tuple(themes))
    counts: Counter[str] = Counter()
    for match in pattern.finditer(text):
        counts[terms[match.lastindex - 1]] += 1
    return counts


def assign_themes(text: str, themes: Sequence[Theme]) -> list[ThemeMatch]:
    """Themes whose evidence reaches their threshold, strongest first."""
    counts = term_counts(text, themes)
    matches = []
    for theme in themes:
        evidence = [
            (
                term,
                counts[term.casefold()],
                weight * min(counts[term.casefold()], MAX_COUNT_PER_TERM),
            )
            for term, weight in theme.terms
            if counts[term.casefold()]
        ]
        score = round(sum(points for _, _, points in evidence), 3)
        if evidence and score >= theme.threshold:
            ordered = sorted(evidence, key=lambda e: (-e[2], e[0]))
            matches.append(
                ThemeMatch(theme.slug, score, tuple((term, count) for term, count, _ in ordered))
            )
    return sorted(matches, key=lambda m: (-m.score, m.slug))
