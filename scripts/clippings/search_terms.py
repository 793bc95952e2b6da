"""Search terms: the one tokenizer behind the offline search index (site/offline_search.py).

The browser's query side (docs/assets/javascripts/offline-search.js) repeats these steps
with the same rules (rules/search.yml, copied into the index) and the same Snowball
3.1.1 stemmers, so a word folds and stems to the same term at build and at query time:

1. lower-case, then the `folds` (ё -> е, ß -> ss);
2. strip diacritics from every letter except й (Latin é -> e; Russian keeps й);
3. split into runs of letters and digits;
4. drop stopwords;
5. stem Cyrillic words with Snowball's Russian stemmer, Latin ones with its English one.

Entities: every name and alias of vocabularies/entities.yml, as a sequence of stems,
adds one entity term (`@id`) where it occurs, so a query for any alias (Tokayev,
Tokaev, Токаев) finds every article naming the entity by another one.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources
from typing import Any

import snowballstemmer
import yaml

ENTITY_PREFIX = "@"
# Runs of letters, digits and underscores, once marks are stripped; the browser's
# /[\p{L}\p{N}_]+/gu splits the same way.
_WORD = re.compile(r"[^\W]+")
_MARKS = re.compile(r"[\u0300-\u036f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-z]")
# Longest entity alias, in words, that a query or text is scanned for.
MAX_ALIAS_WORDS = 6


@cache
def rules() -> dict[str, Any]:
    text = resources.files("clippings").joinpath("rules/search.yml").read_text("utf-8")
    return yaml.safe_load(text)


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(word for words in rules()["stopwords"].values() for word in words)


@cache
def _stemmers() -> tuple[Any, Any]:
    return snowballstemmer.stemmer("english"), snowballstemmer.stemmer("russian")


def fold(text: str) -> str:
    """Lower case, the folds of rules/search.yml, no diacritics except on й."""
    text = text.lower()
    for letter, replacement in rules()["folds"].items():
        text = text.replace(letter, replacement)
    decomposed = unicodedata.normalize("NFD", text).replace("и\u0306", "й")
    return unicodedata.normalize("NFC", _MARKS.sub("", decomposed))


def words(text: str) -> list[str]:
    """Folded words of `text`, stopwords included (snippets highlight them too)."""
    return _WORD.findall(fold(text))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A folded word's term: Snowball Russian for Cyrillic, English for Latin, else as is."""
    english, russian = _stemmers()
    if _CYRILLIC.search(word):
        return russian.stemWord(word)
    if _LATIN.search(word):
        return english.stemWord(word)
    return word


def terms(text: str) -> list[str]:
    """The stems of `text`'s words, stopwords left out, in order."""
    stop = _stopwords()
    return [stem(word) for word in words(text) if word not in stop]


# Stems already computed, by word: a dict look-up is the hot path of indexing.
_STEMS: dict[str, str] = {}


def _remember(word: str) -> str:
    _STEMS[word] = result = stem(word)
    return result


@dataclass(frozen=True)
class Aliases:
    """Entity names as stem sequences: {("tokayev",): "@kassym-jomart-tokayev", ...}."""

    by_stems: dict[tuple[str, ...], str]

    @cached_property
    def longest(self) -> dict[str, int]:
        """First stem of an alias -> its longest alias, in words (most stems start none)."""
        longest: dict[str, int] = {}
        for key in self.by_stems:
            longest[key[0]] = max(longest.get(key[0], 0), len(key))
        return longest

    def mark(self, stems: list[str]) -> Iterator[str]:
        """The entity terms in a sequence of stems, one per occurrence (longest alias wins)."""
        at, longest = 0, self.longest
        while at < len(stems):
            if stems[at] not in longest:
                at += 1
                continue
            for length in range(min(longest[stems[at]], len(stems) - at), 0, -1):
                entity = self.by_stems.get(tuple(stems[at : at + length]))
                if entity:
                    yield entity
                    at += length
                    break
            else:
                at += 1

    def as_data(self) -> dict[str, str]:
        """For the browser: stems joined by spaces -> entity term."""
        return {" ".join(key): value for key, value in sorted(self.by_stems.items())}


def _word_stems(word: str) -> set[str]:
    """The stems a name's word takes in text. Snowball treats a Russian name's nominative
    as inflected (Токаев -> тока) but not its other cases (Токаева -> токаев), so a
    Cyrillic word counts with the stems of its case forms too (rules: name_endings)."""
    if not _CYRILLIC.search(word):
        return {stem(word)}
    return {stem(word + ending) for ending in ["", *rules()["name_endings"]]}


def entity_aliases(entities: Iterable[Any]) -> Aliases:
    """Every name and alias of each entity (objects with id, name and aliases)."""
    by_stems: dict[tuple[str, ...], str] = {}
    for entity in entities:
        for name in (entity.name, *entity.aliases):
            # Stems with stopwords kept: "Organisation of Islamic Cooperation" needs "of".
            forms = [sorted(_word_stems(word)) for word in words(name)]
            if 0 < len(forms) <= MAX_ALIAS_WORDS:
                for stems in itertools.product(*forms):
                    by_stems.setdefault(stems, ENTITY_PREFIX + entity.id)
    return Aliases(by_stems)


def field_terms(text: str, aliases: Aliases) -> list[str]:
    """A field's index terms: its stems without stopwords, plus its entity terms."""
    stop = _stopwords()
    folded = words(text)
    known = _STEMS
    stems = [known.get(word) or _remember(word) for word in folded]
    kept = [s for s, word in zip(stems, folded, strict=True) if word not in stop]
    return kept + list(aliases.mark(stems))
