"""``sitegen new DIR``: a working site with a config, an example article and a curated event."""

from __future__ import annotations

from pathlib import Path

from sitegen.errors import SitegenError

FILES: dict[str, str] = {
    "sitegen.toml": """\
# sitegen configuration: see the README for every key.
title = "My timeline"
description = "Events gathered from the articles in content/ and seeds/."
base_url = "/"
language = "en"
timezone = "UTC"
""",
    "content/example-article.md": """\
---
title: Harbour bridge reopens after repairs
published: 2024-06-14
source: The Example Gazette
url: https://example.org/harbour-bridge
author: A. Reporter
tags: [transport]
---
The harbour bridge reopened to traffic on Friday, the city council said.

Repairs began in March 2023 after inspectors found cracks in two of its supports.
""",
    "content/events/2023-03-01-bridge-closes.md": """\
---
date: 2023-03
title: Harbour bridge closes for repairs
aliases:
  - bridge closed
  - repairs began
tags: [transport]
---
The council closed the bridge after an inspection found cracked supports.
""",
    ".gitignore": "output/\n.sitegen-cache/\n",
}


def create_site(directory: Path) -> list[Path]:
    """Write the starter files; refuse to overwrite anything that exists."""
    if directory.exists() and any(directory.iterdir()):
        raise SitegenError(
            "already exists and is not empty",
            path=directory,
            hint="choose a new folder name, e.g. 'sitegen new my-timeline'",
        )
    created = []
    for name, text in FILES.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        created.append(path)
    # seeds/ takes raw articles as received (NAME.txt + NAME.yaml); templates/ takes overrides.
    for folder in ("seeds", "templates"):
        (directory / folder).mkdir(parents=True, exist_ok=True)
    return created
