"""Split an article's text into sentences, as character spans into that text.

Rules, in the order they apply:

- blank lines end a sentence; so does a single line break, unless the paragraph is hard-wrapped
  prose (most of its lines long and of similar width), where it is a space. A headline or a
  one-line paragraph without a full stop is thus a sentence of its own;
- Markdown block markers (``#``, ``>``, ``-``, ``1.``) and a dateline (``KYIV, Ukraine (AP) —``,
  ``LONDON | Wed Apr 29, 2009 12:20am BST LONDON (Reuters) -``) are left out of the sentence
  that follows them;
- ``.``, ``!``, ``?`` (with any closing quotes) end a sentence only when the next word starts
  with a capital, a digit-free quote or bracket: ``“sane person?” he said`` goes on;
- after an abbreviation (``Dr.``, ``Jan.``), an initial (``George W. Bush``) or a dotted acronym
  (``U.S.``) a full stop ends nothing, unless a word that usually opens a sentence follows
  (``... to the U.S. The next day``).
"""

from __future__ import annotations

import re

from sitegen.extract.words import wordset

Span = tuple[int, int]

ABBREVIATIONS = wordset(
    """
    mr mrs ms dr prof gen col lt sgt capt cmdr adm gov sen rep rev hon st mt ft jr sr inc
    corp co ltd llc bros vs etc no nos vol fig approx dept est jan feb mar apr jun jul aug
    sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun a.m p.m e.g i.e al
    """
)
"""Words that take a full stop without ending a sentence (lower case, without the stop)."""

# After a dotted acronym ("U.S."), these words show that a new sentence has begun.
_OPENERS = wordset(
    """
    The A An He She It They We I But And In On At This That These Those His Her Its Their
    """
)

_BLOCK_SPLIT_RE = re.compile(r"\n[ \t]*\n\s*")
_MARKER_RE = re.compile(r"(?:#{1,6}\s+|>\s*|[-*+]\s+|\d{1,3}[.)]\s+)+")
_DATELINE_RE = re.compile(
    r"(?:[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+)* \| [^|\n]{5,60}? )?"  # LONDON | Wed Apr 29, ... BST
    r"[A-Z][A-Z.'’\-]+(?:[ ,]+[A-Z][A-Za-z.'’\-]+){0,3}"  # KYIV, Ukraine / WASHINGTON
    r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?"  # , Dec 19
    r"(?: \([A-Za-z .]+\))?"  # (Reuters)
    r"\s*(?:--?|–|—)\s+"
)
# ``(?:[.!?]+|…)``, written to open with one set of characters (the regex engine then skips to
# the next of them rather than trying every character: three times faster).
_END_RE = re.compile(r"[.!?…](?:(?<=…)|[.!?]*)[\"”’')\]]*(?=\s|$)")
_WORD_BEFORE_RE = re.compile(r"([\w.]+)$")
_NEXT_RE = re.compile(r"\s+([\"“‘'(\[]?)(\S*)")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of ``text[start:end]`` as ``(start, end)`` offsets into ``text``, trimmed."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    for block_start, block_end in _blocks(text, start, end):
        _split_block(text, block_start, block_end, spans)
    return spans


def _blocks(text: str, start: int, end: int) -> list[Span]:
    """Paragraphs, and lines of paragraphs that are not hard-wrapped prose."""
    blocks: list[Span] = []
    pos = start
    for match in [*_BLOCK_SPLIT_RE.finditer(text, start, end), None]:
        para_end = match.start() if match else end
        if para_end > pos:
            blocks.extend(_lines(text, pos, para_end))
        if match:
            pos = match.end()
    return blocks


