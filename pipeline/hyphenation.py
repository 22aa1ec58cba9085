"""The book's own vocabulary, and the evidence-based choice between joining and keeping a hyphen.

OCR keeps the hyphen of a word broken at a line or page end (``inter-`` | ``national``). Whether
to drop it (``international``) or keep it (``Anglo-Soviet``, ``non-aggression``) is decided from
evidence, never from a list of words: first how the book itself spells the word elsewhere, then
how common the joined word is in English (``wordfreq``). Inconclusive decisions say so, so the
caller can put them up for review.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from wordfreq import zipf_frequency

from pipeline.blocks import SUPERSCRIPT_DIGITS

LANGUAGE = "en"

# A joined form at least this common in English (Zipf scale: 3 = once per million words) is a real
# word; 2.5 still admits rarer book words ("emigration", "formulas") but not OCR fragments.
KNOWN_WORD_ZIPF = 2.5
# Both halves at least this common, and the joined form unknown: the hyphen belongs to a compound
# (conclusive only if the book also uses both halves as words of their own).
COMPOUND_PART_ZIPF = 3.0
# Words this frequent are grammatical words (the, of, and, with, into; "between" is 5.8 and
# "international" 5.4, so the line is drawn at 6).
FUNCTION_WORD_ZIPF = 6.0
# One spelling must be this many times as frequent in the book as the other to be conclusive.
BOOK_MAJORITY = 2

LETTER = rf"[^\W\d_{SUPERSCRIPT_DIGITS}]"  # a letter: Python counts superscript digits as word characters
WORD = rf"{LETTER}+(?:[-'\u2019]{LETTER}+)*"
WORD_RE = re.compile(WORD)
LETTER_RE = re.compile(LETTER)
TOKEN_RE = re.compile(r"[^\W_]+")
CLOSING_MARKS = "\"'\u201d\u2019)\\]*_"
# A word, its closing marks, then a full stop, question or exclamation mark or ellipsis. The runs
# are possessive (``++``, ``*+``): a word not before a stop fails at once instead of giving back
# letter by letter, which finds the same words (``_`` is both a word character and a closing mark,
# but a greedy word already takes it).
SENTENCE_FINAL_WORD_RE = re.compile(rf"(?<!\w)(\w++)[{CLOSING_MARKS}]*+[.!?\u2026](?!\w)")
# A word opening a line, or following sentence-final punctuation (and its closing marks and
# spaces), after any opening quotes, brackets or emphasis: two patterns, since their matches never
# overlap, and each can then skip quickly to where it may match. Run over a whole text: no pattern
# below matches across a line break. A line's start is found as the line break before it (the
# patterns starting with one are run over ``"\n" + text``): the search then jumps from one line
# break to the next, where ``^`` would be tried at every character.
OPENING_MARKS = "*_\"\u201c\u2018'(\\["
LINE_OPENING_WORD_RE = re.compile(rf"\n[{OPENING_MARKS}]*({WORD})")
WORD_AFTER_STOP_RE = re.compile(rf"[.!?\u2026:][{CLOSING_MARKS}]*[^\S\n]+[{OPENING_MARKS}]*({WORD})")
LINE_OPENER_RE = re.compile(rf"\n({WORD})")
# A hyphen ending a line (perhaps followed by emphasis marks and spaces): a word broken there.
HYPHEN_AT_LINE_END_RE = re.compile(r"-[*_]*[^\S\n]*$", re.MULTILINE)
# (the line break first: the two alternatives never match at one place, and the search is faster so)
TOKEN_OR_LINE_BREAK_RE = re.compile(r"\n|[^\W_]+")
NOTE_MARKER_RE = re.compile(f"[{SUPERSCRIPT_DIGITS}\u207b]")  # a superscript digit or minus


@lru_cache(maxsize=65536)
def english_zipf(word: str) -> float:
    """Zipf frequency of ``word`` in English (0 for unknown words), cached."""
    return zipf_frequency(word, LANGUAGE)


def is_function_word(word: str) -> bool:
    """True for very frequent grammatical words (articles, prepositions, conjunctions, pronouns)."""
    return english_zipf(word.lower()) >= FUNCTION_WORD_ZIPF


def _line_runs(text: str, size: int = 1 << 20) -> Iterator[str]:
    """``text`` in whole lines of about ``size`` characters (bounding the memory of counting a long book)."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start + size)
        end = len(text) if end < 0 else end
        yield text[start:end]
        start = end + 1


