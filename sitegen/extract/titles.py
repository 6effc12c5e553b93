"""A short headline from a sentence: subject first, about twelve words at most.

1. Drop what comes before the subject: a connective ("And", "Meanwhile,"), an attribution
   ("According to Reuters,") and a leading adverbial clause ("Despite ..., Putin justified")
   up to the comma after which a name or a pronoun begins the main clause.
2. An attribution becomes ``Putin says ...``: a trailing one ("..., President Vladimir Putin said
   on Thursday"), ``Reuters quoted Putin as saying``, and a leading one ("WHO chief Margaret Chan
   said on Friday that ...").
3. A pronoun subject ("he insisted") becomes the sentence's first person named ("Putin").
4. Cut to twelve words, at the last comma or conjunction if that keeps five words or more, and
   never end on a function word.
"""

from __future__ import annotations

import re

from sitegen.extract.phrases import alternation
from sitegen.extract.words import STOPWORDS, wordset

MAX_WORDS = 12
_MIN_CUT = 5

_CONNECTIVE_RE = re.compile(
    r"^(?:and|but|so|meanwhile|however|also|yet|still|then|now)\b[,.]?\s+", re.IGNORECASE
)
_ATTRIBUTION_RE = re.compile(r"^according to [^,]{1,80},\s+", re.IGNORECASE)
_LEAD_WORDS = wordset(
    """
    in on at after before despite although though while when speaking following during since
    as with amid asked responding in addition earlier later last by for under until
    """
)
_MAIN_SUBJECT_RE = re.compile(r",\s+(?=(?:[A-Z][\w’'.\-]+|he|she|they|it|we)\s)")
_SPEAKER_VERBS = sorted(
    wordset(
        """
        said says told added insisted argued claimed stated noted warned explained continued
        responded replied
        """
    )
)
_SPEAKER_RE = re.compile(
    r"[,”\"’]\s*,?\s+(?P<speaker>(?:[\w’'.\-]+\s+){0,5}?)"
    rf"{alternation(_SPEAKER_VERBS)}\b(?=\s*(?:on\s+)?[\w’'.\-]*\s*(?:[,.;]|$))"
)
_LEAD_SPEAKER_RE = re.compile(
    r"(?P<speaker>[^,;:\"“”]{2,80}?)\s+(?:said|says)(?:\s+on\s+\w+day)?(?:\s+that)?\s+(?P<content>.+)$",
    re.DOTALL,
)
_QUOTED_AS_RE = re.compile(r"\bquoted\s+(?P<speaker>.{1,60}?)\s+as\s+saying\b")
_PRONOUN_RE = re.compile(r"^(?:he|she)\b", re.IGNORECASE)
# A title is cut at a comma or before one of these words, and loses a preposition left without
# its end (``_cut``); both are found in the title's words (``_last_cut``, ``_last_word``).
_CUT_WORDS = wordset("but and though although while when which who as after")
_PREPOSITIONS = wordset("in on at for with over from to of by about against")
_QUOTES = '“”"'
_TRIM = " \t\n,;:-–—.\"“”‘’'"
_TRIM_END = _TRIM.replace("”", "").replace("’", "")
"""What a short title loses at its end: not a closing quotation mark."""


def make_title(sentence: str, names: list[str], canonical: dict[str, str], person: str = "") -> str:
    """A headline for ``sentence``; ``names`` are the names in it (``entities.find_names``),
    ``canonical`` maps a name to its entity (``Putin`` -> ``Vladimir Putin``) and ``person`` is
    who a pronoun most likely stands for when the sentence names nobody (the article's main
    person)."""
    text = sentence.strip()
    for lead in (_CONNECTIVE_RE, _ATTRIBUTION_RE):  # anchored: one match at most, at the start
        if match := lead.match(text):
            text = text[match.end() :]
    speaker = ""
    # A regex search reads every character; a literal the pattern needs is found much faster.
    # (The speaker regex opens with a comma or quote, which it skips to: testing its 14 verbs
    # first would cost more than it saves.)
    quoted = _QUOTED_AS_RE.search(text) if "quoted" in text else None
    attribution = None if quoted else _SPEAKER_RE.search(text)
    if quoted:
        speaker = _person(quoted.group("speaker"), names, canonical)
        text = text[: text.rfind("”", 0, quoted.start()) + 1 or quoted.start()]
    elif attribution and attribution.start() > 10:
        speaker = _person(attribution.group("speaker"), names, canonical)
        text = text[: attribution.start() + (attribution.group()[0] in '”"’')]
    else:
        text = _drop_lead_clause(text)
        said = _LEAD_SPEAKER_RE.match(text) if "said" in text or "says" in text else None
        if said and (speaker := _person(said.group("speaker"), names, canonical, full=True)):
            text = said.group("content")  # "WHO chief Margaret Chan said on Friday the world"
    text = text.strip(_TRIM) if not text.startswith(("“", '"')) else text.strip()
    text = text.replace(",”", "”")
    if _PRONOUN_RE.match(text):
        subject = _first_person(names, canonical) or person
        if subject:
            text = _PRONOUN_RE.sub(subject, text, count=1)
    if speaker:
        text = f"{speaker} says {text}"
    return _capitalise(_cut(text))


