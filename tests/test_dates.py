from __future__ import annotations

import pytest

from sitegen.dates import PartialDate, format_date, format_range, parse_partial_date


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("2022", "2022", "year"),
        ("2022-03", "2022-03", "month"),
        ("2022-03-29", "2022-03-29", "day"),
    ],
)
def test_parse_keeps_precision(text: str, iso: str, precision: str) -> None:
    date = parse_partial_date(text)
    assert date.iso() == iso
    assert date.precision == precision


@pytest.mark.parametrize("text", ["2024-02-30", "2022-13", "March 2022", "", "2022-3-", "0"])
def test_parse_rejects_impossible_or_malformed(text: str) -> None:
    with pytest.raises(ValueError):
        parse_partial_date(text)


@pytest.mark.parametrize(
    ("date", "modifier", "expected"),
    [
        (PartialDate(2022), None, "2022"),
        (PartialDate(2022, 3), None, "March 2022"),
        (PartialDate(2022, 3, 29), None, "29 March 2022"),
        (PartialDate(1999), "end", "end of 1999"),
        (PartialDate(2022), "start", "start of 2022"),
    ],
)
def test_format_at_own_precision(date: PartialDate, modifier: str | None, expected: str) -> None:
    assert format_date(date, modifier) == expected


def test_format_range_within_a_month() -> None:
    assert (
        format_range(PartialDate(2024, 12, 19), PartialDate(2024, 12, 20)) == "19–20 December 2024"
    )


def test_year_sorts_before_its_months_and_end_after() -> None:
    year, march, end = PartialDate(2022), PartialDate(2022, 3), PartialDate(2022)
    assert year.sort_key() < march.sort_key() < end.sort_key("end")


def test_compatible_dates_contain_each_other() -> None:
    assert PartialDate(2022).compatible(PartialDate(2022, 2, 24))
    assert not PartialDate(2022, 3).compatible(PartialDate(2022, 2, 24))
