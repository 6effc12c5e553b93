"""The bad-input fixture set: what users feed us, and what each must do.

Each case adds one bad file to a small good site and builds it through the CLI. The expected
behaviour: one message naming the file (and line where it applies) with what to do, no traceback,
and the good article still built.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sitegen.cli import main

GOOD = "content/bridge.md"


def fm(meta: str, body: str = "Body text.\n") -> str:
    return f"---\n{meta}---\n{body}"


# name -> (files to add, expected exit code, fragments of stderr, built article ids)
CASES: dict[str, tuple[dict[str, str | bytes], int, list[str], set[str]]] = {
    "non-utf8": (
        {"content/a.md": b"---\ntitle: A\npublished: 2024-01-01\n---\ncaf\xe9\n"},
        1,
        ["a.md:5: is not UTF-8 text", "re-save the file as UTF-8"],
        {"bridge"},
    ),
    "utf8-bom": (
        {"content/a.md": "\ufeff" + fm("title: A\npublished: 2024-01-01\n")},
        0,
        [],
        {"bridge", "a"},
    ),
    "windows-line-endings": (
        {"content/a.md": fm("title: A\npublished: 2024-01-01\n").replace("\n", "\r\n")},
        0,
        [],
        {"bridge", "a"},
    ),
    "empty-file": ({"content/a.md": ""}, 1, ["a.md:1: has no front matter"], {"bridge"}),
    "empty-body": (
        {"content/a.md": fm("title: A\npublished: 2024-01-01\n", "")},
        0,
        [],
        {"bridge", "a"},
    ),
    "binary-file": (
        {"seeds/a.txt": b"\x89PNG\r\n\x1a\n\x00\x00", "seeds/a.yaml": "published: 2024-01-01\n"},
        1,
        ["a.txt: is a binary file"],
        {"bridge"},
    ),
    "huge-file": (
        {"content/a.md": fm("title: A\npublished: 2024-01-01\n", "word " * 2_200_000)},
        1,
        ["a.md: is 10 MB", "split it"],
        {"bridge"},
    ),
    "very-long-line": (
        {"content/a.md": fm("title: A\npublished: 2024-01-01\n", "On Monday it rained. " * 20000)},
        0,
        [],
        {"bridge", "a"},
    ),
    "deeply-nested-markdown": (
        {"content/a.md": fm("title: A\npublished: 2024-01-01\n", ">" * 3000 + " deep\n")},
        0,
        [],
        {"bridge", "a"},
    ),
    "unterminated-front-matter": (
        {"content/a.md": "---\ntitle: A\npublished: 2024-01-01\nBody\n"},
        1,
        ["a.md:1: the front matter block is not closed", "closing '---'"],
        {"bridge"},
    ),
    "invalid-yaml": (
        {"content/a.md": fm("title: A\npublished: [2024\n")},
        1,
        ["a.md:", "invalid YAML"],
        {"bridge"},
    ),
    "wrong-types": (
        {"content/a.md": fm("title: A\npublished: 2024-01-01\ntags: {a: 1}\n")},
        1,
        ["a.md: 'tags' must be a list"],
        {"bridge"},
    ),
    "unknown-key": (
        {"content/a.md": fm("title: A\npublished: 2024-01-01\nauthr: B\n")},
        0,
        ["warning:", "a.md:2: unknown key 'authr'", "did you mean 'author'"],
        {"bridge", "a"},
    ),
    "impossible-date": (
        {"content/a.md": fm("title: A\npublished: 2024-02-30\n")},
        1,
        ["a.md: publication date '2024-02-30' is not a valid date"],
        {"bridge"},
    ),
    "relative-publication-date": (
        {"content/a.md": fm("title: A\npublished: yesterday\n")},
        1,
        ["a.md: publication date 'yesterday' is not a valid date", "YYYY-MM-DD"],
        {"bridge"},
    ),
    "year-1-and-9999": (
        {
            "content/a.md": fm("title: A\npublished: 0001-01-01\n", "Last year and next year.\n"),
            "content/b.md": fm("title: B\npublished: 9999-12-31\n", "Next year, tomorrow.\n"),
        },
        0,
        [],
        {"bridge", "a", "b"},
    ),
    "same-article-id": (
        {"content/x/bridge.md": fm("title: Other\npublished: 2024-01-01\n")},
        1,
        ["bridge.md: has the same id 'bridge'"],
        {"bridge"},
    ),
    "same-event-id": (
        {"content/events/2023-03-bridge-closes.md": fm("date: 2023-03\ntitle: Again\n")},
        1,
        ["has the same id '2023-03--bridge-closes'"],
        {"bridge"},
    ),
    "hostile-titles": (
        {
            "content/a.md": fm('title: "../../etc/passwd / \\u0007 bell"\npublished: 2024-01-01\n'),
            "content/b.md": fm(f"title: {'Long ' * 60}\npublished: 2024-01-01\nslug: ../..\n"),
        },
        0,
        [],
        {"bridge", "a", "untitled"},
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input(name: str, make_site, capsys) -> None:
    files, code, fragments, built = CASES[name]
    root = make_site()
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    assert main(["build", "--site", str(root)]) == code
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err
    built_ids = {p.name for p in (root / "output" / "articles").iterdir() if p.is_dir()}
    assert built_ids == built


def test_symlink_outside_site_is_not_read(make_site, tmp_path: Path, capsys) -> None:
    root = make_site()
    secret = tmp_path / "secret.md"
    secret.write_text(fm("title: Secret\npublished: 2024-01-01\n", "private notes\n"))
    os.symlink(secret, root / "content" / "link.md")
    assert main(["build", "--site", str(root)]) == 1
    assert "link.md: links to a file outside the site folder" in capsys.readouterr().err
    assert not (root / "output" / "articles" / "link").exists()


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_hostile_markup_is_escaped_everywhere(make_site) -> None:
    root = make_site()
    (root / "content" / "evil.md").write_text(
        fm(
            f"title: '{HOSTILE}'\npublished: 2024-01-01\nsource: '{HOSTILE}'\n"
            "url: 'javascript:alert(1)'\n",
            f"{HOSTILE}\n\n[click](javascript:alert(1)) </script> on Monday.\n",
        )
    )
    (root / "content" / "events" / "evil.md").write_text(
        fm(f"date: 2022\ntitle: '{HOSTILE}'\naliases: ['{HOSTILE}']\n", HOSTILE)
    )
    assert main(["build", "--site", str(root)]) == 0
    for page in (root / "output").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html, page
        assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", ""), page
        assert 'href="javascript:' not in html, page
    data = json.loads((root / "output" / "events.json").read_text(encoding="utf-8"))
    assert any(e["title"] == HOSTILE for e in data["events"])
