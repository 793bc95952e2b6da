"""Phase 2 (write), step clean: give every line of a normalised article a role and the rule that decided it.

The passes, each looking at a different kind of evidence:
1. line rules: the words of one short line (share rows, credits, prompts);
2. the body region: the densest run of prose lines (clippings.prose);
3. the head just above it: title, repeated title, byline, date, standfirst;
4. the tail, walked from the bottom: bios, teasers, publisher boxes;
5. what is left: outside the region it is page furniture; inside it, a line is
   body when it reads as prose, a sub-heading when prose surrounds it.
A line that is neither prose nor claimed by a rule needs evidence to stay.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from clippings.prose import (
    SENTENCE_END,
    ProseJudge,
    capped_gaps,
    densest_run,
    ends_unspaced_sentence,
    is_unspaced,
    may_be_prose,
    page_stopwords,
)
from clippings.prose import tokens as prose_tokens
from clippings.rules import Rules

BODY = "body"
HEADING = "heading"
KEPT_ROLES = frozenset({BODY, HEADING})

_WORD = re.compile(r"[\w’'-]+")
_QUOTED = re.compile(r"^[\"“«„].*[\"”»“]$")
# Headlines may end in "?" or "!", never in a full stop.
_STATEMENT_END = re.compile(r"[.…][\"'”’»)\]]*$")
_TRUNCATED = re.compile(r"(?:\.\.\.|…)\s*$")
_LOWER_SPAM = re.compile(r"^[a-z0-9\s]+$")
_YAML_KEY_LINE = re.compile(r"^[a-z][a-z0-9_]*:\s+\S")
# "... in N.Y.C." or "... the U.S.": a headline may end in an abbreviation's dot.
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.){2,}$")
# An item of a numbered list, and the bullets a text dump keeps at the start of a line.
_LIST_NUMBER = re.compile(r"^(\d{1,3})[.)]\s+\S")
_BULLETS = frozenset("•-–—*+►▪◦·")
# Breadcrumbs and menus: words between " > ", " | ", " » " or " / ".
_SEPARATOR = re.compile(r"\s(?:>|\||»|/|•|·)\s")


@dataclass(frozen=True)
class Decision:
    """What one non-blank source line is, and which rule said so."""

    number: int
    text: str
    role: str
    rule: str
    reason: str
    # word_count(text), counted once during classification; None when not known.
    words: int | None = field(default=None, compare=False, repr=False)

    @property
    def kept(self) -> bool:
        return self.role in KEPT_ROLES

    @property
    def label(self) -> str:
        return f"boilerplate:{self.rule}" if self.role == "boilerplate" else self.role


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def line_key(text: str) -> str:
    """A spelling-insensitive key for comparing lines across articles."""
    return " ".join(_WORD.findall(text.casefold()))


@lru_cache(maxsize=8)
def more_words_than(count: int) -> Callable[[str], re.Match[str] | None]:
    """A test for "more than `count` words (as _WORD finds them)" that reads no further.

    Each round takes one whole word and the non-word characters before it (possessive
    quantifiers never split a word), so it stops after `count + 1` words instead of
    tokenising a whole paragraph.
    """
    return re.compile(rf"(?:[^\w’'-]*+[\w’'-]++){{{count + 1}}}").match


def similarity(first: str, second: str, at_least: float = 0.0) -> float:
    """Ratcliff-Obershelp similarity of two lines' keys; 0 when cheaply shown below `at_least`."""
    matcher = difflib.SequenceMatcher(None, line_key(first), line_key(second))
    if matcher.real_quick_ratio() < at_least or matcher.quick_ratio() < at_least:
        return 0.0
    return matcher.ratio()


