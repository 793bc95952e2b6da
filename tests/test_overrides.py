"""Editors overrule the cleaner line by line in the sidecar (issue 15)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from clippings.analyse import Context, SourceText, analyse
from clippings.articlefile import render_document
from clippings.clean import Decision
from clippings.cli import main
from clippings.editor import drop_selector, least_like_prose
from clippings.overrides import overrule, selected, selector_problems, stale_numbers
from clippings.rules import default_rules
from clippings.sidecar import Sidecar, SidecarError, read_sidecar, sidecar_keys
from clippings.site import article_page
from clippings.site.records import ArticleRecord, body_of, split_front_matter
from clippings.validate import schema_errors
from clippings.vocab import load_vocabularies

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests/fixtures/new_outlet_raw.txt"
CONTEXT = Context(default_rules(), load_vocabularies(ROOT / "vocabularies"))
ARTICLE = "docs/articles/canada-and-kazakhstan-sign-a-uranium-supply-pact.md"
RELATED_TALKS = (
    "Related talks on a second contract, for enriched fuel, will open in Astana in the autumn."
)
CAPTION = (
    "Drums of uranium concentrate wait for shipment at a Kazatomprom plant in the south of "
    "Kazakhstan."
)
# The fixture fools the cleaner the way real pages do: the byline sits above the headline
# (dropped as page furniture), a photo caption reads like prose (kept), a navigation list
# between paragraphs ends the article early (two paragraphs lost) and a paragraph that
# opens with "Related" is taken for a teaser.
# The fix, with byline_line, drop and keep only, as one readable line each.
FIX = f"""byline_line: 1
drop: [7]
keep: [15, 17, "{RELATED_TALKS}"]
"""
EXPECTED_BODY = [
    "Canada and Kazakhstan signed a long-term agreement on Monday to supply uranium to "
    "Canadian reactors, the two governments said in a joint statement released in Ottawa.",
    "Under the pact, Kazatomprom will ship uranium concentrate to Canadian utilities for ten "
    "years, and the two countries will share research on small modular reactors.",
    "Kazakhstan produces more than 40 per cent of the world's uranium, and Ottawa has sought "
    "suppliers outside Russia since 2022, officials said.",
    "The agreement follows a visit to Astana by Canada's foreign minister in May, during which "
    "both sides discussed energy security and trade.",
    RELATED_TALKS,
]


def sidecar(text: str, label: str = "sources/x.yml") -> Sidecar:
    values, selectors = read_sidecar(text, Path(label))
    return Sidecar(Path(label), values, text, label, selectors)


def decisions_of(text: str, side: Sidecar | None = None) -> list[Decision]:
    source = SourceText("sources/x.txt", "x", "0" * 64, text, side or Sidecar())
    return analyse(source, CONTEXT).decisions


def paragraphs(markdown: str) -> list[str]:
    """The body's paragraphs without their anchors, unescaped enough for plain prose."""
    blocks = [b for b in markdown.strip().split("\n\n") if b.strip()]
    return [re.sub(r"\n\{: #p-[0-9a-f-]+ \}$", "", b).replace("\\.", ".") for b in blocks]


