"""A temporal tagger: finds time expressions in text and normalises them to TimeML TIMEX3.

A library of its own: it takes text and a reference date (the document creation time, DCT) and
knows nothing of sites, files or templates.
"""

from __future__ import annotations

import datetime

from sitegen.temporal.timex import Timex

__all__ = ["Timex", "tag"]


def tag(text: str, dct: datetime.date | datetime.datetime) -> list[Timex]:
    """Every time expression in ``text``, normalised against ``dct``, sorted by start."""
    return []