def _count_matches_in_chunks(pattern: re.Pattern[str], chunks: Counter[str]) -> Counter[str]:
    """``Counter(pattern.findall(text))``, from the counts of the text's space-separated chunks.

    For a pattern that never matches a space and looks no further than a chunk's own characters
    (to it, a chunk's edges look alike whether a space or the text's end lies beyond): each
    distinct chunk is then searched once, however often the book repeats it.
    """
    found: Counter[str] = Counter()
    for chunk, count in chunks.items():
        for match in pattern.findall(chunk):
            found[match] += count
    return found


def _is_capitalised(word: str) -> bool:
    """Capitalised but not all capitals: ``Soviet``, not ``USSR`` or ``soviet``."""
    return word[0].isupper() and not word.isupper()


def _lines_ending_in_hyphen(text: str) -> list[str]:
    """The lines of ``text`` that end in a hyphen (found from each hyphen, not by reading every line)."""
    return [
        text[text.rfind("\n", 0, match.start()) + 1 : match.end()]
        for match in HYPHEN_AT_LINE_END_RE.finditer(text)
    ]


def _word_before_line_end_hyphen(line: str) -> str | None:
    """The last word of a line ending in a hyphen (a possible half of a broken word), unless it is
    also the line's first word and in lower case (left out as a possible second half already)."""
    words = WORD_RE.findall(line)
    if words and words[0][0].islower() and line.startswith(words[0]):
        words = words[1:]
    return words[-1] if words else None


@dataclass
class BookVocabulary:
    """Counts of the book's word forms and capitalised words, and the word pairs it has, read once
    from its text.

    Counts are taken inside lines only, leaving out words that may be halves of one broken at a
    line end (a lower-case word opening a line, a word before a hyphen ending one), so the very
    cases to decide never count as evidence for themselves.
    """

    words: Counter[str] = field(default_factory=Counter)
    sentence_final: Counter[str] = field(default_factory=Counter)
    pairs: set[tuple[str, str]] = field(default_factory=set)  # (only whether a pair occurs is asked)
    capitalised: Counter[str] = field(default_factory=Counter)
    capitalised_after_sentence_break: Counter[str] = field(default_factory=Counter)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> BookVocabulary:
        vocabulary = cls()
        chunks: Counter[str] = Counter()  # the space-separated chunks of every line with a word
        left_out: Counter[str] = Counter()  # word occurrences that may be halves of a broken word
        for text in texts:
            for part in _line_runs(NOTE_MARKER_RE.sub(" ", text)):
                vocabulary._add_text(part, chunks, left_out)
        vocabulary._count_chunks(chunks, left_out)
        vocabulary.pairs -= {pair for pair in vocabulary.pairs if "\n" in pair}  # pairs across a line break
        return vocabulary

    def _add_text(self, text: str, chunks: Counter[str], left_out: Counter[str]) -> None:
        """Count what a text shows only in context (sentence openers, word pairs, the words left
        out), each pattern run once over the whole text (never across a line break); add its
        chunks to ``chunks``, whose words :meth:`_count_chunks` counts once all texts are read."""
        worded = "\n".join(filter(LETTER_RE.search, text.split("\n")))  # lines with a word only
        chunks.update(worded.split())
        after_line_breaks = "\n" + text  # every line, the first too, after a line break
        left_out.update(word for word in LINE_OPENER_RE.findall(after_line_breaks) if word[0].islower())
        left_out.update(filter(None, map(_word_before_line_end_hyphen, _lines_ending_in_hyphen(text))))
        openers = LINE_OPENING_WORD_RE.findall(after_line_breaks) + WORD_AFTER_STOP_RE.findall(text)
        self.capitalised_after_sentence_break.update(filter(_is_capitalised, openers))
        # (with the pairs across a line break, which from_texts drops once all texts are read)
        self.pairs.update(itertools.pairwise(TOKEN_OR_LINE_BREAK_RE.findall(worded.lower())))

    def _count_chunks(self, chunks: Counter[str], left_out: Counter[str]) -> None:
        """Count the words and sentence-final words of the book's chunks (each distinct chunk
        searched once, however many parts of the book hold it), less the words ``left_out``.

        Every occurrence left out is also one of the words found in the chunks, so taking the
        totals away at the end counts what taking each part's away from that part's would.
        """
        forms = _count_matches_in_chunks(WORD_RE, chunks) - left_out  # each spelling once
        for form, count in forms.items():
            self.words[form.lower()] += count
            if _is_capitalised(form):
                self.capitalised[form] += count
        for word, count in _count_matches_in_chunks(SENTENCE_FINAL_WORD_RE, chunks).items():
            self.sentence_final[word.lower()] += count

    def has_pair(self, first: str, second: str) -> bool:
        """Whether ``first second`` occur side by side somewhere in the book (case-insensitive)."""
        return (first.lower(), second.lower()) in self.pairs

    def is_name_like(self, word: str) -> bool:
        """True if the book capitalises ``word`` inside sentences at least as often as after a full stop.

        Names (``Soviet``, ``Kemal``) pass; sentence openers (``However``, ``The``) do not.
        """
        inside = self.capitalised[word] - self.capitalised_after_sentence_break[word]
        return inside > 0 and inside >= self.capitalised_after_sentence_break[word]


