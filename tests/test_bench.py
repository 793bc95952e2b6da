"""A smoke run of the benchmark at 200 articles: it runs every scenario and reports each
figure. Times are not asserted (a test is no benchmark, and a busy machine failed a
50 articles/s bound at 45.5); sizes and counts, which do not depend on load, are.
The real measurements are `make bench`, published in docs/performance.md."""

from __future__ import annotations

from pathlib import Path

from tools.bench import bench

ROOT = Path(__file__).resolve().parent.parent


def test_benchmark_smoke_at_200_articles() -> None:
    [result] = bench([200], ROOT, jobs=2, site=True)
    timings = ("articles_per_second", "noop_seconds", "one_change_seconds", "build_ratio")
    assert all(result[key] > 0 for key in timings)
    assert result["related_seconds"] >= 0 and result["derived_seconds"] >= 0
    assert 0 < result["vocabulary_change_rewrote"] < 200
    assert result["article_page_kb"] < 80
    assert result["largest_page_kb"] < 200 and result["library_page_kb"] < 200


def test_real_text_corpus_keeps_the_furniture_and_never_repeats_a_text(tmp_path: Path) -> None:
    from tools.synthetic import write_corpus_from_texts

    prose = (
        "This sentence is long enough to count as a paragraph of the article, {}, and it goes "
        "on for a while longer so that the benchmark treats it as prose worth swapping out."
    )
    texts = tmp_path / "texts"
    texts.mkdir()
    for name in ("a", "b"):
        lines = [
            "Home",
            "World",
            f"Headline {name}",
            *(prose.format(f"{name}{i}") for i in range(3)),
        ]
        (texts / f"{name}.txt").write_text("\n".join([*lines, "Share this"]) + "\n")
    first = write_corpus_from_texts(tmp_path / "one", 12, texts)
    again = write_corpus_from_texts(tmp_path / "two", 12, texts)
    bodies = [path.read_text() for path in first]
    assert bodies == [path.read_text() for path in again]  # deterministic
    assert len(set(bodies)) == 12  # convert refuses a duplicate text
    assert bodies[0] == (texts / "a.txt").read_text()  # the real texts first, as they are
    for body in bodies:
        lines = body.split("\n")
        assert lines[:2] == ["Home", "World"] and lines[-2] == "Share this"


def test_the_benchmark_is_a_development_tool_not_shipped() -> None:
    """`clippings bench` moved to tools/: the installed package has neither it nor its corpora."""
    import importlib.util
    import subprocess
    import sys

    from clippings.cli import main

    assert importlib.util.find_spec("clippings.bench") is None
    assert importlib.util.find_spec("clippings.synthetic") is None
    assert "bench" not in main.commands
    shown = subprocess.run(
        [sys.executable, "-m", "tools.bench", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Usage: python -m tools.bench" in shown.stdout and "--articles" in shown.stdout
