"""The site builds with ProperDocs, the drop-in fork of MkDocs 1.x, into the same pages with
the same links as MkDocs' build (issue 13, portability; docs/beyond-mkdocs.md).

ProperDocs reads our mkdocs.yml as it is, finds our plugin and Material's through the
`mkdocs.plugins` and `mkdocs.themes` entry points, and redirects their `import mkdocs.*`
to its own modules. Should MkDocs 1.x stop being installable, this test says whether the
site can move to ProperDocs by changing only the command.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.site.conftest import ROOT
from tests.site.test_built_site import parse

# The one line each generator writes differently: the generator it names.
GENERATOR = re.compile(r'<meta name="generator" content="([^"]*)">')


def properdocs_build(config_file: Path, site_dir: Path) -> Path:
    """`properdocs build --strict` in a child process, as `run_build` runs MkDocs."""
    env = {**os.environ, "CLIPPINGS_SEARCH": "offline", "DISABLE_MKDOCS_2_WARNING": "true"}
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "--quiet"]
    command += ["-f", str(config_file), "-d", str(site_dir)]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"properdocs build failed: {done.stderr[-3000:]}"
    return site_dir


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory) -> Path:
    return properdocs_build(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("properdocs") / "site")


def files(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def links(site: Path) -> dict[str, tuple[list[str], list[str]]]:
    """Every page's links and the assets it loads, in document order."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        page = parse(path)
        pages[path.relative_to(site).as_posix()] = (page.links, page.assets)
    return pages


def test_properdocs_really_built_it(properdocs_site: Path, site: Path) -> None:
    ours = GENERATOR.search((properdocs_site / "index.html").read_text(encoding="utf-8"))
    theirs = GENERATOR.search((site / "index.html").read_text(encoding="utf-8"))
    assert ours and "ProperDocs" in ours.group(1)
    assert theirs and "ProperDocs" not in theirs.group(1)


def test_same_pages_as_mkdocs(properdocs_site: Path, site: Path) -> None:
    mkdocs_files, properdocs_files = files(site), files(properdocs_site)
    assert len(mkdocs_files) > 100  # the seeds' site: articles and every derived page
    assert sorted(properdocs_files - mkdocs_files) == []
    assert sorted(mkdocs_files - properdocs_files) == []


def test_same_links_as_mkdocs(properdocs_site: Path, site: Path) -> None:
    mkdocs_links, properdocs_links = links(site), links(properdocs_site)
    differing = [page for page in mkdocs_links if mkdocs_links[page] != properdocs_links.get(page)]
    assert differing == []


def test_everything_but_the_html_is_byte_identical(properdocs_site: Path, site: Path) -> None:
    """The search index, feeds, sitemap, scripts and styles come out the same, byte for byte."""
    others = sorted(name for name in files(site) if not name.endswith(".html"))
    assert any(name.startswith("search/") for name in others)
    differing = [
        name
        for name in others
        if (site / name).read_bytes() != (properdocs_site / name).read_bytes()
    ]
    assert differing == []
