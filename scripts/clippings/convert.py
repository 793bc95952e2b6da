"""The two-phase batch: read and decode every source, compute corpus signals, then write.

Like Pelican: nothing is written until everything is read, because one article's
cleaning depends on the others (lines repeated across the collection).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path

from clippings import __version__, clock
from clippings.analyse import (
    Context,
    SourceText,
    analyse,
    fingerprint,
    short_line_keys,
)
from clippings.articlefile import (
    editor_lines_of,
    is_generated,
    is_hand_edited,
    recorded_field,
    render_document,
)
from clippings.config import ProjectConfig
from clippings.decode import MAX_SOURCE_BYTES, RefusedSource, decode_source
from clippings.overrides import stale_between
from clippings.rules import Rules, default_rules
from clippings.sidecar import SidecarError, load_sidecar
from clippings.slug import disambiguate, make_slug
from clippings.state import (
    OutputFacts,
    SourceFacts,
    State,
    load_state,
    save_state,
    stamp,
    state_path,
)
from clippings.vocab import load_vocabularies


@dataclass(frozen=True)
class Refusal:
    label: str
    reason: str


@dataclass
class Report:
    converted: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.refused


class OutputFile:
    """An article in the output folder; read only when the state cannot vouch for it."""

    def __init__(self, path: Path, facts: OutputFacts | None = None) -> None:
        self.path = path
        self.facts = facts

    @cached_property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8", errors="replace")

    @property
    def generated(self) -> bool:
        return self.facts is not None or is_generated(self.text)

    @property
    def source(self) -> str | None:
        return self.facts.source if self.facts else recorded_field(self.text, "source")

    @property
    def fingerprint(self) -> str | None:
        return self.facts.fingerprint if self.facts else recorded_field(self.text, "fingerprint")

    @property
    def hand_edited(self) -> bool:
        return self.facts is None and is_hand_edited(self.text)


class ConvertLockedError(RuntimeError):
    pass


# Phase 1: read ---------------------------------------------------------------
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


def repeated_lines(keys_per_source: Iterable[Iterable[str]], rules: Rules) -> frozenset[str]:
    """Short lines that stand in several articles: templates, not writing."""
    min_articles = rules.param("repeated-line", "min_articles")
    counts: Counter[str] = Counter()
    for keys in keys_per_source:
        counts.update(set(keys))
    return frozenset(key for key, count in counts.items() if count >= min_articles)


def repeated_lines_in_texts(texts: Iterable[str], rules: Rules) -> frozenset[str]:
    return repeated_lines((short_line_keys(text, rules) for text in texts), rules)


# Phase 2: analyse --------------------------------------------------------------
_WORKER_CONTEXT: Context | None = None


def _init_worker(context: Context) -> None:
    global _WORKER_CONTEXT
    _WORKER_CONTEXT = context


@dataclass(frozen=True)
class Rendered:
    """What the writer needs of an analysed article: small, so workers return it cheaply."""

    label: str
    stem: str
    sha256: str
    wanted_slug: str | None
    title: str
    words: int
    fingerprint: str
    text: str


def render_article(
    source: SourceText, context: Context, keys: Sequence[str] | None = None, added: str = ""
) -> Rendered:
    """`keys`: the source's short-line keys from phase 1, so they are not computed again;
    `added`: when the article entered the collection (YYYY-MM-DD), recorded as it is."""
    article = analyse(source, context, keys)
    metadata = {**article.metadata, "added": added} if added else article.metadata
    return Rendered(
        label=source.label,
        stem=source.stem,
        sha256=source.sha256,
        wanted_slug=source.sidecar.get("slug"),
        title=article.title,
        words=article.metadata["words"],
        fingerprint=article.metadata["fingerprint"],
        text=render_document(metadata, article.body),
    )


# A source, its short-line keys when phase 1 computed them, and its `added` date.
Work = tuple[SourceText, Sequence[str] | None, str]


def _render_in_worker(work: Work) -> Rendered:
    assert _WORKER_CONTEXT is not None
    return render_article(work[0], _WORKER_CONTEXT, work[1], work[2])


def analyse_all(works: list[Work], context: Context, jobs: int) -> Iterator[Rendered]:
    """Phase 2 for every source, in worker processes when there is enough work to share."""
    if jobs <= 1 or len(works) < 2 * jobs:
        yield from (render_article(source, context, keys, added) for source, keys, added in works)
        return
    with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(context,)) as pool:
        yield from pool.map(_render_in_worker, works, chunksize=max(1, len(works) // (jobs * 8)))


# Phase 3: write ----------------------------------------------------------------
def scan_outputs(
    out_dir: Path, known: dict[str, OutputFacts] | None = None
) -> dict[str, OutputFile]:
    """Existing articles by slug; the state vouches for files it wrote and nobody touched since."""
    if not out_dir.is_dir():
        return {}
    known = known or {}
    outputs = {}
    for entry in sorted(os.scandir(out_dir), key=lambda e: e.name):
        if not entry.name.endswith(".md") or entry.name.startswith(".") or not entry.is_file():
            continue
        slug = entry.name[:-3]
        facts = known.get(slug)
        trusted = facts if facts and facts.stamp == stamp(entry.stat()) else None
        outputs[slug] = OutputFile(Path(entry.path), trusted)
    return outputs


def write_atomically(path: Path, text: str) -> None:
    """Readers see the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def remove_stale_temporaries(out_dir: Path) -> None:
    """Half-written files left by a run that was killed; only ever ours (`.<name>.tmp`)."""
    for temporary in out_dir.glob(".*.md.*.tmp"):
        temporary.unlink(missing_ok=True)


