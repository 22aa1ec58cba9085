"""English's word lists kept ready to load (pipeline.text.english_lists): they hold what their
libraries give, and the words are weighed as wordfreq weighs them."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import pytest
from english_words import get_english_words_set
from wordfreq import get_frequency_dict, zipf_frequency

from pipeline.text import english_lists
from pipeline.text.english_lists import (
    WordList,
    backwards_words,
    dictionary_words,
    pair_counts,
    word_counts,
    word_frequencies,
)
from pipeline.text.words import common_words, common_words_ending_in, english_zipf, is_listed_word

REPO = Path(__file__).resolve().parents[1]
FIRST_BOOK = REPO / "raw" / "soviet-foreign-policy-vol1.txt"
LISTS = (word_frequencies, word_counts, pair_counts, dictionary_words)


@pytest.fixture
def cache_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The lists cached in ``tmp_path`` (none there yet), read anew; read anew after the test too."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    for listed in LISTS:
        listed.cache_clear()
    yield tmp_path / english_lists.CACHE_FOLDER
    for listed in LISTS:
        listed.cache_clear()


def symspell_counts(name: str) -> dict[str, int]:
    text = (files("symspellpy") / name).read_text(encoding="utf-8")
    return {entry: int(count) for entry, count in (line.rsplit(" ", 1) for line in text.splitlines() if line)}


def as_dict(listed: WordList) -> dict[str, float]:
    assert listed.values is not None
    return {word: listed.get(word) for word in listed}


def test_the_cached_lists_hold_what_their_libraries_give(cache_in: Path) -> None:
    first = {listed.__name__: listed() for listed in LISTS}
    assert sorted(path.name.split("-")[1] for path in cache_in.iterdir()) == [
        "dictionary",
        "frequencies",
        "pair",
        "word",
    ]
    for listed in LISTS:
        listed.cache_clear()
    again = {listed.__name__: listed() for listed in LISTS}  # (now read from the cache)

    frequencies = get_frequency_dict("en", "best")
    counts = symspell_counts("frequency_dictionary_en_82_765.txt")
    pairs = symspell_counts("frequency_bigramdictionary_en_243_342.txt")
    dictionary = get_english_words_set(["web2", "gcide"], lower=True, alpha=True)
    for lists in (first, again):
        assert as_dict(lists["word_frequencies"]) == frequencies
        assert as_dict(lists["word_counts"]) == counts
        assert as_dict(lists["pair_counts"]) == pairs
        assert set(lists["dictionary_words"]) == dictionary
        common = lists["word_frequencies"].valued_at_least(1e-5)
        assert set(common) == {word for word, share in frequencies.items() if share >= 1e-5}
        assert [frequencies[word] for word in common] == sorted(map(frequencies.get, common), reverse=True)
    assert word_counts().get("the") == counts["the"] and "zzzzq" not in word_counts()
    assert pair_counts().get("will be") == pairs["will be"] and pair_counts().get("be will") == 0


def test_the_common_words_ending_in_an_ending_are_those_of_the_frequency_list(cache_in: Path) -> None:
    """The common words that end in an ending, looked up in the list of them spelt backwards, are
    the common words that end so; from the cache too."""
    backwards_words.cache_clear()
    for read in ("from the library", "from the cache"):
        for zipf in (2.5, 4.0):
            common = common_words(zipf)
            for ending in ("ing", "less", "man", "west", "ation", "s", "zzq"):
                found = common_words_ending_in(ending, zipf)
                assert sorted(found) == sorted(word for word in common if word.endswith(ending)), read
        assert len([path for path in cache_in.iterdir() if "backwards" in path.name]) == 2
        backwards_words.cache_clear()


def test_a_damaged_cache_file_is_read_from_the_library_again(cache_in: Path) -> None:
    expected = as_dict(word_counts())
    (cached,) = [path for path in cache_in.iterdir() if "word-counts" in path.name]
    cached.write_bytes(b"not a list")
    word_counts.cache_clear()
    assert as_dict(word_counts()) == expected
    assert cached.read_bytes() != b"not a list"  # (written anew)


def test_a_list_written_anew_removes_its_stale_files_for_other_library_states(cache_in: Path) -> None:
    cache_in.mkdir(parents=True)
    stale, recent, other = (
        cache_in / f"english-{name}.marshal"
        for name in (
            "word-counts-0000000000000000",
            "word-counts-1111111111111111",
            "pair-counts-0000000000000000",
        )
    )
    for path in (stale, recent, other):
        path.write_bytes(b"another state's list")
    month_ago = time.time() - (english_lists.STALE_DAYS + 1) * 86400
    for path in (stale, other):
        os.utime(path, (month_ago, month_ago))
    assert as_dict(word_counts()) == symspell_counts("frequency_dictionary_en_82_765.txt")
    assert not stale.exists()  # (that list's, and written a month ago)
    assert recent.exists() and other.exists()  # (another environment's of late; another list's)
    assert len(list(cache_in.glob("english-word-counts-*"))) == 2  # (the recent one, and the list written)


def test_a_cache_that_cannot_be_written_leaves_the_lists_read_from_their_libraries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # (no folder can be made under a file)
    word_counts.cache_clear()
    try:
        assert as_dict(word_counts()) == symspell_counts("frequency_dictionary_en_82_765.txt")
    finally:
        word_counts.cache_clear()
    assert blocked.read_text(encoding="utf-8") == ""


def test_a_word_is_weighed_as_wordfreq_weighs_it() -> None:
    """Every word of the first book (capitalised, possessive, hyphenated, Cyrillic, with a note's
    marker), as wordfreq's ``zipf_frequency`` gives it, though read from the cached list."""
    text = FIRST_BOOK.read_text(encoding="utf-8")
    words = set(re.findall(r"\S+", text)) | set(re.findall(r"[^\W\d_]+(?:[-'\u2019][^\W\d_]+)*", text))
    samples = {"Lenin\u2019s", "Anglo-Soviet", "наука", "workers\u2019", "l'Europe", "ma'am", "¹²", "Genoa²⁶"}
    differing = [
        (word, english_zipf(word), zipf_frequency(word, "en"))
        for word in sorted(words | samples)
        if english_zipf(word) != zipf_frequency(word, "en")
    ]
    assert differing == []
    plain = [word for word in words if not (word.isascii() and word.isalpha() and word.islower())]
    assert len(plain) > 5000  # (the words looked up by tokens of their own, not only lower-case letters)


def test_a_listed_word_is_one_either_list_has_however_rare() -> None:
    """``is_listed_word``: Google Books' counts (``hangmen``) or the dictionary (``wrathfully``),
    words wordfreq rates rare or has not; not a compound neither has (``whiteguards``)."""
    assert english_zipf("hangmen") < 2 and english_zipf("wrathfully") == 0
    assert word_counts().get("hangmen") and "hangmen" not in dictionary_words()
    assert "wrathfully" in dictionary_words() and not word_counts().get("wrathfully")
    assert is_listed_word("hangmen") and is_listed_word("Wrathfully")
    assert not is_listed_word("whiteguards")
