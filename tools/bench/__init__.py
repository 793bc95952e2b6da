"""`python -m tools.bench`: conversion and build measured on generated corpora, against a baseline
taken in the same run (these machines are noisy, so ratios matter more than seconds)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from clippings.config import ProjectConfig
from clippings.convert import convert
from tools.synthetic import write_corpus, write_corpus_from_texts, write_zipf_corpus

BASELINE_CONFIG = """\
site_name: Baseline
site_dir: {site_dir}
docs_dir: docs
theme:
  name: material
  font: false
plugins:
  - search
nav:
  - Home: index.md
not_in_nav: |
  /articles/
"""
NEW_ENTITY = "  - {id: expo-2017, name: Expo-2017, kind: organisation, aliases: [EXPO-2017]}\n"


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def run_build(
    config_file: Path, site_dir: Path, strict: bool = False, search: str = "offline"
) -> dict[str, float]:
    """One `mkdocs build` in a child process: wall time and the child's peak memory.

    `search` sets CLIPPINGS_SEARCH, which mkdocs.yml passes to our plugin (offline,
    material or pagefind).
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CLIPPINGS_SEARCH": search}
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--quiet",
        "-f",
        str(config_file),
        "-d",
        str(site_dir),
    ]
    if strict:
        command.append("--strict")
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # Read stderr before waiting: a child blocked on a full pipe would never exit.
    errors = process.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"mkdocs build failed: {errors[-3000:]}")
    return {"seconds": round(elapsed, 2), "peak_mb": round(usage.ru_maxrss / 1024, 1)}


