"""Who said what: direct quotations and reported statements, with their speakers.

A speaker is a person of the vocabulary or nobody: an unattributable quotation is
kept without a speaker, never given a guessed one. Reported speech ("According to
X, ...", "X noted that ...") is kept only when X is a known person, since otherwise
it is the author's own claim. Titles of works, slogans and scare quotes are not
statements. The rules are the named constants below; the code only applies them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from clippings.vocab import Entity

# The rules ------------------------------------------------------------------------
# Verbs that attach a quotation or a "that" clause to its speaker.
SPEECH_VERBS = (
    "said", "says", "noted", "notes", "added", "adds", "stressed", "stresses",
    "emphasized", "emphasizes", "emphasised", "emphasises", "stated", "states",
    "explained", "explains", "concluded", "concludes", "declared", "declares",
    "remarked", "underlined", "underlines", "underscored", "underscores", "insisted",
    "insists", "warned", "warns", "recalled", "recalls", "replied", "answered", "wrote",
    "writes", "asserted", "asserts", "observed", "pointed out", "points out", "announced",
    "reaffirmed", "reaffirms", "affirmed", "reiterated", "reiterates", "argued", "argues",
    "highlighted", "mentioned", "acknowledged", "admitted", "commented", "told reporters",
    "told journalists", "told", "asked", "continued",
)  # fmt: skip
# Verbs of opinion: a reported statement with "that", never a quotation's tag.
BELIEF_VERBS = ("believes", "believed", "feels", "felt", "thinks", "thought", "considers")
# "..., stressing that ...": a statement of the sentence's (only) named person.
REPORTING_PARTICIPLES = (
    "noting", "stressing", "emphasizing", "emphasising", "adding", "saying", "stating",
    "underlining", "underscoring", "asserting", "warning", "recalling", "insisting",
    "pointing out", "reaffirming", "arguing",
)  # fmt: skip
PRONOUNS = frozenset({"he", "she"})
# A quotation right after one of these words names a work, a programme or a slogan.
WORK_WORDS = (
    "program", "programs", "programme", "programmes", "project", "projects", "book", "books",
    "publication", "declaration", "newspaper", "magazine", "journal", "article", "called",
    "entitled", "titled", "named", "dubbed", "nicknamed", "termed", "so-called", "known as",
    "referred to as", "initiative", "concept", "slogan", "motto", "principle", "channel",
    "forum", "autobiography", "film", "song", "doctrine", "strategy", "campaign",
    "agreement", "treaty", "law", "festival", "exhibition", "award", "operation",
)  # fmt: skip
# Titles a person is named by; only a title with a place ("the President of
# Kazakhstan") is resolved, and only to the one person the article gives that title.
PERSON_TITLES = (
    "President", "Prime Minister", "Minister", "Secretary", "Chairman", "Chairwoman",
    "Ambassador", "Spokesman", "Spokeswoman", "Spokesperson", "Director", "Leader",
    "Premier", "Chancellor", "King", "Emir", "Senator", "Governor", "Mayor", "Envoy",
)  # fmt: skip
# Place adjectives to places, so "Kazakh President" is "President of Kazakhstan".
DEMONYMS = {
    "kazakh": "kazakhstan", "russian": "russia", "chinese": "china", "belarusian": "belarus",
    "american": "united states", "us": "united states", "u.s.": "united states",
    "usa": "united states", "uzbek": "uzbekistan", "kyrgyz": "kyrgyzstan",
    "tajik": "tajikistan", "turkmen": "turkmenistan", "ukrainian": "ukraine",
    "turkish": "turkey", "iranian": "iran", "french": "france", "german": "germany",
    "british": "united kingdom", "indian": "india", "israeli": "israel",
}  # fmt: skip
# A "First President" is not "the President": these qualifiers must be in both.
EXCLUSIVE_QUALIFIERS = frozenset({"first", "former", "late", "ex", "then", "acting"})
# Words of a title that say nothing about whose office it is.
GENERIC_TITLE_WORDS = frozenset({"the", "of", "vice", "deputy", "foreign", "prime"})
MIN_WORDS_ATTRIBUTED = 3
MIN_WORDS_UNATTRIBUTED = 6
# A pronoun looks this many paragraphs back for the person it stands for.
ANTECEDENT_PARAGRAPHS = 3


@dataclass(frozen=True)
class Quote:
    text: str  # the quotation without its quote marks
    speaker: str | None  # a person entity's id, or None when unattributable
    speaker_name: str | None  # the name as written or resolved ("Tokayev")
    paragraph: int  # index into the paragraphs given
    anchor: str  # that paragraph's anchor


# Patterns built from the rules ------------------------------------------------------
def _alternation(phrases: Sequence[str]) -> str:
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


_VERB = _alternation(SPEECH_VERBS)
_BELIEF = _alternation(BELIEF_VERBS)
_PARTICIPLE_WORDS = _alternation(REPORTING_PARTICIPLES)
_TITLE = _alternation(PERSON_TITLES)
_NAME_WORD = r"[A-Z][\w.’'-]*"
_AUX = r"(?:(?:has|have|had|also|then|again|once|later|repeatedly|[a-z]+ly)\s+){0,2}"
_WHO = (
    r"(?P<who>\b[Hh]e\b|\b[Ss]he\b"
    rf"|\bthe\s+(?i:{_TITLE})(?:\s+of\s+(?:the\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})?"
    rf"|(?:\bthe\s+)?{_NAME_WORD}(?:\s+(?:of\s+(?:the\s+)?)?{_NAME_WORD}){{0,5}})"
)
_LEAD = r"^[\s,;:—–-]*"
# After a closing mark: `” he said`, `” said Tokayev`, `”, according to Tokayev`.
_AFTER = (
    re.compile(rf"{_LEAD}{_WHO}\s+{_AUX}(?:{_VERB})\b"),
    re.compile(rf"{_LEAD}(?:{_VERB})\s+{_WHO}"),
    re.compile(rf"{_LEAD}according\s+to\s+{_WHO}"),
)
# A speaker ending where a speech verb begins: `Tokayev`, `Tokayev, who ..., also`.
_SPEAKER_END = re.compile(rf"(?<![\w’'.-]){_WHO}(?:,\s+who\b[^,“”\"]{{1,80}},)?\s+{_AUX}$")
# Between a speech verb and an opening mark: `at the CIS meeting, `, `: `, ` that `.
_VERB_TO_QUOTE = re.compile(r"(?:\s+that)?(?:\s[^“”\"«».!?]{0,80}?)?[,:]?\s*$")
_ACCORDING_END = re.compile(rf"[Aa]ccording\s+to\s+{_WHO}\s*,?\s*$")
_WORK_FORMS = frozenset(WORK_WORDS)
# Reported speech; the statement itself must not open with a quotation mark.
_NOT_QUOTED = re.compile(r"[^\s“\"«]")
_ACCORDING = re.compile(rf"ccording\s+to\s+{_WHO}\s*,\s*")
_ACCORDING_TAIL = re.compile(rf",\s+according\s+to\s+{_WHO}\s*[.!?…]")
_AS_SAID = re.compile(rf"As\s+{_WHO}\s+{_AUX}(?:{_VERB})\b(?!\s+that\b)[^,“”\".!?]{{0,60}},\s*")
_THAT = re.compile(r" that\s+")
_PARTICIPLE = re.compile(rf",\s+(?:{_PARTICIPLE_WORDS})\s+that\s+")
_VERB_FORMS = frozenset(SPEECH_VERBS)
_THAT_VERB_FORMS = _VERB_FORMS | frozenset(BELIEF_VERBS)
# "According to X, Vice Prime Minister of ..., the ...": the role is not the statement.
_ROLE_LEAD = re.compile(rf"(?:the\s+)?(?:[A-Z][\w-]*\s+){{0,3}}(?:{_TITLE})\b[^,“”\"]{{0,80}},\s*")
_TITLE_PHRASE = re.compile(
    rf"(?:(?:the|The)\s+)?(?:[A-Z][\w’'.-]*\s+){{0,3}}(?P<head>(?i:{_TITLE}))"
    rf"(?:\s+of\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)*"
)
_TITLE_BEFORE_NAME = re.compile(rf"(?P<title>{_TITLE_PHRASE.pattern})\s+$")
_TITLE_AFTER_NAME = re.compile(rf"^,\s+(?P<title>{_TITLE_PHRASE.pattern})")
_POSSESSIVE = re.compile(r"[’']s$")
_POSSESSIVE_ENDINGS = ("’s", "'s")
# Words as tokens.py splits them: "Kassym-Jomart", "A.Myrzakhmetov", "Tokayev’s".
_WORD = re.compile(r"\w+(?:[-.’']\w+)*")
_CAPITALISED = re.compile(r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]\w*(?:[-.’']\w+)*")
_QUALIFIER = re.compile(r"[A-Z][\w.’'-]*")
_TITLE_WORDS = frozenset(w.casefold() for title in PERSON_TITLES for w in title.split())
_MARK = re.compile(r"[“”\"«»]")
# A closing mark typed as an opening one: `instruments, “said Minister.`
_MISTYPED_CLOSE = re.compile(rf"([,.!?]\s*)“(\s*(?:{_VERB})\s+{_NAME_WORD})")
_SENTENCE_BREAK = re.compile(r"[.!?…][\"”’»)]*\s+(?=[\"“«(]?[A-Z0-9])")
_SENTENCE_HEAD = re.compile(r"[.!?…][”\"’»)]*\s+$")
_TOKEN = re.compile(r"[\w’'-]+")
_SENTENCE_END = re.compile(r"[.!?…](?=[\"”’»)]*(?:\s+[\"“«(]?[A-Z0-9]|\s*$))")
_OPENERS = '“«"'
_LEADING_FILLER = re.compile(r"^(?:(?:As|But|And|So|Then|However|Also|Yet)\s+)+")


@dataclass
class _Span:
    """One quotation's stretch of a paragraph; `start`/`end` include the marks."""

    start: int
    end: int
    text: str
    continued: bool = False  # began in an earlier paragraph
    continues: bool = False  # goes on in the next paragraph


