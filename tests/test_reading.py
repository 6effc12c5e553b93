"""Reading articles and curated events: pure parsing and small fixture sites."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sitegen.articles import find_article_files, read_articles
from sitegen.curated import read_curated_events
from sitegen.errors import ContentError, Report
from sitegen.frontmatter import split_front_matter

UTC = ZoneInfo("UTC")


def read_all(root: Path) -> tuple[list, Report]:
    report = Report()
    paths = find_article_files(
        root / "content", root / "seeds", root / "content" / "events", root, report
    )
    return read_articles(paths, UTC, report), report


def test_front_matter_keeps_dates_as_written() -> None:
    doc = split_front_matter("---\ndate: 2022-03-29\nyear: 2022\n---\nBody\n", Path("x.md"))
    assert doc.meta == {"date": "2022-03-29", "year": 2022}
    assert doc.body == "Body\n"
    assert doc.body_line == 5


def test_front_matter_with_crlf_and_no_block() -> None:
    doc = split_front_matter("---\r\ntitle: A\r\n---\r\nBody", Path("x.md"))
    assert doc.meta == {"title": "A"} and doc.body == "Body"
    assert split_front_matter("Just text", Path("x.md")).meta == {}


def test_unterminated_front_matter_is_named() -> None:
    with pytest.raises(ContentError) as info:
        split_front_matter("---\ntitle: A\nBody\n", Path("x.md"))
    assert "x.md:1" in str(info.value) and "closing '---'" in str(info.value)


def test_invalid_yaml_names_file_line(make_site) -> None:
    root = make_site({"content/a.md": "---\ntitle: A\ntags: [x\npublished: 2024-01-01\n---\n"})
    articles, report = read_all(root)
    assert articles == []
    assert "a.md:" in str(report.errors[0]) and "invalid YAML" in str(report.errors[0])


def test_markdown_article(make_site) -> None:
    (article,), report = read_all(make_site())
    assert article.id == "bridge" and article.title == "Bridge reopens"
    assert article.published.isoformat() == "2024-06-14T00:00:00+00:00"
    assert article.source == "The Example Gazette" and article.tags == ["transport"]
    assert article.text.startswith("The bridge reopened") and not report


def test_text_article_kept_byte_for_byte_with_sidecar(make_site) -> None:
    raw = "Line one said on Thursday.\r\nLine two “quoted”.\n"
    root = make_site(
        {"seeds/a.txt": raw.encode(), "seeds/a.yaml": "title: A\npublished: 2024-12-19\n"}
    )
    (article,), report = read_all(root)
    assert article.text == raw and article.format == "text" and not report.errors


def test_missing_publication_date_says_how_to_add_it(make_site) -> None:
    root = make_site({"content/a.md": "---\ntitle: A\n---\nText\n"})
    articles, report = read_all(root)
    assert articles == []
    assert "no publication date" in str(report.errors[0])
    assert "published: 2024-12-19" in str(report.errors[0])


@pytest.mark.parametrize("value", ["2024-02-30", "yesterday", "2024-12", "'19/12/2024'"])
def test_invalid_publication_date(make_site, value: str) -> None:
    root = make_site({"content/a.md": f"---\ntitle: A\npublished: {value}\n---\nText\n"})
    articles, report = read_all(root)
    assert articles == [] and "publication date" in str(report.errors[0])


def test_date_key_accepted_and_zone_kept(make_site) -> None:
    root = make_site({"content/a.md": "---\ntitle: A\ndate: 2024-12-19T10:30:00+03:00\n---\nT\n"})
    (article,), _ = read_all(root)
    assert article.published.isoformat() == "2024-12-19T10:30:00+03:00"


def test_text_without_sidecar_is_reported(make_site) -> None:
    articles, report = read_all(make_site({"seeds/a.txt": "Text"}))
    assert articles == [] and "a.yaml" in str(report.errors[0])


def test_one_bad_article_does_not_stop_the_others(make_site) -> None:
    root = make_site(
        {
            "content/good.md": "---\ntitle: Good\npublished: 2024-01-01\n---\nT\n",
            "content/bad.md": b"---\ntitle: Bad\npublished: 2024-01-01\n---\n\xff\xfe\n",
        }
    )
    articles, report = read_all(root)
    assert [a.id for a in articles] == ["good"]
    assert "bad.md" in str(report.errors[0]) and "UTF-8" in str(report.errors[0])


def test_unknown_key_is_a_warning_not_an_error(make_site) -> None:
    root = make_site({"content/a.md": "---\ntitle: A\npublished: 2024-01-01\ntgas: x\n---\nT\n"})
    articles, report = read_all(root)
    assert len(articles) == 1 and not report.errors
    assert "did you mean 'tags'" in str(report.warnings[0])


def test_wrong_type_is_reported(make_site) -> None:
    root = make_site({"content/a.md": "---\ntitle: {a: 1}\npublished: 2024-01-01\n---\nT\n"})
    articles, report = read_all(root)
    assert articles == [] and "'title' must be text" in str(report.errors[0])


def test_duplicate_article_ids(make_site) -> None:
    meta = "---\ntitle: A\npublished: 2024-01-01\nslug: same\n---\nT\n"
    articles, report = read_all(make_site({"content/a.md": meta, "content/b.md": meta}))
    assert len(articles) == 1 and "same id 'same'" in str(report.errors[0])


def test_curated_events_with_precision_range_and_slug(make_site) -> None:
    root = make_site(
        {
            "content/events/2024-12-19-council.md": (
                "---\ndate: 2024-12-19\nend: 2024-12-20\ntitle: Council meets\n"
                "aliases: [the summit]\n---\nBody\n"
            ),
            "content/events/war.md": "---\ndate: 2022\ntitle: War\n---\n",
        }
    )
    report = Report()
    council, war = read_curated_events(root / "content" / "events", root, report)
    assert council.id == "2024-12-19--council" and council.end is not None
    assert council.aliases == ["the summit"] and council.curated
    assert war.id == "2022--war" and war.date.precision == "year"
    assert not report


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        ("title: X\n", "has no date"),
        ("date: 2022-02-30\ntitle: X\n", "has no day 30"),
        ("date: 2022\n", "has no title"),
        ("date: 2022-03\nend: 2021\ntitle: X\n", "ends (2021) before it begins"),
        ("date: 2022\ntitle: X\nmodifier: late\n", "unknown modifier"),
    ],
)
def test_invalid_curated_events(make_site, meta: str, message: str) -> None:
    root = make_site({"content/events/e.md": f"---\n{meta}---\n"})
    report = Report()
    assert read_curated_events(root / "content" / "events", root, report) == []
    assert message in str(report.errors[0]) and "e.md" in str(report.errors[0])
