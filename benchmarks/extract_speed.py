"""Cost of event extraction and merging beyond tagging, per article, on one core.

    python benchmarks/extract_speed.py [CSV...] [--repeat N] [--collector-on]

Articles are the Timeline17 development topics read at run time from ``../shared`` (or the given
``*_articles_with_pubdate.csv`` files); without them, the seed article repeated. Every article is
tagged (timed as the peer); then ``extract_from_timexes`` on all of them and one ``merge`` are timed
(CPU time of this process, best of ``--repeat`` runs, so that other load on the machine
counts less). Extraction runs with the cyclic garbage collector paused, as the build's extract
stage runs it (``SiteState.extract``; the merge pauses it itself); ``--collector-on`` times it
with the collector running, as the first three rounds of benchmarks/README.md did. The target
is at most 1 ms per article; the tagger's own cost per article is printed beside it as the peer.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from tls_eval import DEFAULT_DIR, read_articles  # noqa: E402

from sitegen.extract import extract_from_timexes, merge  # noqa: E402
from sitegen.extract.linking import AliasIndex  # noqa: E402
from sitegen.extract.merging import collector_paused  # noqa: E402
from sitegen.model import Article  # noqa: E402
from sitegen.temporal import tag  # noqa: E402

TARGET_MS = 1.0
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_d6fd1f97a553b0ce.txt"


def load(paths: list[Path]) -> list[Article]:
    if not paths:
        paths = sorted(DEFAULT_DIR.glob("*_articles_with_pubdate.csv"))
    if paths:
        return [a for p in paths for a in read_articles(p)]
    text = SEED.read_text(encoding="utf-8")
    published = dt.datetime(2024, 12, 19)
    return [Article(f"s{i}", SEED, "seed", published, text, "text") for i in range(200)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("csv", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--collector-on", action="store_true", help="extract with the cyclic collector running"
    )
    args = parser.parse_args(argv)
    articles = load(args.csv)
    reference = _reference_loop()
    aliases = AliasIndex([])
    tag_seconds = best_extract = best_merge = float("inf")
    for _ in range(args.repeat):
        start = time.process_time()
        tagged = [(a, tag(a.text, a.published)) for a in articles]
        tag_seconds = min(tag_seconds, time.process_time() - start)
        with contextlib.nullcontext() if args.collector_on else collector_paused():
            start = time.process_time()
            extractions = [extract_from_timexes(a, timexes, aliases) for a, timexes in tagged]
            middle = time.process_time()
        merge(extractions, [])
        end = time.process_time()
        best_extract = min(best_extract, middle - start)
        best_merge = min(best_merge, end - middle)
    n = len(articles)
    chars = sum(len(a.text) for a in articles) / n
    total_ms = (best_extract + best_merge) * 1000 / n
    print(f"{n} articles, {chars:.0f} characters each on average")
    collector = "running" if args.collector_on else "paused, as in the build"
    print(
        f"extraction {best_extract * 1000 / n:.3f} ms/article (collector {collector}) + merge "
        f"{best_merge * 1000 / n:.3f}"
    )
    print(f"= {total_ms:.3f} ms per article beyond tagging (target <= {TARGET_MS} ms)")
    print(f"peer: tagging {tag_seconds * 1000 / n:.3f} ms per article (same runs, best of them)")
    print(
        f"machine now: a {REFERENCE_LOOP:,}-step Python loop takes {reference * 1000:.0f} ms "
        f"of CPU, load average {os.getloadavg()[0]:.1f} (to compare runs made under different "
        "loads)"
    )
    return 0


REFERENCE_LOOP = 1_000_000


def _reference_loop() -> float:
    """CPU seconds of a fixed pure-Python loop, best of 5: how fast this core is right now."""
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        total = 0
        for i in range(REFERENCE_LOOP):
            total += i
        best = min(best, time.process_time() - start)
    return best


if __name__ == "__main__":
    raise SystemExit(main())
