"""The seed article of issue 3, tagged end to end (skipped if the seed is not in the checkout)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitegen.temporal import tag

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_d6fd1f97a553b0ce.txt"


@pytest.mark.skipif(not SEED.exists(), reason="seed article not in this checkout")
def test_seed_article() -> None:
    found = tag(SEED.read_text(encoding="utf-8"), dt.date(2024, 12, 19))
    dates = [(t.text, t.value, t.mod) for t in found if t.type == "DATE"]
    assert dates == [
        ("Thursday", "2024-12-19", ""),
        ("2022", "2022", ""),
        ("2022", "2022", ""),
        ("2022", "2022", ""),
        ("the end of 1999", "1999", "END"),
    ]
    others = {(t.text, t.type, t.value) for t in found if t.type != "DATE"}
    assert ("23 years", "DURATION", "P23Y") in others
    assert ("annual", "SET", "P1Y") in others
