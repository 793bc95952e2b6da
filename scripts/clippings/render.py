"""Phase 2 (write), step render: an article's kept lines to the Markdown body of docs/articles/<slug>.md.

The front matter, the signing and the file layout are clippings.articlefile's.
"""

from __future__ import annotations

from collections.abc import Sequence

from clippings.anchors import paragraph_anchors
from clippings.clean import HEADING, Decision
from clippings.escape import escape_block


def render_body(decisions: Sequence[Decision], anchors: Sequence[str] | None = None) -> str:
    """Kept lines as Markdown; each paragraph carries its stable anchor (attr_list syntax).

    `anchors` are the paragraphs' anchors when the caller has them already.
    """
    kept = [d for d in decisions if d.kept]
    if anchors is None:
        anchors = paragraph_anchors([d.text for d in kept if d.role != HEADING])
    anchors = iter(anchors)
    blocks = [
        f"## {escape_block(d.text)}"
        if d.role == HEADING
        else f"{escape_block(d.text)}\n{{: #{next(anchors)} }}"
        for d in kept
    ]
    return "\n\n".join(blocks) + "\n"