@dataclass
class _Candidate:
    paragraph: int
    position: int
    text: str
    who: str | None = None  # as written: a name, a title or a pronoun
    person: str | None = None  # already known (the participle rule)
    reported: bool = False
    parts: list[tuple[int, str]] = field(default_factory=list)  # earlier paragraphs' parts


@lru_cache(maxsize=8)
def _person_index(entities: tuple[Entity, ...]) -> dict[str, list[tuple[str, str]]]:
    """Person aliases by their first word, longest first: names are capitalised, so only
    capitalised words need a look-up (a tenth of the cost of tokenising every word)."""
    index: dict[str, list[tuple[str, str]]] = {}
    for entity in entities:
        if entity.kind == "person":
            for alias in (entity.name, *entity.aliases):
                if first := _WORD.match(alias):
                    index.setdefault(first.group(), []).append((alias, entity.id))
    for aliases in index.values():
        aliases.sort(key=lambda pair: -len(pair[0]))
    return index


def _mentions(text: str, index: dict[str, list[tuple[str, str]]]) -> list[tuple[int, int, str]]:
    """(start, end, person id) of every person named in `text`, matched case-sensitively."""
    found: list[tuple[int, int, str]] = []
    for match in _CAPITALISED.finditer(text):
        word, start = match.group(), match.start()
        aliases = index.get(word[:-2] if word[-2:] in _POSSESSIVE_ENDINGS else word)
        if not aliases or (found and start < found[-1][1]) or _joined_before(text, start):
            continue
        for alias, person in aliases:
            end = start + len(alias)
            if text.startswith(alias, start) and not _joined_after(text, end):
                found.append((start, end, person))
                break
    return found


