"""Offline search (`search: offline`, the default): a prebuilt index in small classic scripts.

Material's search builds its lunr index in the page on every load, on the page's own
thread from file://: unusable past about 1,000 articles. Here the build does that work
once and writes the result into site_dir/search/ as many small `<script>` files, each
calling `__clippingsSearch.add(kind, number, data)`; classic scripts load from file://
where fetch, modules, WASM and workers do not. The browser side is
docs/assets/javascripts/offline-search.js: no page loads any of it until someone searches.

Files (sizes bounded by `shard_bytes` of rules/search.yml):

- manifest.js: the first term of every term file, the text files' first documents,
  the entity aliases and the query rules;
- facets.js: theme, author, outlet and year values with their counts (the filters);
- t/N.js: term files, terms in sorted order, split by range: term -> [doc, impact, ...]
  with doc ids as deltas and impacts as precomputed BM25 scores (so a query only adds);
  filter values are terms too (`#theme:Central Asia`, impact 0);
- d/N.js: the document table, a fixed number of documents per file:
  [title, url, date, outlet, author, [themes], year];
- x/N.js: texts for snippets, per document a list of [paragraph anchor, text].

Articles come from their records (front matter and Markdown body); hand-written pages
from their Markdown; derived listing pages are not indexed (they repeat article titles).
"""

from __future__ import annotations

import json
import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clippings import search_terms
from clippings.dates import human as human_date
from clippings.site import background
from clippings.site.records import ArticleRecord
from clippings.site.urls import built, uri

INDEX_DIR = "search"
# The full results page (all results, with filters); the header's box links to it.
RESULTS_PAGE = uri("search")
DOCS_PER_FILE = 200
CALLBACK = "__clippingsSearch.add"
# Inside JSON strings these read the same escaped; "<" so no text can close a script element.
_UNSAFE_IN_SCRIPT = {"<": "\\u003c", "\u2028": "\\u2028", "\u2029": "\\u2029"}

_ATTRIBUTES = re.compile(r"^\{:\s*([^}]*)\}\s*$")
_ANCHOR = re.compile(r"#([\w-]+)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s*\{:[^}]*\})?\s*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3})(\S(?:.*?\S)?)\1")
_TAG = re.compile(r"<[^>]+>")
_LIST_MARK = re.compile(r"^\s*(?:[-*+>]|\d+[.)])\s+")
_SNIPPET = re.compile(r'^--8<--\s+"([^"]+)"\s*$')


@dataclass(frozen=True)
class SearchDoc:
    """One searchable page: what the results show, and its text by field."""

    title: str
    url: str
    date: str = ""
    outlet: str = ""
    author: str = ""
    themes: tuple[str, ...] = ()
    year: str = ""
    headings: tuple[str, ...] = ()
    # (anchor of the paragraph or "", plain text)
    paragraphs: tuple[tuple[str, str], ...] = ()

    def row(self) -> list[Any]:
        return [
            self.title,
            self.url,
            self.date,
            self.outlet,
            self.author,
            list(self.themes),
            self.year,
        ]

    def facets(self) -> list[tuple[str, str]]:
        pairs = [("theme", theme) for theme in self.themes]
        pairs += [
            (key, value)
            for key, value in (
                ("author", self.author),
                ("outlet", self.outlet),
                ("year", self.year),
            )
            if value
        ]
        return pairs


def plain(markdown: str) -> str:
    """A Markdown line as text: links by their words, no emphasis marks, escapes or tags."""
    parts = _ESCAPE.split(_LIST_MARK.sub("", markdown))
    # Even parts are Markdown, odd ones escaped characters, which stay as they are.
    for at in range(0, len(parts), 2):
        parts[at] = _EMPHASIS.sub(r"\2", _TAG.sub("", _LINK.sub(r"\1", parts[at])))
    return "".join(parts).strip()


