"""Metadata rules: titles and genres, URLs, datelines, language, sidecars."""

from __future__ import annotations

from pathlib import Path

import pytest

from clippings import extract as ex
from clippings.clean import Decision
from clippings.rules import default_rules
from clippings.sidecar import SidecarError, parse_sidecar

RULES = default_rules()


@pytest.mark.parametrize(
    ("raw", "title", "genre"),
    [
        (
            "International Importance Of Kazakhstan – OpEd",
            "International Importance Of Kazakhstan",
            "opinion",
        ),
        ("Kazakhstan and the Caspian – Analysis", "Kazakhstan and the Caspian", "analysis"),
        ("Opinion: Why Astana Matters", "Why Astana Matters", "opinion"),
        (
            "President Tokayev Exclusive Interview: Lead the Way",
            "President Tokayev Exclusive Interview: Lead the Way",
            "interview",
        ),
        ("Kazakhstan’s Global Stance", "Kazakhstan’s Global Stance", None),
        (
            "Tokaev: Kazakhstan Will Become a Reliable Partner",
            "Tokaev: Kazakhstan Will Become a Reliable Partner",
            None,
        ),
    ],
)
def test_title_genre_labels(raw: str, title: str, genre: str | None) -> None:
    assert ex.split_title(raw, RULES) == (title, genre)


@pytest.mark.parametrize(
    ("url", "date"),
    [
        ("https://astanatimes.com/2020/05/president-interview/", "2020-05"),
        ("https://example.com/2021/11/03/story/", "2021-11-03"),
        (
            "https://www.eurasiareview.com/01032018-international-importance-of-kazakhstan-oped/",
            "2018-03-01",
        ),
        ("https://example.com/news/2019-07-15-title", "2019-07-15"),
        ("https://open.kg/en/news/exclusive/74103-tokaev.html", None),
        ("https://example.com/2020/13/bad-month/", None),
    ],
)
def test_date_from_url(url: str, date: str | None) -> None:
    assert ex.date_from_url(url) == date


@pytest.mark.parametrize(
    ("url", "genre"),
    [
        ("https://www.timesca.com/index.php/news/26-opinion-head/25388-x", "opinion"),
        (
            "https://www.eurasiareview.com/01032018-international-importance-of-kazakhstan-oped/",
            "opinion",
        ),
        ("https://astanatimes.com/2020/05/president-tokayev-exclusive-interview-x/", "interview"),
        ("https://open.kg/en/news/exclusive/74103-tokaev.html", "news"),
        ("https://thegeopolitics.com/kazakhstans-global-stance/", None),
    ],
)
def test_genre_from_url(url: str, genre: str | None) -> None:
    assert ex.genre_from_url(url, RULES) == genre


def test_title_from_url_slug() -> None:
    url = "https://thegeopolitics.com/kazakhstans-global-stance-bridging-east-and-west/"
    assert ex.title_from_url(url) == "Kazakhstans Global Stance Bridging East And West"
    assert ex.title_from_url("https://example.com/") is None


@pytest.mark.parametrize(
    ("paragraph", "place"),
    [
        ("ASTANA — The recent events in the world show it.", "Astana"),
        ("NUR-SULTAN, Kazakhstan — Officials said so.", "Nur-Sultan"),
        ("ALMATY - Prices rose.", "Almaty"),
        ("Astana — a city of contrasts — grew fast.", None),
        ("The talks — held in Astana — ended.", None),
    ],
)
def test_dateline(paragraph: str, place: str | None) -> None:
    from clippings.clean import Decision

    assert ex.dateline([Decision(1, paragraph, "body", "body", "")]) == place


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("The president said that the talks were held in the capital and ended with a deal.", "en"),
        ("Президент заявил, что переговоры прошли в столице и завершились соглашением.", "ru"),
        ("Президент Қазақстан халқына жолдау жасады және бағдарламаны ұсынды.", "kk"),
    ],
)
def test_language(text: str, tag: str) -> None:
    assert ex.language(text) == tag


