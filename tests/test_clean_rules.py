"""Each cleaning rule on lines it must claim and on prose it must leave alone."""

from __future__ import annotations

import pytest

from clippings.clean import classify
from clippings.rules import default_rules

RULES = default_rules()
PROSE = (
    "Kazakhstan has long presented itself as a bridge between East and West, and its diplomats "
    "have worked hard to keep that reputation through years of regional turbulence."
)
PROSE_2 = (
    "The ministry said on Tuesday that talks with its neighbours would continue next month in "
    "Astana, with delegations from five countries expected to attend the meeting."
)


def labels(text: str) -> dict[str, str]:
    return {d.text: d.label for d in classify(text, RULES)}


def in_article(line: str, where: str = "middle") -> str:
    """The line placed inside a small article, so that position rules see a real context."""
    parts = {
        "head": [line, PROSE, PROSE_2],
        "middle": [PROSE, line, PROSE_2],
        "tail": [PROSE, PROSE_2, line],
    }
    return "\n\n".join(["A Headline About Regional Diplomacy", *parts[where]])


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("ISSN 2330-717X", "boilerplate:issn"),
        ("VK X OK WhatsApp Telegram", "boilerplate:share-row"),
        ("Share on Facebook Twitter LinkedIn Email", "boilerplate:share-row"),
        ("Share this article", "boilerplate:share-prompt"),
        ("Read also:", "boilerplate:read-also"),
        ("Read more: Kazakhstan and China sign a new deal", "boilerplate:read-also"),
        ("Related Articles", "boilerplate:section-end"),
        ("Photo credit: Akorda.kz.", "credit"),
        ("Photo: Reuters", "credit"),
        ("Photo www", "credit"),
        ("[Image by jorono from Pixabay]", "credit"),
        ("Image courtesy of the Ministry of Foreign Affairs", "credit"),
        ("© 2024 The Diplomat. All rights reserved.", "boilerplate:copyright"),
        ("President Tokayev at the summit (official photo)", "caption"),
        ("Sign up for our daily newsletter to get the latest stories.", "boilerplate:newsletter"),
        ("Get The Astana Times stories sent directly to you!", "boilerplate:newsletter"),
        ("Leave a Reply", "boilerplate:comment-form"),
        (
            "Your email address will not be published. Required fields are marked *",
            "boilerplate:comment-form",
        ),
        ("If you do not already have an account, click here", "boilerplate:account-prompt"),
        ("About Us", "boilerplate:site-navigation"),
        ("Privacy Policy", "boilerplate:site-navigation"),
        ("Advertisement", "boilerplate:advertisement"),
        ("Поделиться", "boilerplate:share-prompt"),
        ("Подпишитесь на нас в Telegram", "boilerplate:share-prompt"),
        ("Читайте также: Токаев провёл переговоры в Пекине", "boilerplate:read-also"),
        ("Материалы по теме", "boilerplate:section-end"),
        (
            "The views and opinions expressed in this article are those of the author.",
            "boilerplate:disclaimer",
        ),
        (
            "casino bonus casino online slot bonus casino slot online bonus",
            "boilerplate:keyword-stuffing",
        ),
    ],
)
def test_line_rule_claims_boilerplate(line: str, label: str) -> None:
    assert labels(in_article(line))[line] == label


@pytest.mark.parametrize(
    "line",
    [
        # A boilerplate word inside a long paragraph is prose.
        "The ministry launched a newsletter for farmers last year, and officials say that sign up for "
        "the programme has doubled since it began publishing weekly market prices online.",
        "Photographs of the summit were shared widely on Telegram and WhatsApp, where users praised "
        "the host city for its hospitality and the president for his calm diplomacy.",
        # A quote ending in ” and a short one-sentence paragraph are content.
        "“We stand for an open and inclusive Asia,” he said.",
        "This approach is no longer acceptable.",
        "These steps strengthen the partnership with the USA.",
        # Prose that merely mentions "about us" or an account is prose.
        "Nobody told us anything about us being part of the deal, the official complained afterwards.",
    ],
)
def test_prose_is_kept(line: str) -> None:
    assert labels(in_article(line))[line] == "body"


def test_title_byline_duplicate_title_and_dek_in_head() -> None:
    text = "\n".join(
        [
            "Astana Hosts Talks on Regional Water Sharing",
            "By Jane Q. Smith",
            "Astana hosts talks on regional water-sharing",
            "“Water is the new oil of Central Asia”",
            PROSE,
            PROSE_2,
        ]
    )
    result = labels(text)
    assert result["Astana Hosts Talks on Regional Water Sharing"] == "title"
    assert result["By Jane Q. Smith"] == "byline"
    assert result["Astana hosts talks on regional water-sharing"] == "boilerplate:duplicate-title"
    assert result["“Water is the new oil of Central Asia”"] == "dek"
    assert result[PROSE] == "body"


@pytest.mark.parametrize(
    "byline",
    ["Владислав Вислоцкий Exclusive", "John Smith, Staff Writer", "By Anna Lee and Omar Khan"],
)
def test_byline_shapes(byline: str) -> None:
    assert (
        labels("\n".join(["A Headline About Regional Diplomacy", byline, PROSE]))[byline]
        == "byline"
    )


