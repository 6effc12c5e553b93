"""Score the temporal tagger against TimeML gold annotations, TempEval-3 style.

    python benchmarks/timeml_eval.py DIR... [--errors N] [--no-peer] [--peer-limit N]

Each DIR is searched recursively for ``.tml`` files. The DCT is the ``TIMEX3`` inside ``<DCT>``;
the text is the content of ``<TEXT>`` with every tag stripped and XML entities unescaped, and the
gold spans are offsets into that plain text. Scores (see ../shared/corpora/README.md):

- relaxed match: spans overlap (one-to-one, greedy by overlap); strict: same span;
- type and value accuracy over relaxed matches; type/value F1 = relaxed F1 x accuracy.

In the same run ``dateparser.search.search_dates`` is scored as the peer a user would otherwise
pick (type DATE, value the ISO day it returns).
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sitegen.temporal import Timex as Span  # noqa: E402  (gold and system spans alike)
from sitegen.temporal import tag  # noqa: E402


@dataclass
class Doc:
    name: str
    text: str
    dct: dt.date | dt.datetime
    gold: list[Span]


_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)((?:\s[^>]*?)?)(/?)>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r"<DCT>.*?value=\"([^\"]+)\".*?</DCT>", re.S)
_TEXT = re.compile(r"<TEXT>(.*)</TEXT>", re.S)


def parse_dct(value: str) -> dt.date | dt.datetime:
    """A DCT value such as ``1998-01-08`` or ``1998-01-08T18:30:00``."""
    if "T" in value:
        day, clock = value.split("T", 1)
        parts = [int(p) for p in clock.split(":")[:3]]
        d = dt.date.fromisoformat(day)
        return dt.datetime(d.year, d.month, d.day, *parts)
    return dt.date.fromisoformat(value[:10])


def parse_tml(path: Path) -> Doc:
    """Read one inline TimeML file into its plain text, DCT and gold timexes."""
    raw = path.read_text(encoding="utf-8")
    dct_match = _DCT.search(raw)
    text_match = _TEXT.search(raw)
    if not dct_match or not text_match:
        raise ValueError(f"{path}: no <DCT> TIMEX3 or no <TEXT> element")
    body = text_match.group(1)
    out: list[str] = []
    length = 0
    gold: list[Span] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    pos = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos : m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs, selfclosing = m.groups()
        if name != "TIMEX3" or selfclosing:
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(attrs)))
        elif open_timex is not None:
            start, a = open_timex
            open_timex = None
            kind, value, mod = a.get("type", ""), a.get("value", ""), a.get("mod", "")
            gold.append(Span(start, length, "", kind, value, mod))
    out.append(html.unescape(body[pos:]))
    text = "".join(out)
    gold = [Span(g.start, g.end, text[g.start : g.end], g.type, g.value, g.mod) for g in gold]
    return Doc(path.stem, text, parse_dct(dct_match.group(1)), gold)


def load_dir(folder: Path) -> list[Doc]:
    return [parse_tml(p) for p in sorted(folder.rglob("*.tml"))]


@dataclass
class Score:
    """Counts over a set of documents and the errors found."""

    gold: int = 0
    system: int = 0
    relaxed: int = 0
    strict: int = 0
    type_ok: int = 0
    value_ok: int = 0
    errors: dict[str, list[tuple[str, str, str]]] = field(default_factory=lambda: defaultdict(list))

    def prf(self) -> tuple[float, float, float]:
        p = self.relaxed / self.system if self.system else 0.0
        r = self.relaxed / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def row(self) -> dict[str, float]:
        p, r, f = self.prf()
        sp = self.strict / self.system if self.system else 0.0
        sr = self.strict / self.gold if self.gold else 0.0
        sf = 2 * sp * sr / (sp + sr) if sp + sr else 0.0
        type_acc = self.type_ok / self.relaxed if self.relaxed else 0.0
        value_acc = self.value_ok / self.relaxed if self.relaxed else 0.0
        return {
            "P": 100 * p,
            "R": 100 * r,
            "F1": 100 * f,
            "strict F1": 100 * sf,
            "type F1": 100 * f * type_acc,
            "value F1": 100 * f * value_acc,
        }


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    return f"...{left}[{text[start:end]}]{right}..."


def score_doc(doc: Doc, system: list[Span], score: Score) -> None:
    """Match system spans to gold spans (overlap, one-to-one) and count."""
    score.gold += len(doc.gold)
    score.system += len(system)
    pairs = []
    for gi, g in enumerate(doc.gold):
        for si, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                pairs.append((-overlap, gi, si))
    pairs.sort()
    used_g: set[int] = set()
    used_s: set[int] = set()
    for _, gi, si in pairs:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        g, s = doc.gold[gi], system[si]
        score.relaxed += 1
        ctx = _context(doc.text, g.start, g.end)
        if (g.start, g.end) == (s.start, s.end):
            score.strict += 1
        else:
            score.errors["wrong span"].append((g.text, f"gold {g.text!r} / sys {s.text!r}", ctx))
        if g.type == s.type:
            score.type_ok += 1
        else:
            score.errors["wrong type"].append((g.text, f"gold {g.type} / sys {s.type}", ctx))
        if g.value == s.value:
            score.value_ok += 1
        else:
            detail = f"gold {g.value}{_mod(g)} / sys {s.value}{_mod(s)} (DCT {doc.dct})"
            score.errors["wrong value"].append((g.text, detail, ctx))
    for gi, g in enumerate(doc.gold):
        if gi not in used_g:
            ctx = _context(doc.text, g.start, g.end)
            score.errors["missed"].append((g.text, f"{g.type} {g.value}{_mod(g)}", ctx))
    for si, s in enumerate(system):
        if si not in used_s:
            ctx = _context(doc.text, s.start, s.end)
            score.errors["spurious"].append((s.text, f"{s.type} {s.value}{_mod(s)}", ctx))


def _mod(span: Span) -> str:
    return f" mod={span.mod}" if span.mod else ""


def sitegen_spans(doc: Doc) -> list[Span]:
    return tag(doc.text, doc.dct)


def dateparser_spans(doc: Doc) -> list[Span]:
    from dateparser.search import search_dates

    base = doc.dct if isinstance(doc.dct, dt.datetime) else dt.datetime(*doc.dct.timetuple()[:3])
    found = search_dates(doc.text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    spans = []
    pos = 0
    for string, when in found:
        start = doc.text.find(string, pos)
        if start < 0:
            continue
        pos = start + len(string)
        spans.append(Span(start, pos, string, "DATE", when.date().isoformat()))
    return spans


def evaluate(docs: Iterable[Doc], tagger: Callable[[Doc], list[Span]]) -> Score:
    score = Score()
    for doc in docs:
        score_doc(doc, tagger(doc), score)
    return score


def _shape(text: str) -> str:
    """Group errors by the expression's shape: lower case, digits as 9."""
    return re.sub(r"\d", "9", text.lower())


