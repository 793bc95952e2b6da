"""Entity mentions: aliases from vocabularies/entities.yml, found in one regex pass."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from clippings.vocab import Entity


@dataclass(frozen=True)
class EntityMention:
    id: str
    count: int
    first_alias: str
    first_offset: int


def _alias_pattern(alias: str) -> str:
    # Proper nouns keep their capitals; "Tokayev’s" and "Tokayev's" still count.
    body = r"\s+".join(re.escape(word) for word in alias.split())
    return rf"(?<![\w.-]){body}(?:[’']s)?(?![\w$-])"


@lru_cache(maxsize=8)
def _matcher(entities: tuple[Entity, ...]) -> tuple[re.Pattern[str], tuple[tuple[str, str], ...]]:
    """One alternation, longest alias first, so a full name wins over its parts."""
    aliases = sorted(
        {(alias, entity.id) for entity in entities for alias in (entity.name, *entity.aliases)},
        key=lambda pair: (-len(pair[0]), pair[0]),
    )
    pattern = "|".join(f"({_alias_pattern(alias)})" for alias, _ in aliases)
    return re.compile(pattern or r"(?!x)x"), tuple(aliases)


def find_entities(text: str, entities: Sequence[Entity]) -> list[EntityMention]:
    pattern, aliases = _matcher(tuple(entities))
    found: dict[str, EntityMention] = {}
    for match in pattern.finditer(text):
        alias, entity_id = aliases[match.lastindex - 1]
        previous = found.get(entity_id)
        if previous is None:
            found[entity_id] = EntityMention(entity_id, 1, alias, match.start())
        else:
            found[entity_id] = EntityMention(
                entity_id, previous.count + 1, previous.first_alias, previous.first_offset
            )
    return sorted(found.values(), key=lambda m: (m.first_offset, m.id))
