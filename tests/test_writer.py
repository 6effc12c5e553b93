from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.errors import WriteError
from sitegen.model import Page
from sitegen.outputs import update_output
from sitegen.writer import MANIFEST, write_site


def pages(**files: str) -> list[Page]:
    return [Page(name.replace("__", "/"), text.encode()) for name, text in files.items()]


def test_writes_and_replaces_whole_site(tmp_path: Path) -> None:
    out = tmp_path / "output"
    write_site(pages(index_html="one", old_html="old"), out)
    write_site([Page("index.html", b"two"), Page("a/b/index.html", b"b")], out)
    assert (out / "index.html").read_bytes() == b"two"
    assert (out / "a/b/index.html").exists() and not (out / "old_html").exists()
    assert not list(tmp_path.glob("output.*"))


@pytest.mark.parametrize("bad", ["../x.html", "/etc/passwd", "a/../../x", "a\\b", "", "./x"])
def test_refuses_paths_escaping_output(tmp_path: Path, bad: str) -> None:
    with pytest.raises(WriteError, match="escape"):
        write_site([Page(bad, b"x")], tmp_path / "output")


def test_refuses_two_pages_with_one_path(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="same output path"):
        write_site([Page("a/index.html", b"1"), Page("A/index.html", b"2")], tmp_path / "out")


def test_failed_build_leaves_previous_site(tmp_path: Path) -> None:
    out = tmp_path / "output"
    write_site([Page("index.html", b"good")], out)
    with pytest.raises(WriteError):
        write_site([Page("index.html", b"new"), Page("../evil", b"x")], out)
    assert (out / "index.html").read_bytes() == b"good"


def test_refuses_folder_with_foreign_files_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "output"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"precious")
    with pytest.raises(WriteError, match="did not make"):
        write_site([Page("index.html", b"x")], out)
    assert (out / "thesis.docx").read_bytes() == b"precious"
    write_site([Page("index.html", b"x")], out, force=True)
    assert (out / MANIFEST).exists() and not (out / "thesis.docx").exists()


def test_recovers_from_swap_killed_half_way(tmp_path: Path) -> None:
    out = tmp_path / "output"
    write_site([Page("index.html", b"good")], out)
    out.rename(tmp_path / "output.old")  # as if killed between the two renames
    write_site([Page("index.html", b"next")], out)
    assert (out / "index.html").read_bytes() == b"next"
    assert not (tmp_path / "output.old").exists()


def test_unchanged_pages_are_linked_not_rewritten(tmp_path: Path) -> None:
    out = tmp_path / "output"
    write_site([Page("a.html", b"same"), Page("b.html", b"old")], out)
    inode = (out / "a.html").stat().st_ino
    written = write_site(
        [Page("a.html", b"same"), Page("b.html", b"new")],
        out,
        unchanged=lambda page: page.path == "a.html",
    )
    assert written == 1
    assert (out / "a.html").stat().st_ino == inode and (out / "a.html").read_bytes() == b"same"
    assert (out / "b.html").read_bytes() == b"new"


def test_writing_in_place_checks_the_new_paths_against_the_old_ones(tmp_path: Path) -> None:
    """In place (the dev server), only paths new since the last write are checked, against
    each other and against the others, case-insensitively; a refused write changes nothing."""
    out = tmp_path / "output"
    first = [Page("a/index.html", b"1"), Page("b/index.html", b"2")]
    _, outputs = update_output(first, out, None)
    for bad, match in [("A/index.html", "same output path"), ("../x.html", "escape")]:
        with pytest.raises(WriteError, match=match):
            update_output([*first, Page(bad, b"3")], out, outputs, in_place=True, trust=True)
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "a", "b"]
    written, _ = update_output(
        [*first, Page("c/index.html", b"3")], out, outputs, in_place=True, trust=True
    )
    assert written == ["c/index.html"] and (out / "c/index.html").read_bytes() == b"3"
