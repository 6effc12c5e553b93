"""Merge the candidates of many articles into one timeline of events.

- A curated link adds its sentence to the curated event as one more source.
- Other candidates are clustered greedily: finest dates first (so a "2022" joins the 24 February
  2022 event rather than the other way round), each joining the most similar cluster whose date
  is compatible with its own, if similar enough. Similarity is the Jaccard index of the two
  sentences' content words weighted by rarity (idf over all candidates), so "Putin" and "said",
  present everywhere, count for little and the words that tell events apart count for much.
  A candidate compares with a cluster's first member (stable, and cheap through an index from
  rare words to clusters).
- A near-duplicate sentence at an incompatible date is the same event told differently: it
  joins, and the event is marked "sources disagree".
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from sitegen.extract.article import ArticleExtraction, Candidate
from sitegen.extract.entities import canonical
from sitegen.model import Event, Source, event_id

SAME_EVENT = 0.3
"""Weighted Jaccard from which two sentences at compatible dates report the same event."""
DISAGREE = 0.7
"""Weighted Jaccard from which two sentences at incompatible dates report the same event."""
# Words in more than this share of sentences (and more than _INDEX_FLOOR) tell little apart:
# they count in the similarity but do not lead to clusters through the index.
_COMMON = 0.01
_INDEX_FLOOR = 10
_PRECISION_FIRST = {"day": 0, "month": 1, "year": 2}


@dataclass
class _Cluster:
    members: list[Candidate] = field(default_factory=list)
    disagree: bool = False


def cluster(candidates: list[Candidate]) -> list[_Cluster]:
    """Group the candidates (not curated links) that report the same event."""
    df = Counter(s for c in candidates for s in c.stems)
    n = max(len(candidates), 1)
    weight = {s: math.log(1 + n / count) for s, count in df.items()}
    limit = max(_INDEX_FLOOR, _COMMON * n)
    order = sorted(
        candidates,
        key=lambda c: (
            _PRECISION_FIRST[c.date.precision],
            not c.witnessed,
            c.date.sort_key(c.modifier),
            c.published,
            c.source.article_id,
            c.source.start,
        ),
    )
    clusters: list[_Cluster] = []
    heads: list[tuple[frozenset[str], float, int, int, bool]] = []  # stems, weight, days, witnessed
    postings: dict[str, list[int]] = defaultdict(list)
    for candidate in order:
        stems = candidate.stems
        total = math.fsum(weight[s] for s in stems)
        rare = [s for s in stems if df[s] <= limit]
        common = total - math.fsum(weight[s] for s in rare)
        first, last = candidate.date.first_day().toordinal(), candidate.date.last_day().toordinal()
        # Rare words shared with each cluster's head, found through the index; common words can
        # add at most ``common``: clusters that cannot reach the threshold are not compared.
        shared_rare: dict[int, float] = defaultdict(float)
        for s in rare:
            for i in postings.get(s, ()):
                shared_rare[i] += weight[s]
        best, best_sim, clash, clash_sim = -1, SAME_EVENT, -1, DISAGREE
        for i, rare_weight in shared_rare.items():
            head_stems, head_total, head_first, head_last, head_witnessed = heads[i]
            most = rare_weight + common
            if most / (total + head_total - most) < SAME_EVENT:
                continue
            compatible = (head_first <= first and last <= head_last) or (
                first <= head_first and head_last <= last
            )
            shared = math.fsum(weight[s] for s in stems & head_stems)
            sim = shared / (total + head_total - shared)
            if compatible and (sim > best_sim or (sim == best_sim and i < best)):
                best, best_sim = i, sim
            elif not compatible and (sim > clash_sim or (sim == clash_sim and i < clash)):
                clash, clash_sim = i, sim
        if best < 0 and clash >= 0:
            # Two sentences alike enough to be one report at incompatible dates: the sources
            # disagree if both date what happened; a sentence dated only by its report or its
            # article just joins (it is the same event, told later).
            best = clash
            clusters[clash].disagree |= candidate.witnessed and heads[clash][4]
        if best < 0:
            best = len(clusters)
            clusters.append(_Cluster())
            heads.append((stems, total, first, last, candidate.witnessed))
            for s in rare:
                postings[s].append(best)
        clusters[best].members.append(candidate)
    return clusters


def build_events(
    extractions: list[ArticleExtraction], curated: list[Event]
) -> tuple[list[Event], dict[tuple[str, int], str]]:
    """Events (curated ones with their new sources, then merged clusters) and, for each date
    expression that dates an event, ``(article_id, mention index) -> event id``."""
    by_id = {e.id: replace(e, sources=list(e.sources), entities=list(e.entities)) for e in curated}
    names = [n for x in extractions for c in x.candidates for n in c.entities]
    entity_of = canonical(names)
    dated: dict[tuple[str, int], str] = {}
    own: list[Candidate] = []
    for extraction in extractions:
        for candidate in extraction.candidates:
            event = by_id.get(candidate.curated_id or "")
            if event is None:
                own.append(candidate)
                continue
            _add_source(event, candidate.source)
            event.disagree = event.disagree or candidate.disagree
            event.entities = _union(event.entities, candidate.entities, entity_of)
            if candidate.mention is not None:
                dated.setdefault((extraction.article_id, candidate.mention), event.id)
    taken = set(by_id)
    events = list(by_id.values())
    for group in cluster(own):
        head = group.members[0]
        new = Event(
            id=_unique(event_id(head.date, head.title), taken),
            date=head.date,
            title=head.title,
            summary=head.source.sentence,
            modifier=head.modifier,
            announced=all(m.announced for m in group.members),
            disagree=group.disagree,
        )
        for member in group.members:
            _add_source(new, member.source)
            new.entities = _union(new.entities, member.entities, entity_of)
            if member.mention is not None:
                dated.setdefault((member.source.article_id, member.mention), new.id)
        events.append(new)
    return events, dated


def _add_source(event: Event, source: Source) -> None:
    key = (source.article_id, source.sentence, source.start)
    if all((s.article_id, s.sentence, s.start) != key for s in event.sources):
        event.sources.append(source)


def _union(old: list[str], new: list[str], entity_of: dict[str, str]) -> list[str]:
    return list(dict.fromkeys(entity_of.get(n, n) for n in [*old, *new]))


def _unique(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``... the first not yet taken (and take it)."""
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}-{n}"
    taken.add(candidate)
    return candidate
