"""Reading and tagging articles in worker processes: same output, same problems, any job count."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from sitefiles import EVENT

import sitegen.extract
import sitegen.incremental
import sitegen.parallel
import sitegen.render
from sitegen.build import build
from sitegen.cli import main
from sitegen.config import load_config
from sitegen.errors import TemplateError
from sitegen.incremental import SiteState
from sitegen.parallel import MIN_PER_JOB, chunk_size, map_ordered

ARTICLES = 48
"""Enough for two workers (MIN_PER_JOB each), in several chunks."""

SENTENCES = [
    "The council closed the bridge for repairs on March {d}, 2023.",
    "Engineers said on {weekday} that the work would take {n} weeks.",
    "The ferry ran every {n} minutes while the bridge was closed.",
    "Shops near the river reported {n} percent fewer customers in April {y}.",
    "A public meeting is planned for next Tuesday, the mayor said.",
    "The bridge closed for repairs again in {y} after a flood.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def article(i: int) -> str:
    """A small article whose dates and sentences vary with ``i`` (deterministic)."""
    body = " ".join(
        SENTENCES[(i + k) % len(SENTENCES)].format(
            d=1 + (i * 7 + k) % 28, weekday=WEEKDAYS[(i + k) % 5], n=2 + (i + k) % 9, y=2020 + i % 5
        )
        for k in range(4)
    )
    month = 1 + i % 12
    return (
        f"---\ntitle: Bridge report {i}\npublished: 2024-{month:02d}-{1 + i % 27:02d}\n"
        f"source: Gazette {i % 3}\ntags: [t{i % 4}]\n---\n{body}\n"
    )


BAD = "---\ntitle: Broken\npublished: [2024\n---\nText.\n"


def fixture_site(make_site: Callable[[dict[str, str]], Path]) -> Path:
    files = {f"content/a{i:03d}.md": article(i) for i in range(ARTICLES)}
    files["content/events/bridge-closes.md"] = EVENT
    files["content/zz-broken.md"] = BAD
    return make_site(files)


def square(x: int) -> tuple[int, int]:
    return x * x, os.getpid()


def fail_on_seven(x: int) -> int:
    if x == 7:
        raise ValueError("seven")
    return x


def test_map_ordered_keeps_the_order_and_uses_workers() -> None:
    items = list(range(200))
    results = map_ordered(square, items, 2)
    assert [r for r, _ in results] == [x * x for x in items]
    pids = {pid for _, pid in results}
    assert pids - {os.getpid()}  # computed in worker processes
    assert os.getpid() in pids  # and here, instead of waiting for them


def test_few_items_or_one_job_run_in_process() -> None:
    advanced: list[int] = []
    few = map_ordered(square, list(range(MIN_PER_JOB)), 2, advance=advanced.append)
    assert {pid for _, pid in few} == {os.getpid()} and sum(advanced) == MIN_PER_JOB
    one = map_ordered(square, list(range(100)), 1)
    assert {pid for _, pid in one} == {os.getpid()}
    assert map_ordered(square, [], 2) == []


def test_progress_counts_every_item_once() -> None:
    advanced: list[int] = []
    map_ordered(square, list(range(300)), 2, advance=advanced.append)
    assert sum(advanced) == 300 and len(advanced) > 2


def test_an_exception_in_a_worker_is_raised_here() -> None:
    with pytest.raises(ValueError, match="seven"):
        map_ordered(fail_on_seven, list(range(100)), 2)


def test_an_inherited_map_runs_a_closure_in_forked_workers() -> None:
    held = threading.Lock()  # not picklable: the closure must not travel to the workers
    offset = 1000

    def shifted(x: int) -> tuple[int, int, bool]:
        return x + offset, os.getpid(), not held.locked()

    items = list(range(100))
    results = map_ordered(shifted, items, 2, inherit=True)
    assert [r for r, _, _ in results] == [x + offset for x in items]
    assert all(ok for _, _, ok in results)
    assert {pid for _, pid, _ in results} - {os.getpid()}
    assert sitegen.parallel._inherited is None  # not kept once the workers have it


def test_a_broken_template_is_reported_alike_from_worker_processes(make_site) -> None:
    root = fixture_site(make_site)
    (root / "content" / "zz-broken.md").unlink()
    (root / "templates").mkdir()
    (root / "templates" / "article.html").write_text("one\n{{ article.nope }}\n", "utf-8")
    config = load_config(root)
    messages = []
    for jobs in (1, 2):
        with pytest.raises(TemplateError) as info:
            build(config, jobs=jobs, cache=False)
        messages.append(str(info.value))
    assert messages[0] == messages[1]
    assert "article.html:2: undefined value" in messages[1]


def test_a_one_off_build_freezes_what_its_stages_made_until_it_ends(make_site, monkeypatch):
    root = fixture_site(make_site)
    (root / "content" / "zz-broken.md").unlink()
    config = load_config(root)
    seen: list[int] = []
    render = sitegen.render.render_site

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.get_freeze_count())
        return render(*args, **kwargs)

    monkeypatch.setattr(sitegen.render, "render_site", counting)
    before = gc.get_freeze_count()
    build(config, jobs=1, cache=False)
    assert seen[-1] > before  # the articles, extractions and events were frozen
    assert gc.get_freeze_count() == before
    (root / "templates").mkdir()
    (root / "templates" / "tag.html").write_text("{{ nope }}", "utf-8")
    with pytest.raises(TemplateError):
        build(config, jobs=1, cache=False)
    assert gc.get_freeze_count() == before  # a failed build unfreezes too
    state = SiteState.open(config, use_cache=False)
    (root / "templates" / "tag.html").unlink()
    build(config, state=state, cache=False)
    assert seen[-1] == before  # the dev server's state: its memory is its own business


def test_chunks_are_bounded() -> None:
    assert chunk_size(10, 2) == 1
    assert chunk_size(1000, 2) == 63
    assert chunk_size(100_000, 2) == 64


def test_output_is_byte_identical_whatever_the_jobs(make_site, tmp_path: Path, monkeypatch, capsys):
    pools: list[int] = []

    class CountingPool(ProcessPoolExecutor):
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            pools.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(sitegen.parallel, "ProcessPoolExecutor", CountingPool)
    root = fixture_site(make_site)
    outputs, errors = {}, {}
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        code = main(["build", "--site", str(root), "--output", str(out), "--jobs", str(jobs)])
        assert code == 1  # the broken article is reported and skipped
        errors[jobs] = [x for x in capsys.readouterr().err.splitlines() if "skipped" not in x]
        outputs[jobs] = {
            p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()
        }
        if jobs == 1:
            assert not pools
            # a second build would find everything in the cache: start the next one cold
            main(["clean", "--site", str(root), "--output", str(out)])
    assert len(pools) == 4  # reading, tagging, articles' bodies, then pages: each through a pool
    assert outputs[1].keys() == outputs[2].keys()
    assert len(outputs[1]) > ARTICLES
    for name, data in outputs[1].items():
        assert outputs[2][name] == data, name
    # the bad article named with its file and line, by the worker as in-process; the others built
    assert errors[1] == errors[2]
    assert any("zz-broken.md:4: invalid YAML" in line for line in errors[2])
    assert f"articles/a{ARTICLES - 1:03d}/index.html" in outputs[2]
    assert "articles/zz-broken/index.html" not in outputs[2]


WORKER_SCRIPT = """
import time
from sitegen.parallel import map_ordered

