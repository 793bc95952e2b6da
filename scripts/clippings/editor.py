"""`clippings add`: convert one new article and tell its editor what to look at."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from clippings import contract
from clippings.analyse import Article, SourceText, analyse
from clippings.articlefile import FrontMatterError, front_matter
from clippings.clean import Decision, word_count
from clippings.config import ProjectConfig
from clippings.convert import convert
from clippings.duplicates import near_duplicates
from clippings.overrides import EDITOR, normalised
from clippings.prose import SENTENCE_END
from clippings.rules import Rules
from clippings.sidecar import sidecar_path
from clippings.sources import read_collection

# A line with fewer words, or one that does not end a sentence, is not prose.
PROSE_MIN_WORDS = 8


@dataclass(frozen=True)
class EditorWarning:
    message: str
    fix: str


def add_sources(config: ProjectConfig, paths: list[Path], console: Console) -> bool:
    report = convert(config, paths)
    for refusal in report.refused:
        console.print(f"[red]refused[/] {refusal.label}: {refusal.reason}")
    collection = read_collection(config)
    for path in paths:
        source = collection.source(path, config.root)
        if not isinstance(source, SourceText):
            continue
        article = analyse(source, collection.context)
        _show(console, article)
        rules = collection.context.rules
        for warning in editor_warnings(article, collection.readable, rules, config):
            # Messages quote the raw text: escaped, so "[red]" or ":copyright:" stay as written.
            console.print(
                f"[yellow]warning[/] {escape(warning.message)}\n        [dim]fix:[/] {escape(warning.fix)}",
                emoji=False,
            )
    return report.ok


def _show(console: Console, article: Article) -> None:
    meta = article.metadata
    console.print(f"\n[bold]{article.source.label}[/]")
    for key in contract.article_contract().summary_fields:
        console.print(f"  {key}: ", end="")
        console.print(str(meta.get(key)), markup=False)
    for match in article.themes:
        evidence = ", ".join(f"{term}×{count}" for term, count in match.evidence)
        console.print(f"  theme {match.slug} (score {match.score:g}: {evidence})", markup=False)
    for decision in article.decisions:
        if not decision.kept:
            console.print(
                f"  [dim]dropped line {decision.number} as {decision.label}:[/] ",
                end="",
                emoji=False,
            )
            console.print(decision.text[:100], markup=False)


def editor_warnings(
    article: Article, corpus: list[SourceText], rules: Rules, config: ProjectConfig
) -> list[EditorWarning]:
    meta, sidecar = article.metadata, sidecar_path(Path(article.source.label))
    warnings = []
    if meta.get("author") is None:
        warnings.append(
            EditorWarning(
                "no author found",
                f"add `author: Name` to {sidecar} (or `author: null` to confirm there is none)",
            )
        )
    if meta.get("outlet") is None:
        warnings.append(
            EditorWarning(
                "outlet unknown", f"add `outlet: Name` or `url: https://...` to {sidecar}"
            )
        )
    elif not _known_outlet(meta["outlet"], config):
        warnings.append(
            EditorWarning(
                f"outlet '{meta['outlet']}' is not in vocabularies/outlets.yml",
                "add it there with its domains",
            )
        )
    if not meta.get("themes"):
        warnings.append(
            EditorWarning(
                "no theme matched",
                f"add `add_themes: [slug]` to {sidecar}, or terms to vocabularies/themes.yml",
            )
        )
    if not meta.get("url"):
        warnings.append(EditorWarning("URL missing", f"add `url: https://...` to {sidecar}"))
    warnings += _duplicate_warnings(article, corpus, config)
    doubtful = least_like_prose(article.decisions)
    warnings += [
        EditorWarning(
            f"line {d.number} was kept but does not read like prose: {d.text[:80]}",
            f"if it is not the article's text, add `drop: [{drop_selector(d, article.decisions)}]` to {sidecar}",
        )
        for d in doubtful
    ]
    if len(doubtful) > 1:
        every = ", ".join(drop_selector(d, article.decisions) for d in doubtful)
        warnings.append(
            EditorWarning(
                f"{len(doubtful)} kept lines do not read like prose",
                f"to drop them all, add `drop: [{every}]` to {sidecar}",
            )
        )
    warnings += [
        EditorWarning(
            f"line {d.number} looks like boilerplate but was kept: {d.text[:80]}",
            f"if it is not the article's text, add `drop: [{drop_selector(d, article.decisions)}]` "
            f"to {sidecar}, or a rule to {rules_path()}",
        )
        for d in article.decisions
        if d.kept and d not in doubtful and _looks_like_boilerplate(d.text, rules)
    ]
    return warnings


def least_like_prose(decisions: Sequence[Decision]) -> list[Decision]:
    """Kept lines outside the densest run of prose that are short or no sentence.

    The run is the stretch of kept lines with the most prose words that no two
    non-prose lines in a row interrupt (one alone is a subheading): navigation
    lists, bylines and section names around the article fall outside it.
    """
    kept = [d for d in decisions if d.kept and d.rule != EDITOR]
    prose = [_reads_like_prose(d) for d in kept]
    start, end = _densest_run(kept, prose)
    return [d for i, d in enumerate(kept) if not prose[i] and not start <= i <= end]


def _reads_like_prose(decision: Decision) -> bool:
    words = decision.words if decision.words is not None else word_count(decision.text)
    return words >= PROSE_MIN_WORDS and bool(SENTENCE_END.search(decision.text))


def _densest_run(kept: Sequence[Decision], prose: Sequence[bool]) -> tuple[int, int]:
    """Indices of the first and last prose line of the run with the most prose words."""
    best, best_words = (0, -1), 0
    start, words, gap = None, 0, 0
    for index, is_prose in enumerate(prose):
        gap = 0 if is_prose else gap + 1
        if gap >= 2:
            start, words = None, 0
        if not is_prose:
            continue
        start = index if start is None else start
        words += word_count(kept[index].text)
        if words > best_words:
            best, best_words = (start, index), words
    return best


def drop_selector(decision: Decision, decisions: Sequence[Decision]) -> str:
    """The line's text when it is unique and reads as no number (it survives re-extraction)."""
    same = [d for d in decisions if normalised(d.text) == normalised(decision.text)]
    text = normalised(decision.text)
    if len(same) == 1 and not re.fullmatch(r"[\d\s-]+", text):
        return json.dumps(text, ensure_ascii=False)
    return str(decision.number)