@contextlib.contextmanager
def exclusive_lock(out_dir: Path) -> Iterator[None]:
    out_dir.mkdir(parents=True, exist_ok=True)
    lock_path = out_dir / ".clippings.lock"
    with open(lock_path, "a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ConvertLockedError(
                f"{out_dir}: another `clippings convert` is writing here; try again when it ends"
            ) from None
        yield


class _Writer:
    """Places each article under a slug no other article or hand-written page holds."""

    def __init__(
        self, out_dir: Path, existing: dict[str, OutputFile], force: bool, report: Report
    ) -> None:
        self.out_dir = out_dir
        self.existing = existing
        self.force = force
        self.report = report
        self.by_source = {
            f.source: slug for slug, f in existing.items() if f.generated and f.source
        }
        self.taken: dict[str, str] = {slug: f.source or "" for slug, f in existing.items()}
        self.written: dict[str, OutputFacts] = {}

    def added(self, label: str) -> str | None:
        """When the article from `label` entered the collection, as its current file records:
        kept through every reconversion, renamed slug or edited sidecar."""
        slug = self.by_source.get(label)
        return clock.recorded_added(self.existing[slug].text) if slug else None

    def slug_for(self, article: Rendered) -> str:
        wanted = article.wanted_slug or make_slug(article.title, article.stem)
        holder = self.taken.get(wanted)
        if holder in (None, article.label):
            return wanted
        return disambiguate(wanted, article.sha256)

    def write(self, article: Rendered) -> None:
        label = article.label
        if article.words == 0:
            self.report.refused.append(
                Refusal(label, "no article text: every line is boilerplate, a title or a credit")
            )
            return
        previous_slug = self.by_source.get(label)
        if previous_slug and self._refuses_to_touch(previous_slug, label):
            return
        if previous_slug and not self.force and self._stale_numbers(previous_slug, article):
            return
        slug = self.slug_for(article)
        if slug in self.taken and self.taken[slug] != label and slug != previous_slug:
            self.report.refused.append(
                Refusal(
                    label, f"slug '{slug}' is held by {self.taken[slug] or 'a hand-written page'}"
                )
            )
            return
        path = self.out_dir / f"{slug}.md"
        text = article.text
        if slug == previous_slug and self.existing[slug].text == text:
            self.report.unchanged.append(label)
        else:
            try:
                write_atomically(path, text)
            except OSError as error:
                self.report.refused.append(Refusal(label, f"cannot write {path}: {error.strerror}"))
                return
            self.report.converted.append(label)
        self.written[slug] = OutputFacts(slug, stamp(path.stat()), label, article.fingerprint)
        self.taken[slug] = label
        if previous_slug and previous_slug != slug:
            (self.out_dir / f"{previous_slug}.md").unlink(missing_ok=True)
            self.taken.pop(previous_slug, None)

    def _refuses_to_touch(self, slug: str, label: str) -> bool:
        current = self.existing[slug]
        if not current.hand_edited:
            return False
        if not self.force:
            sidecar = Path(label).with_suffix(".yml")
            self.report.refused.append(
                Refusal(
                    label,
                    f"{current.path} was edited by hand; move the change into the sidecar {sidecar} (or rerun with --force, which keeps a backup)",
                )
            )
            return True
        backup = current.path.with_name(current.path.name + ".bak")
        backup.write_text(current.text, encoding="utf-8")
        return False

    def _stale_numbers(self, slug: str, article: Rendered) -> bool:
        """Refuse to replace the only record of what the sidecar's line numbers pointed at."""
        committed = self.existing[slug].text
        if "\neditor_lines:\n" not in committed or "\neditor_lines:\n" not in article.text:
            return False
        stale = stale_between(editor_lines_of(committed), editor_lines_of(article.text))
        if not stale:
            return False
        first = stale[0]
        sidecar = Path(article.label).with_suffix(".yml")
        self.report.refused.append(
            Refusal(
                article.label,
                f"{sidecar}: `{first.by}` no longer points at the same line: line {first.line} "
                f"was {json.dumps(first.was, ensure_ascii=False)}, it is now "
                f"{json.dumps(first.now, ensure_ascii=False)}; fix the sidecar "
                "(`clippings check` lists every stale number) or rerun with --force",
            )
        )
        return True

    def remove_orphans(self, live_sources: set[str]) -> None:
        for label, slug in sorted(self.by_source.items()):
            current = self.existing[slug]
            if label not in live_sources and not current.hand_edited:
                current.path.unlink(missing_ok=True)
                self.report.removed.append(label)


