"""The `clippings` MkDocs plugin: places derived pages and article blocks into the build.

All content comes from pure functions in derive.py and related.py; this module
only wires them to MkDocs events.
"""

from __future__ import annotations

import datetime
import html
from importlib import resources
from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from clippings.site import derive, pagefind_search
from clippings.site.config import ClippingsConfig
from clippings.site.records import ArticleRecord, by_key, read_records
from clippings.site.related import related_articles
from clippings.vocab import load_vocabularies

# Fields Material's templates print without escaping (<title>, meta tags, header).
_TEMPLATE_FIELDS = ("title", "description", "author")


class ClippingsPlugin(BasePlugin[ClippingsConfig]):
    def on_config(self, config):
        if not self.config.enabled:
            return config
        self.root = Path(config.config_file_path).parent
        # Citations give this as the access date.
        self.build_date = datetime.date.today()
        self.vocab = load_vocabularies(self.root / self.config.vocabularies_dir)
        if self.config.search == "pagefind":
            pagefind_search.disable_material_search(config)
        return config

    def on_files(self, files: Files, config) -> Files:
        if not self.config.enabled:
            return files
        articles = Path(config.docs_dir) / self.config.articles_dir
        self.records = {f"articles/{r.slug}.md": r for r in read_records(articles)}
        records = list(self.records.values())
        self.related = related_articles(records, self.config.related_count)
        self.titles = {r.slug: r.title for r in records}
        for page in self._derived_pages(records):
            files.append(File.generated(config, page.src_uri, content=page.markdown))
        for record in records:
            self._add_raw_source(files, config, record)
        schema = (
            resources.files("clippings").joinpath("schema/article.schema.json").read_text("utf-8")
        )
        files.append(File.generated(config, "schema/article.schema.json", content=schema))
        return files

    def _derived_pages(self, records: list[ArticleRecord]) -> list[derive.SitePage]:
        vocab = self.vocab
        themes = by_key(records, lambda r: [t for t in r.themes if vocab.theme(t)])
        authors = by_key(records, lambda r: [r.author] if r.author else [])
        outlets = by_key(records, lambda r: [r.outlet] if r.outlet else [])
        entities = by_key(records, lambda r: [e for e in r.entities if vocab.entity(e)])
        statements = derive.statements_by_speaker(records)
        return [
            derive.statements_index(statements, vocab),
            derive.timeline_page(records, vocab),
            derive.home_page(records, vocab, self.config.home_intro),
            derive.library_page(records, vocab),
            derive.themes_index(themes, vocab),
            *(derive.theme_page(slug, group, records, vocab) for slug, group in themes.items()),
            derive.name_index(
                "Authors",
                "Everyone who wrote for the collection, with their number of articles.",
                authors,
                lambda n: "authors/index.md" if n == "index" else derive.author_uri(n),
            ),
            *(derive.author_page(name, group) for name, group in authors.items()),
            derive.name_index(
                "Outlets",
                "The publications the articles come from, with their number of articles.",
                outlets,
                lambda n: "outlets/index.md" if n == "index" else derive.outlet_uri(n),
            ),
            *(derive.outlet_page(name, group) for name, group in outlets.items()),
            derive.entities_index(entities, vocab),
            *(
                derive.entity_page(vocab.entity(i), group, statements.get(i, ()))
                for i, group in entities.items()
            ),
        ]

    def _add_raw_source(self, files: Files, config, record: ArticleRecord) -> None:
        source = record.meta.get("source")
        path = self.root / source if isinstance(source, str) else None
        if path and path.is_file() and files.get_file_from_path(source) is None:
            files.append(File.generated(config, source, abs_src_path=str(path)))

    def _page_url(self, page, config) -> str | None:
        site_url = config.site_url
        return site_url.rstrip("/") + "/" + page.file.url if site_url else None

    @event_priority(50)
    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        if not self.config.enabled or page.file.src_uri not in self.records:
            return markdown
        record = self.records[page.file.src_uri]
        entities = [self.vocab.entity(e) for e in record.entities if self.vocab.entity(e)]
        body = derive.link_first_mentions(markdown, entities, record.src_uri)
        footer = derive.article_footer(
            record, self.vocab, self.related.get(record.slug, []), self.titles
        ) + derive.cite_box(record, self._page_url(page, config), self.build_date)
        page.meta = {**page.meta, **_escaped(page.meta)}
        return (
            derive.article_header(record, self.vocab)
            + "\n"
            + body
            + "\n"
            + footer
            + derive.abbreviations(record, self.vocab)
        )

    # Hosted search mode: everything Pagefind-specific is in pagefind_search.py.
    def on_post_page(self, output: str, page, config) -> str:
        if not self.config.enabled or self.config.search != "pagefind":
            return output
        record = self.records.get(page.file.src_uri)
        return pagefind_search.annotate_page(output, page, record, self.vocab)

    def on_post_build(self, config) -> None:
        if self.config.enabled and self.config.search == "pagefind":
            pagefind_search.index_site(config.site_dir)


def _escaped(meta: dict) -> dict:
    """Untrusted text that Material's templates print raw, escaped for HTML once."""
    return {key: html.escape(str(meta[key])) for key in _TEMPLATE_FIELDS if meta.get(key)}
