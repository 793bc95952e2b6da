"""`clippings convert`: two phases, plan then write, like Pelican.

Phase 1 (plan): read and decode every source (sources.py), compute the
corpus-wide signals, and decide what to convert; nothing is written, because one
article's cleaning depends on the others (lines repeated across the collection).
Phase 2 (write): analyse each article (analyse.py: clean, extract, themes,
render), in worker processes, and write it atomically under its slug.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from clippings import __version__, clock
from clippings.analyse import Context, SourceText, analyse, fingerprint
from clippings.articlefile import (
    editor_lines_of,
    is_generated,
    is_hand_edited,
    recorded_field,
    render_document,
)
from clippings.config import ProjectConfig
from clippings.overrides import stale_between
from clippings.parallel import map_in_processes
from clippings.rules import default_rules
from clippings.slug import disambiguate, make_slug
from clippings.sources import (
    Candidate,
    Refusal,
    collect,
    read_source,
    repeated_lines,
    source_label,
    split_twins,
)
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


# Phase 2 (write): analysing one article ----------------------------------------------
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
    """`keys`: the source's short-line keys from the plan, so they are not computed again;
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


# A source, its short-line keys when the plan computed them, and its `added` date.
Work = tuple[SourceText, Sequence[str] | None, str]


def _render_work(work: Work, context: Context) -> Rendered:
    return render_article(work[0], context, work[1], work[2])


def analyse_all(works: list[Work], context: Context, jobs: int) -> Iterator[Rendered]:
    """Every article, in worker processes when there is enough work to share."""
    return map_in_processes(_render_work, works, jobs, (context,))


# Phase 2 (write): placing and writing files ------------------------------------------
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

    def keep(self, label: str) -> None:
        """The article of `label` is up to date: recorded as unchanged, not rewritten."""
        self.report.unchanged.append(label)
        slug = self.by_source[label]
        current = self.existing[slug]
        self.written[slug] = OutputFacts(
            slug, stamp(current.path.stat()), label, current.fingerprint
        )

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


# Phase 1 (plan) -----------------------------------------------------------------------
@dataclass
class Plan:
    """What phase 1 (plan) read and decided; nothing is written yet."""

    out_dir: Path
    whole_collection: bool  # no paths given: orphaned articles are removed
    wanted: set[str]  # the labels to convert
    candidates: list[Candidate]  # every readable source, twins left out
    refusals: list[Refusal]  # sources that could not be read
    twins: list[Refusal]
    context: Context
    state: State
    inputs_changed: bool  # the converter, the rules or the vocabularies changed

    def refused(self) -> list[Refusal]:
        """The refusals to report: those of the sources asked for."""
        return [r for r in [*self.refusals, *self.twins] if r.label in self.wanted]


def _inputs_fingerprint(context: Context) -> str:
    return hashlib.sha256(
        f"{__version__}|{context.rules.fingerprint}|{context.vocab.fingerprint}".encode()
    ).hexdigest()


def plan(
    config: ProjectConfig,
    paths: list[Path] | None = None,
    *,
    out_dir: Path | None = None,
    jobs: int = 1,
    everything: bool = False,
) -> Plan:
    """Read every source (a changed one from disk), the corpus signals, and what to convert."""
    out_dir = out_dir or config.articles_dir
    selected = paths if paths is not None else config.source_paths()
    rules, vocab = default_rules(), load_vocabularies(config.vocabularies_dir)
    state = load_state(state_path(config.root, out_dir))
    everyone = config.source_paths()
    extra = set(selected) - set(everyone) if paths is not None else set()
    candidates, refusals = collect(
        sorted([*everyone, *extra], key=str), config.root, state, rules, jobs
    )
    context = Context(rules, vocab, repeated_lines((c.facts.keys for c in candidates), rules))
    unique, twins = split_twins(candidates)
    return Plan(
        out_dir=out_dir,
        whole_collection=paths is None,
        wanted={source_label(p, config.root) for p in selected},
        candidates=unique,
        refusals=refusals,
        twins=twins,
        context=context,
        state=state,
        inputs_changed=everything or state.inputs != _inputs_fingerprint(context),
    )


# Phase 2 (write) ----------------------------------------------------------------------
def write(
    plan: Plan,
    config: ProjectConfig,
    *,
    jobs: int = 1,
    force: bool = False,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Analyse and write what the plan says; never raises for one bad file."""
    # The `added` date of articles new to the collection; one day for the whole run.
    first_seen = clock.today().isoformat()
    report = Report(refused=plan.refused())
    progress = progress or (lambda _n: None)
    with exclusive_lock(plan.out_dir):
        remove_stale_temporaries(plan.out_dir)
        known = {} if plan.inputs_changed else plan.state.outputs
        writer = _Writer(plan.out_dir, scan_outputs(plan.out_dir, known), force, report)
        todo = _to_convert(plan, writer, config.root)
        progress(len(plan.wanted) - len(todo))
        works = [
            (source, keys, writer.added(source.label) or first_seen)
            for source, keys in todo
            if isinstance(source, SourceText)
        ]
        for article in analyse_all(works, plan.context, jobs):
            writer.write(article)
            progress(1)
        if plan.whole_collection:
            writer.remove_orphans(
                {c.facts.label for c in plan.candidates} | {r.label for r in plan.refusals}
            )
    _save(plan, config.root, writer.written)
    return report


def _to_convert(
    plan: Plan, writer: _Writer, root: Path
) -> list[tuple[SourceText | Refusal, Sequence[str] | None]]:
    """The wanted sources whose article is missing or out of date; the others are unchanged."""
    todo = []
    for candidate in (c for c in plan.candidates if c.facts.label in plan.wanted):
        if not plan.inputs_changed and _unchanged(candidate.facts, plan.context, writer):
            writer.keep(candidate.facts.label)
        elif candidate.source is not None:
            todo.append((candidate.source, candidate.facts.keys))
        else:
            todo.append((read_source(candidate.path, root), None))
    return todo


def _unchanged(facts: SourceFacts, context: Context, writer: _Writer) -> bool:
    slug = writer.by_source.get(facts.label)
    if slug is None:
        return False
    current = writer.existing[slug]
    expected = fingerprint(facts.sha256, facts.sidecar_text, facts.keys, context)
    return current.fingerprint == expected and not current.hand_edited


def _save(plan: Plan, root: Path, written: dict[str, OutputFacts]) -> None:
    """The state for the next run: every live source, and the articles it may trust."""
    live = {c.facts.label: c.facts for c in plan.candidates}
    outputs = dict(written) if plan.whole_collection else {**plan.state.outputs, **written}
    state = State(_inputs_fingerprint(plan.context), live, outputs)
    save_state(state_path(root, plan.out_dir), state)


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
    planned = plan(config, paths, out_dir=out_dir, jobs=jobs, everything=everything)
    return write(planned, config, jobs=jobs, force=force, progress=progress)
