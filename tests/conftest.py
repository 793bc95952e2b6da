"""Shared fixtures. A skipped test fails the run: CI must prove everything it claims."""

from __future__ import annotations

from pathlib import Path

import pytest

from clippings.analyse import Article, Context, SourceText, analyse
from clippings.rules import default_rules
from clippings.sidecar import Sidecar
from clippings.sources import read_source, repeated_lines_in_texts
from clippings.vocab import load_vocabularies

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


# The seeds converted from their raw text alone (no sidecars): what the converter
# finds in the text itself, shared by the golden and research tests.
def _raw_sources() -> list[SourceText]:
    sources = [read_source(p, ROOT) for p in sorted((ROOT / "sources").glob("*.txt"))]
    # Without the editors' sidecars: what the converter finds in the text itself.
    return [SourceText(s.label, s.stem, s.sha256, s.text, Sidecar()) for s in sources]


@pytest.fixture(scope="session")
def raw_articles() -> dict[str, Article]:
    sources = _raw_sources()
    rules = default_rules()
    context = Context(
        rules,
        load_vocabularies(ROOT / "vocabularies"),
        repeated_lines_in_texts((s.text for s in sources), rules),
    )
    return {s.stem: analyse(s, context) for s in sources}


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and reporter.stats.get("skipped") and exitstatus == 0:
        reporter.write_line("a test was skipped: skips count as failures here", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
