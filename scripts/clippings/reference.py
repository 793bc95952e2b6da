"""The CLI reference page, generated from `--help` so it cannot drift."""

from __future__ import annotations

import click

HEADER = """# Command reference

This page is generated from `clippings --help` by `clippings reference`; a test
fails when it is out of date or when a command is missing from it. The benchmark
is a development tool, not a `clippings` command: `python -m tools.bench --help` in
a checkout ([performance](performance.md)).

"""


def _help(group: click.Group, name: str | None) -> str:
    command = group if name is None else group.commands[name]
    # A fixed width: the page must not depend on the terminal it was made in.
    settings = {**group.context_settings, "terminal_width": 88, "max_content_width": 88}
    parent = click.Context(group, info_name="clippings", **settings)
    context = (
        parent
        if name is None
        else click.Context(command, info_name=name, parent=parent, **settings)
    )
    with context:
        return command.get_help(context)


def cli_reference(group: click.Group) -> str:
    sections = [HEADER, "## clippings\n\n```text\n" + _help(group, None) + "\n```\n"]
    for name in sorted(group.commands):
        sections.append(f"\n## clippings {name}\n\n```text\n{_help(group, name)}\n```\n")
    return "".join(sections)