_PARTICIPLE_RE = re.compile(
    r",\s+(?:saying|adding|announcing|warning|promising|vowing|offering)\s+(?:that\s+)?"
)


def announcement(sentence: str, cue: int) -> int | None:
    """Where the clause announcing a plan starts, when a reporting participle introduces it
    ("Putin mentioned the missile, saying he was prepared to arrange another launch"): the
    plan, not the mention, is the news. ``cue`` is the offset of the planning words."""
    found = None
    for match in _PARTICIPLE_RE.finditer(sentence, 0, cue):
        found = match.end()
    return found


def _drop_lead_clause(text: str) -> str:
    first = text.split(None, 1)[0].lower() if text else ""
    if first not in _LEAD_WORDS:
        return text
    match = _MAIN_SUBJECT_RE.search(text)
    if match and len(text[match.end() :].split()) >= 3:
        return text[match.end() :]
    return text


def _short(name: str, canonical: dict[str, str]) -> str:
    """The surname by which a person is called in a headline (``Putin``)."""
    return canonical.get(name, name).split()[-1]


def _person(phrase: str, names: list[str], canonical: dict[str, str], full: bool = False) -> str:
    """The surname of the first name in ``phrase``; with ``full``, only of one known by a first
    name and a surname (so not "Officials" or "Reuters")."""
    for name in names:
        if name in phrase and (not full or len(canonical.get(name, name).split()) == 2):
            return _short(name, canonical)
    return ""


def _first_person(names: list[str], canonical: dict[str, str]) -> str:
    """A name that is known as a person's: its entity is a longer name ending in it, or it is
    a first name and surname."""
    for name in names:
        full = canonical.get(name, name)
        words = full.split()
        if len(words) == 2 and all(w[:1].isupper() and w[1:].islower() for w in words):
            return words[-1]
    return ""


def _cut(text: str) -> str:
    words = text.split(None, MAX_WORDS)  # the first twelve, and the rest in one piece
    if len(words) <= MAX_WORDS:
        return _balanced(text.rstrip(_TRIM_END) or text)
    del words[MAX_WORDS:]
    head = " ".join(words)
    # The last cut that keeps _MIN_CUT words, if any: the words before a cut only grow with
    # it, so that is the last cut, or none. Found in the words: listing a regex's matches in
    # ``head`` cost a tenth of a title more.
    at, before = _last_cut(head, words)
    if before >= _MIN_CUT:
        head = head[:at]
    else:
        # Cut off a prepositional phrase left without its end ("in favor [of ...]"), unless
        # it names something ("to Ukraine"): a name carries the news.
        i = _last_word(words, _PREPOSITIONS)
        if i and i >= MAX_WORDS - _MIN_CUT:
            tail = [w for w in words[i + 1 :] if w.lower() not in STOPWORDS]
            if len(tail) <= 2 and not any(w[:1].isupper() for w in tail):
                head = " ".join(words[:i])
    kept = _balanced(head).split()
    while len(kept) > 1 and kept[-1].lower().strip(_TRIM) in STOPWORDS:
        kept.pop()
    return " ".join(kept).rstrip(_TRIM)


def _last_cut(head: str, words: list[str]) -> tuple[int, int]:
    """Where the last cut in ``head`` (``words`` joined by spaces) starts and how many words
    come before it; ``(-1, -1)`` if none. A cut is a comma, or the space before one of
    ``_CUT_WORDS`` that a space follows (what ``,|\\s(?:but|and|...)\\s`` finds, from left to
    right)."""
    comma = head.rfind(",")
    i = _last_word(words, _CUT_WORDS)
    space = len(" ".join(words[:i])) if i else -1
    if space > comma:
        return space, i
    if comma < 0:
        return -1, -1
    # The words before the comma: those before its word, and its word if the comma is inside.
    return comma, head.count(" ", 0, comma) + (comma > 0 and head[comma - 1] != " ")


def _last_word(words: list[str], wanted: frozenset[str]) -> int:
    """The index of the word that ``\\s(?:wanted)\\s`` last matches in ``words`` joined by
    spaces (0 if none): one of ``wanted`` between two others, unless the word before it was
    matched (a match takes the space after its word: of "but and", only "but" is found)."""
    last, matched = 0, False
    for i in range(1, len(words) - 1):
        if not matched and words[i] in wanted:
            last, matched = i, True
        else:
            matched = False
    return last


def _balanced(text: str) -> str:
    """``text``, without its quotation marks if a cut left one of them alone."""
    if text.count("“") != text.count("”") or text.count('"') % 2:
        for quote in _QUOTES:  # str.translate would read a dict per character: 8x slower
            text = text.replace(quote, "")
        return text.strip()
    return text


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