def make_project(
    folder: Path, articles: int, repo: Path, texts: Path | None = None, corpus: str = "seeds"
) -> ProjectConfig:
    """A project of `articles` sources: seed recombinations, real texts from `texts`, or
    (corpus "zipf") seed paragraphs mixed with words drawn by their real frequency."""
    shutil.copytree(repo / "vocabularies", folder / "vocabularies")
    shutil.copytree(repo / "docs", folder / "docs", ignore=shutil.ignore_patterns("articles"))
    shutil.copytree(repo / "scripts/clippings/site/theme", folder / "scripts/clippings/site/theme")
    shutil.copy(repo / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copy(repo / "CONTRIBUTING.md", folder / "CONTRIBUTING.md")
    if texts is not None:
        write_corpus_from_texts(folder / "sources", articles, texts)
    elif corpus == "zipf":
        write_zipf_corpus(folder / "sources", articles, repo / "sources")
    else:
        write_corpus(folder / "sources", articles, repo / "sources")
    return ProjectConfig(folder)


def convert_scenarios(config: ProjectConfig, jobs: int) -> dict[str, Any]:
    articles = len(config.source_paths())
    full, report = timed(lambda: convert(config, jobs=jobs))
    noop, _ = timed(lambda: convert(config, jobs=jobs))
    one = config.source_paths()[articles // 2]
    one.write_text(
        one.read_text(encoding="utf-8") + "\nOne more paragraph, written for the benchmark.\n",
        encoding="utf-8",
    )
    changed, _ = timed(lambda: convert(config, jobs=jobs))
    entities = config.vocabularies_dir / "entities.yml"
    entities.write_text(entities.read_text(encoding="utf-8") + NEW_ENTITY, encoding="utf-8")
    vocabulary, vocab_report = timed(lambda: convert(config, jobs=jobs))
    return {
        "convert_seconds": round(full, 2),
        "articles_per_second": round(len(report.converted) / full, 1),
        "noop_seconds": round(noop, 2),
        "one_change_seconds": round(changed, 2),
        "vocabulary_change_seconds": round(vocabulary, 2),
        "vocabulary_change_rewrote": len(vocab_report.converted),
    }


def plugin_seconds(config: ProjectConfig) -> dict[str, float]:
    """What our plugin does before MkDocs renders a page, step by step, as in the build:
    reading every article's front matter, related articles, and every derived page."""
    from clippings.site.plugin import ClippingsPlugin
    from clippings.site.records import read_records
    from clippings.site.related import related_articles
    from clippings.vocab import load_vocabularies

    plugin = ClippingsPlugin()
    plugin.load_config({})
    plugin.vocab = load_vocabularies(config.vocabularies_dir)
    read, records = timed(lambda: read_records(config.articles_dir))
    related, _ = timed(lambda: related_articles(records))
    derived, _ = timed(lambda: plugin._derived_pages(records))
    return {
        "read_seconds": round(read, 2),
        "related_seconds": round(related, 2),
        "derived_seconds": round(derived, 2),
    }


def build_scenarios(
    config: ProjectConfig, browser: bool = False, searches: Sequence[str] = ("offline",)
) -> list[dict[str, Any]]:
    """Plain Material + search built once, then our site once per search mode: one result
    per mode, each with the build ratio against that baseline."""
    root = config.root
    baseline_docs = root / "baseline"
    shutil.copytree(root / "docs/articles", baseline_docs / "docs/articles")
    (baseline_docs / "docs/index.md").write_text("# Baseline\n", encoding="utf-8")
    (baseline_docs / "mkdocs.yml").write_text(
        BASELINE_CONFIG.format(site_dir=root / "baseline-site"), encoding="utf-8"
    )
    baseline = run_build(baseline_docs / "mkdocs.yml", root / "baseline-site")
    steps = plugin_seconds(config)
    return [_mode_scenarios(config, baseline, steps, search, browser) for search in searches]


def _mode_scenarios(
    config: ProjectConfig, baseline: dict, steps: dict, search: str, browser: bool
) -> dict[str, Any]:
    site = config.root / f"site-{search}"
    ours = run_build(config.root / "mkdocs.yml", site, search=search)
    pages = sorted((site / "articles").glob("*.html"))
    weight = sum(p.stat().st_size for p in pages) / max(1, len(pages))
    measured = {
        "search": search,
        "baseline_build": baseline,
        "our_build": ours,
        "build_ratio": round(ours["seconds"] / baseline["seconds"], 2),
        **steps,
        "article_page_kb": round(weight / 1024, 1),
        **page_sizes(site),
    }
    if browser:
        measured.update(library_timings(site))
    if search == "pagefind":
        measured.update(pagefind_index(site))
        if browser:
            measured.update(pagefind_readiness(site))
        return measured
    if search == "offline":
        files = [p for p in (site / "search").rglob("*.js")]
        measured["search_index_mb"] = round(sum(p.stat().st_size for p in files) / 1e6, 2)
        measured["search_index_files"] = len(files)
        measured["search_index_largest_kb"] = round(max(p.stat().st_size for p in files) / 1024, 1)
        if browser:
            measured["offline_file"] = offline_readiness(site, site.as_uri() + "/")
            with served(site) as base:
                measured["offline_http"] = offline_readiness(site, base)
            measured.update(known_item(config, site))
        return measured
    measured["search_index_mb"] = round((site / "search/search_index.json").stat().st_size / 1e6, 2)
    if browser:
        measured.update(search_readiness(site))
        if len(pages) <= KNOWN_ITEM_MATERIAL_MAX:
            measured.update(material_known_item(config, site))
    return measured


def bench(
    sizes: list[int],
    repo: Path,
    jobs: int,
    site: bool,
    browser: bool = False,
    search: str | Sequence[str] = "offline",
    texts: Path | None = None,
    corpus: str = "seeds",
) -> list[dict[str, Any]]:
    """One result per size and search mode (`search`: one mode or several)."""
    searches = [search] if isinstance(search, str) else list(search)
    results = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix=f"clippings-bench-{size}-") as folder:
            config = make_project(Path(folder), size, repo, texts, corpus)
            result: dict[str, Any] = {
                "articles": size,
                "jobs": jobs,
                "corpus": "texts" if texts else corpus,
                **convert_scenarios(config, jobs),
            }
            if not site:
                results.append(result)
                continue
            for measured in build_scenarios(config, browser, searches):
                results.append({**result, **measured})
    return results


def table(results: list[dict[str, Any]]) -> str:
    columns = [
        ("articles", "articles"),
        ("articles_per_second", "convert/s"),
        ("noop_seconds", "no-op s"),
        ("one_change_seconds", "1 change s"),
        ("vocabulary_change_rewrote", "vocab rewrote"),
        ("build_ratio", "build ratio"),
        ("related_seconds", "related s"),
        ("derived_seconds", "derived s"),
        ("search", "search"),
        ("article_page_kb", "page KB"),
        ("largest_page_kb", "largest page KB"),
        ("library_page_kb", "library KB"),
        ("library_action_ms", "library filter/sort ms"),
        ("search_ready_seconds", "search ready s"),
        ("search_query_seconds", "query s"),
        ("pagefind_index_seconds", "pagefind index s"),
        ("pagefind_index_mb", "pagefind MB"),
        ("pagefind_query_ms", "pagefind query ms"),
    ]
    lines = [" | ".join(title for _, title in columns)]
    for result in results:
        lines.append(" | ".join(str(result.get(key, "–")) for key, _ in columns))
    return "\n".join(lines)


def machine() -> dict[str, Any]:
    import platform

    import material
    import mkdocs

    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
        "mkdocs": mkdocs.__version__,
        "material": getattr(material, "__version__", "9.8.1"),
    }


