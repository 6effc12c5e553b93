"""Where templates are looked up: the site's own templates/ first, the packaged theme second."""

from __future__ import annotations

from pathlib import Path

import sitegen.theme
from sitegen.config import Config


def default_theme_dir() -> Path:
    """The packaged default theme (the repository's top-level ``templates/``)."""
    return Path(sitegen.theme.__file__).resolve().parent


def theme_dirs(config: Config) -> list[Path]:
    """Search path for templates and static files, overrides first."""
    dirs = []
    if config.templates_dir.is_dir() and config.templates_dir.resolve() != default_theme_dir():
        dirs.append(config.templates_dir)
    dirs.append(default_theme_dir())
    return dirs
