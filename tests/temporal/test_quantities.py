"""Durations, sets, and what is not a time expression, from sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from sitegen.temporal import tag

DCT = dt.date(2024, 12, 19)


def values(text: str) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in tag(text, DCT)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("She ruled for 23 years in power without a break.", ("23 years", "DURATION", "P23Y")),
        ("He had not visited the island for years.", ("years", "DURATION", "PXY")),
        ("The vaccine is for babies 6 months and older.", ("6 months", "DURATION", "P6M")),
        ("The tunnel took a month to dig.", ("a month", "DURATION", "P1M")),
        ("The hike lasts five-hour stretches.", ("five-hour", "DURATION", "PT5H")),
        ("The race lasted half an hour in total.", ("half an hour", "DURATION", "PT30M")),
        (
            "They spent the past three months in the hills.",
            ("the past three months", "DURATION", "P3M"),
        ),
        ("The club holds an annual dinner in the hall.", ("annual", "SET", "P1Y")),
        ("The paper is printed daily in the town.", ("daily", "SET", "P1D")),
        ("The market opens every Monday in the square.", ("every Monday", "SET", "XXXX-WXX-1")),
        ("The market opens every week in the square.", ("every week", "SET", "P1W")),
    ],
)
def test_durations_and_sets_never_become_dates(sentence: str, expected: tuple) -> None:
    assert values(sentence) == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Mix 1/2 cup of flour with the butter.",
        "The 23-year-old striker scored twice.",
        "The boy is five years old and loves trains.",
        "The home side won 3-2 in extra time.",
        "Upgrade to version 2.10 before the sale.",
        "Call 555-1234 to book a table.",
        "An F-16 flew over the stadium.",
        "The company sold 1500 tickets for the show.",
        "The kit runs on Windows 2000 and nothing newer.",
        "Prices may rise, the minister warned.",
    ],
)
def test_numbers_that_are_not_time_expressions(sentence: str) -> None:
    assert values(sentence) == []


def test_a_range_of_durations_gives_two_durations() -> None:
    assert values("The drive takes 10-12 hours by road.") == [
        ("10", "DURATION", "PT10H"),
        ("12 hours", "DURATION", "PT12H"),
    ]


def test_the_year_ending_a_date_is_a_year_long_duration() -> None:
    assert values("Profit for the year ending June 30 rose.")[0] == ("the year", "DURATION", "P1Y")


def test_fractions_go_to_the_next_unit() -> None:
    assert values("The talks lasted 5 1/2 hours in all.") == [
        ("5 1/2 hours", "DURATION", "PT5H30M")
    ]
    assert values("The repairs took 1.5 years to finish.") == [("1.5 years", "DURATION", "P1Y6M")]


def test_the_recent_past_in_units_is_a_vague_duration() -> None:
    assert values("Prices rose in recent months across the region.") == [
        ("recent months", "DURATION", "PXM")
    ]


def test_a_half_after_the_unit_is_part_of_the_duration() -> None:
    assert values("The ferry crossing takes an hour and a half each way.") == [
        ("an hour and a half", "DURATION", "PT1H30M")
    ]
    assert values("The repairs took two years and a half to finish.") == [
        ("two years and a half", "DURATION", "P2Y6M")
    ]
