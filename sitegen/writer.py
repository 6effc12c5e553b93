"""Writing the site atomically: build into a sibling folder, then swap it in.

A failed or killed build leaves the previous output/ whole. The writer refuses two pages with one
path, any path that escapes output/, and an output folder holding files sitegen did not make.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from sitegen.errors import WriteError
from sitegen.model import Page

MANIFEST = ".sitegen-manifest.json"
_NEW_FILE = (
    os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
)


def check_page_paths(pages: list[Page], taken: set[str] | None = None) -> None:
    """Every path is relative, stays inside output/, and is used once (also not by one of the
    lower-cased paths ``taken``, checked before)."""
    seen: set[str] = set(taken or ())
    for page in pages:
        path = page.path
        parts = path.split("/")
        if (
            not path
            or path.startswith("/")
            or "\\" in path
            or "\x00" in path
            or any(part in ("..", ".", "") for part in parts)
            or path.startswith(MANIFEST)
        ):
            raise WriteError(f"refusing to write {path!r}: it would escape output/")
        key = path.lower()  # case-insensitive file systems (macOS, Windows) would collide too
        if key in seen:
            raise WriteError(
                f"two pages want the same output path {path!r}",
                hint="give one of the articles or events another slug or title",
            )
        seen.add(key)


def check_output_dir(output_dir: Path, force: bool = False) -> None:
    """Refuse to replace a folder with files sitegen did not write (unless ``force``)."""
    if not output_dir.exists() or force:
        return
    if not output_dir.is_dir():
        raise WriteError("exists and is not a folder", path=output_dir, hint="move it away")
    existing = {p.relative_to(output_dir).as_posix() for p in output_dir.rglob("*") if p.is_file()}
    if not existing:
        return
    manifest = output_dir / MANIFEST
    try:
        made = set(json.loads(manifest.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        made = set()
    foreign = sorted(existing - made - {MANIFEST})
    if foreign:
        listed = ", ".join(foreign[:3]) + (" ..." if len(foreign) > 3 else "")
        raise WriteError(
            f"holds files sitegen did not make ({listed})",
            path=output_dir,
            hint="move them away, choose another output_dir, or pass --force to replace them",
        )


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with Linux renameat2(RENAME_EXCHANGE); False if unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


def recover(output_dir: Path) -> None:
    """Undo a swap that was killed half-way: put the previous site back."""
    old = output_dir.with_name(output_dir.name + ".old")
    if old.is_dir() and not output_dir.exists():
        old.rename(output_dir)
    elif old.exists():
        shutil.rmtree(old, ignore_errors=True)


def write_site(
    pages: list[Page],
    output_dir: Path,
    force: bool = False,
    unchanged: Callable[[Page], bool] | None = None,
) -> int:
    """Write ``pages`` into a fresh folder and swap it in place of ``output_dir``.

    A page for which ``unchanged`` says True is hard-linked from the current output/ instead of
    written again (same bytes, same inode: cheap, and the previous site stays whole until the
    swap). Returns the number of files written. On any error the previous output/ is untouched.
    """
    check_page_paths(pages)
    recover(output_dir)
    check_output_dir(output_dir, force)
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = output_dir.with_name(output_dir.name + ".new")
    if staging.exists():
        shutil.rmtree(staging)
    written = 0
    # Strings and os calls, not Paths and open(): this runs for every file of a site, and the
    # file system's own work (a folder and a file made for most pages) is most of its time.
    stage, current = str(staging) + os.sep, str(output_dir) + os.sep
    try:
        made: set[str] = set()
        for page in pages:
            folder, _, _ = page.path.rpartition("/")
            if folder not in made:
                _folder(stage + folder)
                made.add(folder)
            target = stage + page.path
            if unchanged is None or not unchanged(page) or not _link(current + page.path, target):
                _write(target, page.data)
                written += 1
        manifest = sorted(page.path for page in pages)
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=0), encoding="utf-8")
        _swap_in(staging, output_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return written


def _folder(path: str) -> None:
    """``os.makedirs(path, exist_ok=True)`` without its look at the parent first (most pages
    have a folder of their own, in one that is already there)."""
    try:
        os.mkdir(path)
    except FileNotFoundError:
        os.makedirs(path, exist_ok=True)
    except FileExistsError:
        if not os.path.isdir(path):
            raise


def _write(path: str, data: bytes) -> None:
    """A new file: open, write, close (``open()`` adds a stat, a seek and a terminal check)."""
    fd = os.open(path, _NEW_FILE, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _link(source: str, target: str) -> bool:
    """Hard-link a regular file of the previous output (never a link leading elsewhere)."""
    try:
        if os.path.islink(source):
            return False
        os.link(source, target)
    except OSError:
        return False
    return True


def _swap_in(staging: Path, output_dir: Path) -> None:
    if not output_dir.exists():
        staging.rename(output_dir)
        return
    if _exchange(staging, output_dir):
        shutil.rmtree(staging)  # now holds the previous site
        return
    old = output_dir.with_name(output_dir.name + ".old")
    output_dir.rename(old)
    staging.rename(output_dir)
    shutil.rmtree(old)
