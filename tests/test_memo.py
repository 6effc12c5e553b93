"""The dev server's memory (sitegen/memo.py): reusing views and pages between builds must never
change what is built. Each edit below is built twice, incrementally by one long-lived state
(as `sitegen serve` does) and from scratch, and every output file must be byte-identical."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest
from sitefiles import ARTICLE, EVENT, write_files

from sitegen.build import build
from sitegen.config import Config, load_config
from sitegen.errors import SitegenError
from sitegen.extract.clustering import Cancelled
from sitegen.incremental import SiteState
from sitegen.memo import BuildMemo, Memo
from sitegen.model import Page
from sitegen.reuse import CHUNK, chunked
from sitegen.writer import MANIFEST

SECOND = """\
---
title: Council votes on the bridge budget
published: 2024-06-20
source: The Example Courier
tags: [transport, budget]
---
The council voted on Tuesday to pay for the repairs. The bridge closed in March 2023.

Work began in 2022, the mayor said.
"""


def test_memo_reuses_values_while_inputs_are_equal() -> None:
    memo, made = Memo(), []

    def make(value: str) -> list[str]:
        made.append(value)
        return [value]

    first = memo.get("k", ("a", 1), lambda: make("x"))
    memo.finish()
    assert memo.get("k", ("a", 1), lambda: make("y")) is first  # equal inputs: not computed
    memo.finish()
    again = memo.get("k", ("b", 1), lambda: make("x"))  # computed, equal: the old object
    assert again is first and made == ["x", "x"]
    memo.finish()
    assert memo.get("k", ("c", 1), lambda: make("z")) == ["z"]


def test_memo_forgets_unused_keys_and_survives_an_abandoned_build() -> None:
    memo = Memo()
    memo.get("gone", 1, lambda: "old")
    memo.get("kept", 1, lambda: "kept")
    memo.finish()
    memo.get("kept", 1, lambda: "new")
    memo.abandon()  # a failed build: the last finished build's values stay
    assert memo.get("gone", 1, lambda: "recomputed") == "old"
    memo.finish()  # this build did not ask for "kept"
    assert memo.get("kept", 1, lambda: "recomputed") == "recomputed"


def test_new_generation_forgets_everything() -> None:
    memo = BuildMemo()
    memo.begin("theme-1")
    memo.pages.get("index.html", 1, lambda: "page")
    memo.finish()
    assert memo.filled
    memo.begin("theme-2")
    assert not memo.filled
    assert memo.pages.get("index.html", 1, lambda: "again") == "again"


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".sitegen")
    }


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _served(
    root: Path, extra: dict[str, str] | None = None, patching: bool = False
) -> tuple[Config, SiteState]:
    """The fixture site under ``root``, built once by a state kept as `sitegen serve` keeps it."""
    files = {
        "content/bridge.md": ARTICLE,
        "content/council.md": SECOND,
        "content/events/bridge-closes.md": EVENT,
        **(extra or {}),
    }
    config = load_config(write_files(root, files))
    state = SiteState(config, None, prune=False)
    state.memo = BuildMemo()
    state.memo.patching = patching
    build(config, state=state, in_place=True)
    return config, state


def _same_as_scratch(config: Config, tmp_path: Path) -> None:
    scratch = tmp_path / "scratch"
    build(replace(config, output_dir=scratch), cache=False)
    assert _tree(config.output_dir) == _tree(scratch)


EDITS = [
    ("append a sentence", "content/council.md", "the mayor said.", "the mayor said. Hi."),
    ("date put first", "content/council.md", "The council", "Yesterday the council"),
    ("shift every offset", "content/council.md", "The council", "Residents waited. The council"),
    ("new date", "content/bridge.md", "on Friday", "on 3 May 2024"),
    ("title", "content/bridge.md", "title: Bridge reopens", "title: Bridge opens again"),
    ("tags", "content/council.md", "tags: [transport, budget]", "tags: [roads]"),
    ("published", "content/council.md", "published: 2024-06-20", "published: 2024-06-01"),
    ("curated event", "content/events/bridge-closes.md", "date: 2023-03", "date: 2023-04"),
    ("template", "templates/event.html", "", ""),
    ("stylesheet", "templates/static/style.css", "", ""),
]


@pytest.mark.parametrize("what, name, old, new", EDITS, ids=[e[0] for e in EDITS])
def test_incremental_build_equals_a_build_from_scratch(
    tmp_path: Path, what: str, name: str, old: str, new: str
) -> None:
    config, state = _served(tmp_path / "site")
    root = config.root
    if name.startswith("templates/"):
        theme = (
            '{% extends "!theme/event.html" %}{% block content %}<p>custom</p>'
            "{{ super() }}{% endblock %}"
            if name.endswith(".html")
            else "body { color: #123456; }\n"
        )
        write_files(root, {name: theme})
    else:
        _edit(root, name, old, new)
    result = build(config, state=state, changed={root / name}, in_place=True)
    _same_as_scratch(config, tmp_path)
    rendered, asked = state.memo.rendered
    if what == "stylesheet":
        assert result.written == ["static/style.css"] and rendered == 0
    elif what == "template":
        assert rendered == asked  # a template change renders every page again
    else:
        assert 0 < rendered < asked  # some pages were reused, some were not


def test_a_theme_listing_bodies_sees_every_body_change(tmp_path: Path) -> None:
    """The default theme lists no article bodies, so a body change leaves the list pages
    alone; a theme that lists them gets its list pages rendered again."""
    listing = (
        '{% extends "!theme/articles.html" %}{% block content %}'
        "{% for a in articles %}{{ a.body_html }}{% endfor %}{% endblock %}"
    )
    config, state = _served(tmp_path / "site", {"templates/articles.html": listing})
    root = config.root
    _edit(root, "content/council.md", "the mayor said.\n", "the mayor said.\n\nA quiet smile.\n")
    result = build(config, state=state, changed={root / "content/council.md"}, in_place=True)
    assert "articles/index.html" in result.written
    listed = (config.output_dir / "articles/index.html").read_text(encoding="utf-8")
    assert "quiet smile" in listed


def test_a_failed_build_leaves_nothing_half_remembered(tmp_path: Path) -> None:
    """A build that fails half-way (here a template that fails on one title) must not leave
    the memory believing it saw what it never finished: the next build equals a fresh one."""
    template = (
        '{% extends "!theme/article.html" %}{% block content %}'
        "{% if 'BOOM' in article.title %}{{ no_such_value }}{% endif %}"
        "{{ super() }}{% endblock %}"
    )
    config, state = _served(tmp_path / "site", {"templates/article.html": template})
    root = config.root
    council, bridge = root / "content/council.md", root / "content/bridge.md"
    _edit(root, "content/council.md", "title: Council votes", "title: Council decides")
    _edit(root, "content/bridge.md", "Bridge reopens", "BOOM")
    with pytest.raises(SitegenError):
        build(config, state=state, changed={council, bridge}, in_place=True)
    _edit(root, "content/bridge.md", "BOOM", "Bridge reopens")  # council.md stays as it failed
    build(config, state=state, changed={bridge}, in_place=True)
    _same_as_scratch(config, tmp_path)


def test_kept_items_last_until_the_feed_is_made_again_and_a_failed_making_keeps_them() -> None:
    from sitegen.reuse import Kept

    made: list[str] = []

    def item(name: str) -> str:
        made.append(name)
        return name.upper()

    kept = Kept()
    with kept.making():
        assert kept.get("a", 1, lambda: item("a")) == "A"
        kept.get("b", 1, lambda: item("b"))
    with kept.making():  # b is no longer in the feed
        assert kept.get("a", 1, lambda: item("a")) == "A"
    assert made == ["a", "b"]
    with pytest.raises(RuntimeError), kept.making():
        kept.get("a", 2, lambda: item("a"))  # changed inputs: made again...
        raise RuntimeError("the feed failed half-way")
    with kept.making():
        kept.get("a", 1, lambda: item("a"))  # ...but the failed making kept the old item
        kept.get("b", 1, lambda: item("b"))  # dropped by the second making
    assert made == ["a", "b", "a", "b"]
    with kept.making(version="new titles"):
        kept.get("a", 1, lambda: item("a"))
    assert made[-1] == "a" and len(made) == 5


PATCHED = [
    ("new date", "content/bridge.md", "on Friday", "on 3 May 2024"),
    (
        "new dated sentence",
        "content/council.md",
        "the mayor said.",
        "the mayor said. The bridge had closed on 2 March 2023 after an inspection.",
    ),
    ("date removed", "content/council.md", "The bridge closed in March 2023.", ""),
    ("date put first", "content/council.md", "The council", "Yesterday the council"),
]


@pytest.mark.parametrize("what, name, old, new", PATCHED, ids=[e[0] for e in PATCHED])
def test_a_patched_merge_then_an_exact_build_equals_a_build_from_scratch(
    tmp_path: Path, what: str, name: str, old: str, new: str
) -> None:
    """The dev server patches the last merge for one article whose events changed (fast,
    approximate), then builds exactly once the writer pauses: that build must equal a build
    from scratch, and on a site this small the patch already does."""
    config, state = _served(tmp_path / "site", patching=True)
    assert state.memo is not None and state.memo.merge_state is not None
    root = config.root
    _edit(root, name, old, new)
    build(config, state=state, changed={root / name}, in_place=True)
    assert state.memo.unsettled  # patched, not merged from scratch
    _same_as_scratch(config, tmp_path)
    state.memo.exact = True
    result = build(config, state=state, changed=set(), in_place=True)
    assert not result.up_to_date and not state.memo.unsettled and result.written == []
    _same_as_scratch(config, tmp_path)


def _may_wait(path: str) -> bool:
    """The dev server's rule without a browser: the pages of events and articles come first."""
    return not path.startswith(("events/", "articles/")) or path == "articles/index.html"


