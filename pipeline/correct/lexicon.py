"""The evidence a reading is weighed on: the book's own words, English word frequencies (wordfreq),
and a dictionary of rare and old words (english-words); edit distances by rapidfuzz. (English word
pairs are :func:`pipeline.text.words.english_pair`.)"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz.distance import OSA

from pipeline.repair.vocabulary import BookVocabulary
from pipeline.text.english_lists import dictionary_words
from pipeline.text.words import english_zipf

# A word English uses at all (zipf 1: once in a hundred million words) is a word; below it, a non-word.
ENGLISH_ZIPF = 1.0
# Endings of inflected forms a dictionary does not list, and what the dictionary's form ends with
# instead (``premising`` → ``premise``, ``forestries`` → ``forestry``).
INFLECTED_ENDINGS = (
    ("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""),
    ("ing", "e"), ("ly", ""), ("er", ""), ("est", ""),
)  # fmt: skip
# British spellings and the American ones the dictionary lists
BRITISH = (
    (re.compile(r"is(e|ed|es|ing|ation|ations)$"), r"iz\1"),
    (re.compile(r"our"), "or"),
    (re.compile(r"tre$"), "ter"),
)
# Spellings of the book are indexed for the search by edit distance when used at least this often.
INDEXED_MIN_COUNT = 3
TEXT_END = "\x00"  # stands between two texts for the count of pairs: no pair holds it
NAME_ENDING_MAX = 5  # the longest ending of names counted (``-enko``, ``-vich``, ``-sky``)
# A name English uses less often than this is counted a name (word frequencies know some surnames).
COMMON_NAME_ZIPF = 3.0
# A book spells its names variously (quoting old records: ``Kilruddery``, ``Killruddery``; ``Sillan``,
# ``Sillean``) where this many pairs of its names, each used twice or more and this long, differ by a
# letter added (not an ending: ``Chuliahs``, Latin's ``Cualanni``).
VARIOUS_NAMES_MIN_PAIRS = 3
VARIOUS_NAME_MIN_LENGTH = 6
NAME_ENDINGS = ("s", "i")
# The words whose neighbours are read from the book's pairs one word at a time (a book asks of a few,
# and listing every word's neighbours takes longer than reading the pairs a few times); past so many,
# every word's are listed at once.
NEIGHBOURS_READ_ALONE = 8  # a plural, or Latin's genitive (``Nototherium Mitchelli``)


@lru_cache(maxsize=65536)
def in_dictionary(word: str) -> bool:
    """Whether the dictionary lists ``word`` or, inflected, its stem (any case), in its own spelling
    or the American one (``Germanise``, ``colour``, ``centre``)."""
    word = word.lower()
    return any(_listed(spelling) for spelling in {word, *(pattern.sub(us, word) for pattern, us in BRITISH)})


def _listed(word: str) -> bool:
    words = dictionary_words()
    return word in words or any(
        word.endswith(ending) and word[: len(word) - len(ending)] + stem in words
        for ending, stem in INFLECTED_ENDINGS
        if len(word) > len(ending) + 2
    )


def without_accents(word: str) -> str:
    """``word`` with its combining accents taken off (``Kálinin`` → ``Kalinin``)."""
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _deletions(word: str) -> set[str]:
    """``word`` and every string made by deleting one of its characters."""
    return {word} | {word[:k] + word[k + 1 :] for k in range(len(word))}


class Lexicon:
    """The book's word forms (counted as :class:`BookVocabulary` counts them), its pairs of words side
    by side, and English frequencies.

    The book's frequent spellings are indexed by their one-character deletions (the symmetric-delete
    search): the spellings one edit from a word are found without comparing it with every word.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        # (the texts read as one, a line each: far quicker than text by text, and no pair of words
        # is counted across two texts)
        whole = "\n".join(texts)
        self.book = BookVocabulary.from_texts([whole])
        self._index: dict[str, set[str]] = defaultdict(set)
        for word, count in self.book.words.items():
            if count >= INDEXED_MIN_COUNT and "-" not in word:
                for variant in _deletions(word):
                    self._index[variant].add(word)
        # (every pair of chunks is counted, in C; only pairs of words are ever asked for)
        chunks = whole.lower().replace("\n", f" {TEXT_END} ").split()
        self.chunks = Counter(chunks)  # the space-separated chunks, lower case (``follows:``)
        # the chunks that open the texts, as written (``I.``, ``11.``: the numbers of a list's items)
        self.openers = Counter(text.split(maxsplit=1)[0] for text in texts if text.strip())
        self.pairs = Counter(itertools.pairwise(chunks))
        self._name_endings: Counter[str] | None = None  # (counted when first asked)
        self._beside: dict[str, tuple[Counter[str], Counter[str]]] | None = None  # (the same)
        self._beside_read: dict[str, tuple[Counter[str], Counter[str]]] = {}  # (a word's, read alone)
        self._frequent: dict[int, list[str]] = {}  # the spellings used so often (listed when first asked)
        self._close: dict[tuple[str, int], list[str]] = {}  # the close spellings found, by word and count
        self._names_vary: bool | None = None  # (found when first asked)
        self._capitalised_forms: dict[str, str] = {}
        for form, _ in sorted(self.book.capitalised.items(), key=lambda item: item[1]):
            self._capitalised_forms[form.lower()] = form  # (the most frequent form last, so kept)

    def beside(self, word: str) -> tuple[Counter[str], Counter[str]]:
        """The words the book has before ``word`` and after it (lower case, with only a space
        between), each with how often: for the first words asked (:data:`NEIGHBOURS_READ_ALONE`),
        read from the pairs for that word alone, then listed for every word at once."""
        key = word.lower()
        if self._beside is None and key not in self._beside_read:
            if len(self._beside_read) < NEIGHBOURS_READ_ALONE:
                self._beside_read[key] = self._neighbours(key)
            else:
                self._beside = self._every_word_neighbours()
        if self._beside is None:
            return self._beside_read[key]
        return self._beside.get(key, (Counter(), Counter()))

    def _neighbours(self, key: str) -> tuple[Counter[str], Counter[str]]:
        """The words before ``key`` and after it, read from every pair of the book."""
        before: Counter[str] = Counter()
        after: Counter[str] = Counter()
        for (first, second), uses in self.pairs.items():
            if second == key:
                before[first] += uses
            if first == key:
                after[second] += uses
        return before, after

    def _every_word_neighbours(self) -> dict[str, tuple[Counter[str], Counter[str]]]:
        """Every word's words before it and after it, from one reading of the book's pairs."""
        neighbours: dict[str, tuple[Counter[str], Counter[str]]] = defaultdict(lambda: (Counter(), Counter()))
        for (first, second), uses in self.pairs.items():
            neighbours[second][0][first] += uses
            neighbours[first][1][second] += uses
        return neighbours

    def written(self, word: str, like: str) -> str:
        """``word`` as the book writes it most often, capitalised if ``like`` is (``MacDonald``), if
        the book never writes it in lower case (``ridelisford``: ``Ridelesford``), or if it mostly
        capitalises it and ``like`` begins with another letter, read for the capital
        (``lyrconnell``: ``Tyrconnell``; but ``the convenaion``: ``convention``)."""
        capitalised = self.capitalised(word)
        misread_capital = like[:1].lower() != word[:1].lower() and 2 * capitalised > self.count(word)
        if like[:1].isupper() or capitalised == self.count(word) or misread_capital:
            return self._capitalised_forms.get(word.lower(), word[:1].upper() + word[1:])
        return word

    def names_ending(self, ending: str) -> int:
        """How many of the book's names (capitalised words, not in the dictionary nor common) end with
        ``ending``."""
        if self._name_endings is None:
            self._name_endings = Counter(
                name.lower()[-size:]
                for name in self.book.capitalised
                if name.isalpha() and self.zipf(name) < COMMON_NAME_ZIPF and not in_dictionary(name)
                for size in range(2, NAME_ENDING_MAX + 1)
                if len(name) > size + 2
            )
        return self._name_endings[ending.lower()]

    def spells_names_variously(self) -> bool:
        """Whether the book spells its names in more ways than one: many pairs of its names, each
        used more than once, differ by a letter added (found once, by their one-letter deletions)."""
        if self._names_vary is None:
            names = [
                name
                for name, uses in self.book.capitalised.items()
                if uses >= 2
                and len(name) >= VARIOUS_NAME_MIN_LENGTH
                and name.isalpha()
                and name[1:].islower()
                and self.zipf(name) < COMMON_NAME_ZIPF
                and not in_dictionary(name)
            ]
            shorter: defaultdict[str, set[str]] = defaultdict(set)
            for name in names:
                for at in range(1, len(name)):  # (the first letter kept: a name's capital)
                    shorter[name[:at] + name[at + 1 :]].add(name)
            pairs = [
                (short, long)
                for short in names
                for long in shorter.get(short, ())
                if long[len(short) :] not in NAME_ENDINGS or not long.startswith(short)
            ]
            self._names_vary = len(pairs) >= VARIOUS_NAMES_MIN_PAIRS
        return self._names_vary

    def pair(self, first: str, second: str) -> int:
        """How often the book has ``first second``, two words with only a space between (any case)."""
        if not (first.isalpha() and second.isalpha()):
            return 0
        return self.pairs[first.lower(), second.lower()]

    def count(self, word: str) -> int:
        """How often the book uses ``word`` (any case)."""
        return self.book.words[word.lower()]

    def zipf(self, word: str) -> float:
        return english_zipf(word.lower())

    def is_english(self, word: str) -> bool:
        """An English word: in use (word frequencies), or in the dictionary."""
        return self.zipf(word) >= ENGLISH_ZIPF or in_dictionary(word)

    def is_word(self, word: str) -> bool:
        """An English word, or one the book uses more than twice."""
        return self.count(word) > 2 or self.is_english(word)

    def capitalised(self, word: str) -> int:
        """How often the book writes ``word`` capitalised (``word`` as written, first letter upper)."""
        return self.book.capitalised[word[:1].upper() + word[1:]]

    def close_spellings(self, word: str, min_count: int) -> list[str]:
        """The book's spellings used at least ``min_count`` times, one or two edits from ``word``
        (two letters swapped are one edit), the closest only; lower case."""
        from rapidfuzz.process import extract

        if (word, min_count) in self._close:
            return self._close[word, min_count]
        if min_count not in self._frequent:
            self._frequent[min_count] = [w for w, count in self.book.words.items() if count >= min_count]
        found = extract(
            word.lower(), self._frequent[min_count], scorer=OSA.distance, score_cutoff=2, limit=None
        )
        closest = min((distance for _, distance, _ in found), default=0)
        spellings = self._close[word, min_count] = [
            spelling for spelling, distance, _ in found if distance == closest
        ]
        return spellings

    def neighbours(self, word: str) -> list[str]:
        """The book's frequent spellings one edit (insertion, deletion, substitution or
        transposition) from ``word``, lower case."""
        word = word.lower()
        found = {near for variant in _deletions(word) for near in self._index.get(variant, ())}
        return sorted(
            near for near in found if near != word and OSA.distance(word, near, score_cutoff=1) <= 1
        )
