"""Entity mentions: aliases from vocabularies/entities.yml, matched case-sensitively as whole words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from clippings.tokens import PhraseIndex, per_vocabulary, tokens_before_dollar, words
from clippings.vocab import Entity


@dataclass(frozen=True)
class EntityMention:
    id: str
    count: int
    first_alias: str
    # Position of the first mention's first token among the text's tokens (`words(text)`):
    # orders mentions as character offsets would, without a second pass to find those.
    first_token: int


@per_vocabulary
def _index(entities: tuple[Entity, ...]) -> PhraseIndex:
    # Proper nouns keep their capitals, so "US" is not "us"; the longest alias wins.
    pairs = (
        (alias, f"{entity.id}\t{alias}")
        for entity in entities
        for alias in (entity.name, *entity.aliases)
    )
    return PhraseIndex.build(pairs, fold=False)


def find_entities(text: str, entities: Sequence[Entity]) -> list[EntityMention]:
    matches = list(_index(entities).matches(words(text)))
    if "$" in text:
        # "US$2,400" is a currency, not the country.
        dollars = tokens_before_dollar(text)
        matches = [m for m in matches if m[0] + m[1] - 1 not in dollars]
    first_mentions: dict[str, tuple[int, str, int]] = {}  # id -> (count, first alias, first token)
    for first, _, label in matches:
        entity_id, alias = label.split("\t", 1)
        previous = first_mentions.get(entity_id)
        first_mentions[entity_id] = (
            (1, alias, first) if previous is None else (previous[0] + 1, *previous[1:])
        )
    found = (
        EntityMention(entity_id, count, alias, token)
        for entity_id, (count, alias, token) in first_mentions.items()
    )
    return sorted(found, key=lambda m: (m.first_token, m.id))
