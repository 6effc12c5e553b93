"""Text to HTML: article and event bodies, with time expressions highlighted.

Article text is user input: raw HTML in Markdown is escaped (its block and inline HTML
processors are removed), links with script-running schemes lose their href. Mentions in
Markdown are carried through the conversion as pairs of private-use characters (one code point
per mention end), then replaced by ``<mark>`` tags; markers that land in attributes are dropped.
"""

from __future__ import annotations

import functools
import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

import markdown
from markdown.inlinepatterns import InlineProcessor as InlinePattern
from markdown.treeprocessors import InlineProcessor, Treeprocessor
from markupsafe import Markup, escape

from sitegen.dates import format_date, parse_partial_date
from sitegen.model import Article, Mention, Source

_UNSAFE_URL = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x20]+")
_MARKER_BASE = 0xF0000  # Supplementary Private Use Area-A: U+F0000..U+FFFFD
_MARKERS = re.compile("[\U000f0000-\U000ffffd]")
_MAX_MARKED = (0xFFFFD - _MARKER_BASE) // 2


class _SafeTree(Treeprocessor):
    """Drops unsafe URLs and markers in attributes, notes markers inside links, and moves
    headings one level down (the page's title is the only ``h1``)."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        # Set before run(): Markdown skips the tree processors for an empty document.
        self.in_links: set[str] = set()

    def run(self, root: ET.Element) -> None:
        self.in_links = set()
        for element in root.iter():
            for name, value in list(element.attrib.items()):
                value = _MARKERS.sub("", value)
                if name in ("href", "src") and _UNSAFE_URL.match(_CONTROL.sub("", value)):
                    del element.attrib[name]
                else:
                    element.set(name, value)
            if element.tag == "a":
                self.in_links.update(_MARKERS.findall("".join(element.itertext())))
            if element.tag in ("h1", "h2", "h3", "h4", "h5"):
                element.tag = f"h{int(element.tag[1]) + 1}"


_NEEDS = {
    "backtick": ("`", "\\"),
    "escape": ("\\",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("[",),
    "image_reference": ("[",),
    "short_reference": ("[",),
    "short_image_ref": ("[",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
}
"""What every match of each of Markdown's inline patterns contains (one of these strings)."""


class _QuickInline(InlineProcessor):
    """Markdown's inline stage, which skips a text that no inline pattern can match.

    Markdown tries each of its 13 patterns on each text in turn, in Python, even when none
    matches, as in most paragraphs of prose: a text without any string that a match needs
    (``_NEEDS``) is returned as is, as Markdown itself would return it (nothing matched, nothing
    replaced). Any other text goes through Markdown's own loop, from the first pattern. A
    pattern not in ``_NEEDS`` (another version of Markdown) is searched for instead.
    """

    can_match: Callable[[str], object] | None = None
    """Made at the first conversion, for the inline patterns registered then."""

    def run(self, tree: ET.Element, ancestors: list[str] | None = None) -> ET.Element:
        if self.can_match is None:
            self.can_match = self._can_match()
        return super().run(tree, ancestors)

    def _can_match(self) -> Callable[[str], object]:
        patterns: list[Any] = list(self.inlinePatterns)
        known = [name for name in _NEEDS if name in self.inlinePatterns]
        if len(known) == len(patterns):
            needs = {s for name in known for s in _NEEDS[name]}
            return re.compile("|".join(map(re.escape, sorted(needs)))).search
        if not all(isinstance(p, InlinePattern) for p in patterns):
            return bool  # legacy patterns match from the start of what is left: no shortcut
        regexes = [p.getCompiledRegExp() for p in patterns]
        return lambda text: any(r.search(text) for r in regexes)

    # Overrides InlineProcessor.__handleInline (name-mangled: the parent's own calls reach it).
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if patternIndex == 0 and self.can_match and not self.can_match(data):
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)  # type: ignore[misc]


_converters = threading.local()
"""One converter per thread: making one costs more than converting a short article."""


def _make_converter(quick: bool = True) -> tuple[markdown.Markdown, _SafeTree]:
    """Markdown as sitegen converts it; ``quick``: skipping texts no inline pattern can match
    (the same HTML; without, for tests)."""
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    if quick:
        md.treeprocessors.register(_QuickInline(md), "inline", 20)
    safe = _SafeTree(md)
    md.treeprocessors.register(safe, "sitegen_safe", 0)
    return md, safe


def _converter() -> tuple[markdown.Markdown, _SafeTree]:
    made = getattr(_converters, "made", None)
    if made is None:
        made = _converters.made = _make_converter()
    return made


_MARKUP_CHAR = re.compile(r"[`\\\[<>&*_\t\r\x02\x03]")
"""A character that starts inline markup, or that Markdown rewrites."""
_MARKUP_LINE = re.compile(r"\n(?:[ #>=+*_-]|\d+[.)])")
"""A line that could start a heading, a list, a quote, a rule or a code block (a wide net:
some of these are only text)."""


def _prose_html(text: str) -> str | None:
    """Markdown's HTML for ``text`` if it is only paragraphs of plain text (most articles of
    prose), else None: the blocks between blank lines, each in ``<p>`` as Markdown's paragraph
    processor makes it, without the dozen block and inline processors that would each look at
    it and pass (a tenth of the time; the same HTML, tested against Markdown's own)."""
    if _MARKUP_CHAR.search(text) or "  \n" in text or _MARKUP_LINE.search("\n" + text):
        return None  # (three searches: a third of the time of one with three alternatives)
    blocks = (text + "\n\n").split("\n\n")  # as Markdown ends the text before it splits it
    return "\n".join(f"<p>{block.lstrip()}</p>" for block in blocks if block.strip())


