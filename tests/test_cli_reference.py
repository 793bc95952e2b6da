"""The CLI reference page is generated from --help and must stay current and complete."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from clippings.cli import main
from clippings.reference import cli_reference

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs/reference.md").read_text(encoding="utf-8")


def test_reference_page_is_current() -> None:
    assert cli_reference(main) == PAGE, "run `clippings reference` and commit docs/reference.md"


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_and_option_is_documented(name: str) -> None:
    command = main.commands[name]
    assert command.help and command.help.strip(), f"{name} has no help text"
    assert f"## clippings {name}\n" in PAGE
    for parameter in command.params:
        if isinstance(parameter, click.Option):
            assert parameter.help, f"{name} {parameter.opts} has no help text"
            assert parameter.opts[-1] in PAGE