# Parsing -------------------------------------------------------------------------
def test_selectors_by_number_range_and_text_with_their_sidecar_lines() -> None:
    parsed = sidecar('drop: [3-9, 14, "Share this article", {text: "2024"}]\nkeep:\n  - "15"\n')
    assert [(s.key, s.line, s.first, s.last, s.text) for s in parsed.selectors] == [
        ("drop", 1, 3, 9, None),
        ("drop", 1, 14, 14, None),
        ("drop", 1, None, None, "Share this article"),
        ("drop", 1, None, None, "2024"),
        ("keep", 3, 15, 15, None),
    ]
    assert parsed.selectors[2].written == 'drop: "Share this article"'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("drop: 14\n", "s.yml:1: 'drop' must be a list of lines to remove"),
        ("drop: [9-3]\n", "s.yml:1: drop: 9-3 is not a line number or a range from low to high"),
        ("drop: [0]\n", "s.yml:1: drop: 0 is not a line number"),
        ("keep:\n  - 4\n  - [1, 2]\n", "s.yml:3: each keep item is a line number"),
        ("keep: [true]\n", "s.yml:1: each keep item is a line number"),
        ("drop: ['  ']\n", "s.yml:1: drop has an empty text"),
        ("body: {from: 3}\n", "s.yml:1: body is {from: N, to: M}"),
        ("body: {from: 9, to: 3}\n", "s.yml:1: body: from 9 is after to 3"),
        ("title_line: 3-5\n", "s.yml:1: title_line is one line, not a range"),
        ("dek_line: [3]\n", "s.yml:1: 'dek_line' must be the line that holds the standfirst"),
        ("dorp: [3]\n", "s.yml:1: unknown key 'dorp' (did you mean 'drop'?)"),
    ],
)
def test_a_malformed_selector_names_file_and_line(text: str, message: str) -> None:
    with pytest.raises(SidecarError) as error:
        read_sidecar(text, Path("s.yml"))
    assert str(error.value).startswith(message)


SIDECAR_SCHEMA = Draft202012Validator(
    json.loads((ROOT / "scripts/clippings/schema/sidecar.schema.json").read_text(encoding="utf-8"))
)


def test_the_sidecar_schema_documents_every_key_the_converter_reads() -> None:
    assert list(SIDECAR_SCHEMA.schema["properties"]) == list(sidecar_keys())


def test_the_sidecar_schemas_examples_are_sidecars_the_converter_accepts() -> None:
    properties = SIDECAR_SCHEMA.schema["properties"]
    examples = [*SIDECAR_SCHEMA.schema["examples"]] + [
        {key: example} for key, spec in properties.items() for example in spec.get("examples", [])
    ]
    assert len(examples) > 6
    for example in examples:
        values, _ = read_sidecar(yaml.safe_dump(example), Path("s.yml"))
        assert list(SIDECAR_SCHEMA.iter_errors(values)) == [], example


@pytest.mark.parametrize(
    "text", ["drop: 14\n", "title_line: 3-5\n", "body: {from: 3}\n", "keep: [[1]]\n", "dorp: []\n"]
)
def test_the_sidecar_schema_and_the_converter_refuse_alike(text: str) -> None:
    assert list(SIDECAR_SCHEMA.iter_errors(yaml.safe_load(text)))
    with pytest.raises(SidecarError):
        read_sidecar(text, Path("s.yml"))


# Applying ------------------------------------------------------------------------
RAW = FIXTURE.read_text(encoding="utf-8")


def roles(decisions: list[Decision]) -> dict[int, tuple[str, str]]:
    return {d.number: (d.label, d.rule) for d in decisions}


def test_the_cleaner_gets_the_fixture_wrong() -> None:
    wrong = roles(decisions_of(RAW))
    assert wrong[1] == ("boilerplate:before-article", "before-article")  # the byline
    assert wrong[7] == ("body", "body")  # a photo caption
    assert wrong[15] == wrong[17] == ("boilerplate:after-article", "after-article")
    assert wrong[19] == ("boilerplate:read-also", "read-also")  # a real paragraph


def test_overruled_lines_carry_rule_editor_and_the_sidecar_line_as_reason() -> None:
    fixed = decisions_of(RAW, sidecar(FIX, "sources/n.yml"))
    by_number = {d.number: d for d in fixed}
    assert roles(fixed)[1] == ("byline", "editor")
    assert by_number[1].reason == "sources/n.yml:1: byline_line: 1"
    assert roles(fixed)[7] == ("boilerplate:editor", "editor")
    assert by_number[7].reason == "sources/n.yml:2: drop: 7"
    assert roles(fixed)[15] == roles(fixed)[17] == roles(fixed)[19] == ("body", "editor")
    assert by_number[19].reason == f'sources/n.yml:3: keep: "{RELATED_TALKS}"'
    # Lines the editor did not touch, or agreed on, keep the cleaner's rule.
    assert roles(fixed)[21] == ("boilerplate:site-navigation", "site-navigation")
    assert roles(fixed)[3] == ("title", "title")
    assert roles(fixed)[5] == ("body", "body")


