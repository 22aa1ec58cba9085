"""English's word lists, kept ready to load: wordfreq's word frequencies (and its common words spelt
backwards, for the words that end in an ending), symspellpy's Google Books counts of words and of
word pairs, and english-words' dictionary.

Read from their libraries, the lists take most of a second in every stage that weighs words:
wordfreq's list becomes a dict of 321,180 words, symspellpy's lists are text to parse, and
english-words unites two pickled sets. The first process to ask for a list writes it to the user's
cache (``$XDG_CACHE_HOME/ocr-edition``, else ``~/.cache/ocr-edition``) as a trie (marisa-trie's, a
static trie stored as bytes: read back whole, with no string made of its words) and its values in
the order of the trie's keys, in a file named after the library's data files (their sizes and times:
a new version of a library makes a new file); every later process maps the file and reads its
values where they lie (:meth:`WordList.from_buffer`), in about two milliseconds a list. Where the
cache cannot be written, the list is read from its library each time, as before.
"""

from __future__ import annotations

import contextlib
import marshal
import mmap
import operator
import os
import time
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    import marisa_trie

CACHE_FOLDER = "ocr-edition"
LIST_FORMAT = 3  # raised when what a cached list holds, or how, changes
LANGUAGE = "en"
STALE_DAYS = 30  # a list's file for another state of its library, written this long ago, is removed
FREQUENCY = "d"  # the array type of a frequency (a float) and of a count (an integer)
COUNT = "q"


Values: TypeAlias = "array[float] | array[int] | memoryview"  # a list's values, in its trie's key order


class WordList:
    """Words in a trie, each with a value or none: a word's value stands in ``values`` at the index
    the trie gives it as its key. A list with values also holds its words from the highest value
    down (``ranked``, UTF-8, a word a line) with their values (``ranked_values``), for the words of
    a value or more without asking the trie for each (:meth:`valued_at_least`)."""

    def __init__(
        self,
        trie: marisa_trie.Trie,
        values: Values | None = None,
        ranked: bytes | memoryview = b"",
        ranked_values: Values | None = None,
    ) -> None:
        self.trie = trie
        self.values = values
        self.ranked = ranked
        self.ranked_values = ranked_values

    @classmethod
    def of(
        cls, words: Iterable[str], values: Mapping[str, float] | None = None, kind: str = FREQUENCY
    ) -> WordList:
        """The list of ``words``, each with its value in ``values`` (arrays of type ``kind``)."""
        import marisa_trie  # (3 ms to import: only where a list is loaded; structure and encode load none)

        trie = marisa_trie.Trie(words)
        if values is None:
            return cls(trie)
        ranked = sorted(trie.iterkeys(), key=values.__getitem__, reverse=True)
        return cls(
            trie,
            array(kind, map(values.__getitem__, map(trie.restore_key, range(len(trie))))),
            "\n".join(ranked).encode(),
            array(kind, map(values.__getitem__, ranked)),
        )

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word in self.trie

    def __iter__(self) -> Iterator[str]:
        return iter(self.trie.iterkeys())

    def get(self, word: str, default: float = 0) -> float:
        """The value of ``word``, or ``default`` for a word not listed."""
        key = self.trie.get(word)
        return default if key is None or self.values is None else self.values[key]

    def valued_at_least(self, least: float) -> list[str]:
        """The words whose value is ``least`` or more, from the highest value down."""
        count = bisect_right(self.ranked_values or (), -least, key=operator.neg)
        return str(self.ranked, "utf-8").split("\n", count)[:count] if count else []

    def to_bytes(self) -> bytes:
        """The list as :meth:`from_buffer` reads it: the length of a header (8 bytes), the header (the
        arrays' types and each part's length), then the parts, each from a multiple of 8 bytes: the
        trie, the values, the ranked values and the ranked words."""
        arrays = [self.values, self.ranked_values]
        kinds = [
            "" if listed is None else listed.typecode if isinstance(listed, array) else listed.format
            for listed in arrays
        ]
        parts = [self.trie.tobytes(), *(bytes(listed or b"") for listed in arrays), bytes(self.ranked)]
        header = _padded(marshal.dumps((kinds, [len(part) for part in parts])))
        return len(header).to_bytes(HEADER_LENGTH, "little") + header + b"".join(map(_padded, parts))

    @classmethod
    def from_buffer(cls, data: bytes | mmap.mmap) -> WordList:
        """The list :meth:`to_bytes` wrote, its values and ranked words read in place from ``data``
        (a mapped file's pages: nothing copied but the trie); :class:`ValueError` for data it did not
        write."""
        import marisa_trie  # (as :meth:`of`)

        view = memoryview(data)
        try:
            start = HEADER_LENGTH + int.from_bytes(view[:HEADER_LENGTH], "little")
            kinds, lengths = marshal.loads(view[HEADER_LENGTH:start])
            parts = []
            for length in lengths:
                parts.append(view[start : start + length])
                start += length + -length % 8
            trie = marisa_trie.Trie().frombytes(bytes(parts[0]))
            values, ranked_values = (
                part.cast(kind) if kind else None for kind, part in zip(kinds, parts[1:3], strict=True)
            )
        except (EOFError, TypeError, ValueError, RuntimeError, IndexError) as error:
            raise ValueError(f"not a word list: {error}") from None
        if any(listed is not None and len(listed) != len(trie) for listed in (values, ranked_values)):
            raise ValueError("not a word list: a value for each word")
        return cls(trie, values, parts[3], ranked_values)


