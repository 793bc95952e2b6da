"""Phase 1 (plan), reading the collection: every source decoded or refused, and the corpus context.

The one place that reads sources/: `convert` (incrementally, trusting the state
for files unchanged since its last run), `explain`, `add` and `check` (in full).
A source is refused with a reason (too big, not text, a broken sidecar, the same
text as another source), never skipped silently. The corpus context is what an
article's cleaning depends on beyond its own text: the rules, the vocabularies
and the short lines repeated across the collection (templates, not writing).
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from clippings.analyse import Context, SourceText, short_line_keys
from clippings.config import ProjectConfig
from clippings.decode import MAX_SOURCE_BYTES, RefusedSource, decode_source
from clippings.parallel import map_in_processes
from clippings.rules import Rules, default_rules
from clippings.sidecar import SidecarError, load_sidecar
from clippings.state import SourceFacts, State, stamp
from clippings.vocab import load_vocabularies


@dataclass(frozen=True)
class Refusal:
    label: str
    reason: str


def source_label(path: Path, root: Path) -> str:
    """The path as editors write it (sources/x.txt); cheap for paths already under the root."""
    text, prefix = str(path), str(root) + os.sep
    if path.is_absolute() and text.startswith(prefix) and ".." not in path.parts:
        return text[len(prefix) :].replace(os.sep, "/")
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def read_source(path: Path, root: Path) -> SourceText | Refusal:
    """One source decoded, with its sidecar; or why it cannot become an article."""
    label = source_label(path, root)
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise RefusedSource(f"file is {size:,} bytes, over the {MAX_SOURCE_BYTES:,}-byte limit")
        raw = path.read_bytes()
        text = decode_source(raw)
        sidecar = load_sidecar(path, Path(label))
    except (RefusedSource, SidecarError) as error:
        return Refusal(label, str(error))
    except OSError as error:
        return Refusal(label, f"cannot read: {error.strerror}")
    digest = hashlib.sha256(raw).hexdigest()
    return SourceText(label, path.stem, digest, text, sidecar)


# The corpus context -----------------------------------------------------------------
def repeated_lines(keys_per_source: Iterable[Iterable[str]], rules: Rules) -> frozenset[str]:
    """Short lines that stand in several articles: templates, not writing."""
    min_articles = rules.param("repeated-line", "min_articles")
    counts: Counter[str] = Counter()
    for keys in keys_per_source:
        counts.update(set(keys))
    return frozenset(key for key, count in counts.items() if count >= min_articles)


def repeated_lines_in_texts(texts: Iterable[str], rules: Rules) -> frozenset[str]:
    return repeated_lines((short_line_keys(text, rules) for text in texts), rules)


def load_context(config: ProjectConfig, texts: Iterable[str]) -> Context:
    rules = default_rules()
    vocab = load_vocabularies(config.vocabularies_dir)
    return Context(rules, vocab, repeated_lines_in_texts(texts, rules))


# The whole collection, read in full (explain, add, check) ----------------------------
@dataclass(frozen=True)
class Collection:
    readable: list[SourceText]
    refused: list[Refusal]
    context: Context

    def source(self, path: Path, root: Path) -> SourceText | Refusal:
        """`path` as read with the collection, or read now when it lies outside sources/."""
        label = source_label(path, root)
        known = next((s for s in (*self.readable, *self.refused) if s.label == label), None)
        return known or read_source(path, root)


def read_collection(config: ProjectConfig) -> Collection:
    corpus = [read_source(path, config.root) for path in config.source_paths()]
    readable = [s for s in corpus if isinstance(s, SourceText)]
    refused = [s for s in corpus if isinstance(s, Refusal)]
    return Collection(readable, refused, load_context(config, (s.text for s in readable)))


# Incremental reading (convert) --------------------------------------------------------
@dataclass
class Candidate:
    """One source in the batch: facts (from the state or a fresh read) and, once read, its text."""

    path: Path
    facts: SourceFacts
    source: SourceText | None = None


def sidecar_stamp(path: Path) -> list[int] | None:
    sidecar = path.with_suffix(".yml")
    try:
        return stamp(sidecar.stat())
    except OSError:
        return None


def _facts_for(source: SourceText, path: Path, rules: Rules) -> SourceFacts:
    return SourceFacts(
        label=source.label,
        stamp=stamp(path.stat()),
        sidecar_stamp=sidecar_stamp(path),
        sha256=source.sha256,
        text_sha256=hashlib.sha256(source.text.encode()).hexdigest(),
        sidecar_text=source.sidecar.text,
        keys=short_line_keys(source.text, rules),
    )


def _read_with_facts(
    path: Path, root: Path, rules: Rules
) -> tuple[Path, SourceText | Refusal, SourceFacts | None]:
    source = read_source(path, root)
    facts = _facts_for(source, path, rules) if isinstance(source, SourceText) else None
    return path, source, facts


def _known_or_to_read(
    paths: Sequence[Path], root: Path, state: State
) -> tuple[dict[Path, SourceFacts], list[Path], list[Refusal]]:
    """Sources the state vouches for (same stamps as when last read), and those to read."""
    known_paths: dict[Path, SourceFacts] = {}
    refusals, to_read = [], []
    for path in paths:
        label = source_label(path, root)
        known = state.sources.get(label)
        try:
            current = stamp(path.stat())
        except OSError as error:
            refusals.append(Refusal(label, f"cannot read: {error.strerror}"))
            continue
        if known and known.stamp == current and known.sidecar_stamp == sidecar_stamp(path):
            known_paths[path] = known
        else:
            to_read.append(path)
    return known_paths, to_read, refusals


# Reading a source is cheap: a pool pays from this many sources per worker.
READ_IN_PROCESSES_FROM = 50


def collect(
    paths: list[Path], root: Path, state: State, rules: Rules, jobs: int = 1
) -> tuple[list[Candidate], list[Refusal]]:
    """Every source's facts, read from disk only when it changed since the last run."""
    known_paths, to_read, refusals = _known_or_to_read(paths, root, state)
    results = map_in_processes(
        _read_with_facts, to_read, jobs, (root, rules), READ_IN_PROCESSES_FROM
    )
    fresh = {path: (source, facts) for path, source, facts in results}
    candidates = []
    for path in paths:
        if path in known_paths:
            candidates.append(Candidate(path, known_paths[path]))
        elif path in fresh:
            source, facts = fresh[path]
            if facts is None:
                refusals.append(source)
            else:
                candidates.append(Candidate(path, facts, source))
    return candidates, refusals


def split_twins(candidates: list[Candidate]) -> tuple[list[Candidate], list[Refusal]]:
    """The same text under a second name is refused, never converted twice."""
    first_by_text: dict[str, str] = {}
    unique, twins = [], []
    for candidate in candidates:
        key, label = candidate.facts.text_sha256, candidate.facts.label
        if key in first_by_text:
            twins.append(Refusal(label, f"same text as {first_by_text[key]}: remove one of them"))
        else:
            first_by_text[key] = label
            unique.append(candidate)
    return unique, twins
