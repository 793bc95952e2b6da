"""The cleaner finds the article inside a whole page's text dump (issue 11).

The page below is written for these tests in the shape web extractors leave:
navigation above the headline, a byline and a date, a list and a sub-heading in
the body, a related-stories box, comments and a footer below it.
"""

from __future__ import annotations

import pytest

from clippings.analyse import Context, SourceText, analyse
from clippings.clean import classify
from clippings.extract import parse_printed_date
from clippings.prose import (
    ProseJudge,
    capped_gaps,
    densest_run,
    may_be_prose,
    page_stopwords,
    tokens,
)
from clippings.rules import default_rules
from clippings.vocab import Vocabularies

RULES = default_rules()

NAVIGATION = ["Skip to content", "Home", "World", "Politics", "Business", "Opinion", "Sign in"]
HEAD = [
    "Central Asia Desk",
    "Caspian Ports Race to Handle Record Grain Exports",
    "By Aida Sarsenova and Tom Reyes",
    "Nov. 20, 2019, 9:28 AM UTC",
    "Share",
]
BODY = [
    "Ports on the Caspian Sea handled more grain this autumn than in any year since "
    "independence, as traders sought routes that avoid the Black Sea.",
    "The port authority said on Tuesday that it had loaded 1.2 million tonnes in October "
    "alone, and that new berths would open before the spring.",
    "Three routes now carry most of the grain:",
    "1. Aktau to Baku",
    "2. Kuryk to Alat",
    "3. Aktau to Turkmenbashi",
    "Bottlenecks on the rails",
    "Shippers complain that the railway to the coast cannot keep up, and that wagons wait "
    "for days at junctions that were built for a smaller trade.",
    "Officials say a second track will be finished in two years, though the budget for it "
    "has not yet been approved by parliament.",
]
AFTER = [
    "Related stories",
    "Kazakhstan signs rail deal with China",
    "A new corridor for Europe's trade, officials say, will open next year as planned.",
    "12 Comments",
    "Marat K.",
    "I drove trucks to Aktau for ten years and the queues at the port were always a scandal.",
    "Reply",
    "© 2019 Steppe Tribune Media LLC. All rights reserved.",
    "Follow Steppe Tribune on Twitter",
    "Privacy Policy",
]
PAGE = "\n".join([*NAVIGATION, *HEAD, *BODY, *AFTER])


def decisions_by_text(text: str) -> dict[str, str]:
    return {d.text: d.label for d in classify(text, RULES)}


def test_only_the_article_text_is_kept() -> None:
    kept = [d.text for d in classify(PAGE, RULES) if d.kept]
    assert kept == BODY


def test_every_dropped_line_names_its_rule() -> None:
    labels = decisions_by_text(PAGE)
    assert labels["Caspian Ports Race to Handle Record Grain Exports"] == "title"
    assert labels["By Aida Sarsenova and Tom Reyes"] == "byline"
    assert labels["Nov. 20, 2019, 9:28 AM UTC"] == "date"
    assert labels["Politics"] == "boilerplate:before-article"
    assert labels["Related stories"] == "boilerplate:section-end"
    assert labels["12 Comments"] == "boilerplate:comment-form"
    assert labels["Marat K."] == "boilerplate:after-article"
    assert labels["Bottlenecks on the rails"] == "heading"
    assert labels["2. Kuryk to Alat"] == "body"


def test_metadata_comes_from_the_page_furniture() -> None:
    vocab = Vocabularies(themes=(), entities=(), outlets=(), fingerprint="")
    article = analyse(SourceText("sources/p.txt", "p", "0" * 64, PAGE), Context(RULES, vocab))
    assert article.metadata["title"] == "Caspian Ports Race to Handle Record Grain Exports"
    assert article.metadata["author"] == "Aida Sarsenova and Tom Reyes"
    assert article.metadata["published"] == "2019-11-20"
    assert article.metadata["outlet"] == "Steppe Tribune"


def test_a_bare_name_is_a_byline_only_beside_the_headline() -> None:
    page = "\n".join([*NAVIGATION, HEAD[1], "Aida Sarsenova", *BODY])
    assert decisions_by_text(page)["Aida Sarsenova"] == "byline"
    far = "\n".join(["Aida Sarsenova", *NAVIGATION, HEAD[1], *BODY])
    assert decisions_by_text(far)["Aida Sarsenova"] != "byline"