HEADER_LENGTH = 8  # bytes of a cached list's header length


def _padded(part: bytes) -> bytes:
    """``part`` with zero bytes after it up to a multiple of 8 (each array of a cached list starts
    at one, as its type wants)."""
    return part + bytes(-len(part) % 8)


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
def backwards_words(least: float) -> WordList:
    """wordfreq's English words of letters only with a frequency of ``least`` or more, each spelt
    backwards (``gnimoc``): the words that end in an ending are the keys beginning with it spelt
    backwards (:func:`pipeline.text.words.common_words_ending_in`), found without reading every word."""
    return _cached(f"backwards-{least:.6g}", "wordfreq", lambda: _read_backwards_words(least))


@cache
def dictionary_words() -> WordList:
    """The words of Webster's Second and GCIDE (english-words), lower case letters."""
    return _cached("dictionary", "english_words", _read_dictionary)


def _read_word_frequencies() -> WordList:
    from wordfreq import get_frequency_dict

    frequencies = get_frequency_dict(LANGUAGE, "best")
    return WordList.of(frequencies, frequencies)


def _read_backwards_words(least: float) -> WordList:
    words = word_frequencies().valued_at_least(least)
    return WordList.of(word[::-1] for word in words if word.isalpha())


def _read_symspell(name: str) -> WordList:
    from importlib.resources import files

    listed = files("symspellpy") / name
    lines = listed.read_text(encoding="utf-8").splitlines()
    counts = {entry: int(count) for entry, count in (line.rsplit(" ", 1) for line in lines if line)}
    return WordList.of(counts, counts, COUNT)


def _read_dictionary() -> WordList:
    from english_words import get_english_words_set

    return WordList.of(get_english_words_set(["web2", "gcide"], lower=True, alpha=True))


def _cached(name: str, package: str, read: Callable[[], WordList]) -> WordList:
    """The list ``name`` from the cache, else from ``read`` (its library), then kept in the cache."""
    path = _cache_folder() / f"english-{name}-{_data_key(package)}.list"
    try:
        with open(path, "rb") as handle:  # (mapped, not read: only the pages asked for are)
            return WordList.from_buffer(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
    except (OSError, ValueError):  # (none yet, or damaged)
        pass
    listed = read()
    _write(path, listed.to_bytes())
    _remove_stale(path.parent, f"english-{name}-", keep=path)
    return listed


def _cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / CACHE_FOLDER


@cache
def _data_key(package: str) -> str:
    """A name for the state of ``package``'s files (found without importing it): their names, sizes
    and modification times, and :data:`LIST_FORMAT` (read once a process: two lists of a library
    ask for it)."""
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
    for path in folder.glob(f"{prefix}*"):  # (``.marshal``: the files of a list format before 3)
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
