"""One URL scheme (site/urls.py) and the HTML blocks as overridable, autoescaping templates."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from clippings.site import article_page, derive, pages, templates, urls
from clippings.site.records import ArticleRecord
from clippings.vocab import load_vocabularies
from tests.site.conftest import ROOT, build_site

VOCAB = load_vocabularies(ROOT / "vocabularies")
EVIL = "<script>alert(\"x\")</script> & 'q'"


@pytest.fixture
def owner_templates(tmp_path: Path):
    """A site owner's overrides folder, in front of our templates for one test."""
    (tmp_path / "clippings").mkdir()
    yield tmp_path
    templates.use(())


def test_uri_gives_every_derived_page_its_address() -> None:
    assert urls.uri("theme", "energy") == "themes/energy.md"
    assert urls.uri("theme") == "themes/index.md"
    assert urls.uri("author", "Владислав Вислоцкий") == "authors/vladislav-vislotskii.md"
    assert urls.uri("outlet", "The Astana Times") == "outlets/the-astana-times.md"
    assert urls.uri("article", "a-b") == "articles/a-b.md"
    assert urls.uri("timeline", "2020-2") == "timeline/2020-2.md"
    assert urls.uri("library") == "library.md"
    with pytest.raises(ValueError):
        urls.uri("article")
    with pytest.raises(ValueError):
        urls.uri("library", "x")
    assert urls.url(urls.uri("author", "Jane Roe"), "articles/x.md") == "../authors/jane-roe.html"


class _AnyTag(yaml.SafeLoader):
    """mkdocs.yml's !ENV tags read as plain values."""


_AnyTag.add_multi_constructor("!", lambda loader, suffix, node: None)


def test_mkdocs_nav_names_the_pages_uri_gives() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTag)
    in_nav = set()

    def walk(items) -> None:
        for item in items:
            for value in item.values() if isinstance(item, dict) else [item]:
                if isinstance(value, list):
                    walk(value)
                else:
                    in_nav.add(value)

    walk(config["nav"])
    hidden = {line.strip().strip("/") for line in config["not_in_nav"].splitlines()}
    for kind, (index, one) in urls.SCHEME.items():
        if index is not None:
            assert index in in_nav or index in hidden, kind
        if one is not None:
            assert one.split("/")[0] in hidden, kind


def test_templates_escape_every_value_as_html_escape_does() -> None:
    record = ArticleRecord("x", {"title": EVIL, "author": EVIL, "description": EVIL}, "")
    card = derive.article_item(record, "index.md")
    assert "<script>" not in card
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;q&#x27;" in card


def test_an_owner_template_replaces_ours_and_still_escapes(owner_templates: Path) -> None:
    (owner_templates / "clippings/article-card.html").write_text(
        '<li class="owner-card">{{ record.title }}</li>', encoding="utf-8"
    )
    templates.use([owner_templates])
    record = ArticleRecord("x", {"title": EVIL}, "")
    listing = derive.article_list([record], "index.md")
    assert '<li class="owner-card">&lt;script&gt;' in listing
    assert listing.startswith('<ul class="clip-list">')  # the list itself is still ours


def test_derived_site_needs_no_generator() -> None:
    record = ArticleRecord(
        "x", {"title": "T", "author": "Jane Roe", "themes": ["china"], "published": "2020-05"}, ""
    )
    site = pages.derived_site([record], VOCAB, pages.Settings(site_url="https://e.org/"))
    uris = {page.src_uri for page in site.pages}
    assert {"index.md", "library.md", "themes/china.md", "authors/jane-roe.md"} <= uris
    assert {"feed.xml", "themes/china.xml", "assets/library/rows.js"} <= set(site.files)
    header = article_page.header(record, VOCAB)
    assert 'href="../authors/jane-roe.html"' in header


def test_a_site_owners_custom_dir_overrides_our_templates(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for name in ("vocabularies", "docs"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "CONTRIBUTING.md", project / "CONTRIBUTING.md")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("custom_dir: scripts/clippings/site/theme", "custom_dir: overrides")
    assert "custom_dir: overrides" in config
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    (project / "overrides/clippings").mkdir(parents=True)
    (project / "overrides/clippings/author-bio.html").write_text(
        '<aside class="owner-bio">{{ bio }}</aside>', encoding="utf-8"
    )
    site = build_site(project, tmp_path / "site")
    bios = [p for p in (site / "articles").glob("*.html") if "owner-bio" in p.read_text("utf-8")]
    assert bios, "the owner's author-bio.html was not used"
    text = bios[0].read_text(encoding="utf-8")
    assert 'class="clip-bio"' not in text
    # Our own partials (the offline search box) still apply under the owner's folder.
    assert re.search(r'class="[^"]*clip-search', text)