def _joined_before(text: str, start: int) -> bool:
    """Whether a name starting at `start` is part of a longer word ("pro-Tokayev")."""
    return start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_-.’'")


def _joined_after(text: str, end: int) -> bool:
    """Whether a name ending at `end` goes on ("Tokayeva"); a possessive ends it."""
    following = text[end : end + 2]
    if following[:1] in ("’", "'"):
        return following[1:].isalnum() and following[1:] != "s"
    return following[:1].isalnum() or following[:1] in ("_", "-")


def _words(text: str) -> int:
    return len(text.split())


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _qualifiers(title: str) -> frozenset[str]:
    found = set()
    for word in _QUALIFIER.findall(title):
        key = _POSSESSIVE.sub("", word).casefold()
        if key not in GENERIC_TITLE_WORDS and key not in _TITLE_WORDS:
            found.add(DEMONYMS.get(key, key))
    return frozenset(found)


def _verbs(text: str, forms: frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) of each speech verb (one or two words) in `text`."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    found = []
    for k, (start, end, word) in enumerate(tokens):
        if k + 1 < len(tokens) and f"{word} {tokens[k + 1][2]}" in forms:
            found.append((start, tokens[k + 1][1]))
        elif word in forms:
            found.append((start, end))
    return found


def _speaker_before(text: str, end: int) -> str | None:
    match = _SPEAKER_END.search(text, max(0, end - 160), end)
    return match.group("who") if match else None


