"""Phase 2 (write) for one article: clean its lines, extract metadata, assign themes, render.

Pure functions of (source, corpus context): they read no files and write none,
so they run the same in a worker process, in `explain` and in tests.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from clippings import __version__, contract
from clippings import extract as ex
from clippings.anchors import paragraph_anchors
from clippings.articlefile import GENERATOR
from clippings.clean import HEADING, Decision, classify, line_key, more_words_than
from clippings.entities import EntityMention, find_entities
from clippings.overrides import editor_lines, overrule
from clippings.quotes import extract_quotes
from clippings.render import render_body
from clippings.rules import Rules
from clippings.sidecar import Sidecar
from clippings.themes import ThemeMatch, assign_themes
from clippings.timeline import extract_dated_statements
from clippings.vocab import Vocabularies


@dataclass(frozen=True)
class Context:
    """Everything corpus-wide an article's conversion depends on."""

    rules: Rules
    vocab: Vocabularies
    repeated: frozenset[str] = frozenset()

    def repeated_among(self, keys: Iterable[str]) -> list[str]:
        return sorted(key for key in keys if key in self.repeated)


def short_line_keys(text: str, rules: Rules) -> list[str]:
    """Keys of the short lines of a text: the candidates for the repeated-line signal."""
    max_words = rules.param("repeated-line", "max_words")
    too_long = more_words_than(max_words)
    keys = {
        line_key(line)
        for line in text.split("\n")
        if line.strip() and not too_long(line.casefold())  # paragraphs: not keyed at all
    }
    return sorted(key for key in keys if key and key.count(" ") < max_words)


@dataclass(frozen=True)
class SourceText:
    label: str  # the source's path relative to the project, e.g. sources/x.txt
    stem: str
    sha256: str
    text: str
    sidecar: Sidecar = field(default_factory=Sidecar)


@dataclass(frozen=True)
class Article:
    source: SourceText
    decisions: list[Decision]
    metadata: dict[str, Any]
    body: str
    themes: list[ThemeMatch]
    entities: list[EntityMention]

    @property
    def title(self) -> str:
        return self.metadata["title"]


def fingerprint(sha256: str, sidecar_text: str, keys: Iterable[str], context: Context) -> str:
    """Changes when the article's inputs change: source, sidecar, rules, corpus signals.

    The converter's code is represented by its version only, so that a refactor
    does not touch every committed article; after changing what the code
    outputs, run `clippings convert --all` (a test fails until you do). The
    vocabularies are left out on purpose: a new alias must rewrite only the
    articles whose themes or entities it changes, so those are compared by output.
    """
    parts = [
        GENERATOR,
        __version__,
        context.rules.fingerprint,
        sha256,
        sidecar_text,
        context.repeated_among(keys),
    ]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def source_fingerprint(
    source: SourceText, context: Context, keys: Sequence[str] | None = None
) -> str:
    """`keys` are the source's short-line keys when the caller has them already."""
    if keys is None:
        keys = short_line_keys(source.text, context.rules)
    return fingerprint(source.sha256, source.sidecar.text, keys, context)


def analyse(source: SourceText, context: Context, keys: Sequence[str] | None = None) -> Article:
    """The article made from `source`; `keys` as for source_fingerprint."""
    decisions = overrule(classify(source.text, context.rules, context.repeated), source.sidecar)
    body = ex.body_lines(decisions)
    metadata = _metadata(source, decisions, context)
    text_for_matching = "\n".join(
        [metadata["title"], metadata.get("subtitle") or "", *(d.text for d in body)]
    )
    themes = assign_themes(text_for_matching, context.vocab.themes)
    entities = find_entities(text_for_matching, context.vocab.entities)
    metadata["themes"] = _adjust(
        [t.slug for t in themes], source.sidecar, "add_themes", "remove_themes"
    )
    metadata["entities"] = _adjust(
        [e.id for e in entities], source.sidecar, "add_entities", "remove_entities"
    )
    paragraphs = [d.text for d in body if d.role != HEADING]
    anchors = paragraph_anchors(paragraphs)
    metadata["quotes"] = [
        _present(speaker=q.speaker, said_as=q.speaker_name, text=q.text, anchor=q.anchor)
        for q in extract_quotes(paragraphs, anchors, context.vocab.entities)
    ]
    metadata["dated"] = [
        _present(date=d.date, until=d.until, text=d.sentence, anchor=d.anchor)
        for d in extract_dated_statements(paragraphs, anchors, metadata.get("published"))
    ]
    metadata.update(
        description=source.sidecar.get("description") or ex.description(body),
        words=(words := ex.count_words(body)),
        reading_time=ex.reading_time(words),
        source=source.label,
        source_sha256=source.sha256,
        dropped=[
            {"line": d.number, "as": d.label, "text": d.text} for d in decisions if not d.kept
        ],
        generated_by=GENERATOR,
        fingerprint=source_fingerprint(source, context, keys),
    )
    if pointed := editor_lines(decisions, source.sidecar):
        metadata["editor_lines"] = pointed
    return Article(source, decisions, metadata, render_body(decisions, anchors), themes, entities)


