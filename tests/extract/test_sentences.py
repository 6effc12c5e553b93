"""Sentence splitting: offsets into the text, robust to abbreviations, quotes and headlines."""

from __future__ import annotations

from sitegen.extract.sentences import _MARKUP_RE, has_markup, plain, split_sentences


def sentences(text: str, start: int = 0) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, start)]


def test_abbreviations_initials_and_acronyms_do_not_end_sentences() -> None:
    text = "Dr. Smith met George W. Bush in the U.S. on Jan. 5. Mr. Jones left."
    assert sentences(text) == [
        "Dr. Smith met George W. Bush in the U.S. on Jan. 5.",
        "Mr. Jones left.",
    ]


def test_acronym_then_sentence_opener_ends_the_sentence() -> None:
    assert sentences("He moved to the U.S. The next day he left.") == [
        "He moved to the U.S.",
        "The next day he left.",
    ]


def test_quotations_keep_their_attribution() -> None:
    text = "“Do you think he is a sane person?” he asked. “We have won,” Putin said. Then he left."
    assert sentences(text) == [
        "“Do you think he is a sane person?” he asked.",
        "“We have won,” Putin said.",
        "Then he left.",
    ]


def test_headline_line_without_stop_is_its_own_sentence() -> None:
    text = "Troops were sent prior to 2022\nPutin did say so. He left."
    assert sentences(text) == ["Troops were sent prior to 2022", "Putin did say so.", "He left."]


def test_dateline_and_markdown_markers_are_left_out() -> None:
    text = (
        "# The headline\n\nMOSCOW, Dec 19 (Reuters) - Russia said it was ready.\n\n- A list item."
    )
    assert sentences(text) == ["The headline", "Russia said it was ready.", "A list item."]


def test_hard_wrapped_paragraph_is_joined() -> None:
    line = "word " * 12
    text = f"{line}ends\n{line}here. And\n{line}more."
    assert sentences(text) == [f"{line}ends\n{line}here.", f"And\n{line}more."]


def test_offsets_are_into_the_text_and_start_is_respected() -> None:
    text = "---\ntitle: X\n---\nIt rained. It stopped."
    body = text.index("It")
    spans = split_sentences(text, body)
    assert [text[a:b] for a, b in spans] == ["It rained.", "It stopped."]
    assert spans[0][0] == body


def test_has_markup_is_whether_the_markup_regex_finds_a_character_after_start() -> None:
    texts = ["plain text.", "a [link](x)", "<b>", "*em*", "snake_case", "`code`", "x\n*"]
    for text in texts:
        for start in range(len(text) + 1):
            assert has_markup(text, start) == (_MARKUP_RE.search(text, start) is not None)
            if not has_markup(text, start):
                assert plain(text[start:]) == text[start:]
