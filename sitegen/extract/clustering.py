"""Clustering the candidates that report the same event (the heart of the merge).

Candidates (not curated links) are clustered greedily: finest dates first (so a "2022" joins
the 24 February 2022 event rather than the other way round), each joining the most similar
cluster whose date is compatible with its own, if similar enough. Similarity is the Jaccard
index of the two sentences' content words weighted by rarity (idf over all candidates), so
"Putin" and "said", present everywhere, count for little and the words that tell events apart
count for much. A candidate compares with a cluster's first member (stable), found through an
index of the heads' rarest words (``_prefixes``). A near-duplicate sentence at an incompatible
date is the same event told differently: it joins, and the event is marked "sources disagree".
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain

from sitegen.dates import PartialDate
from sitegen.extract.article import Candidate

SAME_EVENT = 0.3
"""Weighted Jaccard from which two sentences at compatible dates report the same event."""
DISAGREE = 0.7
"""Weighted Jaccard from which two sentences at incompatible dates report the same event."""
_PRECISION_FIRST = {"day": 0, "month": 1, "year": 2}
_POSTING_CAP = 100


@dataclass(slots=True)
class _Cluster:
    members: list[Candidate] = field(default_factory=list)
    disagree: bool = False


@dataclass
class Clustering:
    """The clusters of one merge and the index that found them: the dev server keeps it to
    place one article's new candidates without clustering all again (``extract/patch.py``)."""

    weight: dict[str, float]
    """Each word's rarity (idf over all candidates)."""
    rank: dict[str, int]
    """Each word's place, rarest first."""
    clusters: list[_Cluster] = field(default_factory=list)
    heads: list[_Head] = field(default_factory=list)
    # Heads by day then prefix word, and by year then prefix word: a candidate only meets the
    # heads its date is compatible with (days come first, so a day meets the heads of its day;
    # a month or a year those of its year). Near-duplicates at other dates are found through
    # ``clashes``, by the shorter prefix that their higher threshold allows.
    by_day: dict[int, dict[str, list[int]]] = field(default_factory=lambda: defaultdict(dict))
    by_year: dict[int, dict[str, list[int]]] = field(default_factory=lambda: defaultdict(dict))
    clashes: dict[str, list[int]] = field(default_factory=dict)

    def place(self, candidate: Candidate, ranked: list[str], total: float) -> int:
        """Add ``candidate`` (its stems ``ranked`` rarest first, weighing ``total``) to the most
        similar compatible cluster, or to a new one; its cluster's index."""
        stems, weight, heads, clusters = candidate.stems, self.weight, self.heads, self.clusters
        date = candidate.date
        first, last = _span(date)
        prefix, short = _prefixes(ranked, weight, total)
        day = date.day is not None
        posted = self.by_day[first] if day else self.by_year[date.year]
        found = {i for s in prefix if (post := posted.get(s)) for i in post}
        same = None if day else True  # the heads of one day are compatible with it
        best = _most_similar(found, stems, total, weight, heads, SAME_EVENT, first, last, same)
        if best < 0:
            found = {i for s in short if (post := self.clashes.get(s)) for i in post}
            best = _most_similar(found, stems, total, weight, heads, DISAGREE, first, last, False)
            if best >= 0:
                # Two sentences alike enough to be one report at incompatible dates: the
                # sources disagree if both date what happened; a sentence dated only by its
                # report or its article just joins (it is the same event, told later).
                clusters[best].disagree |= candidate.witnessed and heads[best][4]
        if best < 0:
            best = len(clusters)
            clusters.append(_Cluster())
            heads.append((stems, total, first, last, candidate.witnessed))
            if day:
                _post(self.by_day[first], prefix, best)
            _post(self.by_year[date.year], prefix, best)
            _post(self.clashes, short, best)
        clusters[best].members.append(candidate)
        return best


class Cancelled(Exception):
    """The merge was called off (its ``cancel()`` said so): its result is no longer wanted."""


def check(cancel: Callable[[], bool] | None) -> None:
    """Raise :class:`Cancelled` if ``cancel()`` says the merge is no longer wanted."""
    if cancel is not None and cancel():
        raise Cancelled


