"""Golden tests: the five seeds, from the raw text alone, give exactly the hand-checked result."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from clippings.validate import schema_errors

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = yaml.safe_load((ROOT / "tests/golden/seeds_raw.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("stem", sorted(GOLDEN))
def test_metadata(raw_articles, stem: str) -> None:
    expected = GOLDEN[stem]
    metadata = raw_articles[stem].metadata
    for key, value in expected["metadata"].items():
        assert metadata.get(key) == value, key
    for key in expected["absent"]:
        assert key not in metadata, key


@pytest.mark.parametrize("stem", sorted(GOLDEN))
def test_kept_and_dropped_lines(raw_articles, stem: str) -> None:
    expected = GOLDEN[stem]
    decisions = raw_articles[stem].decisions
    assert [d.number for d in decisions if d.kept] == expected["kept"]
    assert {d.number: d.label for d in decisions if not d.kept} == expected["dropped"]


@pytest.mark.parametrize("stem", sorted(GOLDEN))
def test_every_dropped_line_has_a_reason(raw_articles, stem: str) -> None:
    for decision in raw_articles[stem].decisions:
        assert decision.rule and decision.reason, decision


@pytest.mark.parametrize("stem", sorted(GOLDEN))
def test_front_matter_validates(raw_articles, stem: str) -> None:
    assert schema_errors(raw_articles[stem].metadata) == []


def test_inferred_title_is_the_lead_not_boilerplate(raw_articles) -> None:
    title = raw_articles["000_ea64fc3e2dd9c5aa"].metadata["title"]
    assert title.startswith("The recent events in the world")
    assert "ASTANA" not in title
