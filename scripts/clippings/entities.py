"""Entity mentions: aliases from vocabularies/entities.yml, matched case-sensitively as whole words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from clippings.tokens import PhraseIndex, spans, words
from clippings.vocab import Entity


@dataclass(frozen=True)
class EntityMention:
    id: str
    count: int
    first_alias: str
    first_offset: int


@lru_cache(maxsize=8)
def _index(entities: tuple[Entity, ...]) -> PhraseIndex:
    # Proper nouns keep their capitals, so "US" is not "us"; the longest alias wins.
    pairs = (
        (alias, f"{entity.id}\t{alias}")
        for entity in entities
        for alias in (entity.name, *entity.aliases)
    )
    return PhraseIndex.build(pairs, fold=False)


def find_entities(text: str, entities: Sequence[Entity]) -> list[EntityMention]:
    found: dict[str, EntityMention] = {}
    matches = list(_index(tuple(entities)).matches(words(text)))
    positions = spans(text) if matches else []
    for first, count, label in matches:
        start, end = positions[first][0], positions[first + count - 1][1]
        if text[end : end + 1] == "$":
            continue  # "US$2,400" is a currency, not the country
        entity_id, alias = label.split("\t", 1)
        previous = found.get(entity_id)
        found[entity_id] = (
            EntityMention(entity_id, 1, alias, start)
            if previous is None
            else EntityMention(
                entity_id, previous.count + 1, previous.first_alias, previous.first_offset
            )
        )
    return sorted(found.values(), key=lambda m: (m.first_offset, m.id))
