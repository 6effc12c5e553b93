"""Fingerprints of everything a build reads: each article by its bytes, the curated events, the
theme, the settings and sitegen's own code (see ``incremental.py`` for what they key).

Finding and fingerprinting is all a build with nothing to do does, so it is kept lean: files are
found with ``os.scandir`` and read once, and the dev server, which knows from its watcher which
files changed, fingerprints only those again (:func:`rescan_inputs`).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from sitegen.articles import SIDECAR_SUFFIXES, find_article_files, sidecar_for
from sitegen.cache import code_fingerprint
from sitegen.config import Config
from sitegen.errors import Report
from sitegen.fields import inside_site
from sitegen.theme_dirs import theme_dirs

Signature = tuple[tuple[int, int, int, int] | None, ...]
"""(size, mtime, ctime, inode) of an article file and of each of its possible sidecars."""
RACY_NS = 2_000_000_000


def digest(*parts: bytes | str) -> str:
    """A hex digest of ``parts`` (each length-prefixed: no two splits collide)."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))  # lengths first: no two splits collide
        h.update(data)
    return h.hexdigest()


def _file_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b"\0unreadable"  # reading it again reports why


def _tree_digest(roots: list[Path], pattern: str = "*", skip: str | None = None) -> str:
    """The files under ``roots`` (but their top folder ``skip``), by name and bytes."""
    parts: list[bytes | str] = []
    for root in roots:
        files = sorted(root.rglob(pattern)) if root.is_dir() else []
        for path in files:
            rel = path.relative_to(root)
            if (
                path.is_file()
                and rel.parts[0] != skip
                and not any(p.startswith(".") or p == "__pycache__" for p in rel.parts)
            ):
                parts += [str(path), _file_bytes(path)]
    return digest(*parts)


@dataclass
class Inputs:
    """Fingerprints of everything one build reads."""

    articles: dict[str, str]
    """Article path -> fingerprint of its bytes, its sidecar's and the zone."""
    curated: str
    """All curated event files together."""
    settings: str
    """The settings, the theme's files and sitegen's code."""
    report: Report = field(default_factory=Report)
    """Problems met while looking for the files (links out of the site)."""
    signatures: dict[str, Signature] = field(default_factory=dict)
    """Article path -> what stat said of it (and of its sidecars) when it was fingerprinted."""
    scanned_ns: int = 0
    """When the files were looked at (to tell a file changed since from one changed just then)."""
    templates: str = ""
    """The part of ``settings`` every page depends on: all but the theme's static files (a
    stylesheet change alone renders no page again)."""

    def fingerprint(self) -> str:
        """One digest of all the inputs: equal for two builds that would read the same."""
        return self._fingerprint

    @cached_property
    def _fingerprint(self) -> str:  # once: an Inputs is never changed after it is made
        # One part for all the articles (paths hold no NUL, digests are hex): hashing thousands
        # of length-prefixed parts took milliseconds of every save at 5,000 articles.
        listed = "\0".join(f"{path}={digest}" for path, digest in self.articles.items())
        return digest(self.curated, self.settings, listed)


def find_articles(config: Config, report: Report) -> list[Path]:
    """:func:`~sitegen.articles.find_article_files`, the same files, ten times faster.

    A no-op build of a large site spends most of its time finding files, and pathlib resolves
    every path to refuse links out of the site; a file that is not a link and was found without
    following links is inside the site anyway, so only links are checked (by the same
    ``inside_site``). When a folder itself is a link, the original does the work.
    """
    return [Path(p) for p in _find(config, report)]


def _find(config: Config, report: Report) -> list[str]:
    # Strings, not Paths, sorted as Paths sort (by parts): at thousands of files pathlib is the
    # slow part of a build with nothing to do.
    root, content, seeds = config.root, config.content_dir, config.seeds_dir
    tops = [d for d in (content, seeds) if d.is_dir()]
    if any(d.is_symlink() or root.resolve() not in d.resolve().parents for d in tops):
        return [str(p) for p in find_article_files(content, seeds, config.events_dir, root, report)]
    found: list[tuple[str, bool]] = []
    if content.is_dir():
        found += _walk(content, lambda name: name.endswith(".md"), str(config.events_dir))
    if seeds.is_dir():
        found += _walk(seeds, lambda name: os.path.splitext(name)[1] in (".md", ".txt"), None)
    kept = {p for p, link in found if not link or inside_site(Path(p), root, report)}
    return sorted(kept, key=lambda p: p.split(os.sep))


