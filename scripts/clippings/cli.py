"""The `clippings` command line: one group, help text on every command and option."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from clippings.clock import BadSourceDateEpoch
from clippings.config import ProjectConfig
from clippings.convert import ConvertLockedError, Report, convert
from clippings.vocab import VocabularyError

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


jobs_option = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 64),
    default=lambda: min(os.cpu_count() or 1, 8),
    show_default="number of CPUs",
    help="Worker processes.",
)


def _config(ctx: click.Context) -> ProjectConfig:
    return ctx.obj


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--project",
    type=click.Path(file_okay=False, path_type=Path),
    help="Project folder (with sources/, vocabularies/, docs/). Default: found from the current folder.",
)
@click.version_option(package_name="clippings")
@click.pass_context
def main(ctx: click.Context, project: Path | None) -> None:
    """Turn raw, web-extracted articles into a clean, cross-linked reading site.

    Raw texts live in sources/, editors' corrections in sources/<name>.yml,
    vocabularies in vocabularies/; articles are written to docs/articles/.
    """
    ctx.obj = ProjectConfig(project.resolve()) if project else ProjectConfig.discover()


@main.command(name="convert")
@click.argument("sources", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write articles here instead of docs/articles/.",
)
@jobs_option
@click.option(
    "--force",
    is_flag=True,
    help="Overwrite generated files that were edited by hand (a .bak copy is kept), and "
    "articles whose sidecar line numbers now point at different lines.",
)
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="Reconvert unchanged sources too (after changing the converter's code).",
)
@click.pass_context
def convert_command(
    ctx: click.Context,
    sources: tuple[Path, ...],
    out_dir: Path | None,
    jobs: int,
    force: bool,
    everything: bool,
) -> None:
    """Convert raw texts into docs/articles/<slug>.md.

    With no SOURCES, converts every sources/*.txt and removes articles whose
    source is gone. Unchanged sources are skipped. Exit code 0 when all
    converted, 1 when a file was refused, 2 on a usage error.
    """
    config = _config(ctx)
    missing = [p for p in sources if not p.is_file()]
    if missing:
        raise click.UsageError(f"no such file: {missing[0]}")
    console = Console(stderr=True, soft_wrap=True)
    paths = [p.resolve() for p in sources] if sources else None
    try:
        with _progress(console, len(paths) if paths else len(config.source_paths())) as advance:
            report = convert(
                config,
                paths,
                out_dir=out_dir,
                jobs=jobs,
                force=force,
                everything=everything,
                progress=advance,
            )
    except (VocabularyError, ConvertLockedError, BadSourceDateEpoch) as error:
        console.print(f"[red]error:[/] {error}", highlight=False)
        sys.exit(EXIT_REFUSED)
    except OSError as error:
        console.print(
            f"[red]error:[/] cannot write to {error.filename}: {error.strerror}", highlight=False
        )
        sys.exit(EXIT_REFUSED)
    _print_report(console, report)
    sys.exit(EXIT_OK if report.ok else EXIT_REFUSED)


class _progress:
    """A progress bar on a terminal, nothing when output is piped or in CI."""

    def __init__(self, console: Console, total: int) -> None:
        self.bar = (
            Progress(
                TextColumn("converting"),
                BarColumn(),
                MofNCompleteColumn(),
                console=console,
                transient=True,
            )
            if console.is_terminal
            else None
        )
        self.total = total

    def __enter__(self):
        if self.bar is None:
            return lambda _n: None
        self.bar.start()
        task = self.bar.add_task("convert", total=self.total)
        return lambda n: self.bar.advance(task, n)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def _print_report(console: Console, report: Report) -> None:
    for refusal in report.refused:
        console.print(f"[red]refused[/] {refusal.label}: {refusal.reason}", highlight=False)
    for label in report.removed:
        console.print(
            f"[yellow]removed[/] the article of {label}: its source is gone", highlight=False
        )
    console.print(
        f"{len(report.converted)} converted, {len(report.unchanged)} unchanged, {len(report.refused)} refused",
        highlight=False,
    )


_ROLE_STYLES = {
    "title": "bold cyan",
    "dek": "cyan",
    "byline": "magenta",
    "body": "default",
    "heading": "bold",
    "author_bio": "magenta",
    "caption": "yellow",
    "credit": "yellow",
    "boilerplate": "red",
}


@main.command()
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def explain(ctx: click.Context, source: Path) -> None:
    """Show every line of SOURCE with its role and the rule that decided it.

    A line the sidecar overruled (drop, keep, body, title_line, byline_line,
    dek_line) shows the rule `editor` and, under it, the sidecar line that
    decided it. Then the metadata found and the evidence for each theme.
    Nothing is written.
    """
    from clippings import contract, sources
    from clippings.analyse import analyse
    from clippings.overrides import EDITOR

    config = _config(ctx)
    console = Console(highlight=False, soft_wrap=True)
    loaded = sources.read_source(source.resolve(), config.root)
    if isinstance(loaded, sources.Refusal):
        console.print(f"[red]refused[/] {loaded.label}: {loaded.reason}")
        sys.exit(EXIT_REFUSED)
    collection = sources.read_collection(config)
    context = collection.context if collection.readable else None
    article = analyse(loaded, context or sources.load_context(config, [loaded.text]))
    for decision in article.decisions:
        style = _ROLE_STYLES.get(decision.role, "default")
        console.print(
            f"{decision.number:>4}  [{style}]{decision.label:<30}[/] [dim]{decision.rule:<20}[/] ",
            end="",
        )
        console.print(decision.text, markup=False, style=style if not decision.kept else None)
        if decision.rule == EDITOR:
            console.print(f"{'':>37}[dim]by[/] ", end="")
            console.print(decision.reason, markup=False)
    console.print()
    for key in contract.article_contract().sidecar_fields:  # the fields an editor can correct
        if article.metadata.get(key) is not None:
            console.print(f"[bold]{key}:[/] ", end="")
            console.print(str(article.metadata[key]), markup=False)
    for match in article.themes:
        evidence = ", ".join(f"{term}×{count}" for term, count in match.evidence)
        console.print(f"[bold]theme[/] {match.slug} [dim](score {match.score:g}: {evidence})[/]")
    if not article.themes:
        console.print("[yellow]no theme matched[/]")
    console.print(f"[bold]entities:[/] {', '.join(article.metadata['entities']) or 'none'}")


@main.command()
@click.argument(
    "sources", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.pass_context
def add(ctx: click.Context, sources: tuple[Path, ...]) -> None:
    """Convert newly added SOURCES and say what was found, dropped and doubtful.

    For each file: title, author, outlet, genre and themes with their evidence;
    every dropped line with its rule; and a warning, with the fix, for anything an
    editor should look at (no author, unknown outlet, no theme, no URL, a
    near-duplicate, a kept line that looks like boilerplate). Kept lines that
    read least like prose (short or no sentence, outside the main run of
    paragraphs) come with the sidecar `drop:` line that would remove them.
    """
    from clippings.editor import add_sources

    config = _config(ctx)
    console = Console(highlight=False, soft_wrap=True)
    ok = add_sources(config, [p.resolve() for p in sources], console)
    sys.exit(EXIT_OK if ok else EXIT_REFUSED)


@main.command()
@click.pass_context
def check(ctx: click.Context) -> None:
    """Validate the whole collection; print every problem as file:line: message.

    Checks front matter against the JSON Schema, theme/entity/outlet references
    against the vocabularies, sidecars (including line selectors that point
    nowhere, contradict each other, or whose line number now points at a
    different line than when the article was converted), that generated
    articles are in sync with sources/ and the vocabularies, and that no article
    is duplicated. Exit code 1 when there is any problem.
    """
    from clippings.check import check_project

    problems = check_project(_config(ctx))
    for problem in problems:
        click.echo(str(problem))
    click.echo(f"{len(problems)} problem(s)" if problems else "collection is valid")
    sys.exit(EXIT_REFUSED if problems else EXIT_OK)


@main.command()
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Exit 1 if a generated page is out of date instead of writing it.",
)
@click.pass_context
def reference(ctx: click.Context, check_only: bool) -> None:
    """Write the generated docs: the CLI reference and the sidecar fields.

    docs/reference.md is this CLI's help, command by command; the sidecar field
    table in CONTRIBUTING.md and the article fields of sidecar.schema.json come
    from the article schema (scripts/clippings/schema/article.schema.json).
    """
    config = _config(ctx)
    stale = []
    for path, text in _generated_docs(config):
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current == text:
            continue
        stale.append(path)
        if not check_only:
            path.write_text(text, encoding="utf-8")
            click.echo(f"wrote {path}")
    if check_only and stale:
        for path in stale:
            click.echo(f"{path} is out of date: run `clippings reference`", err=True)
        sys.exit(EXIT_REFUSED)


def _generated_docs(config: ProjectConfig) -> list[tuple[Path, str]]:
    """Each generated page's path and the text it should have."""
    import json

    from clippings import fielddocs
    from clippings.reference import cli_reference

    docs = [(config.root / "docs" / "reference.md", cli_reference(main))]
    contributing = config.root / "CONTRIBUTING.md"
    if contributing.is_file():
        page = contributing.read_text(encoding="utf-8")
        docs.append((contributing, fielddocs.with_sidecar_table(page)))
    schema = Path(__file__).parent / "schema" / "sidecar.schema.json"
    current = json.loads(schema.read_text(encoding="utf-8"))
    docs.append((schema, fielddocs.schema_text(fielddocs.sidecar_schema(current))))
    return docs


if __name__ == "__main__":
    main()
