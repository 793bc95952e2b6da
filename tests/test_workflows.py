"""The GitHub workflows parse and call only commands this project has.

actionlint is not installable here (its PyPI package builds from source with a
download), so this checks what matters most: structure and the commands run.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from clippings.cli import main

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
MAKE_TARGETS = set(
    re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
)


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_well_formed(path: Path) -> None:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert workflow["name"]
    assert True in workflow or "on" in workflow  # YAML 1.1 reads the key `on` as True
    for name, job in workflow["jobs"].items():
        assert job["runs-on"].startswith("ubuntu"), name
        for step in job.get("steps", []):
            assert ("uses" in step) != ("run" in step), step
            if "uses" in step:
                assert re.match(r"^[\w-]+/[\w-]+@v\d+$", step["uses"]), step["uses"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_commands_exist(path: Path) -> None:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    for step in _steps(workflow):
        for target in re.findall(r"\bmake ([a-z-]+)", step.get("run", "")):
            assert target in MAKE_TARGETS, f"make {target}"
        for command in re.findall(r"clippings ([a-z-]+)", step.get("run", "")):
            assert command in main.commands, f"clippings {command}"
