"""Letters and words, and how common a word, or a pair of words, is in English."""

from __future__ import annotations

import math
import unicodedata
from functools import cache, lru_cache
from string import ascii_lowercase

from pipeline.lazy_re import lazy_compile
from pipeline.text.english_lists import (
    backwards_words,
    dictionary_words,
    pair_counts,
    word_counts,
    word_frequencies,
)
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

# A word wordfreq reads as we can: letters of the Latin, Greek or Cyrillic alphabet, perhaps an
# apostrophe and more letters within (``government's``, ``don't``; not a straight one after one or two
# letters before a vowel or ``h``, where it parts an elided article: ``l'Europe``, ``ma'am``), perhaps
# one at the end (dropped: ``workers'``); the words parted by marks it reads as no part of a word
# (hyphens, brackets, a note's marker: ``Anglo-Soviet``, ``Genoa²⁶``), perhaps a stop after them
SIMPLE_LETTER = "[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]"
ELIDED_BEFORE = "[AEHIOUYÁÉÍÓÚÀÈÌÒÙÂÊÎÔÛÅÏÖŒaehiouyáéíóúàèìòùâêîôûåïöœ]"  # (wordfreq's list)
SIMPLE_TOKEN = (
    f"(?!{SIMPLE_LETTER}{SIMPLE_LETTER}?'{ELIDED_BEFORE})"
    f"(?P<token>{SIMPLE_LETTER}+(?:['\u2019]{SIMPLE_LETTER}+)?)['\u2019]?(?!{SIMPLE_LETTER})"
)
SIMPLE_TOKEN_RE = lazy_compile(SIMPLE_TOKEN)
NOT_IN_WORDS = f'[-*()\\[\\],;!?"/{SUPERSCRIPT_DIGITS}]'
# (a full stop or colon between letters is within a word to it: ``i.e``, ``U.S``)
SIMPLE_WORD_RE = lazy_compile(
    f"(?:{NOT_IN_WORDS}*{SIMPLE_TOKEN}(?:[.:]+(?!{SIMPLE_LETTER}))?)*{NOT_IN_WORDS}*"
)
LETTER = rf"[^\W\d_{SUPERSCRIPT_DIGITS}]"  # a letter: Python counts superscript digits as word characters
WORD = rf"{LETTER}+(?:[-'\u2019]{LETTER}+)*"  # letters, perhaps joined by hyphens or apostrophes
WORD_RE = lazy_compile(WORD)
FIRST_WORD_RE = lazy_compile(r"^[^\w]*(?P<word>[^\W_]+)")
# the last word, found from the end: ``.*`` runs to the end and backs up to the word's start
LAST_WORD_RE = lazy_compile(r"(?s).*(?<![^\W_])(?P<word>[^\W_]+)[^\w]*$")


@lru_cache(maxsize=65536)
def english_zipf(word: str) -> float:
    """Zipf frequency of ``word`` in English (0 for unknown words), cached: wordfreq's
    ``zipf_frequency``, the word looked up in the cached list (:mod:`pipeline.text.english_lists`).

    A word of lower-case ASCII letters is looked up as it is; a word of Latin, Greek or Cyrillic
    letters, perhaps in parts joined by hyphens, as wordfreq reads it (:func:`_simple_tokens`);
    any other word by wordfreq itself (its tokenizer and list take a third of a second to load).
    """
    if word.isascii() and word.isalpha() and word.islower():
        return _zipf(word_frequencies().get(word, 0.0))
    tokens = _simple_tokens(word)
    if tokens is None:
        from wordfreq import zipf_frequency

        return zipf_frequency(word, LANGUAGE)
    frequencies = [word_frequencies().get(token, 0.0) for token in tokens]
    if not frequencies or not all(frequencies):
        return 0.0
    combined = 1.0 / sum(1.0 / frequency for frequency in frequencies)
    return _zipf(round(combined, math.floor(-math.log10(combined)) + 3))  # (wordfreq's 3 significant digits)


def _zipf(frequency: float) -> float:
    """A share of all words on the Zipf scale (the log of a word's uses in a billion), to hundredths
    as wordfreq gives it; 0 for a word never used (the inverse of :func:`zipf_share`)."""
    return round(math.log10(frequency) + 9, 2) if frequency else 0.0


def _simple_tokens(word: str) -> list[str] | None:
    """The tokens wordfreq reads ``word`` as, where it is plain (:data:`SIMPLE_WORD_RE`), case-folded,
    apostrophes made straight (``Anglo-Soviet``: ``anglo``, ``soviet``; ``Lenin\u2019s``:
    ``lenin's``; ``наука``; ``¹²``: none); ``None`` for any other word (digits, accents as marks of
    their own, ``l'Europe``)."""
    text = unicodedata.normalize("NFC", word)
    if SIMPLE_WORD_RE.fullmatch(text) is None:
        return None
    tokens = (match.group("token") for match in SIMPLE_TOKEN_RE.finditer(text))
    return [token.replace("\u2019", "'").casefold() for token in tokens]


def english_frequency(word: str) -> float:
    """How often English uses ``word`` (lower case), as a share of all its words; 0 for unknown words."""
    return word_frequencies().get(word, 0.0)


# How often Google Books has the least frequent of the word pairs symspellpy lists (about), and a
# pair English has often (20 million times or more).
LEAST_LISTED_PAIR = 6_400_000
STRONG_PAIR = 20_000_000


def english_pair(first: str, second: str) -> int:
    """How often Google Books has ``first second`` (any case), as symspellpy lists its 242,342 most
    frequent English word pairs (``will be``: 22,795,200,576); 0 for a pair not listed, which is rare,
    not wrong (:data:`LEAST_LISTED_PAIR`)."""
    return int(pair_counts().get(f"{first.lower()} {second.lower()}", 0))


def english_count(word: str) -> int:
    """How often Google Books has ``word`` (any case), as symspellpy lists its 82,765 most frequent
    English words (the counts :func:`english_pair` can be weighed against); 0 for a word not listed."""
    return int(word_counts().get(word.lower(), 0))


def is_listed_word(word: str) -> bool:
    """Whether English's word lists have ``word`` (any case): Google Books' counts
    (:func:`english_count`) or the dictionary (Webster's Second and GCIDE), however rare it is."""
    return english_count(word) > 0 or word.lower() in dictionary_words()


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
    return frozenset(filter(str.isalpha, word_frequencies().valued_at_least(zipf_share(zipf))))


def common_words_ending_in(ending: str, zipf: float) -> list[str]:
    """The words of :func:`common_words` (``zipf``) that end in ``ending``, ``ending`` itself too."""
    return [word[::-1] for word in backwards_words(zipf_share(zipf)).trie.iterkeys(ending[::-1])]


def first_word(text: str) -> str:
    """The first word of ``text`` (letters and digits, after any punctuation), or ``""``."""
    match = FIRST_WORD_RE.match(text)
    return match.group("word") if match else ""


def last_word(text: str) -> str:
    """The last word of ``text`` (letters and digits, before any punctuation), or ``""``."""
    match = LAST_WORD_RE.match(text)
    return match.group("word") if match else ""