def _present(**fields: Any) -> dict[str, Any]:
    """The fields that have a value, in the order given (front matter omits unknowns)."""
    return {key: value for key, value in fields.items() if value}


def _adjust(found: list[str], sidecar: Sidecar, add_key: str, remove_key: str) -> list[str]:
    removed = set(sidecar.get(remove_key, []))
    kept = [item for item in found if item not in removed]
    return kept + [item for item in sidecar.get(add_key, []) if item not in kept]


def _metadata(source: SourceText, decisions: list[Decision], context: Context) -> dict[str, Any]:
    rules, sidecar = context.rules, source.sidecar
    body = ex.body_lines(decisions)
    url = sidecar.get("url")
    title, genre, inferred = _title(source, decisions, rules)
    dek = ex.first_of(decisions, "dek")
    metadata: dict[str, Any] = {"title": title}
    if inferred:
        metadata["title_inferred"] = True
    metadata["subtitle"] = sidecar.get("subtitle") or (dek.text if dek else None)
    metadata["author"] = sidecar.get("author") if "author" in sidecar else _author(decisions, rules)
    metadata["author_bio"] = sidecar.get("author_bio") or ex.bio_text(decisions, rules)
    metadata["outlet"] = (
        sidecar.get("outlet") if "outlet" in sidecar else _outlet(decisions, url, context)
    )
    metadata["genre"] = (
        sidecar.get("genre") or genre or (ex.genre_from_url(url, rules) if url else None)
    )
    metadata["language"] = sidecar.get("language") or ex.language(" ".join(d.text for d in body))
    metadata["dateline"] = sidecar.get("dateline") or ex.dateline(body)
    metadata["published"] = (
        sidecar.get("published")
        or (ex.date_from_url(url) if url else None)
        or ex.date_from_lines(decisions, rules)
    )
    metadata["url"] = url
    for key in contract.article_contract().sidecar_fields:
        if key not in metadata and key in sidecar:
            metadata[key] = sidecar.get(key)  # a field nothing extracts: the editor's to set
    always = {"title", "author", "outlet", "language"}
    return {k: v for k, v in metadata.items() if v is not None or k in always}


def _title(
    source: SourceText, decisions: list[Decision], rules: Rules
) -> tuple[str, str | None, bool]:
    line = ex.first_of(decisions, "title")
    title, genre = ex.split_title(line.text, rules) if line else (None, None)
    if source.sidecar.get("title"):
        return source.sidecar.get("title"), genre, False
    if title:
        return title, genre, False
    url = source.sidecar.get("url")
    inferred = (ex.title_from_url(url) if url else None) or ex.title_from_lead(
        ex.body_lines(decisions)
    )
    return inferred or source.stem, genre, True


def _author(decisions: list[Decision], rules: Rules) -> str | None:
    byline = ex.first_of(decisions, "byline")
    if byline and (
        name := ex.author_from_byline(byline, rules) or ex.author_from_bare_byline(byline)
    ):
        return name
    bio = ex.first_of(decisions, "author_bio")
    return ex.author_from_bio(bio, rules) if bio else None


def _outlet(decisions: list[Decision], url: str | None, context: Context) -> str | None:
    vocab = context.vocab
    known = vocab.outlet_by_domain(ex.url_host(url)) if url else None
    for issn in ex.issn_numbers(decisions):
        known = known or vocab.outlet_by_issn(issn)
    if known:
        return known.name
    named = ex.outlet_from_signatures(decisions, context.rules)
    if named is None:
        return None
    match = vocab.outlet_by_name(named)
    return match.name if match else named
