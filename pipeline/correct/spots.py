"""Where the corrector reads: a place's text in chunks (:class:`Spot`, a chunk with the words
beside it), the reading a rule proposes for one (:class:`Reading`), and what the rules share: the
word of a chunk, the OCR confusions of a word, whether a word is known.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from pipeline.correct.lexicon import Lexicon
from pipeline.lazy_re import lazy_compile
from pipeline.text.ocr import CONFUSIONS, MINIM_RUN_RE, MINIM_STROKES
from pipeline.text.words import LETTER

# what stands for a part that is no text (a note's marker, a page break) in a place's text
OBJECT = "\ufffc"

# a chunk: what stands between spaces, cut at a stand-in for a part (a note's marker after a word)
# unless it stands between two letters (a page break cutting a word)
CHUNK_RE = lazy_compile(rf"(?:[^\s{OBJECT}]|(?<={LETTER}){OBJECT}(?={LETTER}))+")
NEXT_CHUNK_RE = lazy_compile(r"\S+")  # (as ``str.split`` parts the text)
# a chunk's word: letters, with any hyphens and apostrophes inside (what is around it is punctuation)
CORE_RE = lazy_compile(rf"{LETTER}+(?:[-'\u2019]{LETTER}+)*")
LETTERS_RE = lazy_compile(rf"^{LETTER}+$")
POSSESSIVE_RE = lazy_compile(r"['\u2019]s$")
# marks after the word beside a chunk that leave the two a pair of words
PAIR_ENDING_MARKS = '.,;:!?\u2019\u201d")'
UNREAD = "unread"  # the kind of the reading of a word no rule proposes a reading for
# A longer chunk is not judged: no word OCR misread (the longest chunk of 18 real books has 54
# characters, hyphens and dashes joining eight names), and the readings tried grow with its length cubed.
LONGEST_CHUNK = 64
# A word is common in English from this frequency (zipf 3: once in a million words) ...
COMMON_ZIPF = 3.0
# ... and very common from this one (``his``, ``the``, ``must``).
VERY_COMMON_ZIPF = 5.0
# A word the book uses this often is one of its own words (its spelling, its vocabulary).
FREQUENT_COUNT = 5
# A word the book uses this often, and to end a sentence at most once in this many uses, ends none: a
# stop or a capital after it is misread.
NEVER_ENDING_MIN_COUNT = 20
NEVER_ENDING_SHARE = 50
# A rare English word (below this) next to a very common one a confusion away may be misread.
RARE_ZIPF = 3.5


@dataclass(frozen=True)
class Reading:
    """A proposed correction: ``sic`` at ``start:end`` of a place's text should read ``corr``, with
    the rule's confidence (0 to 1) and the evidence it weighed (``reason``)."""

    start: int
    end: int
    sic: str
    corr: str
    kind: str  # letters, speck, digits, glued, split, inner-hyphen, real-word, spelling, punctuation, case,
    # unread
    confidence: float
    reason: str


@dataclass(frozen=True)
class Spot:
    """A chunk of a place's text (``text[start:end]``) with the words before and after it."""

    text: str
    start: int
    end: int
    before: str
    after: str

    @property
    def chunk(self) -> str:
        return self.text[self.start : self.end]

    def in_emphasis(self) -> bool:
        """Inside the OCR's ``*emphasis*`` (where titles and foreign words stand)."""
        asterisks_before = bisect.bisect_left(places_of(self.text, "*"), self.start)
        return asterisks_before % 2 == 1 or self.chunk.startswith("*")

    def word_after(self) -> str:
        """The word after the chunk where only a space parts them from a word (marks after that word
        are no matter: ``may he found,``), else ``""``: the neighbour a pair of words is read with."""
        following = self.after.rstrip(PAIR_ENDING_MARKS)
        if not following.isalpha() or not self.chunk[-1:].isalpha():
            return ""
        return following

    def cut_by_part_after(self) -> bool:
        """Whether a stand-in for a part (a page break) follows the chunk at once: a word cut there."""
        return self.text.startswith(OBJECT, self.end)

    def chunk_at(self, start: int) -> str:
        """The first chunk of the text from ``start`` on (spaces before it skipped), or ``""``."""
        match = NEXT_CHUNK_RE.search(self.text, start)
        return match.group() if match else ""

    def core(self) -> re.Match[str] | None:
        """The chunk's word (letters, inner hyphens and apostrophes), if it has one."""
        return CORE_RE.search(self.chunk)

    def reading(self, at: int, sic: str, corr: str, kind: str, confidence: float, reason: str) -> Reading:
        """A reading of ``sic`` at offset ``at`` of the chunk."""
        start = self.start + at
        return Reading(start, start + len(sic), sic, corr, kind, confidence, reason)


@lru_cache(maxsize=8)  # (the rules read a text's chunks one after another: each text's found once)
def places_of(text: str, characters: str) -> list[int]:
    """Where any of ``characters`` stands in ``text``, in order (a place's count before a chunk, or the
    last before it, is then a bisection, not a search of the text before it at every chunk)."""
    return [match.start() for match in re.finditer(f"[{re.escape(characters)}]", text)]


def letters_to_read(spot: Spot, shortest: int) -> tuple[re.Match[str], str] | None:
    """The chunk's word (its match, and the word without a possessive ending) if it is letters
    only, not all capitals, and ``shortest`` letters or more: what the letter rules read."""
    match = spot.core()
    if match is None:
        return None
    word = POSSESSIVE_RE.sub("", match.group())
    if len(word) < shortest or word.isupper() or not LETTERS_RE.match(word):
        return None
    return match, word


