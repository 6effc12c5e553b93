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
the cache holds them, so an identity is never reused while its fragment is kept. A build keeps
the fragments it used and those of the build before it (:meth:`Fragments.begin`).
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

_PLAIN = (str, int, float, bool, type(None))


class Fragments:
    """The ``fragment`` global of one Jinja environment."""

    def __init__(self) -> None:
        self._new: dict[tuple[Any, ...], tuple[tuple[Any, ...], Markup]] = {}
        self._old: dict[tuple[Any, ...], tuple[tuple[Any, ...], Markup]] = {}

    def begin(self) -> None:
        """Start a build: what the last one used stays at hand, anything older is dropped."""
        self._old, self._new = self._new, {}

    def __call__(self, macro: Any, *args: Any) -> Markup:
        key = (id(macro), *((type(a), a) if isinstance(a, _PLAIN) else id(a) for a in args))
        held = self._new.get(key)
        if held is None:
            held = self._old.get(key)
            if held is None:
                held = ((macro, *args), Markup(macro(*args)))
            self._new[key] = held
        return held[1]
