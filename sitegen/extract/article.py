"""One article's candidate events and time expressions: the cacheable, per-article half.

Each sentence is dated (``dating.py``), checked for curated events it names (``linking.py``)
and, when it reports a dated event of its own, turned into a :class:`Candidate` with a title
and entities. How a sentence that names a curated event is handled:

- its own event dated by what happened, at a date compatible with the curated event's: it *is*
  that event; it becomes one more source of it, date expression and all;
- the same, but at an incompatible date written next to the alias (a few words away, in the
  same clause): one more source too, and the event is marked "sources disagree";
- otherwise (a statement about the event, "the former proposal in Istanbul should inform
  future discussions, he said"): a source of the curated event without a date expression, and
  the sentence's own event (the statement) stays a candidate of its own.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter

from sitegen.dates import PartialDate
from sitegen.extract.dating import Dating, date_sentence
from sitegen.extract.entities import canonical, find_names
from sitegen.extract.linking import AliasIndex, Link
from sitegen.extract.phrases import lowered
from sitegen.extract.sentences import has_markup, plain, split_sentences
from sitegen.extract.titles import announcement, make_title
from sitegen.extract.words import LowerCaseWords, content_words, stem_set
from sitegen.model import Article, Event, Mention, Source
from sitegen.temporal import Timex

_start = attrgetter("start")

# How close (in words, in one clause) a date must be to an alias to be read as that event's.
_NEAR_ALIAS = 4


@dataclass(slots=True)
class Candidate:
    """One sentence's event before merging, or its link to a curated event."""

    source: Source
    date: PartialDate
    modifier: str | None
    title: str
    published: dt.date
    entities: list[str] = field(default_factory=list)
    stems: frozenset[str] = frozenset()
    """Content words of the sentence, for comparing it with other articles' sentences."""
    mention: int | None = None
    """Index in :attr:`ArticleExtraction.mentions` of the expression giving the date."""
    curated_id: str | None = None
    """Set when the candidate is a source of this curated event rather than an event."""
    announced: bool = False
    disagree: bool = False
    witnessed: bool = False
    """The sentence dates what happened itself (``content`` dating), rather than standing in
    with the date of the report or the article."""


@dataclass
class ArticleExtraction:
    """What one article contributes: candidate events, curated links and time expressions."""

    article_id: str
    published: dt.date
    candidates: list[Candidate] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    """Every time expression in the article body, in text order (``event_id`` not yet set)."""
    repeats: dict[int, int] = field(default_factory=dict)
    """Mentions in a sentence that repeats an earlier one word for word, each to the same
    expression's index in the first (which alone gives candidates)."""
    people: dict[str, str] = field(default_factory=dict)
    """Surnames the article also gives in full (``Putin`` -> ``Vladimir Putin``), so that other
    articles' ``Putin`` can be read the same way."""


def extract_from_timexes(
    article: Article, timexes: list[Timex], curated: list[Event] | AliasIndex
) -> ArticleExtraction:
    """The per-article stage on an already tagged text (``extract_article`` tags, then calls
    this; tests pass hand-built timexes)."""
    text = article.text
    published = article.published.date()
    timexes = sorted((t for t in timexes if t.start >= article.body_start), key=_start)
    extraction = ArticleExtraction(
        article.id,
        published,
        mentions=[Mention(t.start, t.end, t.text, t.type, t.value, t.mod) for t in timexes],
    )
    aliases = curated if isinstance(curated, AliasIndex) else AliasIndex(curated)
    # First pass: date each sentence and find the curated events it names; most sentences of
    # an article report no dated event, and the costlier steps below are only run on the rest.
    found = []
    cursor = 0
    # A sentence the article repeats word for word is one source, read once: a page of one
    # sentence pasted 20,000 times is one event with one source, not 20,000 candidates; the
    # repeats' date expressions date what the first one dates (``repeats``).
    seen: dict[str, list[int]] = {}
    lower = lowered(text)
    count = len(timexes)
    naming = bool(aliases)
    for start, end in split_sentences(text, article.body_start):
        while cursor < count and timexes[cursor].start < start:
            cursor += 1
        inside = []
        i = cursor
        while i < count and timexes[i].end <= end:
            inside.append((i, timexes[i]))
            i += 1
        sentence = text[start:end]
        first = seen.get(sentence)
        if first is not None:
            if len(first) == len(inside):
                extraction.repeats.update(zip((i for i, _ in inside), first, strict=True))
            continue
        seen[sentence] = [i for i, _ in inside] if inside else []
        dating = date_sentence(text, (start, end), inside, published, lower)
        links = []
        if naming and aliases.may_name(text, start, end):
            links = aliases.find(content_words(text, start, end))
        if dating is not None or links:
            found.append((sentence, start, end, inside, dating, links))
    common = LowerCaseWords(text)
    unmark = plain if has_markup(text, article.body_start) else str  # str(s) is s
    # The sentences without markup and time expressions, for names and word sets.
    bare = [_bare(unmark, text, start, end, inside) for _, start, end, inside, *_ in found]
    names = [find_names(sentence, common) for sentence in bare]
    entity_of = canonical((n for sentence_names in names for n in sentence_names), common)
    extraction.people = {n: full for n, full in entity_of.items() if n != full}
    person = _main_person(entity_of, names)
    for (sentence, start, end, inside, dating, links), sentence_names, cleaned in zip(
        found, names, bare, strict=True
    ):
        entities = list(dict.fromkeys(entity_of[n] for n in sentence_names))
        for link in links:
            event = aliases.events[link.event_id]
            joined = _join(text, dating, link, event, timexes)
            own = dating if joined is not None else None  # the sentence dates the curated event
            extraction.candidates.append(
                Candidate(
                    _source(article.id, sentence, timexes, own.timex if own else None),
                    own.date if own else event.date,
                    own.modifier if own else None,
                    event.title,
                    published,
                    entities,
                    mention=own.timex if own else None,
                    curated_id=link.event_id,
                    disagree=joined == "disagree",
                )
            )
            if own:
                dating = None  # the sentence's event is the curated one
        if dating is None:
            continue
        for one in (dating, *dating.also):
            a, b = one.clause or (start, end)
            title_start = a
            if one.announced and one.cue is not None:
                title_start += announcement(text[a:b], one.cue - a) or 0
            extraction.candidates.append(
                Candidate(
                    _source(article.id, sentence, timexes, one.timex),
                    one.date,
                    one.modifier,
                    make_title(
                        unmark(_undated(text, title_start, b, timexes, one.timex)),
                        sentence_names,
                        entity_of,
                        person,
                    ),
                    published,
                    entities,
                    stems=stem_set(
                        cleaned if one.clause is None else _bare(unmark, text, a, b, inside)
                    ),
                    mention=one.timex,
                    announced=one.announced,
                    witnessed=one.kind == "content",
                )
            )
    return extraction


