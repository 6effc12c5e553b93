"""Calendar expressions, from sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from sitegen.temporal import Timex, tag

DCT = dt.date(2024, 12, 19)  # a Thursday


def only(text: str, dct: dt.date = DCT) -> Timex:
    found = tag(text, dct)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "span", "value"),
    [
        (
            "The bridge opened on December 19, 2024, after delays.",
            "December 19, 2024",
            "2024-12-19",
        ),
        ("The bridge opened on 19 December 2024 after delays.", "19 December 2024", "2024-12-19"),
        ("The bridge opened on Dec. 3 after delays.", "Dec. 3", "2024-12-03"),
        ("The file is dated 2024-12-19 in the archive.", "2024-12-19", "2024-12-19"),
        ("The ferry stopped running in March 2022 for repairs.", "March 2022", "2022-03"),
        ("The ferry stopped running in 2022 for repairs.", "2022", "2022"),
        ("Vinyl records came back in the 1990s among collectors.", "the 1990s", "199"),
        ("The canal was dug in the 19th century by hand.", "the 19th century", "18"),
        (
            "Sales fell in the third quarter of 2023 at the bakery.",
            "the third quarter of 2023",
            "2023-Q3",
        ),
        ("The festival moved to summer 2009 after the flood.", "summer 2009", "2009-SU"),
        ("The choir will sing on Christmas Day at the hall.", "Christmas Day", "2024-12-25"),
        ("The fort fell in 480 BC after a long siege.", "480 BC", "BC0480"),
    ],
)
def test_written_dates_keep_their_precision(sentence: str, span: str, value: str) -> None:
    t = only(sentence)
    assert (t.text, t.type, t.value) == (span, "DATE", value)
    assert sentence[t.start : t.end] == span


def test_times_of_day_with_and_without_zones() -> None:
    t = only("The vote closes at 3 p.m. EST so hurry.")
    assert (t.text, t.type, t.value) == ("3 p.m. EST", "TIME", "2024-12-19T15:00")
    t = only("The vote closes at 15:30 so hurry.")
    assert (t.type, t.value) == ("TIME", "2024-12-19T15:30")


def test_parts_of_the_day() -> None:
    t = only("The mayor spoke this morning to reporters.")
    assert (t.text, t.type, t.value) == ("this morning", "TIME", "2024-12-19TMO")
    t = only("The mayor spoke tonight to reporters.")
    assert t.value == "2024-12-19TNI"


def test_weeks_and_weekends() -> None:
    assert only("The shop was shut last week for stocktaking.", dt.date(2013, 3, 20)).value == (
        "2013-W11"
    )
    t = only("The park is busy this weekend with visitors.")
    assert (t.text, t.value) == ("this weekend", "2024-W51-WE")


def test_a_range_of_years_gives_two_dates() -> None:
    found = tag("The treaty held from 1648-1701 in most regions.", DCT)
    assert [(t.text, t.value) for t in found] == [("1648", "1648"), ("1701", "1701")]


def test_spoken_years_and_decades() -> None:
    t = only("The stadium was built in nineteen eighty-four by the river.")
    assert (t.text, t.value) == ("nineteen eighty-four", "1984")
    t = only("Synth pop ruled the eighties in the clubs.")
    assert (t.text, t.value) == ("the eighties", "198")


def test_a_range_of_days_gives_two_dates() -> None:
    found = tag("The fair ran 3-5 June 2011 on the green.", DCT)
    assert [(t.text, t.value) for t in found] == [
        ("3", "2011-06-03"),
        ("5 June 2011", "2011-06-05"),
    ]


def test_a_range_of_days_after_the_month_gives_two_dates() -> None:
    found = tag("The workshop runs April 8-12 at the studio.", dt.date(2013, 3, 30))
    assert [(t.text, t.value) for t in found] == [("April 8", "2013-04-08"), ("12", "2013-04-12")]
    found = tag("Classes on May 5 - 6, 2015 are full.", DCT)
    assert [(t.text, t.value) for t in found] == [
        ("May 5", "2015-05-05"),
        ("6, 2015", "2015-05-06"),
    ]
    # a result is no range of days
    assert [t.text for t in tag("The bill passed March 5-4 in the end.", DCT)] == ["March 5"]


def test_a_capitalised_spring_is_the_season_and_the_verb_fall_is_not() -> None:
    t = only("The new range comes in Spring colours.", dt.date(2015, 3, 1))
    assert (t.text, t.value) == ("Spring", "2015-SP")
    assert tag("Prices spring back when rates fall.", DCT) == []


def test_weeks_named_without_a_number() -> None:
    t = only("For the week, the index fell 3%.", dt.date(2014, 7, 4))
    assert (t.text, t.value) == ("the week", "2014-W27")
    t = only("The market is open on weekends near the pier.")
    assert (t.text, t.type, t.value) == ("weekends", "SET", "XXXX-WE")


def test_a_weekday_with_a_clock_time() -> None:
    t = only("The show opens this Sat, 7pm at the old hall.", dt.date(2013, 4, 10))
    assert (t.text, t.type, t.value) == ("this Sat, 7pm", "TIME", "2013-04-13T19:00")


def test_article_before_a_month_date_stays_out_of_the_span() -> None:
    t = only("The probe of the Oct. 23 fire is still open.", dt.date(1999, 1, 20))
    assert (t.text, t.value) == ("Oct. 23", "1998-10-23")


def test_offsets_hold_when_lower_casing_changes_the_length() -> None:
    text = "İzmir port reopened on Thursday, March 5, 2020."
    [t] = tag(text, dt.date(2020, 3, 6))
    assert (text[t.start : t.end], t.value) == ("Thursday, March 5, 2020", "2020-03-05")


def test_before_and_after_a_year() -> None:
    t = only("Maps of the post-1959 border are rare.")
    assert (t.text, t.value, t.mod) == ("post-1959", "1959", "AFTER")
    t = only("Maps of the pre-1914 border are rare.")
    assert (t.text, t.value, t.mod) == ("pre-1914", "1914", "BEFORE")


def test_a_year_before_a_plural_noun() -> None:
    assert tag("The club sold 2000 tickets in an hour.", DCT) == []
    assert only("The 1968 protests changed the campus.").value == "1968"


@pytest.mark.parametrize(
    "written",
    [
        "December 19th, 2024",
        "Dec 19 2024",
        "19 Dec 2024",
        "the 19th of December 2024",
        "Thursday, December 19, 2024",
        "2024/12/19",
        "12/19/2024",
        "19.12.2024",
    ],
)
def test_one_day_in_many_written_forms(written: str) -> None:
    t = only(f"The vote was held on {written} in the hall.")
    assert (t.text, t.value) == (written, "2024-12-19")


def test_may_the_verb_is_not_the_month() -> None:
    assert tag("Happy birthday! May luck follow you.", DCT) == []
    assert only("The fair opened in May after the rains.").value == "2024-05"


def test_a_month_of_this_or_last_year_is_one_expression() -> None:
    t = only("In June last year the plant closed.", dt.date(1998, 2, 19))
    assert (t.text, t.value) == ("June last year", "1997-06")
    t = only("Talks began in February this year.", dt.date(1998, 12, 3))
    assert (t.text, t.value) == ("February this year", "1998-02")


def test_a_short_weekday_name_needs_a_day_number_or_time_after_it() -> None:
    assert tag("Sun, a maker of workstations, reported a loss.", DCT) == []
    t = only("The fair is on Sun, 5 May this time.", dt.date(2013, 4, 30))
    assert t.value == "2013-05-05"


def test_a_clock_time_on_a_written_date() -> None:
    t = only("The offer runs until 5 p.m. EST Nov. 9 at the latest.", dt.date(1989, 11, 2))
    assert (t.text, t.type, t.value) == ("5 p.m. EST Nov. 9", "TIME", "1989-11-09T17:00")


def test_the_last_half_of_a_year_is_its_second_half() -> None:
    assert only("Profits fell in the last half of 1989 again.").value == "1989-H2"


def test_a_march_that_is_a_procession_is_not_the_month() -> None:
    assert [t.text for t in tag("Thousands joined the annual March for Life.", DCT)] == ["annual"]
    assert tag('The army began its "March to the Sea" at once.', DCT) == []
    t = only("She resigned in March for health reasons.", dt.date(1989, 11, 2))
    assert (t.text, t.value) == ("March", "1989-03")


def test_a_written_date_with_a_clock_time_after_it() -> None:
    t = only("Join us on May 10, 2014 2pm at the park.", dt.date(2014, 5, 6))
    assert (t.text, t.type, t.value) == ("May 10, 2014 2pm", "TIME", "2014-05-10T14:00")


def test_a_month_without_a_tense_cue_looks_back_except_across_the_new_year() -> None:
    october = dt.date(2024, 10, 28)
    found = only("Ms. Ortiz took over the bakery in March from her uncle.", october)
    assert found.value == "2024-03"
    november = dt.date(2024, 11, 20)
    found = only("The bakery's lease runs out in January under its terms.", november)
    assert found.value == "2025-01"


def test_an_informal_hour_with_a_plus() -> None:
    found = only("we left the camp at 6+am with our bags")
    assert (found.text, found.type, found.value) == ("6+am", "TIME", "2024-12-19T06:00")


def test_noon_or_midnight_with_a_day_is_one_time() -> None:
    found = only("Talks at the depot broke off at noon Thursday.")
    assert (found.text, found.type, found.value) == ("noon Thursday", "TIME", "2024-12-19T12:00")
    found = only("The offer to the tenants expires at midnight Friday.")
    assert (found.text, found.value) == ("midnight Friday", "2024-12-20T24:00")


def test_high_noon_is_a_figure_of_speech() -> None:
    assert [t.text for t in tag("For the strikers, high noon comes today.", DCT)] == ["today"]


def test_a_month_or_season_of_a_spoken_year() -> None:
    found = only("The pipes froze in the winter of nineteen ninety-four, she recalled.")
    assert (found.text, found.value) == ("the winter of nineteen ninety-four", "1994-WI")
    found = only("January nineteen ninety-seven. The dam gave way at dawn")
    assert (found.text, found.value) == ("January nineteen ninety-seven", "1997-01")


def test_two_thousand_before_a_unit_is_a_count_not_the_year_2000() -> None:
    assert tag("The glassblowers kept their craft for two thousand years.", DCT) == []
    assert only("They hoped to finish by the year two thousand.").value == "2000"
