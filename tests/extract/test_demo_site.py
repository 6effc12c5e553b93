"""The demo site built end to end (read, tag, extract, render): its events.json shows the
events the seed article reports (issue 4's list)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sitegen.cli import main

REPO = Path(__file__).resolve().parents[2]
DAY = "2024-12-19"


@pytest.fixture(scope="module")
def events(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    site = tmp_path_factory.mktemp("demo")
    shutil.copy(REPO / "sitegen.toml", site / "sitegen.toml")
    shutil.copytree(REPO / "content", site / "content")
    shutil.copytree(REPO / "seeds", site / "seeds")
    assert main(["build", "--site", str(site), "--quiet"]) == 0
    data = json.loads((site / "output" / "events.json").read_text(encoding="utf-8"))
    return data["events"]


def extracted(events: list[dict], *words: str) -> list[dict]:
    return [
        e
        for e in events
        if not e["curated"] and any(all(w in s["sentence"] for w in words) for s in e["sources"])
    ]


def seed_sources(events: list[dict], event_id: str) -> list[dict]:
    (event,) = [e for e in events if e["id"] == event_id]
    return [s for s in event["sources"] if s["article_id"].startswith("000")]


def test_statements_at_the_q_and_a(events: list[dict]) -> None:
    for words in [
        ("ready to negotiate", "Trump"),
        ("talks with anybody", "Zelenskyy"),
        ("temporary cease-fire",),
        ("should have sent troops", "sooner"),
        ("arrange another launch",),
        ("Zelenskyy took up", "European Council"),
    ]:
        (event,) = extracted(events, *words)
        assert event["date"] == DAY, words
    (offer,) = extracted(events, "arrange another launch")
    assert offer["announced"]


def test_curated_events_linked(events: list[dict]) -> None:
    invasion = seed_sources(events, "2022-02-24--invasion-of-ukraine")
    assert any(
        s["date_text"].endswith("2022") and "invaded Ukraine" in s["sentence"] for s in invasion
    )
    yeltsin = seed_sources(events, "1999-12-31--yeltsin-resigns")
    assert [s["date_text"] for s in yeltsin] == ["the end of 1999"]
    assert seed_sources(events, "2022-03-29--istanbul-talks")
    assert any(
        "test-fired" in s["sentence"]
        for s in seed_sources(events, "2024-11-21--first-oreshnik-launch")
    )
    assert any(
        "Brussels" in s["sentence"] for s in seed_sources(events, "2024-12-19--european-council")
    )


def test_nothing_from_durations_or_after_the_report(events: list[dict]) -> None:
    assert all(e["date"] <= DAY for e in events)
    dated_by = {s["date_text"] for e in events for s in e["sources"]}
    assert not dated_by & {"23 years", "annual", "years", "for years"}
    assert all(isinstance(e["key_score"], (int, float)) for e in events)
