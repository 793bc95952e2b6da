"""`python -m tools.bench`: the benchmark's command line (a development tool, not shipped)."""

from __future__ import annotations

from pathlib import Path

import click

from clippings.cli import jobs_option
from clippings.config import ProjectConfig
from tools import bench as benchmark


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--articles",
    "sizes",
    type=click.IntRange(1, 200_000),
    multiple=True,
    default=[1000],
    show_default=True,
    help="Corpus size; repeat for several sizes.",
)
@jobs_option
@click.option(
    "--site/--no-site",
    default=True,
    show_default=True,
    help="Also build our site and a plain Material baseline.",
)
@click.option(
    "--browser",
    is_flag=True,
    help="Also time search in Debian's Chromium (needs the test extra): ours from file:// "
    "and over http (ready, first query, each next keystroke, longest long task) with its "
    "known-item score; Material's from file:// (and its known-item score up to 1,000 "
    "articles); Pagefind's over http://127.0.0.1.",
)
@click.option(
    "--search",
    "searches",
    type=click.Choice(["offline", "material", "pagefind"]),
    multiple=True,
    help="Build our site with this search mode (repeat for several, on the same corpus; "
    "default offline); pagefind also reports Pagefind's indexing time and index size.",
)
@click.option(
    "--corpus",
    type=click.Choice(["seeds", "zipf"]),
    default="seeds",
    show_default=True,
    help="seeds: the seeds' paragraphs recombined; zipf: half of them, half sentences of "
    "words drawn by their real frequency (wordfreq, test extra), so titles are distinct "
    "and the vocabulary grows as real collections do.",
)
@click.option(
    "--from-texts",
    "texts",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Make the corpus from the raw texts in this folder (e.g. the dev corpus's "
    "build/devcorpus/texts), as they are and then as variants with other texts' paragraphs, "
    "instead of recombining the seeds.",
)
@click.option(
    "--plot",
    "plot_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write build and convert time against the number of articles here, as SVG (with "
    "--browser, our search's timings too, beside it as NAME-search.svg).",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the results here as JSON.",
)
@click.option(
    "--project",
    type=click.Path(file_okay=False, path_type=Path),
    help="The checkout whose seeds, vocabularies, docs and theme the corpora are made from. "
    "Default: found from the current folder.",
)
def main(
    project: Path | None,
    sizes: tuple[int, ...],
    jobs: int,
    site: bool,
    browser: bool,
    searches: tuple[str, ...],
    corpus: str,
    texts: Path | None,
    plot_path: Path | None,
    json_path: Path | None,
) -> None:
    """Measure convert and build on generated corpora of --articles N.

    Scenarios: full convert, a rerun with nothing changed, one changed source, a
    vocabulary change; then `mkdocs build` of our site and of plain Material +
    search on the same Markdown, in the same run, as a ratio.
    """
    config = ProjectConfig(project.resolve()) if project else ProjectConfig.discover()
    searches = searches or ("offline",)
    results = benchmark.bench(
        list(sizes), config.root, jobs, site, browser, searches, texts, corpus
    )
    click.echo(benchmark.table(results))
    if json_path:
        command = (
            "python -m tools.bench "
            + " ".join(f"--articles {n}" for n in sizes)
            + f" --jobs {jobs}"
        )
        command += (" --browser" if browser else "") + "".join(
            f" --search {search}" for search in searches
        )
        command += f" --corpus {corpus}" if corpus != "seeds" else ""
        command += f" --from-texts {texts}" if texts else ""
        benchmark.write_json(json_path, results, command)
    if plot_path and site:
        plot_path.write_text(benchmark.svg_plot(results), encoding="utf-8")
        if browser and "offline" in searches:
            search_plot = plot_path.with_name(plot_path.stem + "-search.svg")
            search_plot.write_text(benchmark.search_svg(results), encoding="utf-8")


if __name__ == "__main__":
    main()
