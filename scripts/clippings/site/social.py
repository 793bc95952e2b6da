"""What a shared link and a search engine read from a page's <head>.

OpenGraph and Twitter card tags on every page; on article pages, the article's
dates, author, section and tags, and schema.org JSON-LD (NewsArticle, or
OpinionNewsArticle for opinion). Every value may come from an untrusted source:
attributes are HTML-escaped, and the JSON-LD has `<`, `>` and `&` as \\u escapes so
no text can close its <script> element.
"""

from __future__ import annotations

import html
import json

from clippings.site.derive import theme_label
from clippings.site.records import ArticleRecord
from clippings.vocab import Vocabularies


def _meta(attribute: str, name: str, content: str) -> str:
    return f'<meta {attribute}="{name}" content="{html.escape(content, quote=True)}">'


def page_tags(
    title: str, description: str, url: str | None, site_name: str, kind: str = "website"
) -> list[str]:
    tags = [
        _meta("property", "og:type", kind),
        _meta("property", "og:site_name", site_name),
        _meta("property", "og:title", title),
        _meta("name", "twitter:card", "summary"),
        _meta("name", "twitter:title", title),
    ]
    if description:
        tags += [
            _meta("property", "og:description", description),
            _meta("name", "twitter:description", description),
        ]
    if url:
        tags.append(_meta("property", "og:url", url))
    return tags


def article_tags(record: ArticleRecord, vocab: Vocabularies) -> list[str]:
    tags = []
    if record.published:
        tags.append(_meta("property", "article:published_time", record.published))
    if record.author:
        tags.append(_meta("property", "article:author", record.author))
    labels = [theme_label(t, vocab) for t in record.themes if vocab.theme(t)]
    if labels:
        tags.append(_meta("property", "article:section", labels[0]))
    tags += [_meta("property", "article:tag", label) for label in labels]
    return tags


def json_ld(record: ArticleRecord, vocab: Vocabularies, url: str | None) -> str:
    data: dict = {
        "@context": "https://schema.org",
        "@type": "OpinionNewsArticle" if record.meta.get("genre") == "opinion" else "NewsArticle",
        "headline": record.title,
    }
    optional = {
        "description": record.meta.get("description"),
        "datePublished": record.published,
        "dateCreated": record.added,
        "inLanguage": record.meta.get("language"),
        "url": url,
        "mainEntityOfPage": url,
        "isBasedOn": record.meta.get("url"),
        "wordCount": record.meta.get("words"),
    }
    data.update({key: value for key, value in optional.items() if value})
    if record.author:
        data["author"] = {"@type": "Person", "name": record.author}
    if record.outlet:
        data["publisher"] = {"@type": "Organization", "name": record.outlet}
    if keywords := [theme_label(t, vocab) for t in record.themes if vocab.theme(t)]:
        data["keywords"] = keywords
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, indent=None)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'


def head_tags(
    page_title: str,
    description: str,
    url: str | None,
    site_name: str,
    record: ArticleRecord | None,
    vocab: Vocabularies,
) -> str:
    """Everything this module adds to one page's <head>."""
    if record is None:
        return "".join(page_tags(page_title, description, url, site_name))
    tags = page_tags(record.title, description, url, site_name, "article")
    return "".join([*tags, *article_tags(record, vocab), json_ld(record, vocab, url)])