LISTED = {"date put first", "shift every offset", "new date", "title", "tags"}
"""The edits among the first six that change what a listing page or a feed shows (events.json
gives each source's offsets)."""


@pytest.mark.parametrize("what, name, old, new", EDITS[:6], ids=[e[0] for e in EDITS[:6]])
def test_files_put_off_until_after_the_reload_come_right_after(
    tmp_path: Path, what: str, name: str, old: str, new: str
) -> None:
    """Fast render: a build writes the pages of what changed, hands back the listing pages and
    feeds as ``later``; until that runs they keep their old files, and after it the site
    equals a build from scratch."""
    config, state = _served(tmp_path / "site")
    assert state.memo is not None
    state.memo.defer = _may_wait
    root = config.root
    before = _tree(config.output_dir)
    _edit(root, name, old, new)
    result = build(config, state=state, changed={root / name}, in_place=True)
    assert result.later is not None and result.pending  # the listing pages, all of them
    assert all(_may_wait(p) for p in result.pending)
    assert not any(_may_wait(p) for p in result.written)
    now = _tree(config.output_dir)
    assert {p: now.get(p) for p in result.pending} == {p: before.get(p) for p in result.pending}
    rest = result.later()
    assert rest.later is None and all(p in result.pending or p not in before for p in rest.written)
    assert bool(rest.written) == (what in LISTED)
    _same_as_scratch(config, tmp_path)
    manifest = json.loads((config.output_dir / MANIFEST).read_text(encoding="utf-8"))
    assert manifest == sorted(_tree(config.output_dir))  # written once the last file was
    again = build(config, state=state, changed={root / name}, in_place=True)
    assert again.up_to_date


