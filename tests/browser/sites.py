"""Sites for the browser tests and the page-weight benchmark: a synthetic timeline of any size,
rendered by the real render stage and written to a folder, and a static HTTP server for it."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import random
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sitegen.config import Config
from sitegen.dates import PartialDate
from sitegen.grouping import INDEX_LIMIT
from sitegen.model import Article, Event, Mention, Site, Source, event_id
from sitegen.render import render_site
from sitegen.theme_dirs import default_theme_dir

PLACES = ["Kyiv", "Brussels", "Istanbul", "Geneva", "Warsaw", "Ankara", "Minsk", "Vilnius"]
PEOPLE = ["Ana Ruiz", "Omar Haddad", "Li Wei", "Maria Rossi", "John Okafor", "Eva Novak"]
BODIES = ["European Council", "NATO", "United Nations", "IAEA", "OSCE", "World Bank"]
TAGS = ["diplomacy", "energy", "military", "economy", "sanctions", "health", "elections"]
PUBLICATIONS = ["Reuters", "AP", "BBC", "Le Monde", "El País", "Kyiv Independent", "DW"]
ACTIONS = ["meets", "signs an agreement with", "criticises", "visits", "calls for talks with"]
TOPICS = ["grain exports", "gas transit", "a ceasefire", "prisoner exchanges", "reconstruction"]


def synthetic_site(count: int, first_year: int = 2000, years: int = 25, seed: int = 1) -> Site:
    """``count`` events spread over ``years`` years (day, month and year precision), with
    entities, tags, key scores, disagreements and one article per 25 events citing them."""
    rng = random.Random(seed)
    articles: list[Article] = []
    events: list[Event] = []
    mentions: dict[str, list[Mention]] = {}
    sentences: list[str] = []
    for n in range(count):
        year = first_year + n * years // max(count, 1)
        kind = rng.random()
        if kind < 0.8:
            date = PartialDate(year, rng.randint(1, 12), rng.randint(1, 28))
        elif kind < 0.95:
            date = PartialDate(year, rng.randint(1, 12))
        else:
            date = PartialDate(year)
        who, other = rng.sample(PEOPLE + BODIES, 2)
        place, topic = rng.choice(PLACES), rng.choice(TOPICS)
        title = f"{who} {rng.choice(ACTIONS)} {other} in {place} on {topic} (#{n})"
        summary = (
            f"In {place}, {who} and {other} discussed {topic}; officials said further steps "
            f"would follow and that the talks on {topic} would continue."
        )
        article_id = f"a{n // 25:04d}"
        sentence = f"{who} met {other} in {place} on {date.iso()}."
        sentences.append(sentence)
        events.append(
            Event(
                id=event_id(date, title),
                date=date,
                title=title,
                summary=summary,
                sources=[Source(article_id, sentence, date_text=date.iso())],
                tags=rng.sample(TAGS, rng.randint(1, 2)),
                entities=[who, other, place],
                curated=rng.random() < 0.1,
                disagree=rng.random() < 0.03,
                announced=rng.random() < 0.03,
                key_score=rng.random() * 10 if rng.random() < 0.05 else 0.0,
            )
        )
        if n % 25 == 24 or n == count - 1:
            text = "\n\n".join(sentences)
            articles.append(
                Article(
                    id=article_id,
                    path=Path(f"content/{article_id}.txt"),
                    title=f"Report {article_id}",
                    published=dt.datetime(year, 12, 31, 12),
                    text=text,
                    format="text",
                    source=rng.choice(PUBLICATIONS),
                    url=f"https://example.org/{article_id}",
                )
            )
            mentions[article_id] = _mentions(text, events[-len(sentences) :])
            sentences = []
    config = Config(
        root=Path("/synthetic"), title=f"A synthetic timeline of {count} events", base_url="/"
    )
    return Site(config, articles, sorted(events, key=Event.sort_key), mentions)


def _mentions(text: str, events: list[Event]) -> list[Mention]:
    found = []
    for event in events:
        value = event.date.iso()
        start = text.find(event.sources[0].sentence)
        at = text.find(value, start)
        found.append(Mention(at, at + len(value), value, "DATE", value, event_id=event.id))
    return found


def write_site(site: Site, out: Path, index_limit: int = INDEX_LIMIT) -> Path:
    """Render ``site`` with the default theme into ``out``; return ``out``."""
    for page in render_site(site, [default_theme_dir()], index_limit):
        path = out / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(page.data)
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib's name)
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` over HTTP on a free local port; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
