"""Words broken by a hyphen: the evidence-based choice between joining and keeping the hyphen.

OCR keeps the hyphen of a word broken at a line or page end (``inter-`` | ``national``). Whether
to drop it (``international``) or keep it (``Anglo-Soviet``, ``non-aggression``) is decided from
evidence, never from a list of words: first how the book itself spells the word elsewhere, then
how common the joined word is in English (``wordfreq``). Inconclusive decisions say so, so the
caller can put them up for review.

:func:`join_at_seam` joins text cut at a line or page end; :func:`rejoin_inline_hyphenation` is
the repair deciding the words broken inside a block, :func:`rejoin_words_cut_without_hyphen` the one
joining a word cut at a line end whose hyphen OCR lost.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, NamedTuple

from pipeline.lazy_re import lazy_compile
from pipeline.model import Block, Change, Review
from pipeline.repair.base import STAGE, RepairContext, Repaired, excerpt
from pipeline.repair.vocabulary import BookVocabulary
from pipeline.text.punctuation import ends_glued
from pipeline.text.words import (
    LEAST_LISTED_PAIR,
    LETTER,
    common_words_ending_in,
    edits,
    english_count,
    english_pair,
    english_zipf,
    is_function_word,
    is_listed_word,
)

# A joined form at least this common in English (Zipf scale: 3 = once per million words) is a real
# word; 2.5 still admits rarer book words ("emigration", "formulas") but not OCR fragments.
KNOWN_WORD_ZIPF = 2.5
# Both halves at least this common, and the joined form unknown: the hyphen belongs to a compound
# (conclusive only if the book also uses both halves as words of their own).
COMPOUND_PART_ZIPF = 3.0
# A word one letter from a break's joined non-word, used this often in English (``carrying``: 4.6; not
# ``youngsters``, 3.6, beside ``young-|steers``), is the word OCR misread, both halves words by chance.
MISREAD_WORD_ZIPF = 4.5
# A hyphen between two words English pairs is stray if the word they make joined is this much rarer
# (zipf) than the rarer of them: English would sooner read two words (``to- a``: ``toa``, 2.7 to 7.4).
RARER_THAN_HALVES = 2.0
# One spelling must be this many times as frequent in the book as the other to be conclusive.
BOOK_MAJORITY = 2
# Two words English writes apart this many times as often as joined are conclusively a compound's.
APART_MAJORITY = 2
# The shortest stem of a broken word's second half weighed (``west`` of ``western``).
SHORTEST_STEM = 3
# A word this many English words end in, after a word of their own, is an ending English joins
# freely (``less``: useless, homeless, … 102; ``man``: 164), not half of a compound written apart
# (``west``: northwest, southwest, midwest, natwest).
FREE_ENDING_WORDS = 10
# An ending this many English words have after a word of their own (``ness``: 138, ``men``: 43,
# ``fully``: 38) is a suffix's: a word broken before it whose joined form English lists is joined.
# Endings fewer words have may head a compound English joins only at times (``wing``: 4,
# ``work``: 23: ``left-wing``, ``field-work``).
SUFFIX_WORDS = 30
# A word ending in another is counted with the shorter ending where English joins that to this many
# times as many words (``viewing``: ``ing`` after 1,550 words, ``wing`` after 10, of them ``viewing``).
FREER_TAIL = 10
# Two pieces at a line end, no hyphen between them, make a word cut there whose hyphen OCR lost
# (Tesseract reads an ``f``'s hyphen as part of its hook: ``inf`` | ``luence``) where the word they
# make is at least this common in English (Zipf) and one piece is no English word at all.
LOST_HYPHEN_ZIPF = 3.0
LONGEST_PIECE = 40  # (how far back a line's last piece is looked for)

HYPHEN_END_RE = lazy_compile(rf"(?P<word>{LETTER}+)-(?P<closers>[*_]*)$")
WORD_START_RE = lazy_compile(rf"(?P<openers>[*_]*)(?P<word>{LETTER}+)")
# (the look-behind makes a word's letters be tried once, from its start, not from every letter)
INLINE_BREAK_RE = lazy_compile(rf"(?<!{LETTER})(?P<left>{LETTER}+)-(?P<gap> +|\n)(?P<right>{LETTER}+)")
# the pieces of a word a line end cut with no hyphen: letters ending one line, letters opening the next
LINE_END_PIECE_RE = lazy_compile(rf"(?<![\w-]){LETTER}{{2,}}$")
LINE_START_PIECE_RE = lazy_compile(rf"{LETTER}+(?![\w-])")


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
    """Decide whether ``left-`` + ``right`` is one word broken by a line end or a hyphenated compound.

    The evidence, first found first: the book's spelling of the word, then of the word its first
    half makes with a stem of the second (inconclusive); English's: the halves written apart or
    joined more often in Google Books (:func:`english_spelling`), else a joined word English knows
    (inconclusive where it is rarer than either half, common words: ``subcommittee``; a compound
    there where the book hyphenates its first half before other words: :func:`book_hyphenates`); a
    non-word one letter from a word of the book or from a word English uses very often (a misreading:
    inconclusive); two common halves, a
    compound, unless the second is an ending of the book's words that it never has alone, or an
    ending English joins freely in a word it lists (inconclusive); two rarer words, not a name's
    syllables, that joined make no word English lists (``cross-|bedded``, ``wallaby-|heads``), a
    compound (inconclusive).
    """
    if right[:1].isupper() and not (left.isupper() and right.isupper()):  # capitals throughout: a heading
        return HyphenDecision(False, True, f"'{right}' is capitalised, so it starts a word of its own")
    named = left[:1].isupper()  # (a name's syllables may each be a word: ``Cul-|worth``)
    left, right = left.lower(), right.lower()
    joined, compound = f"{left}{right}", f"{left}-{right}"
    joined_count, compound_count = vocabulary.words[joined], vocabulary.words[compound]
    book = f"the book has {joined_count}x '{joined}' and {compound_count}x '{compound}'"
    if joined_count or compound_count:
        join = joined_count >= compound_count
        majority = max(joined_count, compound_count) >= BOOK_MAJORITY * min(joined_count, compound_count)
        return HyphenDecision(join, majority, book)
    if stem := book_stem_spelling(left, right, vocabulary):
        return HyphenDecision(stem.join, False, f"{book}; {stem.evidence}")
    joined_zipf, left_zipf, right_zipf = english_zipf(joined), english_zipf(left), english_zipf(right)
    frequencies = (
        f"{book}; English Zipf frequency {joined_zipf:.1f} for '{joined}', "
        f"{left_zipf:.1f}/{right_zipf:.1f} for its halves"
    )
    rarer_half = min(left_zipf, right_zipf)
    if joined_zipf >= KNOWN_WORD_ZIPF:
        spelling = english_spelling(left, right)
        if spelling and spelling.apart:
            return HyphenDecision(False, spelling.conclusive, f"{frequencies}; {spelling.evidence}")
        if spelling:
            return HyphenDecision(True, True, f"{frequencies}; {spelling.evidence}")
        content_words = not (is_function_word(left) or is_function_word(right))
        if content_words and rarer_half >= COMPOUND_PART_ZIPF and joined_zipf < rarer_half:
            if habit := book_hyphenates(left, right, vocabulary):
                return HyphenDecision(False, False, f"{frequencies}; rarer than either half; {habit}")
            doubt = "; rarer than either half, common words: the hyphen may be a compound's"
            return HyphenDecision(True, False, frequencies + doubt)
        return HyphenDecision(True, True, frequencies)
    if rarer_half >= COMPOUND_PART_ZIPF:
        if is_word_pair(left, right) and (
            misread := _book_word_misread(joined, vocabulary) or _english_word_misread(joined)
        ):
            return HyphenDecision(True, False, f"{frequencies}; {misread}")
        if ending := book_ending(right, vocabulary) or english_ending(left, right):
            return HyphenDecision(True, False, f"{frequencies}; {ending}")
        in_book = all(vocabulary.words[half] for half in (left, right))
        return HyphenDecision(
            False, in_book, frequencies + ("" if in_book else "; a half is not in the book")
        )
    words = is_word_pair(left, right) and all(map(is_listed_word, (left, right)))
    if words and not named and rarer_half >= KNOWN_WORD_ZIPF and not is_listed_word(joined):
        return HyphenDecision(False, False, f"{frequencies}; two words, joined no word English lists")
    return HyphenDecision(True, False, frequencies + " (no evidence either way: joined, as most breaks are)")


class EnglishSpelling(NamedTuple):
    """Whether Google Books writes two words apart more often than joined, and on what counts."""

    apart: bool
    conclusive: bool
    evidence: str


def english_spelling(left: str, right: str) -> EnglishSpelling | None:
    """Whether Google Books has ``left right`` as two words more often than joined (``north west``
    51 million times, ``northwest`` 20 million), or the word ``right`` extends so (``western``:
    ``north west``), or less often (``every thing``, ``everything``); not before an ending English
    joins freely (:func:`words_ending_in`: ``use less`` is a phrase, ``useless`` a word).

    The longest of ``right`` and its stems whose pair English lists decides; ``None`` where a
    half is a grammatical word (``every one`` is two words, no compound), or English lists no pair
    before the joined word is common (``subcommittee``: a pair under the list's least count, not
    weighed against it).
    """
    if is_function_word(left) or is_function_word(right):
        return None
    for end in range(len(right), SHORTEST_STEM - 1, -1):
        stem = right[:end]
        apart, joined = english_pair(left, stem), english_count(left + stem)
        if apart and words_ending_in(stem) >= FREE_ENDING_WORDS:
            return None  # (``use less`` is a phrase: ``useless`` one of the words ending so)
        if apart:
            extends = "" if stem == right else f"'{right}' extends '{stem}': "
            more, fewer = sorted((apart, joined), reverse=True)
            return EnglishSpelling(
                apart > joined,
                more >= APART_MAJORITY * fewer,
                f"{extends}Google Books has '{left} {stem}' {apart:,} times, '{left}{stem}' {joined:,}",
            )
        if joined >= LEAST_LISTED_PAIR:
            return None
    return None


@cache
def words_ending_in(ending: str) -> int:
    """How many English words end in ``ending`` after a common word of three letters or more
    (``homeless``: ``home`` + ``less``), but for those a shorter ending English joins to
    :data:`FREER_TAIL` times as many words makes with a common word (``viewing`` is ``view`` +
    ``ing``, not ``vie`` + ``wing``)."""
    words = _words_ending_in(ending)
    tails = [ending[cut:] for cut in range(1, len(ending) - SHORTEST_STEM + 1)]
    freer = [tail for tail in tails if len(_words_ending_in(tail)) >= FREER_TAIL * len(words)]
    return sum(
        1
        for word in words
        if not any(english_zipf(word[: -len(tail)]) >= COMPOUND_PART_ZIPF for tail in freer)
    )


@cache
def _words_ending_in(ending: str) -> list[str]:
    """The English words that end in ``ending`` after a common word of three letters or more."""
    return [
        word
        for word in common_words_ending_in(ending, KNOWN_WORD_ZIPF)
        if len(word) - len(ending) >= SHORTEST_STEM
        and english_zipf(word[: -len(ending)]) >= COMPOUND_PART_ZIPF
    ]


class StemSpelling(NamedTuple):
    """How the book spells the word a broken word's first half makes with a stem of its second."""

    join: bool
    evidence: str


