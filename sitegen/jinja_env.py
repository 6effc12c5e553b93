"""The theme's Jinja environment, one template rendered with its failures told as the user's
file and line, and the theme's static files.

Themes are searched in order (the site's own ``templates/`` first, the packaged default theme
last); ``!theme/<name>`` always loads the default theme's file, so an override can
``{% extends "!theme/base.html" %}`` (Pelican).
"""

from __future__ import annotations

from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from sitegen.errors import TemplateError
from sitegen.model import Page

THEME_PREFIX = "!theme"


try:  # MarkupSafe's own escaping of a str, in C; not public (markupsafe 3)
    from markupsafe._speedups import _escape_inner
except ImportError:  # pragma: no cover - another MarkupSafe

    def _escape_inner(s: str, /) -> str:
        return str(escape(s))


def _escape(value: Any) -> Markup:
    """``markupsafe.escape``, without its ``Markup(...)`` in Python for a plain string (half of
    its time): the templates escape about a million values in a build of 5,000 articles."""
    if type(value) is str:
        return str.__new__(Markup, _escape_inner(value))
    return escape(value)


class _Template(jinja2.Template):
    """A template whose ``{{ value }}`` escapes with :func:`_escape` (same text)."""

    @classmethod
    def _from_namespace(
        cls,
        environment: jinja2.Environment,
        namespace: MutableMapping[str, Any],
        globals: MutableMapping[str, Any],
    ) -> jinja2.Template:
        # The compiled template's functions find escape() in this namespace, their globals.
        namespace["escape"] = _escape
        return super()._from_namespace(environment, namespace, globals)


def make_environment(theme_dirs: list[Path]) -> jinja2.Environment:
    """Jinja over ``theme_dirs`` (first wins), ``!theme/`` for the last (the default theme)."""
    dirs = [str(d) for d in theme_dirs]
    loader = jinja2.ChoiceLoader(
        [
            jinja2.PrefixLoader({THEME_PREFIX: jinja2.FileSystemLoader(dirs[-1])}, delimiter="/"),
            jinja2.FileSystemLoader(dirs),
        ]
    )
    env = jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html", "htm", "xml"], default_for_string=True),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.template_class = _Template
    return env


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


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
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
