"""Cues may only skip lines a rule cannot match: never one it would have matched."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from clippings.cues import _ascii_lookalike, lowered_for_cues, may_match, pattern_cues
from clippings.rules import default_rules

RULES = default_rules().line_rules


def _rule_matches(rule, text: str) -> bool:
    if rule.whole_line:
        return rule.pattern.fullmatch(text) is not None
    return rule.pattern.search(text) is not None


# Fragments that make the rules fire, mixed with case changes and lookalike letters.
FRAGMENTS = [
    "Click here to have",
    "SIGN UP",
    "newsletter",
    "Newſletter",
    "Subscribe",
    "the views expressed in this article",
    "do not necessarily reflect the views",
    "Photo credit:",
    "(official photo)",
    "Share on Facebook",
    "Leave a Reply",
    "ISSN 2330-717X",
    "© 2024 Outlet",
    "log in to",
    "İ",
    "ı",
    "K",
    "’s",
    " ",
    ".",
    ". ",
    "Read also:",
    "Advertisement",
    "about us",
]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=6), max_size=8))
def test_cues_never_skip_a_matching_line(parts: list[str]) -> None:
    text = "".join(parts)
    lowered = lowered_for_cues(text)
    for rule in RULES:
        if _rule_matches(rule, text):
            assert may_match(rule.cues, lowered), (rule.name, text)


def test_cues_are_found_for_alternations_and_not_for_optional_parts() -> None:
    assert pattern_cues(re.compile(r"(?:^|\.\s+)(?:sign up|join our list)\b", re.I)) == (
        "join our list",
        "sign up",
    )
    assert pattern_cues(re.compile(r"(?:share)?\s*\w+")) is None
    assert pattern_cues(re.compile(r"a|\d+")) is None


def test_every_ascii_lookalike_is_known() -> None:
    # Over all of Unicode: the characters case-insensitive matching takes for ASCII
    # ones are all in the Basic Multilingual Plane, which _ascii_lookalike scans.
    everything = "".join(map(chr, range(0x80, 0x110000)))
    lookalikes = set(re.findall(r"[\x00-\x7f]", everything, re.IGNORECASE))
    assert lookalikes == set(_ascii_lookalike().findall(everything))
    # And a single letter finds no more than the class does.
    bmp = everything[: 0x10000 - 0x80]
    for code in range(128):
        found = set(re.findall(re.escape(chr(code)), bmp, re.IGNORECASE))
        assert found <= lookalikes


def _first_rule_in_order(text: str, words: int):
    return next(
        (rule for rule in RULES if words <= rule.max_words and _rule_matches(rule, text)), None
    )


@settings(max_examples=800, deadline=None)
@given(st.lists(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=6), max_size=8), max_size=6))
def test_first_line_rule_is_the_first_rule_in_order(lines: list[list[str]]) -> None:
    """Rules.first_line_rule skips rules by max_words and remembers lines; the answer stays
    that of trying every rule in file order, for new lines and for lines seen before."""
    rules = default_rules()
    for text in [" ".join(parts) for parts in lines] * 2:
        for words in (len(text.split()), 0, 3, 30, 100):
            assert rules.first_line_rule(text, words) == _first_rule_in_order(text, words)
