"""Shared fixtures: small sites written from a dict into tmp_path; pinned time zone and locale."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

os.environ["TZ"] = "UTC"
os.environ["LC_ALL"] = "C.UTF-8"
if hasattr(time, "tzset"):
    time.tzset()

REPO = Path(__file__).resolve().parent.parent

ARTICLE = """\
---
title: Bridge reopens
published: 2024-06-14
source: The Example Gazette
tags: [transport]
---
The bridge reopened on Friday, the council said.
"""

EVENT = """\
---
date: 2023-03
title: Bridge closes for repairs
aliases: [bridge closed]
---
The council closed the bridge.
"""


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``{relative path: text or bytes}`` under ``root``; return root."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    """Write a fixture site from a dict; a minimal valid site when the dict is empty."""

    def make(files: dict[str, str | bytes] | None = None) -> Path:
        root = tmp_path / "site"
        base = {"content/bridge.md": ARTICLE, "content/events/bridge-closes.md": EVENT}
        return write_files(root, base if files is None else files)

    return make
