"""Results kept between the builds of one process (the dev server), reused when their inputs
are equal: the memory that makes a rebuild after one saved file cost what that file changed.

A :class:`Memo` maps a key (an event id, a page's route) to the inputs a value was computed
from and the value. When a build asks again with equal inputs it gets the old value without
computing it. When it must compute and the new value equals the old one, it still gets the *old
object*: later stages compare their inputs by equality, and Python stops comparing at identical
objects, so a chain of unchanged views costs a pointer comparison per stage.

Inputs must be compared by value (dataclasses, tuples, strings); nothing kept here may be
mutated after it is handed out. ``sitegen build`` starts each process with an empty memo: the
only cost there is keeping references.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeVar

from sitegen.fragments import Fragments
from sitegen.later import Later
from sitegen.model import Page
from sitegen.views import ArticleView, listing

T = TypeVar("T")


class Memo:
    """Values by key, reused while their inputs compare equal (one generation per build)."""

    def __init__(self) -> None:
        self._held: dict[Hashable, tuple[Any, Any]] = {}
        self._next: dict[Hashable, tuple[Any, Any]] = {}
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, inputs: Any, make: Callable[[], T]) -> T:
        """``make()``, or the value last computed for ``key`` from equal ``inputs``."""
        held = self._held.get(key)
        if held is not None and held[0] == inputs:
            value = held[1]
            self.hits += 1
        else:
            value = make()
            self.misses += 1
            if held is not None and held[1] == value:
                value = held[1]  # equal: hand out the old object (see the module's docstring)
        self._next[key] = (inputs, value)
        return value

    def current(self, key: Hashable) -> Any:
        """The value this build got for ``key`` (None if it did not ask yet)."""
        held = self._next.get(key)
        return None if held is None else held[1]

    def held_values(self) -> Iterable[tuple[Any, Any]]:
        """(inputs, value) of every key of the last finished build."""
        return self._held.values()

    def peek(self, key: Hashable) -> tuple[Any, Any] | None:
        """(inputs, value) of the last finished build for ``key``, without asking for it."""
        return self._held.get(key)

    def put(self, key: Hashable, inputs: Any, value: Any) -> None:
        """Remember ``value`` as made from ``inputs`` (computed some other way than ``get``)."""
        self._next[key] = (inputs, value)
        self.misses += 1

    def prime(self, key: Hashable, inputs: Any, value: Any) -> None:
        """Offer ``value`` as made from ``inputs`` before this build asks for it (computed
        ahead, by worker processes): a ``get`` with equal inputs then returns it."""
        self._held[key] = (inputs, value)

    def reuse(self, key: Hashable, held: tuple[Any, Any]) -> Any:
        """The value of ``held`` (from :meth:`peek`), carried over to the next build."""
        self._next[key] = held
        self.hits += 1
        return held[1]

    def keep(self, keys: Iterable[Hashable]) -> None:
        """Carry these keys' values over to the next build without asking for them."""
        for key in keys:
            held = self._held.get(key)
            if held is not None:
                self._next[key] = held
                self.hits += 1

    def finish(self) -> None:
        """End a build: keep what it used, forget keys it did not ask for (deleted pages)."""
        self._held, self._next = self._next, {}
        self.hits = self.misses = 0

    def abandon(self) -> None:
        """A build failed half-way: keep the last finished build's values."""
        self._next = {}
        self.hits = self.misses = 0


class Deferring(Memo):
    """A :class:`Memo` of output files that may put off making one: while ``later.defer(path)``
    says so, a file to make is handed out empty and its making left to ``later`` (see
    :mod:`sitegen.later`)."""

    def __init__(self, later: Later) -> None:
        super().__init__()
        self.later = later

    def get(self, key: Hashable, inputs: Any, make: Callable[[], T]) -> T:
        defer = self.later.defer
        if defer is None or not isinstance(key, str):
            return super().get(key, inputs, make)
        held = self._held.get(key)
        if held is not None and held[0] == inputs:
            return self.reuse(key, held)  # type: ignore[no-any-return]
        if not defer(key):
            return super().get(key, inputs, make)
        page = Page(key, b"")
        self._next[key] = (inputs, page)
        self.misses += 1
        self.later.put_off(page, make)  # type: ignore[arg-type]
        return page  # type: ignore[return-value]