def slow(x):
    time.sleep(0.05)
    return x

map_ordered(slow, list(range(400)), 2)
"""


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.update(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds the workers in /proc")
def test_workers_end_when_the_build_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "work.py"
    script.write_text(WORKER_SCRIPT, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script)])
    try:
        deadline = time.monotonic() + 30
        while not (workers := _children(proc.pid)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert workers, "no worker process started"
    finally:
        proc.kill()
        proc.wait(timeout=30)
    deadline = time.monotonic() + 10
    while any(_running(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_running(w) for w in workers), "workers outlived the killed build"


def test_entries_cached_by_workers_serve_the_next_build(make_site, monkeypatch) -> None:
    root = fixture_site(make_site)
    (root / "content" / "zz-broken.md").unlink()
    config = load_config(root)
    build(config, jobs=2)
    counts: Counter = Counter()
    read, extract = sitegen.incremental.read_article, sitegen.extract.extract_article

    def counting_read(path, *args):  # type: ignore[no-untyped-def]
        counts["read"] += 1
        return read(path, *args)

    def counting_extract(article, *args):  # type: ignore[no-untyped-def]
        counts["extract"] += 1
        return extract(article, *args)

    monkeypatch.setattr(sitegen.incremental, "read_article", counting_read)
    monkeypatch.setattr(sitegen.extract, "extract_article", counting_extract)
    changed = root / "content" / "a005.md"
    changed.write_text(changed.read_text(encoding="utf-8") + "Then it rained.\n", "utf-8")
    result = build(config, jobs=2)
    assert counts == Counter({"read": 1, "extract": 1})
    assert result.counts[0] == ARTICLES
