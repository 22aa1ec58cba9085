"""The book's own vocabulary: its word forms, capitalised words and word pairs, read once.

The evidence the repairs weigh (how the book spells a word elsewhere, whether a word ever ends a
sentence, whether a capitalised word is a name) comes from these counts, never from a list of words.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from pipeline.lazy_re import lazy_compile
from pipeline.text.markers import MARKER_CHARACTER_RE
from pipeline.text.punctuation import CLOSING_MARKS, OPENING_MARKS
from pipeline.text.words import LETTER, WORD, WORD_RE

LETTER_RE = lazy_compile(LETTER)
OPENERS = re.escape(OPENING_MARKS)  # (as characters of a regex character class)
CLOSERS = re.escape(CLOSING_MARKS)
# A word, its closing marks, then a full stop, question or exclamation mark or ellipsis. The runs
# are possessive (``++``, ``*+``): a word not before a stop fails at once instead of giving back
# letter by letter, which finds the same words (``_`` is both a word character and a closing mark,
# but a greedy word already takes it).
SENTENCE_FINAL_WORD_RE = lazy_compile(rf"(?<!\w)(\w++)[{CLOSERS}]*+[.!?\u2026](?!\w)")
# A word opening a line, or following sentence-final punctuation (and its closing marks and
# spaces), after any opening quotes, brackets or emphasis: two patterns, since their matches never
# overlap, and each can then skip quickly to where it may match. Run over a whole text: no pattern
# below matches across a line break. A line's start is found as the line break before it (the
# patterns starting with one are run over ``"\n" + text``): the search then jumps from one line
# break to the next, where ``^`` would be tried at every character.
LINE_OPENING_WORD_RE = lazy_compile(rf"\n[{OPENERS}]*({WORD})")
WORD_AFTER_STOP_RE = lazy_compile(rf"[.!?\u2026:][{CLOSERS}]*[^\S\n]+[{OPENERS}]*({WORD})")
LINE_OPENER_RE = lazy_compile(rf"\n({WORD})")
# A hyphen ending a line (perhaps followed by emphasis marks and spaces): a word broken there.
HYPHEN_AT_LINE_END_RE = lazy_compile(r"-[*_]*[^\S\n]*$", re.MULTILINE)
# (the line break first: the two alternatives never match at one place, and the search is faster so)
TOKEN_OR_LINE_BREAK_RE = lazy_compile(r"\n|[^\W_]+")


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
    capitalised: Counter[str] = field(default_factory=Counter)
    capitalised_after_sentence_break: Counter[str] = field(default_factory=Counter)
    _worded: list[str] = field(default_factory=list, init=False, repr=False, compare=False)  # (for pairs)
    _endings: dict[str, int] = field(default_factory=dict, init=False, repr=False, compare=False)
    _beginnings: dict[str, list[str]] = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> BookVocabulary:
        vocabulary = cls()
        chunks: Counter[str] = Counter()  # the space-separated chunks of every line with a word
        left_out: Counter[str] = Counter()  # word occurrences that may be halves of a broken word
        for text in texts:
            for part in _line_runs(MARKER_CHARACTER_RE.sub(" ", text)):
                vocabulary._add_text(part, chunks, left_out)
        vocabulary._count_chunks(chunks, left_out)
        return vocabulary

    def _add_text(self, text: str, chunks: Counter[str], left_out: Counter[str]) -> None:
        """Count what a text shows only in context (sentence openers, the words left out), each
        pattern run once over the whole text (never across a line break); add its chunks to
        ``chunks``, whose words :meth:`_count_chunks` counts once all texts are read, and keep its
        lines with a word for :attr:`pairs`."""
        worded = "\n".join(filter(LETTER_RE.search, text.split("\n")))  # lines with a word only
        chunks.update(worded.split())
        after_line_breaks = "\n" + text  # every line, the first too, after a line break
        left_out.update(word for word in LINE_OPENER_RE.findall(after_line_breaks) if word[0].islower())
        left_out.update(filter(None, map(_word_before_line_end_hyphen, _lines_ending_in_hyphen(text))))
        openers = LINE_OPENING_WORD_RE.findall(after_line_breaks) + WORD_AFTER_STOP_RE.findall(text)
        self.capitalised_after_sentence_break.update(filter(_is_capitalised, openers))
        self._worded.append(worded)

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

    def words_ending_in(self, ending: str) -> int:
        """How many distinct words of the book, unhyphenated, end in ``ending`` after three letters
        or more (``ing``: ``abounding``, ``blundering``, …); remembered by ending."""
        if ending not in self._endings:
            shortest = len(ending) + 3
            ending_words = (word for word in self.words if word.endswith(ending) and "-" not in word)
            self._endings[ending] = sum(1 for word in ending_words if len(word) >= shortest)
        return self._endings[ending]

    def words_beginning_with(self, beginning: str) -> list[str]:
        """The distinct words of the book that begin with ``beginning`` (hyphenated or not), in the
        order first read; remembered by beginning."""
        if beginning not in self._beginnings:
            words = (word for word in self.words if word.startswith(beginning))
            self._beginnings[beginning] = [word for word in words if word != beginning]
        return self._beginnings[beginning]

    @cached_property
    def pairs(self) -> set[tuple[str, str]]:
        """The pairs of words side by side in a line of the book (lower case), read when first asked:
        the repairs ask whether a pair occurs, the corrector never (half the time of counting)."""
        pairs: set[tuple[str, str]] = set()
        for worded in self._worded:
            pairs.update(itertools.pairwise(TOKEN_OR_LINE_BREAK_RE.findall(worded.lower())))
        return {pair for pair in pairs if "\n" not in pair}  # (none across a line break)

    def has_pair(self, first: str, second: str) -> bool:
        """Whether ``first second`` occur side by side somewhere in the book (case-insensitive)."""
        return (first.lower(), second.lower()) in self.pairs

    def is_name_like(self, word: str) -> bool:
        """True if the book capitalises ``word`` inside sentences at least as often as after a full stop.

        Names (``Soviet``, ``Kemal``) pass; sentence openers (``However``, ``The``) do not.
        """
        inside = self.capitalised[word] - self.capitalised_after_sentence_break[word]
        return inside > 0 and inside >= self.capitalised_after_sentence_break[word]