def print_errors(score: Score, limit: int) -> None:
    for kind in ("missed", "spurious", "wrong value", "wrong type", "wrong span"):
        items = score.errors.get(kind, [])
        print(f"\n  {kind}: {len(items)}")
        groups = Counter(_shape(text) for text, _, _ in items)
        examples: dict[str, tuple[str, str, str]] = {}
        for item in items:
            examples.setdefault(_shape(item[0]), item)
        for shape, count in groups.most_common(limit):
            _, detail, ctx = examples[shape]
            print(f"    {count:4d}  {shape!r:28.28}  {detail}  {ctx}")


def _fmt(name: str, row: dict[str, float], extra: str = "") -> str:
    cells = " | ".join(f"{v:5.1f}" for v in row.values())
    return f"| {name:<28} | {cells} | {extra} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--errors", type=int, default=0, help="show the N most frequent errors")
    parser.add_argument("--no-peer", action="store_true", help="skip dateparser")
    parser.add_argument("--peer-limit", type=int, default=None, help="docs given to dateparser")
    args = parser.parse_args(argv)

    header = "| corpus / tagger | P | R | F1 | strict F1 | type F1 | value F1 | notes |"
    rows = [header, "|" + "---|" * 8]
    for folder in args.dirs:
        docs = load_dir(folder)
        t0 = time.perf_counter()
        ours = evaluate(docs, sitegen_spans)
        took = time.perf_counter() - t0
        label = folder.name or str(folder)
        rows.append(_fmt(f"{label}: sitegen", ours.row(), f"{len(docs)} docs, {took:.2f}s"))
        print(f"== {label}: {len(docs)} docs, {ours.gold} gold timexes, sitegen {took:.2f}s")
        if args.errors:
            print_errors(ours, args.errors)
        if not args.no_peer:
            peer_docs = docs[: args.peer_limit] if args.peer_limit else docs
            t0 = time.perf_counter()
            peer = evaluate(peer_docs, dateparser_spans)
            took = time.perf_counter() - t0
            note = f"{len(peer_docs)} of {len(docs)} docs, {took:.1f}s"
            rows.append(_fmt(f"{label}: dateparser", peer.row(), note))
    print()
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
