"""Names and headlines."""

from __future__ import annotations

from sitegen.extract.entities import canonical, find_names
from sitegen.extract.titles import make_title


def test_names_drop_titles_possessives_and_sentence_openers() -> None:
    assert find_names(
        "According to Reuters, Ukraine President Volodymyr Zelenskyy met US Donald Trump "
        "and the Bank of England in Putin’s Kremlin on Thursday."
    ) == [
        "Reuters",
        "Ukraine",
        "Volodymyr Zelenskyy",
        "US",
        "Donald Trump",
        "Bank of England",
        "Putin",
        "Kremlin",
    ]


def test_demonyms_and_months_are_not_names() -> None:
    assert find_names("Western and Ukrainian officials met in December.") == []


def test_surname_stands_for_the_full_name() -> None:
    mapping = canonical(["Putin", "Vladimir Putin", "Russia", "Putin"])
    assert mapping == {
        "Putin": "Vladimir Putin",
        "Vladimir Putin": "Vladimir Putin",
        "Russia": "Russia",
    }


def title(sentence: str, person: str = "") -> str:
    names = find_names(sentence)
    return make_title(sentence, names, canonical(names), person)


def test_trailing_attribution_moves_to_the_front() -> None:
    assert (
        title(
            "Russia is ready to negotiate a compromise over the war in Ukraine with Donald Trump, "
            "President Vladimir Putin said on Thursday, adding there were no preconditions."
        )
        == "Putin says Russia is ready to negotiate a compromise"
    )


def test_leading_clause_is_dropped_and_pronoun_named() -> None:
    assert (
        title(
            "Although Vladimir Putin said Russia would be ready, "
            "he insisted Kyiv needed to compromise."
        )
        == "Putin insisted Kyiv needed to compromise"
    )
    assert title("He also said that Russia ought to be prepared.", "Putin") == (
        "Putin also said that Russia ought to be prepared"
    )


def test_titles_are_at_most_twelve_words() -> None:
    long = (
        "And Putin ruled out any prospect of a temporary cease-fire in favor of an enduring deal."
    )
    assert title(long) == "Putin ruled out any prospect of a temporary cease-fire"
    assert all(len(title(s).split()) <= 12 for s in [long, "word " * 40])
