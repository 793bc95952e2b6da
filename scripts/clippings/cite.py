"""Citations (APA, Chicago, BibTeX) from front matter; unknown fields are left out, not faked."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from slugify import slugify

from clippings import dates
from clippings.dates import MONTHS

_BIBTEX_SPECIAL = re.compile(r"([{}%&$#_\\])")


def _apa_date(parts: list[int]) -> str:
    if not parts:
        return ""
    text = str(parts[0])
    if len(parts) >= 2:
        text += f", {MONTHS[parts[1] - 1]}" + (f" {parts[2]}" if len(parts) == 3 else "")
    return f" ({text})."


def _chicago_date(parts: list[int]) -> str:
    if not parts:
        return ""
    if len(parts) == 3:
        return f"{MONTHS[parts[1] - 1]} {parts[2]}, {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def _apa_author(name: str) -> str:
    """'Ernest Gallo' -> 'Gallo, E.'; names in other scripts or single words stay as written."""
    words = name.split()
    if len(words) < 2 or not all(w[:1].isalpha() and w[:1].isascii() for w in words):
        return name
    initials = " ".join(f"{w[0]}." for w in words[:-1])
    return f"{words[-1]}, {initials}"


def _chicago_author(name: str) -> str:
    words = name.split()
    if len(words) < 2 or not all(w[:1].isalpha() and w[:1].isascii() for w in words):
        return name
    return f"{words[-1]}, {' '.join(words[:-1])}"


def _bibtex_escape(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", text)


def citations(
    metadata: dict[str, Any], page_url: str | None, accessed: dt.date | None
) -> dict[str, str]:
    """`accessed`: when the text was taken (the article's `added`); without it, no access date."""
    title = str(metadata.get("title") or "Untitled")
    outlet = metadata.get("outlet")
    person = metadata.get("author")
    # Without a named author the outlet is the author, as a group: never inverted.
    author = person or outlet
    url = metadata.get("url") or page_url
    parts = dates.parts(metadata.get("published"))
    access_long = (
        f"Accessed {MONTHS[accessed.month - 1]} {accessed.day}, {accessed.year}. "
        if accessed
        else ""
    )

    apa_name = _apa_author(person) if person else outlet
    if apa_name and not apa_name.endswith("."):
        apa_name += "."
    apa = f"{apa_name}{_apa_date(parts)}" if apa_name else ""
    apa = f"{apa} {title}." if apa else f"{title}.{_apa_date(parts)}"
    if outlet and outlet != author:
        apa += f" {outlet}."
    if url:
        apa += f" {url}"

    chicago_bits = [
        f"{_chicago_author(person) if person else outlet}." if author else "",
        f"“{title}.”",
        f"{outlet}." if outlet and outlet != author else "",
    ]
    if parts:
        chicago_bits.append(f"{_chicago_date(parts)}.")
    if url:
        chicago_bits.append(f"{access_long}{url}.")
    chicago = " ".join(bit for bit in chicago_bits if bit)

    key_name = slugify(str(author).split()[-1] if author else "anon", separator="") or "anon"
    key_title = slugify(title, separator="", max_length=24, word_boundary=False)
    key = f"{key_name}{parts[0] if parts else ''}{key_title.split('-')[0][:16]}"
    fields = [
        ("author", f"{{{_bibtex_escape(author)}}}" if author else None),
        ("title", f"{{{_bibtex_escape(title)}}}"),
    ]
    fields += [
        (
            "journal" if outlet else "howpublished",
            f"{{{_bibtex_escape(outlet)}}}" if outlet else None,
        )
    ]
    if parts:
        fields.append(("year", f"{{{parts[0]}}}"))
        if len(parts) >= 2:
            fields.append(("month", f"{{{MONTHS[parts[1] - 1][:3].lower()}}}"))
    if url:
        fields.append(("url", f"{{{_bibtex_escape(url)}}}"))
    if accessed:
        fields.append(("urldate", f"{{{accessed.isoformat()}}}"))
    entry_type = "article" if outlet else "misc"
    body = ",\n".join(f"  {name} = {value}" for name, value in fields if value)
    bibtex = f"@{entry_type}{{{key},\n{body}\n}}"
    return {"apa": apa.strip(), "chicago": chicago.strip(), "bibtex": bibtex}