def test_sidecar_values_and_dates() -> None:
    values = parse_sidecar(
        "url: https://x.org/a\npublished: 2020-05-01\nadd_themes: [china]\n", Path("s.yml")
    )
    assert values == {"url": "https://x.org/a", "published": "2020-05-01", "add_themes": ["china"]}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "url: https://x.org\ntitel: Oops\n",
            "s.yml:2: unknown key 'titel' (did you mean 'title'?)",
        ),
        ("url: [unclosed\n", "s.yml:2: YAML syntax error"),
        ("title: 42\n", "s.yml:1: 'title' must be"),
        ("published: 05/2020\n", "s.yml:1: published must be YYYY"),
        ("genre: satire\n", "s.yml:1: genre must be one of"),
        ("url: ftp://x\n", "s.yml:1: url must be an address that starts with http"),
        ("- a\n- b\n", "s.yml:1: a sidecar is a mapping"),
        ("add_themes: [1, 2]\n", "s.yml:1: 'add_themes' must be a list of strings"),
    ],
)
def test_sidecar_errors_name_file_and_line(text: str, message: str) -> None:
    with pytest.raises(SidecarError) as error:
        parse_sidecar(text, Path("s.yml"))
    assert str(error.value).startswith(message)


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Dana Sultanova, Energy Correspondent", "Dana Sultanova"),
        ("By Dana Sultanova, Staff Writer", "Dana Sultanova"),
        (
            "By Dana Sultanova, Tom Reyes and Aida Sarsenova",
            "Dana Sultanova, Tom Reyes and Aida Sarsenova",
        ),
        ("By Tom Reyes, Dana Sultanova", "Tom Reyes, Dana Sultanova"),
        ("By Andrew Hayden, Software Engineer", "Andrew Hayden"),
        ("By Brenda Goodman, MA", "Brenda Goodman"),
        ("By Philipp Selldorf, Lissabon", "Philipp Selldorf"),
        ("By Daniel Kahn Gillmor, ACLU Speech, Privacy", "Daniel Kahn Gillmor"),
        ("BY GILLIAN MOHNEY, TOM REYES", "GILLIAN MOHNEY, TOM REYES"),
        # a month is a name before another name word, a date before a number
        ("by Laura June Topolsky July 10, 2015", "Laura June Topolsky"),
        ("By Dana Sultanova June 5", "Dana Sultanova"),
        ("By Dana Sultanova, Monday March 5", "Dana Sultanova"),
    ],
)
def test_a_role_after_the_name_is_not_a_second_author(line: str, author: str) -> None:
    decision = Decision(number=1, text=line, role="byline", rule="byline-by", reason="")
    assert ex.author_from_byline(decision, RULES) == author


def test_an_outlet_named_in_a_sentence_loses_the_lower_case_article() -> None:
    furniture = [
        Decision(number=n, text=text, role="boilerplate", rule="share-prompt", reason="")
        for n, text in enumerate(["Follow the BBC on Twitter", "© 2024 the BBC"], start=1)
    ]
    assert ex.outlet_from_signatures(furniture, RULES) == "BBC"


def test_a_long_copyright_line_still_names_the_outlet() -> None:
    """The owner comes first; the rest of a footer line does not hide it."""
    line = (
        "© Le Monde.fr | Fréquentation certifiée par l'OJD | CGV | Mentions légales | "
        "Qui sommes-nous ? | Charte groupe | Politique de confidentialité | Aide | "
        "Journal d'information en ligne, Le Monde.fr offre à ses visiteurs un panorama complet"
    )
    footer = Decision(number=1, text=line, role="boilerplate", rule="after-article", reason="")
    assert ex.outlet_from_signatures([footer], RULES) == "Le Monde"
    teaser = "The minister said the talks in Astana went on late into the night and more " * 2
    long_line = Decision(
        number=2,
        text=teaser + "Follow Steppe Tribune on Twitter",
        role="boilerplate",
        rule="after-article",
        reason="",
    )
    assert ex.outlet_from_signatures([long_line], RULES) is None
