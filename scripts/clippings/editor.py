"""`clippings add`: convert one new article and tell its editor what to look at."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.console import Console

from clippings.analyse import Article, SourceText, analyse
from clippings.config import ProjectConfig
from clippings.convert import convert, load_context, read_source
from clippings.duplicates import near_duplicates
from clippings.rules import Rules
from clippings.sidecar import sidecar_path
from clippings.site.records import split_front_matter


@dataclass(frozen=True)
class EditorWarning:
    message: str
    fix: str


def add_sources(config: ProjectConfig, paths: list[Path], console: Console) -> bool:
    report = convert(config, paths)
    for refusal in report.refused:
        console.print(f"[red]refused[/] {refusal.label}: {refusal.reason}")
    corpus = [read_source(p, config.root) for p in config.source_paths()]
    readable = [s for s in corpus if isinstance(s, SourceText)]
    context = load_context(config, (s.text for s in readable))
    for path in paths:
        source = read_source(path, config.root)
        if not isinstance(source, SourceText):
            continue
        article = analyse(source, context)
        _show(console, article)
        for warning in editor_warnings(article, readable, context.rules, config):
            console.print(
                f"[yellow]warning[/] {warning.message}\n        [dim]fix:[/] {warning.fix}"
            )
    return report.ok


def _show(console: Console, article: Article) -> None:
    meta = article.metadata
    console.print(f"\n[bold]{article.source.label}[/]")
    for key in ("title", "author", "outlet", "genre", "published", "url"):
        console.print(f"  {key}: ", end="")
        console.print(str(meta.get(key)), markup=False)
    for match in article.themes:
        evidence = ", ".join(f"{term}×{count}" for term, count in match.evidence)
        console.print(f"  theme {match.slug} (score {match.score:g}: {evidence})", markup=False)
    for decision in article.decisions:
        if not decision.kept:
            console.print(f"  [dim]dropped line {decision.number} as {decision.label}:[/] ", end="")
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
    warnings += [
        EditorWarning(
            f"line {d.number} looks like boilerplate but was kept: {d.text[:80]}",
            f"if it is not the article's text, add a rule to {rules_path()}",
        )
        for d in article.decisions
        if d.kept and _looks_like_boilerplate(d.text, rules)
    ]
    return warnings


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
        meta, _ = split_front_matter(path.read_text(encoding="utf-8", errors="replace"))
        same_title = str(meta.get("title", "")).casefold() == article.title.casefold()
        if same_title and meta.get("source") != label:
            warnings.append(
                EditorWarning(
                    f"title collision with {path.name}",
                    "set a distinct `title:` in the sidecar if they are different articles",
                )
            )
    return warnings
