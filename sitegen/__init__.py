"""sitegen: a static site generator for timelines built from news articles."""

from __future__ import annotations

__version__ = "0.1.0"