def markdown_parts(body: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Headings and (anchor, text) paragraphs of a Markdown body; a paragraph's anchor is
    the `{: #id }` line after it, as convert writes them."""
    headings: list[str] = []
    paragraphs: list[tuple[str, str]] = []
    block: list[str] = []

    def close(anchor: str = "") -> None:
        if block:
            paragraphs.append((anchor, plain(" ".join(block))))
            block.clear()

    for line in body.splitlines():
        attributes = _ATTRIBUTES.match(line.strip())
        if attributes:
            anchor = _ANCHOR.search(attributes.group(1))
            close(anchor.group(1) if anchor else "")
        elif heading := _HEADING.match(line):
            close()
            headings.append(plain(heading.group(2)))
        elif not line.strip() or line.startswith(("---", "|", "```", "<")):
            close()
        else:
            block.append(line.strip())
    close()
    return headings, [(a, t) for a, t in paragraphs if t]


def article_doc(record: ArticleRecord, theme_label) -> SearchDoc:
    headings, paragraphs = markdown_parts(record.body)
    published = record.published or ""
    return SearchDoc(
        title=record.title,
        url=built(record.src_uri),
        date=human_date(published) or "",
        outlet=record.outlet or "",
        author=record.author or "",
        themes=tuple(theme_label(t) for t in record.themes),
        year=published[:4],
        headings=tuple(headings),
        paragraphs=tuple(paragraphs),
    )


def page_doc(title: str, url: str, markdown: str, root: Path) -> SearchDoc:
    """A hand-written page; `--8<-- "FILE"` lines (pymdownx.snippets) read FILE from root."""
    lines = []
    for line in markdown.splitlines():
        included = _SNIPPET.match(line.strip())
        path = root / included.group(1) if included else None
        if path is not None and path.is_file():
            lines += path.read_text(encoding="utf-8").splitlines()
        else:
            lines.append(line)
    headings, paragraphs = markdown_parts("\n".join(lines))
    if headings and not title:
        title = headings[0]
    return SearchDoc(
        title=title or url, url=url, headings=tuple(headings[1:]), paragraphs=tuple(paragraphs)
    )


def ordered(docs: Iterable[SearchDoc]) -> list[SearchDoc]:
    """Articles newest first, then pages; ties in ranking go to the lower number."""
    return sorted(docs, key=lambda d: (not d.date, _negated(d), d.url))


def _negated(doc: SearchDoc) -> tuple[int, ...]:
    return tuple(-ord(c) for c in doc.year)


def results_page() -> str:
    """Markdown of the full results page: offline-search.js fills it from `?q=`."""
    return (
        "---\nsearch:\n  exclude: true\n---\n\n# Search\n\n"
        '<div class="clip-search-page" data-clip-search-page markdown="0">\n'
        "<noscript><p>Search needs JavaScript; the Library and Archive list every article.</p>"
        "</noscript>\n</div>\n"
    )


# The index -----------------------------------------------------------------------


@dataclass
class _Counts:
    """Weighted term frequencies, as flat arrays per term: doc, weighted tf, doc, ..."""

    postings: dict[str, array]
    lengths: list[int]


def _count(docs: Sequence[SearchDoc], aliases: search_terms.Aliases, weights: dict) -> _Counts:
    postings: dict[str, array] = {}
    lengths = []
    for number, doc in enumerate(docs):
        counts: Counter[str] = Counter()
        for field, texts in (
            ("title", [doc.title]),
            ("heading", doc.headings),
            ("body", [text for _, text in doc.paragraphs]),
        ):
            for text in texts:
                for term in search_terms.field_terms(text, aliases):
                    counts[term] += weights[field]
        lengths.append(max(1, sum(counts.values())))
        for key, value in doc.facets():
            counts[f"#{key}:{value}"] = 0
        for term, tf in counts.items():
            postings.setdefault(term, array("I")).extend((number, tf))
    return _Counts(postings, lengths)


def _impacts(flat: array, lengths: list[int], ranking: dict) -> list[int]:
    """BM25 of one term in each of its documents, as [doc delta, impact, ...]."""
    k1, b, scale = ranking["k1"], ranking["b"], ranking["scale"]
    average = sum(lengths) / len(lengths)
    total = len(lengths)
    df = len(flat) // 2
    idf = math.log(1 + (total - df + 0.5) / (df + 0.5))
    out, previous = [], 0
    for at in range(0, len(flat), 2):
        doc, tf = flat[at], flat[at + 1]
        if tf:
            norm = k1 * (1 - b + b * lengths[doc] / average)
            impact = max(1, round(scale * idf * tf * (k1 + 1) / (tf + norm)))
        else:
            impact = 0
        out += (doc - previous, impact)
        previous = doc
    return out


def script_json(data: Any) -> str:
    """`data` as compact JSON that is safe inside a classic script.

    JSON is a subset of JavaScript; U+2028/2029 are escaped for older parsers, and "<"
    so no text can close a script element if a file is ever inlined.
    """
    return _safe_in_script(json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def _safe_in_script(payload: str) -> str:
    for character, escaped in _UNSAFE_IN_SCRIPT.items():
        payload = payload.replace(character, escaped)
    return payload


def _script(kind: str, number: int, data: Any) -> str:
    """One index file: a call of the page's registration function with its data."""
    return f"{CALLBACK}({json.dumps(kind)},{number},{script_json(data)});\n"


def _call(kind: str, number: int, payload: str) -> str:
    return f"{CALLBACK}({json.dumps(kind)},{number},{_safe_in_script(payload)});\n"


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _term_files(counts: _Counts, ranking: dict, limit: int) -> tuple[list[str], list[str]]:
    """Term files (script texts) and the first term of each."""
    files, firsts, entries, size = [], [], [], 0
    for term in sorted(counts.postings):
        impacts = _impacts(counts.postings[term], counts.lengths, ranking)
        entry = json.dumps(term, ensure_ascii=False) + ":[" + ",".join(map(str, impacts)) + "]"
        if entries and size + _size(entry) > limit:
            files.append(entries)
            entries, size = [], 0
        if not entries:
            firsts.append(term)
        entries.append(entry)
        size += _size(entry) + 1
    if entries:
        files.append(entries)
    texts = [
        _call("t", number, "{" + ",".join(entries) + "}") for number, entries in enumerate(files)
    ]
    return texts, firsts


def _text_files(docs: Sequence[SearchDoc], limit: int, chars: int) -> tuple[list[str], list[int]]:
    """Snippet texts, contiguous documents per file; and the first document of each."""
    files, starts, current, size = [], [], [], 0
    for number, doc in enumerate(docs):
        kept, left = [], chars
        for anchor, text in doc.paragraphs:
            if left <= 0:
                break
            kept.append([anchor, text[:left]])
            left -= len(text)
        entry_size = _size(json.dumps(kept, ensure_ascii=False))
        if current and size + entry_size > limit:
            files.append(current)
            current, size = [], 0
        if not current:
            starts.append(number)
        current.append(kept)
        size += entry_size
    if current:
        files.append(current)
    return [_script("x", n, texts) for n, texts in enumerate(files)], starts


def _facets(docs: Sequence[SearchDoc]) -> dict[str, list[list[Any]]]:
    counted: dict[str, Counter[str]] = {
        key: Counter() for key in ("theme", "author", "outlet", "year")
    }
    for doc in docs:
        for key, value in doc.facets():
            counted[key][value] += 1
    return {
        key: [[value, count] for value, count in sorted(counter.items(), key=_facet_order(key))]
        for key, counter in counted.items()
    }


def _facet_order(key: str):
    if key == "year":
        return lambda item: (-int(item[0]) if item[0].isdigit() else 0, item[0])
    return lambda item: (item[0].casefold(), item[0])


def query_rules() -> dict[str, Any]:
    """What the browser needs of rules/search.yml to fold and parse queries as the build did."""
    rules = search_terms.rules()
    stopwords = sorted({w for words in rules["stopwords"].values() for w in words})
    return {"folds": rules["folds"], "stopwords": stopwords, **rules["query"]}


def index_files(docs: Sequence[SearchDoc], entities: Iterable[Any]) -> dict[str, str]:
    """Every file of the index, by path under site_dir/search/: deterministic for the same docs."""
    rules = search_terms.rules()
    aliases = search_terms.entity_aliases(entities)
    counts = _count(docs, aliases, rules["ranking"]["fields"])
    terms, firsts = _term_files(counts, rules["ranking"], rules["shard_bytes"])
    texts, text_starts = _text_files(docs, rules["shard_bytes"], rules["text_chars"])
    tables = [
        _script("d", n, [doc.row() for doc in docs[start : start + DOCS_PER_FILE]])
        for n, start in enumerate(range(0, len(docs), DOCS_PER_FILE))
    ]
    manifest = {
        "docs": len(docs),
        "docs_per_file": DOCS_PER_FILE,
        "terms": firsts,
        "texts": text_starts,
        "aliases": aliases.as_data(),
        "rules": query_rules(),
    }
    files = {"manifest.js": _script("manifest", 0, manifest)}
    files["facets.js"] = _script("facets", 0, _facets(docs))
    files.update({f"t/{n}.js": text for n, text in enumerate(terms)})
    files.update({f"d/{n}.js": text for n, text in enumerate(tables)})
    files.update({f"x/{n}.js": text for n, text in enumerate(texts)})
    return files


def write_index(site_dir: str | Path, files: dict[str, str]) -> None:
    folder = Path(site_dir) / INDEX_DIR
    for path, text in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def disable_material_search(config) -> None:
    """Material's search plugin writes no index (our partial replaces its box); see
    pagefind_search.disable_material_search."""
    from clippings.site.pagefind_search import disable_material_search as disable

    disable(config)


class InBackground(background.InBackground[dict[str, str]]):
    """The index computed while MkDocs renders the pages (see background.py)."""

    def __init__(self, docs: Sequence[SearchDoc], entities: Sequence[Any]) -> None:
        super().__init__("offline search", index_files, docs, entities)
