"""Build the development corpus from fetched benchmark snapshots.

    python -m tests.devcorpus.build --readability DIR --htmltotext DIR [--out build/devcorpus]

Each page becomes `texts/<id>.txt` (its plain-text dump, one block a line) and
`gold/<id>.json` (a label for every line, plus title, author, outlet, language
and the outlet id used to group folds). The snapshots and everything built from
them stay out of git; `manifest.sha256` beside this script records the checksum
of every built file, so a rebuilt corpus can be verified (`--verify`).
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import html as htmllib
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from tests.devcorpus.gold import BODY, BOILERPLATE, BYLINE, TITLE, label_lines, normalise
from tests.devcorpus.textdump import text_dump

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources.yml"
FIXES = HERE / "gold_fixes.yml"
MANIFEST = HERE / "manifest.sha256"
DEFAULT_OUT = Path("build/devcorpus")
# How alike (difflib ratio) a printed heading and the metadata title must be to be the headline.
HEADLINE_MIN_SIMILARITY = 0.6
MIRROR_HINT = "/work/.mirror/{owner}+{name}/repo"


class BuildError(Exception):
    """A one-line reason the corpus cannot be built."""


@dataclass(frozen=True)
class Page:
    id: str
    source: str
    html: str
    gold_body: list[str]
    title: str | None
    author: str | None
    outlet: str | None
    language: str | None
    url: str | None


class Snapshot:
    """Files of one repository at one commit, read with git (snapshots have no work tree)."""

    def __init__(self, repo: str, git_dir: Path, commit: str) -> None:
        self.repo, self.git_dir, self.commit = repo, git_dir, commit
        if not git_dir.exists():
            raise BuildError(f"snapshot of {repo} not found at {git_dir}: fetch github:{repo}")
        if self._git("cat-file", "-t", commit, check=False).strip() != b"commit":
            raise BuildError(f"{git_dir} has no commit {commit} of {repo}: fetch github:{repo}")

    def _git(self, *args: str, check: bool = True) -> bytes:
        done = subprocess.run(
            ["git", "-C", str(self.git_dir), *args], capture_output=True, check=False
        )
        if check and done.returncode != 0:
            raise BuildError(f"{self.repo}: git {' '.join(args)}: {done.stderr.decode().strip()}")
        return done.stdout

    def names(self, folder: str) -> list[str]:
        return sorted(
            self._git("ls-tree", "--name-only", f"{self.commit}:{folder}").decode().split()
        )

    def read(self, path: str) -> bytes:
        return self._git("show", f"{self.commit}:{path}")


# --- what the page's own markup says (used where a benchmark's gold has no field) ---

_TAG = re.compile(r"<[^>]+>")


def _meta(html: str, key: str) -> str | None:
    """<meta property|name="key" content="..."> in either attribute order."""
    for pattern in (
        rf"<meta[^>]+(?:property|name)\s*=\s*[\"']{re.escape(key)}[\"'][^>]*content\s*=\s*\"([^\"]*)\"",
        rf"<meta[^>]+content\s*=\s*\"([^\"]*)\"[^>]*(?:property|name)\s*=\s*[\"']{re.escape(key)}[\"']",
    ):
        found = re.search(pattern, html, re.IGNORECASE)
        if found and found.group(1).strip():
            return htmllib.unescape(found.group(1)).strip()
    return None


def page_url(html: str) -> str | None:
    found = re.search(
        r"<link[^>]+rel\s*=\s*[\"']canonical[\"'][^>]*href\s*=\s*[\"']([^\"']+)", html, re.I
    )
    return (found.group(1) if found else None) or _meta(html, "og:url")


def page_language(html: str) -> str | None:
    found = re.search(r"<html[^>]*\slang\s*=\s*[\"']?([A-Za-z]{2,3})", html, re.IGNORECASE)
    return found.group(1).lower() if found else None


def headings(html: str) -> list[str]:
    """The page's <h1> texts, then its <h2> texts: where a headline is printed."""
    found = []
    for level in ("h1", "h2"):
        for inner in re.findall(rf"<{level}[^>]*>(.*?)</{level}>", html, re.IGNORECASE | re.DOTALL):
            text = " ".join(htmllib.unescape(_TAG.sub(" ", inner)).split())
            if text:
                found.append(text)
    return found


def printed_headline(html: str, meta_title: str | None) -> str | None:
    """The headline as the page prints it: the heading most like the metadata title.

    Metadata titles carry site suffixes and SEO wording ("How to watch ... | Vox");
    the reader sees the <h1>. With no heading close enough, the metadata title stands.
    """
    if not meta_title:
        return None
    key = normalise(meta_title)
    printed = headings(html)
    if any(normalise(text) == key for text in printed):
        return meta_title
    scored = [
        (difflib.SequenceMatcher(None, normalise(text), key).ratio(), -i, text)
        for i, text in enumerate(printed)
    ]
    best = max(scored, default=(0.0, 0, None))
    return best[2] if best[0] >= HEADLINE_MIN_SIMILARITY else meta_title


