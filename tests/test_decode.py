"""Decoding and normalising untrusted bytes."""

from __future__ import annotations

import codecs

import pytest

from clippings.decode import RefusedSource, decode_source

RUSSIAN = "Токаев заявил, что Казахстан станет надёжным партнёром. Президент выступил на саммите в Астане.\n"
ENGLISH = "Kazakhstan’s president said the talks — held in Astana — were “constructive”.\n"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (ENGLISH.encode("utf-8"), ENGLISH),
        (codecs.BOM_UTF8 + ENGLISH.encode("utf-8"), ENGLISH),
        (ENGLISH.encode("utf-16"), ENGLISH),
        (RUSSIAN.encode("cp1251"), RUSSIAN),
        (RUSSIAN.encode("koi8_r"), RUSSIAN),
        (ENGLISH.encode("utf-8").decode("latin-1").encode("utf-8"), ENGLISH),  # mojibake
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "cp1251", "koi8-r", "mojibake"],
)
def test_encodings_decode_to_the_same_text(raw: bytes, expected: str) -> None:
    assert decode_source(raw) == expected


@pytest.mark.parametrize("separator", ["\r\n", "\r", "\u2028", "\u2029"])
def test_line_ends_are_normalised(separator: str) -> None:
    assert (
        decode_source(f"Title{separator}{separator}Body text.".encode()) == "Title\n\nBody text.\n"
    )


def test_invisible_and_bidi_characters_are_removed() -> None:
    raw = "Ti\u200btle\u202e reversed\u2066 x\x00y\ufeff".encode()
    assert decode_source(raw) == "Title reversed xy\n"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t\r\n \xe2\x80\x8b", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "binary"),
        (b"\xff\xd8\xff\xe0" + bytes(200), "binary"),
        (bytes(range(256)) * 20, "binary"),
        (b"x" * 200_001, "over"),
    ],
    ids=["empty", "whitespace", "png", "jpeg", "random-bytes", "huge-line"],
)
def test_refusals_name_the_reason(raw: bytes, reason: str) -> None:
    with pytest.raises(RefusedSource, match=reason):
        decode_source(raw)
