"""Reading user files and checking their metadata fields: shared by articles and curated events."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sitegen.errors import ContentError, Report

# A news article is tens of kilobytes; a file this large is a dump, not an article.
MAX_FILE_BYTES = 10 * 1024 * 1024


def read_text(path: Path) -> str:
    """Decode a UTF-8 file (a leading BOM is dropped; line endings are kept as received)."""
    data = path.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        raise ContentError(
            f"is {len(data) // (1024 * 1024)} MB, more than sitegen reads",
            path=path,
            hint="split it into smaller articles",
        )
    if b"\x00" in data[:8192]:
        raise ContentError("is a binary file, not text", path=path, hint="remove it or export text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ContentError(
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            path=path,
            line=line,
            hint="re-save the file as UTF-8",
        ) from exc


def check_keys(
    meta: dict[str, Any], known: Iterable[str], path: Path, report: Report, line: int = 2
) -> None:
    """Warn about keys sitegen does not know (a typo would otherwise pass silently)."""
    known = list(known)
    for key in meta:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"known keys: {', '.join(known)}"
            problem = f"unknown key {key!r} is ignored"
            report.warn(ContentError(problem, path=path, line=line, hint=hint))


def get_str(meta: dict[str, Any], key: str, path: Path, default: str = "") -> str:
    """A string field; numbers are accepted as their text, anything else is an error."""
    value = meta.get(key, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ContentError(
            f"'{key}' must be text, not {type(value).__name__}",
            path=path,
            hint=f"write it on one line, e.g. {key}: some text",
        )
    return clean_text(str(value))


def get_list(meta: dict[str, Any], key: str, path: Path) -> list[str]:
    """A list of strings; a comma-separated string is accepted too (``tags: a, b``)."""
    value = meta.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        items: list[Any] = [part for part in value.split(",")]
    elif isinstance(value, list):
        items = value
    else:
        raise ContentError(
            f"'{key}' must be a list, not {type(value).__name__}",
            path=path,
            hint=f"write it as {key}: [first, second]",
        )
    out = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, (str, int, float)):
            raise ContentError(
                f"'{key}' must be a list of text values",
                path=path,
                hint=f"write it as {key}: [first, second]",
            )
        text = clean_text(str(item))
        if text and text not in out:
            out.append(text)
    return out


def clean_text(text: str) -> str:
    """One line of metadata: control characters removed, white space folded."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def inside_site(path: Path, root: Path, report: Report) -> bool:
    """True for a regular file whose real location is inside ``root``."""
    if not path.is_file():
        return False
    if root.resolve() not in path.resolve().parents:
        report.error(
            ContentError(
                "links to a file outside the site folder and is not read",
                path=path,
                hint="copy the file into the site instead of linking to it",
            )
        )
        return False
    return True


def claim_id(
    seen: dict[str, Path | str], item_id: str, path: Path | str, report: Report, hint: str
) -> bool:
    """Record ``item_id`` for ``path``; report and return False when another file has it."""
    if item_id in seen:
        report.error(
            ContentError(f"has the same id {item_id!r} as {seen[item_id]}", path=path, hint=hint)
        )
        return False
    seen[item_id] = path
    return True
