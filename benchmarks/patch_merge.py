"""The dev server's patched merge against the exact one, on the Timeline17 development topics.

    .venv/bin/python benchmarks/patch_merge.py [--topics mj h1n1] [--edits 24]

For each topic (read from ``/work/shared/corpora/timelines/t17`` at run time): every article is
tagged and extracted, merged once keeping the merge's state, then N edits are made in turn to
articles chosen by a seeded generator (a dated sentence appended, a reporting sentence put first,
a middle sentence removed). Each edit is applied by ``extract/patch.py`` and by a full merge;
the run prints how often they are equal, how often the patch declines (a full merge then runs),
and the median CPU time of each. After each edit the state is the exact merge's, as after the
server settles.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tls_eval import DEFAULT_DIR, read_articles  # noqa: E402

from sitegen.extract import extract_from_timexes, merge  # noqa: E402
from sitegen.extract.patch import patch, state_of  # noqa: E402
from sitegen.temporal import tag  # noqa: E402

ADDED = [
    "On 3 March 2009 the minister resigned after a vote in parliament.",
    "The health ministry said on Tuesday that it had confirmed new cases.",
    "Officials met in Geneva on April 28 to discuss the outbreak.",
]


def edited(text: str, n: int) -> str:
    kind = n % 3
    if kind == 0:
        return text + "\n\n" + ADDED[n % len(ADDED)]
    if kind == 1:
        return ADDED[n % len(ADDED)] + "\n\n" + text
    parts = text.split(". ")
    del parts[len(parts) // 2]
    return ". ".join(parts)


def run(topic: str, edits: int) -> str:
    paths = sorted(DEFAULT_DIR.glob(f"{topic}*_articles_with_pubdate.csv"))
    articles = [a for p in paths for a in read_articles(p)]
    xs = [extract_from_timexes(a, tag(a.text, a.published), []) for a in articles]
    keep: dict = {}
    state = state_of(keep, xs, [], merge(xs, [], keep))
    rng = random.Random(5)
    same = declined = differ = 0
    patched_ms, full_ms = [], []
    for n in range(edits):
        i = rng.randrange(len(articles))
        a = dataclasses.replace(articles[i], text=edited(articles[i].text, n))
        x = extract_from_timexes(a, tag(a.text, a.published), [])
        start = time.process_time()
        got = patch(state, x)
        patched_ms.append((time.process_time() - start) * 1000)
        xs = [*xs[:i], x, *xs[i + 1 :]]
        keep = {}
        start = time.process_time()
        exact = merge(xs, [], keep)
        full_ms.append((time.process_time() - start) * 1000)
        if got is None:
            declined += 1
        elif got == exact:
            same += 1
        else:
            differ += 1
        state = state_of(keep, xs, [], exact)
        articles[i] = a
    return (
        f"| {topic} | {len(articles)} | {edits} | {same} | {differ} | {declined} | "
        f"{statistics.median(patched_ms):.1f} ms | {statistics.median(full_ms):.0f} ms |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--topics", nargs="+", default=["mj", "h1n1"])
    parser.add_argument("--edits", type=int, default=24)
    args = parser.parse_args()
    print("| topic | articles | edits | patch = exact | differ | declined | patch | full merge |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for topic in args.topics:
        print(run(topic, args.edits), flush=True)


if __name__ == "__main__":
    main()
