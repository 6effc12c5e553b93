"""The build's merge step: the whole timeline from every article's extraction, done again only
as far as the change since the last build requires (the dev server's memo keeps the last one).

- Nothing changed: the last merge.
- One article's text moved around its events (text added or removed where no event is): the
  last merge with that article's offsets moved, exactly (``extract/reoffset.py``).
- One article's events changed, in the dev server: the last merge patched for that article at
  once (``extract/patch.py``), approximate; the memo is then *unsettled* until an exact build
  (``memo.exact``), which the server runs as soon as the writer pauses, merges from scratch.
- Anything else: a merge from scratch.

A merge run again hands back each event equal to the last merge's as the old object, so that the
later stages skip it by identity.
"""

from __future__ import annotations

from typing import Any

from sitegen.memo import BuildMemo
from sitegen.model import Site


def merged(memo: BuildMemo, extractions: list[Any], site: Site) -> Any:
    """The merge of all ``extractions`` with the site's curated events (see the module)."""
    from sitegen.extract import merge
    from sitegen.extract.clustering import check
    from sitegen.extract.patch import patch, state_of
    from sitegen.extract.reoffset import moved, moved_only, reoffset, same_objects

    inputs = (tuple(extractions), tuple(site.events))
    held = memo.merge.peek("merge")
    state = memo.merge_state
    if held is not None and held[0] != inputs and held[0][1] == inputs[1] and not memo.exact:
        old = held[0][0]
        same_count = len(old) == len(inputs[0])
        changed = [i for i, (a, b) in enumerate(zip(old, inputs[0], strict=False)) if a is not b]
        if same_count and len(changed) == 1:
            a, b = old[changed[0]], inputs[0][changed[0]]
            value = None
            if moved_only(a, b):
                value = reoffset(held[1], a, b)
                if state is not None and not state.dirty:
                    state.dirty = True  # until this build finishes (memo.finish)
                    moved(state, a, b, value)
            elif memo.patching and state is not None:
                value = patch(state, b)
                if value is not None:
                    value = same_objects(held[1], value)
                    memo.unsettled = True
            if value is not None:
                memo.merge.put("merge", inputs, value)
                return value
    keep: dict[str, Any] | None = {} if memo.patching else None

    def merged_anew() -> Any:
        return merge(extractions, site.events, keep, memo.cancel)

    if memo.exact and memo.unsettled:  # the last merge was patched: merge, whatever it read
        value = merged_anew()
        check(memo.cancel)  # before anything of it is kept: the patched merge stands
        memo.merge.put("merge", inputs, value)
    else:
        value = memo.merge.get("merge", inputs, merged_anew)
    if held is not None and value is not held[1]:
        value = same_objects(held[1], value)
        memo.merge.put("merge", inputs, value)
    if keep:  # merged now: exact again, and the state to patch next
        memo.merge_state = state_of(keep, extractions, site.events, value)
        memo.merge_state.dirty = True
        memo.unsettled = False
    return value
