"""Word tokens shared by theme and entity matching: one pass over the text, then dict look-ups.

A regex alternation of hundreds of phrases is tried at every character and cost
100 ms per article; matching token sequences in a dict costs about 1 ms.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

# Words keep inner hyphens, dots and apostrophes: "multi-vector", "N.Nazarbayev", "U.S".
_TOKEN = re.compile(r"\w+(?:[-.’']\w+)*")
_POSSESSIVE = re.compile(r"[’']s$")
_POSSESSIVE_ENDINGS = frozenset({"’s", "'s"})


@lru_cache(maxsize=4)
def words(text: str) -> list[str]:
    """The tokens of `text`, possessive endings removed ("Tokayev’s" -> "Tokayev")."""
    return [
        _POSSESSIVE.sub("", word) if word[-2:] in _POSSESSIVE_ENDINGS else word
        for word in _TOKEN.findall(text)
    ]


def spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each token of `text`, aligned with `words(text)`."""
    return [match.span() for match in _TOKEN.finditer(text)]


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
        """(first token, token count, label) of the longest phrase starting at each token."""
        prefix_memo = self.prefix_memo
        index, total = 0, len(words)
        while index < total:
            word = words[index]
            found = self._phrase_at(words, index) if word in self.exact else None
            if found is None:
                if word not in prefix_memo:
                    prefix_memo[word] = self._prefix_label(word)
                found = (1, prefix_memo[word]) if prefix_memo[word] else None
            if found:
                yield index, found[0], found[1]
                index += found[0]
            else:
                index += 1

    def _phrase_at(self, words: list[str], index: int) -> tuple[int, str] | None:
        for phrase, label in self.exact[words[index]]:
            if _phrase_at(words, index, phrase):
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
