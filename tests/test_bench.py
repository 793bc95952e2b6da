"""A smoke run of the benchmark at 200 articles. The bounds are loose on purpose (CI machines
are noisy): they catch a regression by an order of magnitude, not a few percent.
The real measurements are `make bench`, published in docs/performance.md."""

from __future__ import annotations

from pathlib import Path

from clippings.bench import bench

ROOT = Path(__file__).resolve().parent.parent


def test_benchmark_smoke_at_200_articles() -> None:
    [result] = bench([200], ROOT, jobs=2, site=True)
    assert result["articles_per_second"] > 50
    assert result["noop_seconds"] < 2
    assert result["one_change_seconds"] < 2
    assert 0 < result["vocabulary_change_rewrote"] < 200
    assert result["build_ratio"] < 10
    assert result["related_seconds"] < 5 and result["derived_seconds"] < 5
    assert result["article_page_kb"] < 80
