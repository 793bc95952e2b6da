"""Related articles: weighted overlap of themes, entities, author and outlet, plus text similarity.

Candidates come from an inverted index over selective features (entities,
author, outlet, themes and each article's most distinctive words; a feature
shared by more than MAX_POSTING articles says nothing and is skipped), and only
the CANDIDATES sharing the most features are scored. Never all pairs: the cost
grows with the number of articles times a bounded fan-out.

The arithmetic runs on sparse matrices (SciPy): at 10,000 articles the same
steps as dictionaries and Counters took 15 s of a build, most of it Python
looping over words and candidate pairs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from clippings.site import background
from clippings.site.records import ArticleRecord

WEIGHTS = {"themes": 3.0, "entities": 2.0, "author": 2.0, "outlet": 0.5, "text": 4.0}
THRESHOLD = 0.8
TOP = 5
TERMS_PER_ARTICLE = 15
VECTOR_TERMS = TERMS_PER_ARTICLE * 4
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


@dataclass(frozen=True)
class Vectors:
    """Each article's strongest TF-IDF terms, L2-normalised over all its terms."""

    matrix: sparse.csr_matrix  # articles x words
    top_terms: list[list[str]]  # per article, its TERMS_PER_ARTICLE strongest, strongest first


def text_vectors(records: Sequence[ArticleRecord]) -> Vectors:
    counts = [_word_counts(r.body) for r in records]
    words = list(dict.fromkeys(w for count in counts for w in count))
    column = {w: i for i, w in enumerate(words)}
    rows = np.repeat(np.arange(len(counts)), [len(c) for c in counts])
    cols = np.fromiter((column[w] for c in counts for w in c), dtype=np.int64, count=len(rows))
    tf = np.fromiter((n for c in counts for n in c.values()), dtype=np.float64, count=len(rows))
    document_frequency = np.bincount(cols, minlength=len(words))
    idf = np.log((1 + len(records)) / (1 + document_frequency))
    weights = (1 + np.log(tf)) * idf[cols]
    norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=len(records)))
    weights = weights / np.where(norms > 0, norms, 1.0)[rows]
    # Strongest first within each article, equal weights in order of first use: one
    # stable sort on a single key (weights are in [0, 1]; a three-key lexsort took 1 s).
    order = np.argsort(rows + (1.0 - weights) / 2, kind="stable")
    rank = _rank_within_groups(rows[order])
    keep = order[rank < VECTOR_TERMS]
    matrix = sparse.csr_matrix(
        (weights[keep], (rows[keep], cols[keep])), shape=(len(records), len(words))
    )
    top_terms: list[list[str]] = [[] for _ in records]
    for row, col in zip(
        rows[order[rank < TERMS_PER_ARTICLE]], cols[order[rank < TERMS_PER_ARTICLE]], strict=True
    ):
        top_terms[row].append(words[col])
    return Vectors(matrix, top_terms)


def _word_counts(body: str) -> Counter[str]:
    count = Counter(_WORD.findall(body.casefold()))
    for word in _STOP:
        count.pop(word, None)
    return count


def _rank_within_groups(groups: np.ndarray) -> np.ndarray:
    """0, 1, 2... within each run of equal values of a sorted array."""
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    lengths = np.diff(np.r_[starts, len(groups)])
    return np.arange(len(groups)) - np.repeat(starts, lengths)


def _features(record: ArticleRecord, terms: list[str]) -> list[str]:
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


def _incidence(rows_of_keys: list[list[str]]) -> sparse.csr_matrix:
    """Articles x keys, 1 where an article has a key (each key once per article)."""
    column: dict[str, int] = {}
    rows, cols = [], []
    for row, keys in enumerate(rows_of_keys):
        for key in dict.fromkeys(keys):
            rows.append(row)
            cols.append(column.setdefault(key, len(column)))
    data = np.ones(len(rows), dtype=np.float64)
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(rows_of_keys), max(len(column), 1)))


def _candidates(features: sparse.csr_matrix, rank: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (article, other) for the CANDIDATES others sharing most selective features."""
    selective = np.asarray(features.sum(axis=0)).ravel() <= MAX_POSTING
    kept = features[:, np.flatnonzero(selective)]
    shared = (kept @ kept.T).tocoo()
    mask = shared.row != shared.col
    rows, cols, counts = shared.row[mask], shared.col[mask], shared.data[mask]
    order = np.lexsort((rank[cols], -counts, rows))
    best = order[_rank_within_groups(rows[order]) < CANDIDATES]
    return rows[best], cols[best]


def _jaccard(matrix: sparse.csr_matrix, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    both = np.asarray(matrix[first].multiply(matrix[second]).sum(axis=1)).ravel()
    sizes = np.asarray(matrix.sum(axis=1)).ravel()
    either = sizes[first] + sizes[second] - both
    return np.divide(both, either, out=np.zeros_like(both), where=(either > 0) & (both > 0))


def _same(codes: np.ndarray, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    return ((codes[first] == codes[second]) & (codes[first] >= 0)).astype(np.float64)


def _codes(values: list[str | None]) -> np.ndarray:
    known: dict[str, int] = {}
    return np.array([known.setdefault(v, len(known)) if v else -1 for v in values])


def related_articles(records: Sequence[ArticleRecord], top: int = TOP) -> dict[str, list[Related]]:
    """For each slug, at most `top` related articles above THRESHOLD, best first; never itself."""
    result: dict[str, list[Related]] = {r.slug: [] for r in records}
    if len(records) < 2:
        return result
    slugs = [r.slug for r in records]
    rank = np.argsort(np.argsort(slugs, kind="stable"), kind="stable")
    vectors = text_vectors(records)
    features = _incidence(
        [_features(r, terms) for r, terms in zip(records, vectors.top_terms, strict=True)]
    )
    first, second = _candidates(features, rank)
    if len(first) == 0:
        return result
    text = np.asarray(vectors.matrix[first].multiply(vectors.matrix[second]).sum(axis=1)).ravel()
    scores = (
        WEIGHTS["themes"] * _jaccard(_incidence([r.themes for r in records]), first, second)
        + WEIGHTS["entities"] * _jaccard(_incidence([r.entities for r in records]), first, second)
        + WEIGHTS["author"] * _same(_codes([r.author for r in records]), first, second)
        + WEIGHTS["outlet"] * _same(_codes([r.outlet for r in records]), first, second)
        + WEIGHTS["text"] * text
    )
    scores = np.round(scores, 4)
    good = scores >= THRESHOLD
    first, second, scores = first[good], second[good], scores[good]
    order = np.lexsort((rank[second], -scores, first))
    for row, other, score in zip(first[order], second[order], scores[order], strict=True):
        items = result[slugs[row]]
        if len(items) < top:
            items.append(Related(slugs[other], float(score)))
    return result


class InBackground(background.InBackground[dict[str, list[Related]]]):
    """Related articles computed while MkDocs renders the pages (see background.py)."""

    def __init__(self, records: Sequence[ArticleRecord], top: int = TOP) -> None:
        super().__init__("related articles", related_articles, records, top)

    def get(self, slug: str) -> list[Related]:
        return self.result().get(slug, [])