def book_stem_spelling(left: str, right: str, vocabulary: BookVocabulary) -> StemSpelling | None:
    """How the book spells ``left`` with the longest stem of ``right`` it has so (``inter`` |
    ``nationalism``: the book's ``international``; ``north`` | ``western``: its ``north-west``),
    the majority spelling; ``None`` where it has none, or as many of each."""
    for end in range(len(right) - 1, SHORTEST_STEM - 1, -1):
        stem = right[:end]
        joined, compound = f"{left}{stem}", f"{left}-{stem}"
        joined_count, compound_count = vocabulary.words[joined], vocabulary.words[compound]
        if joined_count != compound_count:
            more = joined if joined_count > compound_count else compound
            return StemSpelling(
                joined_count > compound_count,
                f"'{right}' extends '{stem}', and the book has {joined_count}x '{joined}' and "
                f"{compound_count}x '{compound}': spelt as its '{more}'",
            )
    return None


def book_ending(right: str, vocabulary: BookVocabulary) -> str:
    """Evidence that ``right`` is an ending, not a word: the book never has it alone, and
    :data:`FREE_ENDING_WORDS` of its words or more end in it (``ing``, ``ness``: ``abound-|ing`` is
    ``abounding``); empty if that does not hold."""
    ending_words = vocabulary.words_ending_in(right)
    if vocabulary.words[right] or ending_words < FREE_ENDING_WORDS:
        return ""
    return f"'{right}' is no word of the book alone, but {ending_words} of its words end in it: an ending"


