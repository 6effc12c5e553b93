"""The render stage and the view models: small sites built inline, no files read but the theme."""

from __future__ import annotations

import datetime as dt
import random
from html.parser import HTMLParser
from pathlib import Path

import pytest
import sitegen.theme

from sitegen.check import check_site
from sitegen.config import Config
from sitegen.context import build_views
from sitegen.dates import PartialDate
from sitegen.errors import TemplateError
from sitegen.grouping import facets, key_event_ids
from sitegen.markup import (
    markdown_html,
    marked_markdown_html,
    split_sentence,
    text_html,
    timex_label,
)
from sitegen.model import Article, Event, Mention, Page, Site, Source
from sitegen.render import render_site
from sitegen.views import Facet

THEME = Path(sitegen.theme.__file__).parent
XSS = "<script>alert(1)</script>"

TEXT = (
    "Talks opened in Istanbul on 29 March 2022, officials said.\n"
    "\n"
    f"A reader wrote {XSS} in a comment. The war began in February 2022."
)


def make_site(base_url: str = "/") -> Site:
    """Two articles (text and Markdown), day/month/year events, a curated one, hostile strings."""
    day = TEXT.index("29 March 2022")
    month = TEXT.index("February 2022")
    talks = Article(
        id="talks",
        path=Path("content/talks.txt"),
        title=f"Talks {XSS}",
        published=dt.datetime(2022, 3, 30, 9, 15),
        text=TEXT,
        format="text",
        source="Wire & Co",
        url="javascript:alert(1)",
        tags=["Diplomacy", "Türkiye"],
    )
    notes = Article(
        id="notes",
        path=Path("content/notes.md"),
        title="Notes",
        published=dt.datetime(2022, 4, 2, tzinfo=dt.timezone.utc),
        text=f"# Notes\n\nRaw {XSS} and <b>bold</b>, [bad](javascript:alert(1)), in 1999.\n",
        format="markdown",
        url="https://example.com/notes",
        tags=["diplomacy"],
    )
    events = [
        Event(
            id="2022-03-29--istanbul-talks",
            date=PartialDate(2022, 3, 29),
            title=f"Istanbul talks {XSS}",
            summary=f"Summary {XSS}",
            sources=[
                Source(
                    "talks",
                    "Talks opened in Istanbul on 29 March 2022, officials said.",
                    day,
                    day + 13,
                    "29 March 2022",
                )
            ],
            tags=["Diplomacy"],
            entities=["Istanbul"],
            curated=True,
            body=f"Curated *body* {XSS}",
        ),
        Event(
            id="2022-02--war",
            date=PartialDate(2022, 2),
            title="The war began",
            sources=[
                Source(
                    "talks", "The war began in February 2022.", month, month + 13, "February 2022"
                )
            ],
        ),
        Event(id="2022--year", date=PartialDate(2022), title="Sometime in 2022"),
        Event(id="1999--end", date=PartialDate(1999), modifier="end", title="End of an era"),
        Event(
            id="2024-12-19--council",
            date=PartialDate(2024, 12, 19),
            end=PartialDate(2024, 12, 20),
            title="Council",
            announced=True,
            disagree=True,
            key_score=2.5,
        ),
    ]
    mentions = {
        "talks": [
            Mention(day, day + 13, "29 March 2022", "DATE", "2022-03-29", event_id=events[0].id),
            Mention(month, month + 13, "February 2022", "DATE", '2022-02"><x'),
        ]
    }
    cfg = Config(root=Path("/site"), title="War & Talks", base_url=base_url)
    return Site(cfg, [talks, notes], sorted(events, key=Event.sort_key), mentions)


def pages_of(site: Site, theme_dirs: list[Path] | None = None) -> dict[str, bytes]:
    return {p.path: p.data for p in render_site(site, theme_dirs or [THEME])}


def test_renders_every_page() -> None:
    pages = pages_of(make_site())
    assert set(pages) == {
        "index.html",
        "404.html",
        "events.json",
        "timeline.json",
        "feed.xml",
        "sitemap.xml",
        "search.json",
        "static/style.css",
        "static/timeline.js",
        "static/favicon.svg",
        "years/index.html",
        "years/1999/index.html",
        "years/2022/index.html",
        "years/2024/index.html",
        "tags/index.html",
        "articles/index.html",
        "tags/diplomacy/index.html",
        "tags/turkiye/index.html",
        "articles/talks/index.html",
        "articles/notes/index.html",
        "events/2022-03-29--istanbul-talks/index.html",
        "events/2022-02--war/index.html",
        "events/2022--year/index.html",
        "events/1999--end/index.html",
        "events/2024-12-19--council/index.html",
    }


