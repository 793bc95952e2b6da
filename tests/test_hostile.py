"""Every hostile input either converts safely or is refused by name, and a batch goes on."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import frontmatter
import pytest
import yaml

from clippings.articlefile import is_hand_edited
from clippings.config import ProjectConfig
from clippings.convert import convert
from tests.hostile import CASES

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> tuple[Path, object]:
    project = tmp_path_factory.mktemp("hostile")
    shutil.copytree(ROOT / "vocabularies", project / "vocabularies")
    (project / "sources").mkdir()
    for name, (raw, _) in CASES.items():
        (project / "sources" / name).write_bytes(raw)
    report = convert(ProjectConfig(project))
    return project, report


def _article_of(project: Path, name: str) -> frontmatter.Post:
    for path in (project / "docs/articles").glob("*.md"):
        post = frontmatter.load(path)
        if post["source"] == f"sources/{name}":
            return post
    raise AssertionError(f"no article for {name}")


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_case_has_its_defined_outcome(converted, name: str) -> None:
    project, report = converted
    expected = CASES[name][1]
    refusals = {r.label: r.reason for r in report.refused}
    if expected == "converted":
        assert f"sources/{name}" in report.converted, refusals.get(f"sources/{name}")
        post = _article_of(project, name)
        assert post["title"].strip()
        assert "\u202e" not in post["title"] and "\x00" not in post.content
    else:
        reason = expected.removeprefix("refused: ")
        assert reason in refusals[f"sources/{name}"]


def test_the_batch_reports_every_refusal_and_fails(converted) -> None:
    _, report = converted
    refused = sorted(n for n, (_, outcome) in CASES.items() if outcome.startswith("refused"))
    assert sorted(r.label.removeprefix("sources/") for r in report.refused) == refused
    assert not report.ok


def test_nothing_is_written_outside_the_articles_folder(converted) -> None:
    project, _ = converted
    written = {p.relative_to(project).parts[0] for p in project.rglob("*") if p.is_file()}
    assert written == {"vocabularies", "sources", "docs", "build"}
    assert all(p.name.startswith(".clippings-state-") for p in (project / "build").iterdir())
    assert all(p.parent.name == "articles" for p in (project / "docs").rglob("*") if p.is_file())


def test_yaml_specials_in_titles_round_trip(converted) -> None:
    project, _ = converted
    post = _article_of(project, "yaml-specials-title.txt")
    assert post["title"] == "Yes: No # not a comment & *alias !tag 'q' \"dq\" @at `tick`"


def test_front_matter_inside_a_raw_file_is_not_trusted(converted) -> None:
    project, _ = converted
    post = _article_of(project, "own-front-matter.txt")
    assert post["title"] == "Regional Talks End With a Water Deal"
    assert "china" not in post["themes"]
    assert {d["as"] for d in post["dropped"]} == {"boilerplate:embedded-front-matter", "title"}
    yaml_line = _article_of(project, "yaml-first-line.txt")
    assert yaml_line.get("author") != "Mallory"


def test_markup_stays_literal_in_the_markdown(converted) -> None:
    project, _ = converted
    post = _article_of(project, "html.txt")
    assert post["subtitle"] == '<script>alert("x")</script> opens the standfirst of this page'
    assert "<" not in post.content.replace("&lt;", "")
    assert "&lt;iframe" in post.content and "&lt;img" in post.content


def test_fifty_megabytes_is_refused_without_reading_it(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "vocabularies", tmp_path / "vocabularies")
    (tmp_path / "sources").mkdir()
    with open(tmp_path / "sources/huge.txt", "wb") as stream:
        stream.truncate(50 * 1024 * 1024)
    started = time.perf_counter()
    report = convert(ProjectConfig(tmp_path))
    assert time.perf_counter() - started < 5
    assert "over the" in report.refused[0].reason


def test_a_killed_run_leaves_no_half_written_file_and_a_rerun_recovers(tmp_path: Path) -> None:
    from tools.synthetic import write_corpus

    shutil.copytree(ROOT / "vocabularies", tmp_path / "vocabularies")
    write_corpus(tmp_path / "sources", 400, ROOT / "sources")
    command = [
        sys.executable,
        "-m",
        "clippings.cli",
        "--project",
        str(tmp_path),
        "convert",
        "--jobs",
        "1",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    articles = tmp_path / "docs/articles"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(articles.glob("*.md"))) < 20:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    written = list(articles.glob("*.md"))
    assert 0 < len(written) < 400
    assert not any(is_hand_edited(p.read_text(encoding="utf-8")) for p in written)
    rerun = subprocess.run(command, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert len(list(articles.glob("*.md"))) == 400
    assert not list(articles.glob(".*.tmp"))
    assert (
        yaml.safe_load(written[0].read_text(encoding="utf-8").split("---")[1])["generated_by"]
        == "clippings"
    )
