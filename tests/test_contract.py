"""The article schema is the one field registry (issue 13): a field is declared once.

The acceptance test adds a `translator` field to a copy of the schema, changes
nothing else, and follows it from a sidecar to the article's front matter.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from clippings import contract, fielddocs
from clippings.cli import main

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "scripts/clippings/schema/article.schema.json"
SIDECAR_SCHEMA = ROOT / "scripts/clippings/schema/sidecar.schema.json"
ARTICLE = (
    "Astana Hosts a Summit on Water\n\nBy Jane Smith\n\n"
    "The leaders of five Central Asian states met in Astana on Friday to discuss water sharing and "
    "the future of the Aral Sea basin, officials said.\n\n"
    "Kazakhstan and Uzbekistan agreed to build new monitoring stations on the Syr Darya river.\n"
)
TRANSLATOR = {"type": "string", "minLength": 1, "description": "Who translated the article."}


def _with_translator() -> contract.Contract:
    """The real schema with `translator` after `author`, and nothing else changed."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    properties = {}
    for key, spec in schema["properties"].items():
        properties[key] = spec
        if key == "author":
            properties["translator"] = {**TRANSLATOR, "x-sidecar": True}
    return contract.Contract({**schema, "properties": properties})


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "vocabularies", tmp_path / "vocabularies")
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources/summit.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def run(project: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--project", str(project), *args], catch_exceptions=False)


def front_matter(project: Path) -> dict:
    (path,) = (project / "docs/articles").glob("*.md")
    return yaml.safe_load(path.read_text(encoding="utf-8").split("\n---", 1)[0][4:])


def test_a_new_sidecar_field_reaches_the_front_matter_in_schema_order(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(contract, "article_contract", _with_translator)
    (project / "sources/summit.yml").write_text("translator: Jane Roe\n", encoding="utf-8")
    converted = run(project, "convert", "--jobs", "1")
    assert converted.exit_code == 0, converted.output
    meta = front_matter(project)
    assert meta["translator"] == "Jane Roe"
    keys = list(meta)
    assert keys.index("author") + 1 == keys.index("translator")
    assert keys == [key for key in _with_translator().field_order if key in meta]
    checked = run(project, "check")
    assert checked.exit_code == 0, checked.output
    assert "collection is valid" in checked.output
    explained = run(project, "explain", str(project / "sources/summit.txt"))
    assert "translator: Jane Roe" in explained.output


def _check_sidecar(
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    article_contract: Callable[[], contract.Contract],
    sidecar: str,
) -> Result:
    """`clippings check` under this schema, after writing this sidecar for the summit article."""
    monkeypatch.setattr(contract, "article_contract", article_contract)
    (project / "sources/summit.yml").write_text(sidecar, encoding="utf-8")
    return run(project, "check")


def test_a_misspelt_new_field_gets_did_you_mean(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = _check_sidecar(project, monkeypatch, _with_translator, "translater: Jane Roe\n")
    assert checked.exit_code == 1
    assert (
        "sources/summit.yml:1: unknown key 'translater' (did you mean 'translator'?)"
        in checked.output
    )


def _without_translator() -> contract.Contract:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    properties = {k: v for k, v in schema["properties"].items() if k != "translator"}
    return contract.Contract({**schema, "properties": properties})


def test_without_the_schema_entry_the_field_is_refused(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = _check_sidecar(project, monkeypatch, _without_translator, "translator: Jane Roe\n")
    assert checked.exit_code == 1
    assert "sources/summit.yml:1: unknown key 'translator'" in checked.output


def test_the_written_order_is_the_schemas_property_order() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert contract.article_contract().field_order == tuple(schema["properties"])
    assert contract.article_contract().field_order[-1] == "checksum"  # signed last


def test_the_contributing_field_table_is_current() -> None:
    page = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert fielddocs.with_sidecar_table(page) == page, (
        "run `clippings reference` and commit CONTRIBUTING.md"
    )
    for key in contract.article_contract().sidecar_fields:
        assert f"| `{key}:` |" in page


def test_the_sidecar_schemas_article_fields_are_the_article_schemas() -> None:
    current = json.loads(SIDECAR_SCHEMA.read_text(encoding="utf-8"))
    assert fielddocs.schema_text(fielddocs.sidecar_schema(current)) == SIDECAR_SCHEMA.read_text(
        encoding="utf-8"
    ), "run `clippings reference` and commit sidecar.schema.json"


def test_a_new_field_is_in_the_generated_table(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(contract, "article_contract", _with_translator)
    table = fielddocs.sidecar_table()
    assert "| `translator:` | text | Who translated the article. |" in table
    assert table.index("`author:`") < table.index("`translator:`") < table.index("`outlet:`")


def test_reference_check_fails_when_the_table_is_stale(tmp_path: Path) -> None:
    page = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    stale = page.replace("| `dateline:` |", "| `placeline:` |")
    (tmp_path / "CONTRIBUTING.md").write_text(stale, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / "docs/reference.md", tmp_path / "docs/reference.md")
    result = CliRunner().invoke(main, ["--project", str(tmp_path), "reference", "--check"])
    assert result.exit_code == 1
    assert "CONTRIBUTING.md is out of date" in result.output


def test_the_genres_are_kept_once_in_the_schema() -> None:
    """The cleaning rules may name only the schema's genres; the site's labels come from it."""
    from importlib import resources

    from clippings.rules import parse_rules
    from clippings.site.derive import GENRE_LABELS

    genres = contract.article_contract().genres
    assert list(GENRE_LABELS) == list(genres)
    text = resources.files("clippings").joinpath("rules/cleaning.yml").read_text("utf-8")
    assert "genre: opinion}" in text
    with pytest.raises(ValueError, match="'opinon' is not one of"):
        parse_rules(text.replace("genre: opinion}", "genre: opinon}", 1))