def test_a_quoted_first_line_is_not_taken_for_a_title() -> None:
    quote = "“Peace is our priority,” the president said."
    assert labels("\n".join([quote, PROSE]))[quote] == "body"


def test_bio_at_the_end_is_author_bio() -> None:
    bio = "* Maria Ivanova is a senior fellow at the Institute of World Politics."
    assert labels(in_article(bio, "tail"))[bio] == "author_bio"


def test_bio_shaped_sentence_about_a_person_in_the_body_is_not_a_bio() -> None:
    text = "\n\n".join(
        [
            "A Headline About Regional Diplomacy",
            "Kassym-Jomart Tokayev met the delegation in Astana on Monday, aides said, and the talks lasted hours.",
            PROSE,
            "Kassym-Jomart Tokayev is a career diplomat who served in Beijing and Moscow before politics.",
        ]
    )
    last = "Kassym-Jomart Tokayev is a career diplomat who served in Beijing and Moscow before politics."
    assert labels(text)[last] == "body"


def test_teasers_at_the_end_are_dropped_but_an_ellipsis_in_the_middle_is_kept() -> None:
    middle = (
        "He paused and said the matter was... complicated, before the meeting moved on to trade."
    )
    text = "\n\n".join(
        [
            "A Headline About Regional Diplomacy",
            PROSE,
            middle,
            PROSE_2,
            "Another Story: What Comes Next?",
            "The recent milestone achieved by the air force has ignited a firestorm...",
        ]
    )
    result = labels(text)
    assert result[middle] == "body"
    assert result["Another Story: What Comes Next?"] == "boilerplate:teaser"
    assert (
        result["The recent milestone achieved by the air force has ignited a firestorm..."]
        == "boilerplate:teaser"
    )


def test_profile_box_in_the_tail() -> None:
    text = "\n\n".join(
        [
            "A Headline About Regional Diplomacy",
            PROSE,
            PROSE_2,
            "Caspian Monitor",
            "Caspian Monitor is an independent portal covering the Caspian region since 2005.",
        ]
    )
    result = labels(text)
    assert result["Caspian Monitor"] == "boilerplate:profile-box"
    assert result[
        "Caspian Monitor is an independent portal covering the Caspian region since 2005."
    ] in {
        "boilerplate:profile-box",
        "author_bio",
    }


def test_caption_without_a_verb_is_dropped_but_a_sentence_with_the_cue_is_kept() -> None:
    caption = "Kazakh President and the head of the delegation during the talks."
    sentence = "He was tired during the talks."
    result = labels(in_article(caption) + "\n\n" + sentence + "\n\n" + PROSE)
    assert result[caption] == "caption"
    assert result[sentence] == "body"


def test_sub_heading_between_paragraphs_is_a_heading() -> None:
    text = "\n\n".join(["A Headline About Regional Diplomacy", PROSE, "Water and Energy", PROSE_2])
    assert labels(text)["Water and Energy"] == "heading"


def test_repeated_line_across_the_collection() -> None:
    from clippings.clean import line_key

    line = "Follow our coverage of the region."
    text = in_article(line)
    assert labels(text)[line] == "body"
    result = {d.text: d.label for d in classify(text, RULES, {line_key(line)})}
    assert result[line] == "boilerplate:repeated-line"


@pytest.mark.parametrize("word", ["money", "Weddings", "Market 12", "Sunrise", "Decade 3"])
def test_words_that_start_like_a_weekday_or_month_are_no_date(word: str) -> None:
    timestamp = next(rule for rule in RULES.line_rules if rule.name == "timestamp")
    assert not timestamp.pattern.fullmatch(word)


@pytest.mark.parametrize("line", ["Monday", "Sun, 12 Jan 2020", "Sept. 3, 2019", "Dec 2019"])
def test_weekdays_and_months_are_dates(line: str) -> None:
    timestamp = next(rule for rule in RULES.line_rules if rule.name == "timestamp")
    assert timestamp.pattern.fullmatch(line)


def test_a_comment_header_ends_the_article_and_its_comments_go() -> None:
    comment = "Ports were always crowded, and the new berths will not change that any time soon."
    text = "\n\n".join(
        [
            "A Headline About Regional Diplomacy",
            PROSE,
            PROSE_2,
            PROSE,
            "August 2, 2020 at 1:33 am Hide Replies 2",
            comment,
        ]
    )
    found = labels(text)
    assert found["August 2, 2020 at 1:33 am Hide Replies 2"] == "boilerplate:comment-header"
    assert found[comment].startswith("boilerplate")


@pytest.mark.parametrize(
    "line",
    [
        "In 2019 the ministry said it would reply to the report.",
        "At 10:30 the minister will report to parliament",
    ],
)
def test_a_sentence_about_replies_and_reports_is_no_comment_header(line: str) -> None:
    assert labels(in_article(line))[line] != "boilerplate:comment-header"
