"""The two-phase batch: read and decode every source, compute corpus signals, then write.

Like Pelican: nothing is written until everything is read, because one article's
cleaning depends on the others (lines repeated across the collection).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from clippings.analyse import Article, Context, SourceText, analyse, fingerprint
from clippings.clean import line_key, word_count
from clippings.config import ProjectConfig
from clippings.decode import MAX_SOURCE_BYTES, RefusedSource, decode_source
from clippings.render import is_generated, is_hand_edited, recorded_field, render_document
from clippings.rules import Rules, default_rules
from clippings.sidecar import SidecarError, load_sidecar
from clippings.slug import disambiguate, make_slug
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


@dataclass(frozen=True)
class OutputFile:
    path: Path
    text: str

    @property
    def generated(self) -> bool:
        return is_generated(self.text)

    @property
    def source(self) -> str | None:
        return recorded_field(self.text, "source")


class ConvertLockedError(RuntimeError):
    pass


# Phase 1: read ---------------------------------------------------------------
def source_label(path: Path, root: Path) -> str:
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


def split_exact_duplicates(sources: list[SourceText]) -> tuple[list[SourceText], list[Refusal]]:
    """The same text under a second name is refused, never converted twice."""
    first_by_text: dict[str, str] = {}
    unique, twins = [], []
    for source in sources:
        key = hashlib.sha256(source.text.encode()).hexdigest()
        if key in first_by_text:
            twins.append(
                Refusal(source.label, f"same text as {first_by_text[key]}: remove one of them")
            )
        else:
            first_by_text[key] = source.label
            unique.append(source)
    return unique, twins


def repeated_lines(texts: Iterable[str], rules: Rules) -> frozenset[str]:
    """Short lines that stand in several articles: templates, not writing."""
    max_words = rules.param("repeated-line", "max_words")
    min_articles = rules.param("repeated-line", "min_articles")
    counts: Counter[str] = Counter()
    for text in texts:
        keys = {
            line_key(line)
            for line in text.split("\n")
            if line.strip() and word_count(line) <= max_words
        }
        counts.update(key for key in keys if key)
    return frozenset(key for key, count in counts.items() if count >= min_articles)


# Phase 2: analyse --------------------------------------------------------------
_WORKER_CONTEXT: Context | None = None


def _init_worker(context: Context) -> None:
    global _WORKER_CONTEXT
    _WORKER_CONTEXT = context


def _analyse_in_worker(source: SourceText) -> Article:
    assert _WORKER_CONTEXT is not None
    return analyse(source, _WORKER_CONTEXT)


def analyse_all(sources: list[SourceText], context: Context, jobs: int) -> Iterator[Article]:
    if jobs <= 1 or len(sources) < 2 * jobs:
        yield from (analyse(source, context) for source in sources)
        return
    with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(context,)) as pool:
        yield from pool.map(
            _analyse_in_worker, sources, chunksize=max(1, len(sources) // (jobs * 8))
        )


# Phase 3: write ----------------------------------------------------------------
def scan_outputs(out_dir: Path) -> dict[str, OutputFile]:
    """Existing articles by slug."""
    if not out_dir.is_dir():
        return {}
    return {
        path.stem: OutputFile(path, path.read_text(encoding="utf-8", errors="replace"))
        for path in sorted(out_dir.glob("*.md"))
    }


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

    def slug_for(self, article: Article) -> str:
        wanted = article.source.sidecar.get("slug") or make_slug(article.title, article.source.stem)
        holder = self.taken.get(wanted)
        if holder in (None, article.source.label):
            return wanted
        return disambiguate(wanted, article.source.sha256)

    def write(self, article: Article) -> None:
        label = article.source.label
        if article.metadata["words"] == 0:
            self.report.refused.append(
                Refusal(label, "no article text: every line is boilerplate, a title or a credit")
            )
            return
        previous_slug = self.by_source.get(label)
        if previous_slug and self._refuses_to_touch(previous_slug, label):
            return
        slug = self.slug_for(article)
        if slug in self.taken and self.taken[slug] != label and slug != previous_slug:
            self.report.refused.append(
                Refusal(
                    label, f"slug '{slug}' is held by {self.taken[slug] or 'a hand-written page'}"
                )
            )
            return
        try:
            write_atomically(
                self.out_dir / f"{slug}.md", render_document(article.metadata, article.body)
            )
        except OSError as error:
            self.report.refused.append(
                Refusal(label, f"cannot write {self.out_dir / slug}.md: {error.strerror}")
            )
            return
        self.taken[slug] = label
        if previous_slug and previous_slug != slug:
            (self.out_dir / f"{previous_slug}.md").unlink(missing_ok=True)
            self.taken.pop(previous_slug, None)
        self.report.converted.append(label)

    def _refuses_to_touch(self, slug: str, label: str) -> bool:
        current = self.existing[slug]
        if not is_hand_edited(current.text):
            return False
        if not self.force:
            self.report.refused.append(
                Refusal(
                    label,
                    f"{current.path} was edited by hand; move the change into the sidecar {Path(label).with_suffix('.yml')} (or rerun with --force, which keeps a backup)",
                )
            )
            return True
        backup = current.path.with_name(current.path.name + ".bak")
        backup.write_text(current.text, encoding="utf-8")
        return False

    def remove_orphans(self, live_sources: set[str]) -> None:
        for label, slug in sorted(self.by_source.items()):
            current = self.existing[slug]
            if label not in live_sources and not is_hand_edited(current.text):
                current.path.unlink(missing_ok=True)
                self.report.removed.append(label)


# The batch ---------------------------------------------------------------------
def load_context(config: ProjectConfig, texts: Iterable[str]) -> Context:
    rules = default_rules()
    vocab = load_vocabularies(config.vocabularies_dir)
    return Context(rules, vocab, repeated_lines(texts, rules))


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
    all_paths = config.source_paths()
    selected = paths if paths is not None else all_paths
    report = Report()
    corpus = [read_source(path, config.root) for path in sorted(set(all_paths) | set(selected))]
    readable = [s for s in corpus if isinstance(s, SourceText)]
    context = load_context(config, (s.text for s in readable))
    wanted = {source_label(p, config.root) for p in selected}
    readable, twins = split_exact_duplicates(readable)
    report.refused.extend(
        r for r in [*corpus, *twins] if isinstance(r, Refusal) and r.label in wanted
    )
    with exclusive_lock(out_dir):
        remove_stale_temporaries(out_dir)
        existing = scan_outputs(out_dir)
        writer = _Writer(out_dir, existing, force, report)
        todo = []
        for source in readable:
            if source.label not in wanted:
                continue
            if not everything and _unchanged(source, context, writer, existing):
                report.unchanged.append(source.label)
            else:
                todo.append(source)
        if progress:
            progress(len(wanted) - len(todo))
        for article in analyse_all(todo, context, jobs):
            writer.write(article)
            if progress:
                progress(1)
        if paths is None:
            writer.remove_orphans({s.label for s in corpus})
    return report


def _unchanged(
    source: SourceText, context: Context, writer: _Writer, existing: dict[str, OutputFile]
) -> bool:
    slug = writer.by_source.get(source.label)
    if slug is None:
        return False
    current = existing[slug]
    return recorded_field(current.text, "fingerprint") == fingerprint(
        source, context
    ) and not is_hand_edited(current.text)