def _convert(text: str) -> tuple[str, set[str]]:
    prose = _prose_html(text)
    if prose is not None:
        return prose, set()
    md, safe = _converter()
    md.reset()
    safe.in_links = set()
    return md.convert(text), safe.in_links


def markdown_html(text: str) -> Markup:
    """Markdown to HTML with raw HTML escaped and ``javascript:`` links removed."""
    return Markup(_convert(_MARKERS.sub("\ufffd", text))[0])


def timex_label(mention: Mention) -> str:
    """What a reader sees on hover and focus: ``19 December 2024 (2024-12-19)`` for a calendar
    date (``end of 1999 (1999)`` with its modifier), else the TIMEX3 value (``P3Y``)."""
    return _label(mention.value, mention.mod)


@functools.lru_cache(maxsize=4096)  # the same values come back article after article
def _label(value: str, mod: str) -> str:
    try:
        date = parse_partial_date(value)
    except ValueError:
        return value
    human = format_date(date, mod.lower() or None)
    return value if human == value else f"{human} ({value})"


def _mark_tags(mention: Mention, url: str | None) -> tuple[str, str]:
    """The tags around a mention: linked to its event, else focusable to show its value."""
    title = escape(timex_label(mention))
    if url:
        return f'<mark class="timex" title="{title}"><a href="{escape(url)}">', "</a></mark>"
    return f'<mark class="timex" title="{title}" tabindex="0">', "</mark>"


def _spans(text: str, start: int, mentions: list[Mention]) -> list[Mention]:
    """Mentions inside ``text[start:]`` in order; each overlapping a previous one is dropped."""
    spans: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, m.end)):
        inside = start <= mention.start < mention.end <= len(text)
        if inside and (not spans or mention.start >= spans[-1].end):
            spans.append(mention)
    return spans


def text_html(text: str, start: int, mentions: list[Mention], event_urls: dict[str, str]) -> Markup:
    """Plain ``text`` from offset ``start`` as paragraphs, one per non-blank line, with each
    mention (offsets into ``text``) wrapped in ``<mark class="timex">``, linked to its event
    when ``event_urls`` has it."""
    spans = _spans(text, start, mentions)
    paragraphs: list[str] = []
    i = 0
    for line in re.finditer(r"[^\r\n]+", text[start:]):
        line_start, line_end = start + line.start(), start + line.end()
        while i < len(spans) and spans[i].end <= line_start:
            i += 1
        parts: list[str] = []
        cursor = line_start
        j = i
        while j < len(spans) and spans[j].start < line_end:
            a, b = max(spans[j].start, line_start), min(spans[j].end, line_end)
            opening, closing = _mark_tags(spans[j], event_urls.get(spans[j].event_id or ""))
            parts += [str(escape(text[cursor:a])), opening, str(escape(text[a:b])), closing]
            cursor = b
            j += 1
        parts.append(str(escape(text[cursor:line_end])))
        if text[line_start:line_end].strip():
            paragraphs.append("<p>" + "".join(parts).strip() + "</p>")
    return Markup("\n".join(paragraphs))


def marked_markdown_html(
    text: str, start: int, mentions: list[Mention], event_urls: dict[str, str]
) -> Markup:
    """Markdown ``text`` from offset ``start`` as HTML, mentions wrapped as in :func:`text_html`
    (not linked inside a Markdown link, which cannot nest; not marked inside attributes or
    across markup)."""
    spans = _spans(text, start, mentions)[:_MAX_MARKED]
    source = _MARKERS.sub("\ufffd", text)  # same length: offsets stay valid
    pieces: list[str] = []
    cursor = start
    for i, mention in enumerate(spans):
        opening, closing = chr(_MARKER_BASE + 2 * i), chr(_MARKER_BASE + 2 * i + 1)
        pieces += [source[cursor : mention.start], opening, source[mention.start : mention.end]]
        pieces.append(closing)
        cursor = mention.end
    pieces.append(source[cursor:])
    html, in_links = _convert("".join(pieces))
    for i, mention in enumerate(spans):
        opening, closing = chr(_MARKER_BASE + 2 * i), chr(_MARKER_BASE + 2 * i + 1)
        a, b = html.find(opening), html.find(closing)
        if 0 <= a < b and "<" not in html[a:b]:  # a mention across markup would misnest
            url = None if opening in in_links else event_urls.get(mention.event_id or "")
            tags = _mark_tags(mention, url)
            html = html.replace(opening, tags[0], 1).replace(closing, tags[1], 1)
    return Markup(_MARKERS.sub("", html))


def article_html(article: Article, mentions: list[Mention], event_urls: dict[str, str]) -> Markup:
    """The article's body as HTML, Markdown or plain text, with its mentions marked."""
    render = text_html if article.format == "text" else marked_markdown_html
    return render(article.text, article.body_start, mentions, event_urls)


def split_sentence(text: str, source: Source) -> tuple[str, str, str]:
    """Split ``source.sentence`` around its date expression: (before, highlight, after).

    ``Source.start``/``end`` are offsets in the *article text*; the sentence is located there
    (it is a substring of the text) to turn them into offsets in the sentence. When it cannot be
    located, the first occurrence of ``date_text`` is highlighted instead, else nothing.
    """
    sentence = source.sentence
    if 0 <= source.start < source.end:
        pos = text.find(sentence, max(0, source.end - len(sentence)))
        if pos != -1 and pos <= source.start and source.end <= pos + len(sentence):
            a, b = source.start - pos, source.end - pos
            return sentence[:a], sentence[a:b], sentence[b:]
    if source.date_text:
        a = sentence.find(source.date_text)
        if a != -1:
            b = a + len(source.date_text)
            return sentence[:a], sentence[a:b], sentence[b:]
    return sentence, "", ""