def _walk(top: Path, wanted: Callable[[str], bool], skip: str | None) -> list[tuple[str, bool]]:
    """(file, is a link) under ``top`` whose name is ``wanted``; links to folders not followed."""
    found: list[tuple[str, bool]] = []
    stack = [str(top)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.path != skip:
                        stack.append(entry.path)
                elif wanted(entry.name) and (entry.is_symlink() or entry.is_file()):
                    found.append((entry.path, entry.is_symlink()))
    return found


def scan_inputs(config: Config, previous: Inputs | None = None) -> Inputs:
    """Find and fingerprint every input, parsing none.

    An article whose file (and sidecars) stat says are as they were when ``previous`` read them
    keeps its fingerprint without being read again, as git's index does; a file changed less
    than two seconds before that reading is read anyway, since a save in the same clock tick
    could leave size and times equal.
    """
    report = Report()
    started = time.time_ns()
    paths = _find(config, report)
    settings, templates = _settings_digest(config)
    known = previous if previous is not None and previous.settings == settings else None
    articles: dict[str, str] = {}
    signatures: dict[str, Signature] = {}
    for path in paths:
        signature = signatures[path] = _signature(path)
        old = known.articles.get(path) if known else None
        if old and known and _settled(signature, known) and known.signatures.get(path) == signature:
            articles[path] = old
        else:
            articles[path] = _article_digest(path, config.timezone)
    curated = _tree_digest([config.events_dir], "*.md")
    return Inputs(articles, curated, settings, report, signatures, started, templates)


def _signature(path: str) -> Signature:
    paths = [path]
    stem, suffix = os.path.splitext(path)
    if suffix == ".txt":
        paths += [stem + sidecar for sidecar in SIDECAR_SUFFIXES]
    found: list[tuple[int, int, int, int] | None] = []
    for each in paths:
        try:
            stat = os.stat(each)
        except OSError:
            found.append(None)
            continue
        found.append((stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino))
    return tuple(found)


def _settled(signature: Signature, previous: Inputs) -> bool:
    recent = previous.scanned_ns - RACY_NS
    return all(s is None or (s[1] < recent and s[2] < recent) for s in signature)


def _settings_digest(config: Config) -> tuple[str, str]:
    """(settings: the config, sitegen's code and the theme's files; templates: the same but
    the theme's static files)."""
    dirs = theme_dirs(config)
    templates = digest(repr(config), code_fingerprint(), _tree_digest(dirs, skip="static"))
    return digest(templates, _tree_digest([d / "static" for d in dirs])), templates


def rescan_inputs(config: Config, previous: Inputs, changed: set[Path]) -> Inputs:
    """:func:`scan_inputs` when only ``changed`` files can differ from ``previous`` (the dev
    server's watcher says which): edited articles are fingerprinted again, not the others.
    A file that appeared or vanished, or anything unexpected, means a full scan."""
    articles, signatures = dict(previous.articles), dict(previous.signatures)
    curated, settings, templates = previous.curated, previous.settings, previous.templates
    for path in changed:
        article = str(path.with_suffix(".txt") if path.suffix in SIDECAR_SUFFIXES else path)
        if article in articles and path.is_file():
            signatures[article] = _signature(article)
            articles[article] = _article_digest(article, config.timezone)
        elif config.events_dir in path.parents:
            curated = _tree_digest([config.events_dir], "*.md")
        elif config.templates_dir in path.parents:
            settings, templates = _settings_digest(config)
        else:
            return scan_inputs(config)
    return Inputs(
        articles, curated, settings, previous.report, signatures, previous.scanned_ns, templates
    )


def _article_digest(name: str, zone: str) -> str:
    path = Path(name)
    parts: list[bytes | str] = [name, zone, _file_bytes(path)]
    sidecar = sidecar_for(path) if path.suffix == ".txt" else None
    if sidecar is not None:
        parts += [str(sidecar), _file_bytes(sidecar)]
    return digest(*parts)
