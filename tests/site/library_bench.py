"""`make bench-library`: page sizes and the Library's speed on generated collections.

For each size: convert a generated collection, build it, then report the largest HTML
page, the Library's page and rows script, and (Debian's Chromium, from file://) how long
the Library takes to be ready and its slowest filter or sort. One JSON line per size,
with the load average, so a figure is never quoted without it.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from clippings.convert import convert
from tools.bench import library_timings, make_project, page_sizes, run_build

ROOT = Path(__file__).resolve().parents[2]


def measure(articles: int) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"clippings-library-{articles}-") as folder:
        project = Path(folder)
        convert(make_project(project, articles, ROOT), jobs=2)
        build = run_build(project / "mkdocs.yml", project / "site")
        rows = project / "site/assets/library/rows.js"
        return {
            "articles": articles,
            "build_seconds": build["seconds"],
            **page_sizes(project / "site"),
            "rows_script_kb": round(rows.stat().st_size / 1024, 1),
            **library_timings(project / "site"),
            "load_average": [round(load, 2) for load in os.getloadavg()],
        }


if __name__ == "__main__":
    for size in sys.argv[1:] or ["1000", "10000"]:
        print(json.dumps(measure(int(size))), flush=True)
