"""The direct YAML path writes exactly what frontmatter.dumps with PyYAML's representer wrote."""

from __future__ import annotations

import datetime as dt

import frontmatter
from hypothesis import given, settings
from hypothesis import strategies as st

from clippings.articlefile import _dump, _Dumper


def _through_frontmatter(metadata: dict, body: str) -> str:
    post = frontmatter.Post(body, **metadata)
    text = frontmatter.dumps(post, Dumper=_Dumper, sort_keys=False, width=1_000_000)
    return text.rstrip("\n") + "\n"


# Strings YAML might read back as something else (bools, nulls, numbers, syntax).
TRICKY = [
    "yes",
    "No",
    "~",
    "",
    "null",
    "1.5",
    "0x1F",
    "-",
    "- a",
    "#x",
    "'q'",
    "2024-01-01",
    "<<",
    "=",
    "!t",
]
SCALARS = st.one_of(st.text(), st.integers(), st.booleans(), st.none(), st.sampled_from(TRICKY))
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=12,
)
KEYS = st.text(min_size=1, max_size=8).filter(str.isidentifier)


@settings(max_examples=1500, deadline=None)
@given(st.dictionaries(KEYS, VALUES, max_size=6), st.text())
def test_same_text_as_frontmatter(metadata: dict, body: str) -> None:
    assert _dump(metadata, body) == _through_frontmatter(metadata, body)


def test_shared_containers_and_other_types_fall_back_to_pyyaml() -> None:
    shared = [1, 2]
    metadata = {"a": shared, "b": shared, "c": 1.5, "d": dt.date(2024, 1, 2)}
    assert _dump(metadata, "x") == _through_frontmatter(metadata, "x")
