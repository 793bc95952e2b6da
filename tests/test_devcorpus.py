"""The dev corpus tools on a small page written here: the text dump, the gold labels, the scoring."""

from __future__ import annotations

import pytest

from tests.devcorpus.evaluate import (
    Article,
    c4_keeps,
    main,
    names,
    outlet_folds,
    same_outlet,
    score_lines,
)
from tests.devcorpus.gold import label_lines
from tests.devcorpus.textdump import text_dump

PAGE = """<!doctype html>
<html lang="en"><head><title>Ignored | The Daily Example</title>
<style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li>World</li><li>Politics</li></ul></nav>
<div class="share">Share <span>this</span>   article</div>
<h1>Rivers   rise in the north</h1>
<p class="byline">By Ann Example and Bo Sample</p>
<article>
  <p>Heavy rain has swollen the rivers of the north, and towns along the banks are
  preparing for floods.</p>
  <p>Officials said the water would peak on Friday.<br>Schools will close early.</p>
  <noscript>Please enable JavaScript to see comments.</noscript>
  <div hidden>A hidden promo</div>
  <div style="display: none">Another hidden promo</div>
  <template><p>A template row</p></template>
</article>
<aside><h3>Most read</h3><p>Heavy rain has swollen the rivers of the north, and towns along the banks are preparing for floods.</p></aside>
<footer>&copy; 2024 The Daily Example &middot; <a>Privacy policy</a></footer>
</body></html>
"""

DUMP = [
    "Home",
    "World",
    "Politics",
    "Share this article",
    "Rivers rise in the north",
    "By Ann Example and Bo Sample",
    "Heavy rain has swollen the rivers of the north, and towns along the banks are preparing for floods.",
    "Officials said the water would peak on Friday.",
    "Schools will close early.",
    "Most read",
    "Heavy rain has swollen the rivers of the north, and towns along the banks are preparing for floods.",
    "© 2024 The Daily Example · Privacy policy",
]

GOLD_BODY = [
    "Rivers rise in the north",
    "Heavy rain has swollen the rivers of the north, and towns along the banks are preparing for floods.",
    "Officials said the water would peak on Friday. Schools will close early.",
]


def test_dump_has_one_line_per_block_and_only_visible_text() -> None:
    assert text_dump(PAGE) == DUMP


def test_dump_is_deterministic_and_survives_broken_markup() -> None:
    assert text_dump(PAGE) == text_dump(PAGE)
    assert text_dump("<div>open <p>unclosed <b>bold</div> tail") == [
        "open",
        "unclosed bold",
        "tail",
    ]
    assert text_dump("<div hidden><div>inner</div></div><p>shown</p>") == ["shown"]


def test_labels_title_byline_body_and_leave_the_teaser_copy_as_boilerplate() -> None:
    labels = label_lines(
        DUMP, GOLD_BODY, "Rivers rise in the north | The Daily Example", "Ann Example"
    )
    assert labels == [
        "boilerplate",
        "boilerplate",
        "boilerplate",
        "boilerplate",
        "title",
        "byline",
        "body",
        "body",  # the gold joins these two lines into one block: matched by containment
        "body",
        "boilerplate",
        "boilerplate",  # the same sentence in a "Most read" teaser, out of order
        "boilerplate",
    ]


def test_no_author_labels_no_byline() -> None:
    assert "byline" not in label_lines(DUMP, GOLD_BODY, "Rivers rise in the north", None)


def test_scores_count_kept_body_and_removed_boilerplate() -> None:
    labels = label_lines(DUMP, GOLD_BODY, "Rivers rise in the north", "Ann Example")
    article = Article("page", "example.com", "en", "\n".join(DUMP) + "\n", DUMP, {"labels": labels})
    keep_all = score_lines(article, [True] * len(DUMP))
    assert (keep_all.body_lines, keep_all.body_kept) == (3, 3)
    assert (keep_all.junk_lines, keep_all.junk_removed) == (7, 0)
    keep_none = score_lines(article, [False] * len(DUMP))
    assert (keep_none.body_kept, keep_none.junk_removed) == (0, 7)


def test_c4_keeps_long_lines_that_end_a_sentence() -> None:
    config = {
        "end_marks": [".", "!", "?", '"'],
        "min_words": 5,
        "banned_words": ["javascript"],
        "policy_phrases": ["privacy policy"],
    }
    lines = [
        "Officials said the water would peak.",
        "Share this article",
        "Too short.",
        "Please enable javascript to see this page.",
        "Read our privacy policy for more.",
    ]
    assert c4_keeps(lines, config) == [True, False, False, False, False]


def test_author_names_compare_as_sets_and_outlets_allow_a_suffix() -> None:
    assert names("By Ann Example and Bo Sample") == names("Bo Sample, Ann Example")
    assert names("Martin U. (avec Damien L. et Morgane T.)") == names(
        "Martin U., Damien L., Morgane T."
    )
    assert names(None) == frozenset()
    assert same_outlet("Le Monde", "Le Monde.fr") and not same_outlet("A", "Atlas Obscura")


def test_folds_keep_an_outlets_articles_together() -> None:
    articles = [
        Article(f"a{i}", outlet, "en", "", [], {})
        for i, outlet in enumerate(["x.com", "y.org", "x.com", "z.net", "y.org", "w.de"])
    ]
    folds = outlet_folds(articles, 3)
    assert sorted(i for fold in folds for i in fold) == list(range(6))
    for fold in folds:
        outlets = {articles[i].outlet_id for i in fold}
        others = {articles[i].outlet_id for other in folds if other is not fold for i in other}
        assert not outlets & others


def test_eval_without_a_corpus_says_how_to_build_one(tmp_path, capsys) -> None:
    assert main(["--corpus", str(tmp_path / "none")]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "make devcorpus" in error and "none" in error


@pytest.mark.parametrize("folds", [1, 2])
def test_every_article_is_in_exactly_one_fold(folds: int) -> None:
    articles = [Article(f"a{i}", f"o{i % 3}.com", "en", "", [], {}) for i in range(7)]
    assert sorted(i for fold in outlet_folds(articles, folds) for i in fold) == list(range(7))


def test_floors_fail_a_fall_and_are_only_ever_raised(tmp_path, monkeypatch) -> None:
    from tests.devcorpus import evaluate

    floors = tmp_path / "floors.yml"
    floors.write_text("body_recall: 0.98\njunk_removed: 0.5\n")
    monkeypatch.setattr(evaluate, "FLOORS", floors)
    assert evaluate.check_floors({"body_recall": 0.97, "junk_removed": 0.9}, raise_floors=True)
    assert "body_recall: 0.98\njunk_removed: 0.9\n" in floors.read_text()
    assert not evaluate.check_floors({"body_recall": 0.99, "junk_removed": 0.9}, raise_floors=False)