def cluster(candidates: list[Candidate], cancel: Callable[[], bool] | None = None) -> Clustering:
    """Group the candidates (not curated links) that report the same event; ``cancel()`` is
    asked now and then, and raises :class:`Cancelled` when it says so."""
    df = Counter(chain.from_iterable([c.stems for c in candidates]))
    n = max(len(candidates), 1)
    weight = {s: math.log(1 + n / count) for s, count in df.items()}
    # Rarest first, ties by spelling: by count, since the weight falls as the count grows (two
    # sorts whose keys are read in C, five times faster than one with a Python key).
    words = sorted(df)
    words.sort(key=df.__getitem__)
    rank = {s: i for i, s in enumerate(words)}
    found = Clustering(weight, rank)
    for i, candidate in enumerate(sorted(candidates, key=order_key)):
        if not i % 256:
            check(cancel)
        ranked = sorted(candidate.stems, key=rank.__getitem__)  # rarest first, one order for all
        found.place(candidate, ranked, sum(map(weight.__getitem__, ranked)))
    return found


_Head = tuple[frozenset[str], float, int, int, bool]
"""A cluster's first member: its stems, their weight, its first and last day, witnessed."""


def order_key(c: Candidate) -> tuple[object, ...]:
    return (
        _PRECISION_FIRST[c.date.precision],
        not c.witnessed,
        c.date.sort_key(c.modifier),
        c.published,
        c.source.article_id,
        c.source.start,
    )


def _post(index: dict[str, list[int]], words: list[str], head: int) -> None:
    """Index a head under its prefix words, but not under a word whose list is full: past
    ``_POSTING_CAP`` heads that share a word and a date without being alike, the word tells
    nothing apart, and reading its list for every candidate would cost the square of their
    number. The head stays findable by its other words, if their lists have room; the search
    is exact below the cap (it changed no cluster on the Timeline17 topics)."""
    for word in words:
        heads = index.get(word)
        if heads is None:
            index[word] = [head]
        elif len(heads) < _POSTING_CAP:
            heads.append(head)


@lru_cache(maxsize=8192)
def _span(date: PartialDate) -> tuple[int, int]:
    """The first and last day a date covers, as day numbers."""
    return date.first_day().toordinal(), date.last_day().toordinal()


def _most_similar(
    found: set[int],
    stems: frozenset[str],
    total: float,
    weight: dict[str, float],
    heads: list[_Head],
    threshold: float,
    first: int,
    last: int,
    compatible: bool | None,
) -> int:
    """The head among ``found`` most similar to the candidate, at least ``threshold`` alike and
    with a date compatible (or not) with ``first``-``last`` (None: the heads found are known
    to be compatible); -1 if none (ties: the older)."""
    best, best_sim = -1, threshold
    for i in found:
        head_stems, head_total, head_first, head_last, _ = heads[i]
        if compatible is not None and compatible != (
            (head_first <= first and last <= head_last)
            or (first <= head_first and head_last <= last)
        ):
            continue
        if total < head_total:
            if total < best_sim * head_total:
                continue  # too different in weight to be alike enough
        elif head_total < best_sim * total:
            continue
        # Rounded: the sum's last bits depend on the (hash-seeded) order of set iteration.
        shared = sum(map(weight.__getitem__, stems & head_stems))
        sim = round(shared / (total + head_total - shared), 9)
        if sim > best_sim or (sim == best_sim and (best < 0 or i < best)):
            best, best_sim = i, sim
    return best


def _prefixes(
    ranked: list[str], weight: dict[str, float], total: float
) -> tuple[list[str], list[str]]:
    """The rarest words of a sentence that a sentence similar enough to report the same event
    must share one of (at ``SAME_EVENT``), and those at ``DISAGREE``.

    Prefix filtering: if two sentences share none of A's rarest words whose weight leaves less
    than ``threshold`` of A's weight outside them, what they share weighs less than
    ``threshold * w(A)`` and their weighted Jaccard index is below ``threshold``. With one
    order for all words (rarest first), a pair above the threshold shares a word in both
    prefixes; so heads are indexed by their prefix and candidates look up theirs, which finds
    every similar pair while reading only short posting lists.
    """
    prefix: list[str] = []
    short = 0
    rest, same, disagree = total, SAME_EVENT * total, DISAGREE * total
    for s in ranked:
        if rest < same:
            break
        if rest >= disagree:
            short += 1
        prefix.append(s)
        rest -= weight[s]
    return prefix, prefix[:short]
