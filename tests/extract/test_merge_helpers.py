"""Helpers of the merge that stand in for slower library calls: same results."""

from __future__ import annotations

import dataclasses

from sitegen.extract import _with_event
from sitegen.model import Mention


def test_with_event_is_replace() -> None:
    m = Mention(3, 9, "Friday", "DATE", "2024-12-20", "APPROX")
    assert _with_event(m, "2024-12-20--x") == dataclasses.replace(m, event_id="2024-12-20--x")
    # Built field by field: a field added to Mention must be added there too.
    assert [f.name for f in dataclasses.fields(Mention)] == [
        "start",
        "end",
        "text",
        "type",
        "value",
        "mod",
        "event_id",
    ]
