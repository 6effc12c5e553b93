"""What a build puts off until after the dev server's reload message (its fast render, as
``hugo server`` does): the pages of what changed are written first and the browsers told; the
pages that only list or count it, and the feeds, are made right after.

Two ways to put off: one page at a time (``memo.Deferring`` hands out an empty page and queues
its making here), or the whole listing part of the site at once (:meth:`Later.now_or_later`),
whose paths are those it made last time. :meth:`Later.make` makes all of it before the build
ends. ``sitegen build`` never puts anything off (no ``defer``).
"""

from __future__ import annotations

from collections.abc import Callable

from sitegen.model import Page


class Later:
    """The files one build puts off (cleared by :meth:`begin`), and the paths of the listing
    pages the last finished build made."""

    def __init__(self) -> None:
        self.defer: Callable[[str], bool] | None = None
        """Which output files may wait (None: none, this build)."""
        self.pages: dict[str, tuple[Page, Callable[[], Page]]] = {}
        """Pages handed out empty, by path, with what makes them."""
        self._all: list[Callable[[], list[Page]]] = []
        self._listed: list[str] = []
        self._listed_next: list[str] = []

    def begin(self, defer: Callable[[str], bool] | None) -> None:
        self.defer = defer
        self.pages.clear()
        self._all.clear()

    def put_off(self, page: Page, make: Callable[[], Page]) -> None:
        self.pages[page.path] = (page, make)

    def now_or_later(self, make: Callable[[], list[Page]]) -> list[Page]:
        """``make()``, the listing pages and feeds; or, when every file it made last time may
        wait, nothing yet: :meth:`make` will make them (their old files stay meanwhile)."""
        defer = self.defer
        if defer is None or not self._listed or not all(map(defer, self._listed)):
            made = make()
            self._listed_next = [page.path for page in made]
            return made
        self._all.append(make)
        return []

    def paths(self) -> set[str]:
        """The files this build put off."""
        return set(self.pages) | (set(self._listed) if self._all else set())

    def make(self) -> list[Page]:
        """Make what this build put off: the pages handed out empty are filled in; the pages
        of a :meth:`now_or_later` put off are returned."""
        self.defer = None  # the rest of this build is made now
        for page, make in self.pages.values():
            page.data = make().data
        self.pages.clear()
        made: list[Page] = []
        for make_all in self._all:
            listed = make_all()
            self._listed_next = [page.path for page in listed]
            made += listed
        self._all.clear()
        return made

    def finish(self) -> None:
        """The build succeeded: its listing pages are the ones to put off next time."""
        self._listed = self._listed_next
