"""The per-article stage on a Markdown article with front matter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sitegen.dates import PartialDate
from sitegen.extract import extract_from_timexes
from sitegen.model import Article
from sitegen.temporal import Timex

TEXT = """\
---
title: Talks
published: 2024-12-20
---
# Talks resume

[Vladimir Putin](https://example.org/putin) **said** on Thursday that talks would resume.

The talks collapsed in March 2022.
"""


def test_markdown_article_body_only_and_markup_left_out() -> None:
    body = TEXT.index("# Talks")
    article = Article(
        "talks",
        Path("content/talks.md"),
        "Talks",
        dt.datetime(2024, 12, 20),
        TEXT,
        "markdown",
        body_start=body,
    )

    def at(phrase: str, value: str) -> Timex:
        start = TEXT.index(phrase)
        return Timex(start, start + len(phrase), phrase, "DATE", value)

    timexes = [
        at("2024-12-20", "2024-12-20"),
        at("Thursday", "2024-12-19"),
        at("March 2022", "2022-03"),
    ]
    extraction = extract_from_timexes(article, timexes, [])
    assert [m.text for m in extraction.mentions] == ["Thursday", "March 2022"]
    said, collapsed = extraction.candidates
    assert said.date == PartialDate(2024, 12, 19) and said.mention == 0
    assert said.title == "Putin says talks would resume"
    assert said.entities == ["Vladimir Putin"]
    assert said.source.sentence in TEXT and said.source.date_text == "Thursday"
    assert collapsed.date == PartialDate(2022, 3) and collapsed.mention == 1
    assert collapsed.title == "The talks collapsed in March 2022"
