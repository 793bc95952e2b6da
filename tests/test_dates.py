"""The one partial-date module: what cite, timeline, the site and the extractor share."""

from __future__ import annotations

import datetime as dt

import pytest

from clippings import dates


@pytest.mark.parametrize("value", ["2015", "2015-07", "2015-07-24", "1999-12-01"])
def test_a_partial_date_reads_back_as_written(value: str) -> None:
    assert dates.partial(*dates.parts(value)) == value


def test_no_date_has_no_parts() -> None:
    assert dates.parts(None) == [] and dates.parts("") == []


@pytest.mark.parametrize(
    ("year", "month", "day", "expected"),
    [
        (2015, 7, 24, "2015-07-24"),
        (2015, 7, None, "2015-07"),
        (2015, 2, 30, None),  # no such day
        (2015, 13, None, None),
        (2015, 7, 0, None),  # a day 0 is not the month
        (1989, 1, 1, None),  # before the collection's first year: a number, not a date
        (dt.date.today().year + 2, 1, 1, None),
    ],
)
def test_checked(year: int, month: int, day: int | None, expected: str | None) -> None:
    assert dates.checked(year, month, day) == expected


def test_human_dates_keep_what_is_known() -> None:
    assert dates.human("2018-03-01") == "1 March 2018"
    assert dates.human("2020-05") == "May 2020"
    assert dates.human("2019") == "2019"
    assert dates.human(dt.date(2018, 3, 1)) == "1 March 2018"  # as YAML may load it
    assert dates.human(None) is None
