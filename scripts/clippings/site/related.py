"""Related articles: weighted overlap of themes, entities, author and outlet, plus text similarity.

Candidates come from an inverted index over selective features (entities,
author, outlet and each article's most distinctive words; a feature shared by
more than MAX_POSTING articles says nothing and is skipped), and only the
CANDIDATES sharing the most features are scored. Never all pairs: the cost
grows with the number of articles times a bounded fan-out.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from clippings.site.records import ArticleRecord

WEIGHTS = {"themes": 3.0, "entities": 2.0, "author": 2.0, "outlet": 0.5, "text": 4.0}
THRESHOLD = 0.8
TOP = 5
TERMS_PER_ARTICLE = 15
VECTOR_TERMS = 60
MAX_POSTING = 40  # a feature shared by more articles than this is too common to suggest anything
CANDIDATES = 30  # scored per article: those sharing the most selective features
_WORD = re.compile(r"[^\W\d_]{3,}")
_STOP = frozenset(
    [
        "the",
        "and",
        "that",
        "this",
        "with",
        "from",
        "have",
        "has",
        "had",
        "was",
        "were",
        "are",
        "for",
        "not",
        "but",
        "its",
        "their",
        "his",
        "her",
        "they",
        "them",
        "which",
        "who",
        "will",
        "would",
        "can",
        "could",
        "also",
        "been",
        "being",
        "into",
        "than",
        "then",
        "there",
        "these",
        "those",
        "such",
        "more",
        "most",
        "other",
        "over",
        "under",
        "about",
        "after",
        "before",
        "while",
        "where",
        "when",
        "what",
        "said",
        "says",
        "between",
        "within",
        "without",
        "through",
    ]
)


@dataclass(frozen=True)
class Related:
    slug: str
    score: float


def _vectors(records: Sequence[ArticleRecord]) -> list[dict[str, float]]:
    """TF-IDF over each body's words, L2-normalised, keeping each article's strongest terms.

    Counting runs in C (Counter over findall); the Python loops touch each
    distinct word of an article once, never each occurrence.
    """
    counts = [_word_counts(r.body) for r in records]
    document_frequency: Counter[str] = Counter()
    for count in counts:
        document_frequency.update(count.keys())
    total = len(records)
    idf = {w: math.log((1 + total) / (1 + n)) for w, n in document_frequency.items()}
    vectors = []
    for count in counts:
        weights = {w: (1 + math.log(n)) * idf[w] for w, n in count.items()}
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        top = heapq.nsmallest(
            TERMS_PER_ARTICLE * 4, weights.items(), key=lambda item: (-item[1], item[0])
        )
        vectors.append({w: v / norm for w, v in top})
    return vectors


def _word_counts(body: str) -> Counter[str]:
    count = Counter(_WORD.findall(body.casefold()))
    for word in _STOP:
        count.pop(word, None)
    return count


def _features(record: ArticleRecord, vector: dict[str, float]) -> list[str]:
    terms = sorted(vector, key=lambda w: (-vector[w], w))[:TERMS_PER_ARTICLE]
    features = (
        [f"e:{e}" for e in record.entities]
        + [f"w:{w}" for w in terms]
        + [f"t:{t}" for t in record.themes]
    )
    if record.author:
        features.append(f"a:{record.author}")
    if record.outlet:
        features.append(f"o:{record.outlet}")
    return features


def _jaccard(first: Sequence[str], second: Sequence[str]) -> float:
    a, b = set(first), set(second)
    return len(a & b) / len(a | b) if a and b else 0.0


def _cosine(first: dict[str, float], second: dict[str, float]) -> float:
    if len(first) > len(second):
        first, second = second, first
    return sum(value * second.get(word, 0.0) for word, value in first.items())


def score(a: ArticleRecord, b: ArticleRecord, va: dict[str, float], vb: dict[str, float]) -> float:
    value = WEIGHTS["themes"] * _jaccard(a.themes, b.themes) + WEIGHTS["entities"] * _jaccard(
        a.entities, b.entities
    )
    value += WEIGHTS["author"] * (a.author is not None and a.author == b.author)
    value += WEIGHTS["outlet"] * (a.outlet is not None and a.outlet == b.outlet)
    return value + WEIGHTS["text"] * _cosine(va, vb)


def related_articles(records: Sequence[ArticleRecord], top: int = TOP) -> dict[str, list[Related]]:
    """For each slug, at most `top` related articles above THRESHOLD, best first; never itself."""
    vectors = _vectors(records)
    features = [_features(r, v) for r, v in zip(records, vectors, strict=True)]
    postings: dict[str, list[int]] = defaultdict(list)
    for index, keys in enumerate(features):
        for key in keys:
            postings[key].append(index)
    result = {}
    for index, record in enumerate(records):
        shared: Counter[int] = Counter()
        for key in features[index]:
            if len(postings[key]) <= MAX_POSTING:
                shared.update(postings[key])
        del shared[index]
        candidates = sorted(shared, key=lambda other: (-shared[other], other))[:CANDIDATES]
        scored = [
            Related(
                records[o].slug, round(score(record, records[o], vectors[index], vectors[o]), 4)
            )
            for o in candidates
        ]
        scored = [r for r in scored if r.score >= THRESHOLD]
        result[record.slug] = sorted(scored, key=lambda r: (-r.score, r.slug))[:top]
    return result
