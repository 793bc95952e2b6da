"""Evidence that a line is the article's own writing, and where the article is.

A web page's text dump is mostly furniture: navigation, teasers, share rows,
footers. The article is the densest run of prose in it. A line is prose when it
reads like a sentence of the page's language: enough words, a fair share of the
language's function words (jusText's strongest signal), a sentence ending.
Every threshold is a parameter of `structure: prose` in rules/cleaning.yml.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from itertools import chain, islice
from pathlib import Path
from typing import Any

_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
# Scripts written without spaces between words: a "word" there is a whole clause.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_UNSPACED_SENTENCE_END = re.compile(r"[。！？]")
# The page's language is told from this many words of its prose.
_SAMPLE_WORDS = 1_500


@cache
def stopwords(language: str) -> frozenset[str]:
    """jusText's stoplist for a language (e.g. "English"), casefolded."""
    spec = find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the justext package is needed for its stoplists")
    folder = Path(next(iter(spec.submodule_search_locations))) / "stoplists"
    words = (folder / f"{language}.txt").read_text("utf-8").split()
    return frozenset(word.casefold().replace("ё", "е") for word in words)


def tokens(text: str) -> list[str]:
    """The words of a text, casefolded, with ё read as е."""
    folded = text.casefold()
    if "ё" in folded:
        folded = folded.replace("ё", "е")
    return _TOKEN.findall(folded)


@cache
def _languages_of_words(languages: tuple[str, ...]) -> dict[str, tuple[int, ...]]:
    """word -> the indexes of the languages whose stoplists hold it: one look-up a word."""
    found: dict[str, list[int]] = {}
    for number, language in enumerate(languages):
        for word in stopwords(language):
            found.setdefault(word, []).append(number)
    return {word: tuple(numbers) for word, numbers in found.items()}


def page_stopwords(lines: Iterable[list[str]], languages: Sequence[str]) -> frozenset[str]:
    """The stoplist of the language whose function words the page uses most.

    `lines`: the tokens of the lines that may be prose. Empty when no language's
    function words make up 5 % of their words: then only a line's shape can say
    whether a line is prose.
    """
    words = list(islice(chain.from_iterable(lines), _SAMPLE_WORDS))
    index = _languages_of_words(tuple(languages))
    hits = [0] * len(languages)
    for word, count in Counter(words).items():
        for number in index.get(word, ()):
            hits[number] += count
    if not words or max(hits) < 0.05 * len(words):
        return frozenset()
    return stopwords(languages[hits.index(max(hits))])


@dataclass(frozen=True)
class ProseJudge:
    """Decides whether one line reads as prose, with the page's stoplist."""

    stoplist: frozenset[str]
    params: dict[str, Any]

    def is_prose(self, text: str, words: list[str], word_count: int) -> bool:
        """For a line that may be prose; `words`: tokens of its first characters."""
        if _UNSPACED.search(text):
            return True
        if not words:
            return False
        params = self.params
        sentence = _ends_sentence(text)
        share = self._stopword_share(words)
        if word_count >= params["long_words"]:
            return share >= params["long_min_stopwords"]
        return (
            sentence
            and len(words) >= params["sentence_min_words"]
            and share >= params["sentence_min_stopwords"]
            and any(word[:1].islower() for word in _TOKEN.findall(text))
        )

    def _stopword_share(self, words: list[str]) -> float:
        if not self.stoplist:
            # An unknown language: shape alone has to decide.
            return 1.0
        return sum(map(self.stoplist.__contains__, words)) / len(words)

    def weight(self, words: int) -> float:
        """A prose line's pull on the body region: longer paragraphs pull harder."""
        cap, per = self.params["weight_cap_words"], self.params["weight_words_per_point"]
        return 1.0 + min(words, cap) / per


def may_be_prose(text: str, word_count: int, params: dict[str, Any]) -> bool:
    """False for most menu lines, decided without reading their words.

    `word_count`: the line's words as clean.word_count counts them.
    """
    if _UNSPACED.search(text):
        return len(text) >= params["unspaced_min_chars"] or ends_unspaced_sentence(text)
    return word_count >= params["long_words"] or _ends_sentence(text)


def is_unspaced(text: str) -> bool:
    """Written in a script without spaces between words (Chinese, Japanese, Korean)."""
    return _UNSPACED.search(text) is not None


def ends_unspaced_sentence(text: str) -> bool:
    return _UNSPACED_SENTENCE_END.search(text) is not None


def _ends_sentence(text: str) -> bool:
    return SENTENCE_END.search(text) is not None or text.endswith(":")


def capped_gaps(scores: Sequence[float | None], cap_lines: int) -> list[float | None]:
    """Only the first `cap_lines` lines of a run of furniture count against a region.

    A chart or a gallery inside an article leaves dozens of short lines between two
    halves of the text; past a few lines, a longer gap is no stronger evidence.
    """
    capped: list[float | None] = []
    gap = 0
    for score in scores:
        if score is not None and score < 0:
            gap += 1
            capped.append(score if gap <= cap_lines else 0.0)
        else:
            gap = 0 if score is not None else gap
            capped.append(score)
    return capped


def densest_run(scores: Sequence[float | None]) -> tuple[int, int] | None:
    """The [start, end] indexes of the run with the largest sum (Kadane).

    `None` scores (lines already decided) neither add nor break a run. The run
    starts and ends on a scored line; None when no run sums above zero.
    """
    best, best_span = 0.0, None
    total, start = 0.0, None
    for index, score in enumerate(scores):
        if score is None:
            continue
        if start is None or total <= 0:
            total, start = 0.0, index
        total += score
        if total > best:
            best, best_span = total, (start, index)
    return best_span
