"""Vocabularies: loading with file:line errors, theme evidence, entity aliases."""

from __future__ import annotations

from pathlib import Path

import pytest

from clippings.entities import find_entities
from clippings.themes import MAX_COUNT_PER_TERM, assign_themes
from clippings.vocab import Entity, Theme, VocabularyError, load_vocabularies

ROOT = Path(__file__).resolve().parent.parent
VOCAB = load_vocabularies(ROOT / "vocabularies")


def test_the_shipped_vocabularies_load_and_cover_the_twenty_themes() -> None:
    assert len(VOCAB.themes) == 20
    assert all(t.description and t.terms and t.threshold > 0 for t in VOCAB.themes)
    assert VOCAB.outlet_by_domain("www.eurasiareview.com").name == "Eurasia Review"
    assert VOCAB.outlet_by_issn("2330-717X").name == "Eurasia Review"
    assert VOCAB.outlet_by_name("astana times").name == "The Astana Times"
    assert VOCAB.outlet_by_domain("example.com") is None


@pytest.mark.parametrize(
    ("file", "text", "message"),
    [
        (
            "themes.yml",
            "themes:\n  - slug: a\n    label: A\n",
            "themes.yml:2: missing 'description'",
        ),
        (
            "themes.yml",
            "themes:\n  - {slug: a, label: A, description: d, threshold: x, terms: {}}\n",
            "themes.yml:2: 'threshold' has the wrong type",
        ),
        (
            "entities.yml",
            "entities:\n  - {id: a, name: A, kind: planet}\n",
            "entities.yml:2: kind must be one of",
        ),
        (
            "entities.yml",
            "entities:\n  - {id: a, name: A, kind: place}\n  - {id: b, name: A, kind: place}\n",
            "entities.yml:3: duplicate alias 'A'",
        ),
        (
            "outlets.yml",
            "outlets:\n  - {id: Bad Id, name: X}\n",
            "outlets.yml:2: 'Bad Id' must be lowercase",
        ),
        ("outlets.yml", "outlets: [unclosed\n", "outlets.yml:2: YAML syntax error"),
    ],
)
def test_vocabulary_errors_name_file_and_line(
    tmp_path: Path, file: str, text: str, message: str
) -> None:
    for name in ("themes.yml", "entities.yml", "outlets.yml"):
        (tmp_path / name).write_text(
            (ROOT / "vocabularies" / name).read_text(encoding="utf-8"), encoding="utf-8"
        )
    (tmp_path / file).write_text(text, encoding="utf-8")
    with pytest.raises(VocabularyError) as error:
        load_vocabularies(tmp_path)
    assert message in str(error.value)
    assert str(error.value).startswith(str(tmp_path))


THEME = Theme("t", "T", "d", 4, (("mediat*", 2), ("peace talks", 3), ("UN", 1)))


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("He offered to mediate; the mediator and mediation helped.", 6),  # prefix, three forms
        ("Peace\n talks began.", 3),  # a phrase across whitespace, any case
        ("Immediate help.", 0),  # a prefix matches at word starts only
        ("UN UN UN UN UN and un.", MAX_COUNT_PER_TERM * 1),  # counts are capped
    ],
)
def test_theme_evidence(text: str, score: float) -> None:
    matches = assign_themes(text, [Theme("t", "T", "d", 0.5, THEME.terms)])
    assert (matches[0].score if matches else 0) == score


def test_off_topic_and_passing_mentions_get_no_theme() -> None:
    football = "The striker scored twice as the home side won the league match in front of a full stadium on Sunday."
    assert assign_themes(football * 5, VOCAB.themes) == []
    ukraine = (
        "The war in Ukraine dominated the talks. " * 3 + "Officials also mentioned China once."
    )
    assert "china" not in [m.slug for m in assign_themes(ukraine, VOCAB.themes)]


PEOPLE = [
    Entity("kassym-jomart-tokayev", "Kassym-Jomart Tokayev", "person", ("Tokayev", "Tokaev")),
    Entity(
        "nursultan-nazarbayev", "Nursultan Nazarbayev", "person", ("Nazarbayev", "N.Nazarbayev")
    ),
    Entity("csto", "Collective Security Treaty Organization", "organisation", ("CSTO",), "CSTO"),
    Entity("organization", "Organization", "organisation"),
    Entity("united-states", "United States", "place", ("US",)),
]


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("Tokayev’s visit and Tokaev's speech.", ["kassym-jomart-tokayev"]),
        ("N.Nazarbayev spoke.", ["nursultan-nazarbayev"]),
        ("The Collective Security Treaty Organization met.", ["csto"]),
        ("They told us it was fine.", []),
        ("It cost US$2,400.", []),
        ("the csto is lower case", []),
    ],
)
def test_entity_aliases(text: str, ids: list[str]) -> None:
    assert [m.id for m in find_entities(text, PEOPLE)] == ids


def test_entity_mentions_are_counted_in_order() -> None:
    found = find_entities("The US and Tokayev. Tokayev again; the US again.", PEOPLE)
    assert [(m.id, m.count, m.first_alias) for m in found] == [
        ("united-states", 2, "US"),
        ("kassym-jomart-tokayev", 2, "Tokayev"),
    ]
