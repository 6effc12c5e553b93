"""The command line on real fixture sites: exit codes, messages, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen import __version__
from sitegen.cli import main


def run(*args: str | Path) -> tuple[int, str, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "sitegen", *map(str, args)], capture_output=True, text=True
    )
    return proc.returncode, proc.stdout, proc.stderr


def test_version_and_help() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.strip() == f"sitegen {__version__}"
    for command in ("build", "check", "new", "tag"):
        code, out, _ = run(command, "--help")
        assert code == 0 and "usage: sitegen " + command in out


def test_build_then_check_under_subpath(make_site, capsys) -> None:
    root = make_site()
    assert main(["build", "--site", str(root), "--base-url", "https://example.org/sub/"]) == 0
    summary = capsys.readouterr().out
    assert "1 articles" in summary and "files written" in summary
    index = (root / "output" / "index.html").read_text(encoding="utf-8")
    assert 'href="/sub/' in index
    assert main(["check", "--site", str(root), "--base-url", "https://example.org/sub/"]) == 0


def test_check_names_broken_link(make_site, capsys) -> None:
    root = make_site()
    assert main(["build", "--site", str(root)]) == 0
    page = root / "output" / "index.html"
    page.write_text(page.read_text().replace("</main>", '<a href="/nowhere/">x</a></main>'))
    capsys.readouterr()
    assert main(["check", "--site", str(root)]) == 1
    assert "/nowhere/" in capsys.readouterr().out


def test_bad_article_is_skipped_and_named(make_site) -> None:
    root = make_site()
    (root / "content" / "broken.md").write_text("---\ntitle: x\n", encoding="utf-8")
    code, out, err = run("build", "--site", root)
    assert code == 1
    assert "broken.md:1: the front matter block is not closed" in err
    assert "Traceback" not in err
    assert (root / "output" / "articles" / "bridge" / "index.html").exists()


def test_strict_fails_and_keeps_previous_output(make_site) -> None:
    root = make_site()
    assert run("build", "--site", root)[0] == 0
    before = (root / "output" / "index.html").read_bytes()
    (root / "content" / "broken.md").write_text("---\ntitle: x\n", encoding="utf-8")
    (root / "content" / "bridge.md").write_text(
        (root / "content" / "bridge.md").read_text().replace("Bridge reopens", "Changed")
    )
    code, _, err = run("build", "--site", root, "--strict")
    assert code == 2 and "--strict" in err and "Traceback" not in err
    assert (root / "output" / "index.html").read_bytes() == before


def test_config_error_is_one_message(make_site) -> None:
    root = make_site()
    (root / "sitegen.toml").write_text('titel = "x"\n', encoding="utf-8")
    code, _, err = run("build", "--site", root)
    assert code == 2 and "sitegen.toml: unknown key 'titel'" in err and "Traceback" not in err


def test_template_error_names_template(make_site) -> None:
    root = make_site()
    (root / "templates").mkdir()
    (root / "templates" / "404.html").write_text("{% block x %}\n{{ nope.missing }}\n")
    code, _, err = run("build", "--site", root)
    assert code == 2 and "404.html" in err and "Traceback" not in err
    assert not (root / "output").exists()


def test_new_site_builds(tmp_path: Path) -> None:
    site = tmp_path / "mysite"
    assert run("new", site)[0] == 0
    code, out, err = run("build", "--site", site)
    assert code == 0, err
    events = json.loads((site / "output" / "events.json").read_text(encoding="utf-8"))["events"]
    assert any(e["id"] == "2023-03--bridge-closes" for e in events)
    assert run("new", site)[0] == 2  # refuses a non-empty folder


def test_tag_json_keys(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("The talks ended in March 2022.", encoding="utf-8")
    code, out, err = run("tag", text, "--dct", "2024-12-19", "--json")
    assert code == 0, err
    found = json.loads(out)
    assert found and set(found[0]) == {"start", "end", "text", "type", "value", "mod"}
    assert found[0]["value"] == "2022-03"


@pytest.mark.parametrize("args", [("tag", "missing.txt"), ("tag", "-", "--dct", "19/12/2024")])
def test_tag_errors_are_clean(args: tuple[str, ...]) -> None:
    code, _, err = run(*args)
    assert code == 2 and err.startswith("error:") and "Traceback" not in err
