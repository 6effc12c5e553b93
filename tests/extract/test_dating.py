"""Dating a sentence from hand-built timexes (the tagger is tested on its own)."""

from __future__ import annotations

import datetime as dt

import pytest

from sitegen.dates import PartialDate
from sitegen.extract.dating import date_sentence, timex_date
from sitegen.temporal import Timex

PUBLISHED = dt.date(2024, 12, 19)  # a Thursday


def timex(text: str, phrase: str, type_: str, value: str, mod: str = "") -> Timex:
    start = text.index(phrase)
    return Timex(start, start + len(phrase), phrase, type_, value, mod)


def date(text: str, *timexes: Timex):
    return date_sentence(text, (0, len(text)), list(enumerate(timexes)), PUBLISHED)


@pytest.mark.parametrize(
    ("type_", "value", "mod", "expected"),
    [
        ("DATE", "2024-12-19", "", (PartialDate(2024, 12, 19), None)),
        ("TIME", "2024-12-19T15:00", "", (PartialDate(2024, 12, 19), None)),
        ("DATE", "2022-03", "", (PartialDate(2022, 3), None)),
        ("DATE", "1999", "END", (PartialDate(1999), "end")),
        ("DATE", "2009-SU", "", (PartialDate(2009), None)),
        ("DATE", "199", "", None),
        ("DATE", "PRESENT_REF", "", None),
        ("DATE", "2022", "BEFORE", None),
        ("DURATION", "P23Y", "", None),
        ("SET", "P1Y", "", None),
        ("DATE", "2023-02-30", "", None),
        ("DATE", "0000-01-01", "", None),
        ("DATE", "2009-W26", "", None),
    ],
)
def test_timex_date_keeps_precision_and_refuses_non_dates(type_, value, mod, expected) -> None:
    assert timex_date(Timex(0, 1, "x", type_, value, mod)) == expected


def test_content_date_beats_report() -> None:
    text = "Russia was strong, Putin said, since it invaded Ukraine in 2022."
    dating = date(text, timex(text, "in 2022", "DATE", "2022"))
    assert dating and dating.date == PartialDate(2022) and dating.kind == "content"


def test_report_with_weekday_is_dated_to_the_weekday() -> None:
    text = "Russia is ready to talk, Putin told reporters on Tuesday."
    dating = date(text, timex(text, "on Tuesday", "DATE", "2024-12-17"))
    assert dating and dating.date == PartialDate(2024, 12, 17) and dating.kind == "report"


def test_report_date_is_not_the_content_date() -> None:
    text = "On Tuesday, Putin said the talks had failed in March 2022."
    dating = date(
        text,
        timex(text, "On Tuesday", "DATE", "2024-12-17"),
        timex(text, "March 2022", "DATE", "2022-03"),
    )
    assert dating and dating.date == PartialDate(2022, 3)


def test_report_without_date_uses_publication_date() -> None:
    dating = date("Putin claimed Russia was open to negotiations.")
    assert dating and dating.date == PartialDate(2024, 12, 19) and dating.kind == "published"


def test_durations_sets_and_bounds_never_date() -> None:
    text = "During his 23 years in power he held an annual session, sooner than in 2022."
    found = date(
        text,
        timex(text, "23 years", "DURATION", "P23Y"),
        timex(text, "annual", "SET", "P1Y"),
        timex(text, "2022", "DATE", "2022"),
    )
    assert found is None
    text = "Putin did say he should have sent troops sooner than in 2022."
    dating = date(text, timex(text, "2022", "DATE", "2022"))
    assert dating and dating.date == PartialDate(2024, 12, 19)


def test_most_precise_then_first_content_date_wins() -> None:
    text = "In 2009 the singer died on June 25, 2009 in June."
    dating = date(
        text,
        timex(text, "In 2009", "DATE", "2009"),
        timex(text, "June 25, 2009", "DATE", "2009-06-25"),
        timex(text, "June.", "DATE", "2009-06"),
    )
    assert dating and dating.date == PartialDate(2009, 6, 25) and dating.timex == 1


def test_planned_events_are_announced_on_the_report_date() -> None:
    text = "Putin said he was prepared to arrange another launch."
    dating = date(text)
    assert dating and dating.announced and dating.date == PartialDate(2024, 12, 19)
    text = "The summit will take place on 5 January, officials said."
    dating = date(text, timex(text, "5 January", "DATE", "2025-01-05"))
    assert dating and dating.announced and dating.date == PartialDate(2024, 12, 19)


def test_sentence_without_date_or_report_is_no_event() -> None:
    assert date("The war has resulted in huge numbers of casualties.") is None


def test_coordinated_clauses_report_one_event_each() -> None:
    text = "She was admitted to hospital on 8 April but died five days later."
    dating = date(
        text,
        timex(text, "8 April", "DATE", "2024-04-08"),
        timex(text, "five days later", "DATE", "2024-04-13"),
    )
    assert dating and dating.date == PartialDate(2024, 4, 8)
    (other,) = dating.also
    assert other.date == PartialDate(2024, 4, 13)
    assert other.clause and text[other.clause[0] : other.clause[1]] == "died five days later."


def test_dates_in_one_clause_give_one_event() -> None:
    text = "The singer died on June 25, 2009 in Los Angeles in June."
    dating = date(
        text,
        timex(text, "June 25, 2009", "DATE", "2009-06-25"),
        timex(text, "June.", "DATE", "2009-06"),
    )
    assert dating and dating.also == ()
