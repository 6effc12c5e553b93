"""Regenerate tests/golden/ from the demo site: `.venv/bin/python tests/regen_golden.py`.

Review `git diff tests/golden` before committing: every changed line is a change users will see.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden"
sys.path.insert(0, str(REPO))

from sitegen.build import build  # noqa: E402
from sitegen.config import load_config  # noqa: E402
from sitegen.writer import MANIFEST  # noqa: E402


def build_demo(output: Path) -> None:
    """Build the repository's demo site into ``output`` with the default base URL."""
    build(load_config(REPO, {"output_dir": str(output), "base_url": "/"}), force=True)
    (output / MANIFEST).unlink()


def main() -> None:
    if GOLDEN.exists():
        shutil.rmtree(GOLDEN)
    build_demo(GOLDEN)
    count = sum(1 for p in GOLDEN.rglob("*") if p.is_file())
    print(f"wrote {count} files to {GOLDEN.relative_to(REPO)}; review with: git diff tests/golden")


if __name__ == "__main__":
    main()