def test_index_shows_dates_at_their_precision_in_order() -> None:
    html = pages_of(make_site())["index.html"].decode()
    assert '<html lang="en">' in html
    assert '<meta name="viewport"' in html
    assert '<time datetime="1999">end of 1999</time>' in html
    assert '<time datetime="2022">2022</time>' in html
    assert '<time datetime="2022-02">February 2022</time>' in html
    assert '<time datetime="2022-03-29">29 March 2022</time>' in html
    assert '<time datetime="2024-12-19">19–20 December 2024</time>' in html
    order = [html.index(f'id="event-{i}"') for i in ("1999--end", "2022--year", "2022-02--war")]
    assert order == sorted(order)
    assert 'href="/events/2022-03-29--istanbul-talks/"' in html
    assert 'href="/static/style.css"' in html
    assert "http://" not in html.replace('href="https://', "")  # no external requests


def test_grouping_puts_year_events_before_months() -> None:
    years = build_views(make_site()).timeline.years
    assert [y.year for y in years] == [1999, 2022, 2024]
    y2022 = years[1]
    assert [e.id for e in y2022.events] == ["2022--year"]
    assert [(m.month, m.name) for m in y2022.months] == [(2, "February 2022"), (3, "March 2022")]
    assert years[0].months == []  # no month heading when the month is unknown
    assert y2022.count == 3


def test_event_view_fields() -> None:
    views = build_views(make_site("https://example.org/sub/"))
    council = next(e for e in views.events if e.id == "2024-12-19--council")
    assert council.url == "/sub/events/2024-12-19--council/"
    assert council.permalink == "https://example.org/sub/events/2024-12-19--council/"
    assert (council.date, council.iso, council.end_iso) == (
        "19–20 December 2024",
        "2024-12-19",
        "2024-12-20",
    )
    assert (council.announced, council.disagree, council.key_score) == (True, True, 2.5)
    talks = next(e for e in views.events if e.curated)
    source = talks.sources[0]
    assert (source.before, source.highlight) == ("Talks opened in Istanbul on ", "29 March 2022")
    assert source.after == ", officials said."
    assert source.original_url == ""  # javascript: dropped
    assert [t.url for t in talks.tags] == ["/sub/tags/diplomacy/"]


def test_split_sentence_uses_article_offsets() -> None:
    text = "In 2020 it began. It ended in 2020."
    start = text.rindex("2020")
    source = Source("a", "It ended in 2020.", start, start + 4, "2020")
    assert split_sentence(text, source) == ("It ended in ", "2020", ".")
    # sentence not found verbatim: fall back to the date text, then to nothing
    assert split_sentence("", source) == ("It ended in ", "2020", ".")
    assert split_sentence("", Source("a", "No date here.")) == ("No date here.", "", "")


def test_text_article_marks_mentions_and_escapes() -> None:
    text = "On 5 May <b>x</b> 2020.\nNext line."
    start = text.index("5 May")
    mentions = [
        Mention(start, start + 5, "5 May", "DATE", "XXXX-05-05", event_id="e1"),
        Mention(start + 1, start + 4, "May", "DATE", "XXXX-05"),  # overlapping: ignored
        Mention(text.index("Next"), text.index("Next") + 4, "Next", "DATE", 'v"<'),
    ]
    html = str(text_html(text, 0, mentions, {"e1": "/events/e1/"}))
    assert html == (
        '<p>On <mark class="timex" title="XXXX-05-05"><a href="/events/e1/">5 May</a></mark>'
        " &lt;b&gt;x&lt;/b&gt; 2020.</p>\n"
        '<p><mark class="timex" title="v&#34;&lt;" tabindex="0">Next</mark> line.</p>'
    )


def test_hostile_strings_are_escaped_everywhere() -> None:
    for path, data in pages_of(make_site()).items():
        text = data.decode().replace('<script src="/static/timeline.js" defer></script>', "")
        assert "<script" not in text.lower(), path
        assert "</script" not in text.lower(), path
        assert "javascript:" not in text or path == "events.json", path  # kept as data there
        assert "<b>bold" not in text, path
        assert "<x" not in text, path


