"""Fixture site files shared by the root tests (a module of its own: ``from conftest import``
would find another folder's conftest.py when the whole suite runs)."""

from __future__ import annotations

from pathlib import Path

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