def book_hyphenates(left: str, right: str, vocabulary: BookVocabulary) -> str:
    """Evidence that the book hyphenates the compounds ``left`` begins: it has ``left`` before a
    hyphen in two words or more (``counter-revolution``, ``counter-attack``), and
    :data:`BOOK_MAJORITY` times as many as the words it makes joined to a word (``counterpart``);
    empty if it has not, or where ``right`` is an ending English joins freely (``long-|ing``)."""
    if words_ending_in(right) >= FREE_ENDING_WORDS:
        return ""
    words = vocabulary.words_beginning_with(left)
    hyphenated = [word for word in words if word[len(left)] == "-"]
    joined = [
        word
        for word in words
        if "-" not in word
        and len(word) - len(left) >= SHORTEST_STEM
        and english_zipf(word[len(left) :]) >= COMPOUND_PART_ZIPF
    ]
    if len(hyphenated) < 2 or len(hyphenated) < BOOK_MAJORITY * len(joined):
        return ""
    uses = f"before {len(hyphenated)} words ('{hyphenated[0]}'), joins it to {len(joined)}"
    return f"the book hyphenates '{left}' {uses}"


def english_ending(left: str, right: str) -> str:
    """Evidence that ``right`` is an ending of ``left``'s, not a word after it: English's lists have
    the joined word, and :data:`SUFFIX_WORDS` or more English words end in ``right`` after a word of
    their own (``wrath-`` | ``fully``, ``backward-`` | ``ness``, ``hang-`` | ``men``; not
    ``oil-`` | ``fields``: few words end so); empty if that does not hold."""
    ending_words = words_ending_in(right)
    if ending_words < SUFFIX_WORDS or not is_listed_word(left + right):
        return ""
    words = f"{ending_words} of its words end in '{right}' after a word"
    return f"English lists '{left}{right}', and {words}: an ending"