def test_title_line_names_the_headline_and_drops_the_cleaners_choice() -> None:
    fixed = decisions_of(RAW, sidecar("title_line: 5\n", "sources/n.yml"))
    by_number = {d.number: d for d in fixed}
    assert roles(fixed)[5] == ("title", "editor")
    assert by_number[5].reason == "sources/n.yml:1: title_line: 5"
    assert roles(fixed)[3] == ("boilerplate:editor", "editor")
    assert by_number[3].reason.endswith("(the cleaner took this line for the title)")


def test_a_line_both_dropped_and_kept_keeps_the_cleaners_decision() -> None:
    fixed = decisions_of(RAW, sidecar("drop: [5, 19]\nkeep: [19]\n"))
    assert roles(fixed)[19] == ("boilerplate:read-also", "read-also")
    assert roles(fixed)[5] == ("boilerplate:editor", "editor")


def test_the_body_frame_drops_kept_lines_outside_it_and_keep_wins_over_it() -> None:
    fixed = roles(decisions_of(RAW, sidecar("body: {from: 9, to: 19}\nkeep: [5]\n")))
    assert fixed[7] == ("boilerplate:editor", "editor")  # kept by the cleaner, outside
    # keep wins over the frame; the cleaner kept line 5 too, so its rule stands.
    assert fixed[5] == ("body", "body")
    assert fixed[15] == (
        "boilerplate:after-article",
        "after-article",
    )  # inside: the cleaner decides
    assert fixed[3] == ("title", "title")  # not body, so the frame leaves it


def test_a_text_selector_follows_its_line_when_lines_shift() -> None:
    side = sidecar(f'drop: ["{CAPTION}"]\n')
    shifted = decisions_of("Northern Ledger\n\n" + RAW, side)
    assert roles(shifted)[9] == ("boilerplate:editor", "editor")


def test_a_bare_name_named_as_the_byline_gives_the_author() -> None:
    source = SourceText("sources/x.txt", "x", "0" * 64, RAW, sidecar("byline_line: 1\n"))
    assert analyse(source, CONTEXT).metadata["author"] == "Dana Sultanova"
    source = SourceText("sources/x.txt", "x", "0" * 64, RAW, sidecar("byline_line: 22\n"))
    assert analyse(source, CONTEXT).metadata["author"] is None  # "World" is no full name


def test_unchanged_when_the_sidecar_has_no_selectors() -> None:
    decisions = decisions_of(RAW)
    assert overrule(decisions, sidecar("title: T\n")) is decisions


# Problems check reports ------------------------------------------------------------
def test_selector_problems() -> None:
    side = sidecar(
        'drop: [5, 40, "Worl", 14]\nkeep: [5]\ntitle_line: 3\nbyline_line: 3\ndek_line: "US & Canada"\n'
        "body: {from: 2, to: 14}\n"
    )
    problems = {
        (p.line, p.message)
        for p in selector_problems(side, decisions_of(RAW), RAW, "sources/x.txt")
    }
    assert problems == {
        (1, "drop: 40: out of range, sources/x.txt has 29 lines"),
        (1, 'drop: "Worl": no line of sources/x.txt reads so (did you mean line 11, "World"?)'),
        (1, "drop: 14: line 14 is blank"),
        (2, "keep: 5 and drop: 5 (line 1) both point at line 5: keep one"),
        (4, "byline_line: 3 and title_line: 3 (line 3) both point at line 3: keep one"),
        (5, 'dek_line: "US & Canada": lines 12, 23 all read so; give the number'),
        (6, "body: {from: 2, to: 14}: lines 2 and 14 are blank"),
    }


