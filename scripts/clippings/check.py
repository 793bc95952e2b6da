"""`clippings check`: every problem in the collection, as `file:line: message`.

It reads everything and writes nothing: generated articles are regenerated in
memory and compared with what is committed.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from clippings.analyse import Article, SourceText, analyse
from clippings.articlefile import (
    FrontMatterError,
    editor_lines_of,
    front_matter,
    is_generated,
    is_hand_edited,
    render_document,
)
from clippings.clock import recorded_added
from clippings.config import ProjectConfig
from clippings.convert import scan_outputs
from clippings.duplicates import near_duplicates
from clippings.located import Located
from clippings.overrides import StaleNumber, moved_to, selector_problems, stale_numbers
from clippings.sidecar import SidecarError, did_you_mean, load_sidecar, sidecar_path
from clippings.sources import read_collection, source_label
from clippings.validate import schema_errors
from clippings.vocab import Vocabularies, VocabularyError, load_vocabularies

# A problem is a located error: `path:line: message`.
Problem = Located


def key_line(text: str, key: str) -> int:
    match = re.search(rf"^{re.escape(key)}:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def check_project(config: ProjectConfig) -> list[Problem]:
    try:
        vocab = load_vocabularies(config.vocabularies_dir)
    except VocabularyError as error:
        return [error.located]
    problems = list(_check_sidecars(config, vocab))
    problems += _check_articles(config, vocab)
    problems += _check_sync(config)
    return sorted(set(problems))


def _rel(path: Path, config: ProjectConfig) -> str:
    return source_label(path, config.root)


# Sidecars ----------------------------------------------------------------------
def _check_sidecars(config: ProjectConfig, vocab: Vocabularies) -> Iterator[Problem]:
    for path in sorted(config.sources_dir.glob("*.yml")) if config.sources_dir.is_dir() else []:
        label = _rel(path, config)
        if not path.with_suffix(".txt").is_file():
            yield Problem(
                label, 1, f"sidecar without a raw text: {path.with_suffix('.txt').name} is missing"
            )
        try:
            sidecar = load_sidecar(path.with_suffix(".txt"))
        except SidecarError as error:
            yield Problem(label, error.located.line, error.located.message)
            continue
        yield from _check_references(label, sidecar.text, sidecar.values, vocab)


def _check_references(
    label: str, text: str, values: dict, vocab: Vocabularies
) -> Iterator[Problem]:
    theme_slugs = [t.slug for t in vocab.themes]
    entity_ids = [e.id for e in vocab.entities]
    for key, known, kind in (
        ("themes", theme_slugs, "theme"),
        ("add_themes", theme_slugs, "theme"),
        ("remove_themes", theme_slugs, "theme"),
        ("entities", entity_ids, "entity"),
        ("add_entities", entity_ids, "entity"),
        ("remove_entities", entity_ids, "entity"),
    ):
        for item in values.get(key) or []:
            if isinstance(item, str) and item not in known:
                yield Problem(
                    label,
                    key_line(text, key),
                    f"unknown {kind} '{item}'{did_you_mean(item, known)}",
                )
    outlet = values.get("outlet")
    if isinstance(outlet, str) and vocab.outlet_by_name(outlet) is None:
        names = [o.name for o in vocab.outlets]
        yield Problem(
            label,
            key_line(text, "outlet"),
            f"outlet '{outlet}' is not in vocabularies/outlets.yml{did_you_mean(outlet, names)}",
        )


# Articles ----------------------------------------------------------------------
def _check_articles(config: ProjectConfig, vocab: Vocabularies) -> Iterator[Problem]:
    titles: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for output in scan_outputs(config.articles_dir).values():
        label = _rel(output.path, config)
        metadata = _front_matter(output.text)
        if isinstance(metadata, Problem):
            yield Problem(label, metadata.line, metadata.message)
            continue
        for error in schema_errors(metadata):
            field = error.split(":", 1)[0].split(".")[0]
            yield Problem(label, key_line(output.text, field), error)
        if not is_generated(output.text):
            yield from _check_references(label, output.text, metadata, vocab)
        if isinstance(metadata.get("title"), str):
            titles[metadata["title"].casefold()].append((label, key_line(output.text, "title")))
    for holders in titles.values():
        for label, line in holders[1:]:
            yield Problem(label, line, f"same title as {holders[0][0]}")


def _front_matter(text: str) -> dict | Problem:
    try:
        return front_matter(text)
    except FrontMatterError as error:
        return Problem("", error.line, str(error))


# Sync and duplicates -------------------------------------------------------------
def _check_sync(config: ProjectConfig) -> Iterator[Problem]:
    collection = read_collection(config)
    for refusal in collection.refused:
        yield Problem(refusal.label, 1, refusal.reason)
    existing = scan_outputs(config.articles_dir)
    by_source = {f.source: f for f in existing.values() if f.generated}
    for source in collection.readable:
        article = analyse(source, collection.context)
        output = by_source.get(source.label)
        yield from _check_selectors(source, article, output)
        yield from _compare(source, article, output, config)
    live = {s.label for s in (*collection.readable, *collection.refused)}
    for label, output in sorted(by_source.items()):
        if label not in live:
            yield Problem(
                _rel(output.path, config),
                1,
                f"its source {label} is gone: run `clippings convert` to remove it",
            )
    yield from _duplicates(collection.readable)


def _compare(
    source: SourceText, article: Article, output, config: ProjectConfig
) -> Iterator[Problem]:
    if output is None:
        yield Problem(source.label, 1, "not converted yet: run `clippings convert`")
        return
    label = _rel(output.path, config)
    if is_hand_edited(output.text):
        yield Problem(
            label,
            1,
            f"edited by hand: move the change into {sidecar_path(Path(source.label))} and run `clippings convert --force`",
        )
    elif render_document(_with_added(article.metadata, output.text), article.body) != output.text:
        yield Problem(
            label,
            1,
            f"out of date with {source.label} or the vocabularies: run `clippings convert`",
        )


def _check_selectors(source: SourceText, article: Article, output) -> Iterator[Problem]:
    """Line selectors that point nowhere or against each other, and numbers gone stale."""
    sidecar = source.sidecar
    if not sidecar.selectors:
        return
    for problem in selector_problems(sidecar, article.decisions, source.text, source.label):
        yield Problem(sidecar.label, problem.line, problem.message)
    if output is None:
        return
    lines = {s.written: s.line for s in sidecar.selectors}
    for stale in stale_numbers(editor_lines_of(output.text), article.decisions, sidecar):
        yield Problem(sidecar.label, lines[stale.by], _stale_message(stale, article, output))


def _stale_message(stale: StaleNumber, article: Article, output) -> str:
    now = json.dumps(stale.now, ensure_ascii=False) if stale.now is not None else "blank"
    moved = moved_to(stale.was, article.decisions)
    where = f"; that line is now line {moved}" if moved else "; that line is gone"
    return (
        f"{stale.by}: line {stale.line} no longer reads as when {output.path.name} was converted: "
        f"it was {json.dumps(stale.was, ensure_ascii=False)}, it is now {now}{where}"
    )


def _duplicates(sources: list[SourceText]) -> Iterator[Problem]:
    texts = {s.label: s.text for s in sources}
    for first, second, score in near_duplicates(texts):
        yield Problem(second, 1, f"near-duplicate of {first} ({score:.0%} of the text is shared)")


def _with_added(metadata: dict, recorded: str) -> dict:
    """The metadata with the `added` date the output holds: not a fact of the source."""
    added = recorded_added(recorded)
    return {**metadata, "added": added} if added else metadata
