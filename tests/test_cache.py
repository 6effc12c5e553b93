"""Incremental builds: the on-disk cache, no-op builds, and writing only what changed."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

import sitegen.extract
import sitegen.incremental
import sitegen.inputs
from sitegen.articles import find_article_files
from sitegen.build import build
from sitegen.cache import CACHE_DIR, COMMIT_EVERY, DATABASE, DiskCache
from sitegen.cli import main
from sitegen.config import load_config
from sitegen.errors import Report, SitegenError, WriteError
from sitegen.inputs import find_articles

SECOND = """\
---
title: Ferry returns
published: 2024-07-01
---
The ferry returned to service on Monday after the bridge reopened.
"""


@pytest.fixture
def calls(monkeypatch) -> Counter:
    """How many times each article was read and tagged (by file name)."""
    counts: Counter = Counter()
    read, extract = sitegen.incremental.read_article, sitegen.extract.extract_article

    def counting_read(path, *args):
        counts["read " + path.name] += 1
        return read(path, *args)

    def counting_extract(article, *args):
        counts["extract " + article.path.name] += 1
        return extract(article, *args)

    monkeypatch.setattr(sitegen.incremental, "read_article", counting_read)
    monkeypatch.setattr(sitegen.extract, "extract_article", counting_extract)
    return counts


def site_with_two(make_site) -> Path:
    root = make_site()
    (root / "content" / "ferry.md").write_text(SECOND, encoding="utf-8")
    return root


def test_unchanged_articles_are_never_read_twice(make_site, calls: Counter) -> None:
    root = site_with_two(make_site)
    config = load_config(root)
    first = build(config)
    assert calls == Counter({"read bridge.md": 1, "read ferry.md": 1,
                             "extract bridge.md": 1, "extract ferry.md": 1})  # fmt: skip
    assert not first.up_to_date and "index.html" in first.written

    again = build(config)
    assert again.up_to_date and again.written == [] and again.counts == first.counts
    assert "up to date" in again.summary()
    assert sum(calls.values()) == 4

    ferry = root / "content" / "ferry.md"
    ferry.write_text(SECOND.replace("Monday", "Tuesday"), encoding="utf-8")
    third = build(config)
    assert calls["read ferry.md"] == 2 and calls["extract ferry.md"] == 2
    assert calls["read bridge.md"] == 1 and calls["extract bridge.md"] == 1
    assert "articles/ferry/index.html" in third.written
    assert "static/style.css" not in third.written
    assert "articles/bridge/index.html" not in third.written


def test_only_changed_files_are_rewritten(make_site) -> None:
    root = site_with_two(make_site)
    config = load_config(root)
    build(config)
    css = root / "output" / "static" / "style.css"
    before = css.stat().st_mtime_ns
    (root / "content" / "ferry.md").write_text(SECOND + "\nMore text.\n", encoding="utf-8")
    result = build(config)
    assert css.stat().st_mtime_ns == before
    assert 0 < len(result.written) < 10
    (root / "content" / "ferry.md").unlink()
    build(config)
    assert not (root / "output" / "articles" / "ferry").exists()
    manifest = (root / "output" / ".sitegen-manifest.json").read_text(encoding="utf-8")
    assert "articles/ferry/index.html" not in manifest


def test_curated_change_invalidates_every_extraction(make_site, calls: Counter) -> None:
    root = site_with_two(make_site)
    config = load_config(root)
    build(config)
    event = root / "content" / "events" / "bridge-closes.md"
    event.write_text(event.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    build(config)
    assert calls["extract bridge.md"] == 2 and calls["extract ferry.md"] == 2
    assert calls["read bridge.md"] == 1  # parsing does not depend on curated events


def test_output_touched_by_hand_is_rewritten(make_site) -> None:
    root = make_site()
    config = load_config(root)
    build(config)
    index = root / "output" / "index.html"
    good = index.read_bytes()
    index.write_bytes(b"vandalised")
    result = build(config)
    assert not result.up_to_date and result.written == ["index.html"]
    assert index.read_bytes() == good
    (root / "output" / "years" / "index.html").unlink()
    assert build(config).written == ["years/index.html"]


def damage_entries(root: Path, damage: Callable[[bytes], bytes]) -> int:
    """Apply ``damage`` to every entry in the cache database; return how many there were."""
    db = sqlite3.connect(root / CACHE_DIR / DATABASE)
    rows = db.execute("SELECT key, data FROM entries").fetchall()
    db.executemany("UPDATE entries SET data = ? WHERE key = ?", [(damage(d), k) for k, d in rows])
    db.commit()
    db.close()
    return len(rows)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:-5] + b"xxxxx",  # payload corrupted: checksum fails
        lambda data: b"",  # empty
        lambda data: data.replace(b"sitegen-cache 1", b"sitegen-cache 9", 1),  # unknown format
        lambda data: b"\x80\x04garbage",  # not even a header
    ],
)
def test_corrupt_cache_is_rebuilt_silently(make_site, calls: Counter, capsys, damage) -> None:
    root = site_with_two(make_site)
    assert main(["build", "--site", str(root)]) == 0
    expected = (root / "output" / "events.json").read_bytes()
    assert damage_entries(root, damage) > 4  # two articles read and extracted, the record
    (root / "content" / "ferry.md").touch()  # not a change: same bytes
    (root / "output" / "index.html").unlink()  # so that the build cannot be a no-op
    assert main(["build", "--site", str(root)]) == 0
    assert "Traceback" not in capsys.readouterr().err
    assert calls["extract ferry.md"] == 2 and calls["extract bridge.md"] == 2
    assert (root / "output" / "events.json").read_bytes() == expected
    assert main(["build", "--site", str(root)]) == 0
    assert "up to date" in capsys.readouterr().out


def test_cache_from_another_sitegen_is_not_trusted(tmp_path: Path) -> None:
    mine = DiskCache(tmp_path, fingerprint="0.1.0-aaaa")
    mine.put("k1", {"value": 1})
    assert mine.get("k1") == {"value": 1}
    mine.flush()
    other = DiskCache(tmp_path, fingerprint="0.1.0-bbbb")
    assert other.get("k1") is None
    other.flush()
    assert DiskCache(tmp_path, fingerprint="0.1.0-aaaa").get("k1") is None  # dropped


@pytest.mark.parametrize("junk", [b"", b"not a database at all" * 100])
def test_a_broken_cache_database_is_made_again(make_site, calls: Counter, capsys, junk) -> None:
    root = site_with_two(make_site)
    assert main(["build", "--site", str(root)]) == 0
    expected = (root / "output" / "events.json").read_bytes()
    for name in (DATABASE, DATABASE + "-wal", DATABASE + "-shm"):
        (root / CACHE_DIR / name).unlink(missing_ok=True)
    (root / CACHE_DIR / DATABASE).write_bytes(junk)
    (root / "output" / "index.html").unlink()
    assert main(["build", "--site", str(root)]) == 0
    assert "Traceback" not in capsys.readouterr().err
    assert calls["extract ferry.md"] == 2
    assert (root / "output" / "events.json").read_bytes() == expected
    (root / "output" / "index.html").unlink()
    assert main(["build", "--site", str(root)]) == 0  # its cache serves this build
    assert calls["extract ferry.md"] == 2


def test_entries_are_committed_in_batches_and_unused_ones_pruned(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path, fingerprint="f")
    for i in range(COMMIT_EVERY + 10):
        cache.put(f"k{i}", i)
    other = DiskCache(tmp_path, fingerprint="f")
    assert other.get("k0") == 0  # the first batch is committed
    assert other.get(f"k{COMMIT_EVERY + 5}") is None  # the rest is not yet
    cache.flush()
    assert other.get(f"k{COMMIT_EVERY + 5}") == COMMIT_EVERY + 5
    fresh = DiskCache(tmp_path, fingerprint="f")
    assert fresh.get("k3") == 3
    fresh.put("new", "x")
    assert fresh.prune() == COMMIT_EVERY + 9  # all but the two it used
    assert DiskCache(tmp_path, fingerprint="f").get("k4") is None
    assert DiskCache(tmp_path, fingerprint="f").get("new") == "x"


def test_no_cache_reads_everything_and_writes_no_cache(make_site, calls: Counter) -> None:
    root = make_site()
    assert main(["build", "--site", str(root), "--no-cache", "-q"]) == 0
    assert main(["build", "--site", str(root), "--no-cache", "-q"]) == 0
    assert calls["read bridge.md"] == 2 and calls["extract bridge.md"] == 2
    assert not (root / CACHE_DIR).exists()


def test_problems_are_replayed_by_a_no_op_build(make_site, capsys) -> None:
    root = make_site()
    (root / "content" / "bad.md").write_text("---\ntitle: [x\n---\nText\n", encoding="utf-8")
    assert main(["build", "--site", str(root)]) == 1
    first = capsys.readouterr().err
    assert main(["build", "--site", str(root)]) == 1
    assert capsys.readouterr().err == first and "bad.md" in first
    with pytest.raises(SitegenError, match="--strict"):
        build(load_config(root), strict=True)


def test_clean_removes_output_and_cache(make_site, capsys) -> None:
    root = make_site()
    assert main(["build", "--site", str(root), "-q"]) == 0
    assert (root / CACHE_DIR).is_dir() and (root / "output").is_dir()
    assert main(["clean", "--site", str(root)]) == 0
    assert not (root / CACHE_DIR).exists() and not (root / "output").exists()
    assert main(["clean", "--site", str(root)]) == 0
    assert "nothing to remove" in capsys.readouterr().out


def test_clean_refuses_a_folder_sitegen_did_not_make(make_site, capsys) -> None:
    root = make_site()
    (root / "output").mkdir()
    (root / "output" / "mine.txt").write_text("keep", encoding="utf-8")
    assert main(["clean", "--site", str(root)]) == 2
    assert (root / "output" / "mine.txt").exists()


def test_find_articles_agrees_with_find_article_files(make_site, tmp_path: Path) -> None:
    root = make_site()
    outside = tmp_path / "outside"
    (outside / "dir").mkdir(parents=True)
    (outside / "o.md").write_text("x", encoding="utf-8")
    (outside / "dir" / "c.md").write_text("x", encoding="utf-8")
    for name in ("sub/b.md", "x.txt", ".hidden.md", "dir.md/inner.md", "events/sub/e.md"):
        (root / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / name).write_text("x", encoding="utf-8")
    for name in ("s.txt", "s.yaml", "deep/m.md", "n.MD", "noext"):
        (root / "seeds" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "seeds" / name).write_text("x", encoding="utf-8")
    os.symlink(root / "content" / "bridge.md", root / "content" / "link-in.md")
    os.symlink(outside / "o.md", root / "content" / "link-out.md")
    os.symlink(outside / "dir", root / "content" / "linkdir")
    os.symlink(outside / "dir", root / "seeds" / "linkdir.md")
    config = load_config(root)
    fast, slow = Report(), Report()
    found = find_articles(config, fast)
    assert found == find_article_files(
        config.content_dir, config.seeds_dir, config.events_dir, config.root, slow
    )
    assert [str(e) for e in fast.errors] == [str(e) for e in slow.errors] != []
    assert root / "content" / "link-in.md" in found


def test_in_place_writes_never_follow_a_link_out_of_output(make_site, tmp_path: Path) -> None:
    root = make_site()
    config = load_config(root)
    build(config)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(root / "output" / "years")
    os.symlink(elsewhere, root / "output" / "years")
    with pytest.raises(WriteError, match="leads out of it"):
        build(config, in_place=True)
    assert list(elsewhere.iterdir()) == []
    build(config)  # a staged build replaces the link with a folder of its own
    assert list(elsewhere.iterdir()) == []
    assert not (root / "output" / "years").is_symlink()


def test_files_listed_by_a_build_without_cache_are_removed(make_site) -> None:
    root = site_with_two(make_site)
    assert main(["build", "--site", str(root), "-q"]) == 0
    (root / "content" / "extra.md").write_text(SECOND.replace("Ferry", "Extra"), "utf-8")
    assert main(["build", "--site", str(root), "-q", "--no-cache"]) == 0
    assert (root / "output" / "articles" / "extra").is_dir()
    (root / "content" / "extra.md").unlink()
    assert main(["build", "--site", str(root), "-q"]) == 0
    assert not (root / "output" / "articles" / "extra").exists()
    assert main(["build", "--site", str(root), "-q", "--no-cache"]) == 0  # no foreign files


def test_unchanged_files_are_not_even_read(make_site, monkeypatch) -> None:
    monkeypatch.setattr(sitegen.inputs, "RACY_NS", 0)  # files written a moment ago count as old
    root = site_with_two(make_site)
    config = load_config(root)
    build(config)
    read: list[str] = []
    file_bytes = sitegen.inputs._file_bytes
    monkeypatch.setattr(
        sitegen.inputs, "_file_bytes", lambda path: read.append(path.name) or file_bytes(path)
    )
    assert build(config).up_to_date
    assert "bridge.md" not in read and "ferry.md" not in read

    # Same size, mtime put back: the change time (which no one can set) still tells.
    ferry = root / "content" / "ferry.md"
    stat = ferry.stat()
    ferry.write_text(SECOND.replace("Monday", "Sunday"), encoding="utf-8")
    os.utime(ferry, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert ferry.stat().st_size == stat.st_size
    result = build(config)
    assert not result.up_to_date and "articles/ferry/index.html" in result.written
    assert "Sunday" in (root / "output" / "articles" / "ferry" / "index.html").read_text("utf-8")


def test_a_cache_locked_by_another_build_is_skipped_without_waiting_each_time(tmp_path) -> None:
    first, second = DiskCache(tmp_path, fingerprint="f"), DiskCache(tmp_path, fingerprint="f")
    first.put("a", 1)  # its transaction is open: the database is locked for writing
    start = time.monotonic()
    for i in range(5):
        second.put(f"b{i}", i)
    assert time.monotonic() - start < 3  # one wait for the lock, then no more tries
    first.flush()
    assert second.get("a") == 1 and second.get("b0") is None
