"""Where every page of the site lives: one scheme, `uri(kind, key)`.

A derived page's address is decided here and nowhere else; listings, headers,
footers, feeds, the Library's rows and the search index ask `uri` for it, and a
test checks that mkdocs.yml's nav names the same pages. Addresses are MkDocs
src URIs ("themes/energy.md"); `built` turns one into the file MkDocs writes
(use_directory_urls is off: "themes/energy.html").
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

from slugify import slugify

# kind: (the page without a key, the page of one key). Keys are slugs, ids, years,
# or names (authors and outlets: their page name is the name's slug).
SCHEME: dict[str, tuple[str | None, str | None]] = {
    "home": ("index.md", None),
    "library": ("library.md", None),
    "feeds": ("feeds.md", None),
    "statements": ("statements.md", None),
    "search": ("search.md", None),
    "article": (None, "articles/{}.md"),
    "theme": ("themes/index.md", "themes/{}.md"),
    "author": ("authors/index.md", "authors/{}.md"),
    "outlet": ("outlets/index.md", "outlets/{}.md"),
    "entity": ("entities/index.md", "entities/{}.md"),
    "archive": ("archive/index.md", "archive/{}.md"),
    # A year of the timeline once it is split ("2020", or "2020-2" for a year's second part).
    "timeline": ("timeline.md", "timeline/{}.md"),
}
_BY_NAME = frozenset({"author", "outlet"})


def uri(kind: str, key: str | None = None) -> str:
    """The src URI of a page: `uri("theme", "energy")`, `uri("author", "Jane Roe")`,
    `uri("theme")` for the index of themes."""
    index, one = SCHEME[kind]
    pattern = index if key is None else one
    if pattern is None:
        raise ValueError(f"no {kind!r} page {'without' if key is None else 'with'} a key")
    if key is None:
        return pattern
    return pattern.format(name_slug(key) if kind in _BY_NAME else key)


def name_slug(name: str) -> str:
    """Page name for an author or an outlet (Cyrillic transliterated)."""
    return slugify(name, max_length=80, word_boundary=True) or "unnamed"


def built(src_uri: str) -> str:
    """The file MkDocs writes for a src URI: x.md -> x.html; other files keep their name."""
    return src_uri[:-3] + ".html" if src_uri.endswith(".md") else src_uri


@lru_cache(maxsize=1024)
def _folder_prefix(target_folder: str, page_folder: str) -> str:
    relative = posixpath.relpath(target_folder or ".", page_folder or ".")
    return "" if relative == "." else relative + "/"


def relative_uri(target: str, page: str) -> str:
    """`target` relative to the folder of `page` (both src URIs).

    posixpath.relpath resolves both against the working directory on every call;
    a site has a handful of folders and tens of thousands of links, so the
    folder-to-folder part is computed once per pair.
    """
    folder, _, name = target.rpartition("/")
    return _folder_prefix(folder, posixpath.dirname(page)) + name


def url(target: str, page: str) -> str:
    """The built address of `target` relative to `page`, not yet escaped for HTML."""
    return built(relative_uri(target, page))