def _title_tag(html: str) -> str | None:
    found = re.search(r"<title[^>]*>(.*?)</title>", html, re.IGNORECASE | re.DOTALL)
    return " ".join(htmllib.unescape(found.group(1)).split()) or None if found else None


def decode_html(raw: bytes) -> str:
    """UTF-8, else the charset the page declares, else cp1252 (what browsers assume)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = re.search(rb"charset\s*=\s*[\"']?([\w-]+)", raw[:4096], re.IGNORECASE)
    for encoding in ([declared.group(1).decode()] if declared else []) + ["cp1252"]:
        try:
            return raw.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("utf-8", errors="replace")


def clean_byline(byline: str | None) -> str | None:
    """Readability's byline is the byline element's text: keep the name, drop 'By'."""
    if not byline:
        return None
    first = byline.strip().split("\n")[0].strip()
    first = re.sub(r"^(?:by|par|von|por)\s*:?\s+", "", first, flags=re.IGNORECASE)
    return first or None


# --- the two benchmarks ---


def readability_pages(snapshot: Snapshot, config: dict) -> Iterator[Page]:
    folder, excluded = config["folder"], set(config["exclude"])
    for name in snapshot.names(folder):
        if name in excluded:
            continue
        html = decode_html(snapshot.read(f"{folder}/{name}/source.html"))
        expected = decode_html(snapshot.read(f"{folder}/{name}/expected.html"))
        metadata = json.loads(snapshot.read(f"{folder}/{name}/expected-metadata.json"))
        yield Page(
            id=f"readability-{name}",
            source="readability",
            html=html,
            gold_body=text_dump(expected),
            title=printed_headline(html, metadata.get("title")),
            author=clean_byline(metadata.get("byline")),
            outlet=metadata.get("siteName"),
            language=(metadata.get("lang") or page_language(html) or "").split("-")[0] or None,
            url=page_url(html),
        )


def htmltotext_pages(snapshot: Snapshot, config: dict) -> Iterator[Page]:
    folder, excluded = config["folder"], set(config["exclude"])
    for language in snapshot.names(folder):
        for filename in snapshot.names(f"{folder}/{language}/html"):
            stem = filename.removesuffix(".html")
            if stem in excluded or not stem.startswith(tuple(config["include_prefixes"])):
                continue
            html = decode_html(snapshot.read(f"{folder}/{language}/html/{filename}"))
            text = decode_html(snapshot.read(f"{folder}/{language}/text/{stem}.txt"))
            yield Page(
                id=f"htmltotext-{language}-{stem}",
                source="htmltotext",
                html=html,
                gold_body=[line for line in text.split("\n") if line.strip()],
                title=printed_headline(html, _meta(html, "og:title") or _title_tag(html)),
                author=_meta(html, "author") or _meta(html, "article:author"),
                outlet=_meta(html, "og:site_name"),
                language=language,
                url=page_url(html),
            )


# --- gold ---

_SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or"}


def outlet_id(url: str | None) -> str | None:
    """The registrable domain of the page's URL: what groups an outlet's pages into one fold."""
    found = re.match(r"(?:https?:)?//([^/:?#]+)", url or "")
    if not found:
        return None
    labels = found.group(1).lower().split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def mentions(lines: list[str], name: str | None) -> bool:
    key = normalise(name or "")
    return bool(key) and any(f" {key} " in f" {normalise(line)} " for line in lines)


def quoted(dump: list[str], where: dict | None, page_id: str) -> str | None:
    """The text a correction points at: {line: N (1-based), span: [start, end] (optional)}.

    Corrections point into the dump instead of quoting it, so that no text of a
    page is committed; None stands for "the page prints none".
    """
    if where is None:
        return None
    if not 1 <= where["line"] <= len(dump):
        raise BuildError(f"{page_id}: {FIXES.name} points at line {where['line']}, past the end")
    line = dump[where["line"] - 1]
    start, end = where.get("span", (0, len(line)))
    return line[start:end].strip()


def gold_record(page: Page, fixes: dict) -> tuple[list[str], dict]:
    fix = fixes.get(page.id, {})
    dump = text_dump(page.html)
    if not dump:
        raise BuildError(f"{page.id}: the page has no visible text")
    title_line = fix["title"]["line"] - 1 if fix.get("title") else None
    title = quoted(dump, fix["title"], page.id) if fix.get("title") else page.title
    author = quoted(dump, fix["author"], page.id) if "author" in fix else page.author
    labels = label_lines(dump, page.gold_body, title, author, title_line)
    for number in fix.get("body", []):
        labels[number - 1] = BODY
    if BODY not in labels:
        raise BuildError(f"{page.id}: no dump line matches the gold body")
    title_lines = [line for line, label in zip(dump, labels, strict=True) if label == TITLE]
    byline_lines = [line for line, label in zip(dump, labels, strict=True) if label == BYLINE]
    outlet = quoted(dump, fix["outlet"], page.id) if "outlet" in fix else page.outlet
    gold = {
        "id": page.id,
        "source": page.source,
        "outlet_id": fix.get("outlet_id") or outlet_id(page.url),
        "url": page.url,
        "language": fix.get("language", page.language),
        "title": title_lines[0] if title_lines else title,
        "title_line_found": bool(title_lines),
        "author": author,
        "byline_line": byline_lines[0] if byline_lines else None,
        "outlet": outlet,
        "outlet_named": mentions(dump, outlet),
        "labels": labels,
    }
    if not gold["outlet_id"]:
        raise BuildError(f"{page.id}: no URL in the page; give its outlet_id in {FIXES.name}")
    return dump, gold


def gold_json(gold: dict) -> str:
    """Readable JSON with the labels on one line each ten, so a diff shows which lines moved."""
    fields = json.dumps(
        {k: v for k, v in gold.items() if k != "labels"}, ensure_ascii=False, indent=1
    )
    rows = [gold["labels"][i : i + 10] for i in range(0, len(gold["labels"]), 10)]
    labels = ",\n  ".join(", ".join(json.dumps(label) for label in row) for row in rows)
    return fields[:-2] + f',\n "labels": [\n  {labels}\n ]\n}}\n'


def write_corpus(pages: list[Page], out: Path, fixes: dict) -> list[dict]:
    (out / "texts").mkdir(parents=True, exist_ok=True)
    (out / "gold").mkdir(parents=True, exist_ok=True)
    summary = []
    for page in pages:
        dump, gold = gold_record(page, fixes)
        (out / "texts" / f"{page.id}.txt").write_text("\n".join(dump) + "\n", encoding="utf-8")
        (out / "gold" / f"{page.id}.json").write_text(gold_json(gold), encoding="utf-8")
        counts = {
            label: gold["labels"].count(label) for label in (TITLE, BYLINE, BODY, BOILERPLATE)
        }
        summary.append({k: gold[k] for k in ("id", "source", "outlet_id", "language")} | counts)
    (out / "corpus.json").write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    return summary


def manifest_lines(out: Path) -> list[str]:
    files = sorted([*out.glob("texts/*.txt"), *out.glob("gold/*.json")])
    return [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(out)}" for p in files]


def stale_files(out: Path, pages: list[Page]) -> list[Path]:
    """Files of an earlier build for pages no longer in the corpus."""
    ids = {page.id for page in pages}
    return [p for p in [*out.glob("texts/*.txt"), *out.glob("gold/*.json")] if p.stem not in ids]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--readability", type=Path, help="git dir of mozilla/readability")
    parser.add_argument("--htmltotext", type=Path, help="git dir of leogao2/htmltotext-benchmark")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--verify", action="store_true", help="fail unless the manifest matches")
    parser.add_argument("--write-manifest", action="store_true", help=f"rewrite {MANIFEST.name}")
    args = parser.parse_args(argv)
    config = yaml.safe_load(SOURCES.read_text(encoding="utf-8"))
    fixes = yaml.safe_load(FIXES.read_text(encoding="utf-8")) or {}
    readers = {"readability": readability_pages, "htmltotext": htmltotext_pages}
    try:
        pages = []
        for key, reader in readers.items():
            repo = config[key]["repo"]
            owner, name = repo.split("/")
            git_dir = getattr(args, key) or Path(MIRROR_HINT.format(owner=owner, name=name))
            pages += reader(Snapshot(repo, git_dir, config[key]["commit"]), config[key])
        for path in stale_files(args.out, pages):
            path.unlink()
        summary = write_corpus(pages, args.out, fixes)
    except BuildError as error:
        print(f"devcorpus: {error}", file=sys.stderr)
        return 1
    lines = manifest_lines(args.out)
    (args.out / "manifest.sha256").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if args.write_manifest:
        MANIFEST.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outlets = {row["outlet_id"] for row in summary}
    other = sum(row["language"] != "en" for row in summary)
    print(
        f"devcorpus: {len(summary)} articles, {len(outlets)} outlets, {other} not in English -> {args.out}"
    )
    if args.verify and MANIFEST.read_text(encoding="utf-8").splitlines() != lines:
        print(f"devcorpus: built files differ from {MANIFEST}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
