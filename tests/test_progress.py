"""The progress bar: on a terminal only, never under --quiet, and never in a log or a pipe."""

from __future__ import annotations

import io

import sitegen.progress
from sitegen.cli import main
from sitegen.progress import Progress, TerminalProgress, progress_for


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_a_bar_only_on_a_terminal_and_not_quiet() -> None:
    assert type(progress_for(io.StringIO())) is Progress
    assert type(progress_for(Terminal(), quiet=True)) is Progress
    assert isinstance(progress_for(Terminal()), TerminalProgress)


def test_the_bar_counts_and_erases_itself() -> None:
    stream = Terminal()
    with TerminalProgress(stream, delay=0).stage("extract", 10) as advance:
        advance(4)
        advance(6)
    shown = stream.getvalue()
    assert "extract:" in shown and "/10 " in shown
    assert shown.endswith(" \r")  # the line is blanked for the summary


def test_the_silent_progress_accepts_updates() -> None:
    with Progress().stage("read", 3) as advance:
        advance(3)


def test_build_is_silent_when_stderr_is_not_a_terminal(make_site, capsys, monkeypatch) -> None:
    monkeypatch.setattr(sitegen.progress, "SHOW_AFTER", 0)
    root = make_site()
    assert main(["build", "--site", str(root)]) == 0
    out, err = capsys.readouterr()
    assert err == "" and "1 articles" in out


def test_build_shows_the_bar_on_a_terminal_unless_quiet(make_site, monkeypatch) -> None:
    monkeypatch.setattr(sitegen.progress, "SHOW_AFTER", 0)
    root = make_site()
    for args, shown in ((["--quiet", "--no-cache"], False), (["--no-cache"], True)):
        terminal = Terminal()
        monkeypatch.setattr("sys.stderr", terminal)
        assert main(["build", "--site", str(root), *args]) == 0
        assert ("read" in terminal.getvalue()) is shown, terminal.getvalue()
