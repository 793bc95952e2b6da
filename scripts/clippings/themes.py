"""Phase 2 (write), step themes: weighted evidence terms from vocabularies/themes.yml."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from clippings.tokens import PhraseIndex, per_vocabulary, words
from clippings.vocab import Theme

# A term counts at most this many times: one word repeated cannot carry a theme alone.
MAX_COUNT_PER_TERM = 3


@dataclass(frozen=True)
class ThemeMatch:
    slug: str
    score: float
    evidence: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class _Table:
    """A vocabulary's themes prepared once for every article."""

    index: PhraseIndex
    # Per theme, in order: (term as written, its casefolded form, weight).
    terms: tuple[tuple[tuple[str, str, float], ...], ...]
    # Casefolded term -> positions of the themes that list it.
    themes_of: dict[str, frozenset[int]]


@per_vocabulary
def _table(themes: tuple[Theme, ...]) -> _Table:
    index = PhraseIndex.build(
        ((term, term.casefold()) for theme in themes for term, _ in theme.terms), fold=True
    )
    terms = tuple(
        tuple((term, term.casefold(), weight) for term, weight in theme.terms) for theme in themes
    )
    themes_of: dict[str, set[int]] = defaultdict(set)
    for position, theme_terms in enumerate(terms):
        for _, folded, _ in theme_terms:
            themes_of[folded].add(position)
    return _Table(index, terms, {term: frozenset(found) for term, found in themes_of.items()})


def term_counts(text: str, themes: Sequence[Theme]) -> Counter[str]:
    """How often each term (casefolded, as written in the vocabulary) occurs."""
    # Tokenise once (entities reuse the cached tokens), then fold each word.
    folded = list(map(str.casefold, words(text)))
    return Counter([label for _, _, label in _table(themes).index.matches(folded)])


def assign_themes(text: str, themes: Sequence[Theme]) -> list[ThemeMatch]:
    """Themes whose evidence reaches their threshold, strongest first."""
    table = _table(themes)
    counts = term_counts(text, themes)
    # Only themes listing a term that occurs can have evidence.
    candidates = frozenset().union(*(table.themes_of[term] for term in counts))
    matches = []
    for position, (theme, terms) in enumerate(zip(themes, table.terms, strict=True)):
        if position not in candidates:
            continue
        evidence = [
            (term, counts[folded], weight * min(counts[folded], MAX_COUNT_PER_TERM))
            for term, folded, weight in terms
            if folded in counts
        ]
        score = round(sum(points for _, _, points in evidence), 3)
        if evidence and score >= theme.threshold:
            ordered = sorted(evidence, key=lambda e: (-e[2], e[0]))
            matches.append(
                ThemeMatch(theme.slug, score, tuple((term, count) for term, count, _ in ordered))
            )
    return sorted(matches, key=lambda m: (-m.score, m.slug))
