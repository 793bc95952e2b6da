"""Load the cleaning rules (rules/cleaning.yml) into compiled, named objects."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Any

import yaml

from clippings.contract import article_contract
from clippings.cues import lowered_for_cues, may_match, pattern_cues

# A personal name as bylines print it: 1-4 capitalised words in any script,
# with initials ("A.Myrzakhmetov", "J. R. R."), hyphens and apostrophes.
# Month and weekday names start dates, not names ("by Jane Roe January 5, 2019").
# A month is a name only before another name word ("by Laura June Topolsky July 10").
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_NOT_A_NAME = (
    rf"(?!{_MONTH}\b(?!\s+(?!{_MONTH}\b)[A-ZÀ-Þ][a-zà-ÿ]))"
    r"(?!(?:Mon(?:day)?|Tue(?:sday)?|Wed(?:nesday)?|Thu(?:rsday)?|Fri(?:day)?|Sat(?:urday)?"
    r"|Sun(?:day)?|Updated|Published|Posted)\b)"
)
# Chinese, Japanese or Korean characters never continue a capitalised name word.
_NAME_WORD = (
    rf"{_NOT_A_NAME}(?:[A-ZÀ-ÞĀ-ſА-ЯЁӘҒҚҢӨҰҮҺІ](?:(?![\u3000-\u9fff\uac00-\ud7af])[\w’'\-])*\.?"
    r"|[A-ZА-Я]\.\s?)"
)
_NAME_PARTICLE = r"(?:van|von|de|der|del|da|di|al|el|bin|ibn|ul|la|le)"
NAME = rf"{_NAME_WORD}(?:\s+(?:{_NAME_PARTICLE}\s+)?{_NAME_WORD}){{0,3}}"
# Same, but at least two words: a lone capitalised word is too often not a name.
FULL_NAME = rf"{_NAME_WORD}(?:\s+(?:{_NAME_PARTICLE}\s+)?{_NAME_WORD}){{1,4}}"
# Lines remembered per purpose in Rules.memo, at most.
_MEMO_LIMIT = 50_000


@dataclass(frozen=True)
class LineRule:
    name: str
    role: str
    reason: str
    pattern: re.Pattern[str]
    whole_line: bool
    max_words: int
    names_outlet: bool
    ends_article: bool
    # Strings the pattern cannot match without (see clippings.cues); None: always try it.
    cues: tuple[str, ...] | None = None

    def matches(self, text: str, words: int, lowered: str | None = None) -> bool:
        """`lowered`: lowered_for_cues(text), when the caller tries several rules on a line."""
        if words > self.max_words or not may_match(self.cues, lowered):
            return False
        if self.whole_line:
            return self.pattern.fullmatch(text) is not None
        return self.pattern.search(text) is not None


@dataclass(frozen=True)
class NamedPattern:
    name: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class GenreRule:
    genre: str
    pattern: re.Pattern[str] | None = None
    words: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Rules:
    line_rules: tuple[LineRule, ...]
    structure: dict[str, dict[str, Any]]
    bylines: tuple[NamedPattern, ...]
    head_bylines: tuple[NamedPattern, ...]
    author_bios: tuple[NamedPattern, ...]
    caption_cues: re.Pattern[str]
    verb_markers: frozenset[str]
    title_suffixes: tuple[GenreRule, ...]
    title_prefixes: tuple[GenreRule, ...]
    title_words: tuple[GenreRule, ...]
    url_words: tuple[GenreRule, ...]
    outlet_signatures: tuple[re.Pattern[str], ...]
    # For each signature, strings it cannot match without (clippings.cues); None: always try.
    signature_cues: tuple[tuple[str, ...] | None, ...]
    outlet_suffixes: re.Pattern[str]
    not_outlets: frozenset[str]
    ui_words: frozenset[str]
    organisation_words: frozenset[str]
    byline_roles: frozenset[str]
    stoplist_names: frozenset[str]
    code_line: re.Pattern[str]
    languages: tuple[str, ...]
    months: dict[str, int]
    fingerprint: str

    @cached_property
    def article_ends(self) -> frozenset[str]:
        """Names of the line rules after whose lines the article is over."""
        return frozenset(rule.name for rule in self.line_rules if rule.ends_article)

    @cached_property
    def _line_rules_by_words(self) -> tuple[tuple[LineRule, ...], ...]:
        """For each word count up to the largest max_words, the rules a line of it may match."""
        longest = max((rule.max_words for rule in self.line_rules), default=-1)
        return tuple(
            tuple(rule for rule in self.line_rules if words <= rule.max_words)
            for words in range(longest + 1)
        )

    @cached_property
    def _memos(self) -> dict[str, dict[Any, Any]]:
        return {}

    def memo(self, purpose: str) -> dict[Any, Any]:
        """A dict for answers that depend only on a line and these rules, one per purpose.

        Page furniture recurs across a collection's pages, so most lines are answered
        from it. Its user bounds it with `remember`.
        """
        return self._memos.setdefault(purpose, {})

    def first_line_rule(self, text: str, words: int) -> LineRule | None:
        """The first line rule that matches `text` of `words` words (the first match wins).

        The same answer as trying every rule in order, found faster: only the rules whose
        max_words admit the line are tried, and a line seen before (page furniture recurs
        across a collection's pages) is answered from memory.
        """
        memo = self.memo("first-line-rule")
        key = (text, words)
        if key in memo:
            return memo[key]
        return remember(memo, key, self._try_line_rules(text, words))

    def _try_line_rules(self, text: str, words: int) -> LineRule | None:
        by_words = self._line_rules_by_words
        if words >= len(by_words):
            return None
        lowered = lowered_for_cues(text)
        return next((rule for rule in by_words[words] if rule.matches(text, words, lowered)), None)

    def reason(self, rule_name: str) -> str:
        return self.structure[rule_name]["reason"]

    def param(self, rule_name: str, key: str) -> Any:
        return self.structure[rule_name][key]


def remember(memo: dict[Any, Any], key: Any, value: Any) -> Any:
    """Store and return `value`; a memo that reaches _MEMO_LIMIT entries starts over."""
    if len(memo) >= _MEMO_LIMIT:
        memo.clear()
    memo[key] = value
    return value


def _compile(
    pattern: str, flags: int = re.IGNORECASE, fragments: dict[str, str] | None = None
) -> re.Pattern[str]:
    for name, fragment in (fragments or {}).items():
        pattern = pattern.replace(name, f"(?:{fragment})")
    pattern = pattern.replace("FULL_NAME", FULL_NAME).replace("NAME", NAME)
    return re.compile(pattern, flags)


def _line_rule(raw: dict[str, Any], fragments: dict[str, str]) -> LineRule:
    whole_line = "match" in raw
    pattern = _compile(raw["match"] if whole_line else raw["contains"], fragments=fragments)
    return LineRule(
        name=raw["name"],
        role=raw["role"],
        reason=raw["reason"],
        pattern=pattern,
        whole_line=whole_line,
        max_words=raw.get("max_words", 10_000),
        names_outlet=raw.get("outlet", False),
        ends_article=raw.get("ends_article", False),
        cues=pattern_cues(pattern),
    )


def _named(
    raw: dict[str, Any], flags: int = re.IGNORECASE, fragments: dict[str, str] | None = None
) -> NamedPattern:
    return NamedPattern(raw["name"], _compile(raw["match"], flags, fragments))


def _genre(raw: dict[str, Any]) -> GenreRule:
    genres = article_contract().genres
    if raw["genre"] not in genres:
        raise ValueError(f"genre rule {raw}: '{raw['genre']}' is not one of {', '.join(genres)}")
    pattern = _compile(raw["match"]) if "match" in raw else None
    return GenreRule(raw["genre"], pattern, frozenset(raw.get("words", ())))


def parse_rules(text: str) -> Rules:
    data = yaml.safe_load(text)
    genres = data["genres"]
    # Name patterns must see capital letters, so bylines and bios are case-sensitive;
    # their keywords ("by", "is a") are written to allow the usual capitalisations.
    return Rules(
        line_rules=tuple(_line_rule(raw, data.get("fragments", {})) for raw in data["line_rules"]),
        structure=data["structure"],
        bylines=tuple(_named(raw, 0, data.get("fragments")) for raw in data["bylines"]),
        head_bylines=tuple(_named(raw, 0, data.get("fragments")) for raw in data["head_bylines"]),
        author_bios=tuple(_named(raw, 0) for raw in data["author_bios"]),
        caption_cues=_compile(data["caption_cues"]),
        verb_markers=frozenset(data["verb_markers"]),
        title_suffixes=tuple(_genre(raw) for raw in genres["title_suffixes"]),
        title_prefixes=tuple(_genre(raw) for raw in genres["title_prefixes"]),
        title_words=tuple(_genre(raw) for raw in genres["title_words"]),
        url_words=tuple(_genre(raw) for raw in genres["url_words"]),
        outlet_signatures=(signatures := tuple(_compile(p) for p in data["outlet_signatures"])),
        signature_cues=tuple(pattern_cues(pattern) for pattern in signatures),
        outlet_suffixes=_compile(data["outlet_suffixes"]),
        not_outlets=frozenset(name.casefold() for name in data["not_outlets"]),
        ui_words=frozenset(word.casefold() for word in data["ui_words"]),
        organisation_words=frozenset(word.casefold() for word in data["organisation_words"]),
        byline_roles=frozenset(word.casefold() for word in data["byline_roles"]),
        stoplist_names=frozenset(word.casefold() for word in data["stoplist_names"]),
        code_line=re.compile(data["code_line"]),
        languages=tuple(data["languages"]),
        months={
            prefix: number for number, prefixes in data["months"].items() for prefix in prefixes
        },
        fingerprint=hashlib.sha256(text.encode()).hexdigest(),
    )


@cache
def default_rules() -> Rules:
    text = resources.files("clippings").joinpath("rules/cleaning.yml").read_text("utf-8")
    return parse_rules(text)