def word_of(chunk: str) -> str:
    """The first word of ``chunk`` (letters, inner hyphens and apostrophes), or ``""``."""
    match = CORE_RE.search(chunk)
    return match.group() if match else ""


def match_case(word: str, like: str) -> str:
    """``word`` in the case of ``like``: capitals, capitalised, or as it is."""
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def known(word: str, lexicon: Lexicon) -> bool:
    """A word the book uses, or a common English one."""
    return lexicon.count(word) >= 2 or lexicon.zipf(word) >= COMMON_ZIPF


def ends_no_sentence(word: str, lexicon: Lexicon, *, stops_here: int = 0) -> bool:
    """A very common word the book uses often and hardly ever ends a sentence with (counting the
    ``stops_here`` after it at the place read apart)."""
    if lexicon.zipf(word) < VERY_COMMON_ZIPF or lexicon.count(word) < NEVER_ENDING_MIN_COUNT:
        return False
    ends = lexicon.book.sentence_final[word.lower()] - stops_here
    return ends * NEVER_ENDING_SHARE <= lexicon.count(word)


def is_common_word(part: str, lexicon: Lexicon) -> bool:
    """A word English uses often (a single letter only if it is ``a``, ``I`` or ``O``)."""
    if len(part) == 1:
        return part in "aAIO"
    return lexicon.zipf(part) >= COMMON_ZIPF or lexicon.count(part) >= 3


def confusion_name(read: str, printed: str) -> str:
    """How a confusion is named in a reading's reason and among a book's habits: ``rn→m``."""
    return f"{read}→{printed}"


def confusions(word: str) -> Iterator[tuple[str, str]]:
    """Every spelling one OCR confusion from ``word``, with the confusion (``rn→m``)."""
    for start, read, printed in _confusion_places(word):
        yield word[:start] + printed + word[start + len(read) :], confusion_name(read, printed)


def two_confusions(word: str) -> Iterator[tuple[str, str, str]]:
    """Every spelling two OCR confusions from ``word`` (``Eomau``: ``Roman``, by ``E→R`` and
    ``u→n``; the second may confuse what the first made, ``lorce``: ``force``, by ``l→t`` and
    ``t→f``), with the two confusions."""
    for first, one in confusions(word):
        for spelling, two in confusions(first):
            yield spelling, one, two


def _confusion_places(word: str) -> Iterator[tuple[int, str, str]]:
    """Where in ``word`` each OCR confusion may stand: its offset, the letters read, those printed."""
    for read, printed in CONFUSIONS:
        start = word.find(read)
        while start != -1:
            yield start, read, printed
            start = word.find(read, start + 1)


# A run of minims of more strokes than this is not read again (``minimum``: its readings are thousands).
MINIM_RUN_MAX_STROKES = 6


def minim_readings(word: str) -> Iterator[tuple[str, str]]:
    """Every spelling with one run of ``word``'s minim letters read as other minims of as many
    strokes (``coimtry`` → ``country``: ``im``→``un``), with the confusion."""
    for run in MINIM_RUN_RE.finditer(word):
        strokes = sum(MINIM_STROKES[letter] for letter in run.group())
        if strokes > MINIM_RUN_MAX_STROKES:
            continue
        for other in _minim_spellings(strokes):
            if other != run.group() and "ii" not in other:  # (English has hardly a word with ``ii``)
                yield word[: run.start()] + other + word[run.end() :], confusion_name(run.group(), other)


@cache
def _minim_spellings(strokes: int) -> frozenset[str]:
    """Every run of minim letters of ``strokes`` strokes."""
    if strokes == 0:
        return frozenset([""])
    return frozenset(
        letter + rest
        for letter, own in MINIM_STROKES.items()
        if own <= strokes
        for rest in _minim_spellings(strokes - own)
    )


class Chunks:
    """A text's chunks (:data:`CHUNK_RE`); a chunk with a stand-in for a part inside (a page break
    cutting a word) is not judged."""

    def __init__(self, text: str) -> None:
        self.text = text
        # (a text without a stand-in has the chunks ``str.split`` makes: the plain pattern finds them
        # in a third of the time)
        chunk_re = CHUNK_RE if OBJECT in text else NEXT_CHUNK_RE
        self.spans = [match.span() for match in chunk_re.finditer(text)]
        self.chunks = [text[start:end] for start, end in self.spans]

    def judged(self) -> Iterator[tuple[int, str]]:
        """Each chunk to judge, with its index: not one holding a stand-in, nor the rest of a compound
        a page break cut after its hyphen (``wait-`` | ``and-manipulate``), nor one too long to be a word."""
        for index, chunk in enumerate(self.chunks):
            start = self.spans[index][0]
            compound_rest = self.text.endswith("-" + OBJECT, 0, start)
            if OBJECT not in chunk and not compound_rest and len(chunk) <= LONGEST_CHUNK:
                yield index, chunk

    def spot(self, index: int) -> Spot:
        """The chunk at ``index`` with the chunks beside it (as words: without stand-ins)."""
        start, end = self.spans[index]
        before = self.chunks[index - 1].replace(OBJECT, "") if index else ""
        after = self.chunks[index + 1].replace(OBJECT, "") if index + 1 < len(self.chunks) else ""
        return Spot(self.text, start, end, before, after)
