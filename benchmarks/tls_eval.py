"""Timeline summarisation, scored by Date F1 against a journalist's timeline (Timeline17).

    python benchmarks/tls_eval.py [TOPIC_DIR] [--topics mj h1n1] [--show N]

For each topic, every article of ``<topic>_articles_with_pubdate.csv`` goes through the real
pipeline (tagger, ``extract_article``, ``merge``); the timeline's key dates are the days of its
day-precision events ranked by ``key_score``, and its top k (k = the number of dates of a gold
timeline in ``<topic>_gold_timeline.txt``) are compared with that timeline's days: Date F1 is
the F1 of the two sets of calendar days (see ../shared/corpora/README.md). A gold file may hold
several timelines (``read_gold_timelines``); each is scored, and the topic's score is the mean.
The corpus is read at run time from ``../shared/corpora/timelines/t17`` beside the project and
never copied into it.

Peers printed in the same run: the plain count (the k days named by the most articles, each
article once: DATEWISE's simplest ranking, on our tagger's dates), publication volume (the k days
with the most articles published), and the published figures of DATEWISE (0.544, mean over
Timeline17) and of an oracle (0.926).
"""

from __future__ import annotations

import argparse
import ast
import csv
import datetime as dt
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sitegen.extract import extract_article, merge  # noqa: E402
from sitegen.extract.keydates import mention_days  # noqa: E402
from sitegen.extract.linking import AliasIndex  # noqa: E402
from sitegen.model import Article, Event  # noqa: E402

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "timelines" / "t17"
PUBLISHED_DATEWISE = 0.544
PUBLISHED_ORACLE = 0.926

_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
_BRACKET_RE = re.compile("|".join(map(re.escape, _BRACKETS)))
_SPACE_BEFORE_RE = re.compile(r" (?=[.,;:!?%)\]]|n't\b|'(?:s|re|ve|ll|d|m)\b)")
_SPACE_AFTER_RE = re.compile(r"(?<=[(\[$]) ")


def detokenise(text: str) -> str:
    """Undo the corpus's tokenisation, so the tagger reads ordinary text."""
    text = _BRACKET_RE.sub(lambda m: _BRACKETS[m.group()], text)
    text = text.replace("``", '"').replace("''", '"').replace("`", "'")
    return _SPACE_AFTER_RE.sub("", _SPACE_BEFORE_RE.sub("", text))


def read_articles(path: Path) -> list[Article]:
    csv.field_size_limit(2**31 - 1)  # some articles are longer than the csv module's default
    articles = []
    with path.open(encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.DictReader(f)):
            published = dt.datetime.fromisoformat(row["date"])
            text = detokenise(row["text"])
            articles.append(Article(f"a{i:04d}", path, f"a{i:04d}", published, text, "text"))
    return articles


def read_gold_timelines(path: Path) -> list[list[dt.date]]:
    """The journalists' timelines in a gold file: a file may hold several, one after the other
    (h1n1 holds three), each in date order, so a date earlier than the one before starts the
    next timeline. Each is scored on its own, with its own k (Timeline17 is evaluated per
    timeline), and a topic's score is their mean."""
    timelines: list[list[dt.date]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", line.strip()):
            day = dt.date.fromisoformat(line.strip())
            if not timelines or day < timelines[-1][-1]:
                timelines.append([])
            timelines[-1].append(day)
    return timelines


def read_gold_sentences(path: Path) -> dict[dt.date, list[str]]:
    """The gold timeline's sentences by day (for --show)."""
    out: dict[dt.date, list[str]] = {}
    day = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", line):
            day = dt.date.fromisoformat(line)
        elif day and line.startswith(("[", '"[')):
            literal = line[1:-1].replace('""', '"') if line.startswith('"') else line
            out[day] = list(ast.literal_eval(literal))
    return out


def key_days(events: list[Event]) -> list[dt.date]:
    """The timeline's days, most salient first (ties: earlier first)."""
    best: dict[dt.date, float] = {}
    for event in events:
        if event.date.precision == "day":
            day = event.date.first_day()
            best[day] = max(best.get(day, 0.0), event.key_score)
    return sorted(best, key=lambda d: (-best[d], d))


def date_f1(system: list[dt.date], gold: list[dt.date]) -> float:
    hits = len(set(system) & set(gold))
    if not hits:
        return 0.0
    precision, recall = hits / len(set(system)), hits / len(set(gold))
    return 2 * precision * recall / (precision + recall)


def evaluate(topic_dir: Path, topic: str, show: int) -> list[dict[str, float]]:
    """One row per gold timeline of the topic."""
    articles = read_articles(topic_dir / f"{topic}_articles_with_pubdate.csv")
    gold_path = topic_dir / f"{topic}_gold_timeline.txt"
    start = time.perf_counter()
    aliases = AliasIndex([])
    extractions = [extract_article(a, aliases) for a in articles]
    events, _ = merge(extractions, [])
    seconds = time.perf_counter() - start
    ranked = key_days(events)
    volume = Counter(a.published.date() for a in articles)
    by_volume = sorted(volume, key=lambda d: (-volume[d], d))
    mentioned = Counter(d for x in extractions for d in set(mention_days(x.mentions)))
    by_mentions = sorted(mentioned, key=lambda d: (-mentioned[d], d))
    rows = []
    for gold in read_gold_timelines(gold_path):
        k = len(set(gold))
        rows.append(
            {
                "articles": len(articles),
                "k": k,
                "f1": date_f1(ranked[:k], gold),
                "volume_f1": date_f1(by_volume[:k], gold),
                "mentions_f1": date_f1(by_mentions[:k], gold),
                "events": len(events),
                "seconds": seconds,
            }
        )
        if show:
            gold_text = read_gold_sentences(gold_path)
            system = ranked[:k]
            for day in sorted(set(system) | set(gold))[:show]:
                mark = (
                    "hit " if day in system and day in gold else "sys " if day in system else "gold"
                )
                print(f"  {mark} {day} {' | '.join(gold_text.get(day, []))[:110]}")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("topic_dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--topics", nargs="*", default=None)
    parser.add_argument("--show", type=int, default=0, help="list N days (hits, misses)")
    args = parser.parse_args(argv)
    topics = args.topics or sorted(
        p.name.removesuffix("_gold_timeline.txt")
        for p in args.topic_dir.glob("*_gold_timeline.txt")
    )
    print(
        "| topic | articles | k (gold dates) | Date F1 | peer: articles naming the day "
        "| peer: articles published that day | events | time |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    scores = []
    for topic in topics:
        rows = evaluate(args.topic_dir, topic, args.show)
        for i, r in enumerate(rows, 1):
            name = f"{topic} ({i}/{len(rows)})" if len(rows) > 1 else topic
            print(
                f"| {name} | {r['articles']} | {r['k']} | {r['f1']:.3f} | "
                f"{r['mentions_f1']:.3f} | {r['volume_f1']:.3f} | "
                f"{r['events']} | {r['seconds']:.1f} s |"
            )
        mean = {
            key: sum(r[key] for r in rows) / len(rows) for key in ("f1", "mentions_f1", "volume_f1")
        }
        scores.append(mean["f1"])
        if len(rows) > 1:
            print(
                f"| **{topic}** (mean) | | | **{mean['f1']:.3f}** | {mean['mentions_f1']:.3f} | "
                f"{mean['volume_f1']:.3f} | | |"
            )
    print(f"| mean of topics | | | {sum(scores) / len(scores):.3f} | | | | |")
    print(
        f"Published on Timeline17 (mean): DATEWISE {PUBLISHED_DATEWISE}, oracle {PUBLISHED_ORACLE}."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
