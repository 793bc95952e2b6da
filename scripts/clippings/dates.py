"""Partial dates, as articles record them: YYYY, YYYY-MM or YYYY-MM-DD.

One parser (`parts`), one writer (`partial`), one check (`checked`) and the
English month names, for citations, the timeline, the site's listings and the
extractor.
"""

from __future__ import annotations

import datetime as dt

# English month names, fixed here rather than taken from the locale, so output never varies.
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(MONTHS, start=1)}
# Dates before this are not news the collection holds: a number, not a date.
FIRST_YEAR = 1990


def parts(value: object) -> list[int]:
    """'2015-07' -> [2015, 7]; nothing for no date."""
    return [int(part) for part in str(value).split("-")] if value else []


def partial(year: int, month: int | None = None, day: int | None = None) -> str:
    """[2015, 7] written back: '2015-07'."""
    text = f"{year:04d}"
    if month is not None:
        text += f"-{month:02d}"
    if day is not None:
        text += f"-{day:02d}"
    return text


def checked(year: int, month: int, day: int | None = None) -> str | None:
    """The date written as a partial date when it exists and is plausible for an article."""
    try:
        dt.date(year, month, 1 if day is None else day)
    except ValueError:
        return None
    if not FIRST_YEAR <= year <= dt.date.today().year + 1:
        return None
    return partial(year, month, day)


def month_name(number: int) -> str:
    return MONTHS[number - 1]


def human(value: object) -> str | None:
    """A date as people read it: '24 July 2015', 'July 2015', '2015'."""
    if not value:
        return None
    year, *rest = str(value).split("-")
    if not rest:
        return year
    text = f"{month_name(int(rest[0]))} {year}"
    return f"{int(rest[1])} {text}" if len(rest) == 2 else text