def test_a_first_build_and_a_template_change_put_nothing_off(tmp_path: Path) -> None:
    config, state = _served(tmp_path / "site")
    assert state.memo is not None
    state.memo.defer = _may_wait
    write_files(config.root, {"templates/year.html": '{% extends "!theme/year.html" %}'})
    changed = {config.root / "templates/year.html"}
    result = build(config, state=state, changed=changed, in_place=True)
    assert result.later is None and not result.pending
    _same_as_scratch(config, tmp_path)


def test_an_item_added_renders_again_only_the_runs_around_it() -> None:
    """``chunked``: runs end where an item's id says, so an item put in the middle of thousands
    makes only its own run (and the ones whose windows see it) be looked at page by page."""
    memo = BuildMemo()
    made: list[str] = []

    def pages_of(items: list[SimpleNamespace]) -> list[Page]:
        def page(k: int) -> Page:
            made.append(items[k].id)
            return Page(f"events/{items[k].id}/index.html", items[k].id.encode())

        memo.begin("g")
        pages = chunked(memo, "events", items, page)
        memo.finish()
        return pages

    items = [SimpleNamespace(id=f"e{k:05d}") for k in range(5000)]
    assert [p.data.decode() for p in pages_of(items)] == [i.id for i in items]
    made.clear()
    items.insert(2500, SimpleNamespace(id="new"))
    assert [p.data.decode() for p in pages_of(items)] == [i.id for i in items]
    assert "new" in made and len(made) <= 3 * 4 * CHUNK < len(items)
    assert pages_of([]) == []


def test_an_exact_build_called_off_at_any_point_leaves_the_patched_site_standing(
    tmp_path: Path,
) -> None:
    """The dev server calls an exact build off when a save comes (``memo.cancel`` says so):
    wherever it stops, nothing of it is kept, and the next exact build settles the site."""
    asked = 0

    def count() -> bool:
        nonlocal asked
        asked += 1
        return False

    config, state = _served(tmp_path / "site", patching=True)
    assert state.memo is not None
    _edit(config.root, *PATCHED[1][1:])
    build(config, state=state, changed={config.root / PATCHED[1][1]}, in_place=True)
    patched = _tree(config.output_dir)
    state.memo.exact, state.memo.cancel = True, count
    build(config, state=state, changed=set(), in_place=True)  # counts the questions
    assert asked >= 3 and not state.memo.unsettled

    for stop in range(1, asked + 1):
        config, state = _served(tmp_path / f"site{stop}", patching=True)
        assert state.memo is not None
        _edit(config.root, *PATCHED[1][1:])
        build(config, state=state, changed={config.root / PATCHED[1][1]}, in_place=True)
        calls = iter(range(1, asked + 1))
        state.memo.exact = True
        state.memo.cancel = lambda stop=stop, calls=calls: next(calls) == stop
        with pytest.raises(Cancelled):
            build(config, state=state, changed=set(), in_place=True)
        assert state.memo.unsettled and _tree(config.output_dir) == patched
        state.memo.cancel = None
        build(config, state=state, changed=set(), in_place=True)
        assert not state.memo.unsettled
        _same_as_scratch(config, tmp_path / f"scratch{stop}")
