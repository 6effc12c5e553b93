"""events.json, timeline.json, feed.xml and sitemap.xml from a small inline site."""

from __future__ import annotations

import datetime as dt
import json
import random
import xml.etree.ElementTree as ET
from pathlib import Path

from test_render import XSS, make_site

from sitegen import __version__, atom, feeds
from sitegen.config import Config
from sitegen.model import Article, Site
from sitegen.urls import Urls

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_events_json_has_every_field() -> None:
    data = json.loads(feeds.events_json(make_site("https://example.org/sub/")))
    assert (data["generator"], data["version"]) == ("sitegen", __version__)
    ids = [e["id"] for e in data["events"]]
    assert ids == [
        "1999--end",
        "2022--year",
        "2022-02--war",
        "2022-03-29--istanbul-talks",
        "2024-12-19--council",
    ]
    talks = data["events"][3]
    assert talks["date"] == "2022-03-29"
    assert talks["precision"] == "day"
    assert talks["curated"] is True
    assert talks["title"] == f"Istanbul talks {XSS}"  # data, unescaped once decoded
    assert talks["url"] == "https://example.org/sub/events/2022-03-29--istanbul-talks/"
    assert set(talks["sources"][0]) == {"article_id", "sentence", "start", "end", "date_text"}
    end = data["events"][0]
    assert (end["date"], end["precision"], end["modifier"], end["end"]) == (
        "1999",
        "year",
        "end",
        None,
    )
    council = data["events"][4]
    assert (council["end"], council["announced"], council["disagree"]) == ("2024-12-20", True, True)
    assert council["key_score"] == 2.5
    assert {"tags", "entities", "summary"} <= set(council)


def test_json_is_deterministic_utf8_and_script_safe() -> None:
    raw = feeds.events_json(make_site())
    assert raw == feeds.events_json(make_site())
    text = raw.decode("utf-8")
    assert "Türkiye" in text  # ensure_ascii=False
    assert "<" not in text and ">" not in text  # cannot end a <script> if inlined
    assert text.startswith('{\n  "articles"')  # sorted keys, indent 2


def test_timeline_json_keeps_precision_and_escapes_html() -> None:
    data = json.loads(feeds.timeline_json(make_site()))
    by_id = {e["unique_id"]: e for e in data["events"]}
    assert by_id["1999--end"]["start_date"] == {"year": 1999}
    assert by_id["1999--end"]["display_date"] == "end of 1999"
    assert by_id["2022-02--war"]["start_date"] == {"year": 2022, "month": 2}
    assert by_id["2022-03-29--istanbul-talks"]["start_date"] == {
        "year": 2022,
        "month": 3,
        "day": 29,
    }
    council = by_id["2024-12-19--council"]
    assert council["end_date"] == {"year": 2024, "month": 12, "day": 20}
    assert council["group"] == "2024"
    talks = by_id["2022-03-29--istanbul-talks"]
    assert talks["text"]["headline"] == "Istanbul talks &lt;script&gt;alert(1)&lt;/script&gt;"
    assert "<script" not in talks["text"]["text"]
    assert '<a href="/articles/talks/">' in talks["text"]["text"]
    assert data["title"]["text"]["headline"] == "War &amp; Talks"


def test_atom_feed_is_valid_xml_and_uses_publication_dates() -> None:
    raw = atom.atom_feed(make_site("https://example.org/sub/"))
    root = ET.fromstring(raw)
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}title") == "War & Talks"
    assert root.findtext(f"{ATOM}updated") == "2022-04-02T00:00:00+00:00"  # newest, not now
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Notes", f"Talks {XSS}"]
    talks = entries[1]
    assert talks.findtext(f"{ATOM}id") == "https://example.org/sub/articles/talks/"
    assert talks.findtext(f"{ATOM}published") == "2022-03-30T09:15:00+00:00"
    assert [link.get("rel") for link in talks.findall(f"{ATOM}link")] == ["alternate"]
    assert b"<script" not in raw
    self_link = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link[0].get("href") == "https://example.org/sub/feed.xml"


def test_atom_feed_without_host_and_with_control_characters() -> None:
    article = Article(
        id="a",
        path=Path("a.txt"),
        title="Bad\x0bchar & <tag>",
        published=dt.datetime(2020, 1, 2, 3, 4, 5),
        text="",
        format="text",
    )
    site = Site(Config(root=Path("/s"), base_url="/repo/", timezone="Europe/Paris"), [article], [])
    root = ET.fromstring(atom.atom_feed(site))
    entry = root.find(f"{ATOM}entry")
    assert entry is not None
    assert entry.findtext(f"{ATOM}title") == "Badchar & <tag>"
    assert entry.findtext(f"{ATOM}published") == "2020-01-02T03:04:05+01:00"
    assert entry.find(f"{ATOM}link").get("href") == "/repo/articles/a/"  # type: ignore[union-attr]
    assert entry.findtext(f"{ATOM}id", "").startswith("tag:")


