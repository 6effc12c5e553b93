"""How many ~600-word articles a second the temporal tagger reads, beside dateparser.

    python benchmarks/tag_speed.py [CORPUS_DIR...] [--articles N] [--peer N] [--words W]

Builds ~600-word texts from the plain text of the TimeML corpora (read at run time from
../shared/corpora/timeml, never copied into the repository), times ``sitegen.temporal.tag`` over
them on one core, then times ``dateparser.search.search_dates`` on the first few of the same
texts, and prints both rates side by side.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeml_eval import load_dir  # noqa: E402

from sitegen.temporal import tag  # noqa: E402

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "timeml"


def articles(dirs: list[Path], words: int) -> list[tuple[str, dt.date | dt.datetime]]:
    """The corpora's texts cut into pieces of about ``words`` words, each with its DCT."""
    out = []
    for folder in dirs:
        buffer: list[str] = []
        for doc in load_dir(folder):
            for paragraph in doc.text.split("\n"):
                buffer.extend(paragraph.split(" "))
                buffer[-1] += "\n"
                if len(buffer) >= words:
                    out.append((" ".join(buffer[:words]), doc.dct))
                    buffer = buffer[words:]
    return out


def rate(
    texts: list[tuple[str, dt.date | dt.datetime]], run: object, repeat: int = 1, chunk: int = 50
) -> tuple[float, float]:
    """Articles per second of ``run(text, dct)`` over ``texts``: by the wall clock, and by this
    process's CPU time (what one core does while other processes share the machine).

    Each chunk of ``chunk`` texts is timed ``repeat`` times and its fastest run kept, so that
    a burst of load from other processes does not count against the tagger.
    """
    wall = cpu = 0.0
    for i in range(0, len(texts), chunk):
        part = texts[i : i + chunk]
        best_wall = best_cpu = float("inf")
        for _ in range(repeat):
            w0, c0 = time.perf_counter(), time.process_time()
            for text, dct in part:
                run(text, dct)  # type: ignore[operator]
            best_wall = min(best_wall, time.perf_counter() - w0)
            best_cpu = min(best_cpu, time.process_time() - c0)
        wall += best_wall
        cpu += best_cpu
    return len(texts) / wall, len(texts) / max(cpu, 1e-9)


def _dateparser(text: str, dct: dt.date | dt.datetime) -> object:
    from dateparser.search import search_dates

    base = dct if isinstance(dct, dt.datetime) else dt.datetime(dct.year, dct.month, dct.day)
    return search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path)
    parser.add_argument("--articles", type=int, default=1000, help="texts timed for sitegen")
    parser.add_argument("--peer", type=int, default=20, help="texts timed for dateparser")
    parser.add_argument("--words", type=int, default=600)
    args = parser.parse_args(argv)
    dirs = args.dirs or [CORPORA / "TBAQ-cleaned", CORPORA / "WikiWars-train"]
    texts = articles(dirs, args.words)
    if not texts:
        print("no texts found in", ", ".join(map(str, dirs)))
        return 1
    corpus = (texts * (args.articles // len(texts) + 1))[: args.articles]
    for text, dct in texts:  # compile the patterns (some lazily) before timing
        tag(text, dct)
    ours = rate(corpus, tag, repeat=7, chunk=20)
    peer_texts = texts[: args.peer]
    if peer_texts:
        _dateparser(*texts[0])
        theirs = rate(peer_texts, _dateparser)
    words = sum(len(t.split()) for t, _ in corpus) / len(corpus)
    print(
        f"{len(texts)} distinct texts of ~{words:.0f} words from {', '.join(d.name for d in dirs)}"
    )
    print("| tagger | articles/s (CPU time) | articles/s (wall clock) | texts timed |")
    print("|---|---|---|---|")
    timed = f"{len(corpus)} (fastest of 7 per 20)"
    print(f"| sitegen.temporal.tag | {ours[1]:,.0f} | {ours[0]:,.0f} | {timed} |")
    if peer_texts:  # --peer 0 skips dateparser
        print(
            f"| dateparser.search.search_dates | {theirs[1]:,.1f} | {theirs[0]:,.1f} "
            f"| {len(peer_texts)} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
