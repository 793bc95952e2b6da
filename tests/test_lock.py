"""The hashed locks in requirements/ cover every pin in pyproject.toml.

`make setup` and `make setup-test` install only from these files (pip
--require-hashes), so a pin added to pyproject.toml without `make lock` would
leave the package out, or at another version, on every fresh machine and in CI.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PIN = re.compile(r"^([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([^\s;]+)$")
# A lock entry: `name==version [; marker] \` followed by its `--hash=sha256:` lines.
LOCK_ENTRY = re.compile(
    r"^([a-z0-9._-]+)==(\S+)[^\n]*((?:\n +--hash=sha256:[0-9a-f]{64}(?: \\)?)*)", re.M
)


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(specs: list[str]) -> dict[str, str]:
    pins = {}
    for spec in specs:
        match = PIN.match(spec)
        assert match, f"pyproject.toml: {spec!r} is not pinned with =="
        pins[_normalise(match.group(1))] = match.group(2)
    return pins


def _lock(name: str) -> dict[str, set[str]]:
    """Package to its locked versions (a universal lock may hold two, under markers)."""
    text = (ROOT / "requirements" / name).read_text(encoding="utf-8")
    versions: dict[str, set[str]] = {}
    for package, version, hashes in LOCK_ENTRY.findall(text):
        assert hashes, f"requirements/{name}: {package} has no hash"
        versions.setdefault(_normalise(package), set()).add(version)
    return versions


BUILD = _pins(PYPROJECT["build-system"]["requires"])
RUNTIME = _pins(PYPROJECT["project"]["dependencies"])
TEST = _pins(PYPROJECT["project"]["optional-dependencies"]["test"])
LOCKS = {
    "site.txt": BUILD | RUNTIME,
    "test.txt": BUILD | RUNTIME | TEST,
    "uv.txt": _pins(PYPROJECT["dependency-groups"]["lock"]),
    "pip.txt": _pins(PYPROJECT["dependency-groups"]["bootstrap"]),
}


@pytest.mark.parametrize(("lock", "pins"), LOCKS.items(), ids=list(LOCKS))
def test_lock_holds_every_pin_of_pyproject(lock: str, pins: dict[str, str]) -> None:
    locked = _lock(lock)
    stale = {name: (version, locked.get(name)) for name, version in pins.items()}
    stale = {name: v for name, v in stale.items() if v[1] != {v[0]}}
    assert not stale, f"requirements/{lock} is stale (run make lock): {stale}"


def test_site_lock_is_the_test_lock_without_the_test_tools() -> None:
    site, test = _lock("site.txt"), _lock("test.txt")
    assert {name: test.get(name) for name in site} == site
    assert not set(TEST) & set(site)
