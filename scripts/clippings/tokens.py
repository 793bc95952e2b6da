"""Word tokens shared by theme and entity matching: one pass over the text, then dict look-ups.

A regex alternation of hundreds of phrases is tried at every character and cost
100 ms per article; matching token sequences in a dict costs about 1 ms.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, count
from typing import TypeVar

# Words keep inner hyphens, dots and apostrophes: "multi-vector", "N.Nazarbayev", "U.S".
_TOKEN = re.compile(r"\w+(?:[-.’']\w+)*")
# The same tokens without a final possessive ending ("Tokayev’s" -> "Tokayev"), in one
# pass: the shortest token body, then an optional "’s", then the token must end.
_DOLLAR = re.compile(r"\$")
_WORD_CHARACTER = re.compile(r"\w")
_TOKEN_WITHOUT_POSSESSIVE = re.compile(r"(\w+(?:[-.’']\w+)*?)(?:[’']s)?(?![-.’']?\w)")


@lru_cache(maxsize=4)
def words(text: str) -> list[str]:
    """The tokens of `text`, possessive endings removed ("Tokayev’s" -> "Tokayev")."""
    return _TOKEN_WITHOUT_POSSESSIVE.findall(text)


def tokens_before_dollar(text: str) -> set[int]:
    """Positions (in `words(text)`) of the tokens that a "$" follows at once ("US$2,400")."""
    positions, tokens_so_far, counted_to = set(), 0, 0
    for dollar in _DOLLAR.finditer(text):
        at = dollar.start()
        # "$" is not part of any token, so counting in slices between dollars adds up.
        tokens_so_far += len(_TOKEN.findall(text, counted_to, at))
        counted_to = at
        if at > 0 and _WORD_CHARACTER.match(text, at - 1):  # every token ends in a word character
            positions.add(tokens_so_far - 1)
    return positions


Item = TypeVar("Item")
Built = TypeVar("Built")


def per_vocabulary(build: Callable[[tuple[Item, ...]], Built]) -> Callable[[Sequence[Item]], Built]:
    """Cache what is built from a vocabulary (themes, entities) for every text that uses it.

    Keyed by content, like lru_cache, but the vocabulary tuples passed for every
    article are recognised by identity first: hashing a tuple of dataclasses
    costs as much as matching a short text. Tuples of frozen dataclasses never
    change, so the same object always means the same content (and the object is
    kept alive here, so its id is not reused).
    """
    by_content = lru_cache(maxsize=8)(build)
    by_identity: dict[int, tuple[tuple[Item, ...], Built]] = {}

    def cached(items: Sequence[Item]) -> Built:
        known = by_identity.get(id(items))
        if known is not None and known[0] is items:
            return known[1]
        built = by_content(tuple(items))
        if isinstance(items, tuple):
            if len(by_identity) >= 8:
                by_identity.clear()
            by_identity[id(items)] = (items, built)
        return built

    return cached


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    return tuple(words(phrase))


@dataclass(frozen=True)
class PhraseIndex:
    """Phrases (token tuples) by their first token; a phrase may end in a prefix (`mediat*`)."""

    exact: dict[str, list[tuple[tuple[str, ...], str]]]
    prefixed: dict[int, dict[str, list[tuple[tuple[str, ...], str]]]]
    # Word -> label of the prefix term it matches; shared by all texts, since a
    # collection's vocabulary of distinct words is small.
    prefix_memo: dict[str, str | None] = field(default_factory=dict, compare=False)
    # Words that may start a match: first words of phrases, and words seen so far
    # that match a prefix term. Every other token is skipped without Python code.
    starters: set[str] = field(default_factory=set, compare=False)

    def __post_init__(self) -> None:
        self.starters.update(self.exact)

    @classmethod
    def build(cls, phrases: Iterable[tuple[str, str]], fold: bool) -> PhraseIndex:
        """`phrases` are (pattern, label) pairs; `fold` makes matching case-insensitive."""
        exact: dict[str, list] = defaultdict(list)
        prefixed: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for pattern, label in phrases:
            is_prefix = pattern.endswith("*")
            words = phrase_tokens(pattern.rstrip("*").casefold() if fold else pattern.rstrip("*"))
            if not words:
                continue
            if is_prefix and len(words) == 1:
                prefixed[len(words[0])][words[0]].append((words, label))
            else:
                exact[words[0]].append((words + (("*",) if is_prefix else ()), label))
        for entries in exact.values():
            entries.sort(key=lambda entry: -len(entry[0]))
        return cls(dict(exact), {k: dict(v) for k, v in prefixed.items()})

    def matches(self, words: list[str]) -> Iterator[tuple[int, int, str]]:
        """(first token, token count, label) of the longest phrase starting at each token.

        Left to right, a match's tokens are not looked at again. Only tokens that
        can start a match are visited: the others would each just move on by one.
        """
        self._learn(words)
        prefix_memo, exact = self.prefix_memo, self.exact
        resume = 0
        for index in compress(count(), map(self.starters.__contains__, words)):
            if index < resume:
                continue
            word = words[index]
            found = self._phrase_at(words, index) if word in exact else None
            if found is None and prefix_memo.get(word):
                found = (1, prefix_memo[word])
            if found:
                yield index, found[0], found[1]
                resume = index + found[0]

    def _learn(self, words: list[str]) -> None:
        """Look up the prefix terms of words not seen before (set operations, in C)."""
        if not self.prefixed:
            return  # no prefix terms (entities): no word can match one
        prefix_memo = self.prefix_memo
        for word in set(words).difference(prefix_memo):
            prefix_memo[word] = label = self._prefix_label(word)
            if label:
                self.starters.add(word)

    def _phrase_at(self, words: list[str], index: int) -> tuple[int, str] | None:
        for phrase, label in self.exact[words[index]]:
            # A one-word phrase is the very word it is filed under.
            if len(phrase) == 1 or _phrase_at(words, index, phrase):
                return len(phrase) - (phrase[-1] == "*"), label
        return None

    def _prefix_label(self, word: str) -> str | None:
        for length, table in self.prefixed.items():
            if len(word) >= length and (entries := table.get(word[:length])):
                return entries[0][1]
        return None


def _phrase_at(words: list[str], index: int, phrase: tuple[str, ...]) -> bool:
    if phrase[-1] == "*":
        body = phrase[:-1]
        end = index + len(body)
        return (
            end <= len(words)
            and tuple(words[index : end - 1]) == body[:-1]
            and words[end - 1].startswith(body[-1])
        )
    return tuple(words[index : index + len(phrase)]) == phrase