def _at_head(text: str, start: int) -> bool:
    """Whether `start` begins a sentence."""
    return start == 0 or bool(_SENTENCE_HEAD.search(text, max(0, start - 8), start))


def _names_a_work(before: str) -> bool:
    """Whether the text before a quotation ends in a word like "program" or "called"."""
    tail = before.rstrip(" ,").casefold().rsplit(None, 3)[-3:]
    return any(" ".join(tail[k:]) in _WORK_FORMS for k in range(len(tail)))


def _is_statement(text: str, before: str, attributed: bool) -> bool:
    if _names_a_work(before):
        return False
    count = _words(text)
    if attributed:
        return count >= MIN_WORDS_ATTRIBUTED
    if count < MIN_WORDS_UNATTRIBUTED or text.rstrip(' ”"»')[-1:] not in ".!?…,":
        return False
    long_words = [w for w in text.split() if len(w) > 3]
    return sum(w[:1].isupper() for w in long_words) <= 0.6 * len(long_words)


class _Article:
    def __init__(self, paragraphs: Sequence[str], entities: Sequence[Entity]) -> None:
        self.texts = [_MISTYPED_CLOSE.sub(r"\1”\2", p) if "“" in p else p for p in paragraphs]
        self.index = _person_index(tuple(entities))
        self.spans: list[list[_Span]] = []
        self._named: dict[int, list[tuple[int, int, str]]] = {}
        self._mentions: dict[int, list[tuple[int, int, str]]] = {}
        self._breaks: dict[int, list[int]] = {}
        self._titles: list[tuple[str, frozenset[str], str]] | None = None
        self.last_speaker: tuple[str, int] | None = None  # (person, paragraph)

    # Quotation marks ---------------------------------------------------------------
    def scan(self, i: int, carry: bool) -> list[_Span]:
        """The quotations of paragraph `i`; `carry` when one is still open from `i - 1`."""
        text = self.texts[i]
        found: list[_Span] = []
        opened: int | None = None
        depth = 0
        straight = False
        continued = carry
        if carry and not text.lstrip().startswith(tuple(_OPENERS)):
            opened = 0
        for match in _MARK.finditer(text):
            mark, at = match.group(), match.start()
            if mark == '"':
                if opened is None:
                    opened, straight = at, True
                elif straight:
                    found.append(self._span(text, opened, at + 1, continued))
                    opened, straight, continued = None, False, False
            elif mark in "“«":
                if opened is None:
                    opened = at
                elif not straight:
                    depth += 1
            elif depth:
                depth -= 1
            elif opened is not None and not straight:
                found.append(self._span(text, opened, at + 1, continued))
                opened, continued = None, False
            elif found and opened is None:
                # A closing mark after a closed quotation: the quotation went on.
                last = found.pop()
                found.append(self._span(text, last.start, at + 1, last.continued))
            elif opened is None:
                # The opening mark was lost, or is in an earlier paragraph.
                found.append(self._span(text, 0, at + 1, continued))
                continued = False
        if opened is not None:
            span = self._span(text, opened, len(text), continued, closed=False)
            span.continues = self._continues(i)
            found.append(span)
        return found

    def _continues(self, i: int) -> bool:
        if i + 1 >= len(self.texts):
            return False
        following = self.texts[i + 1]
        first = _MARK.search(following)
        return following.lstrip().startswith(tuple(_OPENERS)) or (
            first is not None and first.group() in "”»"
        )

    @staticmethod
    def _span(text: str, start: int, end: int, continued: bool, closed: bool = True) -> _Span:
        inner = text[start:end]
        if inner[:1] in _OPENERS:
            inner = inner[1:]
        if closed and inner[-1:] in '”»"':
            inner = inner[:-1]
        surplus = inner.count("”") - inner.count("“")
        if surplus > 0:  # the closing mark of a quotation this one was merged with
            inner = inner.replace("”", "", surplus)
        elif surplus < 0:  # a nested title whose closing mark ended both quotations
            inner += "”"
        return _Span(start, end, inner.strip().rstrip(",").strip(), continued)

    # People -----------------------------------------------------------------------
    def mentions(self, i: int) -> list[tuple[int, int, str]]:
        """Persons named in paragraph `i` outside its quotations."""
        if i not in self._mentions:
            inside = [(s.start, s.end) for s in self.spans[i]] if i < len(self.spans) else []
            self._mentions[i] = [
                m for m in self.named(i) if not any(a <= m[0] < b for a, b in inside)
            ]
        return self._mentions[i]

    def named(self, i: int) -> list[tuple[int, int, str]]:
        """Persons named in paragraph `i`, quotations included."""
        if i not in self._named:
            self._named[i] = _mentions(self.texts[i], self.index)
        return self._named[i]

    def sentence_start(self, i: int, position: int) -> int:
        if i not in self._breaks:
            self._breaks[i] = [m.end() for m in _SENTENCE_BREAK.finditer(self.texts[i])]
        breaks = self._breaks[i]
        at = bisect.bisect_right(breaks, position) - 1
        return breaks[at] if at >= 0 else 0

    def resolve(self, who: str, i: int, position: int) -> tuple[str | None, str | None]:
        """A speaker as written to (person id, name); a pronoun to its antecedent."""
        who = who.strip(" .,;:")
        if who.casefold() in PRONOUNS:
            return self.antecedent(i, position)
        named = _mentions(who, self.index)
        if named:
            start, end, person = named[0]
            return person, who[start:end]
        if _TITLE_PHRASE.fullmatch(who) and (person := self.titled(who)):
            return person, who
        return None, _LEADING_FILLER.sub("", who) or None

    def antecedent(self, i: int, position: int) -> tuple[str | None, str | None]:
        """The person a pronoun stands for: the only candidate, or the current speaker."""
        here = [m for m in self.mentions(i) if m[0] < position]
        if here:
            return self._pick(here, i)
        last = self.last_speaker
        earlier = [
            m
            for j in range(max(0, i - ANTECEDENT_PARAGRAPHS), i)
            for m in self.mentions(j)
            if last is None or j >= last[1]
        ]
        if earlier:
            return self._pick(earlier, i - 1)
        if last and i - last[1] <= ANTECEDENT_PARAGRAPHS:
            return last[0], self._name_of(last[0], last[1])
        return None, None

    def _pick(self, mentions: list[tuple[int, int, str]], i: int) -> tuple[str | None, str | None]:
        people = {m[2] for m in mentions}
        last = self.last_speaker[0] if self.last_speaker else None
        person = next(iter(people)) if len(people) == 1 else last if last in people else None
        return (person, self._name_of(person, i)) if person else (None, None)

    def _name_of(self, person: str, i: int) -> str | None:
        """How the article last named `person` up to paragraph `i`."""
        for j in range(i, -1, -1):
            for start, end, found in reversed(self.mentions(j)):
                if found == person:
                    return _POSSESSIVE.sub("", self.texts[j][start:end])
        return None

    def titled(self, reference: str) -> str | None:
        """The one person this article gives the title `reference` ("the President of X")."""
        match = _TITLE_PHRASE.fullmatch(reference)
        wanted = _qualifiers(reference)
        if not match or not wanted:
            return None
        head = " ".join(match.group("head").casefold().split())
        people = {
            person
            for title_head, qualifiers, person in self.titles()
            if title_head == head
            and wanted <= qualifiers
            and not (qualifiers & EXCLUSIVE_QUALIFIERS) - wanted
        }
        return people.pop() if len(people) == 1 else None

    def titles(self) -> list[tuple[str, frozenset[str], str]]:
        """(title, qualifiers, person) for each "Title Name" and "Name, the Title" in the text."""
        if self._titles is None:
            self._titles = []
            for i, text in enumerate(self.texts):
                for start, end, person in self.named(i):
                    for found in (
                        _TITLE_BEFORE_NAME.search(text, max(0, start - 80), start),
                        _TITLE_AFTER_NAME.match(text[end : end + 120]),
                    ):
                        if found:
                            title = found.group("title")
                            head = " ".join(found.group("head").casefold().split())
                            self._titles.append((head, _qualifiers(title), person))
        return self._titles

    # Statements -------------------------------------------------------------------
    def quoted(self, i: int, pending: list[tuple[int, _Span, str | None]]) -> list[_Candidate]:
        """Direct quotations of paragraph `i`; parts running on are kept in `pending`."""
        text = self.texts[i]
        found = []
        previous_end = 0
        for span in self.spans[i]:
            floor = max(previous_end, self.sentence_start(i, span.start))
            before = text[floor : span.start]
            previous_end = span.end
            who = self._attribution(text[span.end :], before)
            if span.continues:
                pending.append((i, span, who))
                continue
            parts = [(j, s.text) for j, s, _ in pending]
            if span.continued and pending:
                who = who or pending[0][2]
            pending.clear()
            total = " ".join([*(t for _, t in parts), span.text])
            if not _is_statement(total, before, who is not None):
                continue
            found.append(_Candidate(i, span.start, span.text, who, parts=parts))
        return found

    @staticmethod
    def _attribution(after: str, before: str) -> str | None:
        for pattern in _AFTER:
            if match := pattern.match(after):
                return match.group("who")
        if _names_a_work(before):
            return None
        if "ccording" in before and (match := _ACCORDING_END.search(before)):
            return match.group("who")
        for verb in reversed(_verbs(before, _VERB_FORMS)):
            if _VERB_TO_QUOTE.match(before, verb[1]) and (who := _speaker_before(before, verb[0])):
                return who
        return None

    def reported(self, i: int) -> list[_Candidate]:
        """Reported speech: "According to X, ...", "As X noted, ...", "X said that ..."."""
        text = self.texts[i]
        found: list[tuple[int, int, str | None, str | None]] = []  # start, clause, who, person
        tails: list[tuple[int, str, str]] = []  # start, statement, who
        if "ccording" in text:
            for match in _ACCORDING.finditer(text):
                start = match.start() - 1
                if start >= 0 and text[start] in "Aa" and _at_head(text, start):
                    found.append((start, match.end(), match.group("who"), None))
            for match in _ACCORDING_TAIL.finditer(text):  # "..., according to X."
                start = self.sentence_start(i, match.start())
                statement = _sentence_case(text[start : match.start()].strip()) + "."
                if _words(statement) >= MIN_WORDS_ATTRIBUTED and _NOT_QUOTED.match(statement):
                    tails.append((start, statement, match.group("who")))
        if "As " in text:
            for match in _AS_SAID.finditer(text):
                if _at_head(text, match.start()):
                    found.append((match.start(), match.end(), match.group("who"), None))
        if " that" in text:
            for match in _THAT.finditer(text):
                lead = max(0, match.start() - 30)
                verbs = _verbs(text[lead : match.start()], _THAT_VERB_FORMS)
                if verbs and lead + verbs[-1][1] == match.start():
                    speaker = _SPEAKER_END.search(text, max(0, lead - 160), lead + verbs[-1][0])
                    if speaker:
                        found.append((speaker.start(), match.end(), speaker.group("who"), None))
            for match in _PARTICIPLE.finditer(text):
                start = self.sentence_start(i, match.start())
                people = {m[2] for m in self.mentions(i) if start <= m[0] < match.start()}
                if len(people) == 1:
                    found.append((match.start(), match.end(), None, people.pop()))
        inside = [(s.start, s.end) for s in self.spans[i]]
        candidates = []
        for start, clause, who, person in found:
            if any(a <= start < b for a, b in inside) or not _NOT_QUOTED.match(text, clause):
                continue
            according = text[start] in "Aa" and text.startswith("ccording", start + 1)
            if according and (role := _ROLE_LEAD.match(text, clause)):
                clause = role.end()
            if rest := self._clause(text, clause):
                candidates.append(_Candidate(i, start, rest, who, person, reported=True))
        for start, statement, who in tails:
            if not any(a <= start < b for a, b in inside):
                candidates.append(_Candidate(i, start, statement, who, reported=True))
        return candidates

    @staticmethod
    def _clause(text: str, start: int) -> str:
        end = _SENTENCE_END.search(text, start)
        clause = text[start : end.end() if end else len(text)].strip()
        return _sentence_case(clause) if _words(clause) >= MIN_WORDS_ATTRIBUTED else ""


