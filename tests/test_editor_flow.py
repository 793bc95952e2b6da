"""The editor's flow, tried as a new editor would: add, check, fix, check again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from clippings.cli import main

ROOT = Path(__file__).resolve().parent.parent
NEW_ARTICLE = """Kazakhstan Opens a New Rail Corridor to Europe

By Aigerim Bekova

Kazakhstan opened a new railway corridor to Europe on Tuesday, cutting transit times for containers from China by four days, the transport ministry said.

The Trans-Caspian route links Chinese ports with Europe through Kazakhstan, the Caspian Sea and the Caucasus, and freight volumes on it tripled last year as trade shifted away from Russia.

Officials said the corridor would handle two million tonnes of cargo by 2027, with new logistics hubs planned at Aktau and Kuryk.

Share this article

Get Steppe Herald stories sent directly to you!
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for folder in ("vocabularies", "sources", "docs"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def run(project: Path, *args: str):
    return CliRunner().invoke(main, ["--project", str(project), *args], catch_exceptions=False)


def test_the_committed_collection_is_valid() -> None:
    result = run(ROOT, "check")
    assert result.exit_code == 0, result.output
    assert "collection is valid" in result.output


def test_add_a_new_raw_article_end_to_end(project: Path) -> None:
    source = project / "sources/new_rail.txt"
    source.write_text(NEW_ARTICLE, encoding="utf-8")
    result = run(project, "add", str(source))
    assert result.exit_code == 0, result.output
    assert "title: Kazakhstan Opens a New Rail Corridor to Europe" in result.output
    assert "author: Aigerim Bekova" in result.output
    assert "theme trade-transport" in result.output
    assert "dropped line 11 as boilerplate:share-prompt" in result.output
    assert "outlet 'Steppe Herald' is not in vocabularies/outlets.yml" in result.output
    assert "URL missing" in result.output
    assert (project / "docs/articles/kazakhstan-opens-a-new-rail-corridor-to-europe.md").is_file()
    assert run(project, "check").exit_code == 0


def test_add_a_near_duplicate(project: Path) -> None:
    original = (project / "sources/004_9636803f3d982e4f.txt").read_text(encoding="utf-8")
    copy = project / "sources/004_copy.txt"
    copy.write_text(original.replace("Furthermore,", "Moreover,"), encoding="utf-8")
    result = run(project, "add", str(copy))
    assert "near-duplicate of sources/004_9636803f3d982e4f.txt" in result.output
    checked = run(project, "check")
    assert checked.exit_code == 1
    assert (
        "sources/004_copy.txt:1: near-duplicate of sources/004_9636803f3d982e4f.txt"
        in checked.output
    )


def test_a_sidecar_with_a_typo_in_a_theme(project: Path) -> None:
    (project / "sources/004_9636803f3d982e4f.yml").write_text(
        "url: https://thegeopolitics.com/kazakhstans-global-stance-bridging-east-and-west-in-international-affairs/\n"
        "add_themes: [nuclear-disarmanent]\n",
        encoding="utf-8",
    )
    result = run(project, "check")
    assert result.exit_code == 1
    assert (
        "sources/004_9636803f3d982e4f.yml:2: unknown theme 'nuclear-disarmanent' (did you mean 'nuclear-disarmament'?)"
        in result.output
    )


def test_a_hand_edited_generated_file(project: Path) -> None:
    path = project / "docs/articles/international-importance-of-kazakhstan.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("several years", "many years"), encoding="utf-8"
    )
    result = run(project, "check")
    assert result.exit_code == 1
    assert (
        "docs/articles/international-importance-of-kazakhstan.md:1: edited by hand: move the change into sources/001_bc324656ed37c823.yml"
        in result.output
    )


def test_a_markdown_article_written_by_hand(project: Path) -> None:
    page = project / "docs/articles/an-editors-note.md"
    page.write_text(
        "---\ntitle: An Editor's Note\nthemes: [china, chna]\nauthor: The Editors\n---\n\nWritten by hand.\n",
        encoding="utf-8",
    )
    result = run(project, "check")
    assert (
        "docs/articles/an-editors-note.md:3: unknown theme 'chna' (did you mean 'china'?)"
        in result.output
    )
    page.write_text(
        "---\ntitle: An Editor's Note\nthemes: [china]\nauthor: The Editors\n---\n\nWritten by hand.\n",
        encoding="utf-8",
    )
    assert run(project, "check").exit_code == 0
    assert run(project, "convert").exit_code == 0
    assert page.read_text(encoding="utf-8").endswith("Written by hand.\n")


def test_check_reports_every_problem_not_just_the_first(project: Path) -> None:
    (project / "sources/001_bc324656ed37c823.yml").write_text("titel: x\n", encoding="utf-8")
    (project / "docs/articles/broken.md").write_text(
        "---\ntitle: [unclosed\n---\nx\n", encoding="utf-8"
    )
    (project / "docs/articles/no-title.md").write_text(
        "---\nwords: many\n---\nx\n", encoding="utf-8"
    )
    result = run(project, "check")
    lines = result.output.splitlines()
    assert any(
        line.startswith("sources/001_bc324656ed37c823.yml:1: unknown key 'titel'") for line in lines
    )
    assert any(
        line.startswith("docs/articles/broken.md:") and "YAML syntax error" in line
        for line in lines
    )
    assert any(
        line.startswith("docs/articles/no-title.md:1:") and "'title' is a required property" in line
        for line in lines
    )
    assert any(line.startswith("docs/articles/no-title.md:2: words:") for line in lines)


def test_add_warns_about_a_title_collision(project: Path) -> None:
    source = project / "sources/same_title.txt"
    source.write_text(
        NEW_ARTICLE.replace(
            "Kazakhstan Opens a New Rail Corridor to Europe",
            "International Importance Of Kazakhstan",
        ),
        encoding="utf-8",
    )
    result = run(project, "add", str(source))
    assert "title collision with international-importance-of-kazakhstan.md" in result.output