def test_markdown_article_escapes_raw_html() -> None:
    html = pages_of(make_site())["articles/notes/index.html"].decode()
    assert "Raw &lt;script&gt;alert(1)&lt;/script&gt; and &lt;b&gt;bold&lt;/b&gt;" in html
    assert "<a>bad</a>" in html
    assert 'href="https://example.com/notes"' in html


def test_output_is_deterministic_whatever_the_input_order() -> None:
    first = render_site(make_site(), [THEME])
    site = make_site()
    random.Random(4).shuffle(site.events)
    random.Random(5).shuffle(site.articles)
    assert render_site(site, [THEME]) == first
    assert [p.path for p in first] == sorted(p.path for p in first)


def _override(tmp_path: Path, files: dict[str, str]) -> list[Path]:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return [tmp_path, THEME]


def test_override_can_extend_the_default_theme(tmp_path: Path) -> None:
    dirs = _override(
        tmp_path,
        {
            "base.html": '{% extends "!theme/base.html" %}'
            "{% block footer %}<p>Our footer</p>{{ super() }}{% endblock %}",
            "static/style.css": "body{}",
            "static/extra.js.txt": "x",
        },
    )
    pages = pages_of(make_site(), dirs)
    index = pages["index.html"].decode()
    assert "<p>Our footer</p>" in index
    assert "Generated by sitegen" in index  # the original block, through super()
    assert pages["static/style.css"] == b"body{}"  # first theme wins
    assert pages["static/extra.js.txt"] == b"x"


def test_missing_variable_in_override_names_the_file(tmp_path: Path) -> None:
    dirs = _override(tmp_path, {"year.html": "line one\n{{ year.nope }}\n"})
    with pytest.raises(TemplateError) as info:
        render_site(make_site(), dirs)
    error = info.value
    assert error.path == tmp_path / "year.html"
    assert error.line == 2
    assert "nope" in error.message
    assert error.hint and "year" in error.hint


def test_syntax_error_in_override_names_file_and_line(tmp_path: Path) -> None:
    dirs = _override(tmp_path, {"tag.html": "ok\n\n{% for x in tag.years %}{{ x.name }\n"})
    with pytest.raises(TemplateError) as info:
        render_site(make_site(), dirs)
    assert info.value.path == tmp_path / "tag.html"
    assert info.value.line == 3
    assert "Traceback" not in str(info.value)


def test_pages_are_page_objects() -> None:
    pages = render_site(make_site(), [THEME])
    assert all(isinstance(p, Page) and isinstance(p.data, bytes) for p in pages)


def test_markdown_article_marks_mentions_safely() -> None:
    text = (
        "# Review of 2022\n\nTalks on [5 May](https://x.org/2022/ 'on 2022') and *in March* 2022,"
        " code `2021`, ![2020](i.png).\n"
    )
    found = [(text.index(s), s) for s in ("2022\n", "5 May", "March* 2022", "2021", "2020")]
    mentions = [
        Mention(i, i + len(s.strip()), s.strip(), "DATE", f"v{n}", event_id="e")
        for n, (i, s) in enumerate(found)
    ]
    html = str(marked_markdown_html(text, 0, mentions, {"e": "/events/e/"}))
    assert (
        '<h2>Review of <mark class="timex" title="v0"><a href="/events/e/">2022</a></mark></h2>'
        in html
    )
    # inside a Markdown link: marked but not linked (links cannot nest)
    assert (
        '<a href="https://x.org/2022/" title="on 2022">'
        '<mark class="timex" title="v1" tabindex="0">5 May</mark></a>' in html
    )
    assert "<em>in March</em> 2022," in html  # across markup: left alone
    assert (
        '<code><mark class="timex" title="v3"><a href="/events/e/">2021</a></mark></code>' in html
    )
    assert '<img alt="2020" src="i.png">' in html  # never inside attributes
    assert not any(ord(c) >= 0xF0000 for c in html)


def test_markdown_headings_move_down_and_private_use_input_is_harmless() -> None:
    html = str(markdown_html("# Title \U000f0001\n\n###### six"))
    assert html == "<h2>Title \ufffd</h2>\n<h6>six</h6>"


