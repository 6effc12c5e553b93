"""Fuzzing (issue 8): the tagger, the front matter reader and the whole article pipeline never
raise on any input, and their invariants hold.

A benchmark-style run outside the normal test suite (hypothesis, no example database):

    .venv/bin/python benchmarks/fuzz.py [--examples 10000] [--only tagger|frontmatter|pipeline]

Text is drawn from a mix of arbitrary Unicode and date-shaped words (months, weekdays, numbers,
"ago", "the end of"...), so that the tagger's rules are reached, not just its pre-filter.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sitegen.articles import article_from_meta  # noqa: E402
from sitegen.config import Config  # noqa: E402
from sitegen.dates import PartialDate  # noqa: E402
from sitegen.errors import ContentError, Report  # noqa: E402
from sitegen.extract import extract_article, merge  # noqa: E402
from sitegen.feeds import events_json  # noqa: E402
from sitegen.frontmatter import split_front_matter  # noqa: E402
from sitegen.markup import article_html  # noqa: E402
from sitegen.model import Event, Site  # noqa: E402
from sitegen.temporal import tag  # noqa: E402
from sitegen.temporal.validity import MODS, TYPES, is_valid_value  # noqa: E402

WORDS = (  # noqa: SIM905 - one readable block of words
    "January Feb. March Sept December Monday Tuesday Thursday Sunday weekend week month year "
    "years decade century quarter Q3 spring summer fall winter morning tonight noon midnight "
    "today yesterday tomorrow now ago later earlier last next this that following the end of "
    "early mid- late about nearly more than less than since until before after in on at by "
    "1999 2022 '98 1990s 19th 21 3 10:30 a.m. p.m. GMT EST 2024-12-19 12/19/2024 1/2 F-16 "
    "annual daily weekly every each two three twenty-three 23 hundred fiscal said will was "
    "Putin Ukraine Istanbul . , ; \" ' ( ) - \n"
).split(" ")
TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=60).map(" ".join),
)
DCT = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
META_VALUES = st.one_of(
    st.none(), st.integers(), st.booleans(), st.text(max_size=30), st.lists(st.text(max_size=8))
)
UTC = ZoneInfo("UTC")


def check_timexes(text: str, found: list) -> None:
    last_end = 0
    for t in found:
        assert 0 <= t.start < t.end <= len(text), t
        assert t.start >= last_end, f"overlap at {t}"
        assert text[t.start : t.end] == t.text, t
        assert t.type in TYPES and (not t.mod or t.mod in MODS), t
        assert is_valid_value(t.value), t
        last_end = t.end


def fuzz_tagger(examples: int) -> None:
    @settings(max_examples=examples, deadline=None, database=None)
    @given(TEXT, DCT)
    def run(text: str, dct: dt.date) -> None:
        found = tag(text, dct)
        check_timexes(text, found)
        assert tag(text, dct) == found  # deterministic

    run()


def fuzz_frontmatter(examples: int) -> None:
    @settings(max_examples=examples, deadline=None, database=None)
    @given(
        st.one_of(
            st.text(max_size=300),
            st.dictionaries(
                st.sampled_from(["title", "published", "date", "tags", "url", "x"]),
                META_VALUES,
                max_size=5,
            ).map(
                lambda d: "---\n" + "\n".join(f"{k}: {v!r}" for k, v in d.items()) + "\n---\nBody"
            ),
        )
    )
    def run(text: str) -> None:
        path = Path("fuzz.md")
        try:
            doc = split_front_matter(text, path)
            article_from_meta(doc.meta, doc.body, path, "markdown", UTC, Report())
        except ContentError as exc:
            assert exc.path == path and str(exc)

    run()


CURATED = [
    Event(
        id="2022-03-29--talks",
        date=PartialDate(2022, 3, 29),
        title="Talks",
        aliases=["the talks", "Istanbul"],
        curated=True,
    )
]


def fuzz_pipeline(examples: int) -> None:
    config = Config(root=Path("."))

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(TEXT, DCT, st.text(max_size=40))
    def run(body: str, dct: dt.date, title: str) -> None:
        meta = {"title": title, "published": dct.isoformat()}
        try:
            article = article_from_meta(meta, body, Path("a.md"), "markdown", UTC, Report())
        except ContentError:
            return
        extraction = extract_article(article, CURATED)
        events, mentions = merge([extraction], CURATED)
        for event in events:
            for source in event.sources:
                assert source.article_id == article.id
                if source.start >= 0:
                    assert 0 <= source.start <= source.end <= len(body)
        for mention in mentions.get(article.id, []):
            assert body[mention.start : mention.end] == mention.text
        urls = {e.id: f"/events/{e.id}/" for e in events}
        html = str(article_html(article, mentions.get(article.id, []), urls))
        assert "<script" not in html.lower() or "<script" not in body.lower()
        events_json(Site(config=config, articles=[article], events=events, mentions=mentions))

    run()


TARGETS = {"tagger": fuzz_tagger, "frontmatter": fuzz_frontmatter, "pipeline": fuzz_pipeline}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--only", choices=sorted(TARGETS))
    args = parser.parse_args()
    for name, fuzz in TARGETS.items():
        if args.only and name != args.only:
            continue
        start = time.perf_counter()
        fuzz(args.examples)
        print(f"{name}: {args.examples} examples, no failure, {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
