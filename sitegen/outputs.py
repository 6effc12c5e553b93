"""Updating output/ in place: only the files whose bytes changed are written.

The full writer (``writer.write_site``) builds a fresh folder and swaps it in; after a build whose
outputs are recorded (the cache, or the dev server's memory) that is wasted work, so this module
writes changed files one by one, each atomically (temporary file, then rename), removes the
files that are gone, and rewrites the manifest last. A file changed or deleted behind sitegen's
back differs from the record and is written again. Without a record (first build, ``--no-cache``,
an output folder that is not the recorded one) it falls back to the full writer.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from sitegen.cache import atomic_write
from sitegen.errors import WriteError
from sitegen.model import Page
from sitegen.writer import MANIFEST, check_page_paths, recover, write_site


@dataclass(frozen=True)
class OutputFile:
    """What sitegen wrote at one path: the bytes' digest and the file's size and mtime."""

    digest: str
    size: int
    mtime_ns: int


def _on_disk(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def _intact(folder: str, path: str, recorded: OutputFile) -> bool:
    # os.path on strings, not Paths: this runs for every file of a site.
    return _on_disk(folder + os.sep + path) == (recorded.size, recorded.mtime_ns)


def output_intact(output_dir: Path, outputs: dict[str, OutputFile]) -> bool:
    """True when every recorded file is still there as sitegen wrote it (size and mtime)."""
    if not (output_dir / MANIFEST).is_file():
        return False
    folder = str(output_dir)
    return all(_intact(folder, path, f) for path, f in outputs.items())


def update_output(
    pages: list[Page],
    output_dir: Path,
    previous: dict[str, OutputFile] | None,
    force: bool = False,
    in_place: bool = False,
    trust: bool = False,
    pending: set[str] | frozenset[str] = frozenset(),
) -> tuple[list[str], dict[str, OutputFile]]:
    """Make ``output_dir`` hold exactly ``pages``; return (paths written, the new record).

    By default the new site is staged beside output/ and swapped in whole (unchanged files are
    hard-linked into the stage), so a build killed at any moment leaves the previous site whole.
    ``in_place`` (the dev server, where speed matters more) writes changed files one by one;
    with ``trust`` too, a file whose bytes did not change is not even looked at (the dev server
    after its first build, which looked at every file, in an output/ that is its own).
    The ``pending`` pages (in place only; their bytes are not made yet) keep their old files.
    """
    if previous is None:
        check_page_paths(pages)
    else:  # the others were checked when first written
        new = [page for page in pages if page.path not in previous]
        if new:
            check_page_paths(new, {p.path.lower() for p in pages if p.path in previous})
    recover(output_dir)
    if not writes_in_place(output_dir, previous, in_place):
        assert not pending, "only a write in place puts pages off"
        return _staged(pages, output_dir, previous or {}, force)
    outputs: dict[str, OutputFile] = {}
    written: list[str] = []
    real, folder = os.path.realpath(output_dir), str(output_dir)
    for path in pending:  # their old files stay until they are made
        if path in previous:
            outputs[path] = previous[path]
    for page in pages:
        if page.path in pending:
            continue
        old = previous.get(page.path)
        digest = page.digest
        if old is not None and old.digest == digest and (trust or _intact(folder, page.path, old)):
            outputs[page.path] = old
            continue
        target = output_dir / page.path
        if os.path.realpath(target.parent) != os.path.join(real, *page.path.split("/")[:-1]):
            raise WriteError(f"refusing to write {page.path!r}: a link in output/ leads out of it")
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, page.data)
        outputs[page.path] = _record(output_dir, page.path, digest)
        written.append(page.path)
    listed = _manifest(output_dir)
    for gone in sorted((set(previous) | listed) - set(outputs) - pending):
        if _inside(gone):
            (output_dir / gone).unlink(missing_ok=True)
            _remove_empty_parents(output_dir, output_dir / gone)
    # It lists paths: new bytes at the same paths leave it as is; with files put off, it is
    # written once they are.
    if listed != set(outputs) and not pending:
        manifest = json.dumps(sorted(outputs), indent=0).encode("utf-8")
        atomic_write(output_dir / MANIFEST, manifest)
    return written, outputs


def writes_in_place(
    output_dir: Path, previous: dict[str, OutputFile] | None, in_place: bool
) -> bool:
    """:func:`update_output` writes changed files one by one (else it stages a whole site)."""
    return previous is not None and in_place and (output_dir / MANIFEST).is_file()


def _staged(
    pages: list[Page], output_dir: Path, previous: dict[str, OutputFile], force: bool
) -> tuple[list[str], dict[str, OutputFile]]:
    digests = {page.path: page.digest for page in pages}
    folder, written = str(output_dir), []

    def unchanged(page: Page) -> bool:
        old = previous.get(page.path)
        same = old is not None and old.digest == digests[page.path]
        if not (same and old is not None and _intact(folder, page.path, old)):
            written.append(page.path)
            return False
        return True

    write_site(pages, output_dir, force=force, unchanged=unchanged)
    made = {p.path: _record(output_dir, p.path, digests[p.path]) for p in pages}
    return written, made


def _inside(path: str) -> bool:
    """A relative path that stays inside output/ (a manifest is a file anyone can edit)."""
    parts = path.split("/")
    return not (path.startswith("/") or "\\" in path or "\0" in path) and all(
        part not in ("", ".", "..") for part in parts
    )


def _manifest(output_dir: Path) -> set[str]:
    """The files the last write listed (a build without the cache may have made others)."""
    try:
        listed = json.loads((output_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {p for p in listed if isinstance(p, str)} if isinstance(listed, list) else set()


def _record(output_dir: Path, path: str, digest: str) -> OutputFile:
    stat = os.stat(output_dir / path)
    return OutputFile(digest, stat.st_size, stat.st_mtime_ns)


def _remove_empty_parents(output_dir: Path, path: Path) -> None:
    for parent in path.parents:
        if parent == output_dir or output_dir not in parent.parents:
            return
        try:
            parent.rmdir()
        except OSError:
            return  # not empty
