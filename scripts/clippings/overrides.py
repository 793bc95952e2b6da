"""Editors overrule the cleaner line by line: the sidecar's body, drop, keep and *_line keys.

The cleaner's decisions come in and the sidecar's selectors are applied in a fixed
order, each step winning over the ones before: the body frame, then `drop`, then
`keep`, then `title_line`, `byline_line` and `dek_line`. A line whose role changes
carries the rule `editor` and, as its reason, the sidecar line that changed it
("sources/x.yml:4: drop: 3-9"); a line the editor and the cleaner agree on keeps
the cleaner's rule. A line both dropped and kept keeps the cleaner's decision.
Selectors that point nowhere change nothing here: `clippings check` reports them.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from clippings.clean import BODY, KEPT_ROLES, Decision
from clippings.sidecar import ROLE_OF_LINE_KEY, Selector, Sidecar

EDITOR = "editor"
BOILERPLATE = "boilerplate"
EDITOR_REMOVED = f"{BOILERPLATE}:{EDITOR}"  # how `dropped` labels a line the editor removed
_WANTED_ROLE = {"drop": BOILERPLATE, "keep": BODY, **ROLE_OF_LINE_KEY}


def normalised(text: str) -> str:
    """A line as text selectors compare it: whitespace runs count as one space."""
    return " ".join(text.split())


def selected(selector: Selector, decisions: Sequence[Decision]) -> list[Decision]:
    """The non-blank lines a selector points at (a `*_line` text: its first match only)."""
    if selector.by_number:
        return [d for d in decisions if selector.first <= d.number <= selector.last]
    lines = [d for d in decisions if normalised(d.text) == selector.text]
    return lines[:1] if selector.key in ROLE_OF_LINE_KEY else lines


def reason(selector: Selector, sidecar: Sidecar) -> str:
    return f"{sidecar.label or 'sidecar'}:{selector.line}: {selector.written}"


# Applying ----------------------------------------------------------------------
def overrule(decisions: list[Decision], sidecar: Sidecar) -> list[Decision]:
    """The cleaner's decisions with the sidecar's line selectors applied."""
    if not sidecar.selectors:
        return decisions
    wanted = _wanted_roles(decisions, sidecar)
    return [_overruled(d, wanted.get(d.number)) for d in decisions]


def _wanted_roles(decisions: list[Decision], sidecar: Sidecar) -> dict[int, tuple[str, str]]:
    """Line number -> (role, reason) for every line a selector decides."""
    wanted: dict[int, tuple[str, str]] = {}
    for frame in _of_key(sidecar, "body"):
        for d in decisions:
            if d.kept and not frame.first <= d.number <= frame.last:
                wanted[d.number] = (BOILERPLATE, reason(frame, sidecar))
    drops, keeps = _lines_of(sidecar, decisions, "drop"), _lines_of(sidecar, decisions, "keep")
    contested = drops.keys() & keeps.keys()
    for lines, role in ((drops, BOILERPLATE), (keeps, BODY)):
        for number, selector in lines.items():
            if number not in contested:
                wanted[number] = (role, reason(selector, sidecar))
    for key, role in ROLE_OF_LINE_KEY.items():
        for selector in _of_key(sidecar, key):
            _designate(wanted, decisions, selector, role, reason(selector, sidecar))
    return wanted


def _designate(
    wanted: dict[int, tuple[str, str]],
    decisions: list[Decision],
    selector: Selector,
    role: str,
    why: str,
) -> None:
    """The selected line takes `role`; the line the cleaner gave that role leaves the body."""
    lines = selected(selector, decisions)
    if not lines:
        return
    for d in decisions:
        if d.role == role and d.number != lines[0].number and d.number not in wanted:
            wanted[d.number] = (BOILERPLATE, f"{why} (the cleaner took this line for the {role})")
    wanted[lines[0].number] = (role, why)


def _of_key(sidecar: Sidecar, key: str) -> list[Selector]:
    return [s for s in sidecar.selectors if s.key == key]


def _lines_of(sidecar: Sidecar, decisions: list[Decision], key: str) -> dict[int, Selector]:
    """Line number -> the first selector of `key` that points at it."""
    lines: dict[int, Selector] = {}
    for selector in _of_key(sidecar, key):
        for d in selected(selector, decisions):
            lines.setdefault(d.number, selector)
    return lines


def _overruled(decision: Decision, wanted: tuple[str, str] | None) -> Decision:
    if wanted is None:
        return decision
    role, why = wanted
    agrees = role == decision.role or (role == BODY and decision.role in KEPT_ROLES)
    return decision if agrees else replace(decision, role=role, rule=EDITOR, reason=why)


# The record in the front matter ---------------------------------------------------
def editor_lines(decisions: Sequence[Decision], sidecar: Sidecar) -> list[dict[str, Any]]:
    """The lines the sidecar points at, with their text at conversion and the selector.

    `clippings check` and `convert` compare this record, as committed, with the raw
    text now: a line number whose text changed is stale. A range is recorded by its
    first and last non-blank lines and a body frame by its two ends, which is enough
    to see a shift and keeps a long range from doubling the front matter.
    """
    entries = {
        (d.number, selector.written): d.text
        for selector in sidecar.selectors
        for d in _pointed_at(selector, decisions)
    }
    return [
        {"line": number, "text": text, "by": written}
        for (number, written), text in sorted(entries.items())
    ]


def _pointed_at(selector: Selector, decisions: Sequence[Decision]) -> list[Decision]:
    if selector.key == "body":
        return [d for d in decisions if d.number in (selector.first, selector.last)]
    lines = selected(selector, decisions)
    return lines[:1] + lines[1:][-1:] if selector.by_number else lines


# Problems for `clippings check` ---------------------------------------------------
@dataclass(frozen=True)
class SelectorProblem:
    line: int  # in the sidecar
    message: str


def selector_problems(
    sidecar: Sidecar, decisions: Sequence[Decision], text: str, source_label: str
) -> list[SelectorProblem]:
    """Selectors that point nowhere, out of range, at blank lines, or against each other."""
    count = len(text.split("\n")) - text.endswith("\n")
    problems = [
        problem
        for selector in sidecar.selectors
        if (problem := _pointing_problem(selector, decisions, count, source_label))
    ]
    problems += _conflicts(sidecar, decisions)
    return problems


def _pointing_problem(
    selector: Selector, decisions: Sequence[Decision], count: int, source_label: str
) -> SelectorProblem | None:
    if selector.by_number:
        message = _number_problem(selector, decisions, count, source_label)
    else:
        message = _text_problem(selector, decisions, source_label)
    return SelectorProblem(selector.line, f"{selector.written}: {message}") if message else None


def _number_problem(
    selector: Selector, decisions: Sequence[Decision], count: int, source_label: str
) -> str | None:
    ends = [selector.first, selector.last] if selector.key == "body" else [selector.last]
    if any(end > count for end in ends):
        return f"out of range, {source_label} has {count} lines"
    if _pointed_at(selector, decisions):
        return None
    if selector.first == selector.last:
        return f"line {selector.first} is blank"
    if selector.key == "body":
        return f"lines {selector.first} and {selector.last} are blank"
    return f"lines {selector.first}-{selector.last} are all blank"


def _text_problem(
    selector: Selector, decisions: Sequence[Decision], source_label: str
) -> str | None:
    matches = [d.number for d in decisions if normalised(d.text) == selector.text]
    if not matches:
        return f"no line of {source_label} reads so{_closest(selector, decisions)}"
    if len(matches) > 1 and selector.key in ROLE_OF_LINE_KEY:
        return f"lines {_numbers(matches)} all read so; give the number"
    return None


def _closest(selector: Selector, decisions: Sequence[Decision]) -> str:
    texts = {normalised(d.text): d.number for d in reversed(decisions)}
    close = difflib.get_close_matches(selector.text or "", list(texts), n=1, cutoff=0.6)
    if not close:
        return ""
    return f" (did you mean line {texts[close[0]]}, {json.dumps(close[0], ensure_ascii=False)}?)"


def _conflicts(sidecar: Sidecar, decisions: Sequence[Decision]) -> list[SelectorProblem]:
    """Two selectors that want different roles for one line; reported at the later one."""
    pointed = [(s, {d.number for d in selected(s, decisions)}) for s in sidecar.selectors]
    problems = []
    for index, (later, later_lines) in enumerate(pointed):
        for earlier, earlier_lines in pointed[:index]:
            both = sorted(earlier_lines & later_lines)
            if both and _want_differently(earlier, later):
                problems.append(
                    SelectorProblem(
                        later.line,
                        f"{later.written} and {earlier.written} (line {earlier.line}) "
                        f"both point at {'line' if len(both) == 1 else 'lines'} "
                        f"{_numbers(both)}: keep one",
                    )
                )
    return problems


def _want_differently(first: Selector, second: Selector) -> bool:
    roles = {_WANTED_ROLE.get(first.key), _WANTED_ROLE.get(second.key)}
    return None not in roles and len(roles) == 2


def _numbers(numbers: Iterable[int]) -> str:
    return ", ".join(str(number) for number in numbers)


# Stale line numbers -------------------------------------------------------------
@dataclass(frozen=True)
class StaleNumber:
    by: str
    line: int
    was: str
    now: str | None  # None: the line is blank or gone


def stale_numbers(
    committed: Iterable[dict[str, Any]], decisions: Sequence[Decision], sidecar: Sidecar
) -> list[StaleNumber]:
    """Number selectors still in the sidecar whose line no longer reads as when converted.

    `committed` is the `editor_lines` record of the article as committed. Text
    selectors are never stale: they follow their line.
    """
    current = {s.written for s in sidecar.selectors if s.by_number}
    texts = {d.number: d.text for d in decisions}
    changed: dict[str, StaleNumber] = {}
    for entry in committed:
        by, number, was = entry.get("by"), entry.get("line"), entry.get("text")
        now = texts.get(number, "")
        if by in current and by not in changed and normalised(now) != normalised(str(was)):
            changed[by] = StaleNumber(by, number, str(was), texts.get(number))
    pointed = [
        (s.written, s.key, d.text) for s in sidecar.selectors for d in selected(s, decisions)
    ]
    return _not_repointed(changed, pointed)


def stale_between(
    committed: Iterable[dict[str, Any]], converted: Iterable[dict[str, Any]]
) -> list[StaleNumber]:
    """Selectors of both records that point at the same line number with different text.

    What `convert` checks before replacing an article: the committed record is the
    only place the old text is known, so it is not overwritten while it disagrees.
    """
    converted = list(converted)
    now = {(e.get("by"), e.get("line")): e.get("text") for e in converted}
    changed: dict[str, StaleNumber] = {}
    for entry in committed:
        key = (entry.get("by"), entry.get("line"))
        text, was = now.get(key), str(entry.get("text"))
        if text is not None and key[0] not in changed and normalised(str(text)) != normalised(was):
            changed[key[0]] = StaleNumber(key[0], key[1], was, text)
    pointed = [(e.get("by"), _key_of(e.get("by")), str(e.get("text"))) for e in converted]
    return _not_repointed(changed, pointed)


def _not_repointed(
    changed: dict[str, StaleNumber], pointed: Iterable[tuple[Any, str, str]]
) -> list[StaleNumber]:
    """The changed numbers whose old line no sound selector of the same key points at.

    An editor who fixes the sidecar after the text moved may reuse a number for
    another line (`keep: 17` now, where `keep: 19` holds the line 17 was): that number
    is re-pointed, not stale. Selectors that changed themselves re-point nothing."""
    sound = {(key, normalised(text)) for by, key, text in pointed if by not in changed}
    return [s for s in changed.values() if (_key_of(s.by), normalised(s.was)) not in sound]


def _key_of(by: object) -> str:
    """The sidecar key of a selector's written form: `keep: 17` -> `keep`."""
    return str(by).split(":", 1)[0]


def moved_to(text: str, decisions: Sequence[Decision]) -> int | None:
    """Where a line that was stale now stands, when it is still in the text."""
    return next((d.number for d in decisions if normalised(d.text) == normalised(text)), None)
