"""YAML front matter between ``---`` lines, as Jekyll and Hugo read it.

PyYAML parses the block; dates are kept as the strings the author wrote (PyYAML's own timestamp
resolver would turn ``2022-03-29`` into a date and ``2022`` stays an int), so that the content
layer can parse them at their own precision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sitegen.errors import ContentError

_FENCE = re.compile(r"^---[ \t]*$")


_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML was built with it (the wheels are): 7x faster than the pure
Python one on front matter, which was a fifth of a cold build's time."""


class _Loader(_SafeLoader):  # type: ignore[valid-type,misc]
    """SafeLoader without the timestamp resolver: dates stay strings."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Document:
    """A text file split into its metadata and body."""

    meta: dict[str, Any]
    body: str
    body_line: int
    """1-based line number where the body starts in the file."""
    body_offset: int
    """Character offset where the body starts in the file's text."""


def parse_yaml(text: str, path: Path, first_line: int = 1) -> dict[str, Any]:
    """Parse a YAML mapping; errors name ``path`` and the line (``first_line`` is the file line of
    the block's first line)."""
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = first_line + mark.line if mark is not None else first_line
        raise ContentError(
            f"invalid YAML: {exc.problem or exc}",
            path=path,
            line=line,
            hint="check the quoting and indentation; quote values that contain ': '",
        ) from exc
    except yaml.YAMLError as exc:
        raise ContentError(f"invalid YAML: {exc}", path=path, line=first_line) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ContentError(
            "the metadata must be a mapping of 'key: value' lines",
            path=path,
            line=first_line,
            hint="write e.g. 'title: My article' on its own line",
        )
    return {str(k): v for k, v in data.items()}


def split_front_matter(text: str, path: Path) -> Document:
    """Split ``---``-fenced front matter from the body. No opening fence: no metadata."""
    lines = text.splitlines(keepends=True)
    if not lines or not _FENCE.match(lines[0].rstrip("\r\n")):
        return Document({}, text, 1, 0)
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index].rstrip("\r\n")):
            meta = parse_yaml("".join(lines[1:index]), path, first_line=2)
            offset = sum(len(line) for line in lines[: index + 1])
            return Document(meta, text[offset:], index + 2, offset)
    raise ContentError(
        "the front matter block is not closed",
        path=path,
        line=1,
        hint="did you forget the closing '---' line after the metadata?",
    )
