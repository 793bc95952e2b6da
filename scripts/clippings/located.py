"""Located errors: a problem with the file and line an editor should open, `path:line: message`.

Every reader of hand-written YAML (sidecars, vocabularies, front matter) says
where a problem is the same way, and `clippings check` lists them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True, order=True)
class Located:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class LocatedError(ValueError):
    """A file that cannot be used; `located` says where and why."""

    def __init__(self, path: str | Path, line: int, message: str) -> None:
        self.located = Located(str(path), line, message)
        super().__init__(str(self.located))


def yaml_problem(error: yaml.YAMLError, first_line: int = 1) -> tuple[int, str]:
    """The file line a YAML error is on and what it is; `first_line`: the file line the
    YAML starts on (front matter starts on line 2, after its `---`)."""
    mark = getattr(error, "problem_mark", None)
    line = mark.line + first_line if mark else 1
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    return line, f"YAML syntax error: {problem}"