def _lines(text: str, start: int, end: int) -> list[Span]:
    lines: list[Span] = []
    pos = start
    while pos <= end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        lines.append((pos, line_end))
        if nl < 0:
            break
        pos = nl + 1
    if _is_wrapped(text, lines):
        # Markdown list items and headings still start a block of their own.
        merged: list[Span] = []
        for line in lines:
            if merged and not _MARKER_RE.match(text, line[0], line[1]):
                merged[-1] = (merged[-1][0], line[1])
            else:
                merged.append(line)
        return merged
    return lines


def _is_wrapped(text: str, lines: list[Span]) -> bool:
    if len(lines) < 3:
        return False
    lengths = [b - a for a, b in lines]
    if max(lengths) > 100:
        return False
    long_lines = sum(1 for n in lengths[:-1] if n >= 50)
    return long_lines >= 0.7 * (len(lines) - 1)


def _split_block(text: str, start: int, end: int, spans: list[Span]) -> None:
    """Add the sentences of the block ``text[start:end]`` to ``spans``."""
    while start < end and text[start].isspace():
        start += 1
    if start == end:
        return
    # A marker opens with one of these characters, and a dateline with two capitals (or a
    # capital and a dot, quote or hyphen): most blocks are spared both regexes.
    first = text[start]
    if first in "#>-*+" or first.isdigit():
        marker = _MARKER_RE.match(text, start, end)
        if marker:
            start = marker.end()
    if text[start : start + 2].isupper():
        dateline = _DATELINE_RE.match(text, start, end)
        if dateline:
            start = dateline.end()
    pos = start
    for match in _END_RE.finditer(text, start, end):
        stop = match.end()
        # At the end of the block, or before the spaces that end its line: a boundary.
        if (
            end - stop < 3
            and (stop == end or text[stop:end].isspace())
            or _is_boundary(text, match.start(), stop, end)
        ):
            if span := _trim(text, pos, stop):
                spans.append(span)
            pos = stop
    if pos < end and (span := _trim(text, pos, end)):
        spans.append(span)


def _is_boundary(text: str, stop: int, after: int, block_end: int) -> bool:
    nxt = _NEXT_RE.match(text, after, block_end)
    if not nxt or not nxt.group(2):
        return True
    opening, word = nxt.group(1), nxt.group(2)
    first = word[0]
    if not (first.isupper() or (opening and first.isalpha())):
        return False
    if text[stop] != ".":
        return True
    before = _WORD_BEFORE_RE.search(text, max(0, stop - 20), stop)
    if not before:
        return True
    prev = before.group(1)
    if len(prev) == 1 and prev.isupper():
        return False  # an initial: George W. Bush
    if "." in prev and len(prev) <= 6 and prev.replace(".", "").isupper():
        return word.strip("\"“‘'") in _OPENERS  # U.S. / U.N.
    return prev.lower().rstrip(".") not in ABBREVIATIONS


def _trim(text: str, start: int, end: int) -> Span | None:
    # Whitespace as ``str.strip`` sees it; a sentence rarely has any to trim, so test the two
    # ends rather than copy it.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


_MARKUP = "[<*_`"
_MARKUP_RE = re.compile(r"[\[<*_`]")
_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|<[^>]+>|(?<!\w)[*_`]+|[*_`]+(?!\w)")


def has_markup(text: str, start: int = 0) -> bool:
    """Whether ``text[start:]`` holds a character that opens inline markup: without one,
    :func:`plain` gives every piece of it back as it is.

    One ``str.find`` per character (a C scan of the text each) rather than a regex search: the
    regex engine pays at every character of the article (42 µs on a t17 article, a third of
    splitting it into sentences), five scans for a character 1.5 µs."""
    return any(text.find(char, start) >= 0 for char in _MARKUP)


def plain(sentence: str) -> str:
    """A sentence without its Markdown inline markup, for names, titles and comparisons:
    ``[Putin](https://...)`` -> ``Putin``, ``**said**`` -> ``said``, HTML tags dropped."""
    if not _MARKUP_RE.search(sentence):
        return sentence
    return _LINK_RE.sub(lambda m: m.group(1) or "", sentence)
