"""A build killed with SIGKILL at any moment leaves output/ whole: the previous site or the new."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path


def write_files(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def site_files(n: int, word: str) -> dict[str, str]:
    files: dict[str, str] = {}
    for i in range(n):
        files[f"content/a{i:03d}.md"] = (
            f"---\ntitle: Article {i} {word}\npublished: 2024-0{1 + i % 9}-1{i % 10}\n---\n"
            f"The council {word} the plan on Monday, officials said. It was first proposed "
            f"in March 2021 and debated again in {2000 + i % 20}.\n"
        )
    return files


def build(root: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "sitegen", "build", "--site", str(root), "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_kill_9_during_build_leaves_a_whole_site(tmp_path: Path) -> None:
    root = write_files(tmp_path / "site", site_files(150, "approved"))
    assert build(root).wait(timeout=120) == 0
    old = snapshot(root / "output")
    write_files(root, site_files(150, "rejected"))
    # Measure how long the second build takes, then kill copies of it at points spread over it.
    probe = tmp_path / "probe"
    write_files(probe, site_files(150, "approved"))
    assert build(probe).wait(timeout=120) == 0
    write_files(probe, site_files(150, "rejected"))
    start = time.perf_counter()
    assert build(probe).wait(timeout=120) == 0
    duration = time.perf_counter() - start
    new = snapshot(probe / "output")
    for fraction in (0.3, 0.5, 0.7, 0.85, 0.95):
        proc = build(root)
        time.sleep(duration * fraction)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        now = snapshot(root / "output")
        assert now in (old, new), f"output/ is a mix after SIGKILL at {fraction:.0%} of the build"
    assert build(root).wait(timeout=120) == 0
    assert snapshot(root / "output") == new
