"""Which strings are valid TIMEX3 values (TimeML 1.2 as used by TimeBank)."""

from __future__ import annotations

import re
from functools import lru_cache

_DAY = r"(?:0[1-9]|[12]\d|3[01])"
_CLOCK = r"T(?:(?:[01]\d|2[0-4]):[0-5]\d(?::[0-5]\d)?|MO|AF|EV|NI|DT)"
_DATE = (
    rf"(?:BC)?\d{{2,4}}"
    rf"|(?:BC)?\d{{4}}-(?:0[1-9]|1[0-2])(?:-{_DAY}(?:{_CLOCK})?)?"
    r"|\d{4}-W(?:0[1-9]|[1-4]\d|5[0-3])(?:-WE|-[1-7])?"
    r"|(?:BC)?\d{4}-(?:Q[1-4]|H[12]|SP|SU|FA|WI)"
    rf"|XXXX-WXX-[1-7]|XXXX-XX-XX(?:{_CLOCK})?|XXXX-WE"
    r"|PRESENT_REF|PAST_REF|FUTURE_REF"
)
_DURATION = r"P(?:(?:\d+|X)(?:Y|M|W|D|DE|CE))+|P(?:(?:\d+|X)(?:Y|M|W|D))*T(?:(?:\d+|X)[HMS])+"
VALUE = re.compile(rf"(?:{_DATE}|{_DURATION})")
TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})
MODS = frozenset(
    [
        "START",
        "MID",
        "END",
        "APPROX",
        "BEFORE",
        "AFTER",
        "ON_OR_BEFORE",
        "ON_OR_AFTER",
        "LESS_THAN",
        "MORE_THAN",
        "EQUAL_OR_LESS",
        "EQUAL_OR_MORE",
    ]
)


@lru_cache(maxsize=4096)
def is_valid_value(value: str) -> bool:
    """Whether ``value`` is a TIMEX3 value: ``2024-12-19``, ``199``, ``P23Y``, ``PAST_REF``..."""
    return VALUE.fullmatch(value) is not None
