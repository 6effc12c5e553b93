"""The render stage: view models through the theme's Jinja templates into output pages.

Pure apart from reading templates and static files: ``render_site`` returns every output file
as a :class:`~sitegen.model.Page` and writes nothing. Themes are searched in order (the site's
own ``templates/`` first, the packaged default theme last); ``!theme/<name>`` always loads the
default theme's file, so an override can ``{% extends "!theme/base.html" %}`` (Pelican).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import jinja2

from sitegen import urls
from sitegen.context import build_views
from sitegen.errors import TemplateError
from sitegen.grouping import INDEX_LIMIT
from sitegen.memo import BuildMemo, Memo
from sitegen.model import Page, Site
from sitegen.reuse import bodies_in_lists, chunked, feed_pages
from sitegen.views import PageView, Views

THEME_PREFIX = "!theme"
T = TypeVar("T")


def make_environment(theme_dirs: list[Path]) -> jinja2.Environment:
    """Jinja over ``theme_dirs`` (first wins), ``!theme/`` for the last (the default theme)."""
    dirs = [str(d) for d in theme_dirs]
    loader = jinja2.ChoiceLoader(
        [
            jinja2.PrefixLoader({THEME_PREFIX: jinja2.FileSystemLoader(dirs[-1])}, delimiter="/"),
            jinja2.FileSystemLoader(dirs),
        ]
    )
    return jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html", "htm", "xml"], default_for_string=True),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )


def _template_location(exc: BaseException) -> tuple[str | None, int]:
    """The innermost template frame of a rendering traceback (Jinja rewrites frames so that
    their file name and line are the template's)."""
    found: tuple[str | None, int] = (None, 0)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if not filename.endswith(".py") and Path(filename).is_file():
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Render one template; turn every Jinja failure into a TemplateError with file and line."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"template syntax error: {exc.message}",
            path=exc.filename or name,
            line=exc.lineno,
            hint="check the tag and its closing tag ({% ... %}, {{ ... }})",
        ) from None
    except jinja2.TemplateNotFound as exc:
        path, line = _template_location(exc)
        raise TemplateError(
            f"template {exc.name!r} not found (needed by {name!r})",
            path=path,
            line=line or None,
            hint="add it to your templates/ folder, or extend '!theme/<name>' for the default",
        ) from None
    except jinja2.UndefinedError as exc:
        path, line = _template_location(exc)
        raise TemplateError(
            f"undefined value in template {name!r}: {exc.message}",
            path=path or name,
            line=line or None,
            hint=f"available here: {', '.join(sorted(context))} (see sitegen/views.py)",
        ) from None
    except Exception as exc:  # a filter or test misused in a template (TypeError...)
        path, line = _template_location(exc)
        raise TemplateError(
            f"template {name!r} failed: {type(exc).__name__}: {exc}",
            path=path or name,
            line=line or None,
            hint="check the expression on that line",
        ) from None


def static_pages(theme_dirs: list[Path]) -> list[Page]:
    """Every file of every theme's ``static/`` folder; the first theme wins per file."""
    files: dict[str, Path] = {}
    for theme in theme_dirs:
        root = theme / "static"
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(root)
            if path.is_file() and not any(
                p.startswith(".") or p == "__pycache__" for p in rel.parts
            ):
                files.setdefault("static/" + rel.as_posix(), path)
    return [Page(name, files[name].read_bytes()) for name in sorted(files)]