# The batch ---------------------------------------------------------------------
@dataclass
class _Candidate:
    """One source in the batch: facts (from the state or a fresh read) and, once read, its text."""

    path: Path
    facts: SourceFacts
    source: SourceText | None = None


def load_context(config: ProjectConfig, texts: Iterable[str]) -> Context:
    rules = default_rules()
    vocab = load_vocabularies(config.vocabularies_dir)
    return Context(rules, vocab, repeated_lines_in_texts(texts, rules))


def _inputs_fingerprint(context: Context) -> str:
    return hashlib.sha256(
        f"{__version__}|{context.rules.fingerprint}|{context.vocab.fingerprint}".encode()
    ).hexdigest()


def _sidecar_stamp(path: Path) -> list[int] | None:
    sidecar = path.with_suffix(".yml")
    try:
        return stamp(sidecar.stat())
    except OSError:
        return None


def _facts_for(source: SourceText, path: Path, rules: Rules) -> SourceFacts:
    return SourceFacts(
        label=source.label,
        stamp=stamp(path.stat()),
        sidecar_stamp=_sidecar_stamp(path),
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


def collect(
    paths: list[Path], root: Path, state: State, rules: Rules, jobs: int = 1
) -> tuple[list[_Candidate], list[Refusal]]:
    """Phase 1: every source's facts, read from disk only when it changed since the last run."""
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
        if known and known.stamp == current and known.sidecar_stamp == _sidecar_stamp(path):
            known_paths[path] = known
        else:
            to_read.append(path)
    fresh = {
        path: (source, facts)
        for path, source, facts in _map(_read_with_facts, to_read, jobs, root, rules)
    }
    candidates = []
    for path in paths:
        if path in known_paths:
            candidates.append(_Candidate(path, known_paths[path]))
        elif path in fresh:
            source, facts = fresh[path]
            if facts is None:
                refusals.append(source)
            else:
                candidates.append(_Candidate(path, facts, source))
    return candidates, refusals


def _map(function, items: list, jobs: int, *arguments):
    """`function(item, *arguments)` for each item, in worker processes when there are many."""
    if jobs <= 1 or len(items) < 50 * jobs:
        return [function(item, *arguments) for item in items]
    with ProcessPoolExecutor(jobs) as pool:
        return list(
            pool.map(
                partial(_call, function, arguments),
                items,
                chunksize=max(1, len(items) // (jobs * 8)),
            )
        )


def _call(function, arguments: tuple, item):
    return function(item, *arguments)


def _split_twins(candidates: list[_Candidate]) -> tuple[list[_Candidate], list[Refusal]]:
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


def convert(
    config: ProjectConfig,
    paths: list[Path] | None = None,
    *,
    out_dir: Path | None = None,
    jobs: int = 1,
    force: bool = False,
    everything: bool = False,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Convert `paths` (default: every source) into `out_dir`; never raises for one bad file."""
    out_dir = out_dir or config.articles_dir
    # The `added` date of articles new to the collection; one day for the whole run.
    first_seen = clock.today().isoformat()
    selected = paths if paths is not None else config.source_paths()
    wanted = {source_label(p, config.root) for p in selected}
    rules, vocab = default_rules(), load_vocabularies(config.vocabularies_dir)
    state_file = state_path(config.root, out_dir)
    state = load_state(state_file)
    everyone = config.source_paths()
    extra = set(selected) - set(everyone) if paths is not None else set()
    candidates, refusals = collect(
        sorted([*everyone, *extra], key=str), config.root, state, rules, jobs
    )
    context = Context(rules, vocab, repeated_lines((c.facts.keys for c in candidates), rules))
    inputs_changed = everything or state.inputs != _inputs_fingerprint(context)
    candidates, twins = _split_twins(candidates)
    report = Report(refused=[r for r in [*refusals, *twins] if r.label in wanted])
    with exclusive_lock(out_dir):
        remove_stale_temporaries(out_dir)
        existing = scan_outputs(out_dir, {} if inputs_changed else state.outputs)
        writer = _Writer(out_dir, existing, force, report)
        todo = []
        for candidate in (c for c in candidates if c.facts.label in wanted):
            if not inputs_changed and _unchanged(candidate.facts, context, writer, existing):
                report.unchanged.append(candidate.facts.label)
                slug = writer.by_source[candidate.facts.label]
                writer.written[slug] = OutputFacts(
                    slug,
                    stamp(existing[slug].path.stat()),
                    candidate.facts.label,
                    existing[slug].fingerprint,
                )
            elif candidate.source is not None:
                todo.append((candidate.source, candidate.facts.keys))
            else:
                todo.append((read_source(candidate.path, config.root), None))
        if progress:
            progress(len(wanted) - len(todo))
        works = [
            (source, keys, writer.added(source.label) or first_seen)
            for source, keys in todo
            if isinstance(source, SourceText)
        ]
        for article in analyse_all(works, context, jobs):
            writer.write(article)
            if progress:
                progress(1)
        if paths is None:
            writer.remove_orphans({c.facts.label for c in candidates} | {r.label for r in refusals})
    live = {c.facts.label: c.facts for c in candidates}
    outputs = (
        {slug: facts for slug, facts in writer.written.items()}
        if paths is None
        else {**state.outputs, **writer.written}
    )
    save_state(state_file, State(_inputs_fingerprint(context), live, outputs))
    return report


def _unchanged(
    facts: SourceFacts, context: Context, writer: _Writer, existing: dict[str, OutputFile]
) -> bool:
    slug = writer.by_source.get(facts.label)
    if slug is None:
        return False
    current = existing[slug]
    expected = fingerprint(facts.sha256, facts.sidecar_text, facts.keys, context)
    return current.fingerprint == expected and not current.hand_edited
