"""Near-duplicate articles without comparing all pairs.

Each text is reduced to a bottom-k sketch of hashed word shingles; texts that
share sketch values are candidates, and only candidates are compared. Cost
grows with the number of texts, not with its square.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Mapping
from itertools import combinations

SHINGLE_WORDS = 5
SKETCH_SIZE = 64
NEAR_DUPLICATE = 0.8
_WORD = re.compile(r"\w+")


def sketch(text: str) -> frozenset[int]:
    words = _WORD.findall(text.casefold())
    shingles = {
        " ".join(words[i : i + SHINGLE_WORDS])
        for i in range(max(1, len(words) - SHINGLE_WORDS + 1))
    }
    hashes = sorted(
        int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest()) for s in shingles
    )
    return frozenset(hashes[:SKETCH_SIZE])


def resemblance(first: frozenset[int], second: frozenset[int]) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    union = sorted(first | second)[:SKETCH_SIZE]
    if not union:
        return 0.0
    return sum(1 for value in union if value in first and value in second) / len(union)


def near_duplicates(
    texts: Mapping[str, str], threshold: float = NEAR_DUPLICATE
) -> list[tuple[str, str, float]]:
    """Pairs (a, b, similarity) with a < b, most similar first."""
    sketches = {name: sketch(text) for name, text in texts.items()}
    holders: dict[int, list[str]] = defaultdict(list)
    for name, values in sketches.items():
        for value in values:
            holders[value].append(name)
    candidates = {
        pair
        for names in holders.values()
        if len(names) < 50
        for pair in combinations(sorted(names), 2)
    }
    pairs = [(a, b, resemblance(sketches[a], sketches[b])) for a, b in candidates]
    return sorted((p for p in pairs if p[2] >= threshold), key=lambda p: (-p[2], p[0], p[1]))
