"""``fragment(macro, *args)``: a template macro's output, rendered once for the same view objects.

An event appears on several list pages (its year or month, the index of a short timeline, each
of its tags), and every timeline page carries the same filter controls; the default theme calls
those macros through ``fragment`` so that each is rendered once per build, and, in the dev
server, once for as long as its view objects stand (the memo hands out the same objects while
nothing changes). Page bytes are exactly those of calling the macro.

This is sound because views are never changed after they are built (see :mod:`sitegen.views`)
and macros imported without context (``{% import "_macros.html" as m %}``) see only their
arguments and the environment's globals; a theme whose macro reads anything else should call it
directly. Arguments are matched by identity (strings, numbers, booleans and None by value), and
the cache holds them, so an identity is never reused while its fragment is kept. Fragments last
as long as the views they were made from (:meth:`Fragments.prune`).
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

_PLAIN = (str, int, float, bool, type(None))


class Fragments:
    """The ``fragment`` global of one Jinja environment."""

    def __init__(self) -> None:
        self._held: dict[tuple[Any, ...], tuple[tuple[Any, ...], Markup]] = {}
        self._pruned = 0
        """How many fragments were kept by the last :meth:`prune`."""

    def __call__(self, macro: Any, *args: Any) -> Markup:
        key = (id(macro), *((type(a), a) if isinstance(a, _PLAIN) else id(a) for a in args))
        held = self._held.get(key)
        if held is None:
            held = self._held[key] = ((macro, *args), Markup(macro(*args)))
        return held[1]

    def __len__(self) -> int:
        return len(self._held)

    def due(self) -> bool:
        """Enough fragments were added since the last :meth:`prune` that they may be a tenth
        of all: a save adds a few, a build that renders everything again as many as the site
        has."""
        return len(self._held) > self._pruned * 1.1

    def prune(self, live: set[int]) -> None:
        """Forget the fragments made from an object whose ``id`` is not in ``live`` (the views
        a build still uses)."""
        self._held = {
            key: held
            for key, held in self._held.items()
            if all(id(a) in live for a in held[0][1:] if not isinstance(a, _PLAIN))
        }
        self._pruned = len(self._held)