def test_a_menu_item_is_never_taken_for_the_author() -> None:
    page = "\n".join([*NAVIGATION, HEAD[1], "View Photos", *BODY])
    vocab = Vocabularies(themes=(), entities=(), outlets=(), fingerprint="")
    article = analyse(SourceText("sources/p.txt", "p", "0" * 64, page), Context(RULES, vocab))
    assert article.metadata["author"] is None


def test_a_gallery_inside_the_article_does_not_cut_it_in_two() -> None:
    gallery = ["Photo 1 of 9", "Next", "Previous", "Fullscreen", "Photo 2 of 9", "Next", "Close"]
    more = (
        "The ministry has promised to publish the figures for the whole year in January, "
        "together with a plan for the ports of the northern shore."
    )
    page = "\n".join([*NAVIGATION, HEAD[1], *BODY[:2], *gallery, *BODY[7:], more])
    kept = [d.text for d in classify(page, RULES) if d.kept]
    assert kept == [*BODY[:2], *BODY[7:], more]


def test_a_line_the_page_repeats_is_furniture() -> None:
    page = "\n".join([HEAD[1], BODY[0], "Tweet", BODY[1], "Tweet", BODY[7], "Tweet", BODY[8]])
    assert decisions_by_text(page)["Tweet"] == "boilerplate:repeated-on-page"


@pytest.mark.parametrize(
    ("line", "language", "prose"),
    [
        ("The port authority said on Tuesday that it had loaded grain.", "English", True),
        ("Министерство сообщило во вторник, что переговоры завершились.", "Russian", True),
        ("Home World Politics Business", "English", False),
        ("Caspian Ports Race to Handle Record Grain Exports", "English", False),
        (
            "Grain Coal Oil Steel Gas Cotton Wheat Barley Copper Zinc Lead Tin Uranium",
            "English",
            False,
        ),
    ],
)
def test_prose_is_judged_by_sentence_shape_and_function_words(
    line: str, language: str, prose: bool
) -> None:
    params = RULES.structure["prose"]
    judge = ProseJudge(page_stopwords([tokens(line)], [language]), params)
    words = len(line.split())
    assert (
        may_be_prose(line, words, params) and judge.is_prose(line, tokens(line), words)
    ) is prose


def test_the_page_language_is_the_one_whose_function_words_it_uses() -> None:
    russian = "Министерство сообщило, что переговоры в Астане завершились соглашением о воде."
    words = [tokens(russian)]
    assert page_stopwords(words, RULES.languages) == page_stopwords(words, ["Russian"])


def test_the_densest_run_skips_decided_lines_and_caps_long_gaps() -> None:
    assert densest_run([-2, 3, None, 4, -2, -2, 1]) == (1, 3)
    assert densest_run([-1, -1]) is None
    gap = [-2.0] * 10
    assert capped_gaps([5.0, *gap, 5.0], 4)[1:11] == [-2.0] * 4 + [0.0] * 6
    # Two halves join across a gap that costs less than either brings.
    assert densest_run(capped_gaps([5.0, *gap, 5.0], 2)) == (0, 11)
    assert densest_run(capped_gaps([5.0, *gap, 5.0], 4)) == (0, 0)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Nov. 20, 2019, 9:28 AM UTC", "2019-11-20"),
        ("Published 7:07 PM EST Nov 19, 2019", "2019-11-19"),
        ("21:17 18.11.2019 Get short URL", "2019-11-18"),
        ("Thu 3 Jan 2019 02.00 EST", "2019-01-03"),
        ("12 июля 2019 г.", "2019-07-12"),
        ("Updated 1909 GMT (0309 HKT)", None),
    ],
)
def test_printed_dates(text: str, date: str | None) -> None:
    assert decisions_by_text(f"{HEAD[1]}\n{text}\n{BODY[0]}\n{BODY[1]}")[text] == "date"
    assert parse_printed_date(text, RULES) == date


def _author(page: str) -> str | None:
    vocab = Vocabularies(themes=(), entities=(), outlets=(), fingerprint="")
    article = analyse(SourceText("sources/p.txt", "p", "0" * 64, page), Context(RULES, vocab))
    return article.metadata["author"]


