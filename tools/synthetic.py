"""Deterministic benchmark corpora: in the seeds' style, or from real page dumps.

`write_corpus`: real seed paragraphs are recombined and wrapped in the kinds of
boilerplate the seeds carry (spam, ISSN, bylines, share rows, credits,
newsletter prompts, bios, teasers).

`write_corpus_from_texts`: real raw texts (for example the development corpus's
page dumps, tests/devcorpus/README.md) are used as they are, and beyond their
number as variants whose paragraphs are swapped for other texts' paragraphs, so
the vocabulary, the line shapes and the page furniture are those of real input.
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

from clippings.clean import classify
from clippings.dates import MONTHS
from clippings.decode import decode_source
from clippings.rules import default_rules

FIRST = ["Aigerim", "Daniyar", "Maria", "John", "Li", "Omar", "Elena", "Timur", "Sara", "Nurlan"]
LAST = [
    "Bekova",
    "Sadykov",
    "Ivanova",
    "Smith",
    "Wei",
    "Khan",
    "Petrova",
    "Akhmetov",
    "Lee",
    "Ospanov",
]
OUTLETS = [
    "The Astana Times",
    "Eurasia Review",
    "Caspian Monitor",
    "Steppe Herald",
    "Silk Road Weekly",
]
HEAD_NOISE = [
    "astropay bozdurma paysafe bozdurma astropay kart bozdurma",
    "ISSN 2330-717X",
    "VK X OK WhatsApp Telegram",
]
MIDDLE_NOISE = [
    "Photo credit: Akorda.kz.",
    "Photo www",
    "[Image by jorono from Pixabay]",
    "Read also:",
]
TAIL_NOISE = [
    "Click here to have {outlet}'s newsletter delivered via RSS, as an email newsletter, via mobile or on your personal news page.",
    "Get {outlet} stories sent directly to you! Sign up via the website.",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "About Us",
    "If you do not already have an account, click here",
]


def seed_paragraphs(sources_dir: Path) -> list[str]:
    """Body paragraphs of the real seeds, as the converter keeps them."""
    rules = default_rules()
    paragraphs = []
    for path in sorted(sources_dir.glob("*.txt")):
        decisions = classify(decode_source(path.read_bytes()), rules)
        paragraphs += [d.text for d in decisions if d.kept and len(d.text.split()) > 25]
    return paragraphs


def synthetic_article(number: int, paragraphs: list[str], words: int = 1000) -> str:
    rng = random.Random(number)
    outlet = rng.choice(OUTLETS)
    author = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    topic = " ".join(rng.choice(paragraphs).split()[2:8]).strip(",.;:")
    # A printed date, as news pages have, spread over twenty years: the archive, the
    # Library's years and every date sort see a collection's real spread.
    published = f"{rng.randint(1, 28)} {MONTHS[rng.randrange(12)]} {rng.randint(2006, 2026)}"
    lines = [
        rng.choice(HEAD_NOISE),
        f"Article {number}: {topic.title()}",
        f"By {author}",
        published,
    ]
    count = 0
    while count < words:
        paragraph = rng.choice(paragraphs)
        lines.append(paragraph)
        count += len(paragraph.split())
        if rng.random() < 0.1:
            lines.append(rng.choice(MIDDLE_NOISE))
    lines.append(f"* {author} is a senior fellow at the Institute of Eurasian Studies.")
    lines += [noise.format(outlet=outlet) for noise in rng.sample(TAIL_NOISE, 3)]
    return "\n\n".join(lines) + "\n"


# A line with this many words is prose a variant may swap; shorter lines are the page's
# furniture (navigation, share rows, headings), kept as they are.
PARAGRAPH_MIN_WORDS = 25
# A text is a base for variants only with this many paragraphs to swap.
VARIANT_MIN_PARAGRAPHS = 3


def paragraph_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if len(line.split()) >= PARAGRAPH_MIN_WORDS]


def real_variant(text: str, seed: str, paragraphs: list[str]) -> str:
    """`text` with each paragraph replaced by one drawn from `paragraphs`."""
    rng = random.Random(seed)
    lines = [
        rng.choice(paragraphs) if len(line.split()) >= PARAGRAPH_MIN_WORDS else line
        for line in text.split("\n")
    ]
    return "\n".join(lines)


def write_corpus_from_texts(folder: Path, count: int, texts_dir: Path) -> list[Path]:
    """`count` raw texts: the texts of `texts_dir` in name order, then variants of them.

    Variants are made only from texts with a few paragraphs to swap, and redrawn
    until they differ from every text so far (convert refuses a duplicate).
    """
    texts = [decode_source(path.read_bytes()) for path in sorted(texts_dir.glob("*.txt"))]
    bases = [text for text in texts if len(paragraph_lines(text)) >= VARIANT_MIN_PARAGRAPHS]
    if not bases:
        raise ValueError(f"{texts_dir}: no .txt file with {VARIANT_MIN_PARAGRAPHS} paragraphs")
    paragraphs = [line for text in texts for line in paragraph_lines(text)]
    corpus = texts[:count]
    seen = set(corpus)
    while len(corpus) < count:
        base, attempt = bases[len(corpus) % len(bases)], 0
        while (text := real_variant(base, f"{len(corpus)}-{attempt}", paragraphs)) in seen:
            attempt += 1
        corpus.append(text)
        seen.add(text)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, text in enumerate(corpus):
        path = folder / f"real_{number:06d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def write_corpus(folder: Path, count: int, sources_dir: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paragraphs = seed_paragraphs(sources_dir)
    paths = []
    for number in range(count):
        path = folder / f"synthetic_{number:06d}.txt"
        path.write_text(synthetic_article(number, paragraphs), encoding="utf-8")
        paths.append(path)
    return paths


# A realistic vocabulary (`python -m tools.bench --corpus zipf`): words drawn by their real
# frequency (wordfreq, a test-extra dependency) past the most common ones, so that titles
# are distinct and postings lists have natural lengths; one article in ten is Russian.
ZIPF_VOCABULARY = 40_000
ZIPF_SKIP = 150
ZIPF_RUSSIAN_EVERY = 10


def _zipf_words(language: str) -> tuple[list[str], list[float]]:
    import wordfreq

    words = [w for w in wordfreq.top_n_list(language, ZIPF_VOCABULARY)[ZIPF_SKIP:] if w.isalpha()]
    return words, list(itertools.accumulate(wordfreq.word_frequency(w, language) for w in words))


def zipf_article(number: int, paragraphs: list[str], vocabularies: dict, words: int = 800) -> str:
    """Seed paragraphs recombined, and as many sentences drawn from the language's
    vocabulary by frequency; a title of 5-8 drawn words."""
    rng = random.Random(f"zipf-{number}")
    language = "ru" if number % ZIPF_RUSSIAN_EVERY == ZIPF_RUSSIAN_EVERY - 1 else "en"
    vocabulary, cumulative = vocabularies[language]
    outlet = rng.choice(OUTLETS)
    author = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    title = " ".join(
        rng.choices(vocabulary, cum_weights=cumulative, k=rng.randint(5, 8))
    ).capitalize()
    lines = [title, f"By {author}"]
    count = 0
    while count < words:
        if rng.random() < 0.5:
            paragraph = rng.choice(paragraphs)
        else:
            sentences = [
                " ".join(
                    rng.choices(vocabulary, cum_weights=cumulative, k=rng.randint(8, 18))
                ).capitalize()
                + "."
                for _ in range(rng.randint(2, 4))
            ]
            paragraph = " ".join(sentences)
        lines.append(paragraph)
        count += len(paragraph.split())
    lines += [noise.format(outlet=outlet) for noise in rng.sample(TAIL_NOISE, 2)]
    return "\n\n".join(lines) + "\n"


def write_zipf_corpus(folder: Path, count: int, sources_dir: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paragraphs = seed_paragraphs(sources_dir)
    vocabularies = {language: _zipf_words(language) for language in ("en", "ru")}
    paths = []
    for number in range(count):
        path = folder / f"zipf_{number:06d}.txt"
        path.write_text(zipf_article(number, paragraphs, vocabularies), encoding="utf-8")
        paths.append(path)
    return paths
