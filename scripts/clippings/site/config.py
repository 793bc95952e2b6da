"""Typed options of the `clippings` MkDocs plugin, grouped by prefix as Material's plugins do."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ClippingsConfig(Config):
    enabled = c.Type(bool, default=True)

    # Where the collection lives, relative to mkdocs.yml (vocabularies) or docs_dir (articles).
    # The site reads no raw sources: only the converted articles.
    articles_dir = c.Type(str, default="articles")
    vocabularies_dir = c.Type(str, default="vocabularies")

    # Site search. offline: our prebuilt index in small classic scripts, loaded only when
    # someone searches; works from file:// and over http at 10,000 articles (offline_search.py).
    # material: Material's built-in search, whose index the browser builds on every page
    # load; usable up to about 1,000 articles. pagefind: hosted search with Pagefind's
    # chunked index (needs http, not file://). See docs/performance.md.
    search = c.Choice(("offline", "material", "pagefind"), default="offline")

    # Related articles under each article.
    related_count = c.Type(int, default=5)

    # The home page's opening paragraph (Markdown).
    home_intro = c.Type(
        str,
        default=(
            "# Kazakhstan in world affairs\n\n"
            "News, interviews and opinion about Kazakhstan's foreign policy, cleaned of web "
            "clutter and cross-linked by theme, author, outlet and the people, organisations "
            "and places they mention."
        ),
    )
