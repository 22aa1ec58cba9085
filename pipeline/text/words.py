"""Letters and words, and how common a word, or a pair of words, is in English."""

from __future__ import annotations

import math
import re
from functools import cache, lru_cache
from string import ascii_lowercase

from pipeline.text.markers import SUPERSCRIPT_DIGITS

LANGUAGE = "en"
# Words this frequent (Zipf scale) are grammatical words (the, of, and, with, into; "between" is
# 5.8 and "international" 5.4, so the line is drawn at 6).
FUNCTION_WORD_ZIPF = 6.0

# English month names (the typographic rules for date ranges and the chronology's dates read them)
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTH = f"(?:{'|'.join(MONTHS)})"  # a month's name, as a regex

LETTER = rf"[^\W\d_{SUPERSCRIPT_DIGITS}]"  # a letter: Python counts superscript digits as word characters
WORD = rf"{LETTER}+(?:[-'\u2019]{LETTER}+)*"  # letters, perhaps joined by hyphens or apostrophes
WORD_RE = re.compile(WORD)
FIRST_WORD_RE = re.compile(r"^[^\w]*(?P<word>[^\W_]+)")
# the last word, found from the end: ``.*`` runs to the end and backs up to the word's start
LAST_WORD_RE = re.compile(r"(?s).*(?<![^\W_])(?P<word>[^\W_]+)[^\w]*$")


@lru_cache(maxsize=65536)
def english_zipf(word: str) -> float:
    """Zipf frequency of ``word`` in English (0 for unknown words), cached.

    A word of lower-case ASCII letters is looked up in the frequency list itself: what
    ``zipf_frequency`` gives for it, without its tokenizer (a tenth of the time).
    """
    if word.isascii() and word.isalpha() and word.islower():
        frequency = _english_frequencies().get(word, 0.0)
        return round(math.log10(frequency) + 9, 2) if frequency else 0.0
    from wordfreq import zipf_frequency  # (loading it takes a tenth of a second: only when asked)

    return zipf_frequency(word, LANGUAGE)


def english_frequency(word: str) -> float:
    """How often English uses ``word`` (lower case), as a share of all its words; 0 for unknown words."""
    return _english_frequencies().get(word, 0.0)


@cache
def _english_frequencies() -> dict[str, float]:
    """English words and their frequencies (wordfreq's list)."""
    from wordfreq import get_frequency_dict

    return get_frequency_dict(LANGUAGE, "best")  # (as wordfreq asks for it: the list is loaded once)


# How often Google Books has the least frequent of the word pairs symspellpy lists (about), and a
# pair English has often (20 million times or more).
LEAST_LISTED_PAIR = 6_400_000
STRONG_PAIR = 20_000_000


def english_pair(first: str, second: str) -> int:
    """How often Google Books has ``first second`` (any case), as symspellpy lists its 242,342 most
    frequent English word pairs (``will be``: 22,795,200,576); 0 for a pair not listed, which is rare,
    not wrong (:data:`LEAST_LISTED_PAIR`)."""
    return int(_english_pairs().get(f"{first.lower()} {second.lower()}", 0))


def english_count(word: str) -> int:
    """How often Google Books has ``word`` (any case), as symspellpy lists its 82,765 most frequent
    English words (the counts :func:`english_pair` can be weighed against); 0 for a word not listed."""
    return int(_english_counts().get(word.lower(), 0))


@cache
def _english_counts() -> dict[str, str]:
    """symspellpy's list of English words, each with its count (as text: read when asked)."""
    return _symspell_list("frequency_dictionary_en_82_765.txt")


@cache
def _english_pairs() -> dict[str, str]:
    """symspellpy's list of English word pairs, each with its count (as text: read when asked)."""
    return _symspell_list("frequency_bigramdictionary_en_243_342.txt")


def _symspell_list(name: str) -> dict[str, str]:
    """One of symspellpy's frequency lists: each entry (a word or a pair) and its count, as text."""
    from importlib.resources import files

    listed = files("symspellpy") / name
    return dict(line.rsplit(" ", 1) for line in listed.read_text(encoding="utf-8").splitlines() if line)


def edits(word: str) -> set[str]:
    """Every spelling one edit from ``word`` in lower-case letters: a letter changed, added, left
    out, or two side by side swapped."""
    cuts = [(word[:at], word[at:]) for at in range(len(word) + 1)]
    found = {head + tail[1:] for head, tail in cuts if tail}
    found |= {head + tail[1] + tail[0] + tail[2:] for head, tail in cuts if len(tail) > 1}
    found |= {head + letter + tail[1:] for head, tail in cuts if tail for letter in ascii_lowercase}
    found |= {head + letter + tail for head, tail in cuts for letter in ascii_lowercase}
    found.discard(word)
    return found


def is_function_word(word: str) -> bool:
    """True for very frequent grammatical words (articles, prepositions, conjunctions, pronouns)."""
    return english_zipf(word.lower()) >= FUNCTION_WORD_ZIPF


def function_words() -> frozenset[str]:
    """Every word :func:`is_function_word` is true for (lower case letters), from the frequency list."""
    return common_words(FUNCTION_WORD_ZIPF)


def zipf_share(zipf: float) -> float:
    """The share of all English words a word of frequency ``zipf`` has (a zipf value is the log of a
    word's frequency per billion words)."""
    return float(10 ** (zipf - 9))


@cache
def common_words(zipf: float) -> frozenset[str]:
    """English's words (lower case letters) used at ``zipf`` or more, from the frequency list."""
    least = zipf_share(zipf)
    frequencies = _english_frequencies()
    return frozenset(word for word, frequency in frequencies.items() if frequency >= least and word.isalpha())


def first_word(text: str) -> str:
    """The first word of ``text`` (letters and digits, after any punctuation), or ``""``."""
    match = FIRST_WORD_RE.match(text)
    return match.group("word") if match else ""


def last_word(text: str) -> str:
    """The last word of ``text`` (letters and digits, before any punctuation), or ``""``."""
    match = LAST_WORD_RE.match(text)
    return match.group("word") if match else ""
