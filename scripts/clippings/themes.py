"""Theme assignment: weighted evidence terms from vocabularies/themes.yml."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from clippings.tokens import PhraseIndex, words
from clippings.vocab import Theme

# A term counts at most this many times: one word repeated cannot carry a theme alone.
MAX_COUNT_PER_TERM = 3


@dataclass(frozen=True)
class ThemeMatch:
    slug: str
    score: float
    evidence: tuple[tuple[str, int], ...]


@lru_cache(maxsize=8)
def _index(themes: tuple[Theme, ...]) -> PhraseIndex:
    return PhraseIndex.build(
        ((term, term.casefold()) for theme in themes for term, _ in theme.terms), fold=True
    )


def term_counts(text: str, themes: Sequence[Theme]) -> Counter[str]:
    """How often each term (casefolded, as written in the vocabulary) occurs."""
    # Tokenise once (entities reuse the cached tokens), then fold each word.
    folded = [word.casefold() for word in words(text)]
    return Counter(label for _, _, label in _index(tuple(themes)).matches(folded))


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
