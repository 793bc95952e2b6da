"""Rendering is deterministic, signed, and the same with either YAML emitter."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from clippings.articlefile import is_hand_edited, render_document

_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=60))
_metadata = st.dictionaries(
    st.sampled_from(["title", "subtitle", "author", "outlet", "description", "words"]),
    _scalar,
    min_size=1,
).map(
    lambda m: {
        **m,
        "themes": ["china", "russia"],
        "dropped": [{"line": 1, "as": "title", "text": str(m)}],
    }
)


def test_the_fast_emitter_is_the_one_in_use() -> None:
    from clippings.articlefile import _Dumper

    assert issubclass(_Dumper, yaml.CSafeDumper)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(_metadata, st.text(max_size=200))
def test_rendering_is_deterministic_signed_and_round_trips(metadata: dict, body: str) -> None:
    first = render_document(metadata, body)
    assert first == render_document(dict(metadata), body)
    assert not is_hand_edited(first)
    assert not is_hand_edited(first.replace("\n---\n", "\n---\n", 1))
    loaded = yaml.safe_load(first.split("\n---\n", 1)[0].removeprefix("---\n"))
    assert {k: v for k, v in loaded.items() if k != "checksum"} == metadata
