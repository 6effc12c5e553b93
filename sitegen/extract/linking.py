"""Link sentences to curated events that they name by an alias or a close variant of one.

A curated event lists aliases ("Istanbul talks", "proposal in Istanbul"). A sentence names the
event when every content word of one alias (or of the event's title) appears in it, in any order
and with any inflection (compared by stem, see ``words.py``), within a short window: at most
three words per alias word, and never fewer than the alias plus six. So "the former proposal in
Istanbul" names "Istanbul proposal", and "Boris Yeltsin had asked him to do before stepping
down" names "Yeltsin stepping down", while two alias words at opposite ends of a long sentence
do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitegen.extract.words import Word, content_words
from sitegen.model import Event


@dataclass(frozen=True)
class Link:
    """A curated event named in a sentence, and where (character offsets into the text)."""

    event_id: str
    start: int
    end: int


class AliasIndex:
    """The aliases of the curated events, as stem lists, ready to be matched against sentences."""

    def __init__(self, curated: list[Event]) -> None:
        self.events: dict[str, Event] = {event.id: event for event in curated}
        """The curated events by id."""
        self._aliases: list[tuple[str, tuple[str, ...]]] = []
        seen: set[tuple[str, tuple[str, ...]]] = set()
        for event in curated:
            for phrase in [*event.aliases, event.title]:
                stems = tuple(s for s, _, _ in content_words(phrase))
                if stems and (event.id, stems) not in seen:
                    seen.add((event.id, stems))
                    self._aliases.append((event.id, stems))
        # Every alias holds its first word's stem, so a sentence without any of these strings
        # names no curated event (a quick test before splitting the sentence into words).
        firsts = sorted({s[0].rstrip("y") or s[0] for _, s in self._aliases}, key=len, reverse=True)
        self._trigger = (
            re.compile("|".join(re.escape(f) for f in firsts), re.IGNORECASE) if firsts else None
        )
        self._first: dict[str, list[int]] = {}
        for i, (_, stems) in enumerate(self._aliases):
            self._first.setdefault(stems[0], []).append(i)

    def __bool__(self) -> bool:
        return bool(self._aliases)

    def may_name(self, text: str, start: int, end: int) -> bool:
        """False when ``text[start:end]`` cannot name a curated event."""
        return self._trigger is not None and self._trigger.search(text, start, end) is not None

    def find(self, words: list[Word]) -> list[Link]:
        """Curated events named among ``words`` (stem, start, end), one link per event, at the
        tightest match."""
        positions: dict[str, list[int]] = {}
        for i, (s, _, _) in enumerate(words):
            positions.setdefault(s, []).append(i)
        best: dict[str, tuple[int, int, int]] = {}
        for first in self._first.keys() & positions.keys():
            for alias in self._first[first]:
                event, stems = self._aliases[alias]
                if not all(s in positions for s in stems):
                    continue
                window = _tightest(stems, positions)
                if window is None:
                    continue
                lo, hi = window
                if event not in best or hi - lo < best[event][1] - best[event][0]:
                    best[event] = (lo, hi, alias)
        return [
            Link(event, words[lo][1], words[hi][2])
            for event, (lo, hi, _) in sorted(best.items(), key=lambda item: item[1][0])
        ]


def _tightest(stems: tuple[str, ...], positions: dict[str, list[int]]) -> tuple[int, int] | None:
    """The narrowest window holding every stem, if it is narrow enough.

    A sliding window over the stems' positions in word order: linear in the number of
    positions (trying every combination of positions grows exponentially with a long alias).
    """
    limit = max(3 * len(stems), len(stems) + 6)
    wanted = set(stems)
    hits = sorted((pos, stem) for stem in wanted for pos in positions[stem])
    counts: dict[str, int] = {}
    best: tuple[int, int] | None = None
    lo = 0
    for pos, stem in hits:
        counts[stem] = counts.get(stem, 0) + 1
        while len(counts) == len(wanted):
            first, first_stem = hits[lo]
            if pos - first < limit and (best is None or pos - first < best[1] - best[0]):
                best = (first, pos)
            counts[first_stem] -= 1
            if not counts[first_stem]:
                del counts[first_stem]
            lo += 1
    return best
