"""Cues: strings a pattern cannot match without, so most lines skip the pattern.

A rule such as the newsletter prompt is an alternation searched, case-insensitively,
at every character of every short line, though almost no line contains any of its
words. From the pattern's parse tree we take strings one of which every match must
contain ("newsletter", "sign up", ...); a line whose lowercased text holds none of
them cannot match, and a substring test costs a fraction of the search. The cues
are derived from the rules, never written by hand, so rules stay plain data.
"""

from __future__ import annotations

import re
from functools import cache

# The parser behind re.compile; its tree is what the matcher runs.
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def pattern_cues(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lowercase ASCII strings one of which is in every text the pattern matches.

    None when no such strings are known (then the pattern is always tried).
    """
    cues = _required(list(sre_parse.parse(pattern.pattern, pattern.flags)))
    return tuple(sorted(cues)) if cues else None


def _required(items: list) -> frozenset[str] | None:
    """For a sequence of parse-tree items: one of these strings is in every match, or None.

    Every item of a sequence must match, so any item's requirement holds for the
    whole; the most selective one is kept. Runs of consecutive ASCII literals are
    requirements of their own. Anything else (classes, anchors, optional parts,
    non-ASCII letters, lookarounds) only ends a run.
    """
    best: frozenset[str] | None = None
    run: list[str] = []

    def keep(candidate: frozenset[str] | None) -> None:
        nonlocal best
        if candidate and (best is None or _selectivity(candidate) > _selectivity(best)):
            best = candidate

    for op, value in items:
        if op is sre.LITERAL and value < 128:
            run.append(chr(value).lower())
            continue
        keep(frozenset({"".join(run)}) if run else None)
        run = []
        if op is sre.SUBPATTERN:
            keep(_required(list(value[-1])))
        elif op is sre.ATOMIC_GROUP:
            keep(_required(list(value)))
        elif op in _REPEATS and value[0] >= 1:
            keep(_required(list(value[2])))
        elif op is sre.BRANCH:
            alternatives = [_required(list(branch)) for branch in value[1]]
            if all(alternatives):
                keep(frozenset().union(*alternatives))
    keep(frozenset({"".join(run)}) if run else None)
    return best


def _selectivity(cues: frozenset[str]) -> tuple[int, int]:
    """Longer shortest cue first, then fewer cues."""
    return min(map(len, cues)), -len(cues)


@cache
def _ascii_lookalike() -> re.Pattern[str]:
    """Non-ASCII characters that case-insensitive matching takes for ASCII ones.

    (The Kelvin sign for "k", the long s for "s", the dotless and dotted i.) Found
    by asking the matcher itself, over the Basic Multilingual Plane; tests check
    that no character beyond it is one.
    """
    everything = "".join(map(chr, range(0x80, 0x10000)))
    found = sorted(set(re.findall(r"[\x00-\x7f]", everything, re.IGNORECASE)))
    return re.compile("[" + "".join(map(re.escape, found)) + "]")


def lowered_for_cues(text: str) -> str | None:
    """`text` lowercased for cue tests; None when a cue test could be wrong for it.

    A pattern's ASCII letters match only ASCII letters in a text without lookalikes,
    and those lowercase one to one, so a match's cue is then in the lowercased text.
    """
    if not text.isascii() and _ascii_lookalike().search(text):
        return None
    return text.lower()


def may_match(cues: tuple[str, ...] | None, lowered: str | None) -> bool:
    """False only when the text certainly holds none of the pattern's cues."""
    return cues is None or lowered is None or any(map(lowered.__contains__, cues))
