"""What the last `convert` saw, so an unchanged collection is recognised without reading it.

The state file lives under build/ (never committed). It is only a cache: when it
is missing or stale, conversion reads everything and the result is the same.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

STATE_VERSION = 1


@dataclass
class SourceFacts:
    """A source as last read: enough to fingerprint it without reading it again."""

    label: str
    stamp: list[int]  # [mtime_ns, size] of the raw file
    sidecar_stamp: list[int] | None
    sha256: str
    text_sha256: str
    sidecar_text: str
    keys: list[str]  # short-line keys, for the corpus-wide repeated-line signal


@dataclass
class OutputFacts:
    """A generated article as last written."""

    slug: str
    stamp: list[int]
    source: str
    fingerprint: str


@dataclass
class State:
    inputs: str = ""  # version, rules and vocabularies fingerprints together
    sources: dict[str, SourceFacts] = field(default_factory=dict)
    outputs: dict[str, OutputFacts] = field(default_factory=dict)  # by slug


def stamp(stat: os.stat_result) -> list[int]:
    return [stat.st_mtime_ns, stat.st_size]


def state_path(root: Path, out_dir: Path) -> Path:
    """One state file per output folder, so `--out elsewhere` does not spoil the main one."""
    digest = hashlib.sha256(str(out_dir.resolve()).encode()).hexdigest()[:12]
    return root / "build" / f".clippings-state-{digest}.json"


def load_state(path: Path) -> State:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return State()
    if data.get("version") != STATE_VERSION:
        return State()
    return State(
        inputs=data["inputs"],
        sources={k: SourceFacts(**v) for k, v in data["sources"].items()},
        outputs={k: OutputFacts(**v) for k, v in data["outputs"].items()},
    )


def save_state(path: Path, state: State) -> None:
    data = {
        "version": STATE_VERSION,
        "inputs": state.inputs,
        # vars() rather than asdict(): no deep copies of 100,000 small records.
        "sources": {k: vars(v) for k, v in sorted(state.sources.items())},
        "outputs": {k: vars(v) for k, v in sorted(state.outputs.items())},
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass  # a cache that cannot be written only makes the next run slower