def test_stale_numbers_compare_the_committed_record_with_the_text_now() -> None:
    side = sidecar('drop: [7, "Climate"]\ntitle_line: 3\n')
    committed = analyse(SourceText("sources/x.txt", "x", "0" * 64, RAW, side), CONTEXT)
    record = committed.metadata["editor_lines"]
    assert {"line": 7, "text": CAPTION, "by": "drop: 7"} in record
    assert stale_numbers(record, committed.decisions, side) == []
    shifted = decisions_of("Northern Ledger\n\n" + RAW, side)
    stale = {(s.by, s.line, s.was, s.now) for s in stale_numbers(record, shifted, side)}
    assert stale == {
        ("drop: 7", 7, CAPTION, EXPECTED_BODY[0]),
        ("title_line: 3", 3, "Canada and Kazakhstan Sign a Uranium Supply Pact", "Dana Sultanova"),
    }


def test_a_number_reused_for_another_line_after_the_text_moved_is_not_stale() -> None:
    side = sidecar("keep: [15, 17]\n")
    committed = analyse(SourceText("sources/x.txt", "x", "0" * 64, RAW, side), CONTEXT)
    record = committed.metadata["editor_lines"]
    shifted_raw = "Northern Ledger\n\n" + RAW
    unfixed = decisions_of(shifted_raw, side)
    assert {s.by for s in stale_numbers(record, unfixed, side)} == {"keep: 15", "keep: 17"}
    fixed_side = sidecar("keep: [17, 19]\n")  # `keep: 17` now names the old line 15
    fixed = decisions_of(shifted_raw, fixed_side)
    assert stale_numbers(record, fixed, fixed_side) == []


@pytest.mark.parametrize(
    "line",
    [
        'He said "no"',
        "US & Canada",
        "{{ x }}",
        "14",
        "3-9",
        "a: b",
        "#tag",
        "\\ back",
        "'q'",
        "Ünï — x",
    ],
)
def test_adds_suggested_drop_line_parses_back_and_drops_that_line(line: str) -> None:
    text = f"Title Of The Piece\n\n{line}\n\n" + RAW.split("\n", 4)[4]
    decisions = decisions_of(text)
    target = next(d for d in decisions if d.number == 3)
    side = sidecar(f"drop: [{drop_selector(target, decisions)}]\n")
    assert [d.number for d in selected(side.selectors[0], decisions)] == [3]
    assert [d.number for d in decisions_of(text, side) if d.number == 3 and d.kept] == []


# The article page's cleaning report ------------------------------------------------
def test_the_provenance_says_which_removals_were_the_editors() -> None:
    side = sidecar(FIX, "sources/northern_uranium.yml")
    source = SourceText("sources/northern_uranium.txt", "n", "0" * 64, RAW, side)
    article = analyse(source, CONTEXT)
    meta, _ = split_front_matter(render_document(article.metadata, article.body))
    html = article_page.provenance(ArticleRecord("n", meta, ""))
    items = re.findall(r"<li>(.*?)</li>", html.body())
    assert (
        "Removed by the cleaner (12 lines): boilerplate:after-article ×7, boilerplate:copyright ×1, "
        "boilerplate:read-also ×1, boilerplate:site-navigation ×1, byline ×1, title ×1"
    ) in items
    assert "Removed by the editor (1 line), in <code>sources/northern_uranium.yml</code>" in items


# The "Done when", through the CLI -------------------------------------------
@pytest.fixture
def project(tmp_path: Path) -> Path:
    for folder in ("vocabularies", "sources", "docs"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def run(project: Path, *args: str):
    return CliRunner().invoke(main, ["--project", str(project), *args], catch_exceptions=False)


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("\n---", 1)[0][4:])


