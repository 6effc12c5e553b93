"""A temporal tagger: finds time expressions in text and normalises them to TimeML TIMEX3.

A library of its own: it takes text and a reference date (the document creation time, DCT) and
knows nothing of sites, files or templates.
"""

from __future__ import annotations

from sitegen.temporal.timex import Timex

__all__ = ["Timex", "tag"]


def tag(text: str, dct: object) -> list[Timex]:  # pragma: no cover - replaced by the tagger
    raise NotImplementedError("the temporal tagger is being built (issue 3)")