def test_a_by_line_under_a_photo_caption_is_the_byline_not_body() -> None:
    caption = "A grain train waits at the port of Aktau this month before loading."
    page = "\n".join([*NAVIGATION, HEAD[1], BODY[0], caption, "By James Walker", *BODY[1:]])
    assert decisions_by_text(page)["By James Walker"] == "byline"
    assert _author(page) == "James Walker"


def test_a_name_with_its_date_is_a_byline_though_stoplists_hold_given_names() -> None:
    # jusText's English stoplist holds "james", "john", "david", "march"...
    for line in ["James Walker • 8h", "John Reyes March 9, 2017", "David Ames - Apr 16, 2015"]:
        page = "\n".join([*NAVIGATION, HEAD[1], "Share", line, *BODY])
        assert decisions_by_text(page)[line] == "byline", line
        assert _author(page) == " ".join(line.split()[:2])


def test_a_heading_shaped_like_name_and_role_in_the_body_is_no_author() -> None:
    page = "\n".join([*NAVIGATION, HEAD[1], *BODY[:2], "Interactive Editor", *BODY[2:]])
    assert _author(page) is None


def test_a_headline_the_page_prints_twice_is_still_the_headline() -> None:
    headline = HEAD[1]
    page = "\n".join([*NAVIGATION, headline, "Share", headline, *BODY, "Share"])
    vocab = Vocabularies(themes=(), entities=(), outlets=(), fingerprint="")
    article = analyse(SourceText("sources/p.txt", "p", "0" * 64, page), Context(RULES, vocab))
    assert article.metadata["title"] == headline


def test_a_name_with_its_date_is_never_the_headline() -> None:
    page = "\n".join([*NAVIGATION, "James Walker 12.06.2020 11:00 AM", *BODY])
    vocab = Vocabularies(themes=(), entities=(), outlets=(), fingerprint="")
    article = analyse(SourceText("sources/p.txt", "p", "0" * 64, page), Context(RULES, vocab))
    assert article.metadata["title"] != "James Walker 12.06.2020 11:00 AM"


def test_a_program_listing_inside_the_article_is_kept_and_named_code() -> None:
    listing = ["// load.js", "const data = read('ports.csv');", "for (const row of data) {", "}"]
    page = "\n".join([*NAVIGATION, HEAD[1], *BODY[:2], *listing, *BODY[7:]])
    decisions = {d.text: (d.label, d.rule) for d in classify(page, RULES)}
    assert [decisions[line] for line in listing] == [("body", "code")] * len(listing)
    assert decisions["Politics"][0].startswith("boilerplate")


def test_the_headline_is_the_line_with_byline_and_date_under_it() -> None:
    """Not the photo caption between the head and the body, though that is nearer."""
    caption = "Grain waits at the port of Aktau as the autumn harvest comes in from the north"
    page = "\n".join(
        [
            *NAVIGATION,
            HEAD[1],
            "Aida Sarsenova",
            "Friday 22 November 2019",
            "0 comments",
            caption,
            *BODY,
        ]
    )
    labels = decisions_by_text(page)
    assert labels[HEAD[1]] == "title"
    assert labels["Aida Sarsenova"] == "byline"
    assert labels[caption] != "title"


def test_a_headline_stands_over_its_standfirst() -> None:
    """Both read as sentences (sentence case); the one above is the headline."""
    headline = "Tite diz que errou ao levar taça da Libertadores a Lula em 2012"
    standfirst = "Na ocasião, técnico do Corinthians entregou réplica do troféu ao ex-presidente"
    body = [
        "Na ocasião, o técnico do Corinthians entregou ao ex-presidente uma réplica do troféu, "
        "ao lado de representantes do clube paulista.",
        "A réplica do troféu ficou no instituto do ex-presidente, e o Corinthians não comentou "
        "a ocasião nesta sexta-feira.",
        "O técnico afirmou que a seleção não deve ter partido e que os jogadores estão livres "
        "para dizer o que pensam, mas que ele não fará mais visitas.",
    ]
    page = "\n".join(["Esporte", "Assine", headline, standfirst, "21.dez.2018 às 12h55", *body])
    labels = decisions_by_text(page)
    assert labels[headline] == "title"
    assert labels[standfirst] == "dek"