def test_an_editor_fixes_a_badly_cleaned_article_in_the_sidecar(project: Path) -> None:
    raw = project / "sources/northern_uranium.txt"
    shutil.copy(FIXTURE, raw)
    added = run(project, "add", str(raw))
    assert added.exit_code == 0, added.output
    assert "  author: None\n" in added.output
    assert "dropped line 1 as boilerplate:before-article: Dana Sultanova" in added.output
    assert "dropped line 15 as boilerplate:after-article: Kazakhstan produces" in added.output
    assert "warning no author found" in added.output

    (project / "sources/northern_uranium.yml").write_text(FIX, encoding="utf-8")
    assert run(project, "convert").exit_code == 0
    article = project / ARTICLE
    meta = front_matter(article)
    assert meta["title"] == "Canada and Kazakhstan Sign a Uranium Supply Pact"
    assert paragraphs(body_of(article.read_text(encoding="utf-8"))) == EXPECTED_BODY
    assert meta["author"] == "Dana Sultanova"
    editors = [d["line"] for d in meta["dropped"] if d["as"] == "boilerplate:editor"]
    assert editors == [7]
    explained = run(project, "explain", str(raw)).output
    assert "by sources/northern_uranium.yml:2: drop: 7" in explained
    assert "by sources/northern_uranium.yml:3: keep: 17" in explained
    assert run(project, "check").output == "collection is valid\n"

    entities = project / "vocabularies/entities.yml"
    entities.write_text(
        entities.read_text(encoding="utf-8").replace(
            "  # Organisations\n",
            "  # Organisations\n  - {id: kazatomprom, name: Kazatomprom, kind: organisation}\n",
        ),
        encoding="utf-8",
    )
    assert run(project, "convert").exit_code == 0
    meta = front_matter(article)
    assert "kazatomprom" in meta["entities"]  # reconverted ...
    assert meta["author"] == "Dana Sultanova"  # ... and the fix holds
    assert paragraphs(body_of(article.read_text(encoding="utf-8"))) == EXPECTED_BODY

    raw.write_text("Northern Ledger\n\n" + FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    checked = run(project, "check")
    assert checked.exit_code == 1
    assert (
        "sources/northern_uranium.yml:1: byline_line: 1: line 1 no longer reads as when "
        "canada-and-kazakhstan-sign-a-uranium-supply-pact.md was converted: it was "
        '"Dana Sultanova", it is now "Northern Ledger"; that line is now line 3'
    ) in checked.output
    assert "sources/northern_uranium.yml:2: drop: 7: line 7 no longer reads" in checked.output
    assert "sources/northern_uranium.yml:3: keep: 15: line 15 no longer reads" in checked.output
    assert 'keep: "Related' not in checked.output  # a text selector follows its line

    before = article.read_text(encoding="utf-8")
    refused = run(project, "convert")
    assert refused.exit_code == 1
    assert (
        "refused sources/northern_uranium.txt: sources/northern_uranium.yml: `byline_line: 1` no "
        'longer points at the same line: line 1 was "Dana Sultanova", it is now "Northern Ledger"; '
        "fix the sidecar"
    ) in refused.output
    assert article.read_text(encoding="utf-8") == before  # the record of the old lines stays

    (project / "sources/northern_uranium.yml").write_text(
        FIX.replace("byline_line: 1", "byline_line: 3")
        .replace("[7]", "[9]")
        .replace("[15, 17,", "[17, 19,"),
        encoding="utf-8",
    )
    assert run(project, "convert").exit_code == 0
    assert paragraphs(body_of(article.read_text(encoding="utf-8"))) == EXPECTED_BODY
    assert run(project, "check").output == "collection is valid\n"


def test_convert_force_replaces_an_article_whose_numbers_went_stale(project: Path) -> None:
    raw = project / "sources/northern_uranium.txt"
    shutil.copy(FIXTURE, raw)
    (project / "sources/northern_uranium.yml").write_text("drop: [5]\n", encoding="utf-8")
    assert run(project, "convert").exit_code == 0
    raw.write_text("Northern Ledger\n\n" + FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    assert run(project, "convert").exit_code == 1
    assert run(project, "convert", "--force").exit_code == 0
    assert run(project, "check").output == "collection is valid\n"


# Property: any combination of valid selectors --------------------------------------
_POOL = [
    "",
    "US & Canada",
    "Home",
    "14",
    "3-9",
    "By Dana Sultanova",
    "Share this article",
    "<script>alert(1)</script>",
    "title: injected",
    "# not a heading",
    "Kazakhstan and Canada signed a uranium supply agreement in Ottawa on Monday, officials said.",
    "The pact covers ten years of shipments to Canadian reactors and joint research on fuel.",
]
_texts = st.lists(
    st.one_of(st.sampled_from(_POOL), st.text(max_size=40)), min_size=1, max_size=16
).map("\n".join)


def _selector(draw, lines: list[str], allow_range: bool = True):
    """A valid selector for `lines`: a number, a range, or a line's text."""
    count = len(lines)
    texts = sorted({" ".join(line.split()) for line in lines if line.strip()})
    kinds = ["number", "range"] if allow_range else ["number"]
    kind = draw(st.sampled_from([*kinds, "text"] if texts else kinds))
    if kind == "text":
        return {"text": draw(st.sampled_from(texts))}
    first = draw(st.integers(1, count))
    if kind == "number":
        return first
    return f"{first}-{draw(st.integers(first, count))}"


@st.composite
def _article_with_sidecar(draw):
    text = draw(_texts)
    lines = text.split("\n")
    values: dict = {}
    for key in ("drop", "keep"):
        if draw(st.booleans()):
            values[key] = [_selector(draw, lines) for _ in range(draw(st.integers(1, 4)))]
    if draw(st.booleans()):
        first = draw(st.integers(1, len(lines)))
        values["body"] = {"from": first, "to": draw(st.integers(first, len(lines)))}
    for key in ("title_line", "byline_line", "dek_line"):
        if draw(st.booleans()):
            values[key] = _selector(draw, lines, allow_range=False)
    return text, yaml.safe_dump(values, allow_unicode=True)


def _kept_numbers(text: str, side: Sidecar) -> tuple[str, list[int]]:
    source = SourceText("sources/x.txt", "x", "0" * 64, text, side)
    article = analyse(source, CONTEXT)
    return render_document(article.metadata, article.body), [
        d.number for d in article.decisions if d.kept
    ]


@settings(max_examples=150, deadline=None, derandomize=True)
@given(_article_with_sidecar())
def test_any_valid_selectors_give_schema_valid_idempotent_output(case) -> None:
    text, sidecar_text = case
    side = sidecar(sidecar_text)
    assert list(SIDECAR_SCHEMA.iter_errors(side.values)) == []
    source = SourceText("sources/x.txt", "x", "0" * 64, text, side)
    article = analyse(source, CONTEXT)
    assert schema_errors(article.metadata) == []
    first, kept = _kept_numbers(text, side)
    assert _kept_numbers(text, sidecar(sidecar_text)) == (first, kept)
    assert yaml.safe_load(first.split("\n---", 1)[0][4:])["source"] == "sources/x.txt"
    decisions = article.decisions
    drops = {d.number for s in side.selectors if s.key == "drop" for d in selected(s, decisions)}
    keeps = {d.number for s in side.selectors if s.key == "keep" for d in selected(s, decisions)}
    designated = {
        d.number for s in side.selectors if s.key.endswith("_line") for d in selected(s, decisions)
    }
    assert not (drops - keeps - designated) & set(kept)  # what the editor drops is gone
    assert (keeps - drops - designated) <= set(kept)  # and what they keep is there


def test_add_names_the_kept_lines_least_like_prose_outside_the_body_run() -> None:
    def kept(number: int, text: str) -> Decision:
        return Decision(number=number, text=text, role="body", rule="body", reason="")

    decisions = [
        kept(1, "Dana Sultanova"),
        kept(3, EXPECTED_BODY[0]),
        kept(5, "A new supplier"),  # one short line inside the run: a subheading
        kept(7, EXPECTED_BODY[1]),
        kept(9, EXPECTED_BODY[2]),
        kept(11, "World"),
        kept(12, "Business"),
    ]
    doubtful = least_like_prose(decisions)
    assert [d.number for d in doubtful] == [1, 11, 12]
    assert [drop_selector(d, decisions) for d in doubtful] == [
        '"Dana Sultanova"',
        '"World"',
        '"Business"',
    ]
