"""sitegen.toml: a typed schema. Every problem is collected and reported with its key and file;
unknown keys are flagged; paths resolve relative to the config file."""

from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sitegen.errors import ConfigError, ConfigErrors

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_NAME = "sitegen.toml"


@dataclass
class Config:
    """The site's settings, with paths already resolved against the site folder."""

    root: Path
    """The site folder (where sitegen.toml is, or would be)."""
    title: str = "Timeline"
    description: str = ""
    base_url: str = "/"
    """Where the site is published: ``/``, ``/repo/`` or ``https://user.github.io/repo/``.
    Always ends with ``/``."""
    language: str = "en"
    timezone: str = "UTC"
    """Zone for publication dates given without one, and for feeds."""
    content_dir: Path = field(default_factory=Path)
    seeds_dir: Path = field(default_factory=Path)
    templates_dir: Path = field(default_factory=Path)
    output_dir: Path = field(default_factory=Path)
    config_path: Path | None = None
    """The file read, or None when the site has no sitegen.toml (all defaults)."""

    @property
    def events_dir(self) -> Path:
        """Curated events live in ``content/events/``."""
        return self.content_dir / "events"

    @property
    def base_path(self) -> str:
        """The path part of base_url (``/repo/``), used for links inside the site."""
        return urlsplit(self.base_url).path or "/"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


# key in sitegen.toml -> (type, default); paths are strings in the file.
_SCHEMA: dict[str, tuple[type, Any]] = {
    "title": (str, "Timeline"),
    "description": (str, ""),
    "base_url": (str, "/"),
    "language": (str, "en"),
    "timezone": (str, "UTC"),
    "content_dir": (str, "content"),
    "seeds_dir": (str, "seeds"),
    "templates_dir": (str, "templates"),
    "output_dir": (str, "output"),
}
_PATH_KEYS = ("content_dir", "seeds_dir", "templates_dir", "output_dir")


def normalize_base_url(value: str) -> str:
    """``https://x.org/sub`` -> ``https://x.org/sub/``; ``sub`` -> ``/sub/``; ``""`` -> ``/``."""
    value = value.strip()
    parts = urlsplit(value)
    if not parts.scheme and not value.startswith("/"):
        value = "/" + value
    if not value.endswith("/"):
        value += "/"
    return value


def _check_base_url(value: str) -> str | None:
    parts = urlsplit(value)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return f"base_url must be http(s) or a path, not {parts.scheme!r}"
    if parts.scheme and not parts.netloc:
        return "base_url has a scheme but no host"
    if parts.query or parts.fragment:
        return "base_url must not have a query or fragment"
    return None


def load_config(root: Path, overrides: dict[str, Any] | None = None) -> Config:
    """Read ``root/sitegen.toml`` (optional) and apply command-line ``overrides``."""
    root = root.resolve()
    path = root / CONFIG_NAME
    data: dict[str, Any] = {}
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as exc:
            raise ConfigError("is not UTF-8 text", path=path, hint="save it as UTF-8") from exc
        except tomllib.TOMLDecodeError as exc:
            found = re.search(r"at line (\d+)", str(exc))
            line = int(found.group(1)) if found else None
            raise ConfigError(
                f"is not valid TOML: {exc}", path=path, line=line, hint="see https://toml.io"
            ) from exc
    return config_from_dict(data, root, path if path.is_file() else None, overrides or {})


def config_from_dict(
    data: dict[str, Any], root: Path, path: Path | None, overrides: dict[str, Any]
) -> Config:
    """Validate a parsed config; collect every problem before raising."""
    errors: list[ConfigError] = []
    where = path or root / CONFIG_NAME
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in _SCHEMA:
            close = difflib.get_close_matches(key, _SCHEMA, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"known keys: {', '.join(_SCHEMA)}"
            errors.append(ConfigError(f"unknown key {key!r}", path=where, hint=hint))
            continue
        kind, _ = _SCHEMA[key]
        if not isinstance(value, kind):
            errors.append(
                ConfigError(
                    f"key {key!r} must be a {kind.__name__}, not {type(value).__name__}",
                    path=where,
                    hint=f'write it as {key} = "..."',
                )
            )
            continue
        values[key] = value
    values.update({k: v for k, v in overrides.items() if v is not None})
    merged = {key: values.get(key, default) for key, (_, default) in _SCHEMA.items()}

    merged["base_url"] = normalize_base_url(merged["base_url"])
    problem = _check_base_url(merged["base_url"])
    if problem:
        errors.append(ConfigError(problem, path=where, hint="e.g. https://user.github.io/repo/"))
    try:
        ZoneInfo(merged["timezone"])
    except (ZoneInfoNotFoundError, ValueError):
        errors.append(
            ConfigError(
                f"unknown time zone {merged['timezone']!r} (key 'timezone')",
                path=where,
                hint="use an IANA name such as 'UTC' or 'Europe/London'",
            )
        )
    resolved = {key: (root / merged[key]).resolve() for key in _PATH_KEYS}
    out = resolved["output_dir"]
    if out == root or out in root.parents:
        errors.append(
            ConfigError(
                f"output_dir {merged['output_dir']!r} is the site folder or one of its parents",
                path=where,
                hint="use a folder of its own, such as 'output'",
            )
        )
    if errors:
        raise errors[0] if len(errors) == 1 else ConfigErrors(errors)
    known = {f.name for f in fields(Config)}
    plain = {k: v for k, v in merged.items() if k in known and k not in _PATH_KEYS}
    return Config(root=root, config_path=path, **plain, **resolved)
