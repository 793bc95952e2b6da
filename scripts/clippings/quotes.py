"""Who said what: direct quotations and reported statements with their speakers.

A speaker is a person entity of the vocabulary or nobody: an unattributable
quote is kept without a speaker, never given a guessed one. Titles of works,
programmes and scare quotes are not statements.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import chain

from clippings.entities import find_entities
from clippings.tokens import per_vocabulary
from clippings.vocab import Entity

SPEECH_VERBS = (
    "said|says|noted|notes|added|stressed|emphasized|emphasised|stated|states|explained|concluded"
    "|told|declared|remarked|underlined|underscored|insisted|warned|recalled|replied|asked|wrote|believes"
)
PRONOUNS = frozenset({"he", "she", "He", "She"})
# A quotation right after one of these words names a work, not a statement.
WORK_WORDS = (
    "program|programme|project|book|books|publication|declaration|newspaper|magazine|called|entitled"
    "|titled|named|initiative|concept|slogan|motto|channel|forum|autobiography|film|song|doctrine|strategy"
)
TITLE_WORDS = re.compile(rf"\b(?:{WORK_WORDS})\W{{0,3}}$", re.IGNORECASE)
# A TITLE_WORDS match ends the text (or precedes a final newline) and is at most
# the longest word and three more characters long: searching the text's tail (with
# one character more, for \b) finds the same, without trying every position.
_TITLE_WORDS_TAIL = max(map(len, WORK_WORDS.split("|"))) + 3 + 1 + 1
_QUOTE = re.compile(r"“([^“”]+)”|\"([^\"]+)\"")
_SPEAKER = r"(?P<who>he|she|He|She|(?:the\s+)?[A-Z][\w.’'-]*(?:\s+(?:of\s+)?[A-Z][\w.’'-]*){0,5})"
_AFTER = (
    re.compile(rf"^\s*{_SPEAKER}\s+(?:{SPEECH_VERBS})\b"),
    re.compile(rf"^\s*(?:{SPEECH_VERBS})\s+{_SPEAKER}"),
)
_BEFORE = (
    re.compile(rf"{_SPEAKER}\s+(?:\w+ly\s+)?(?:{SPEECH_VERBS})\b[^“\"]{{0,80}}[,:]\s*$"),
    re.compile(rf"[Aa]ccording to\s+{_SPEAKER}\s*,\s*$"),
)
_ACCORDING = re.compile(
    rf"^(?:.*?[.!?]\s+)?According to\s+{_SPEAKER}\s*,\s*(?P<rest>[^“\"]+?[.!?])(?:\s|$)"
)
# "X said that ...", at the start of a sentence (see _said_that).
_SAID_THAT = re.compile(
    rf"{_SPEAKER}\s+(?:also\s+)?(?:{SPEECH_VERBS}|feels|thinks)\s+that\s+(?P<rest>[^“\"]+?[.!?])(?=\s|$)"
)
_SENTENCE_GAP = re.compile(r"[.!?] ")
_ROLE_LEAD = re.compile(
    r"^(?:[A-Z][\w-]*\s+){0,3}(?:Minister|President|Director|Head|Chairman|Secretary|Ambassador|Spokes\w+|Professor)\b[^,]{0,80},\s*"
)
_APPOSITIVE = re.compile(
    r"(?P<name>[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){0,3}),\s+(?P<role>the\s+[A-Z][^,]{2,60}?),"
)
# What _APPOSITIVE cannot match without: a cheap scan (from the literal comma) first.
_MAY_HAVE_APPOSITIVE = re.compile(r",\s+the\s+[A-Z]")
_MAY_QUOTE = re.compile(r"[“”\"]|According to| that ")
MIN_UNATTRIBUTED_WORDS = 8
ANTECEDENT_PARAGRAPHS = 3


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str | None
    speaker_name: str | None
    paragraph: int
    anchor: str


@per_vocabulary
def _persons(entities: tuple[Entity, ...]) -> tuple[Entity, ...]:
    return tuple(e for e in entities if e.kind == "person")


class _Speakers:
    """Names to person entities, including roles an article defines ("X, the President of Y,")."""

    def __init__(self, paragraphs: Sequence[str], entities: Sequence[Entity]) -> None:
        self.persons = _persons(entities)
        self.roles: dict[str, str] = {}
        # The last person named in a text, by text: quotes in a row look back at the same paragraphs.
        self._last_named: dict[str, str | None] = {}
        for paragraph in paragraphs:
            if not _MAY_HAVE_APPOSITIVE.search(paragraph):
                continue
            for match in _APPOSITIVE.finditer(paragraph):
                if person := self.person(match.group("name")):
                    self.roles.setdefault(_role_key(match.group("role")), person)

    def person(self, name: str) -> str | None:
        found = find_entities(name, self.persons)
        return found[0].id if found else self.roles.get(_role_key(name))

    def last_named(self, text: str) -> str | None:
        """The person named last in `text`, outside quotation marks."""
        if text not in self._last_named:
            outside = _outside_quotes(text)
            mentions = find_entities(outside, self.persons)
            self._last_named[text] = (
                max(mentions, key=lambda m: _last_offset(outside, m.first_alias)).id
                if mentions
                else None
            )
        return self._last_named[text]


def _role_key(role: str) -> str:
    return " ".join(role.casefold().removeprefix("the ").split())


def _outside_quotes(text: str) -> str:
    return _QUOTE.sub(" ", text)


def _last_person(texts: Sequence[str], speakers: _Speakers) -> str | None:
    """The last person named outside quotation marks, most recent text first."""
    for text in reversed(texts):
        if person := speakers.last_named(text):
            return person
    return None


def _last_offset(text: str, alias: str) -> int:
    return text.rfind(alias)


def _resolve(
    who: str | None, before: Sequence[str], speakers: _Speakers, last_speaker: str | None = None
) -> tuple[str | None, str | None]:
    if not who:
        return None, None
    who = who.rstrip(".,;:")
    if who in PRONOUNS:
        # The last person named nearby, else the last speaker (an interview's chain of "he said").
        person = _last_person(before, speakers) or last_speaker
        return person, who if person else None
    return speakers.person(who), who


def _is_statement(text: str, preceding: str, attributed: bool) -> bool:
    if TITLE_WORDS.search(preceding[-_TITLE_WORDS_TAIL:]):
        return False
    words = len(text.split())
    if attributed:
        return words >= 3
    return words >= MIN_UNATTRIBUTED_WORDS and text.rstrip()[-1:] in ".,!?…"


def _attribution(paragraph: str, start: int, end: int) -> str | None:
    after, before = paragraph[end:], paragraph[:start]
    for pattern in _AFTER:
        if match := pattern.match(after):
            return match.group("who")
    # Both patterns end in "," or ":" and whitespace; most quotations follow neither.
    if before.rstrip()[-1:] not in (",", ":"):
        return None
    for pattern in _BEFORE:
        if match := pattern.search(before):
            return match.group("who")
    return None


def extract_quotes(
    paragraphs: Sequence[str], anchors: Sequence[str], entities: Sequence[Entity]
) -> list[Quote]:
    speakers = _Speakers(paragraphs, entities)
    quotes: list[Quote] = []
    for index, paragraph in enumerate(paragraphs):
        context = [*paragraphs[max(0, index - ANTECEDENT_PARAGRAPHS) : index]]
        if not _MAY_QUOTE.search(paragraph):
            continue
        last = next((q.speaker for q in reversed(quotes) if q.speaker), None)
        quotes += _reported(paragraph, index, anchors[index], context, speakers)
        quotes += _quoted(paragraph, index, anchors[index], context, speakers, last)
    return quotes


def _reported(
    paragraph: str, index: int, anchor: str, context: list[str], speakers: _Speakers
) -> list[Quote]:
    """Reported speech is a statement of the speaker's, in the author's words.

    "According to X, ..." and "X said that ..." (noted, believes, ...). Unlike a
    quotation, reported speech is kept only when X is a known person: "Critics
    said that ..." is the author's claim, not somebody's statement.
    """
    found = []
    # Both patterns need a literal word; looking for it first skips most paragraphs.
    match = _ACCORDING.match(paragraph) if "According to" in paragraph else None
    if match:
        rest = _ROLE_LEAD.sub("", match.group("rest"), count=1)
        speaker, name = _resolve(
            match.group("who"), [*context, paragraph[: match.start("who")]], speakers
        )
        found.append(Quote(rest[:1].upper() + rest[1:], speaker, name, index, anchor))
    for match in _said_that(paragraph):
        speaker, name = _resolve(
            match.group("who"), [*context, paragraph[: match.start("who")]], speakers
        )
        if speaker:
            rest = match.group("rest")
            found.append(Quote(rest[:1].upper() + rest[1:], speaker, name, index, anchor))
    return found


def _said_that(paragraph: str) -> Iterator[re.Match[str]]:
    """_SAID_THAT's matches that start a sentence (the paragraph's, or one after ". "), in order.

    The same as finditer with the pattern behind `(?:^|(?<=[.!?] ))`, but the pattern
    is tried at sentence starts only, instead of at every character.
    """
    if "that" not in paragraph:
        return
    resume = 0
    starts = chain((0,), (gap.end() for gap in _SENTENCE_GAP.finditer(paragraph)))
    for start in starts:
        if start >= resume and (match := _SAID_THAT.match(paragraph, start)):
            yield match
            resume = match.end()


def _quoted(
    paragraph: str,
    index: int,
    anchor: str,
    context: list[str],
    speakers: _Speakers,
    last: str | None,
) -> list[Quote]:
    spans = [(m.start(), m.end(), m.group(1) or m.group(2)) for m in _QUOTE.finditer(paragraph)]
    closing = paragraph.find("”")
    if (
        "”" in paragraph
        and (not spans or closing < spans[0][0])
        and paragraph.find("“") in (-1, closing + 1)
    ):
        # A quotation that began before this paragraph (or whose opening mark was lost) ends here.
        spans.insert(0, (0, closing + 1, paragraph[:closing]))
    quotes = []
    for start, end, text in spans:
        who = _attribution(paragraph, start, end)
        if not _is_statement(text, paragraph[:start], who is not None):
            continue
        speaker, name = _resolve(who, [*context, paragraph[:start]], speakers, last)
        quotes.append(Quote(text.strip().rstrip(","), speaker, name, index, anchor))
    return quotes