def render_site(
    site: Site,
    theme_dirs: list[Path],
    index_limit: int = INDEX_LIMIT,
    memo: BuildMemo | None = None,
) -> list[Page]:
    """Every output file of ``site``, sorted by path: HTML pages, feeds and static assets.

    A timeline of more than ``index_limit`` events is split into year pages. Raises
    :class:`TemplateError` (with the template's file and line) for a broken theme. With the
    dev server's ``memo`` (which the caller begins and finishes), a page whose context equals
    the last build's is not rendered again, and the compiled templates are kept.
    """
    memo = memo or BuildMemo()
    if memo.environment is None:
        memo.environment = make_environment(theme_dirs)
        memo.bodies_in_lists = bodies_in_lists(memo.environment)
    views = build_views(site, index_limit, memo)
    render = _page_renderer(memo.environment, views, memo.pages)
    pages: list[Page] = [
        render(
            "index.html",
            urls.HOME,
            "index",
            views.site.title,
            timeline=views.timeline,
        ),
        render("404.html", urls.NOT_FOUND, "404", "Page not found"),
        render("years.html", urls.YEARS, "years", "Years", years=views.timeline.years),
        render("tags.html", urls.TAGS, "tags", "Tags", tags=views.tags),
        render(
            "articles.html",
            urls.ARTICLES,
            "articles",
            "Sources",
            articles=views.articles,
            _key=None if memo.bodies_in_lists else tuple(map(memo.listing, views.articles)),
        ),
    ]
    events, articles = views.events, views.articles

    def event_page(k: int) -> Page:
        event = events[k]
        return render(
            "event.html",
            urls.event_route(event.id),
            "event",
            event.title,
            event=event,
            previous=events[k - 1] if k else None,
            next=events[k + 1] if k + 1 < len(events) else None,
        )

    def article_page(k: int) -> Page:
        article = articles[k]
        route = urls.article_route(article.id)
        return render("article.html", route, "article", article.title, article=article)

    pages += chunked(memo, "events", events, event_page, views.site)
    pages += chunked(memo, "articles", articles, article_page, views.site)
    for year_before, year, year_after in _neighbours(views.timeline.years):
        route = urls.year_route(year.year)
        pages.append(
            render(
                "year.html",
                route,
                "year",
                year.name,
                year=year,
                previous=year_before,
                next=year_after,
                timeline=views.timeline,
            )
        )
    for year in views.timeline.years:
        for month_before, month, month_after in _neighbours(year.months if year.split else []):
            route = urls.month_route(year.year, month.month)
            pages.append(
                render(
                    "month.html",
                    route,
                    "month",
                    month.name,
                    month=month,
                    year=year,
                    previous=month_before,
                    next=month_after,
                    timeline=views.timeline,
                )
            )
    for tag in views.tags:
        pages.append(render("tag.html", urls.tag_route(tag.slug), "tag", tag.name, tag=tag))
    routes = [p.path.removesuffix("index.html") for p in pages if p.path != urls.NOT_FOUND]
    pages += feed_pages(site, views.urls, routes, memo)
    pages += static_pages(theme_dirs)
    return sorted(pages, key=lambda p: p.path)


def _neighbours(items: list[T]) -> Iterator[tuple[T | None, T, T | None]]:
    """Each item with the one before and the one after it (None at the ends)."""
    for i, item in enumerate(items):
        yield (items[i - 1] if i else None), item, (items[i + 1] if i + 1 < len(items) else None)


def _page_renderer(env: jinja2.Environment, views: Views, memo: Memo) -> Callable[..., Page]:
    def render(
        template: str, route: str, kind: str, title: str, _key: Any = None, **values: Any
    ) -> Page:
        """The page, rendered unless its context equals the last build's (``_key``: what of
        the context stands for it, when not all of it can show on the page)."""
        key = tuple(values.items()) if _key is None else _key
        inputs = (template, kind, title, views.site, key)
        path = urls.output_file(route)
        return memo.get(path, inputs, lambda: make(template, route, kind, title, values))

    def make(template: str, route: str, kind: str, title: str, values: dict[str, Any]) -> Page:
        event = values.get("event")
        description = f"{event.date}: {event.summary or event.title}" if event else ""
        page = PageView(
            kind=kind,
            title=title,
            description=description or views.site.description,
            url=views.urls.link(route),
            permalink=views.urls.absolute(route),
        )
        context = {"site": views.site, "page": page, **values}
        html = _render(env, template, context)
        return Page(urls.output_file(route), html.encode("utf-8"))

    return render
