"""The GitHub workflows parse, call only commands this project has, and stay safe
to run on contributors' pull requests.

actionlint is not installable here (its PyPI package builds from source with a
download), so this checks structure and the commands run; zizmor (pinned in the
test extra, also run by `make lint`) audits security, and the tests below keep
the rules of issue 17 even where zizmor would only warn.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from clippings.cli import main

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
MAKE_TARGETS = set(
    re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
)
ZIZMOR = Path(sys.executable).parent / "zizmor"

# `uses: owner/repo[/path]@<full commit SHA> # v1.2.3`: a tag can be moved to other
# code, a commit cannot, and the comment tells Dependabot and readers the release.
PINNED_USES = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40} # v\d+(\.\d+){0,2}$")
# What a job that holds a write permission may hold: what a Pages deployment needs.
DEPLOY_WRITES = {"pages", "id-token"}
# All that a workflow may upload: the built site and its zip, never the workspace.
UPLOADABLE = {"build/site", "build/clippings-offline-site.zip"}


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _triggers(workflow: dict) -> dict:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as True
    return on if isinstance(on, dict) else {name: None for name in [on] if name}


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _uses_lines(path: Path) -> list[str]:
    """Every `uses:` value as written, comment included (YAML parsing drops comments)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [m.group(1) for line in lines if (m := re.match(r"^\s*(?:- )?uses:\s*(.+)$", line))]


def _writes(permissions: object) -> set[str]:
    if isinstance(permissions, str):  # write-all, read-all
        return {"*"} if permissions.endswith("write-all") else set()
    return {scope for scope, level in (permissions or {}).items() if level == "write"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_well_formed(path: Path) -> None:
    workflow = _load(path)
    assert workflow["name"]
    assert _triggers(workflow)
    for name, job in workflow["jobs"].items():
        assert job["runs-on"].startswith("ubuntu"), name
        for step in job.get("steps", []):
            assert ("uses" in step) != ("run" in step), step


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_commands_exist(path: Path) -> None:
    workflow = _load(path)
    for step in _steps(workflow):
        for target in re.findall(r"\bmake ([a-z-]+)", step.get("run", "")):
            assert target in MAKE_TARGETS, f"make {target}"
        for command in re.findall(r"clippings ([a-z-]+)", step.get("run", "")):
            assert command in main.commands, f"clippings {command}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit(path: Path) -> None:
    uses = _uses_lines(path)
    assert uses, "a workflow without actions: the check below would prove nothing"
    for value in uses:
        assert PINNED_USES.match(value), f"{path.name}: unpinned action {value!r}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_write_permission_at_workflow_level(path: Path) -> None:
    workflow = _load(path)
    assert "permissions" in workflow, "without it the token gets the repository's default"
    assert workflow["permissions"] in ({}, {"contents": "read"}), workflow["permissions"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_only_a_job_without_project_code_may_write(path: Path) -> None:
    for name, job in _load(path)["jobs"].items():
        assert "permissions" in job, f"{name}: every job states its own permissions"
        writes = _writes(job["permissions"])
        if writes:
            assert writes <= DEPLOY_WRITES, f"{name}: {writes}"
            runs_code = [s for s in job["steps"] if "run" in s or "checkout" in s.get("uses", "")]
            assert not runs_code, f"{name} holds {writes} and runs the project's code"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_secrets_and_no_privileged_trigger(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not {"pull_request_target", "workflow_run"} & set(_triggers(_load(path)))
    assert not re.search(r"\$\{\{[^}]*\bsecrets\b|secrets:\s*inherit", text)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_security_is_explained_at_the_top(path: Path) -> None:
    header = path.read_text(encoding="utf-8").split("\nname:")[0]
    assert all(line.startswith("#") or not line for line in header.splitlines())
    assert "Security:" in header and "secrets" in header


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkout_keeps_no_credentials_and_uploads_are_the_site(path: Path) -> None:
    for step in _steps(_load(path)):
        action = step.get("uses", "").split("@")[0]
        if action == "actions/checkout":
            assert step.get("with", {}).get("persist-credentials") is False, step
        if action in {"actions/upload-artifact", "actions/upload-pages-artifact"}:
            assert step["with"]["path"] in UPLOADABLE, step


def _zizmor(target: Path) -> list[dict]:
    result = subprocess.run(
        [ZIZMOR, "--offline", "--persona", "pedantic", "--format", "json", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    # 0: no findings; 10 to 14: findings, by their highest severity; else zizmor failed.
    assert result.returncode == 0 or 10 <= result.returncode <= 14, result.stderr
    return json.loads(result.stdout)


def test_zizmor_finds_nothing_in_our_workflows() -> None:
    findings = _zizmor(ROOT / ".github")
    assert findings == [], [f["ident"] for f in findings]


def test_zizmor_catches_the_problems_issue_17_fixed(tmp_path: Path) -> None:
    workflows = tmp_path / ".github/workflows"
    workflows.mkdir(parents=True)
    (workflows / "bad.yml").write_text(
        "name: bad\n"
        "on: pull_request\n"
        "permissions:\n  contents: write\n"
        "jobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - uses: actions/upload-artifact@v4\n        with:\n          path: .\n",
        encoding="utf-8",
    )
    found = {f["ident"] for f in _zizmor(tmp_path / ".github")}
    assert {"unpinned-uses", "excessive-permissions", "artipacked"} <= found
