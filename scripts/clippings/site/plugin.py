"""The `clippings` MkDocs plugin: places derived pages and article blocks into the build.

All content comes from pure functions (pages.derived_site for the derived pages and
files, article_page and related.py for the blocks around an article); this module
only wires them to MkDocs events, and puts our templates on the theme's search path.
"""

from __future__ import annotations

import functools
import html
import os
import posixpath
import secrets
from importlib import resources
from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import AnchorLink, get_toc

from clippings import clock
from clippings.escape import escape_inline as esc
from clippings.site import (
    article_page,
    derive,
    feeds,
    offline_search,
    pagefind_search,
    pages,
    related,
    social,
    templates,
)
from clippings.site.config import ClippingsConfig
from clippings.site.records import ArticleRecord, body_of, read_records
from clippings.vocab import load_vocabularies

# Fields Material's templates print without escaping (<title>, meta tags, header).
_TEMPLATE_FIELDS = ("title", "description", "author")


class ClippingsPlugin(BasePlugin[ClippingsConfig]):
    def on_config(self, config):
        if not self.config.enabled:
            return config
        self.root = Path(config.config_file_path).parent
        self.vocab = load_vocabularies(self.root / self.config.vocabularies_dir)
        # Replaced by the footer at on_post_page; random, so no text can forge it.
        self.footer_marker = f"<!--clippings-footer-{secrets.token_hex(8)}-->"
        self.footer_anchors: dict[str, list[str]] = {}
        self.pending_articles: dict[str, str] = {}
        toc_config = config.mdx_configs.get("toc")
        self.renderer = article_page.BodyRenderer(toc_config, raw_html=False)
        self.html_renderer = article_page.BodyRenderer(toc_config)
        if self.config.search in ("offline", "pagefind"):
            pagefind_search.disable_material_search(config)
        _add_theme(config.theme)
        templates.use(config.theme.dirs)
        return config

    def on_env(self, env, config, files):
        """`material/...` names Material's own templates, so that our partial overrides can
        wrap them; `clippings_cache` renders a template block once per key."""
        if not self.config.enabled:
            return env
        ours = (config.theme.custom_dir, str(templates.THEME))
        material = next(d for d in config.theme.dirs if not any(_same(d, o) for o in ours))
        env.loader = ChoiceLoader(
            [env.loader, PrefixLoader({"material": FileSystemLoader(material)})]
        )
        self.rendered: dict[str, str] = {}
        env.globals["clippings_cache"] = self._cached_block
        self._date_pages(files)
        return env

    def _date_pages(self, files: Files) -> None:
        """The sitemap's lastmod (and its gzip's timestamp), from the articles' dates, never
        from the clock; MkDocs writes the sitemap after this event, before the pages."""
        for file in files.documentation_pages():
            if file.page is not None:
                record = self.records.get(file.src_uri)
                file.page.update_date = (
                    _full_date(record) if record else None
                ) or self.collection_date

    def _cached_block(self, key: str, caller) -> str:
        if key not in self.rendered:
            self.rendered[key] = caller()
        return self.rendered[key]

    @event_priority(100)
    def on_page_context(self, context, page, config, nav):
        """Pages outside the nav share its rendering with the other pages of their folder;
        an article's search view goes to Material's search plugin, which runs after us."""
        if not self.config.enabled:
            return context
        if page not in nav.pages:
            context["clippings_nav_key"] = "nav:" + posixpath.dirname(page.file.url)
        if page.file.src_uri in self.records and self.config.search == "material":
            context["clippings_page_content"] = page.content
            page.content = article_page.search_view(page.content)
        return context

    def on_files(self, files: Files, config) -> Files:
        if not self.config.enabled:
            return files
        articles = Path(config.docs_dir) / self.config.articles_dir
        self.records = {f"articles/{r.slug}.md": r for r in read_records(articles)}
        records = list(self.records.values())
        self.related = related.InBackground(records, self.config.related_count)
        self.titles = {r.slug: r.title for r in records}
        # The sitemap's lastmod for pages that are not articles: the collection's last change.
        self.collection_date = max(
            (r.added for r in records if r.added), default=clock.today().isoformat()
        )
        if not config.site_url:
            raise PluginError("clippings: feeds need absolute links; set site_url in mkdocs.yml")
        site = self._derived_site(records, config)
        for page in site.pages:
            files.append(File.generated(config, page.src_uri, content=page.markdown))
        for path, content in site.files.items():
            files.append(File.generated(config, path, content=content))
        for record in records:
            self._add_raw_source(files, config, record)
        if self.config.search == "offline":
            self._start_offline_index(files, config, records)
        # Bodies, quotes and dated sentences have served related articles and the
        # derived pages; the article pages need neither, and 10,000 of them add up.
        self.records = {uri: r.for_article_page() for uri, r in self.records.items()}
        schema = (
            resources.files("clippings").joinpath("schema/article.schema.json").read_text("utf-8")
        )
        files.append(File.generated(config, "schema/article.schema.json", content=schema))
        return files

    def _derived_site(self, records: list[ArticleRecord], config) -> pages.DerivedSite:
        """Every derived page and file (pages.derived_site); keeps the feeds for the pages' heads."""
        settings = pages.Settings(
            site_name=config.site_name,
            home_intro=self.config.home_intro,
            site_url=config.site_url,
            template_dirs=tuple(config.theme.dirs),
        )
        return self._derive(records, settings)

    def _derived_pages(
        self, records: list[ArticleRecord], site_name: str = "Clippings"
    ) -> list[derive.SitePage]:
        """The derived pages alone, with our own templates (what `clippings bench` times)."""
        settings = pages.Settings(site_name=site_name, home_intro=self.config.home_intro)
        return self._derive(records, settings).pages

    def _derive(self, records: list[ArticleRecord], settings: pages.Settings) -> pages.DerivedSite:
        site = pages.derived_site(records, self.vocab, settings)
        self.feeds = site.feeds
        self.feed_of_page = {feed.page: feed for feed in self.feeds}
        return site

    def _start_offline_index(self, files: Files, config, records: list[ArticleRecord]) -> None:
        """The offline index of the articles and hand-written pages, computed while the
        pages render (offline_search.InBackground); and the full results page."""
        vocab = self.vocab

        def theme_label(slug: str) -> str:
            return derive.theme_label(slug, vocab)

        docs = [offline_search.article_doc(record, theme_label) for record in records]
        for file in files.documentation_pages():
            if file.generated_by is None and file.src_uri not in self.records:
                title = _nav_title(config, file.src_uri)
                docs.append(
                    offline_search.page_doc(title, file.url, file.content_string, self.root)
                )
        self.offline_index = offline_search.InBackground(
            offline_search.ordered(docs), vocab.entities
        )
        files.append(
            File.generated(
                config, offline_search.RESULTS_PAGE, content=offline_search.results_page()
            )
        )

    def _add_raw_source(self, files: Files, config, record: ArticleRecord) -> None:
        source = record.meta.get("source")
        path = self.root / source if isinstance(source, str) else None
        if path and path.is_file() and files.get_file_from_path(source) is None:
            files.append(File.generated(config, source, abs_src_path=str(path)))

    def _page_url(self, page, config) -> str | None:
        site_url = config.site_url
        return site_url.rstrip("/") + "/" + page.file.url if site_url else None

    def on_page_read_source(self, page, config) -> str | None:
        """An article's body without its front matter: the plugin already holds the
        metadata, and MkDocs would parse the whole block again with PyYAML's pure-Python loader."""
        if not self.config.enabled or page.file.src_uri not in self.records:
            return None
        return body_of(Path(page.file.abs_src_path).read_text(encoding="utf-8"))

    @event_priority(50)
    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        if not self.config.enabled or page.file.src_uri not in self.records:
            return markdown
        record = self.records[page.file.src_uri]
        page.meta = {**page.meta, **_escaped(record.meta)}
        self.pending_articles[page.file.src_uri] = markdown
        # MkDocs renders an empty page; on_page_content renders the article (see BodyRenderer).
        return ""

    def on_page_content(self, html_text: str, page, config, files) -> str:
        """Header after the title; the author's bio (searchable); a marker for the footer."""
        record = self.records.get(page.file.src_uri) if self.config.enabled else None
        if record is None:
            return html_text
        html_text, toc_tokens, ids = self._render_article(
            record, self.pending_articles.pop(page.file.src_uri)
        )
        page.toc, page.present_anchor_ids = get_toc(toc_tokens), ids
        taken = set(ids)
        head, title_end, rest = html_text.partition("</h1>")
        html_text = head + title_end + "\n" + article_page.header(record, self.vocab) + rest
        sections = [article_page.about_author(record), *self._footer(record, page, config)]
        anchors = []
        for section in filter(None, sections):
            anchors.append(article_page.unique_anchor(section.anchor, taken))
            _add_to_toc(page, section.title, anchors[-1])
        if bio := sections[0]:
            html_text += bio.html(anchors.pop(0))
        self.footer_anchors[page.file.src_uri] = anchors
        return html_text + self.footer_marker

    def _render_article(self, record: ArticleRecord, body: str) -> tuple[str, list, set[str]]:
        entities = [self.vocab.entity(e) for e in record.entities if self.vocab.entity(e)]
        heading = f"# {esc(record.title)}\n\n"
        abbreviations = derive.abbreviations(record, self.vocab)
        if marked := article_page.mark_first_mentions(body, entities, record.src_uri):
            text, tags = marked
            content, toc, ids = self.renderer.render(f"{heading}{text}\n{abbreviations}")
            if (linked := article_page.unmark_first_mentions(content, tags)) is not None:
                return linked, toc, ids
        body = derive.link_first_mentions(body, entities, record.src_uri)
        return self.html_renderer.render(f"{heading}{body}\n{abbreviations}")

    @event_priority(-50)
    def on_post_page(self, output: str, page, config) -> str:
        """The footer goes in last, so neither Markdown nor the search index handles it;
        in hosted-search mode, then, the Pagefind markup (pagefind_search.py)."""
        if not self.config.enabled:
            return output
        record = self.records.get(page.file.src_uri)
        output = output.replace("</head>", self._head(page, config, record) + "</head>", 1)
        if record is None:
            if self.config.search == "pagefind":
                return pagefind_search.annotate_page(output, page, None, self.vocab)
            return output
        anchors = self.footer_anchors.pop(page.file.src_uri)
        sections = self._footer(record, page, config)
        footer = "".join(
            section.html(anchor) for section, anchor in zip(sections, anchors, strict=True)
        )
        printed = article_page.print_source(record, self._page_url(page, config))
        output = output.replace(
            # The print block after the footer, so Pagefind's footer exclusion covers it too.
            self.footer_marker,
            f'<div class="clip-after">{footer}</div>{printed}',
            1,
        )
        if self.config.search == "pagefind":
            output = pagefind_search.annotate_page(output, page, record, self.vocab)
        return output

    def _head(self, page, config, record: ArticleRecord | None) -> str:
        """Sharing tags and feed autodiscovery; the collection's feed on every page."""
        wanted = [self.feeds[0]]
        if (own := self.feed_of_page.get(page.file.src_uri)) and own is not self.feeds[0]:
            wanted.append(own)
        description = (record.meta if record else page.meta).get("description")
        tags = social.head_tags(
            # MkDocs gives a heading's title as HTML (entities kept); the tags want text.
            html.unescape(str(page.title or config.site_name)),
            str(description or config.site_description or ""),
            self._page_url(page, config),
            config.site_name,
            record,
            self.vocab,
        )
        return tags + feeds.autodiscovery(wanted, page.file.src_uri)

    def on_post_build(self, config) -> None:
        if self.config.enabled and self.config.search == "pagefind":
            pagefind_search.index_site(config.site_dir)
        if self.config.enabled and self.config.search == "offline":
            offline_search.write_index(config.site_dir, self.offline_index.result())

    def _footer(self, record: ArticleRecord, page, config) -> list[article_page.Section]:
        related_to_it = functools.partial(self.related.get, record.slug)
        page_url = self._page_url(page, config)
        return article_page.footer(record, self.vocab, related_to_it, self.titles, page_url)


