"""Relative and anchored expressions, from sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from sitegen.temporal import tag

DCT = dt.date(2024, 12, 19)  # a Thursday


def values(text: str, dct: dt.date = DCT) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in tag(text, dct)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The council said on Thursday it would act.", ("Thursday", "DATE", "2024-12-19")),
        ("The council met on Monday to vote.", ("Monday", "DATE", "2024-12-16")),
        ("The council will meet on Monday to vote.", ("Monday", "DATE", "2024-12-23")),
        ("The council voted yesterday on the plan.", ("yesterday", "DATE", "2024-12-18")),
        ("The council votes tomorrow on the plan.", ("tomorrow", "DATE", "2024-12-20")),
        ("Rents rose last month in the city.", ("last month", "DATE", "2024-11")),
        ("Rents will rise next year in the city.", ("next year", "DATE", "2025")),
        ("Rents rose this year in the city.", ("this year", "DATE", "2024")),
        ("The mill closed two years ago for good.", ("two years ago", "DATE", "2022")),
        ("The mill closed three days ago for good.", ("three days ago", "DATE", "2024-12-16")),
        ("The band is on tour now across the north.", ("now", "DATE", "PRESENT_REF")),
        ("The band recently toured the north.", ("recently", "DATE", "PAST_REF")),
    ],
)
def test_deictic_expressions_count_from_the_dct(sentence: str, expected: tuple) -> None:
    assert values(sentence) == [expected]


def test_modified_expressions_keep_the_modifier_in_span_and_mod() -> None:
    cases = {
        "The shop opened early 2022 downtown.": ("early 2022", "2022", "START"),
        "The shop opened mid-March downtown.": ("mid-March", "2024-03", "MID"),
        "The shop opened late last year downtown.": ("late last year", "2023", "END"),
        "The shop opened earlier this month downtown.": ("earlier this month", "2024-12", "START"),
        "The tower was finished at the end of 1999 at last.": ("the end of 1999", "1999", "END"),
        "The repair took about two years in all.": ("about two years", "P2Y", "APPROX"),
        "The repair took more than a decade in all.": ("more than a decade", "P10Y", "MORE_THAN"),
    }
    for sentence, (span, value, mod) in cases.items():
        [t] = tag(sentence, DCT)
        assert (t.text, t.value, t.mod) == (span, value, mod), sentence


def test_narrative_expressions_follow_the_last_date_mentioned() -> None:
    text = (
        "The siege began on 5 June 1744. The following day the walls were breached. "
        "A week later the garrison surrendered, and that month the town was rebuilt. "
        "Three days later the army left."
    )
    got = values(text, dt.date(2009, 12, 19))
    assert got == [
        ("5 June 1744", "DATE", "1744-06-05"),
        ("The following day", "DATE", "1744-06-06"),
        ("A week later", "DATE", "1744-W24"),
        ("that month", "DATE", "1744-06"),
        ("Three days later", "DATE", "1744-06"),
    ]


def test_underspecified_dates_take_the_year_of_a_history_text() -> None:
    text = (
        "In 1812 the army crossed the river. By 1813 it had retreated, and in 1814 peace came. "
        "The war of 1815 was short. In 1816 harvests failed across the region and in 1817 "
        "prices rose; 1818 was calmer, and 1819 calmer still. On 3 May the council met again."
    )
    assert values(text, dt.date(2009, 12, 19))[-1] == ("3 May", "DATE", "1819-05-03")


def test_quarters_in_an_earnings_report() -> None:
    text = (
        "Net income in the third quarter rose 8%. Sales in the year-ago quarter were lower, "
        "and the quarter's margin was the best since a year earlier."
    )
    got = values(text, dt.date(1989, 10, 25))
    assert got == [
        ("the third quarter", "DATE", "1989-Q3"),
        ("the year-ago quarter", "DATE", "1988-Q3"),
        ("the quarter", "DATE", "1989-Q3"),
        ("a year earlier", "DATE", "1988-Q3"),
    ]


def test_of_that_year_takes_the_year_last_mentioned() -> None:
    got = values("The dam opened in 1931. In October of that year it flooded.", DCT)
    assert got[-1] == ("October of that year", "DATE", "1931-10")


def test_a_deadline_after_a_participle_lies_ahead() -> None:
    assert values("The bid was extended to Nov. 20 by the board.", dt.date(1989, 11, 2)) == [
        ("Nov. 20", "DATE", "1989-11-20")
    ]
    assert values("The mill opened in March with new looms.", dt.date(1989, 11, 2)) == [
        ("March", "DATE", "1989-03")
    ]


def test_the_weekend_is_the_one_just_past_unless_the_clause_looks_ahead() -> None:
    monday = dt.date(2024, 12, 16)
    assert values("The talks went on over the weekend, aides said.", monday) == [
        ("the weekend", "DATE", "2024-W50-WE")
    ]
    assert values("The talks will go on over the weekend.", monday) == [
        ("the weekend", "DATE", "2024-W51-WE")
    ]
    saturday = dt.date(2024, 12, 21)
    assert values("Crowds gathered over the weekend.", saturday) == [
        ("the weekend", "DATE", "2024-W51-WE")
    ]


def test_an_abbreviation_does_not_end_the_sentence_that_gives_the_tense() -> None:
    # "Sept." is no full stop: the range ran up to the most recent Thursday, not the next one.
    got = values("The fund bought shares from Sept. 14 to Thursday at $15.", dt.date(1989, 10, 30))
    assert got[-1] == ("Thursday", "DATE", "1989-10-26")


def test_a_reporting_verb_right_before_a_weekday_dates_the_report() -> None:
    text = '"We will focus on our own brands," Mr. Reyes said Friday.'
    assert values(text, dt.date(1989, 10, 30)) == [("Friday", "DATE", "1989-10-27")]
    assert values("They were planning to march on Monday.", dt.date(2024, 12, 20)) == [
        ("Monday", "DATE", "2024-12-23")
    ]


def test_plans_and_since_set_the_direction_of_a_bare_date() -> None:
    friday = dt.date(2000, 1, 7)
    got = values("Organisers have a march on Saturday and were planning more.", friday)
    assert got == [("Saturday", "DATE", "2000-01-08")]
    assert values("Unlike Thursday, when the hall was full, few came.", friday) == [
        ("Thursday", "DATE", "2000-01-06")
    ]
    got = values("The ship has been at sea since March and was scheduled to return.", friday)
    assert got == [("March", "DATE", "1999-03")]


def test_informal_spellings_of_the_days_around_the_dct() -> None:
    assert values("cant wait 2moro!!", DCT) == [("2moro", "DATE", "2024-12-20")]
    assert values("party tonite at mine", DCT) == [("tonite", "TIME", "2024-12-19TNI")]
    assert values("trmw must wake up early", DCT) == [("trmw", "DATE", "2024-12-20")]


def test_a_year_named_as_a_plan_does_not_move_a_history_forward() -> None:
    text = (
        "In 1812 the army crossed the river. By 1813 it had retreated, and in 1814 peace came. "
        "The war of 1815 was short. In 1816 harvests failed and in 1817 prices rose; 1818 was "
        "calmer. On 10 March 1819 the council met to prepare a reform planned for 1821. "
        "It failed on 11 March."
    )
    assert values(text, dt.date(2009, 12, 19))[-1] == ("11 March", "DATE", "1819-03-11")


def test_future_after_a_possessive_is_the_noun_unless_a_noun_follows() -> None:
    assert values("Nobody can tell what our future holds? I wonder.") == [
        ("future", "DATE", "FUTURE_REF")
    ]
    assert values("Where does my future lie, I keep asking.") == [("future", "DATE", "FUTURE_REF")]
    assert values("He met his future wife at the market.") == []


def test_a_weekday_evening_is_a_time_but_a_weekday_night_is_the_day() -> None:
    assert values("The fire broke out on Wednesday evening near the docks.") == [
        ("Wednesday evening", "TIME", "2024-12-18TEV")
    ]
    assert values("The fire broke out on Wednesday night near the docks.") == [
        ("Wednesday night", "DATE", "2024-12-18")
    ]