class _Tagger:
    def __init__(self, text: str, rules: Rules, repeated: frozenset[str]) -> None:
        self.rules = rules
        self.repeated = repeated
        self.units = [
            (number, line.strip())
            for number, line in enumerate(text.split("\n"), start=1)
            if line.strip()
        ]
        self.decisions: list[Decision | None] = [None] * len(self.units)
        self.word_counts = [word_count(text) for _, text in self.units]
        self.prose: list[bool] = []
        # The lines no line rule claimed, as the body region was measured on them.
        self.unclaimed: list[int] = []
        self.stoplist: frozenset[str] = frozenset()
        self.name_stoplist: frozenset[str] = frozenset()
        # how many of the body region's prose lines use each word, for _topicality
        self.body_words: Counter[str] = Counter()
        # the body region, as find_body first measured it
        self.region: tuple[int, int] | None = None
        self.head_matter: dict[int, bool] = {}  # memo of _is_head_matter, by line index
        self.strong_bylines: dict[int, bool] = {}  # memo of _is_strong_byline, by line index
        self.line_tokens: dict[int, list[str]] = {}  # prose.tokens of lines that may be prose
        self.page_keys: Counter[str] | None = None  # short lines' keys, counted on first use
        self.listed: set[int] = set()  # indexes of list items and code (see _list_items)
        self.code: set[int] = set()  # indexes of program code lines (see _code_lines)
        self.table_rows: set[int] = set()  # indexes of a table's rows (see _data_rows)

    def decide(self, index: int, role: str, rule: str, reason: str | None = None) -> None:
        number, text = self.units[index]
        reason = reason or self.rules.reason(rule)
        self.decisions[index] = Decision(number, text, role, rule, reason, self.word_counts[index])

    def decide_structural(self, index: int, role: str, rule: str) -> None:
        self.decide(index, role, rule, self.rules.reason(rule))

    def words(self, index: int) -> int:
        return self.word_counts[index]

    def text(self, index: int) -> str:
        return self.units[index][1]

    def open_(self, index: int) -> bool:
        return self.decisions[index] is None

    # Pass 0 ---------------------------------------------------------------
    def drop_embedded_front_matter(self) -> None:
        """Metadata at the very top (a `---` block, or `key: value` lines) is not trusted.

        It is someone else's claim about the article; editors state metadata in the sidecar.
        """
        limit = self.rules.param("embedded-front-matter", "max_lines")
        head = [self.text(i) for i in range(min(len(self.units), limit))]
        if head[:1] == ["---"]:
            closing = next((i for i in range(1, len(head)) if head[i] == "---"), None)
            count = closing + 1 if closing else 1
        else:
            count = next(
                (i for i, line in enumerate(head) if not _YAML_KEY_LINE.match(line)), len(head)
            )
            count = count if count >= 2 else 0
        for index in range(count):
            self.decide_structural(index, "boilerplate", "embedded-front-matter")

    # Pass 1 ---------------------------------------------------------------
    def apply_line_rules(self) -> None:
        first_open = next((i for i in range(len(self.units)) if self.open_(i)), 0)
        for index, (_, text) in enumerate(self.units):
            if not self.open_(index):
                continue
            words = self.words(index)
            rule = self.rules.first_line_rule(text, words)
            if rule is not None:
                self.decide(index, rule.role, rule.name, rule.reason)
            elif self._is_keyword_stuffing(text, words):
                self.decide_structural(index, "boilerplate", "keyword-stuffing")
            elif index != first_open and self._is_repeated(text, words):
                self.decide_structural(index, "boilerplate", "repeated-line")
            elif self._is_repeated_on_page(index):
                self.decide_structural(index, "boilerplate", "repeated-on-page")

    def _is_repeated_on_page(self, index: int) -> bool:
        """A short line the page prints again and again ("Tweet", "View this image")."""
        params = self.rules.structure["repeated-on-page"]
        if self.words(index) > params["max_words"]:
            return False
        if self.page_keys is None:
            self.page_keys = Counter(
                line_key(text)
                for i, (_, text) in enumerate(self.units)
                if self.words(i) <= params["max_words"]
            )
        return self.page_keys[line_key(self.text(index))] >= params["min_times"]

    def _is_keyword_stuffing(self, text: str, words: int) -> bool:
        params = self.rules.structure["keyword-stuffing"]
        if words < params["min_words"] or not _LOWER_SPAM.match(text):
            return False
        tokens = text.split()
        return len(set(tokens)) / len(tokens) <= params["max_unique_ratio"]

    def _is_repeated(self, text: str, words: int) -> bool:
        # Never the first line: that is the title's place, and titles may repeat.
        max_words = self.rules.param("repeated-line", "max_words")
        return words <= max_words and line_key(text) in self.repeated

    # Pass 2 ---------------------------------------------------------------
    def find_body(self) -> tuple[int, int] | None:
        """The densest run of prose among the lines no rule has claimed."""
        params = self.rules.structure["prose"]
        self.unclaimed = [index for index in range(len(self.units)) if self.open_(index)]
        # A line's first words are enough to measure its share of function words.
        self.line_tokens = {
            index: prose_tokens(self.text(index)[: params["sample_chars"]])
            for index in self.unclaimed
            if may_be_prose(self.text(index), self.words(index), params)
        }
        stoplist = page_stopwords(self.line_tokens.values(), self.rules.languages)
        judge = ProseJudge(stoplist, params)
        self.code = self._code_lines(params)
        self.table_rows = self._data_rows(params)
        self.listed = self._list_items(params["list_min_items"]) | self.code
        self.listed |= self._introduced_lists(params) | self.table_rows
        self.prose = [False] * len(self.units)
        for index, words in self.line_tokens.items():
            text = self.text(index)
            # A whole line's words are all read; a longer line's count is all it needs.
            count = len(words) if len(text) <= params["sample_chars"] else self.words(index)
            self.prose[index] = judge.is_prose(text, words, count)
        self.stoplist = stoplist
        # What a bare-name byline may not contain: the stoplist without given names.
        self.name_stoplist = stoplist - self.rules.stoplist_names
        scores = [self._run_score(index, judge, params) for index in range(len(self.units))]
        region = densest_run(capped_gaps(scores, params["gap_cap_lines"]))
        if region is not None:
            region = self._cut_at_article_end(region, scores)
            self.region = region
            self.body_words = Counter(
                word
                for index in range(region[0], region[1] + 1)
                if self.prose[index]
                for word in set(self.line_tokens[index])
            )
        return region

    def _list_items(self, min_items: int) -> set[int]:
        """Lines of a numbered list ("1. Finland", "2. Norway", ...) or of a run of
        lines with the same bullet: an article's list, which prose need not surround."""
        listed: set[int] = set()
        chain: list[int] = []
        for index in self.unclaimed:
            number = _LIST_NUMBER.match(self.text(index))
            if number and chain and int(number.group(1)) == self._item_number(chain[-1]) + 1:
                chain.append(index)
            elif number and int(number.group(1)) == 1:
                listed.update(chain if len(chain) >= min_items else ())
                chain = [index]
        listed.update(chain if len(chain) >= min_items else ())
        run: list[int] = []
        for index in [*self.unclaimed, -1]:
            bullet = self.text(index)[:1] if index >= 0 else ""
            if run and bullet in _BULLETS and bullet == self.text(run[0])[:1]:
                run.append(index)
                continue
            listed.update(run if len(run) >= min_items else ())
            run = [index] if bullet in _BULLETS else []
        return listed

    def _introduced_lists(self, params: dict) -> set[int]:
        """Short lines under a line ending in a colon ("ATF consists of the following
        components:", "What You'll Need:"): a list without bullets, up to the next
        line that is longer or ends a sentence. At least `list_min_items` of them."""
        listed: set[int] = set()
        opened = [i for i in self.unclaimed if self.text(i).endswith(":")]
        for intro in opened:
            run = []
            for index in range(
                intro + 1, min(intro + 1 + params["intro_list_max_items"], len(self.units))
            ):
                text = self.text(index)
                if (
                    not self.open_(index)
                    or is_unspaced(text)
                    or self.words(index) > params["intro_list_max_words"]
                    or SENTENCE_END.search(text)
                    or text.endswith(":")
                ):
                    break
                run.append(index)
            listed.update(run if len(run) >= params["list_min_items"] else ())
        return listed

    def _data_rows(self, params: dict) -> set[int]:
        """A run of at least `data_min_rows` short lines, most of them with figures
        ("Nikkei up 2.2% to 22,195.38", "13.1 MB (-31%)"): a table's rows, which a text
        dump prints one cell or row a line. Menus and teaser lists carry few figures."""
        runs = self._runs(lambda i: self.words(i) <= params["data_max_words"], adjacent=True)
        return {
            index
            for run in runs
            if len(run) >= params["data_min_rows"]
            and sum(any(c.isdigit() for c in self.text(i)) for i in run)
            >= params["data_figure_share"] * len(run)
            for index in run
        }

    def _code_lines(self, params: dict) -> set[int]:
        """Runs of at least `code_min_lines` unclaimed lines that read as program code
        (`code_line`): an article's listing, which prose need not surround."""
        runs = self._runs(lambda i: bool(self.rules.code_line.search(self.text(i))))
        return {index for run in runs if len(run) >= params["code_min_lines"] for index in run}

    def _runs(self, belongs: Callable[[int], bool], adjacent: bool = False) -> list[list[int]]:
        """The runs of unclaimed lines that `belongs` holds for, in page order; a line
        it does not hold for ends a run, and so does a claimed line when `adjacent`."""
        runs: list[list[int]] = []
        run: list[int] = []
        for index in self.unclaimed:
            if belongs(index) and (not adjacent or not run or index == run[-1] + 1):
                run.append(index)
                continue
            runs.append(run)
            run = [index] if belongs(index) else []
        return [run for run in [*runs, run] if run]

    def _item_number(self, index: int) -> int:
        return int(_LIST_NUMBER.match(self.text(index)).group(1))  # type: ignore[union-attr]

    def _run_score(self, index: int, judge: ProseJudge, params: dict) -> float | None:
        """A line's pull on the body region: prose adds, furniture subtracts.

        Lines a rule claimed as something the article prints (a date, a credit, a
        caption) neither add nor subtract; boilerplate a rule claimed subtracts
        like any other furniture, if `claimed_boilerplate_counts`.
        """
        decision = self.decisions[index]
        if decision is not None:
            counts = decision.role == "boilerplate" and params["claimed_boilerplate_counts"]
            return -params["furniture_penalty"] if counts else None
        if self.prose[index]:
            return judge.weight(self.words(index))
        return 0.0 if index in self.listed else -params["furniture_penalty"]

    def _cut_at_article_end(
        self, region: tuple[int, int], scores: list[float | None]
    ) -> tuple[int, int]:
        """End the region before "Related stories" or "42 comments" once half its prose is
        above, or before a thread of readers' comments however long it is."""
        start, end = region
        total = sum(score for score in scores[start : end + 1] if score and score > 0)
        thread = self._comment_thread_start(start, end)
        above = 0.0
        for index in range(start, end + 1):
            decision = self.decisions[index]
            if (
                decision is not None
                and decision.rule in self.rules.article_ends
                and (above >= total / 2 or (index >= thread and above > 0))
            ):
                last = max(
                    (i for i in range(start, index) if self.prose[i] and self.open_(i)),
                    default=start,
                )
                return start, last
            above += scores[index] if scores[index] and scores[index] > 0 else 0.0
        return region

    def _comment_thread_start(self, start: int, end: int) -> int:
        """Where a thread of readers' comments starts inside the region: the last article
        end marker ("Comments") above its first comment header, when at least
        `comment_thread_min` comment headers follow. Comments can outweigh the article."""
        headers = [
            i
            for i in range(start, end + 1)
            if self.decisions[i] is not None and self.decisions[i].rule == "comment-header"
        ]
        if len(headers) < self.rules.structure["prose"]["comment_thread_min"]:
            return len(self.units)
        ends = self.rules.article_ends
        markers = [
            i
            for i in range(start, headers[0] + 1)
            if self.decisions[i] is not None and self.decisions[i].rule in ends
        ]
        return markers[-1] if markers else headers[0]

    def title_index(self, body_start: int) -> int:
        """The headline's index: the best-scored headline-shaped line above the body.

        Without one, the topmost byline, standfirst or caption directly above the
        body, so that the head walk still tags them; else the body's first line.
        """
        window = self._open_above(body_start, self.rules.param("title", "search_lines"))
        # The region may start with the headline itself when it reads as a sentence.
        candidates = [body_start, *window] if self.open_(body_start) else window
        scored = [
            (self._title_score(index, body_start), -index)
            for index in candidates
            if self._is_title_shaped(self.text(index))
        ]
        best = max(scored, default=None)
        if best is not None and best[0] > 0:
            index = self._headline_over(-best[1])
            self.decisions[index] = None  # a headline the page printed twice, reopened
            return index
        top = body_start
        for index in window:
            if not (self._byline_rule(self.text(index)) or self._is_standfirst(index)):
                break
            top = index
        return top

    def _headline_over(self, index: int) -> int:
        """The headline when line `index` is its standfirst: a headline stands first,
        and a page prints the standfirst straight under it (both can be headline-shaped,
        in languages that write headlines in sentence case)."""
        above = index - 1
        least = self.rules.param("title", "min_over_standfirst")
        if (
            above < 0
            or not self.open_(above)
            or not self._reads_as_sentence(index)
            or not self._is_title_shaped(self.text(above))
            # a kicker or a series label is shorter than the headline under it
            or self.words(above) < max(self.words(index), least)
        ):
            return index
        # A menu has no function words; a label ending in one ("... is sponsored by") is no headline.
        words = [w.casefold() for w in _WORD.findall(self.text(above))]
        if not any(w in self.stoplist for w in words) or words[-1] in self.stoplist:
            return index
        return above

    def is_title_shaped(self, index: int) -> bool:
        return index < len(self.units) and self._is_title_shaped(self.text(index))

    def _open_above(self, body_start: int, limit: int) -> list[int]:
        """Up to `limit` unclaimed lines above the body, nearest first, and the lines
        claimed only for being repeated on the page: many pages print the headline
        twice (breadcrumb, share text), and it is still the headline."""
        above = [
            index
            for index in range(body_start - 1, -1, -1)
            if self.open_(index) or self._repeated_only(index)
        ]
        return above[:limit]

    def _repeated_only(self, index: int) -> bool:
        decision = self.decisions[index]
        return decision is not None and decision.rule == "repeated-on-page"

    def _title_score(self, index: int, body_start: int) -> float:
        """How much line `index` looks like this article's headline (weights: `title`)."""
        weights = self.rules.structure["title"]["weights"]
        score = min(self.words(index), weights["words_cap"]) * weights["per_word"]
        score += weights["topical"] * self._topicality(index, weights["topical_words"])
        if len(_SEPARATOR.findall(self.text(index))) >= 2:
            score -= weights["breadcrumb"]
        kinds = self._head_kinds_below(index, weights["anchor_lines"])
        if kinds:
            score += weights["anchor"] + weights["anchor_each"] * (len(kinds) - 1)
        if self._reads_as_sentence(index):
            score -= weights["sentence"]
        if self._starts_with_button_word(index):
            score -= weights["button_word_first"]
        if self._byline_rule(self.text(index), head=True):
            score -= weights["bare_name"]
        furniture = sum(
            1
            for between in range(index + 1, self._head_end(index, body_start))
            if self.open_(between) and not self._is_head_matter(between)
        )
        if furniture == 0:
            score += weights["adjacent"]
        return score - furniture * weights["per_furniture_line"]

    def _topicality(self, index: int, at_least: int) -> float:
        """How many of the line's content words the body uses, as a share of at least
        `at_least` words: a headline is about the article, and a site name of two
        words that the body happens to use is not."""
        words = {w for w in prose_tokens(self.text(index)) if w not in self.stoplist and len(w) > 2}
        # A line of the region is not about the body for using its own words.
        start, end = self.region or (0, -1)
        own = start <= index <= end and self.prose[index]
        used = sum(self.body_words[w] > (own and w in self.line_tokens[index]) for w in words)
        return used / max(len(words), at_least)

    def _head_end(self, index: int, body_start: int) -> int:
        """Where the head under line `index` ends: at the first "By" line or name with
        its date, else at the body. Between a byline and the body, pages put galleries
        and tools, which say nothing about the line above the byline."""
        for after in range(index + 1, body_start):
            if self.open_(after) and self._is_strong_byline(after):
                return after
        return body_start

    def _is_strong_byline(self, index: int) -> bool:
        if index not in self.strong_bylines:
            text = self.text(index)
            self.strong_bylines[index] = bool(self._byline_rule(text)) or self._is_dated_name(text)
        return self.strong_bylines[index]

    def _starts_with_button_word(self, index: int) -> bool:
        first = _WORD.search(self.text(index))
        return first is not None and first.group().casefold() in self.rules.ui_words

    def _head_kinds_below(self, index: int, span: int) -> set[str]:
        """Which of byline, date and standfirst follow the line within `span` lines,
        not counting lines a rule claimed as furniture (a share row between a
        headline and its byline): the more of them, the surer the headline."""
        kinds: set[str] = set()
        after, seen = index + 1, 0
        while after < len(self.units) and seen < span:
            decision = self.decisions[after]
            if decision is not None and decision.role == "date":
                kinds.add("date")
            elif decision is None and self._byline_rule(self.text(after), head=True):
                kinds.add("byline")
            elif decision is None and self._is_standfirst(after):
                kinds.add("standfirst")
            after += 1
            seen += decision is None or decision.role != "boilerplate"
        return kinds

    def _is_head_matter(self, index: int) -> bool:
        if index not in self.head_matter:
            text = self.text(index)
            self.head_matter[index] = (
                bool(self._byline_rule(text))
                or self._is_standfirst(index)
                or (self._is_title_shaped(text) and self.words(index) >= 3)
            )
        return self.head_matter[index]

    def _is_standfirst(self, index: int) -> bool:
        text = self.text(index)
        return self._is_dek_shaped(text) and (
            bool(_QUOTED.match(text)) or self._reads_as_sentence(index)
        )

    def _reads_as_sentence(self, index: int) -> bool:
        """A standfirst reads as a sentence; a headline need not."""
        return self.prose[index] or (
            self.words(index) >= self.rules.param("dek", "sentence_min_words")
            and sum(w[:1].islower() for w in _WORD.findall(self.text(index)))
            > self.words(index) // 2
        )

    def tag_head(self, start: int = 0, titled: bool = True, body_start: int = 0) -> int:
        """Walk down from the headline until the first body paragraph; return its index.

        `titled`: False when the lines from `start` on are known to have no headline.
        Above `body_start` (the body region's first line) the walk does not stop at
        furniture: a byline may come after a date, a share row or a section name.
        """
        title: str | None = None
        found: set[str] = set() if titled else {"title"}
        for index in range(start, len(self.units)):
            if self._repeated_byline(index, found):
                self.decisions[index] = None  # the byline, printed again in a bio or a box
            if not self.open_(index):
                continue
            text = self.text(index)
            if title is None and "title" not in found:
                if not self._is_title_shaped(text):
                    return index
                self.decide_structural(index, "title", "title")
                title, found = text, found | {"title"}
            elif not self._tag_head_line(index, title, found) and index >= body_start:
                return index
        return len(self.units)

    def _bare_byline_above(self, index: int) -> int | None:
        """The bare-name byline the head walk took just above line `index`, if any."""
        bare = {b.name for b in self.rules.head_bylines}
        for above in range(index - 1, max(index - 3, -1), -1):
            decision = self.decisions[above]
            if decision is not None and decision.role == "byline":
                return above if decision.rule in bare else None
        return None

    def _repeated_byline(self, index: int, found: set[str]) -> bool:
        """A name claimed only for being repeated on the page, straight under the headline
        before any byline: pages print the author again in a bio or a "More from" box."""
        return (
            "title" in found
            and "byline" not in found
            and self._repeated_only(index)
            and index > 0
            and self.decisions[index - 1] is not None
            and self.decisions[index - 1].role in {"title", "dek"}
            and self._byline_rule(self.text(index), head=True) is not None
            and self._is_person_like(self.text(index))
        )

    def _tag_head_line(self, index: int, title: str | None, found: set[str]) -> bool:
        """Tag one line under the headline if it is head matter; False when it is not."""
        text = self.text(index)
        minimum = self.rules.param("duplicate-title", "min_similarity")
        if similarity(text, title or "", minimum) >= minimum:
            self.decide_structural(index, "boilerplate", "duplicate-title")
        elif "byline" not in found and (rule := self._head_byline(index)):
            self.decide(index, "byline", rule, self.rules.reason("byline"))
            found.add("byline")
        elif self._byline_rule(text) == "byline-by" and (bare := self._bare_byline_above(index)):
            # "Deal Professor" over "By Steven Davidoff Solomon": a column's name, not its author
            self.decide_structural(bare, "boilerplate", "column-name")
            self.decide(index, "byline", "byline-by", self.rules.reason("byline"))
        elif "dek" not in found and self._is_dek_shaped(text):
            self.decide_structural(index, "dek", "dek")
            found.add("dek")
        elif self._is_caption(index):
            self.decide_structural(index, "caption", "caption")
        else:
            return False
        return True

    def _is_title_shaped(self, text: str) -> bool:
        if is_unspaced(text):
            return self._is_unspaced_title_shaped(text)
        words = word_count(text)
        if not 2 <= words <= self.rules.param("title", "max_words"):
            return False
        if _QUOTED.match(text) or text.endswith((",", ";", ":")) or text.islower():
            return False
        if text.endswith(".") and not _ABBREVIATION_END.search(text):
            return False
        if self.rules.code_line.search(text):
            return False
        return self._byline_rule(text) is None and not self._is_dated_name(text)

    def _head_byline(self, index: int) -> str | None:
        """A byline under the headline; a bare name only next to the headline, standfirst or date.

        A name alone elsewhere in the head is too often a caption's subject or a menu
        item ("View Photos"), and an invented author is worse than none.
        """
        text = self.text(index)
        rule = self._byline_rule(text)
        if rule or not (rule := self._byline_rule(text, head=True)):
            return rule
        if self._is_dated_name(text):
            # Stoplists hold given names (jusText's English one: james, john, david...),
            # so a name with its date is taken without them.
            return rule
        if not self._is_person_like(text) or any(
            w in self.name_stoplist or w in self.rules.ui_words for w in prose_tokens(text)
        ):
            return None
        neighbours = [self.decisions[i] for i in (index - 1, index + 1) if 0 <= i < len(self.units)]
        anchored = any(d is not None and d.role in {"title", "dek", "date"} for d in neighbours)
        return rule if anchored else None

    def tag_byline_above(self, title: int) -> None:
        """A byline printed above the headline, when none is under it: a "By" line, a
        name with its date, or a name with a date line next below, among the few
        lines over the headline that no rule claimed as furniture."""
        if any(d is not None and d.role == "byline" for d in self.decisions):
            return
        lines = [i for i in range(title - 1, -1, -1) if self.open_(i) or self._repeated_only(i)]
        for index in lines[: self.rules.param("byline", "above_title_lines")]:
            text = self.text(index)
            rule = self._byline_rule(text) or self._byline_rule(text, head=True)
            if rule and (
                rule in {b.name for b in self.rules.bylines}
                or (
                    self._is_person_like(text)
                    and (self._is_dated_name(text) or self._date_next(index))
                )
            ):
                self.decide(index, "byline", rule, self.rules.reason("byline"))
                return

    def _is_person_like(self, text: str) -> bool:
        """No word of an organisation's name ("Mozilla Corporation" is none)."""
        return not any(w in self.rules.organisation_words for w in prose_tokens(text))

    def _date_next(self, index: int) -> bool:
        """The next line that is not claimed furniture is a date."""
        for after in range(index + 1, len(self.units)):
            decision = self.decisions[after]
            if decision is None or decision.role != "boilerplate":
                return decision is not None and decision.role == "date"
        return False

    def _is_dated_name(self, text: str) -> bool:
        """A bare name with a date or time after it ("Dan Goodin - Apr 16, 2015",
        "James Akinaka • 8h"): how a byline looks, wherever it stands in the head."""
        for byline in self.rules.head_bylines:
            match = byline.pattern.fullmatch(text)
            if match and any(c.isdigit() for c in text[match.end("author") :]):
                return True
        return False

    def _is_unspaced_title_shaped(self, text: str) -> bool:
        """Chinese, Japanese or Korean: a headline is short and holds no full sentence."""
        max_chars = self.rules.param("title", "unspaced_max_chars")
        return 4 <= len(text) <= max_chars and not ends_unspaced_sentence(text[:-1])

    def _byline_rule(self, text: str, head: bool = False) -> str | None:
        """The byline rule the line matches; `head`: also a bare name, under a headline."""
        if word_count(text) > self.rules.param("byline", "max_words"):
            return None
        patterns = [*self.rules.bylines, *self.rules.head_bylines] if head else self.rules.bylines
        return next((b.name for b in patterns if b.pattern.fullmatch(text)), None)

    def _is_dek_shaped(self, text: str) -> bool:
        if word_count(text) > self.rules.param("dek", "max_words"):
            return False
        return bool(_QUOTED.match(text)) or not SENTENCE_END.search(text)

    def _is_caption(self, index: int) -> bool:
        # The word count is known: most lines are paragraphs, too long to be captions.
        if not 2 <= self.words(index) <= self.rules.param("caption", "max_words"):
            return False
        text = self.text(index)
        if _QUOTED.match(text) or text.endswith(("?", "!", ":")):
            return False
        if not self.rules.caption_cues.search(text):
            return False
        words = [w.casefold() for w in _WORD.findall(text)]
        return not any(w in self.rules.verb_markers or _is_past_form(w) for w in words)

    # Pass 3 ---------------------------------------------------------------
    def tag_tail(self, body_start: int) -> None:
        """Walk up from the bottom over end matter until the last body paragraph."""
        index = len(self.units) - 1
        while index >= body_start:
            if not self.open_(index) and not self._bio_can_override(index):
                index -= 1
                continue
            step = self._tail_pair(index, body_start) or self._tail_single(index, body_start)
            if step == 0:
                return
            index -= step

    def _bio_can_override(self, index: int) -> bool:
        # A bio line often ends with the outlet's disclaimer sentence.
        decision = self.decisions[index]
        return decision is not None and decision.rule == "disclaimer" and self._bio_rule(index)

    def _tail_pair(self, index: int, body_start: int) -> int:
        if index - 1 < body_start or not self.open_(index - 1):
            return 0
        first, second = self.text(index - 1), self.text(index)
        if self._is_teaser(first, second):
            self.decide_structural(index - 1, "boilerplate", "teaser")
            self.decide_structural(index, "boilerplate", "teaser")
            return 2
        if self._is_profile_box(first, second):
            self.decide_structural(index - 1, "boilerplate", "profile-box")
            if self._bio_rule(index):
                self.decide(
                    index, "author_bio", self._bio_rule(index), self.rules.reason("author-bio")
                )
            else:
                self.decide_structural(index, "boilerplate", "profile-box")
            return 2
        return 0

    def _tail_single(self, index: int, body_start: int) -> int:
        rule = self._bio_rule(index)
        if rule and not self._name_in_body(index, body_start):
            self.decide(index, "author_bio", rule, self.rules.reason("author-bio"))
            return 1
        if _TRUNCATED.search(self.text(index)) and self.words(index) <= self.rules.param(
            "teaser", "lead_max_words"
        ):
            self.decide_structural(index, "boilerplate", "teaser")
            return 1
        return 0

    def _is_teaser(self, headline: str, lead: str) -> bool:
        max_words = self.rules.param("teaser", "headline_max_words")
        return (
            bool(_TRUNCATED.search(lead))
            and word_count(headline) <= max_words
            and not _STATEMENT_END.search(headline)
        )

    def _is_profile_box(self, heading: str, description: str) -> bool:
        params = self.rules.structure["profile-box"]
        return (
            word_count(heading) <= params["heading_max_words"]
            and word_count(description) <= params["body_max_words"]
            and not SENTENCE_END.search(heading)
            and line_key(heading) in line_key(description)
        )

    def _bio_rule(self, index: int) -> str | None:
        text = self.text(index)
        if self.words(index) > self.rules.param("author-bio", "max_words"):
            return None
        return next((b.name for b in self.rules.author_bios if b.pattern.fullmatch(text)), None)

    def _name_in_body(self, index: int, body_start: int) -> bool:
        """A person the article is about is not its author: their name is in the body."""
        match = bio_author(self.text(index), self.rules)
        if not match:
            return False
        body = " ".join(self.text(i) for i in range(body_start, index) if self.open_(i))
        return match in body

    # Pass 4 ---------------------------------------------------------------
    def tag_outside(self, head_start: int, body_end: int) -> None:
        """Lines above the headline and below the last paragraph are the page's furniture."""
        for index in range(len(self.units)):
            if not self.open_(index):
                continue
            if index < head_start:
                self.decide_structural(index, "boilerplate", "before-article")
            elif index > body_end:
                self.decide_structural(index, "boilerplate", "after-article")

    def tag_body(self, found_region: bool) -> None:
        """Within the article: prose is body; a short line needs evidence to stay."""
        bylined = any(d is not None and d.role == "byline" for d in self.decisions)
        for index in range(len(self.units)):
            if not self.open_(index):
                continue
            if not bylined and (rule := self._body_byline(index)):
                self.decide(index, "byline", rule, self.rules.reason("byline"))
                bylined = True
            elif self._is_caption(index):
                self.decide_structural(index, "caption", "caption")
            elif index in self.table_rows:
                self.decide_structural(index, BODY, "table-row")
            elif self._is_heading(index):
                self.decide_structural(index, HEADING, "heading")
            elif index in self.listed:
                self.decide_structural(index, BODY, self._listed_rule(index))
            elif found_region and not self.prose[index] and not self._among_prose(index):
                self.decide_structural(index, "boilerplate", "not-prose")
            else:
                self.decide(index, BODY, "body", "the article's own text")

    def _listed_rule(self, index: int) -> str:
        return "code" if index in self.code else "list-item"

    def _body_byline(self, index: int) -> str | None:
        """A "By Name" line below a photo or standfirst, where the head walk stopped
        ("Interactive Editor" fits "Name, role" but is a heading there).

        Never a sentence ("By Monday, officials had agreed."): a byline does not end
        with a full stop."""
        text = self.text(index)
        if text.endswith((".", "?", "!")):
            return None
        rule = self._byline_rule(text)
        return rule if rule == "byline-by" else None

    def _among_prose(self, index: int) -> bool:
        """A short run of non-prose lines with prose on both sides: a list or quote, kept.

        Furniture inside an article (related links, galleries) comes in longer runs.
        """
        limit = self.rules.param("not-prose", "max_run_between_prose")
        open_lines = self.unclaimed
        position = bisect.bisect_left(open_lines, index)
        before = position
        while before > 0 and not self.prose[open_lines[before - 1]]:
            before -= 1
        after = position
        while after + 1 < len(open_lines) and not self.prose[open_lines[after + 1]]:
            after += 1
        flanked = before > 0 and after + 1 < len(open_lines)
        return flanked and after - before + 1 <= limit

    def _is_heading(self, index: int) -> bool:
        text = self.text(index)
        if self.words(index) > self.rules.param("heading", "max_words"):
            return False
        if SENTENCE_END.search(text) or text.endswith((":", ",", ";")) or _QUOTED.match(text):
            return False
        if not text[:1].isupper():
            return False
        previous = self.decisions[index - 1] if index > 0 else None
        after = index + 1 < len(self.units) and self.open_(index + 1)
        return bool(
            previous
            and previous.kept
            and after
            and self.words(index + 1) > self.words(index)
            and (not self.prose or self.prose[index + 1] or index + 1 in self.listed)
        )


def _is_past_form(word: str) -> bool:
    return len(word) >= 5 and word.endswith("ed")


def bio_author(text: str, rules: Rules) -> str | None:
    for bio in rules.author_bios:
        match = bio.pattern.fullmatch(text)
        if match and "author" in match.groupdict() and match.group("author"):
            return match.group("author").strip()
    return None


def classify(text: str, rules: Rules, repeated: Iterable[str] = ()) -> list[Decision]:
    """Every non-blank line of `text` with its role, in source order."""
    tagger = _Tagger(text, rules, frozenset(repeated))
    tagger.drop_embedded_front_matter()
    tagger.apply_line_rules()
    region = tagger.find_body()
    if region is None:
        # No prose anywhere: nothing to measure the page against, so only rules decide.
        tagger.prose = []
        tagger.tag_tail(tagger.tag_head())
        tagger.tag_body(found_region=False)
    else:
        head_start = tagger.title_index(region[0])
        titled = tagger.is_title_shaped(head_start)
        tagger.tag_tail(tagger.tag_head(head_start, titled, region[0]))
        if titled:
            tagger.tag_byline_above(head_start)
        tagger.tag_outside(head_start, region[1])
        tagger.tag_body(found_region=True)
    return [d for d in tagger.decisions if d is not None]
