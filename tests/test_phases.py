"""The converter's phases are numbered one way: 1 (plan) and 2 (write), as the README says."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHASE = re.compile(r"(?:two )?\bphases?\b[^\n]{0,20}", re.IGNORECASE)
NAMED = re.compile(r"Phase 1 \(plan\)|Phase 2 \(write\)")


def test_every_module_docstring_names_its_phase_the_readme_way() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "1. **Plan**" in readme and "2. **Write**" in readme
    for path in sorted((ROOT / "scripts/clippings").glob("*.py")):
        docstring = path.read_text(encoding="utf-8").split('"""')[1]
        for mention in PHASE.findall(docstring):
            assert NAMED.match(mention) or "two phases" in mention, f"{path.name}: {mention!r}"