@pytest.mark.parametrize(
    "byline",
    ["By Aida Sarsenova", "Aida Sarsenova • Nov. 20, 2019", "Aida Sarsenova"],
)
def test_a_byline_above_the_headline_is_the_byline(byline: str) -> None:
    """Some pages print the author first; a bare name needs a date line next below it."""
    page = "\n".join([*NAVIGATION, byline, "Nov. 20, 2019, 9:28 AM UTC", HEAD[1], *BODY])
    assert decisions_by_text(page)[byline] == "byline"


def test_a_bare_name_above_the_headline_without_a_date_is_not_the_byline() -> None:
    page = "\n".join([*NAVIGATION, "Aida Sarsenova", "Caspian Desk", HEAD[1], *BODY])
    assert decisions_by_text(page)["Aida Sarsenova"] != "byline"


def test_short_lines_under_a_colon_are_the_article_s_list() -> None:
    items = ["Aktau", "Kuryk", "Baku", "Alat", "Turkmenbashi"]
    page = "\n".join(
        [*NAVIGATION, HEAD[1], HEAD[2], *BODY[:2], "The ports are:", *items, *BODY[7:]]
    )
    kept = [d.text for d in classify(page, RULES) if d.kept]
    assert kept == [*BODY[:2], "The ports are:", *items, *BODY[7:]]


def test_a_capitalised_word_running_into_chinese_is_no_name() -> None:
    line = "Apple Watch销量大跌"
    page = "\n".join([*NAVIGATION, line, "Nov. 20, 2019, 9:28 AM UTC", HEAD[1], *BODY])
    assert decisions_by_text(page)[line] != "byline"


def test_rows_of_figures_inside_the_article_are_kept() -> None:
    rows = [
        "Market Snapshot",
        "S&P 500 futures down 0.1% to 3,260.50",
        "STOXX Europe 600 up 0.4% to 357.57",
        "Nikkei up 2.2% to 22,195.38",
        "Topix up 1.8% to 1,522.64",
        "Hang Seng Index down 0.6% to 24,458.13",
        "Brent Futures down 0.6% to $43.24/bbl",
    ]
    page = "\n".join([*NAVIGATION, HEAD[1], HEAD[2], *BODY[:2], *rows, *BODY[7:]])
    decisions = classify(page, RULES)
    assert [d.text for d in decisions if d.kept] == [*BODY[:2], *rows, *BODY[7:]]
    assert {d.rule for d in decisions if d.text in rows[1:]} == {"table-row"}


def test_an_organisation_beside_the_headline_is_not_its_author() -> None:
    page = "\n".join([*NAVIGATION, HEAD[1], "Caspian Shipping Corporation", *BODY])
    assert decisions_by_text(page)["Caspian Shipping Corporation"] != "byline"
    person = "\n".join([*NAVIGATION, HEAD[1], "Aida Sarsenova", *BODY])
    assert decisions_by_text(person)["Aida Sarsenova"] == "byline"


def test_a_long_thread_of_comments_is_not_the_article() -> None:
    """Readers' comments can hold more prose than the article; they still end it."""
    comment = (
        "I drove trucks to Aktau for ten years and the queues at the port were always a "
        "scandal, and nobody in the ministry ever seemed to care about the drivers, {}."
    )
    thread = ["76 Comments", "Facebook", "Twitter"]
    for n in range(8):
        thread += [f"Reader {n}", f"August {n + 2}, 2020 at 1:33 am Hide Replies {n}"]
        thread += [comment.format(f"as I wrote in my letter number {n}")] * 2
    page = "\n".join([*NAVIGATION, HEAD[1], HEAD[2], *BODY, *thread])
    kept = [d.text for d in classify(page, RULES) if d.kept]
    assert kept == BODY


def test_a_byline_the_page_prints_again_below_is_still_the_byline() -> None:
    name = "Aida Sarsenova"
    after = [name, "Follow", "Related stories", name, "Kazakhstan signs rail deal with China"]
    page = "\n".join([*NAVIGATION, HEAD[1], name, *BODY, *after])
    first = next(d for d in classify(page, RULES) if d.text == name)
    assert first.label == "byline"


def test_a_column_name_over_the_by_line_is_not_the_author() -> None:
    page = "\n".join([*NAVIGATION, HEAD[1], "Deal Professor", "By Tom Reyes July 29, 2016", *BODY])
    labels = decisions_by_text(page)
    assert labels["Deal Professor"] == "boilerplate:column-name"
    assert labels["By Tom Reyes July 29, 2016"] == "byline"