def is_word_pair(left: str, right: str) -> bool:
    """Two words of two letters or more, neither a grammatical word (not ``a- power``, ``j- per``)."""
    return all(len(half) > 1 and not is_function_word(half) for half in (left, right))


def _book_word_misread(joined: str, vocabulary: BookVocabulary) -> str:
    """Evidence that ``joined``, no word, is a misreading of a word the book has, one letter from
    it (``countties``: the book's ``countries``, broken at the line end); empty if there is none."""
    book_words = [word for word in edits(joined) if vocabulary.words[word]]
    near = [word for word in book_words if english_zipf(word) >= KNOWN_WORD_ZIPF]
    if not near:
        return ""
    likeliest = max(sorted(near), key=lambda word: vocabulary.words[word])
    uses = vocabulary.words[likeliest]
    return f"'{joined}' is one letter from the book's '{likeliest}' ({uses}x): a misreading"


def _english_word_misread(joined: str) -> str:
    """Evidence that ``joined``, no word, is a misreading of the one word English uses very often
    (:data:`MISREAD_WORD_ZIPF`) one letter from it (``cartied``: ``carried``, its ``r`` read as a
    ``t`` after the line end, both halves words); empty if there is none, or more than one."""
    near = [word for word in edits(joined) if english_zipf(word) >= MISREAD_WORD_ZIPF]
    if len(near) != 1:
        return ""
    return f"'{joined}' is one letter from '{near[0]}' (Zipf {english_zipf(near[0]):.1f}): a misreading"


def is_suspended_hyphen(left: str, right: str, vocabulary: BookVocabulary) -> bool:
    """True for ``pre- and post-war``: a grammatical word follows, and ``left + right`` is no word."""
    joined = f"{left}{right}".lower()
    return is_function_word(right) and not vocabulary.words[joined] and english_zipf(joined) < KNOWN_WORD_ZIPF