def rules_path() -> str:
    return "scripts/clippings/rules/cleaning.yml"


def _known_outlet(name: str, config: ProjectConfig) -> bool:
    from clippings.vocab import load_vocabularies

    return load_vocabularies(config.vocabularies_dir).outlet_by_name(name) is not None


def _looks_like_boilerplate(text: str, rules: Rules) -> bool:
    """A line rule's words are present, but the line is too long for the rule to fire."""
    return any(
        rule.pattern.search(text)
        for rule in rules.line_rules
        if rule.role == "boilerplate" and not rule.whole_line
    )


def _duplicate_warnings(
    article: Article, corpus: list[SourceText], config: ProjectConfig
) -> list[EditorWarning]:
    label = article.source.label
    texts = {s.label: s.text for s in corpus}
    texts[label] = article.source.text
    warnings = [
        EditorWarning(
            f"near-duplicate of {a if b == label else b} ({score:.0%} shared)",
            "remove one of the two sources, or keep both on purpose and say so in the PR",
        )
        for a, b, score in near_duplicates(texts)
        if label in (a, b)
    ]
    for path in sorted(config.articles_dir.glob("*.md")):
        try:
            meta = front_matter(path.read_text(encoding="utf-8", errors="replace"))
        except FrontMatterError:
            continue  # `clippings check` reports it
        same_title = str(meta.get("title", "")).casefold() == article.title.casefold()
        if same_title and meta.get("source") != label:
            warnings.append(
                EditorWarning(
                    f"title collision with {path.name}",
                    "set a distinct `title:` in the sidecar if they are different articles",
                )
            )
    return warnings
