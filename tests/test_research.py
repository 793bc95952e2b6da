"""Who said what, the timeline and citations: the extraction rules and the seed results."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from clippings.anchors import paragraph_anchors
from clippings.cite import citations
from clippings.quotes import extract_quotes
from clippings.timeline import extract_dated_statements
from clippings.vocab import load_vocabularies

ENTITIES = load_vocabularies(Path(__file__).resolve().parent.parent / "vocabularies").entities


def quotes(*paragraphs: str):
    return extract_quotes(paragraphs, paragraph_anchors(paragraphs), ENTITIES)


@pytest.mark.parametrize(
    ("paragraphs", "speaker", "text"),
    [
        (
            ["“We will keep the peace in the region,” Tokayev said."],
            "kassym-jomart-tokayev",
            "We will keep the peace in the region",
        ),
        (
            ["“We will keep the peace in the region,” said Vladimir Putin."],
            "vladimir-putin",
            "We will keep the peace in the region",
        ),
        (
            ["Tokayev met the press.", "“Our policy is balanced and will stay so,” he said."],
            "kassym-jomart-tokayev",
            "Our policy is balanced and will stay so",
        ),
        (
            ["As he emphasized at the meeting, “Dialogue has no alternative at all.”", "x"],
            None,
            "Dialogue has no alternative at all.",
        ),
        (
            ["According to Tokayev, the union is becoming more attractive."],
            "kassym-jomart-tokayev",
            "The union is becoming more attractive.",
        ),
        (
            [
                "Kassym-Jomart Tokayev, the President of Kazakhstan, wrote an article.",
                "We will be a reliable partner,” concluded the President of Kazakhstan.",
            ],
            "kassym-jomart-tokayev",
            "We will be a reliable partner",
        ),
    ],
)
def test_attribution_rules(paragraphs: list[str], speaker: str | None, text: str) -> None:
    found = quotes(*paragraphs)
    assert [(q.speaker, q.text) for q in found] == [(speaker, text)]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Who is now referred to on the Internet as “the world’s best president”? It is President Tokayev.",
        "He continues the program “Ruhani Zhahyrou”, which modernises the consciousness of Muslims.",
        "The summit adopted the Astana Declaration “Science, Technology, Innovation and Modernization of the Islamic World.”",
        'His article appeared in the well-known American publication "The National Interest," which covers world affairs.',
        "Projects such as “100 new books in the Kazakh language” and “Tugan Jer” were launched.",
        "Protesters chanted “Old man, go!” outside the building.",
    ],
)
def test_scare_quotes_titles_and_slogans_are_not_statements(paragraph: str) -> None:
    assert [q for q in quotes(paragraph) if q.speaker] == []
    assert quotes(paragraph) == []


def test_reported_speech_counts_only_for_a_known_person() -> None:
    found = quotes(
        "Tokayev noted that stability is a rare resource. Critics said that the plan would fail."
    )
    assert [(q.speaker, q.text) for q in found] == [
        ("kassym-jomart-tokayev", "Stability is a rare resource.")
    ]


def test_an_unknown_speaker_is_kept_without_a_guess() -> None:
    found = quotes(
        "“The border will reopen next week for all trucks,” said Jane Roe, a customs officer."
    )
    assert [(q.speaker, q.speaker_name) for q in found] == [(None, "Jane Roe")]


def _seed_quotes(raw_articles, stem: str) -> list:
    return raw_articles[stem].metadata["quotes"]


def test_seed_statements(raw_articles) -> None:
    interview = [
        q
        for q in _seed_quotes(raw_articles, "003_1ea4bdc054af042b")
        if q.get("speaker") == "kassym-jomart-tokayev"
    ]
    assert len(interview) > 8
    assert any(
        q.get("speaker") == "askar-myrzakhmetov"
        for q in _seed_quotes(raw_articles, "001_bc324656ed37c823")
    )
    cis = [
        q
        for q in _seed_quotes(raw_articles, "004_9636803f3d982e4f")
        if q.get("speaker") == "kassym-jomart-tokayev"
    ]
    assert [q["text"][:24] for q in cis] == ["Challenges that have not"]
    assert _seed_quotes(raw_articles, "000_ea64fc3e2dd9c5aa") == []


def test_every_quote_points_at_a_paragraph_of_its_article(raw_articles) -> None:
    for article in raw_articles.values():
        anchors = set(paragraph_anchors([d.text for d in article.decisions if d.role == "body"]))
        assert {q["anchor"] for q in article.metadata["quotes"]} <= anchors
        assert all(f"{{: #{q['anchor']} }}" in article.body for q in article.metadata["quotes"])


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("In 1992 Kazakhstan proposed to convene a CICA in Asia.", None, ("1992", None)),
        ("In September 2017, the summit of the OIC was held in Astana.", None, ("2017-09", None)),
        ("He served at the Soviet embassy in Singapore in 1975-1979.", None, ("1975", "1979")),
        ("The talks opened on October 13, 2023 in Bishkek.", None, ("2023-10-13", None)),
        ("The talks opened on 13 October 2023 in Bishkek.", None, ("2023-10-13", None)),
        ("Trade grew by 12 percent last year.", "2020-05", ("2019", None)),
        ("Trade grew by 12 percent last year.", None, None),
        ("The visit took place last month.", "2020-01", ("2019-12", None)),
        ("Exports reached 1 million tons and $191 billion.", None, None),
        ("The Expo-2017 exhibition gathered 100 countries.", None, None),
    ],
)
def test_dated_statements(sentence: str, published: str | None, expected) -> None:
    found = extract_dated_statements([sentence], paragraph_anchors([sentence]), published)
    assert [(d.date, d.until) for d in found] == ([expected] if expected else [])


def test_seed_timeline(raw_articles) -> None:
    dated = {
        (d["date"], d["text"][:30]) for a in raw_articles.values() for d in a.metadata["dated"]
    }
    assert ("1992", "In 1992 Kazakhstan proposed to") in dated
    assert ("2017-09", "In September 2017, the summit ") in dated
    assert ("1975", "Tokayev himself served at the ") in dated


ACCESSED = dt.date(2026, 11, 23)


def test_citation_with_full_metadata() -> None:
    meta = {
        "title": "A Title",
        "author": "Ernest Gallo",
        "outlet": "The Geopolitics",
        "published": "2023-10-14",
        "url": "https://x.org/a",
    }
    cited = citations(meta, None, ACCESSED)
    assert cited["apa"] == "Gallo, E. (2023, October 14). A Title. The Geopolitics. https://x.org/a"
    assert (
        cited["chicago"]
        == "Gallo, Ernest. “A Title.” The Geopolitics. October 14, 2023. Accessed November 23, 2026. https://x.org/a."
    )
    assert cited["bibtex"].startswith("@article{gallo2023atitle,")
    assert "  year = {2023}," in cited["bibtex"] and "  urldate = {2026-11-23}" in cited["bibtex"]


def test_citation_degrades_gracefully() -> None:
    cited = citations({"title": "Only a Title", "author": None, "outlet": None}, None, ACCESSED)
    assert cited["apa"] == "Only a Title."
    assert "n.d." not in " ".join(cited.values()) and "()" not in " ".join(cited.values())
    assert cited["bibtex"].startswith("@misc{anon")
    outlet_only = citations(
        {"title": "T", "author": None, "outlet": "Eurasia Review"}, None, ACCESSED
    )
    assert outlet_only["apa"] == "Eurasia Review. T."
    assert (
        "Владислав Вислоцкий"
        in citations({"title": "T", "author": "Владислав Вислоцкий"}, None, ACCESSED)["apa"]
    )


def test_bibtex_specials_are_escaped() -> None:
    cited = citations({"title": "100% {sure} & <script>_x#", "author": "A B"}, None, ACCESSED)
    assert "title = {100\\% \\{sure\\} \\& <script>\\_x\\#}" in cited["bibtex"]
