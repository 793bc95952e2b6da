"""Entity mentions: aliases from vocabularies/entities.yml, matched case-sensitively as whole words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from clippings.tokens import PhraseIndex, per_vocabulary, spans, words
from clippings.vocab import Entity


@dataclass(frozen=True)
class EntityMention:
    id: str
    count: int
    first_alias: str
    first_offset: int


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
    if not matches:
        return []
    # Character offsets take a second pass of the tokenizer: stop it at the last token needed.
    positions: list[tuple[int, int]] = []
    if "$" in text:
        positions = spans(text, limit=matches[-1][0] + matches[-1][1])
        # "US$2,400" is a currency, not the country.
        ends = [positions[first + count - 1][1] for first, count, _ in matches]
        matches = [m for m, end in zip(matches, ends, strict=True) if text[end : end + 1] != "$"]
    first_mentions: dict[str, tuple[int, str, int]] = {}  # id -> (count, first alias, first token)
    for first, _, label in matches:
        entity_id, alias = label.split("\t", 1)
        previous = first_mentions.get(entity_id)
        first_mentions[entity_id] = (
            (1, alias, first) if previous is None else (previous[0] + 1, *previous[1:])
        )
    if first_mentions and not positions:
        positions = spans(text, limit=max(token for _, _, token in first_mentions.values()) + 1)
    found = (
        EntityMention(entity_id, count, alias, positions[token][0])
        for entity_id, (count, alias, token) in first_mentions.items()
    )
    return sorted(found, key=lambda m: (m.first_offset, m.id))