def is_stray_hyphen(left: str, right: str, vocabulary: BookVocabulary) -> bool:
    """True for ``reform to- a standstill``: two words English often has side by side, which the book
    has neither joined nor hyphenated, joined a word far rarer than either (``toa``; not ``in- to``)."""
    joined, compound = f"{left}{right}".lower(), f"{left}-{right}".lower()
    if vocabulary.words[joined] or vocabulary.words[compound]:
        return False
    rarer_half = min(english_zipf(left.lower()), english_zipf(right.lower()))
    return english_zipf(joined) <= rarer_half - RARER_THAN_HALVES and english_pair(left, right) > 0


def broken_word_at_end(text: str) -> re.Match[str] | None:
    """The :data:`HYPHEN_END_RE` match of a word broken by a hyphen at the end of ``text`` (the
    pattern is only tried on a text that ends in a hyphen, perhaps before emphasis marks)."""
    return HYPHEN_END_RE.search(text) if text.rstrip("*_\n").endswith("-") else None


class Seam(NamedTuple):
    """Two pieces of text joined at a break; ``offset`` is where the second piece starts."""

    text: str
    offset: int
    hyphen: HyphenDecision | None

    @property
    def hyphen_note(self) -> str:
        return f"hyphen at the break {self.hyphen.verb}: {self.hyphen.evidence}" if self.hyphen else ""


def join_at_seam(left: str, right: str, vocabulary: BookVocabulary) -> Seam:
    """Join text cut at a line or page end: one space, or across a hyphen or dash without one.

    A word hyphenated at the cut is joined or keeps its hyphen as :func:`decide_hyphenation`
    says; emphasis marks the OCR closed and reopened around the cut are moved to the word's end.
    """
    hyphen, word = broken_word_at_end(left), WORD_START_RE.match(right)
    if hyphen and word:
        decision = decide_hyphenation(hyphen.group("word"), word.group("word"), vocabulary)
        closers, openers = hyphen.group("closers"), word.group("openers")
        if closers and openers:  # emphasis closed at the cut and reopened after it: one run
            closers = openers = ""
        head = left[: hyphen.start()] + openers + hyphen.group("word") + ("" if decision.join else "-")
        text = head + word.group("word") + closers + right[word.end() :]
        return Seam(text, len(head), decision)
    if ends_glued(left):
        return Seam(left + right, len(left), None)
    return Seam(left + " " + right, len(left) + 1, None)


def rejoin_inline_hyphenation(blocks: Sequence[Block], context: RepairContext) -> Repaired:
    """Decide hyphens of words broken inside a block: ``Ag- gression`` and ``inter-`` at a line end.

    A suspended hyphen (``pre- and post-war``) is left alone. A word broken twice (``duty- reduc-``
    / ``tions``) is decided break after break: each pass over a block decides the breaks the pass
    before left, until none is left.
    """
    result = Repaired([], [], [])
    for block in blocks:
        repaired, changes, review = _dehyphenate_block(block, context.vocabulary, context.wrapped)
        while changes:  # (a pass that decides nothing changes nothing and has nothing to review)
            result.changes.extend(changes)
            result.review.extend(review)
            repaired, changes, review = _dehyphenate_block(repaired, context.vocabulary, context.wrapped)
        result.blocks.append(repaired)
    return result


