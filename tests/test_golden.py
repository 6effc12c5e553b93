"""The demo site, built fresh, equals the committed golden copy file by file.

Regenerate after an intended change: `.venv/bin/python tests/regen_golden.py`, then review the diff.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from regen_golden import GOLDEN, build_demo

HINT = "if the change is intended: .venv/bin/python tests/regen_golden.py and review git diff"


def files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_demo_matches_golden(tmp_path: Path) -> None:
    out = tmp_path / "output"
    build_demo(out)
    assert files(out) == files(GOLDEN), HINT
    for name in sorted(files(GOLDEN)):
        new, old = (out / name).read_bytes(), (GOLDEN / name).read_bytes()
        if new != old:
            diff = difflib.unified_diff(
                old.decode(errors="replace").splitlines(),
                new.decode(errors="replace").splitlines(),
                "golden/" + name,
                "built/" + name,
                lineterm="",
                n=1,
            )
            raise AssertionError(f"{name} differs ({HINT}):\n" + "\n".join(list(diff)[:40]))