def _undated(text: str, start: int, end: int, timexes: list[Timex], index: int | None) -> str:
    """The sentence for its title: without its date when the date opens it ("8 February 2010
    Dr Murray is charged"; "On Thursday, ..."), since the timeline shows the date anyway."""
    if index is not None:
        timex = timexes[index]
        lead = text[start : timex.start].strip().lower()
        if timex.start >= start and lead in ("", "on", "in", "at", "by"):
            start = timex.end
            while start < end and not text[start].isalnum() and text[start] not in "“\"'‘":
                start += 1
    return text[start:end]


def _bare(
    unmark: Callable[[str], str], text: str, start: int, end: int, timexes: list[tuple[int, Timex]]
) -> str:
    """``text[start:end]`` without markup and time expressions, for names and content words: two
    reports of one event that date it differently ("on Monday", "on June 25") should still look
    alike."""
    return unmark(_without_timexes(text, start, end, timexes))


def _without_timexes(text: str, start: int, end: int, timexes: list[tuple[int, Timex]]) -> str:
    """``text[start:end]`` with its time expressions cut out (they name no entity and tell no
    event apart); a comma stands in for each, so that words around it do not join."""
    pieces, pos = [], start
    for _, timex in timexes:
        if timex.start < pos or timex.end > end:
            continue
        pieces.append(text[pos : timex.start])
        pos = timex.end
    pieces.append(text[pos:end])
    return " , ".join(pieces)


def _join(
    text: str, dating: Dating | None, link: Link, event: Event, timexes: list[Timex]
) -> str | None:
    """``same`` when the sentence's own event is the curated event, ``disagree`` when it is the
    curated event at an incompatible date, None when the sentence only mentions it."""
    if dating is None or dating.kind != "content" or dating.timex is None:
        return None
    if _within(dating.date, event):
        return "same"
    timex = timexes[dating.timex]
    gap = text[link.end : timex.start] if link.end <= timex.start else text[timex.end : link.start]
    near = len(gap.split()) <= _NEAR_ALIAS and not any(p in gap for p in ",;:()—")
    return "disagree" if near else None


def _within(date: PartialDate, event: Event) -> bool:
    if event.end is None:
        return date.compatible(event.date)
    first, last = event.date.first_day(), event.end.last_day()
    return (
        first <= date.first_day() <= date.last_day() <= last
        or date.first_day() <= first <= last <= date.last_day()
    )


def _source(article_id: str, sentence: str, timexes: list[Timex], index: int | None) -> Source:
    if index is None:
        return Source(article_id, sentence)
    timex = timexes[index]
    return Source(article_id, sentence, timex.start, timex.end, timex.text)


def _main_person(entity_of: dict[str, str], names: list[list[str]]) -> str:
    """The surname of the person the article names most (a pronoun's most likely referent)."""
    counts = Counter(
        entity_of[n] for sentence_names in names for n in sentence_names if entity_of[n] != n
    )
    return counts.most_common(1)[0][0].split()[-1] if counts else ""
