"""The batch through the CLI, as an editor runs it: incremental, safe, and loud about failures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from clippings.cli import main
from clippings.config import ProjectConfig
from clippings.convert import ConvertLockedError, convert, exclusive_lock

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (
    "Astana Hosts a Summit on Water\n\nBy Jane Smith\n\n"
    "The leaders of five Central Asian states met in Astana on Friday to discuss water sharing and "
    "the future of the Aral Sea basin, officials said.\n\n"
    "Kazakhstan and Uzbekistan agreed to build new monitoring stations on the Syr Darya river.\n"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "vocabularies", tmp_path / "vocabularies")
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    return tmp_path


def run(project: Path, *args: str):
    return CliRunner().invoke(main, ["--project", str(project), *args], catch_exceptions=False)


def append(path: Path, paragraph: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n{paragraph}\n", encoding="utf-8")


def articles(project: Path) -> dict[str, str]:
    return {
        p.name: p.read_text(encoding="utf-8")
        for p in sorted((project / "docs/articles").glob("*.md"))
    }


def test_convert_matches_the_committed_articles(project: Path, monkeypatch) -> None:
    # The day the seeds entered the collection, which their `added` records.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795405542")
    result = run(project, "convert")
    assert result.exit_code == 0, result.output
    assert "5 converted, 0 unchanged, 0 refused" in result.output
    committed = {
        p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs/articles").glob("*.md"))
    }
    assert articles(project) == committed


def test_second_run_changes_nothing_and_says_so(project: Path) -> None:
    run(project, "convert")
    before = {p: p.stat().st_mtime_ns for p in (project / "docs/articles").glob("*.md")}
    result = run(project, "convert")
    assert "0 converted, 5 unchanged" in result.output
    assert {p: p.stat().st_mtime_ns for p in before} == before


def test_parallel_and_serial_output_are_identical(project: Path, tmp_path: Path) -> None:
    run(project, "convert", "--jobs", "1")
    serial = articles(project)
    shutil.rmtree(project / "docs/articles")
    for number in range(4):
        (project / "sources" / f"extra_{number}.txt").write_text(
            ARTICLE.replace("Friday", f"day {number}"), encoding="utf-8"
        )
    run(project, "convert", "--jobs", "2")
    parallel = articles(project)
    assert {k: v for k, v in parallel.items() if k in serial} == serial


def test_changed_source_rewrites_only_its_article(project: Path) -> None:
    run(project, "convert")
    append(
        project / "sources/004_9636803f3d982e4f.txt",
        "One more paragraph about the Caspian Sea and its ports.",
    )
    result = run(project, "convert")
    assert "1 converted, 4 unchanged" in result.output


def test_a_bad_file_is_refused_by_name_and_the_batch_goes_on(project: Path) -> None:
    (project / "sources/empty.txt").write_bytes(b"")
    (project / "sources/image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    result = run(project, "convert")
    assert result.exit_code == 1
    assert "refused sources/empty.txt: empty" in result.output
    assert "refused sources/image.txt: binary" in result.output
    assert "5 converted, 0 unchanged, 2 refused" in result.output


def test_a_malformed_sidecar_is_refused_with_file_and_line(project: Path) -> None:
    (project / "sources/004_9636803f3d982e4f.yml").write_text(
        "url: https://x.org/a\ntitel: typo\n", encoding="utf-8"
    )
    result = run(project, "convert")
    assert result.exit_code == 1
    assert (
        "sources/004_9636803f3d982e4f.yml:2: unknown key 'titel' (did you mean 'title'?)"
        in result.output
    )


def test_hand_edited_generated_file_is_not_overwritten(project: Path) -> None:
    run(project, "convert")
    path = project / "docs/articles/international-importance-of-kazakhstan.md"
    edited = path.read_text(encoding="utf-8").replace("For several years", "For many years")
    path.write_text(edited, encoding="utf-8")
    (project / "sources/001_bc324656ed37c823.yml").write_text(
        "published: '2018'\n", encoding="utf-8"
    )
    result = run(project, "convert")
    assert result.exit_code == 1
    assert "was edited by hand; move the change into the sidecar" in result.output
    assert path.read_text(encoding="utf-8") == edited
    forced = run(project, "convert", "--force")
    assert forced.exit_code == 0
    assert path.with_name(path.name + ".bak").read_text(encoding="utf-8") == edited
    assert "For several years" in path.read_text(encoding="utf-8")


def test_a_hand_written_article_is_never_touched(project: Path) -> None:
    run(project, "convert")
    hand = project / "docs/articles/international-importance-of-kazakhstan.md"
    hand_text = "---\ntitle: International Importance Of Kazakhstan\nthemes: []\n---\n\nWritten by an editor.\n"
    hand.write_text(hand_text, encoding="utf-8")
    result = run(project, "convert")
    assert hand.read_text(encoding="utf-8") == hand_text
    assert result.exit_code == 0
    assert any(
        name.startswith("international-importance-of-kazakhstan-") for name in articles(project)
    )


def test_deleted_source_removes_its_article(project: Path) -> None:
    run(project, "convert")
    (project / "sources/004_9636803f3d982e4f.txt").unlink()
    (project / "sources/004_9636803f3d982e4f.yml").unlink()
    result = run(project, "convert")
    assert "removed the article of sources/004_9636803f3d982e4f.txt" in result.output
    assert len(articles(project)) == 4


def test_hostile_titles_stay_inside_the_output_folder(project: Path) -> None:
    evil = ARTICLE.replace("Astana Hosts a Summit on Water", "../../ETC/PASSWD")
    (project / "sources/evil.txt").write_text(evil, encoding="utf-8")
    (project / "sources/.hidden name é.txt").write_text(ARTICLE, encoding="utf-8")
    run(project, "convert")
    names = list(articles(project))
    assert "etc-passwd.md" in names
    assert not (project / "etc").exists()
    assert all("/" not in n and not n.startswith(".") for n in names)


def test_two_sources_with_the_same_title_get_distinct_slugs(project: Path) -> None:
    (project / "sources/a.txt").write_text(ARTICLE, encoding="utf-8")
    (project / "sources/b.txt").write_text(ARTICLE.replace("Friday", "Monday"), encoding="utf-8")
    run(project, "convert")
    same = [n for n in articles(project) if n.startswith("astana-hosts-a-summit-on-water")]
    assert len(same) == 2


def test_a_second_concurrent_run_is_refused(project: Path) -> None:
    config = ProjectConfig(project)
    with (
        exclusive_lock(config.articles_dir),
        pytest.raises(ConvertLockedError, match="another `clippings convert`"),
    ):
        convert(config)


def test_an_unwritable_output_folder_fails_clearly(project: Path) -> None:
    blocker = project / "not-a-folder"
    blocker.write_text("a file where the output folder should be", encoding="utf-8")
    result = run(project, "convert", "--out", str(blocker / "articles"))
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert "cannot write to" in result.output and "Not a directory" in result.output


def test_usage_errors_exit_2(project: Path) -> None:
    assert run(project, "convert", "no/such/file.txt").exit_code == 2
    assert run(project, "convert", "--jobs", "0").exit_code == 2


def test_explain_prints_every_line_with_its_rule(project: Path) -> None:
    result = run(project, "explain", str(project / "sources/002_dfc75c6ff825fa4b.txt"))
    assert result.exit_code == 0
    assert "boilerplate:share-row" in result.output
    assert "duplicate-title" in result.output
    assert "theme united-states" in result.output


def test_a_vocabulary_change_rewrites_only_the_articles_it_affects(project: Path) -> None:
    run(project, "convert")
    before = articles(project)
    themes = project / "vocabularies/themes.yml"
    themes.write_text(
        themes.read_text(encoding="utf-8").replace("Hamas: 3,", "Hamas: 3, Zionism: 1,"),
        encoding="utf-8",
    )
    entities = project / "vocabularies/entities.yml"
    entities.write_text(
        entities.read_text(encoding="utf-8")
        + "  - {id: aegean-sea, name: Aegean Sea, kind: place}\n",
        encoding="utf-8",
    )
    result = run(project, "convert")
    assert "1 converted, 4 unchanged" in result.output
    after = articles(project)
    changed = [name for name in after if after[name] != before[name]]
    assert changed == ["president-tokayev-and-kazakhstan-s-path-to-the-future.md"]
    assert "aegean-sea" in after[changed[0]]


def test_the_state_cache_never_hides_a_hand_edit(project: Path) -> None:
    run(project, "convert")
    path = project / "docs/articles/international-importance-of-kazakhstan.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("several years", "many years"), encoding="utf-8"
    )
    append(
        project / "sources/001_bc324656ed37c823.txt",
        "A new closing paragraph about the Astana summit and its outcome.",
    )
    result = run(project, "convert")
    assert "was edited by hand" in result.output


def test_without_the_state_file_the_result_is_the_same(project: Path) -> None:
    run(project, "convert")
    before = articles(project)
    for state in (project / "build").glob(".clippings-state-*"):
        state.unlink()
    result = run(project, "convert")
    assert "0 converted, 5 unchanged" in result.output
    assert articles(project) == before


def test_a_missing_vocabulary_file_is_named(project: Path) -> None:
    (project / "vocabularies/outlets.yml").unlink()
    result = run(project, "convert")
    assert result.exit_code == 1
    assert "vocabularies/outlets.yml:1: vocabulary file is missing" in result.output


def test_a_malformed_vocabulary_entry_is_named_with_its_line(project: Path) -> None:
    themes = project / "vocabularies/themes.yml"
    themes.write_text(
        themes.read_text(encoding="utf-8").replace("    threshold: 6\n", "    treshold: 6\n", 1),
        encoding="utf-8",
    )
    result = run(project, "convert")
    assert result.exit_code == 1
    assert "vocabularies/themes.yml:" in result.output and "unknown key 'treshold'" in result.output