@dataclass(frozen=True)
class HyphenDecision:
    """Whether a hyphen at a break is dropped (``join``) or kept, and on what evidence."""

    join: bool
    conclusive: bool
    evidence: str

    @property
    def verb(self) -> str:
        return "joined" if self.join else "kept the hyphen"


def decide_hyphenation(left: str, right: str, vocabulary: BookVocabulary) -> HyphenDecision:
    """Decide whether ``left-`` + ``right`` is one word broken by a line end or a hyphenated compound."""
    if right[:1].isupper() and not (left.isupper() and right.isupper()):  # capitals throughout: a heading
        return HyphenDecision(False, True, f"'{right}' is capitalised, so it starts a word of its own")
    joined, compound = f"{left}{right}".lower(), f"{left}-{right}".lower()
    joined_count, compound_count = vocabulary.words[joined], vocabulary.words[compound]
    book = f"the book has {joined_count}x '{joined}' and {compound_count}x '{compound}'"
    if joined_count or compound_count:
        join = joined_count >= compound_count
        majority = max(joined_count, compound_count) >= BOOK_MAJORITY * min(joined_count, compound_count)
        return HyphenDecision(join, majority, book)
    joined_zipf = english_zipf(joined)
    frequencies = (
        f"{book}; English Zipf frequency {joined_zipf:.1f} for '{joined}', "
        f"{english_zipf(left.lower()):.1f}/{english_zipf(right.lower()):.1f} for its halves"
    )
    if joined_zipf >= KNOWN_WORD_ZIPF:
        return HyphenDecision(True, True, frequencies)
    halves = (left.lower(), right.lower())
    if min(english_zipf(half) for half in halves) >= COMPOUND_PART_ZIPF:
        in_book = all(vocabulary.words[half] for half in halves)
        return HyphenDecision(
            False, in_book, frequencies + ("" if in_book else "; a half is not in the book")
        )
    return HyphenDecision(True, False, frequencies + " (no evidence either way: joined, as most breaks are)")


def is_suspended_hyphen(left: str, right: str, vocabulary: BookVocabulary) -> bool:
    """True for ``pre- and post-war``: a grammatical word follows, and ``left + right`` is no word."""
    joined = f"{left}{right}".lower()
    return is_function_word(right) and not vocabulary.words[joined] and english_zipf(joined) < KNOWN_WORD_ZIPF