def test_timeline_lists_each_cited_article_once() -> None:
    site = make_site()
    war = next(e for e in site.events if e.id == "2022-02--war")
    war.sources = [Source("talks", "One."), Source("notes", "Two."), Source("talks", "Three.")]
    view = next(e for e in build_views(site).events if e.id == war.id)
    assert [s.sentence for s in view.sources] == ["One.", "Two.", "Three."]
    assert [s.sentence for s in view.cited] == ["One.", "Two."]
    html = pages_of(site)["index.html"].decode()
    item = html[html.index('id="event-2022-02--war"') :]
    item = item[: item.index("</ul>")]
    assert item.count('href="/articles/talks/"') == 1
    assert "2 sources:" in item


def test_a_failing_expression_in_an_override_is_a_template_error(tmp_path: Path) -> None:
    dirs = _override(
        tmp_path,
        {
            "404.html": '{% extends "!theme/404.html" %}\n'
            '{% block content %}{{ 1 + "a" }}{% endblock %}'
        },
    )
    with pytest.raises(TemplateError) as info:
        render_site(make_site(), dirs)
    assert (info.value.path, info.value.line) == (tmp_path / "404.html", 2)
    assert "TypeError" in info.value.message


def test_event_page_links_its_neighbours_and_the_timeline() -> None:
    html = pages_of(make_site())["events/2022--year/index.html"].decode()
    assert '<a href="/events/1999--end/" rel="prev">' in html
    assert '<a href="/events/2022-02--war/" rel="next">' in html
    assert '<a href="/#event-2022--year">' in html
    assert '<link rel="canonical" href="/events/2022--year/">' in html


def test_a_missing_parent_template_names_the_file_that_extends_it(tmp_path: Path) -> None:
    dirs = _override(tmp_path, {"tags.html": '\n{% extends "!theme/nothing.html" %}'})
    with pytest.raises(TemplateError) as info:
        render_site(make_site(), dirs)
    assert (info.value.path, info.value.line) == (tmp_path / "tags.html", 2)
    assert "'!theme/nothing.html' not found" in info.value.message


