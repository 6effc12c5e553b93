"""What a rule returns for a match, and small helpers the rules share."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from sitegen.temporal.lexicon import MONTHS, ORDINALS, VAGUE, number
from sitegen.temporal.points import Point


class Found(NamedTuple):
    """A resolved expression: TIMEX3 type and value, and the point it names, if any.

    ``point`` becomes the reference for later anaphoric expressions; ``span`` overrides the
    match's offsets when one match holds several expressions ("1914-1918").
    """

    type: str
    value: str
    point: Point | None = None
    mod: str = ""
    span: tuple[int, int] | None = None


def date_found(point: Point, mod: str = "") -> Found:
    """A DATE (or TIME, if the point has a time of day) for ``point``."""
    return Found("TIME" if point.clock else "DATE", point.value(), point, mod)


def duration(amount: float | None, unit: str) -> str:
    """The TIMEX3 duration of ``amount`` ``unit`` (a lexicon unit code); ``None`` is vague (X).

    A fraction goes to the next finer unit: "5 1/2 hours" is ``PT5H30M``, "1.5 years" ``P1Y6M``.
    """
    factor, code = {
        "DE": (10, "Y"),
        "CE": (100, "Y"),
        "Q": (3, "M"),
        "2W": (2, "W"),
        "WE": (2, "D"),
    }.get(unit, (1, unit))
    if amount is None:
        return f"PTX{code[1]}" if code.startswith("T") else f"PX{code}"
    amount *= factor
    if code == "W" and amount != int(amount):
        amount, code = amount * 7, "D"  # weeks do not mix with other units
    whole = int(amount)
    parts = [(whole, code)] if whole else []
    finer = {"Y": (12, "M"), "M": (30, "D"), "D": (24, "TH"), "TH": (60, "TM"), "TM": (60, "TS")}
    rest = amount - whole
    if rest and code in finer:
        mult, small = finer[code]
        parts.append((round(rest * mult), small))
    elif rest or not parts:
        parts = [(round(amount), code)]
    date = "".join(f"{n}{c}" for n, c in parts if not c.startswith("T"))
    time = "".join(f"{n}{c[1]}" for n, c in parts if c.startswith("T"))
    return "P" + date + (f"T{time}" if time else "")


def count(word: str | None) -> float | None:
    """The number of a count: "two", "3", "1.5", "a"; ``None`` if vague ("several") or absent."""
    if word is None:
        return None
    word = " ".join(word.lower().split())
    if word in VAGUE:
        return None
    try:
        return float(word)
    except ValueError:
        n = number(word)
        return float(n) if n is not None else None


def full_year(text: str, dct: dt.date) -> int:
    """A written year: "1999", "nineteen ninety-nine" or "'99" (the century that puts it nearest
    ``dct``, a little ahead of it at most)."""
    spoken, _, tail = text.lower().partition(" ")
    if spoken in ("nineteen", "twenty"):
        tens = number(tail.strip())
        if tens is None:
            raise ValueError(text)
        return (1900 if spoken == "nineteen" else 2000) + tens
    digits = text.lstrip("'")
    y = int(digits)
    if len(digits) > 2:
        return y
    century = dct.year // 100 * 100
    return max(c + y for c in (century - 100, century, century + 100) if c + y <= dct.year + 10)


def month_of(word: str) -> int:
    """The month number of a month word ("Sept." -> 9)."""
    return MONTHS[" ".join(word.lower().split())]


def day_of(word: str) -> int:
    """The day of a written day ("19th", "third" -> 19, 3)."""
    word = word.lower()
    if word in ORDINALS:
        return ORDINALS[word]
    return int(word.rstrip("stndrh"))


def safe_date(y: int, m: int, d: int) -> dt.date | None:
    """The date, or ``None`` if there is no such day (30 February)."""
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def is_capitalised(word: str) -> bool:
    """Whether ``word`` begins with a capital letter."""
    return word[:1].isupper()


def clock_time(g: dict[str, str]) -> str | None:
    """Handles "15:30", "3 pm", "430pm" as ``HH:MM``; ``None`` if not a time of day."""
    h = int(g["h"])
    minute = int(g.get("mi", "0"))
    ap = g.get("ap", "").lower()
    if ap:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if ap.startswith("p") else 0)
    return f"{h:02d}:{minute:02d}"
