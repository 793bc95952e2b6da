"""Phase 1 (plan), reading: raw bytes to normalised text, or a refusal that says why."""

from __future__ import annotations

import codecs
import re
import unicodedata

MAX_SOURCE_BYTES = 20 * 1024 * 1024
MAX_LINE_CHARS = 100_000


class RefusedSource(ValueError):
    """A source that cannot become an article; the message is the reason."""


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Magic numbers of formats that are never article text.
_BINARY_SIGNATURES = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"%PDF",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"RIFF",
    b"\x7fELF",
)
# Zero-width characters and bidirectional controls: invisible, and able to make
# a title reorder itself on the page.
_INVISIBLE = re.compile(
    "[\u200b\u200c\u200d\u2060\ufeff\u00ad\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]"
)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAKS = re.compile("\r\n|\r|\u2028|\u2029|\x85|\x0b|\x0c")
# Mojibake: UTF-8 read as cp1252 or latin-1 leaves these pairs behind.
_MOJIBAKE = re.compile("[ÂÃâÐÑ][\u0080-\u00bf\u2018-\u203a\u0152-\u0178\u02c6\u02dc\u20ac\u2122]")


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raises RefusedSource when it is not text."""
    if len(raw) > MAX_SOURCE_BYTES:
        raise RefusedSource(f"file is {len(raw):,} bytes, over the {MAX_SOURCE_BYTES:,}-byte limit")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _decode_strict(raw, encoding), encoding
    if raw.startswith(_BINARY_SIGNATURES):
        raise RefusedSource("binary file (an image, archive or document), not text")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _decode_legacy(raw)


def _decode_strict(raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise RefusedSource(
            f"starts with a {encoding} byte-order mark but is not {encoding}: {error.reason}"
        ) from None


def _decode_legacy(raw: bytes) -> tuple[str, str]:
    if raw.count(b"\x00") > len(raw) // 100:
        raise RefusedSource("binary file: too many NUL bytes to be text")
    # Imported here: most sources are UTF-8, and the import costs every run 10 ms.
    from charset_normalizer import from_bytes

    best = from_bytes(raw, cp_isolation=["cp1251", "koi8_r", "cp1252", "latin_1", "utf_16"]).best()
    if best is None:
        raise RefusedSource("binary file: not text in any supported encoding")
    return str(best), best.encoding


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was decoded as cp1252 or latin-1 somewhere upstream.

    ftfy is slow for a hot path, so the cheap pattern decides whether to call it.
    """
    if not _MOJIBAKE.search(text):
        return text
    import ftfy  # here, not at the top: the import alone costs every run 40 ms

    return ftfy.fix_encoding(text)


# Any character the three patterns above replace or remove: most texts have none,
# and one scan for them is cheaper than three substitutions.
# (One character class: the line breaks' first characters, then the two classes' insides.)
_TO_CLEAN = re.compile(
    "[\r\u2028\u2029\x85\x0b\x0c" + _CONTROL.pattern[1:-1] + _INVISIBLE.pattern[1:-1] + "]"
)


def normalise_text(text: str) -> str:
    """One canonical form: NFC, `\\n` line ends, no invisible or control characters."""
    if _TO_CLEAN.search(text):
        text = _LINE_BREAKS.sub("\n", text)
        text = _CONTROL.sub("", text.replace("\x00", ""))
        text = _INVISIBLE.sub("", text)
    text = repair_mojibake(text)
    text = unicodedata.normalize("NFC", text)
    lines = [line.replace("\t", " ").rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


def decode_source(raw: bytes) -> str:
    """Bytes of a raw article to normalised text; refuses what cannot be an article."""
    text, _ = decode_bytes(raw)
    text = normalise_text(text)
    if not text.strip():
        raise RefusedSource("empty: no text after removing whitespace and invisible characters")
    if _looks_binary(text):
        raise RefusedSource("binary file: mostly unprintable characters")
    if max(map(len, text.split("\n"))) > MAX_LINE_CHARS:
        raise RefusedSource(f"a line is over {MAX_LINE_CHARS:,} characters: not article text")
    return text


_ODD = re.compile("[\ufffd\ue000-\uf8ff\U000f0000-\U0010ffff\ud800-\udfff]")


def _looks_binary(text: str) -> bool:
    """Mostly replacement, private-use or surrogate characters: bytes that were never text."""
    sample = text[:4096]
    if sample.isascii():
        return False
    return len(_ODD.findall(sample)) > len(sample) * 0.05