def test_every_html_page_has_unique_ids_and_one_h1() -> None:
    class Ids(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.ids: list[str] = []
            self.h1 = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.ids += [v for k, v in attrs if k == "id" and v is not None]
            self.h1 += tag == "h1"

    for path, data in pages_of(make_site()).items():
        if path.endswith(".html"):
            parser = Ids()
            parser.feed(data.decode())
            assert len(parser.ids) == len(set(parser.ids)), path
            assert parser.h1 == 1, path


def test_key_events_are_the_most_salient_in_chronological_order() -> None:
    site = make_site()
    scores = {"1999--end": 1.0, "2022--year": 3.0, "2022-02--war": 3.0, "2024-12-19--council": 2.5}
    for event in site.events:
        event.key_score = scores.get(event.id, 0.0)
    assert key_event_ids(site.events, limit=2) == {"2022--year", "2022-02--war"}
    views = build_views(site)
    assert [e.id for e in views.timeline.key_events] == [  # all four scored, in timeline order
        "1999--end",
        "2022--year",
        "2022-02--war",
        "2024-12-19--council",
    ]
    assert not next(e for e in views.events if e.id.startswith("2022-03-29")).key
    index = pages_of(site)["index.html"].decode()
    assert '<h2 id="key-dates-heading">Key dates</h2>' in index
    assert '<a href="#event-2022-02--war">The war began</a>' in index
    none = make_site()
    for event in none.events:
        event.key_score = 0.0
    assert "Key dates" not in pages_of(none)["index.html"].decode()


def test_index_summary_line() -> None:
    html = pages_of(make_site())["index.html"].decode()
    assert '<p class="summary">5 events, 1999–2024.</p>' in html


def test_facets_are_most_frequent_first_and_count_each_event_once() -> None:
    found = facets([["Kyiv", "NATO", "Kyiv"], ["NATO"], ["Brussels", "NATO"]], limit=2)
    assert found == [Facet("NATO", "NATO", 3), Facet("Brussels", "Brussels", 1)]
    assert facets([["diplomacy"]], {"diplomacy": "Diplomacy"}) == [
        Facet("diplomacy", "Diplomacy", 1)
    ]


def test_index_offers_filters_that_the_script_reveals() -> None:
    site = make_site()
    site.events[0].entities = ["Istanbul"]
    views = build_views(site)
    assert [f.value for f in views.timeline.entities] == ["Istanbul"]
    assert [(f.value, f.label) for f in views.timeline.tags] == [("diplomacy", "Diplomacy")]
    assert [f.value for f in views.timeline.sources] == ["Wire & Co"]
    html = pages_of(site)["index.html"].decode()
    assert '<details class="filters-panel" id="filters-panel" hidden>' in html
    assert '<option value="diplomacy">Diplomacy (1)</option>' in html
    assert 'data-index="/search.json"' in html
    assert '<script src="/static/timeline.js" defer></script>' in html
    assert '<a href="#year-2022" data-year="2022">2022 <span class="count">(<span' in html
    assert "1 source:" in html
    assert "Sources disagree" in html


def test_a_long_timeline_is_split_into_year_pages() -> None:
    site = make_site()
    views = build_views(site, index_limit=3)
    assert views.timeline.split
    talks = next(e for e in views.events if e.curated)
    assert talks.timeline_url == "/years/2022/#event-2022-03-29--istanbul-talks"
    pages = {p.path: p.data.decode() for p in render_site(site, [THEME], index_limit=3)}
    index = pages["index.html"]
    assert 'class="event ' not in index  # the events are on the year pages
    assert '<a href="/years/2022/" data-year="2022">' in index
    assert '<a href="/years/2024/#event-2024-12-19--council">' in index  # a key date
    year = pages["years/2022/index.html"]
    assert 'id="event-2022-03-29--istanbul-talks"' in year
    assert '<a href="/">On the timeline</a>' in year
    assert "data-split" in year
    event = pages["events/2022-03-29--istanbul-talks/index.html"]
    assert '<a href="/years/2022/#event-2022-03-29--istanbul-talks">On the timeline' in event
    assert build_views(site).timeline.split is False


def test_tags_with_many_events_are_listed_compactly() -> None:
    site = make_site()
    for event in site.events:
        event.tags = ["Diplomacy"]
    html = {p.path: p.data for p in render_site(site, [THEME], index_limit=3)}
    tag = html["tags/diplomacy/index.html"].decode()
    assert '<ol class="compact-list">' in tag
    assert 'class="event ' not in tag
    assert tag.count('<a href="/events/') == 5


def test_time_expressions_show_a_readable_value() -> None:
    def label(value: str, mod: str = "") -> str:
        return timex_label(Mention(0, 4, "text", "DATE", value, mod))

    assert label("2024-12-19") == "19 December 2024 (2024-12-19)"
    assert label("2022-03") == "March 2022 (2022-03)"
    assert label("2022") == "2022"
    assert label("1999", "END") == "end of 1999 (1999)"
    assert label("P23Y") == "P23Y"
    html = str(
        text_html("On 5 May 2020.", 3, [Mention(3, 13, "5 May 2020", "DATE", "2020-05-05")], {})
    )
    assert 'title="5 May 2020 (2020-05-05)"' in html


def test_every_link_of_a_split_timeline_resolves(tmp_path: Path) -> None:
    for page in render_site(make_site(), [THEME], index_limit=3):
        path = tmp_path / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(page.data)
    assert check_site(tmp_path, "/") == []


def test_a_year_too_long_for_one_page_is_split_into_months(tmp_path: Path) -> None:
    views = build_views(make_site(), index_limit=2)
    y2022 = next(y for y in views.timeline.years if y.year == 2022)
    assert y2022.split and not views.timeline.years[0].split
    talks = next(e for e in views.events if e.curated)
    assert talks.timeline_url == "/years/2022/03/#event-2022-03-29--istanbul-talks"
    year_only = next(e for e in views.events if e.id == "2022--year")
    assert year_only.timeline_url == "/years/2022/#event-2022--year"
    pages = render_site(make_site(), [THEME], index_limit=2)
    html = {p.path: p.data.decode() for p in pages}
    assert "years/2022/02/index.html" in html and "years/2022/03/index.html" in html
    assert "years/2024/12/index.html" not in html  # 2024 has one event
    year = html["years/2022/index.html"]
    assert 'id="event-2022--year"' in year and 'id="event-2022-02--war"' not in year
    assert '<a href="/years/2022/03/">March 2022</a>' in year
    month = html["years/2022/03/index.html"]
    assert 'id="event-2022-03-29--istanbul-talks"' in month
    assert '<a href="/years/2022/02/" rel="prev">' in month
    assert '<a href="/years/2022/" data-year="2022" aria-current="true">' in month
    for page in pages:
        path = tmp_path / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(page.data)
    assert check_site(tmp_path, "/") == []


_MARKDOWN_PIECES = [
    "word", " ", "  ", "\n", "\n\n", "  \n", "*", "**", "_", "__", "`", "``", "\\", "[", "]",
    "(", ")", "![", "](x.png)", "<", ">", "<http://a.b/c>", "<a@b.c>", "&", "&amp;", "&#35;",
    "# ", "1. ", "- ", "> ", "    ", "\t", "---", "===", "[1]: http://x.org\n", "\U000f0001",
    "2022", ".", ",", '"', "'", ":", "!",
]  # fmt: skip


def test_quick_inline_stage_gives_markdowns_own_html() -> None:
    from sitegen.markup import _make_converter

    quick, _ = _make_converter(quick=True)
    plain, _ = _make_converter(quick=False)
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choices(_MARKDOWN_PIECES, k=rng.randint(0, 40)))
        quick.reset()
        plain.reset()
        assert quick.convert(text) == plain.convert(text), repr(text)