def extract_quotes(
    paragraphs: Sequence[str], anchors: Sequence[str], entities: Sequence[Entity]
) -> list[Quote]:
    """Quotations and reported statements in text order, each with its speaker or None."""
    article = _Article(paragraphs, entities)
    quotes: list[Quote] = []
    pending: list[tuple[int, _Span, str | None]] = []
    carry = False
    for i, text in enumerate(article.texts):
        spans_here = article.scan(i, carry) if _MARK.search(text) or carry else []
        article.spans.append(spans_here)
        carry = bool(spans_here) and spans_here[-1].continues
        candidates = article.quoted(i, pending) if spans_here else []
        if "ccording" in text or " that" in text or "As " in text:
            candidates += article.reported(i)
        for found in sorted(candidates, key=lambda c: c.position):
            speaker, name = found.person, None
            if speaker:
                name = article._name_of(speaker, i)
            elif found.who:
                speaker, name = article.resolve(found.who, i, found.position)
            if found.reported and not speaker:
                continue  # "Critics said that ..." is the author's claim, not a statement
            if speaker:
                article.last_speaker = (speaker, i)
            for j, part in found.parts:
                quotes.append(Quote(part, speaker, name, j, anchors[j]))
            quotes.append(Quote(found.text, speaker, name, i, anchors[i]))
    return quotes
