"""Two builds of the same collection under two different clocks give the same bytes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Debian's faketime (libfaketime) moves the clock of a process and its children.
FAKETIME = shutil.which("faketime")
CLOCKS = [
    ("2031-02-03 04:05:06", "1900000000"),  # a faked clock and a SOURCE_DATE_EPOCH
    ("2029-09-09 23:59:59", None),  # another clock, and no SOURCE_DATE_EPOCH at all
]


def under_clock(clock: str, epoch: str | None, *command: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    return subprocess.run(
        [FAKETIME, clock, *command], env=env, capture_output=True, text=True, check=True
    )


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> list[Path]:
    assert FAKETIME, "install Debian's faketime: apt-get install -y faketime"
    sites = []
    for clock, epoch in CLOCKS:
        site = tmp_path_factory.mktemp("clock") / "site"
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
        under_clock(clock, epoch, *command, "-f", str(ROOT / "mkdocs.yml"), "-d", str(site))
        sites.append(site)
    return sites


def test_the_clock_really_was_faked() -> None:
    assert FAKETIME, "install Debian's faketime: apt-get install -y faketime"
    for clock, epoch in CLOCKS:
        seen = under_clock(clock, epoch, sys.executable, "-c", "import time; print(time.time())")
        assert abs(float(seen.stdout) - _epoch(clock)) < 60


def _epoch(clock: str) -> float:
    import datetime as dt

    return dt.datetime.fromisoformat(clock).timestamp()


def test_two_clocks_build_byte_identical_sites(builds: list[Path]) -> None:
    first, second = (tree(site) for site in builds)
    assert sorted(first) == sorted(second)
    differing = [path for path in first if first[path] != second[path]]
    assert differing == []
    # What used to carry the build's date: the sitemap, its gzip header and the cite box.
    assert {"sitemap.xml", "sitemap.xml.gz", "feed.xml"} <= set(first)
    assert b"2031" not in first["sitemap.xml"] and b"2029" not in first["sitemap.xml"]


def test_the_access_date_is_the_day_the_article_was_added(builds: list[Path]) -> None:
    page = builds[0] / "articles/international-importance-of-kazakhstan.html"
    text = page.read_text(encoding="utf-8")
    assert "Accessed November 23, 2026." in text
    assert "urldate = {2026-11-23}" in text