def test_quick_inline_stage_knows_every_inline_pattern() -> None:
    """Each of Markdown's inline patterns is in ``_NEEDS`` (else the shortcut searches with
    every pattern instead: slower, same HTML)."""
    from sitegen.markup import _NEEDS, _make_converter

    md, _ = _make_converter()
    assert len(md.inlinePatterns) == sum(name in md.inlinePatterns for name in _NEEDS)


_PROSE_PIECES = [
    "word", "Word", " ", "  ", "\n", "\n\n", "\n\n\n", ".", ",", '"', "'", "(", ")", "-", "=",
    "1", "1.", "12)", "#", ">", "+", "!", ":", "\u00a0", "\x0c", "\u2028", "\U000f0001", "\t",
    "\r", "\x02", "é", "$", "%", "]", "    ",
]  # fmt: skip


def test_prose_shortcut_gives_markdowns_own_html() -> None:
    from sitegen.markup import _convert, _make_converter, _prose_html

    plain, _ = _make_converter(quick=False)
    rng = random.Random(11)
    weights = [8 if piece in ("word", " ", "\n", "\n\n") else 1 for piece in _PROSE_PIECES]
    shortcuts = 0
    for _ in range(5000):
        text = "".join(rng.choices(_PROSE_PIECES, weights, k=rng.randint(0, 30)))
        shortcuts += _prose_html(text) is not None
        plain.reset()
        assert _convert(text)[0] == plain.convert(text), repr(text)
    assert shortcuts > 500  # and as many documents that Markdown converts


def test_templates_escape_as_markupsafe_does() -> None:
    from markupsafe import Markup, escape

    from sitegen.jinja_env import _escape, make_environment

    class Html:
        def __html__(self) -> str:
            return "<b>x</b>"

    for value in ["", "plain", f"a & {XSS} \"'", Markup("<i>ok</i>"), 5, 2.5, None, Html()]:
        assert _escape(value) == escape(value)
        assert type(_escape(value)) is Markup
    template = make_environment([THEME]).from_string("{{ a }}{{ b }}")
    assert template.root_render_func.__globals__["escape"] is _escape  # type: ignore[attr-defined]
    assert template.render(a=XSS, b=Markup("<i>ok</i>")) == str(escape(XSS)) + "<i>ok</i>"


def test_key_event_ids_are_the_best_scored_ties_earlier_on_random_timelines() -> None:
    """Against the definition (sort every scored event by score, then by date), on random
    scores with many ties."""
    for trial in range(300):
        rnd = random.Random(trial)
        events = [
            Event(
                id=f"e{i:02d}",
                title="t",
                date=PartialDate(2000 + rnd.randrange(4), rnd.choice([None, 1, 6])),
                key_score=rnd.choice([0.0, 1.0, 2.0, 2.0, 3.5, -1.0]),
            )
            for i in range(rnd.randrange(30))
        ]
        limit = rnd.randrange(1, 8)
        scored = sorted(
            (e for e in events if e.key_score > 0), key=lambda e: (-e.key_score, e.sort_key())
        )
        assert key_event_ids(events, limit) == {e.id for e in scored[:limit]}, trial
