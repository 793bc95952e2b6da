"""`added`: the day an article entered the collection, written once and never changed."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from clippings.cli import main
from clippings.clock import recorded_added

ROOT = Path(__file__).resolve().parent.parent
# 2026-11-23 03:45:42 UTC, when the five seeds entered the collection (git log -- sources).
SEEDS_ADDED_EPOCH = "1795405542"
ARTICLE = (
    "Astana Hosts a Summit on Water\n\nBy Jane Smith\n\n"
    "The leaders of five Central Asian states met in Astana on Friday to discuss water sharing and "
    "the future of the Aral Sea basin, officials said.\n\n"
    "Kazakhstan and Uzbekistan agreed to build new monitoring stations on the Syr Darya river.\n"
)


def epoch(day: str) -> str:
    return str(int(dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC).timestamp()))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "vocabularies", tmp_path / "vocabularies")
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    shutil.copytree(ROOT / "docs/articles", tmp_path / "docs/articles")
    return tmp_path


def run(project: Path, *args: str):
    return CliRunner().invoke(main, ["--project", str(project), *args], catch_exceptions=False)


def added_dates(project: Path) -> dict[str, str | None]:
    return {
        p.stem: recorded_added(p.read_text(encoding="utf-8"))
        for p in sorted((project / "docs/articles").glob("*.md"))
    }


def test_the_seeds_entered_on_one_recorded_day() -> None:
    assert set(added_dates(ROOT).values()) == {"2026-11-23"}
    assert dt.datetime.fromtimestamp(int(SEEDS_ADDED_EPOCH), dt.UTC).date().isoformat() == (
        "2026-11-23"
    )


def test_a_new_article_gets_source_date_epochs_day(project: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2031-07-04T23:59:00"))
    (project / "sources/water.txt").write_text(ARTICLE, encoding="utf-8")
    assert run(project, "convert").exit_code == 0
    dates = added_dates(project)
    assert dates["astana-hosts-a-summit-on-water"] == "2031-07-04"
    assert {d for slug, d in dates.items() if slug != "astana-hosts-a-summit-on-water"} == {
        "2026-11-23"
    }


def test_a_new_article_without_source_date_epoch_gets_todays_date(project, monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    (project / "sources/water.txt").write_text(ARTICLE, encoding="utf-8")
    before = dt.datetime.now(dt.UTC).date().isoformat()
    run(project, "convert")
    after = dt.datetime.now(dt.UTC).date().isoformat()
    assert added_dates(project)["astana-hosts-a-summit-on-water"] in {before, after}


def test_added_survives_a_full_reconversion_and_a_new_title(project, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2040-01-01T00:00:00"))
    sidecar = project / "sources/001_bc324656ed37c823.yml"
    sidecar.write_text(
        sidecar.read_text(encoding="utf-8") + "title: A Renamed Article\n", encoding="utf-8"
    )
    result = run(project, "convert", "--all")
    assert result.exit_code == 0, result.output
    dates = added_dates(project)
    assert "international-importance-of-kazakhstan" not in dates
    assert dates["a-renamed-article"] == "2026-11-23"
    assert set(dates.values()) == {"2026-11-23"}
    assert run(project, "check").exit_code == 0


def test_a_fresh_conversion_on_the_seeds_day_gives_the_committed_files(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SEEDS_ADDED_EPOCH)
    shutil.copytree(ROOT / "vocabularies", tmp_path / "vocabularies")
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    run(tmp_path, "convert")
    for committed in (ROOT / "docs/articles").glob("*.md"):
        made = tmp_path / "docs/articles" / committed.name
        assert made.read_bytes() == committed.read_bytes(), committed.name


def test_a_malformed_source_date_epoch_is_a_one_line_error(project, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = run(project, "convert")
    assert result.exit_code == 1
    assert "SOURCE_DATE_EPOCH='yesterday'" in result.output
    assert len(result.output.strip().splitlines()) == 1