def test_empty_site_feed_is_deterministic() -> None:
    site = Site(Config(root=Path("/s")), [], [])
    root = ET.fromstring(atom.atom_feed(site))
    assert root.findtext(f"{ATOM}updated") == "1970-01-01T00:00:00+00:00"
    assert json.loads(feeds.timeline_json(site))["events"] == []


def test_sitemap_lists_absolute_urls_sorted() -> None:
    raw = atom.sitemap(Urls("https://example.org/sub/"), ["events/b/", "", "events/a/", ""])
    locs = [e.text for e in ET.fromstring(raw).iter(f"{SITEMAP}loc")]
    assert locs == [
        "https://example.org/sub/",
        "https://example.org/sub/events/a/",
        "https://example.org/sub/events/b/",
    ]
    assert raw.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n')


def test_search_json_is_a_compact_index_of_every_event() -> None:
    site = make_site()
    site.events[-1].entities = ["Brussels", "EU"]
    site.events[-2].entities = ["EU"]
    raw = feeds.search_json(site)
    assert b"\n  " not in raw  # compact: browsers fetch it
    assert b"<script>" not in raw  # escaped as in events.json
    data = json.loads(raw)
    assert [row[0] for row in data["events"]] == [e.id for e in site.events]
    talks = next(row for row in data["events"] if row[0] == "2022-03-29--istanbul-talks")
    assert talks[1:5] == [2022, f"Istanbul talks {XSS}", f"Summary {XSS}", 0]
    assert [data["tags"][i] for i in talks[6]] == ["diplomacy"]
    assert [data["sources"][i] for i in talks[7]] == ["Wire & Co"]
    council = data["events"][-1]
    assert council[4] == 1  # the only event with a key score
    assert [data["entities"][i] for i in council[5]] == ["Brussels", "EU"]
    assert data["entities"].count("EU") == 1


def test_indented_json_is_jsons_own() -> None:
    from sitegen.feeds import _indented

    rng = random.Random(3)
    leaves = ["", "a", 'q"\\</', "\n\t\u2028é\U0001f600", 0, -7, 10**20, 0.5, -1e-9, 1e300,
              float("nan"), float("inf"), True, False, None]  # fmt: skip

    def value(depth: int) -> object:
        kind = rng.randrange(4 if depth < 4 else 1)
        if kind == 0:
            return rng.choice(leaves)
        if kind == 1:
            return {rng.choice("abcXY_é"): value(depth + 1) for _ in range(rng.randrange(4))}
        items = [value(depth + 1) for _ in range(rng.randrange(4))]
        return items if kind == 2 else tuple(items)

    for _ in range(2000):
        v = value(0)
        expected = json.dumps(v, ensure_ascii=False, sort_keys=True, indent=2)
        assert _indented(v, "") == expected
        assert _indented(v, "    ") == expected.replace("\n", "\n    ")


def _tree_entry(article: Article, lines: tuple[str, ...], u: Urls) -> str:
    """An entry as ElementTree writes it (how ``atom.entry_xml`` made it before, as text)."""
    from sitegen import urls
    from sitegen.grouping import published_at

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, tag, {k: atom._xml_text(v) for k, v in attrs.items()})
        if text is not None:
            element.text = atom._xml_text(text)
        return element

    route = urls.article_route(article.id)
    entry = ET.Element("entry")
    sub(entry, "title", article.title)
    sub(entry, "id", atom._atom_id(u, route))
    sub(entry, "link", rel="alternate", type="text/html", href=u.absolute(route))
    if urls.external_url(article.url):
        sub(entry, "link", rel="related", href=urls.external_url(article.url))
    published = published_at(article, dt.timezone.utc).isoformat()  # type: ignore[arg-type]
    sub(entry, "published", published)
    sub(entry, "updated", published)
    if article.author or article.source:
        sub(sub(entry, "author"), "name", article.author or article.source)
    if lines:
        sub(entry, "summary", "\n".join(lines), type="text")
    for tag in sorted(set(article.tags)):
        sub(entry, "category", term=tag)
    ET.indent(entry, level=1)
    return ET.tostring(entry, encoding="unicode")


def test_atom_entry_text_is_elementtrees() -> None:
    rng = random.Random(5)
    pieces = ["", "a", " ", "&", "<", ">", '"', "'", "\n", "\r", "\t", "\x01", "\ufffe", "é", "]]>"]

    def text() -> str:
        return "".join(rng.choices(pieces, k=rng.randrange(4)))

    for base in ("https://example.org/sub/", "/"):
        u = Urls(base)
        for i in range(500):
            article = Article(
                id=f"a{i}",
                path=Path("content/a.md"),
                title=text(),
                published=dt.datetime(2022, 3, 30, 9, 15, tzinfo=dt.timezone.utc),
                text="",
                format="markdown",
                source=text(),
                url=rng.choice(["", "https://x.org/" + text(), "javascript:" + text()]),
                author=text(),
                tags=[text() for _ in range(rng.randrange(3))],
            )
            lines = tuple(text() for _ in range(rng.randrange(3)))
            zone = dt.timezone.utc
            assert atom.entry_xml(article, lines, u, zone) == _tree_entry(article, lines, u)  # type: ignore[arg-type]
