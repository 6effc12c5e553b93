"""Shared fixtures: small sites written from a dict into tmp_path; pinned time zone and locale."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sitefiles import ARTICLE, EVENT, write_files

os.environ["TZ"] = "UTC"
os.environ["LC_ALL"] = "C.UTF-8"
if hasattr(time, "tzset"):
    time.tzset()

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    """Write a fixture site from a dict; a minimal valid site when the dict is empty."""

    def make(files: dict[str, str | bytes] | None = None) -> Path:
        root = tmp_path / "site"
        base = {"content/bridge.md": ARTICLE, "content/events/bridge-closes.md": EVENT}
        return write_files(root, base if files is None else files)

    return make