class BuildMemo:
    """Everything one site's builds remember: one :class:`Memo` per stage, and the Jinja
    environment with its compiled templates (until the theme or the settings change)."""

    def __init__(self) -> None:
        self.generation: Any = None
        self.filled = False
        """A build has finished with this memo: it holds a whole site."""
        self.rendered = (0, 0)
        """(pages rendered, pages asked for) by the last finished build."""
        self.patching = False
        """Patch the last merge for one article's new events (the dev server; see
        :mod:`sitegen.merged`) instead of merging from scratch."""
        self.exact = False
        """This build merges from scratch if the last merge was patched."""
        self.cancel: Callable[[], bool] | None = None
        """Asked during a merge from scratch: True calls it off (``clustering.Cancelled``)."""
        self.defer: Callable[[str], bool] | None = None
        """Which output files may be made after the others are written (the dev server's fast
        render; see :mod:`sitegen.later`): asked only when the last build filled this memo."""
        self._reset()

    def _reset(self) -> None:
        self._environment: Any = None
        self.bodies_in_lists = True
        """Some template besides ``article.html`` may show article bodies: a changed body must
        then render the pages that list articles again (see ``render.py``)."""
        self.merge = Memo()
        self.merge_state: Any = None
        """The last merge's working state, to patch (``extract/patch.py``)."""
        self.unsettled = False
        """The last merge was patched: a merge from scratch may differ."""
        self.bodies = Memo()
        self.events = Memo()
        self.articles = Memo()
        self.views = Memo()
        self.later = Later()
        """What this build puts off until after the reload (the dev server's fast render)."""
        self.pages = Deferring(self.later)
        self.chunks = Memo()
        self.feeds = Deferring(self.later)
        self._articles: dict[str, Any] = {}
        self._articles_next: dict[str, Any] = {}
        self._derived: dict[tuple[int, Any], tuple[Any, Any]] = {}
        """(id(object), make) -> (the object, kept alive so that its id is not reused; value)."""
        self._derived_next: dict[tuple[int, Any], tuple[Any, Any]] = {}
        self.kept: dict[str, Any] = {}
        """What a stage keeps for the whole generation, by name (the feeds' items, see
        :class:`sitegen.reuse.Kept`)."""

    @property
    def exact_due(self) -> bool:
        """An exact build is asked for and the last merge was patched: there is work to do."""
        return self.exact and self.unsettled

    @property
    def environment(self) -> Any:
        """The Jinja environment of this generation (None until the renderer makes it); it
        gets its ``fragment`` global here (see :mod:`sitegen.fragments`), kept as long as it."""
        return self._environment

    @environment.setter
    def environment(self, env: Any) -> None:
        if env is not None:
            env.globals.setdefault("fragment", Fragments())
        self._environment = env

    def _memos(self) -> list[Memo]:
        return [self.merge, self.bodies, self.events, self.articles, self.views, self.pages,
                self.chunks, self.feeds]  # fmt: skip

    def changed_articles(self, articles: list[Any]) -> list[str]:
        """Ids of ``articles`` that are not the very objects the last call was given (new or
        read again); the first call of a generation names them all."""
        last = self._articles
        self._articles_next = {a.id: a for a in articles}
        return [a.id for a in articles if last.get(a.id) is not a]

    def derived(self, of: Any, make: Callable[[Any], T]) -> T:
        """``make(of)``, computed once per object ``of`` (while builds keep using it)."""
        key = (id(of), make)
        held = self._derived.get(key)
        if held is None or held[0] is not of:
            held = (of, make(of))
        self._derived_next[key] = held
        return held[1]

    def listing(self, view: ArticleView) -> tuple[Any, ...]:
        """:func:`sitegen.views.listing` of an article view, once per view object."""
        return self.derived(view, listing)

    def begin(self, generation: Any) -> None:
        """Start a build; a new ``generation`` (theme or settings changed) forgets everything."""
        if generation != self.generation:
            self._reset()
            self.filled = False
            self.generation = generation
        self._derived_next = {}
        for memo in self._memos():
            memo.abandon()
        self.later.begin(self.defer if self.filled else None)

    def _live_views(self) -> set[int]:
        """The ids of the views the next build may use again: every event and article view,
        the timeline and its years (what the default theme's fragments are made from)."""
        live = {id(held[1]) for held in self.events.held_values()}
        live.update(id(held[1]) for held in self.articles.held_values())
        timeline = self.views.peek("timeline")
        if timeline is not None:
            live.add(id(timeline[1]))
            live.update(id(year) for year in timeline[1].years)
        return live

    def finish(self) -> None:
        """The build succeeded: what it computed is what the next one starts from."""
        self.rendered = (self.pages.misses, self.pages.hits + self.pages.misses)
        self.filled = True
        if self.merge_state is not None:
            self.merge_state.dirty = False  # it is what this build merged
        self._articles, self._articles_next = self._articles_next, {}
        self.later.finish()
        self._derived, self._derived_next = self._derived_next, {}
        for memo in self._memos():
            memo.finish()
        fragments = self._environment.globals["fragment"] if self._environment else None
        if fragments is not None and fragments.due():
            fragments.prune(self._live_views())
