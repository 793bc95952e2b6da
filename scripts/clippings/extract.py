"""Phase 2 (write), step extract: metadata from the tagged lines, the URL and nothing else.

Each field is taken from sources in a fixed order and is left empty rather than
guessed: a wrong author is worse than no author.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from urllib.parse import unquote, urlsplit

from clippings import dates
from clippings.clean import BODY, Decision, word_count
from clippings.cues import lowered_for_cues, may_match
from clippings.rules import FULL_NAME, Rules, remember

WORDS_PER_MINUTE = 220
# A sentence ends at . ! ? or … (and any closing quote) before a capital; "N.Nazarbayev"
# has no space after the dot, so initials stay inside their sentence.
_SENTENCE_SPLIT = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][\"”’»)]))\s+(?=[\"“«(]?[A-ZА-ЯЁ0-9])")
_DATELINE = re.compile(
    r"^(?P<place>[A-ZА-ЯЁ][A-ZА-ЯЁ.'’ -]{1,30}?)(?:\s*,\s*[^—–-]{1,40}?)?\s*(?:—|–|--|-)\s+(?=\S)"
)
_CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")
_KAZAKH_ONLY = re.compile(r"[ӘәҒғҚқҢңӨөҰұҮүҺһІі]")
_LATIN = re.compile(r"[A-Za-z]")
_LOWER_WORD = re.compile(r"[a-z]+")
_URL_DATE_PATTERNS = (
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[01]\d)/(?P<d>[0-3]\d)(?:/|$)"),
    re.compile(r"/(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:[/-]|$)"),
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[01]\d)(?:/|$)"),
    # Eurasia Review style: /01032018-title/ is day, month, year.
    re.compile(r"/(?P<d>[0-3]\d)(?P<m>[01]\d)(?P<y>(?:19|20)\d\d)-"),
)
_MONTH_WORD = r"([a-zа-я]{3,})\.?"
_PRINTED_DATES = (
    (re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b"), ("y", "m", "d")),
    (re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b"), ("d", "m", "y")),
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"), ("m", "d", "y")),
    (
        re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\.?\s+{_MONTH_WORD},?\s+(\d{{4}})"),
        ("d", "m", "y"),
    ),
    (re.compile(rf"\b{_MONTH_WORD}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})"), ("m", "d", "y")),
)
_BARE_BYLINE = re.compile(rf"(?:(?i:by)\s+)?(?P<author>{FULL_NAME})")
_SLUG_NOISE = re.compile(r"^\d+[-_]|\.(?:s?html?|php|aspx?)$|[-_]\d+$")
_ENGLISH_HINTS = frozenset(
    ["the", "of", "and", "to", "in", "is", "that", "for", "with", "as", "on", "was", "by"]
)


def body_lines(decisions: Sequence[Decision]) -> list[Decision]:
    return [d for d in decisions if d.kept]


def first_of(decisions: Sequence[Decision], role: str) -> Decision | None:
    return next((d for d in decisions if d.role == role), None)


def split_title(raw_title: str, rules: Rules) -> tuple[str, str | None]:
    """Remove genre labels ("– OpEd", "Analysis:") from a headline; return (title, genre)."""
    for rule in rules.title_suffixes:
        match = re.search(rf"(?:{rule.pattern.pattern})$", raw_title, re.IGNORECASE)
        if match and match.start() > 0:
            return raw_title[: match.start()].strip(), rule.genre
    for rule in rules.title_prefixes:
        match = rule.pattern.match(raw_title)
        if match and match.end() < len(raw_title):
            return raw_title[match.end() :].strip(), rule.genre
    for rule in rules.title_words:
        if rule.pattern.search(raw_title):
            return raw_title, rule.genre
    return raw_title, None


def author_from_byline(decision: Decision, rules: Rules) -> str | None:
    for byline in (*rules.bylines, *rules.head_bylines):
        match = byline.pattern.fullmatch(decision.text)
        if match and match.group("author"):
            return _without_roles(match.group("author").strip(" ,"), rules)
    return None


def _without_roles(authors: str, rules: Rules) -> str | None:
    """Keep the comma-separated parts that are names: not a job title ("Energy
    Correspondent"), a degree or a dateline place (one word: "MA", "Lissabon"), or an
    organisation in capitals beside a name ("ACLU Speech")."""
    parts = [part.strip().rstrip("0123456789") for part in authors.split(",")]
    names = [part for index, part in enumerate(parts) if _is_name_part(part, index, rules)]
    return ", ".join(names) or None


def _is_name_part(part: str, index: int, rules: Rules) -> bool:
    words = part.split()
    if set(part.casefold().split()) & rules.byline_roles:
        return False
    if index == 0 or " and " in part or " & " in part:
        return True
    shouting = [w for w in words if len(w) > 2 and w.isupper()]
    return len(words) > 1 and len(shouting) in (0, len(words))


def author_from_bare_byline(decision: Decision) -> str | None:
    """A byline that is just a full name ("Dana Sultanova", "By Dana Sultanova").

    The cleaner never calls such a line a byline (a bare name is too often something
    else); an editor can, with `byline_line:` in the sidecar.
    """
    match = _BARE_BYLINE.fullmatch(decision.text)
    return match.group("author") if match else None


def author_from_bio(decision: Decision, rules: Rules) -> str | None:
    for bio in rules.author_bios:
        match = bio.pattern.fullmatch(decision.text)
        if match and match.groupdict().get("author"):
            return match.group("author").strip()
    return None


def bio_text(decisions: Sequence[Decision], rules: Rules) -> str | None:
    """The closing bio sentences, without list markers or the outlet's disclaimer."""
    disclaimer = next(r for r in rules.line_rules if r.name == "disclaimer").pattern
    sentences = [
        sentence
        for d in decisions
        if d.role == "author_bio"
        for sentence in split_sentences(d.text.lstrip("*• ").strip())
        if not disclaimer.search(sentence)
    ]
    return " ".join(sentences) or None


def split_sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_SPLIT.split(text) if part.strip()]