def _add_theme(theme) -> None:
    """Our templates (theme/: partials and theme/clippings/) right after the site owner's
    custom_dir, before Material's: an owner's file of the same name replaces ours, as it
    replaces Material's (mkdocs.yml may also name our folder as its custom_dir)."""
    if any(_same(d, str(templates.THEME)) for d in theme.dirs):
        return
    theme.dirs.insert(1 if theme.custom_dir else 0, str(templates.THEME))


def _same(folder: str | None, other: str | None) -> bool:
    return bool(folder and other) and os.path.realpath(folder) == os.path.realpath(other)


def _nav_title(config, src_uri: str) -> str:
    """A hand-written page's title as the nav gives it ("" when the nav does not name it)."""

    def walk(items) -> str:
        for item in items or []:
            if isinstance(item, dict):
                for title, value in item.items():
                    if value == src_uri:
                        return str(title)
                    if isinstance(value, list) and (found := walk(value)):
                        return found
        return ""

    return walk(config.nav)


def _full_date(record: ArticleRecord) -> str | None:
    """The day an article last changed in the collection, as far as its dates say."""
    published = record.published if record.published and len(record.published) == 10 else None
    return record.added or published


def _add_to_toc(page, title: str, anchor: str) -> None:
    """Our sections in the page's table of contents, under the h1 as Material expects."""
    entry = AnchorLink(html.escape(title), anchor, 2)
    toc = page.toc.items
    if toc and toc[0].level == 1:
        toc[0].children.append(entry)
    else:
        toc.append(entry)


def _escaped(meta: dict) -> dict:
    """Untrusted text that Material's templates print raw, escaped for HTML once."""
    return {key: html.escape(str(meta[key])) for key in _TEMPLATE_FIELDS if meta.get(key)}
