"""Gold labels for a page's dump lines, from a benchmark's human gold.

Every dump line gets one label: `title`, `byline`, `body` (it is part of the gold
body) or `boilerplate` (everything else). Body lines are found by aligning the
dump with the gold body's own lines in order (difflib), so a teaser that repeats
a sentence of the article far from it stays boilerplate; lines the gold splits
or joins differently are matched by containment in the gold blocks between the
aligned lines around them.
"""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
from collections.abc import Sequence

TITLE, BYLINE, BODY, BOILERPLATE = "title", "byline", "body", "boilerplate"
LABELS = (TITLE, BYLINE, BODY, BOILERPLATE)
# A line this long (normalised characters) that is part of an unaligned gold block
# between two aligned lines is body; a shorter one ("Share", "Photo") must equal a
# gold block.
MIN_CONTAINED_CHARS = 16
# How alike (difflib ratio) a line above the body and the gold title must be to be the headline
# when no line equals it.
TITLE_MIN_SIMILARITY = 0.6
# A line holding part of a site-suffixed title ("Headline | Site") must hold this share of it.
TITLE_MIN_SHARE = 0.4
# A byline is a short line: the name plus "By", a role, a date or a one-sentence bio.
BYLINE_MAX_WORDS = 40

_NOT_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Case, punctuation and spacing removed: what two copies of a text share."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _NOT_WORD.sub(" ", text).strip()


def body_mask(dump: Sequence[str], gold_body: Sequence[str]) -> list[bool]:
    """For each dump line, whether it belongs to the gold body.

    Lines equal to gold blocks are aligned in order; a line between two aligned
    lines is body too when it is part of a gold block between theirs (the gold
    joins or splits some blocks differently from the dump).
    """
    dump_keys = [normalise(line) for line in dump]
    gold_keys = [key for key in (normalise(line) for line in gold_body) if key]
    mask = [False] * len(dump)
    anchors: list[tuple[int, int]] = []
    matcher = difflib.SequenceMatcher(None, dump_keys, gold_keys, autojunk=False)
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            mask[block.a + offset] = True
            anchors.append((block.a + offset, block.b + offset))
    bounds = [(-1, -1), *anchors, (len(dump_keys), len(gold_keys))]
    for (dump_from, gold_from), (dump_to, gold_to) in itertools.pairwise(bounds):
        between = " " + " ".join(gold_keys[gold_from + 1 : gold_to]) + " "
        for index in range(dump_from + 1, dump_to):
            key = dump_keys[index]
            mask[index] = len(key) >= MIN_CONTAINED_CHARS and f" {key} " in between
    return mask


def find_title_line(dump: Sequence[str], title: str, mask: Sequence[bool]) -> int | None:
    """The headline's line, in order of preference.

    1. a line equal to the title inside the gold body (the article's own copy);
    2. the last line equal to it above the body (headers and breadcrumbs repeat it higher up);
    3. the first line equal to it anywhere;
    4. a line holding most of a site-suffixed title ("Headline | Site"): in the body, else
       the last above it;
    5. the line above the body most like the title.
    """
    title_key = normalise(title)
    keys = [normalise(line) for line in dump]
    first_body = next((i for i, is_body in enumerate(mask) if is_body), len(dump))
    exact = [i for i, key in enumerate(keys) if key == title_key]
    if exact:
        in_body = [i for i in exact if mask[i]]
        above = [i for i in exact if i < first_body]
        return (in_body or [None])[0] if in_body else (above[-1] if above else exact[0])
    shortest = TITLE_MIN_SHARE * len(title_key)
    partial = [
        i for i, key in enumerate(keys) if len(key) >= shortest and f" {key} " in f" {title_key} "
    ]
    in_body = [i for i in partial if mask[i]]
    above = [i for i in partial if i < first_body]
    if in_body or above:
        return in_body[0] if in_body else above[-1]
    return _most_like_title(keys, title_key, first_body)


def _most_like_title(keys: Sequence[str], title_key: str, first_body: int) -> int | None:
    scored = [
        (difflib.SequenceMatcher(None, keys[i], title_key).ratio(), i) for i in range(first_body)
    ]
    best = max(scored, default=(0.0, None))
    return best[1] if best[0] >= TITLE_MIN_SIMILARITY else None


# How many lines below the headline a byline usually sits (dek, date and share rows between).
BYLINE_WINDOW = 8
_BYLINE_WORDS = ("", "by ", "par ", "von ", "por ", "di ", "door ", "av ", "piše ")


def find_byline_line(
    dump: Sequence[str], author: str, title_line: int | None, taken: Sequence[bool]
) -> int | None:
    """The short line naming the author that best looks like the byline.

    A line just below the headline wins; then a line that starts with the name
    (or "By" and the name) over one that only mentions it (a caption, a bio);
    then the line nearest the headline.
    """
    names = [normalise(part) for part in re.split(r",| and | & ", author) if normalise(part)]
    if not names:
        return None
    start = title_line if title_line is not None else 0
    best: tuple[int, int, int, int] | None = None
    for i, line in enumerate(dump):
        key = normalise(line)
        if taken[i] or len(line.split()) > BYLINE_MAX_WORDS:
            continue
        starts = any(key.startswith(word + names[0]) for word in _BYLINE_WORDS)
        if not starts and not any(f" {name} " in f" {key} " for name in names):
            continue
        just_below = 0 < i - start <= BYLINE_WINDOW
        rank = (0 if just_below else 1, 0 if starts else 1, abs(i - start), i)
        best = rank if best is None or rank < best else best
    return best[3] if best else None


def label_lines(
    dump: Sequence[str],
    gold_body: Sequence[str],
    title: str | None,
    author: str | None,
    title_line: int | None = None,
) -> list[str]:
    """`title_line`: the headline's index when a reader has said which line it is."""
    mask = body_mask(dump, gold_body)
    labels = [BODY if is_body else BOILERPLATE for is_body in mask]
    if title_line is None and title:
        title_line = find_title_line(dump, title, mask)
    if title_line is not None:
        labels[title_line] = TITLE
    if author:
        taken = [label == TITLE for label in labels]
        byline_line = find_byline_line(dump, author, title_line, taken)
        if byline_line is not None:
            labels[byline_line] = BYLINE
    return labels