def outlet_from_signatures(decisions: Sequence[Decision], rules: Rules) -> str | None:
    """The outlet the page names itself in its furniture, by vote.

    Each dropped short line that matches a signature ("© 2019 X", "X's newsletter",
    "Follow X on Twitter", "More from X") gives its name a vote, and so does each
    dropped line that is just that name. The name with most votes wins; the first
    one named breaks a tie. Body lines never vote: an article may name other outlets.
    Long lines are read only when a rule that names outlets (`outlet: true`) claimed them.
    """
    votes: dict[str, int] = {}
    signed = {r.name for r in rules.line_rules if r.names_outlet}
    furniture = [d for d in decisions if not d.kept and d.role != "title"]
    max_words = rules.param("outlet", "max_words")
    owner_line = re.compile(rules.param("outlet", "owner_line_start"), re.IGNORECASE)
    for decision in furniture:
        words = decision.words if decision.words is not None else word_count(decision.text)
        if (
            decision.rule not in signed
            and words > max_words
            and not owner_line.match(decision.text)
        ):
            continue
        if name := _signed_name(decision.text, rules):
            votes[name] = votes.get(name, 0) + 1
    if not votes:
        return None
    names = rules.memo("outlet-name")
    for decision in furniture:
        text = decision.text
        name = names[text] if text in names else remember(names, text, _outlet_name(text, rules))
        if name in votes:
            votes[name] += 1
    # Names that start alike ("Steppe Tribune", "Steppe Tribune Media") pool their
    # votes; within the winning pool the name voted for most wins, then the shortest.
    pooled = {
        name: sum(count for other, count in votes.items() if _alike(name, other)) for name in votes
    }
    best_pool = max(pooled.values())
    candidates = [name for name in votes if pooled[name] == best_pool]
    return max(candidates, key=lambda name: (votes[name], -len(name)))


def _signed_name(text: str, rules: Rules) -> str | None:
    """The first outlet name that a signature matching `text` gives (its vote), or None."""
    memo = rules.memo("outlet-signature")
    if text in memo:
        return memo[text]
    lowered = lowered_for_cues(text)
    for signature, cues in zip(rules.outlet_signatures, rules.signature_cues, strict=True):
        match = may_match(cues, lowered) and signature.search(text)
        if match and (name := _outlet_name(match.group("outlet"), rules)):
            return remember(memo, text, name)
    return remember(memo, text, None)


def _alike(name: str, other: str) -> bool:
    return _starts_with(name, other) or _starts_with(other, name)


def _starts_with(name: str, prefix: str) -> bool:
    words, first = name.casefold().split(), prefix.casefold().split()
    return words[: len(first)] == first


def _outlet_name(candidate: str, rules: Rules) -> str | None:
    name = rules.outlet_suffixes.sub("", candidate.strip(" .,:;|-–—")).strip()
    # "Follow the BBC": a lower-case article belongs to the sentence, not the name
    # ("The Atlantic" keeps its capital).
    name = name.removeprefix("the ").strip()
    if name.casefold() in rules.not_outlets or not _looks_like_name(name):
        return None
    return name


def _looks_like_name(candidate: str) -> bool:
    words = candidate.split()
    return 1 <= len(words) <= 6 and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in {"of", "the", "and", "for", "&"}
        for w in words
    )


