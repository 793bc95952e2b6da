from clippings.anchors import paragraph_anchor, paragraph_anchors


def test_anchor_depends_on_text_only() -> None:
    assert paragraph_anchor("Kazakhstan  is\nhere.") == paragraph_anchor("kazakhstan is here.")
    assert paragraph_anchor("One.") != paragraph_anchor("Two.")
    assert paragraph_anchor("One.").startswith("p-") and len(paragraph_anchor("One.")) == 10


def test_editing_one_paragraph_keeps_the_others() -> None:
    before = paragraph_anchors(["First.", "Second.", "Third."])
    after = paragraph_anchors(["First, edited.", "Second.", "Third.", "Fourth."])
    assert before[1:] == after[1:3]
    assert before[0] != after[0]


def test_repeated_paragraphs_get_unique_anchors() -> None:
    anchors = paragraph_anchors(["Same.", "Other.", "Same."])
    assert anchors[2] == anchors[0] + "-2"
    assert len(set(anchors)) == 3
