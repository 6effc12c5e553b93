"""Reading articles: authored Markdown with front matter, or raw text with a YAML sidecar.

A raw text (``seeds/NAME.txt``) is kept byte for byte as received; its metadata lives next to it
in ``seeds/NAME.yaml`` with the same keys as Markdown front matter.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.parser import isoparse

from sitegen.errors import ContentError, Report, SitegenError
from sitegen.fields import check_keys, claim_id, get_list, get_str, inside_site, read_text
from sitegen.frontmatter import parse_yaml, split_front_matter
from sitegen.model import Article, slugify

ARTICLE_KEYS = ("title", "published", "date", "source", "url", "author", "tags", "slug")
SIDECAR_SUFFIXES = (".yaml", ".yml")
SAME_ID_HINT = "rename one of them or give it a 'slug:'"


def parse_published(value: Any, zone: ZoneInfo, path: Path) -> dt.datetime:
    """``2024-12-19`` or ``2024-12-19T10:30:00+01:00``; a date-time without zone is in ``zone``."""
    hint = "add a line such as 'published: 2024-12-19' (or a date-time with zone)"
    if value is None or value == "":
        raise ContentError("has no publication date", path=path, hint=hint)
    text = str(value).strip()
    try:
        if len(text) < 10:
            raise ValueError("not a full date")
        parsed = isoparse(text)
    except (ValueError, OverflowError) as exc:
        raise ContentError(
            f"publication date {text!r} is not a valid date ({exc})",
            path=path,
            hint="write it as YYYY-MM-DD, e.g. 'published: 2024-12-19'",
        ) from exc
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    return parsed


def article_from_meta(
    meta: dict[str, Any], text: str, path: Path, fmt: str, zone: ZoneInfo, report: Report
) -> Article:
    """Build an :class:`Article` from parsed metadata (pure apart from the report)."""
    check_keys(meta, ARTICLE_KEYS, path, report)
    published = meta.get("published", meta.get("date"))
    slug = get_str(meta, "slug", path) or path.stem
    return Article(
        id=slugify(slug, max_length=80),
        path=path,
        title=get_str(meta, "title", path) or path.stem,
        published=parse_published(published, zone, path),
        text=text,
        format=fmt,
        source=get_str(meta, "source", path),
        url=get_str(meta, "url", path),
        author=get_str(meta, "author", path),
        tags=get_list(meta, "tags", path),
    )


def read_markdown_article(path: Path, zone: ZoneInfo, report: Report) -> Article:
    doc = split_front_matter(read_text(path), path)
    if not doc.meta:
        raise ContentError(
            "has no front matter",
            path=path,
            line=1,
            hint="start the file with '---', 'title: ...', 'published: 2024-12-19', '---'",
        )
    return article_from_meta(doc.meta, doc.body, path, "markdown", zone, report)


def sidecar_for(path: Path) -> Path | None:
    for suffix in SIDECAR_SUFFIXES:
        candidate = path.with_suffix(suffix)
        if candidate.is_file():
            return candidate
    return None


def read_text_article(path: Path, zone: ZoneInfo, report: Report) -> Article:
    sidecar = sidecar_for(path)
    if sidecar is None:
        raise ContentError(
            "has no metadata sidecar",
            path=path,
            hint=f"create {path.with_suffix('.yaml').name} next to it with "
            "'title: ...' and 'published: YYYY-MM-DD'",
        )
    meta = parse_yaml(read_text(sidecar), sidecar)
    return article_from_meta(meta, read_text(path), sidecar, "text", zone, report)


def find_article_files(
    content_dir: Path, seeds_dir: Path, events_dir: Path, root: Path, report: Report
) -> list[Path]:
    """Markdown under content/ (not content/events/) and raw texts under seeds/, sorted.

    A link to a file outside the site folder is reported and not read: a site's sources are
    its own files.
    """
    found: list[Path] = []
    if content_dir.is_dir():
        found += [p for p in content_dir.rglob("*.md") if events_dir not in p.parents]
    if seeds_dir.is_dir():
        found += [p for p in seeds_dir.rglob("*") if p.suffix in (".md", ".txt")]
    return sorted({p for p in found if inside_site(p, root, report)})


def read_article(path: Path, zone: ZoneInfo, report: Report) -> Article:
    if path.suffix == ".txt":
        return read_text_article(path, zone, report)
    return read_markdown_article(path, zone, report)


def read_articles(paths: list[Path], zone: ZoneInfo, report: Report) -> list[Article]:
    """Read every article; a bad one is reported and skipped. Ids must be unique."""
    articles: list[Article] = []
    seen: dict[str, Path | str] = {}
    for path in paths:
        try:
            article = read_article(path, zone, report)
        except SitegenError as exc:
            report.error(exc)
            continue
        except OSError as exc:
            report.error(ContentError(f"cannot be read: {exc.strerror}", path=path))
            continue
        if claim_id(seen, article.id, path, report, SAME_ID_HINT):
            articles.append(article)
    return articles