def _dehyphenate_block(
    block: Block, vocabulary: BookVocabulary, wrapped: bool
) -> tuple[Block, list[Change], list[Review]]:
    """Decide the breaks of one block (``wrapped``: its text was read wrapped as printed)."""
    if "- " not in block.text and "-\n" not in block.text:  # no word broken here
        return block, [], []
    decided: list[tuple[re.Match[str], str, HyphenDecision]] = []

    def decide(match: re.Match[str]) -> str:
        left, right = match.group("left"), match.group("right")
        if match.group("gap") != "\n" and (
            is_suspended_hyphen(left, right, vocabulary) or is_stray_hyphen(left, right, vocabulary)
        ):
            return match.group()
        decision = decide_hyphenation(left, right, vocabulary)
        if wrapped and match.group("gap") != "\n" and not decision.join:
            # (inside a line printed as such, a hyphen before a space broke no word: the stray
            # mark is left to the misreading corrector, which reads it on the book's evidence)
            return match.group()
        replacement = left + ("" if decision.join else "-") + right
        decided.append((match, replacement, decision))
        return replacement

    text = INLINE_BREAK_RE.sub(decide, block.text)
    changes: list[Change] = []
    review: list[Review] = []
    shift = 0  # how far the text after the previous repair has moved
    for match, replacement, decision in decided:
        start = match.start() + shift
        shift += len(replacement) - len(match.group())
        line = block.raw_line(match.start())
        where = "at a line end" if match.group("gap") == "\n" else "inside the line"
        before = excerpt(block.text, match.start(), match.end())
        changes.append(
            Change(
                STAGE,
                "dehyphenate",
                line,
                before,
                excerpt(text, start, start + len(replacement)),
                f"word broken {where}: {decision.verb}; {decision.evidence}",
            )
        )
        if not decision.conclusive:
            review.append(Review("dehyphenate", line, before, f"{decision.verb} on thin evidence"))
    if not decided:
        return block, changes, review
    resized = [(match.end(), len(new) - len(match.group())) for match, new, _ in decided]
    return replace(block, text=text, extra=_places_moved(block, resized)), changes, review


def lost_hyphen(left: str, right: str) -> str:
    """Why ``left`` ending a line and ``right`` opening the next are one word whose hyphen OCR lost
    (``inf`` | ``luence``), or ``""``: the second in lower case, the first too but for a capital, the
    word they make common in English (:data:`LOST_HYPHEN_ZIPF`), and one of them no English word
    (two words would sooner be what they are: ``in`` | ``deed``, ``ref`` | ``rain``)."""
    if not (right.islower() and left[1:].islower()):
        return ""
    pieces = [piece for piece in (left.lower(), right) if not is_listed_word(piece)]
    if not pieces:  # (most line ends: two words; told before the slower frequency is asked)
        return ""
    joined = (left + right).lower()
    zipf = english_zipf(joined)
    if zipf < LOST_HYPHEN_ZIPF:
        return ""
    return f"'{pieces[0]}' is no English word and '{joined}' a common one (Zipf {zipf:.1f})"


def rejoin_words_cut_without_hyphen(blocks: Sequence[Block], context: RepairContext) -> Repaired:
    """Join a word cut at a line end whose hyphen OCR lost (:func:`lost_hyphen`): the lines of a
    block read wrapped as printed were joined with a space there (``extra["line_starts"]``)."""
    result = Repaired([], [], [])
    for block in blocks:
        cuts: list[tuple[int, str, str, str]] = []  # (where the second line starts, pieces, why)
        for start in (place["offset"] for place in block.extra.get("line_starts", [])):
            if block.text[start - 1 : start] != " ":
                continue
            end = LINE_END_PIECE_RE.search(block.text, max(0, start - LONGEST_PIECE), start - 1)
            opening = LINE_START_PIECE_RE.match(block.text, start)
            if end and opening and (why := lost_hyphen(end.group(), opening.group())):
                cuts.append((start, end.group(), opening.group(), why))
        if not cuts:
            result.blocks.append(block)
            continue
        text = block.text
        for start, left, right, why in reversed(cuts):
            text = text[: start - 1] + text[start:]
            joined_at = start - 1 - len(left)
            result.changes.append(
                Change(
                    STAGE,
                    "rejoin_words_cut_without_hyphen",
                    block.raw_line(start - 1),
                    excerpt(block.text, joined_at, start + len(right)),
                    excerpt(text, joined_at, start - 1 + len(right)),
                    f"word cut at a line end, its hyphen lost: joined; {why}",
                )
            )
        resized = [(start, -1) for start, *_ in cuts]
        result.blocks.append(replace(block, text=text, extra=_places_moved(block, resized)))
    return result


def _places_moved(block: Block, resized: Sequence[tuple[int, int]]) -> dict[str, Any]:
    """The block's ``extra`` with the offsets of its places moved by the spans of its text
    ``resized``: each the end of a span replaced and how much longer its replacement is."""
    return block.extra_with_places_moved(
        lambda offset: offset + sum(longer for end, longer in resized if end <= offset)
    )
