"""Hostile and broken inputs, made here rather than downloaded: name -> (bytes, expected outcome).

An outcome is "converted" or "refused: <words the reason must contain>".
"""

from __future__ import annotations

import codecs

PROSE = (
    "The foreign ministry said on Monday that talks in Astana had ended with an agreement on water "
    "sharing between the five states of the region, and that experts would meet again in spring."
)
TITLE = "Regional Talks End With a Water Deal"


_counter = iter(range(1000))


def article(*lines: str, title: str = TITLE) -> str:
    """A small article; each call's text differs, so no two cases are duplicates."""
    case = (
        f"This is case number {next(_counter)} of the hostile input suite, written for the tests."
    )
    return "\n\n".join([title, *lines, PROSE, case]) + "\n"


TWIN = article(title="The Same Text Twice")
RUSSIAN = "Переговоры в Астане\n\nМинистерство иностранных дел сообщило в понедельник, что переговоры в Астане завершились соглашением о разделе воды.\n"

CASES: dict[str, tuple[bytes, str]] = {
    "utf8.txt": (article().encode(), "converted"),
    "identical-a.txt": (TWIN.encode(), "converted"),
    "identical-b.txt": (TWIN.encode("utf-16"), "refused: same text as sources/identical-a.txt"),
    "utf8-bom.txt": (codecs.BOM_UTF8 + article().encode(), "converted"),
    "utf16-bom.txt": (article().encode("utf-16"), "converted"),
    "cp1251.txt": (RUSSIAN.encode("cp1251"), "converted"),
    "koi8r.txt": (RUSSIAN.replace("понедельник", "вторник").encode("koi8_r"), "converted"),
    "mojibake.txt": (
        article("Kazakhstan’s “neutral” stance — explained.").encode().decode("latin-1").encode(),
        "converted",
    ),
    "crlf.txt": (article().replace("\n", "\r\n").encode(), "converted"),
    "cr-only.txt": (article().replace("\n", "\r").encode(), "converted"),
    "unicode-separators.txt": (article().replace("\n\n", "\u2029").encode(), "converted"),
    "nul-and-zero-width.txt": (article("Zero\u200bwidth and\x00 NUL bytes.").encode(), "converted"),
    "bidi-title.txt": (
        article(title="Talks \u202eSDRAWKCAB\u202c End in Astana").encode(),
        "converted",
    ),
    "empty.txt": (b"", "refused: empty"),
    "whitespace.txt": (" \n\t\r\n\u00a0\u200b".encode(), "refused: empty"),
    "image-renamed.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "refused: binary"),
    "random-bytes.txt": (bytes((i * 7919) % 256 for i in range(4096)), "refused: binary"),
    "only-boilerplate.txt": (
        b"VK X OK WhatsApp Telegram\n\nLeave a Reply\n\nAbout Us\n",
        "refused: no article text",
    ),
    "one-megabyte-line.txt": (b"word " * 210_000, "refused: over"),
    "html.txt": (
        article(
            '<script>alert("x")</script> opens the standfirst of this page',
            # Markup inside sentences: a bare tag on its own line is page furniture
            # and dropped as not-prose, which would leave nothing here to escape.
            'The page embedded <iframe src="https://evil.example"></iframe> in its text.',
            'A broken image <img src=x onerror="alert(1)"> sat between the paragraphs.',
            "The link [click](javascript:alert(1)) was offered to every reader.",
        ).encode(),
        "converted",
    ),
    "markdown-markers.txt": (
        article(
            "# not a heading",
            "> not a quote",
            "1984. A year, not a list.",
            "* not a bullet",
            "| not | a table |",
            "---",
        ).encode(),
        "converted",
    ),
    "template-syntax.txt": (
        article("{{ config.site_name }} and {% include 'x' %} stay text.").encode(),
        "converted",
    ),
    "remote-image.txt": (
        article("![tracker](https://tracker.example/pixel.gif)").encode(),
        "converted",
    ),
    "yaml-first-line.txt": (
        ("title: Injected Title\nauthor: Mallory\n\n" + article()).encode(),
        "converted",
    ),
    "own-front-matter.txt": (
        ("---\ntitle: Injected\nthemes: [china]\n---\n" + article()).encode(),
        "converted",
    ),
    "yaml-specials-title.txt": (
        article(title="Yes: No # not a comment & *alias !tag 'q' \"dq\" @at `tick`").encode(),
        "converted",
    ),
    "path-traversal-title.txt": (article(title="../../etc/passwd").encode(), "converted"),
    "name with spaces é.txt": (article().encode(), "converted"),
    ".leading-dot.txt": (article(title="A Hidden File Still Converts").encode(), "converted"),
}
