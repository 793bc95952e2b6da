"""Dated statements: the sentences that say when something happened, for the timeline.

A sentence counts when it has an explicit year (1900-2100, not an amount such as
"2,000 tons"), a month and year, a full date or a range of years. A date without
its year ("on October 13"), a bare month ("in September") and relative dates
("last year", "in January this year") are resolved against the article's
`published` date, only when it is known and precise enough, and are otherwise
left out. One statement per sentence: its first explicit date, else its relative one.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from clippings.cite import MONTHS as MONTH_NAMES

# The rules ------------------------------------------------------------------------
FIRST_YEAR, LAST_YEAR = 1900, 2100
# A year followed by one of these words is an amount: "2000 tons", "1990 people".
AMOUNT_WORDS = (
    "percent", "per cent", "%", "tons", "tonnes", "people", "persons", "km", "kilometres",
    "kilometers", "miles", "metres", "meters", "hectares", "barrels", "dollars", "euros",
    "tenge", "rubles", "roubles", "som", "yuan", "units", "times", "students", "troops",
    "soldiers", "companies", "projects", "countries", "members", "families", "cases", "jobs",
    "residents", "participants", "visitors", "delegates", "employees", "workers", "million",
    "billion", "thousand", "mw", "megawatts", "cubic", "square", "hours",
)  # fmt: skip
# A year after one of these words is a number: "Resolution 2017", "No. 1999".
NUMBER_WORDS = ("resolution", "no.", "no", "number", "nr.", "#", "item", "article", "page")
# Relative expressions, as (words, years or months to add, unit).
RELATIVE = (
    ("last year", -1, "year"), ("previous year", -1, "year"), ("this year", 0, "year"),
    ("current year", 0, "year"), ("next year", 1, "year"), ("last month", -1, "month"),
    ("previous month", -1, "month"), ("this month", 0, "month"), ("next month", 1, "month"),
)  # fmt: skip

MONTHS = {name.casefold(): number for number, name in enumerate(MONTH_NAMES, start=1)}
MONTHS.update({name[:3].casefold(): number for name, number in list(MONTHS.items())})
MONTHS["sept"] = 9

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_YEAR = r"(?:19\d\d|20\d\d|2100)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_DASH = r"\s*[-–—]\s*"
# Alternatives in order of precedence at one position; each starts with a digit or a
# capital, so the scanner skips everything else quickly (no look-behind in front).
_DATE = re.compile(
    rf"(?P<iso>{_YEAR}-[01]\d-[0-3]\d)(?!\d)"
    rf"|(?P<dotted>{_DAY}\.[01]?\d\.{_YEAR})(?!\d)"
    rf"|(?P<mdy>{_MONTH}\s+{_DAY},?\s+{_YEAR})(?!\d)"
    rf"|(?P<dmy>{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR})(?!\d)"
    rf"|(?P<months>{_MONTH}(?:{_DASH}|\s+to\s+){_MONTH},?\s+(?:of\s+)?{_YEAR})(?!\d)"
    rf"|(?P<my>{_MONTH},?\s+(?:of\s+)?{_YEAR})(?!\d)"
    rf"|(?P<years>{_YEAR}(?:{_DASH}|\s+(?:to|until|till|and)\s+)(?:{_YEAR}|\d\d))(?![\d%])"
    rf"|(?P<year>{_YEAR})(?![\d%])"
    rf"|(?P<md>{_MONTH}\s+{_DAY})(?![\d,]*\s*\d)"
    rf"|(?P<dm>{_DAY}\s+(?:of\s+)?{_MONTH})(?!,?\s*\d)"
    rf"|(?P<month>(?:January|February|March|April|June|July|August|September|October|November|December)"
    rf"|May(?=\s+(?:this|last)\s+year))(?!\s*\d)"
)
_RANGE_WORD = re.compile(r"(?:from|between)\s+$", re.IGNORECASE)
_BARE_MONTH_LEAD = re.compile(r"(?:\b[Ii]n|\b[Ss]ince|\b[Uu]ntil|\b[Bb]y|\b[Dd]uring|\b[Ee]arly|\b[Ll]ate)\s+$")
_AMOUNT_AFTER = re.compile(
    rf"\s*(?:{'|'.join(re.escape(w) for w in AMOUNT_WORDS)})(?!\w)", re.IGNORECASE
)
_NUMBER_BEFORE = re.compile(
    rf"(?:^|\W)(?:{'|'.join(re.escape(w) for w in NUMBER_WORDS)})\s*$", re.IGNORECASE
)
_MONTH_IN_YEAR = re.compile(r"\s+(?P<when>this|last|next)\s+year\b")
_RELATIVE = re.compile(
    rf"\b(?P<words>{'|'.join(words.replace(' ', r'\s+') for words, _, _ in RELATIVE)})\b",
    re.IGNORECASE,
)
_SHIFTS = {words: (shift, unit) for words, shift, unit in RELATIVE}
# Where sentences break, as in extract.split_sentences: after . ! ? … before a capital.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"”’»)]*\s+(?=[\"“«(]?[A-ZА-ЯЁ0-9])")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class DatedStatement:
    date: str  # "1992", "2017-09", "2020-05-09"; the start of a range
    until: str | None  # the end year of a range ("1979"), else None
    sentence: str
    paragraph: int
    anchor: str
    precision: str  # "year" | "month" | "day"


_Date = tuple[str, str | None, str]  # date, until, precision


def _published(published: str | dt.date | None) -> tuple[int, ...]:
    """(year,), (year, month) or (year, month, day); () when unknown or unreadable."""
    if isinstance(published, dt.date):
        return (published.year, published.month, published.day)
    parts = str(published or "").split("-")
    try:
        return tuple(int(part) for part in parts[:3])
    except ValueError:
        return ()


def _month(text: str) -> int:
    return MONTHS[text.rstrip(".").casefold()[:4].rstrip()] if text[:4].casefold() == "sept" else MONTHS[text.rstrip(".").casefold()[:3] if len(text.rstrip(".")) <= 4 else text.rstrip(".").casefold()]


def _day(year: int, month: int, day: int) -> _Date | None:
    try:
        return dt.date(year, month, day).isoformat(), None, "day"
    except ValueError:
        return None


def _numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)]


def _words_of(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]+", text)


def _explicit(match: re.Match[str], text: str) -> _Date | None:
    """The date a match states, or None when it is an amount or not a real date."""
    kind, value = match.lastgroup, match.group()
    if kind == "iso":
        year, month, day = _numbers(value)
        return _day(year, month, day)
    if kind == "dotted":
        day, month, year = _numbers(value)
        return _day(year, month, day) if 1 <= month <= 12 else None
    if kind in ("mdy", "dmy"):
        day, year = _numbers(value)[-2:] if kind == "mdy" else _numbers(value)[:2]
        return _day(year, _month(_words_of(value)[-1] if kind == "mdy" else ""), day) if False else _day(year, _month(next(w for w in _words_of(value) if w.casefold()[:3] in MONTHS)), day)
    if kind == "months":
        return f"{_numbers(value)[-1]}-{_month(_words_of(value)[0]):02d}", None, "month"
    if kind == "my":
        return f"{_numbers(value)[-1]}-{_month(_words_of(value)[0]):02d}", None, "month"
    if kind == "years":
        start, end = _numbers(value)
        if end < 100:
            end += start - start % 100
        if value.rstrip()[-5:].strip().isdigit() and " and " in value and not _RANGE_WORD.search(text[: match.start()]):
            return None
        return (str(start), str(end), "year") if start < end <= LAST_YEAR else (str(start), None, "year")
    if kind == "year":
        return None if _is_amount(match, text) else (value, None, "year")
    return None
