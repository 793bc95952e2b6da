"""Gold labels for a page's dump lines, from a benchmark's human gold.

Every dump line gets one label: `title`, `byline`, `body` (it is part of the gold
body) or `boilerplate` (everything else). Body lines are found by aligning the
dump with the gold body's own lines in order (difflib), so a teaser that repeats
a sentence of the article far from it stays boilerplate; lines the gold splits
or joins differently are matched by containment when they are long enough to
make a coincidence unlikely.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence

TITLE, BYLINE, BODY, BOILERPLATE = "title", "byline", "body", "boilerplate"
LABELS = (TITLE, BYLINE, BODY, BOILERPLATE)
# A line this long (normalised characters) found inside the gold body is body even
# when the gold cuts its blocks differently; a shorter one ("Share", "Photo") must
# match a gold block exactly and in order.
MIN_CONTAINED_CHARS = 40
# How alike (difflib ratio) a line above the body and the gold title must be to be the headline
# when no line equals it.
TITLE_MIN_SIMILARITY = 0.6
# A byline is a short line: the name plus "By", a role or a date.
BYLINE_MAX_WORDS = 16

_NOT_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Case, punctuation and spacing removed: what two copies of a text share."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _NOT_WORD.sub(" ", text).strip()


def body_mask(dump: Sequence[str], gold_body: Sequence[str]) -> list[bool]:
    """For each dump line, whether it belongs to the gold body."""
    dump_keys = [normalise(line) for line in dump]
    gold_keys = [key for key in (normalise(line) for line in gold_body) if key]
    mask = [False] * len(dump)
    matcher = difflib.SequenceMatcher(None, dump_keys, gold_keys, autojunk=False)
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            mask[block.a + offset] = True
    whole = " " + " ".join(gold_keys) + " "
    for index, key in enumerate(dump_keys):
        if not mask[index] and len(key) >= MIN_CONTAINED_CHARS and f" {key} " in whole:
            mask[index] = True
    return mask


def _matches_title(key: str, title_key: str) -> bool:
    return bool(key) and (key == title_key or (len(key) >= 12 and key in title_key))


def find_title_line(dump: Sequence[str], title: str, mask: Sequence[bool]) -> int | None:
    """The headline's line: the one equal to (or a prefix of a site-suffixed) gold title.

    Of several candidates, the last one before the first body line wins (page
    headers and breadcrumbs repeat the headline above the article); failing that,
    the first one. With none, the line above the body most like the title.
    """
    title_key = normalise(title)
    candidates = [i for i, line in enumerate(dump) if _matches_title(normalise(line), title_key)]
    if not candidates:
        return _most_like_title(dump, title_key, mask)
    first_body = next((i for i, is_body in enumerate(mask) if is_body), len(dump))
    before = [i for i in candidates if i < first_body]
    exact = [i for i in before if normalise(dump[i]) == title_key]
    return (exact or before or candidates)[-1 if before else 0]


def _most_like_title(dump: Sequence[str], title_key: str, mask: Sequence[bool]) -> int | None:
    first_body = next((i for i, is_body in enumerate(mask) if is_body), len(dump))
    scored = [
        (difflib.SequenceMatcher(None, normalise(dump[i]), title_key).ratio(), i)
        for i in range(first_body)
    ]
    best = max(scored, default=(0.0, None))
    return best[1] if best[0] >= TITLE_MIN_SIMILARITY else None


def find_byline_line(
    dump: Sequence[str], author: str, title_line: int | None, taken: Sequence[bool]
) -> int | None:
    """The short line naming the author nearest below the headline (or above the body)."""
    names = [normalise(part) for part in re.split(r",| and | & ", author) if normalise(part)]
    if not names:
        return None
    start = title_line if title_line is not None else 0
    candidates = [
        i
        for i, line in enumerate(dump)
        if not taken[i]
        and len(line.split()) <= BYLINE_MAX_WORDS
        and any(f" {name} " in f" {normalise(line)} " for name in names)
    ]
    after = [i for i in candidates if i >= start]
    return (after or candidates or [None])[0]


def label_lines(
    dump: Sequence[str], gold_body: Sequence[str], title: str | None, author: str | None
) -> list[str]:
    mask = body_mask(dump, gold_body)
    labels = [BODY if is_body else BOILERPLATE for is_body in mask]
    title_line = find_title_line(dump, title, mask) if title else None
    if title_line is not None:
        labels[title_line] = TITLE
    if author:
        taken = [label == TITLE for label in labels]
        byline_line = find_byline_line(dump, author, title_line, taken)
        if byline_line is not None:
            labels[byline_line] = BYLINE
    return labels
