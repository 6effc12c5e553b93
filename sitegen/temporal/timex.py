"""The tagger's result type, in TimeML TIMEX3 conventions."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Timex:
    """One time expression found in a text.

    ``start``/``end`` are character offsets into the text (``text[start:end] == self.text``);
    ``type`` is DATE, TIME, DURATION or SET; ``value`` is the TIMEX3 value (``2024-12-19``,
    ``2022``, ``P23Y``, ``PRESENT_REF``...); ``mod`` is the TIMEX3 mod (``END``...) or "".
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str = ""

    def to_dict(self) -> dict[str, object]:
        return asdict(self)
