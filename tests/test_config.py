from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.config import load_config, normalize_base_url
from sitegen.errors import ConfigError


def test_defaults_without_config_file(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config.config_path is None
    assert config.base_url == "/"
    assert config.output_dir == tmp_path.resolve() / "output"


def test_paths_resolve_relative_to_config_file(tmp_path: Path) -> None:
    (tmp_path / "sitegen.toml").write_text('content_dir = "articles"\n', encoding="utf-8")
    assert load_config(tmp_path).content_dir == tmp_path.resolve() / "articles"


def test_unknown_key_is_flagged_with_suggestion(tmp_path: Path) -> None:
    (tmp_path / "sitegen.toml").write_text('titel = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert "unknown key 'titel'" in str(info.value)
    assert "did you mean 'title'" in str(info.value)
    assert "sitegen.toml" in str(info.value)


def test_every_problem_is_reported(tmp_path: Path) -> None:
    (tmp_path / "sitegen.toml").write_text(
        'title = 3\ntimezone = "Mars/Olympus"\nbogus = 1\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    text = str(info.value)
    assert "'title' must be a str" in text
    assert "Mars/Olympus" in text
    assert "bogus" in text


def test_invalid_toml_names_line(tmp_path: Path) -> None:
    (tmp_path / "sitegen.toml").write_text('title = "ok"\nbase_url = \n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert "sitegen.toml:2" in str(info.value)


def test_output_dir_may_not_be_the_site(tmp_path: Path) -> None:
    (tmp_path / "sitegen.toml").write_text('output_dir = "."\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="site folder or one of its parents"):
        load_config(tmp_path)


def test_override_from_command_line(tmp_path: Path) -> None:
    config = load_config(tmp_path, {"base_url": "https://example.org/sub"})
    assert config.base_url == "https://example.org/sub/"
    assert config.base_path == "/sub/"


@pytest.mark.parametrize(
    ("given", "expected"),
    [("", "/"), ("sub", "/sub/"), ("/a/b", "/a/b/"), ("https://x.org", "https://x.org/")],
)
def test_normalize_base_url(given: str, expected: str) -> None:
    assert normalize_base_url(given) == expected
