"""A temporal tagger: finds time expressions in text and normalises them to TimeML TIMEX3.

A library of its own: it takes text and a reference date (the document creation time, DCT) and
knows nothing of sites, files or templates. ``tag(text, dct)`` returns :class:`Timex` objects
sorted by their offsets.
"""

from __future__ import annotations

from sitegen.temporal.tagger import tag
from sitegen.temporal.timex import Timex

__all__ = ["Timex", "tag"]