def issn_numbers(decisions: Sequence[Decision]) -> list[str]:
    """ISSNs printed on the page, as NNNN-NNNC."""
    digits = [
        re.sub(r"[^\dX]", "", d.text.upper().split("ISSN", 1)[-1])
        for d in decisions
        if d.rule == "issn"
    ]
    return [f"{number[:4]}-{number[4:]}" for number in digits if len(number) == 8]


def dateline(body: Sequence[Decision]) -> str | None:
    if not body:
        return None
    match = _DATELINE.match(body[0].text)
    if not match or not match.group("place").isupper():
        return None
    return match.group("place").strip().title()


def strip_dateline(text: str) -> str:
    match = _DATELINE.match(text)
    return text[match.end() :] if match and match.group("place").isupper() else text


def description(body: Sequence[Decision], max_chars: int = 320) -> str:
    """The lead: one or two sentences of the first paragraph."""
    paragraphs = [d.text for d in body if d.role == BODY]
    if not paragraphs:
        return ""
    sentences = split_sentences(strip_dateline(paragraphs[0]))
    lead = sentences[0] if sentences else paragraphs[0]
    if len(sentences) > 1 and len(lead) + len(sentences[1]) < max_chars:
        lead = f"{lead} {sentences[1]}"
    return _shorten(lead, max_chars)


def _shorten(text: str, max_chars: int) -> str:
    if len(text) <= max_chars:
        return text
    return text[: max_chars - 1].rsplit(" ", 1)[0].rstrip(",;:—–-") + "…"


def title_from_lead(body: Sequence[Decision], max_words: int = 14) -> str | None:
    lead = description(body)
    if not lead:
        return None
    sentence = split_sentences(lead)[0].rstrip(".")
    words = sentence.split()
    return sentence if len(words) <= max_words else " ".join(words[:max_words]) + "…"


def language(text: str) -> str:
    """A BCP 47 tag from the script and, for Latin text, common English words."""
    # Counting letters costs a pass over every character; with no Cyrillic letter
    # at all (most texts), Cyrillic cannot outnumber Latin.
    if _CYRILLIC.search(text):
        cyrillic, latin = len(_CYRILLIC.findall(text)), len(_LATIN.findall(text))
        if cyrillic > latin:
            return "kk" if len(_KAZAKH_ONLY.findall(text)) > cyrillic * 0.01 else "ru"
    words = _LOWER_WORD.findall(text.lower()[:5000])
    hits = sum(map(_ENGLISH_HINTS.__contains__, words))
    return "en" if not words or hits / len(words) > 0.08 else "und"


def reading_time(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def count_words(body: Sequence[Decision]) -> int:
    return sum(word_count(d.text) if d.words is None else d.words for d in body)


# URL facts ----------------------------------------------------------------
def url_host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def date_from_lines(decisions: Sequence[Decision], rules: Rules) -> str | None:
    """The publication date a page printed above the article ("24 July 2015")."""
    for decision in decisions:
        if decision.kept:
            return None
        if decision.role == "date" and (date := parse_printed_date(decision.text, rules)):
            return date
    return None


def parse_printed_date(text: str, rules: Rules) -> str | None:
    """YYYY-MM-DD from the first date in a line, in the forms pages print."""
    months = rules.months
    for pattern, order in _PRINTED_DATES:
        match = pattern.search(text.casefold())
        if not match:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        month = parts["m"] if parts["m"].isdigit() else months.get(parts["m"][:3])
        if month is None:
            continue
        date = _valid_date({"y": parts["y"], "m": str(month), "d": parts["d"]})
        if date:
            return date
    return None


def date_from_url(url: str) -> str | None:
    path = urlsplit(url).path
    for pattern in _URL_DATE_PATTERNS:
        match = pattern.search(path)
        if match and (date := _valid_date(match.groupdict())):
            return date
    return None


def _valid_date(parts: dict[str, str | None]) -> str | None:
    day = parts.get("d")
    return dates.checked(int(parts["y"]), int(parts["m"]), int(day) if day else None)


def genre_from_url(url: str, rules: Rules) -> str | None:
    words = set(re.split(r"[/\-_.]+", unquote(urlsplit(url).path).lower()))
    return next((rule.genre for rule in rules.url_words if words & rule.words), None)


def title_from_url(url: str) -> str | None:
    segments = [s for s in unquote(urlsplit(url).path).split("/") if s]
    if not segments:
        return None
    slug = _SLUG_NOISE.sub("", _SLUG_NOISE.sub("", segments[-1]))
    words = [w for w in re.split(r"[-_]+", slug) if w and not w.isdigit()]
    if len(words) < 2:
        return None
    return " ".join(w[:1].upper() + w[1:] for w in words)
