"""The one place Clippings asks what day it is.

Output must not depend on the clock: two builds of the same collection on different
days give the same bytes. The only date the clock decides is `added`, when an article
first enters the collection; after that it is read back from the article's own file.
Where SOURCE_DATE_EPOCH is set (reproducible-builds.org), it stands in for the clock.
"""

from __future__ import annotations

import datetime as dt
import os
import re

_ADDED_LINE = re.compile(r"^added: '?(\d{4}-\d{2}-\d{2})'?$", re.MULTILINE)


class BadSourceDateEpoch(ValueError):
    pass


def today() -> dt.date:
    """SOURCE_DATE_EPOCH's day (UTC) where set, otherwise today's date in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.datetime.now(dt.UTC).date()
    if not epoch.isdigit():
        raise BadSourceDateEpoch(
            f"SOURCE_DATE_EPOCH={epoch!r}: expected a whole number of seconds since 1970"
        )
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()


def recorded_added(text: str) -> str | None:
    """The `added` date a generated file's front matter holds, read without parsing YAML."""
    match = _ADDED_LINE.search(text.split("\n---", 2)[0])
    return match.group(1) if match else None
