"""Curated events: ``content/events/*.md``, written by the site's editors.

Front matter: ``date`` (2022, 2022-03 or 2022-03-29), optional ``end`` and ``modifier``,
``title``, ``aliases`` (phrases that refer to the event), ``tags``, ``sources`` (article ids or
URLs); the body is Markdown.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sitegen.dates import MODIFIERS, PartialDate, parse_partial_date
from sitegen.errors import ContentError, Report, SitegenError
from sitegen.fields import check_keys, claim_id, get_list, get_str, inside_site, read_text
from sitegen.frontmatter import split_front_matter
from sitegen.model import Event, event_id

_DATE_PREFIX = re.compile(r"^\d{4}(?:-\d{2}){0,2}[-_]")
EVENT_KEYS = ("date", "end", "modifier", "title", "aliases", "tags", "sources", "slug", "summary")


def _date_field(meta: dict[str, Any], key: str, path: Path) -> PartialDate | None:
    value = meta.get(key)
    if value is None:
        return None
    try:
        return parse_partial_date(str(value))
    except ValueError as exc:
        raise ContentError(
            f"'{key}': {exc}",
            path=path,
            hint=f"write it as {key}: 2022, {key}: 2022-03 or {key}: 2022-03-29",
        ) from exc


def event_from_meta(meta: dict[str, Any], body: str, path: Path, report: Report) -> Event:
    """Build a curated :class:`Event` from its front matter (pure apart from the report)."""
    check_keys(meta, EVENT_KEYS, path, report)
    date = _date_field(meta, "date", path)
    if date is None:
        raise ContentError(
            "has no date", path=path, hint="add 'date: 2022-03-29' (or 2022-03, or 2022)"
        )
    end = _date_field(meta, "end", path)
    if end is not None and end.last_day() < date.first_day():
        raise ContentError(f"ends ({end}) before it begins ({date})", path=path)
    modifier = get_str(meta, "modifier", path) or None
    if modifier is not None and modifier not in MODIFIERS:
        raise ContentError(
            f"unknown modifier {modifier!r}", path=path, hint=f"use one of {', '.join(MODIFIERS)}"
        )
    title = get_str(meta, "title", path)
    if not title:
        raise ContentError("has no title", path=path, hint="add 'title: What happened'")
    # Like Hugo, the file name gives the slug (without a leading date), unless 'slug:' is set.
    slug = get_str(meta, "slug", path) or _DATE_PREFIX.sub("", path.stem) or title
    return Event(
        id=event_id(date, slug),
        date=date,
        end=end,
        modifier=modifier,
        title=title,
        summary=get_str(meta, "summary", path),
        aliases=get_list(meta, "aliases", path),
        tags=get_list(meta, "tags", path),
        references=get_list(meta, "sources", path),
        body=body,
        curated=True,
        path=path,
    )


def read_curated_event(path: Path, report: Report) -> Event:
    doc = split_front_matter(read_text(path), path)
    if not doc.meta:
        raise ContentError(
            "has no front matter",
            path=path,
            line=1,
            hint="start the file with '---', 'date: 2022-03-29', 'title: ...', '---'",
        )
    return event_from_meta(doc.meta, doc.body, path, report)


def read_curated_events(events_dir: Path, root: Path, report: Report) -> list[Event]:
    """Read ``events_dir/*.md``; a bad file is reported and skipped; ids must be unique."""
    events: list[Event] = []
    seen: dict[str, Path | str] = {}
    found = events_dir.rglob("*.md") if events_dir.is_dir() else iter(())
    paths = sorted(p for p in found if inside_site(p, root, report))
    for path in paths:
        try:
            event = read_curated_event(path, report)
        except SitegenError as exc:
            report.error(exc)
            continue
        except OSError as exc:
            report.error(ContentError(f"cannot be read: {exc.strerror}", path=path))
            continue
        if claim_id(seen, event.id, path, report, "give one of them another title or a 'slug:'"):
            events.append(event)
    return events