def write_json(path: Path, results: list[dict[str, Any]], command: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps({"command": command, "machine": machine(), "results": results}, indent=2),
        encoding="utf-8",
    )


def svg_plot(results: list[dict[str, Any]]) -> str:
    """Build time against corpus size, ours and the baseline, as a small dependency-free SVG."""
    width, height, margin = 640, 360, 56
    # One line per measure: the first search mode's builds (several share a size).
    results = [r for r in results if r.get("search") == results[0].get("search")]
    xs = [r["articles"] for r in results]
    series = {
        "our build": ([r["our_build"]["seconds"] for r in results], "#3f51b5"),
        "plain Material + search": ([r["baseline_build"]["seconds"] for r in results], "#9e9e9e"),
        "clippings convert": ([r["convert_seconds"] for r in results], "#009688"),
    }
    top = max(max(values) for values, _ in series.values()) * 1.1
    right = max(xs)

    def point(x: float, y: float) -> str:
        return f"{margin + x / right * (width - 2 * margin):.1f},{height - margin - y / top * (height - 2 * margin):.1f}"

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-label="Build time against number of articles">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<line x1="{margin}" y1="{height - margin}" x2="{width - margin}" y2="{height - margin}" stroke="#333"/>',
        f'<line x1="{margin}" y1="{margin}" x2="{margin}" y2="{height - margin}" stroke="#333"/>',
        f'<text x="{width / 2}" y="{height - 14}" text-anchor="middle" font-size="13" font-family="sans-serif">articles</text>',
        f'<text x="16" y="{height / 2}" transform="rotate(-90 16 {height / 2})" text-anchor="middle" font-size="13" font-family="sans-serif">seconds</text>',
    ]
    for x in xs:
        px = point(x, 0).split(",")[0]
        parts.append(
            f'<text x="{px}" y="{height - margin + 18}" text-anchor="middle" font-size="11" font-family="sans-serif">{x:,}</text>'
        )
    for step in range(5):
        value = top * step / 4
        py = point(0, value).split(",")[1]
        parts.append(
            f'<text x="{margin - 8}" y="{py}" text-anchor="end" font-size="11" font-family="sans-serif">{value:.0f}</text>'
        )
    for index, (name, (values, colour)) in enumerate(series.items()):
        path = " ".join(point(x, y) for x, y in zip(xs, values, strict=True))
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="2.5" points="{path}"/>'
        )
        parts.append(
            f'<text x="{margin + 12}" y="{margin + 16 * index}" font-size="12" font-family="sans-serif" fill="{colour}">{name}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


# The flags DEVELOPERS.md asks for: headless Debian Chromium that reaches for no network itself.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """`folder` over http://127.0.0.1 on a free port, in a thread, for the `with` block."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


def search_readiness(site_dir: Path, chromium: str = "/usr/bin/chromium") -> dict[str, float]:
    """Seconds from page load until Material's search answers, and for one more query, from file://.

    Needs playwright (the test extra) and Debian's Chromium; never downloads a browser.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        # The offline index is parsed on the page's own thread (iframe-worker): a big
        # index blocks typing for as long as it takes, so allow for it.
        page.set_default_timeout(600_000)
        started = time.perf_counter()
        page.goto((site_dir / "index.html").as_uri())
        page.locator("label.md-search__icon, .md-search__input").first.click()
        ready = _first_results(page, "Kazakhstan", started)
        query_started = time.perf_counter()
        _first_results(page, "Tokayev", query_started)
        query = time.perf_counter() - query_started
        browser.close()
    return {"search_ready_seconds": round(ready, 2), "search_query_seconds": round(query, 2)}


def page_sizes(site_dir: Path) -> dict[str, Any]:
    """The largest HTML page (search data is not HTML) and the Library's page, in KB."""
    sizes = {page: page.stat().st_size for page in site_dir.rglob("*.html")}
    largest = max(sizes, key=sizes.__getitem__)
    return {
        "largest_page": largest.relative_to(site_dir).as_posix(),
        "largest_page_kb": round(sizes[largest] / 1024, 1),
        "library_page_kb": round(sizes[site_dir / "library.html"] / 1024, 1),
    }


# In the page: a filter or sort from the event to the rendered rows, in ms (the
# Library renders synchronously, so the handler's time is the answer's).
_LIBRARY_TIMING = """(action) => {
    const form = document.querySelector('.clip-library-filters');
    const started = performance.now();
    if (action === 'text') {
        const input = form.querySelector('.clip-filter');
        input.value = 'kazakhstan china';
        input.dispatchEvent(new Event('input', {bubbles: true}));
    } else if (action === 'theme') {
        const select = form.querySelector('[data-filter="theme"]');
        select.selectedIndex = 1;
        select.dispatchEvent(new Event('input', {bubbles: true}));
    } else {
        document.querySelector('th[data-key="' + action + '"] button').click();
    }
    return performance.now() - started;
}"""


def library_timings(site_dir: Path, chromium: str = "/usr/bin/chromium") -> dict[str, float]:
    """From file://: seconds until the Library's filters work, then the slowest of a text
    filter, a theme filter and sorts by title, words and outlet, in ms."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        started = time.perf_counter()
        page.goto((site_dir / "library.html").as_uri())
        page.wait_for_selector(".clip-library-filters:not([hidden])", timeout=120_000)
        ready = time.perf_counter() - started
        actions = ["text", "theme", "title", "words", "outlet"]
        times = [page.evaluate(_LIBRARY_TIMING, action) for action in actions]
        browser.close()
    return {"library_ready_seconds": round(ready, 2), "library_action_ms": round(max(times), 1)}


def _first_results(page, query: str, started: float, timeout: float = 120.0) -> float:
    while time.perf_counter() - started < timeout:
        page.fill("input.md-search__input", "")
        page.locator("input.md-search__input").press_sequentially(query)
        try:
            page.locator(".md-search-result__item").first.wait_for(timeout=250)
            return time.perf_counter() - started
        except Exception:
            continue
    raise RuntimeError(f"search gave no result for {query!r} within {timeout} s")


def pagefind_index(site_dir: Path) -> dict[str, Any]:
    """Pagefind's share of a pagefind-mode build, timed on its own: the same call the
    plugin makes at the end of the build, run again on the built site (it rewrites the
    same bundle)."""
    from clippings.site.pagefind_search import index_site

    report = index_site(site_dir)
    return {
        "pagefind_index_seconds": report.seconds,
        "pagefind_pages": report.pages,
        "pagefind_index_mb": round(report.bytes / 1e6, 2),
        "pagefind_files": report.files,
        "pagefind_peak_mb": report.peak_mb,
    }


# Queries through Pagefind's JS API on the page, in an instance of its own (the dialog's
# is private), initialised first: each query and the data of its first 5 results, as
# the dialog shows them; the chunks a term needs are fetched on its first query.
_PAGEFIND_QUERIES = """async (terms) => {
  const pagefind = await import(new URL("pagefind/pagefind.js", location.href).href);
  await pagefind.init();
  const timings = [];
  for (const term of terms) {
    const started = performance.now();
    const search = await pagefind.search(term);
    await Promise.all(search.results.slice(0, 5).map((result) => result.data()));
    timings.push({ms: performance.now() - started, results: search.results.length});
  }
  return timings;
}"""


def pagefind_readiness(site_dir: Path, chromium: str = "/usr/bin/chromium") -> dict[str, Any]:
    """Pagefind over http://127.0.0.1 in Chromium.

    - ready: seconds from the page's load event until the first results show when the
      reader opens the search dialog and types "Abraham Accords" at once (Pagefind and
      its index chunks load on that first search); with the bytes fetched until then;
    - a common word ("Kazakhstan", in nearly every generated article) through the
      dialog, whose input waits 150 ms for typing to pause;
    - the same two queries through Pagefind's JS API, in milliseconds.
    """
    from playwright.sync_api import sync_playwright

    fetched: list[tuple[str, int]] = []

    def finished(request) -> None:
        # Worker requests included, unlike the page's own resource timing.
        if "/pagefind/" in request.url:
            fetched.append((request.url, request.sizes()["responseBodySize"]))

    with served(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        context = browser.new_context()
        context.on("requestfinished", finished)
        page = context.new_page()
        started = time.perf_counter()
        page.goto(base + "index.html")
        loaded = time.perf_counter()
        page.locator("pagefind-modal-trigger button").click()
        page.locator("pagefind-modal input").fill("Abraham Accords")
        page.locator(".pf-result-link").first.wait_for(timeout=120_000)
        ready = time.perf_counter() - loaded
        first = list(fetched)
        query_started = time.perf_counter()
        page.locator("pagefind-modal input").fill("Kazakhstan")
        page.locator("pagefind-summary", has_text="Kazakhstan").wait_for(timeout=120_000)
        page.locator(".pf-result-link").first.wait_for(timeout=120_000)
        ui_query = time.perf_counter() - query_started
        selective, common = page.evaluate(_PAGEFIND_QUERIES, ["Abraham Accords", "Kazakhstan"])
        browser.close()
    index_bytes = sum(
        size for url, size in first if not url.split("?")[0].endswith((".js", ".css"))
    )
    return {
        "page_load_seconds": round(loaded - started, 2),
        "search_ready_seconds": round(ready, 2),
        "pagefind_first_query_kb": round(sum(size for _, size in first) / 1024, 1),
        "pagefind_first_query_index_kb": round(index_bytes / 1024, 1),
        "search_query_seconds": round(ui_query, 2),
        "pagefind_query_ms": round(common["ms"], 1),
        "pagefind_query_results": common["results"],
        "pagefind_selective_query_ms": round(selective["ms"], 1),
        "pagefind_selective_query_results": selective["results"],
    }


# Offline search ------------------------------------------------------------------------

KNOWN_ITEM_MATERIAL_MAX = 1_000
# Long tasks (PerformanceObserver) from the page's start, for the longest block search causes.
_LONG_TASKS = """window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__longTasks.push([entry.startTime, entry.duration]);
}).observe({type: "longtask", buffered: true});"""
# Types `text` into the header's box one character per input event, each as soon as the
# previous one's results show (or all at once, `burst`: typing faster than anything
# answers), and gives each keystroke's milliseconds until its results were on screen.
_TYPE = """async ([text, burst]) => {
  const input = document.querySelector(".md-search__input");
  const hub = window.__clippingsSearch;
  const shown = (query) => hub.rendered && hub.rendered.query === query;
  const until = async (query) => { while (!shown(query)) await new Promise((r) => setTimeout(r, 0)); };
  input.focus();
  const start = input.value, times = [], began = performance.now();
  for (let at = 1; at <= text.length; at++) {
    const typed = performance.now();
    input.value = start + text.slice(0, at);
    input.dispatchEvent(new Event("input", {bubbles: true}));
    if (!burst) { await until(input.value); times.push(hub.rendered.at - typed); }
  }
  if (burst) { await until(input.value); times.push(hub.rendered.at - began); }
  return {times, began, total: hub.rendered.total};
}"""


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def offline_readiness(
    site_dir: Path, base_url: str, chromium: str = "/usr/bin/chromium"
) -> dict[str, Any]:
    """Our search in Chromium, on an article page at `base_url` (file:// or http):

    - ready: ms from the reader's first focus on the box (right after the load event)
      until the manifest and stemmers are in;
    - first query: on a fresh page, "kazakhstan foreign" typed at once straight after
      load, ms until its results show (including every index file it needed);
    - next keystrokes: then " policy", and a new query "president tokayev", one key at a
      time: median and slowest ms from each key to its results;
    - the longest long task after the first keystroke, requests that left the page's
      scheme (from file:// there must be none), and index files loaded.
    """
    from playwright.sync_api import sync_playwright

    article = next(iter(sorted((site_dir / "articles").glob("*.html")))).name
    url = base_url + "articles/" + article
    outside: list[str] = []
    scheme = base_url.split(":", 1)[0]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        context = browser.new_context()
        context.add_init_script(_LONG_TASKS)
        context.on(
            "request",
            lambda r: (
                outside.append(r.url)
                if r.url.split(":", 1)[0] not in (scheme, "data", "about")
                else None
            ),
        )
        page = context.new_page()
        page.set_default_timeout(120_000)
        page.goto(url, wait_until="load")
        ready = page.evaluate(
            """async () => { const t = performance.now();
              document.querySelector(".md-search__input").focus();
              await window.__clippingsSearch.ready(); return performance.now() - t; }"""
        )
        page.close()
        page = context.new_page()
        page.goto(url, wait_until="load")
        first = page.evaluate(_TYPE, ["kazakhstan foreign", True])
        more = page.evaluate(_TYPE, [" policy", False])
        page.fill(".md-search__input", "")
        again = page.evaluate(_TYPE, ["president tokayev", False])
        tasks = page.evaluate("window.__longTasks")
        files = page.evaluate(
            "performance.getEntriesByType('resource').filter((e) => e.name.includes('/search/')).length"
        )
        browser.close()
    keystrokes = more["times"] + again["times"]
    blocks = [duration for start, duration in tasks if start >= first["began"]]
    return {
        "ready_ms": round(ready, 1),
        "first_query_ms": round(first["times"][0], 1),
        "first_query_results": first["total"],
        "keystroke_median_ms": round(_median(keystrokes), 1),
        "keystroke_max_ms": round(max(keystrokes), 1),
        "longest_task_ms": round(max(blocks, default=0), 1),
        "long_tasks": len(blocks),
        "index_files_loaded": files,
        "requests_outside": len(outside),
    }


def known_item_queries(config: ProjectConfig, words: int = 4) -> list[tuple[str, str]]:
    """For every article, (its page, a query of its title's `words` rarest words in title
    order): the words a reader remembers of a title they look for."""
    from collections import Counter

    from clippings import search_terms
    from clippings.site.records import read_records

    records = read_records(config.articles_dir)
    stop = {w for group in search_terms.rules()["stopwords"].values() for w in group}
    df: Counter[str] = Counter()
    for record in records:
        df.update(set(search_terms.words(record.title + " " + record.body)))
    queries = []
    for record in records:
        title = list(dict.fromkeys(w for w in search_terms.words(record.title) if w not in stop))
        rarest = set(sorted(title, key=lambda w: (df[w], w))[:words])
        queries.append((f"articles/{record.slug}.html", " ".join(w for w in title if w in rarest)))
    return queries


_KNOWN_ITEM_OURS = """async (queries) => {
  let hits = 0;
  for (const [url, query] of queries) {
    const found = await window.__clippingsSearch.query(query, {}, 3);
    if (found.urls.includes(url)) hits += 1;
  }
  return hits;
}"""


def known_item(config: ProjectConfig, site_dir: Path, chromium: str = "/usr/bin/chromium") -> dict:
    """Share of articles found in the top 3 by their known-item query, through our engine in
    the page (from file://)."""
    from playwright.sync_api import sync_playwright

    queries = known_item_queries(config)
    hits = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_default_timeout(600_000)
        page.goto((site_dir / "index.html").as_uri())
        started = time.perf_counter()
        for at in range(0, len(queries), 500):
            hits += page.evaluate(_KNOWN_ITEM_OURS, queries[at : at + 500])
        seconds = time.perf_counter() - started
        browser.close()
    return {
        "known_item_top3": round(hits / len(queries), 4),
        "known_item_queries": len(queries),
        "known_item_ms_per_query": round(seconds * 1000 / len(queries), 2),
    }


# Material's own worker (lunr), set up with its index and asked each query as its search
# box would; the top 3 results' pages.
_KNOWN_ITEM_MATERIAL = """async (queries) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const worker = new Worker(new URL(config.search, location.href));
  const index = await (await fetch("search/search_index.json")).json();
  const next = () => new Promise((resolve) => { worker.onmessage = (event) => resolve(event.data); });
  let answer = next();
  // As Material's bundle sends it: the index plus its options (suggestions off).
  worker.postMessage({type: 0, data: {...index, options: {suggest: false}}});
  while ((await answer).type !== 1) answer = next();
  let hits = 0;
  for (const [url, query] of queries) {
    answer = next();
    worker.postMessage({type: 2, data: query});
    let message = await answer;
    while (message.type !== 3) { answer = next(); message = await answer; }
    const pages = message.data.items.slice(0, 3).map((group) => group[0].location.split("#")[0]);
    if (pages.includes(url)) hits += 1;
  }
  worker.terminate();
  return hits;
}"""


def material_known_item(
    config: ProjectConfig, site_dir: Path, chromium: str = "/usr/bin/chromium"
) -> dict:
    """The same known-item queries through Material's lunr search (its worker, over http)."""
    from playwright.sync_api import sync_playwright

    queries = known_item_queries(config)
    with served(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_default_timeout(1_800_000)
        page.goto(base + "index.html")
        hits = page.evaluate(_KNOWN_ITEM_MATERIAL, queries)
        browser.close()
    return {"known_item_top3": round(hits / len(queries), 4), "known_item_queries": len(queries)}


_SEARCH_MEASURES = (
    ("ready_ms", "ready", "#9fa8da"),
    ("first_query_ms", "first results", "#3f51b5"),
    ("keystroke_median_ms", "next key, median", "#009688"),
    ("keystroke_max_ms", "next key, slowest", "#80cbc4"),
    ("longest_task_ms", "longest block", "#ff7043"),
)


def search_svg(results: list[dict[str, Any]]) -> str:
    """Our search's browser timings per corpus size, from file:// and over http, as bars."""
    groups = [
        (f"{r['articles']:,} {where}", r[f"offline_{where}"])
        for r in results
        if r.get("search") == "offline" and "offline_file" in r
        for where in ("file", "http")
    ]
    width, height, margin, bar = 640, 360, 56, 14
    top = max([m.get(key, 0) for _, m in groups for key, _, _ in _SEARCH_MEASURES] + [300]) * 1.1
    step = (width - 2 * margin) / max(1, len(groups))

    def y(value: float) -> float:
        return height - margin - value / top * (height - 2 * margin)

    text = 'font-family="sans-serif"'
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-label="Offline search timings">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<line x1="{margin}" y1="{height - margin}" x2="{width - margin}" y2="{height - margin}" stroke="#333"/>',
        f'<text x="16" y="{height / 2}" transform="rotate(-90 16 {height / 2})" text-anchor="middle" font-size="13" {text}>milliseconds</text>',
    ]
    for target in (100, 300):
        parts.append(
            f'<line x1="{margin}" y1="{y(target):.1f}" x2="{width - margin}" y2="{y(target):.1f}" stroke="#bbb" stroke-dasharray="4 4"/>'
            f'<text x="{width - margin}" y="{y(target) - 4:.1f}" text-anchor="end" font-size="10" {text}>{target} ms target</text>'
        )
    for index, (label, measured) in enumerate(groups):
        left = margin + index * step + (step - bar * len(_SEARCH_MEASURES)) / 2
        for offset, (key, _, colour) in enumerate(_SEARCH_MEASURES):
            value = measured.get(key, 0)
            parts.append(
                f'<rect x="{left + offset * bar:.1f}" y="{y(value):.1f}" width="{bar - 2}" height="{height - margin - y(value):.1f}" fill="{colour}"/>'
            )
        parts.append(
            f'<text x="{margin + index * step + step / 2:.1f}" y="{height - margin + 18}" text-anchor="middle" font-size="11" {text}>{label}</text>'
        )
    for index, (_, name, colour) in enumerate(_SEARCH_MEASURES):
        parts.append(
            f'<text x="{margin + 12}" y="{margin - 30 + 14 * index}" font-size="11" {text} fill="{colour}">{name}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
