"""English's word lists, kept ready to load: wordfreq's word frequencies, symspellpy's Google Books
counts of words and of word pairs, and english-words' dictionary.

Read from their libraries, the lists take most of a second in every stage that weighs words:
wordfreq's list becomes a dict of 321,180 words, symspellpy's lists are text to parse, and
english-words unites two pickled sets. The first process to ask for a list writes it, sorted, to
the user's cache (``$XDG_CACHE_HOME/ocr-edition``, else ``~/.cache/ocr-edition``), in a file named
after the library's data files (their sizes and times: a new version of a library makes a new
file); every later process loads it in a hundredth of a second or two and looks words up by
bisection, with no dict or set to hash. Where the cache cannot be written, the list is read from
its library each time, as before.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import time
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

CACHE_FOLDER = "ocr-edition"
LIST_FORMAT = 1  # raised when what a cached list holds changes
LANGUAGE = "en"
STALE_DAYS = 30  # a list's file for another state of its library, written this long ago, is removed


@dataclass(frozen=True)
class WordList:
    """Words in sorted order, each with a value (or none): a lookup bisects the words."""

    words: list[str]
    values: list[float] | list[int] | None = None

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._index(word) is not None

    def get(self, word: str, default: float = 0) -> float:
        """The value of ``word``, or ``default`` for a word not listed."""
        index = self._index(word)
        return default if index is None or self.values is None else self.values[index]

    def _index(self, word: str) -> int | None:
        index = bisect_left(self.words, word)
        return index if index < len(self.words) and self.words[index] == word else None


@cache
def word_frequencies() -> WordList:
    """wordfreq's English words, each with its frequency (a share of all words)."""
    return _cached("frequencies", "wordfreq", _read_word_frequencies)


@cache
def word_counts() -> WordList:
    """symspellpy's 82,765 most frequent English words (lower case), each with its Google Books count."""
    return _cached("word-counts", "symspellpy", lambda: _read_symspell("frequency_dictionary_en_82_765.txt"))


@cache
def pair_counts() -> WordList:
    """symspellpy's 242,342 most frequent English word pairs (``will be``), each with its count."""
    return _cached(
        "pair-counts", "symspellpy", lambda: _read_symspell("frequency_bigramdictionary_en_243_342.txt")
    )


@cache
def dictionary_words() -> WordList:
    """The words of Webster's Second and GCIDE (english-words), lower case letters."""
    return _cached("dictionary", "english_words", _read_dictionary)


def _read_word_frequencies() -> WordList:
    from wordfreq import get_frequency_dict

    frequencies = get_frequency_dict(LANGUAGE, "best")
    words = sorted(frequencies)
    return WordList(words, [frequencies[word] for word in words])


def _read_symspell(name: str) -> WordList:
    from importlib.resources import files

    listed = files("symspellpy") / name
    entries = sorted(line.rsplit(" ", 1) for line in listed.read_text(encoding="utf-8").splitlines() if line)
    return WordList([entry for entry, _ in entries], [int(count) for _, count in entries])


def _read_dictionary() -> WordList:
    from english_words import get_english_words_set

    return WordList(sorted(get_english_words_set(["web2", "gcide"], lower=True, alpha=True)))


def _cached(name: str, package: str, read: Callable[[], WordList]) -> WordList:
    """The list ``name`` from the cache, else from ``read`` (its library), then kept in the cache."""
    path = _cache_folder() / f"english-{name}-{_data_key(package)}.marshal"
    try:
        words, values = marshal.loads(path.read_bytes())
        return WordList(words.split("\n"), values)
    except (OSError, ValueError, EOFError, TypeError, AttributeError):  # (none yet, or damaged)
        pass
    listed = read()
    _write(path, marshal.dumps(("\n".join(listed.words), listed.values)))
    _remove_stale(path.parent, f"english-{name}-", keep=path)
    return listed


def _cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / CACHE_FOLDER


def _data_key(package: str) -> str:
    """A name for the state of ``package``'s files (found without importing it): their names, sizes
    and modification times, and :data:`LIST_FORMAT`."""
    import hashlib  # (3 ms to import: only where a list is loaded; structure and encode load none)

    spec = find_spec(package)
    folders = spec.submodule_search_locations if spec and spec.submodule_search_locations else []
    stamp = [str(LIST_FORMAT)]
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                status = path.stat()
                stamp.append(f"{path.relative_to(folder)} {status.st_size} {status.st_mtime_ns}")
    return hashlib.sha256("\n".join(stamp).encode()).hexdigest()[:16]


def _remove_stale(folder: Path, prefix: str, keep: Path) -> None:
    """Remove the list's files for other states of its library written :data:`STALE_DAYS` ago or
    more (an older version's, or another environment's that has not written it since: that one
    writes it again once), so that installs and upgrades do not fill the cache."""
    oldest = time.time() - STALE_DAYS * 86400
    for path in folder.glob(f"{prefix}*.marshal"):
        with contextlib.suppress(OSError):
            if path != keep and path.stat().st_mtime < oldest:
                path.unlink()


def _write(path: Path, data: bytes) -> None:
    """``data`` written to ``path`` whole (a file of this process's renamed), or not at all where the
    cache cannot be written (a read-only home, a full disk: the list is read from its library each
    time)."""
    unfinished = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        unfinished.write_bytes(data)
        os.replace(unfinished, path)
    except OSError:
        with contextlib.suppress(OSError):
            unfinished.unlink(missing_ok=True)
