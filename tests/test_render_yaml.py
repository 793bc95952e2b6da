"""The direct YAML path writes exactly what frontmatter.dumps with PyYAML's representer wrote."""

from __future__ import annotations

import datetime as dt

import frontmatter
from hypothesis import given, settings
from hypothesis import strategies as st

from clippings.articlefile import _dump, _Dumper, _front_with_dropped_block


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


# `dropped` is written without libyaml's nodes (articlefile._front_with_dropped_block):
# entries of its one shape, any text (line breaks, quotes, YAML syntax), repeated or not.
DROPPED_TEXT = st.one_of(st.text(), st.sampled_from([*TRICKY, "a\u2028b", "x\ry", "\x85"]))
DROPPED = st.lists(
    st.builds(
        lambda line, role, text: {"line": line, "as": role, "text": text},
        st.integers(min_value=0, max_value=10**6),
        st.one_of(st.sampled_from(["boilerplate:repeated-line", "dek", "x: y"]), st.text()),
        DROPPED_TEXT,
    ),
    max_size=8,
)


@settings(max_examples=1500, deadline=None)
@given(
    st.dictionaries(KEYS, VALUES, max_size=3), DROPPED, st.dictionaries(KEYS, VALUES, max_size=3)
)
def test_dropped_lines_same_text_as_frontmatter(before: dict, dropped: list, after: dict) -> None:
    metadata = {**before, "dropped": dropped, **{k: v for k, v in after.items() if k not in before}}
    assert _dump(metadata, "body") == _through_frontmatter(metadata, "body")


def test_dropped_entries_of_another_shape_go_to_libyaml_whole() -> None:
    usual = {"title": "T", "dropped": [{"line": 4, "as": "boilerplate:x", "text": "'a'"}]}
    assert _front_with_dropped_block(usual) == (
        "title: T\ndropped:\n- line: 4\n  as: boilerplate:x\n  text: '''a'''\n"
    )
    for dropped in (
        [{"line": 1, "text": "a", "as": "b"}],
        [{"line": True, "as": "b", "text": "a"}],
        [{"line": 1, "as": "b", "text": "a", "more": 1}],
        [{"line": -1, "as": "b", "text": "a"}],
    ):
        metadata = {"title": "T", "dropped": dropped, "words": 3}
        assert _front_with_dropped_block(metadata) is None
        assert _dump(metadata, "x") == _through_frontmatter(metadata, "x")
