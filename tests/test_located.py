"""Located errors: every reader of hand-written YAML names the file line the same way."""

from __future__ import annotations

from pathlib import Path

import pytest

from clippings.articlefile import FrontMatterError, front_matter
from clippings.located import Located
from clippings.sidecar import SidecarError, read_sidecar
from clippings.vocab import VocabularyError, load_vocabularies

BROKEN = "a: 1\nb: [unclosed\nc: 3\n"


def test_a_sidecar_and_a_vocabulary_give_the_same_line_for_the_same_yaml(tmp_path: Path) -> None:
    with pytest.raises(SidecarError) as sidecar:
        read_sidecar(BROKEN, Path("sources/x.yml"))
    (tmp_path / "themes.yml").write_text(BROKEN, encoding="utf-8")
    with pytest.raises(VocabularyError) as vocabulary:
        load_vocabularies(tmp_path)
    assert sidecar.value.located.line == vocabulary.value.located.line
    assert sidecar.value.located.message == vocabulary.value.located.message
    assert sidecar.value.located.message.startswith("YAML syntax error: ")
    assert str(sidecar.value) == f"sources/x.yml:{sidecar.value.located.line}: " + (
        sidecar.value.located.message
    )


def test_front_matter_lines_count_the_opening_dashes(tmp_path: Path) -> None:
    with pytest.raises(SidecarError) as sidecar:
        read_sidecar(BROKEN, Path("x.yml"))
    with pytest.raises(FrontMatterError) as article:
        front_matter(f"---\n{BROKEN}---\nBody\n")
    assert article.value.line == sidecar.value.located.line + 1
    assert str(article.value) == sidecar.value.located.message


def test_located_reads_as_path_line_message_and_sorts_by_place() -> None:
    problems = [Located("b.yml", 1, "x"), Located("a.yml", 9, "y"), Located("a.yml", 2, "z")]
    assert [str(p) for p in sorted(problems)] == ["a.yml:2: z", "a.yml:9: y", "b.yml:1: x"]
