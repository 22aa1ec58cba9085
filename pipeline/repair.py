"""Stage ``repair``: undo what page layout and OCR did to the running text.

``normalised.txt`` (which keeps the raw file's lines) is split into blocks, then

* footnote bodies are marked ``kind: "note"`` (lost superscript note numbers are restored),
* note text that OCR displaced into the running text is given back to its note,
* paragraphs cut by page breaks are joined again; the notes that stood between the halves follow
  the joined paragraph, and the place of each break is kept in ``extra["page_breaks"]``,
* hyphens at breaks are kept or dropped on the evidence of the book's own vocabulary and English
  word frequencies (:mod:`pipeline.hyphenation`),
* headings and the contents table lose OCR noise: stray leading characters, a stray `` - ``,
  leader dots, spaced ellipses.

Each repair is a small pure function returning the repaired blocks with the :class:`Change` records
of what it changed and :class:`Review` items for decisions taken on thin evidence. No rule knows
anything about a particular book: all evidence comes from the text itself.
"""

from __future__ import annotations

import argparse
import itertools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from pipeline import typography
from pipeline.blocks import SUPERSCRIPT_DIGITS, split_blocks
from pipeline.cli import run_stage
from pipeline.furniture import LayoutFurniture, page_furniture_step
from pipeline.hyphenation import (
    LETTER,
    BookVocabulary,
    HyphenDecision,
    decide_hyphenation,
    is_function_word,
    is_suspended_hyphen,
)
from pipeline.layout import load_layout
from pipeline.model import Block, Change, InputError, Review, write_json
from pipeline.typography import Edit

STAGE = "repair"
CONTEXT_CHARS = 40  # characters kept either side of a change: enough to find and reverse it
SEAM_MARK = " | "  # where a page break cut the text, in a change's "before"
NOT_JOINED = "not joined: "  # how a review item for a refused page-break join starts

# Headings run to ~25 words at most (long section titles); cut paragraphs are prose.
HEADING_MAX_WORDS = 30
# Texts whose heading tests are remembered: the page-break passes ask again about the same blocks.
TEXT_CACHE_SIZE = 4096
# In a title-case heading at least half the words are capitalised ("The USSR and France"), and the
# words left in lower case are grammatical words (a rarer one, like "via", needs the contents table
# to list the heading).
TITLE_CASE_MIN_CAPITALISED = 0.5
# A multi-line block whose lines are all this short, and mostly do not run on like wrapped prose,
# is set line by line (title page, imprint, multi-line heading): it is never joined to what follows.
LINEATED_MAX_LINE_CHARS = 60
# A page holds at most about a dozen blocks (paragraphs and notes): displaced note text is looked
# for within that distance of the note before it.
PAGE_MAX_BLOCKS = 12
# A short line repeated this often through the book is a running head, not text.
RUNNING_HEAD_MIN_REPEATS = 5
RUNNING_HEAD_MAX_WORDS = 8
# A word seen this often in the book and never before a full stop cannot end a sentence.
NEVER_FINAL_MIN_COUNT = 3

TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
NOTE_NUMBER = rf"[{SUPERSCRIPT_DIGITS}]+(?:[⁻\-\u2013][{SUPERSCRIPT_DIGITS}]+)?"
# may follow the last word, with spaces: quotes, brackets, emphasis, note markers
CLOSERS = f"\"'”\u2019»)]*_{SUPERSCRIPT_DIGITS}⁻†‡"
SENTENCE_STOPS = (".", "!", "?", "…")
CLAUSE_STOPS = (":", ";")

NOTE_START_RE = re.compile(rf"^(?:(?P<number>{NOTE_NUMBER})|[*†‡]+(?=\s+[A-Z]))\s*\S")
PLAIN_NOTE_RE = re.compile(r"^(?P<number>\d{1,3}) (?=\S)")
QUOTE_END_RE = re.compile(rf"[\"”\u2019][{SUPERSCRIPT_DIGITS}⁻\s*_]*$")
DASH_END_RE = re.compile(r"[—\u2013](?<=\S[—\u2013])$")  # a dash after a non-space at the end
HYPHEN_END_RE = re.compile(rf"(?P<word>{LETTER}+)-(?P<closers>[*_]*)$")
DIGIT_HYPHEN_END_RE = re.compile(r"\d-$")
WORD_START_RE = re.compile(rf"(?P<openers>[*_]*)(?P<word>{LETTER}+)")
# the last word, found from the end: ``.*`` runs to the end and backs up to the word's start
LAST_WORD_RE = re.compile(r"(?s).*(?<![^\W_])(?P<word>[^\W_]+)[^\w]*$")
FIRST_WORD_RE = re.compile(r"^[^\w]*(?P<word>[^\W_]+)")
OPENING_MARKS_RE = re.compile(r"^[\"“\u2018'(\[*_]*")
SEPARATOR_RE = re.compile(r"(?:[*•·]\s*){3,}|(?:-\s*){3,}")
TABLE_ROW_RE = re.compile(r"^\s*\|.*\|\s*$")
LIST_ITEM_RE = re.compile(
    r"^\s*[\"“]?(?:[-\u2013•]\s+|\d{1,2}[.)]\s+|[a-z][.)]\s+|\(\d{1,2}\)\s+|\([a-z]\)\s+)"
)
BULLET_RE = re.compile(r"^\s*[-\u2013•]\s+")
BOLD_BLOCK_RE = re.compile(r"\*\*[^*].*\*\*", re.DOTALL)
SUBTITLE_RE = re.compile(r"\(.*\)")
EMPHASIS_AND_MARKERS_RE = re.compile(rf"[*_{SUPERSCRIPT_DIGITS}⁻]+")
TITLE_WORD_RE = re.compile(r"[^\W\d_][\w'\u2019-]*")
PAGE_NUMBER_RE = re.compile(r"\d{1,4}|[ivxlc]{1,6}")
STRAY_LEAD_RE = re.compile(r"^(?P<stray>[-.,'\u2018\u2019]+)(?=[A-Z])")
# `` - `` between letters (looking behind after the `` - ``: the search jumps from one to the next)
STRAY_DASH_RE = re.compile(rf" - (?<={LETTER} - )(?={LETTER})")
LEADER_RE = re.compile(r"\s+(?:\.\s*){2,}$")
SPACED_ELLIPSIS_RE = re.compile(r"\.(?: \.){2,}")
# (the look-behind makes a word's letters be tried once, from its start, not from every letter)
INLINE_BREAK_RE = re.compile(rf"(?<!{LETTER})(?P<left>{LETTER}+)-(?P<gap> +|\n)(?P<right>{LETTER}+)")
NORMALISED_HEADING_RE = re.compile(r"[^\w\s-]+")
CONTENTS_LABEL_RE = re.compile(r"^\W*[A-Z]+\s+(?:[IVXLCDM]+|\d+)\.\s+")  # "CHAPTER XIII. " before a title


class Repaired(NamedTuple):
    """What a repair returns: the blocks, the changes it made, and the decisions to review."""

    blocks: list[Block]
    changes: list[Change]
    review: list[Review]


# --- reading the evidence -------------------------------------------------------------------------


def _plain(text: str) -> str:
    """``text`` without emphasis marks and note markers."""
    return EMPHASIS_AND_MARKERS_RE.sub("", text)


def _final_mark(text: str) -> str:
    """The last character of ``text`` that is neither a space nor one of the :data:`CLOSERS`:
    the punctuation that ends the text, if any (``""`` for none at all)."""
    end = len(text)
    while end and (text[end - 1] in CLOSERS or text[end - 1].isspace()):
        end -= 1
    return text[end - 1 : end]


def _ends_sentence(text: str) -> bool:
    """A full stop, question or exclamation mark or ellipsis at the end (closers may follow it)."""
    return _final_mark(text) in SENTENCE_STOPS


def _ends_clause(text: str) -> bool:
    """A colon or semicolon at the end (closers may follow it)."""
    return _final_mark(text) in CLAUSE_STOPS


def _ends_with_comma(text: str) -> bool:
    return _final_mark(text) == ","


def _broken_word_at_end(text: str) -> re.Match[str] | None:
    """The :data:`HYPHEN_END_RE` match of a word broken by a hyphen at the end of ``text`` (the
    pattern is only tried on a text that ends in a hyphen, perhaps before emphasis marks)."""
    return HYPHEN_END_RE.search(text) if text.rstrip("*_\n").endswith("-") else None


def is_separator(text: str) -> bool:
    """A section break such as ``* * *``."""
    return SEPARATOR_RE.fullmatch(text.strip()) is not None


def is_table(text: str) -> bool:
    """Markdown table rows only (the contents table)."""
    return "|" in text and all(TABLE_ROW_RE.match(line) for line in text.split("\n"))


def is_list_item(line: str) -> bool:
    """A line opening with a bullet or an item number (``- ``, ``1. ``, ``a) ``, ``(2) ``)."""
    return LIST_ITEM_RE.match(line) is not None


def is_lineated(text: str) -> bool:
    """A block set line by line (title page, imprint, a heading over several lines).

    Its lines are short, and most of them do not run on into the next line the way wrapped prose
    does (no punctuation at the end, lower case at the start of the next).
    """
    lines = text.split("\n")
    if len(lines) < 2 or any(map(is_list_item, lines)) or max(map(len, lines)) > LINEATED_MAX_LINE_CHARS:
        return False
    running_on = sum(
        not re.search(r"[.,;:!?]\W*$", line) and starts_lower(following)
        for line, following in itertools.pairwise(lines)
    )
    return running_on * 2 < len(lines) - 1


def is_title_case(text: str) -> bool:
    """Capitalised first and last words, mostly capitalised words, lower case for grammatical words."""
    words = TITLE_WORD_RE.findall(text)
    if not words or not words[0][0].isupper() or _last_word(text)[:1].islower():
        return False
    lower = [word for word in words if word[0].islower()]
    return (
        all(map(is_function_word, lower))
        and (len(words) - len(lower)) / len(words) >= TITLE_CASE_MIN_CAPITALISED
    )


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def heading_style(text: str) -> str | None:
    """How ``text`` looks like a heading, label, subtitle or year line, if it does.

    ``"bold"``, ``"capitals"`` (no lower-case letter: also a year or a label), ``"subtitle"`` (in
    brackets) or ``"title"`` (title case); ``None`` for running text.
    """
    stripped = text.strip()
    if BOLD_BLOCK_RE.fullmatch(stripped):
        return "bold"
    if not stripped or len(stripped.split(maxsplit=HEADING_MAX_WORDS)) > HEADING_MAX_WORDS:
        return None
    plain = _plain(stripped).strip()
    if not any(char.islower() for char in plain):
        return "capitals"
    if SUBTITLE_RE.fullmatch(plain):
        return "subtitle"
    if _ends_sentence(plain) or plain.endswith((",", ";", ":")):
        return None
    return "title" if is_title_case(plain) else None


def looks_like_heading(text: str) -> bool:
    """A heading, label, subtitle or year line: short, in capitals, bold or title case, no final stop."""
    return heading_style(text) is not None


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def is_set_apart(text: str) -> bool:
    """Text no paragraph runs into: a bold, capitals or bracketed heading, a table, a separator,
    or lines set one by one (title page, imprint)."""
    return (
        heading_style(text) in ("bold", "capitals", "subtitle")
        or is_table(text)
        or is_separator(text)
        or is_lineated(text)
    )


def starts_lower(text: str) -> bool:
    """True if the text (after opening quotes, brackets, emphasis) starts with a lower-case letter."""
    rest = text[OPENING_MARKS_RE.match(text).end() :]
    return rest[:1].islower()


def _first_char_class(line: str) -> str:
    """``"digit"``, ``"upper"`` or ``"other"``: how a line starts, after any list marker and quotes."""
    rest = LIST_ITEM_RE.sub("", line, count=1)
    rest = rest[OPENING_MARKS_RE.match(rest).end() :]
    if rest[:1].isdigit():
        return "digit"
    return "upper" if rest[:1].isupper() else "other"


def _context_before(text: str, end: int) -> str:
    start = max(0, end - CONTEXT_CHARS)
    return ("…" if start else "") + text[start:end]


def _context_after(text: str, start: int) -> str:
    end = start + CONTEXT_CHARS
    return text[start:end] + ("…" if end < len(text) else "")


def _excerpt(text: str, start: int, end: int) -> str:
    """The changed span ``text[start:end]`` with the characters around it."""
    return _context_before(text, start) + text[start:end] + _context_after(text, end)


def _line_of(block: Block, offset: int) -> int:
    """Raw line of character ``offset`` in an unjoined block."""
    return block.first_line + block.text.count("\n", 0, offset)


@dataclass
class PageFurniture:
    """Recognises page numbers and running heads standing between the halves of a cut paragraph."""

    running_heads: set[str] = field(default_factory=set)

    @classmethod
    def from_blocks(cls, blocks: Sequence[Block]) -> PageFurniture:
        counts = Counter(
            block.text.strip()
            for block in blocks
            if block.kind == "text"
            and "\n" not in block.text
            and len(block.text.split(maxsplit=RUNNING_HEAD_MAX_WORDS)) <= RUNNING_HEAD_MAX_WORDS
            and not is_separator(block.text)
        )
        return cls({text for text, count in counts.items() if count >= RUNNING_HEAD_MIN_REPEATS})

    def __contains__(self, block: Block) -> bool:
        text = block.text.strip()
        return PAGE_NUMBER_RE.fullmatch(text) is not None or text in self.running_heads


# --- notes ------------------------------------------------------------------------------------------


def _note_number(text: str) -> int | None:
    """The (last) number of a note body starting with a superscript number or range."""
    match = NOTE_START_RE.match(text)
    if not match or not match.group("number"):
        return None
    return int(re.split(r"[⁻\-\u2013]", match.group("number"))[-1].translate(FROM_SUPERSCRIPT))


def classify_note_blocks(blocks: Sequence[Block]) -> Repaired:
    """Mark footnote bodies (a superscript number or range, or ``*``/``†``, then text) as ``note``."""

    def classified(block: Block) -> Block:
        kind = "note" if NOTE_START_RE.match(block.text) else "text"
        return block if block.kind == kind else replace(block, kind=kind)

    return Repaired(list(map(classified, blocks)), [], [])


def _plain_marker_re(number: int) -> re.Pattern[str]:
    return re.compile(rf"(?<=[.,;:!?\"”\u2019)\]]) ?{number}(?= |$)", re.MULTILINE)


def restore_plain_note_numbers(blocks: Sequence[Block]) -> Repaired:
    """Restore the superscript of a note number OCR read as a plain number (``87 *Documents…*``).

    A block ``N text`` is taken for note N only on two pieces of evidence: the previous note of
    the book was N-1 (or N is 1: a book printing all its markers as plain digits), and the text
    of the same page carries N as a marker after punctuation
    (``Holland" 87``). Both numbers are made superscript again.
    """
    result = list(blocks)
    changes: list[Change] = []
    last_number: int | None = None
    page_text: list[int] = []  # indices of the text blocks since the notes of the previous page
    after_notes = False
    for index, block in enumerate(blocks):
        if block.kind == "note":
            number = _note_number(block.text)
            last_number = last_number if number is None else number
            after_notes = True
            continue
        match = PLAIN_NOTE_RE.match(block.text)
        number = int(match.group("number")) if match else 0
        follows = last_number is not None and number == last_number + 1
        if match and (number == 1 or follows):
            marker_re = _plain_marker_re(number)
            found = next((i for i in reversed(page_text) if marker_re.search(result[i].text)), None)
            if found is not None:
                result[found], marker_change = _restore_marker(result[found], marker_re, number)
                result[index], note_change = _restore_note_number(block, number)
                changes += [marker_change, note_change]
                last_number, after_notes = number, True
                continue
        if after_notes:
            page_text, after_notes = [], False
        page_text.append(index)
    return Repaired(result, changes, [])


def _restore_marker(block: Block, marker_re: re.Pattern[str], number: int) -> tuple[Block, Change]:
    match = marker_re.search(block.text)
    superscript = str(number).translate(TO_SUPERSCRIPT)
    text = block.text[: match.start()] + superscript + block.text[match.end() :]
    change = Change(
        STAGE,
        "restore_plain_note_numbers",
        _line_of(block, match.start()),
        _excerpt(block.text, match.start(), match.end()),
        _excerpt(text, match.start(), match.start() + len(superscript)),
        f"note marker {number} printed as a plain number: made superscript (note {number} "
        + (f"follows note {number - 1}" if number > 1 else "opens a note sequence")
        + " at the page foot)",
    )
    return replace(block, text=text), change


def _restore_note_number(block: Block, number: int) -> tuple[Block, Change]:
    digits = str(number)
    text = digits.translate(TO_SUPERSCRIPT) + block.text[len(digits) :]
    change = Change(
        STAGE,
        "restore_plain_note_numbers",
        block.first_line,
        _context_after(block.text, 0),
        _context_after(text, 0),
        f"note body numbered {number} without superscript: it "
        + ("continues" if number > 1 else "opens")
        + " the note sequence and its marker is in the text above, so it is a note",
    )
    return replace(block, text=text, kind="note"), change


def _previous_text(blocks: Sequence[Block], index: int) -> int | None:
    return next((i for i in range(index - 1, -1, -1) if blocks[i].kind != "note"), None)


def _next_text(blocks: Sequence[Block], index: int) -> int | None:
    return next((i for i in range(index + 1, len(blocks)) if blocks[i].kind != "note"), None)


def _displaced_note_evidence(blocks: Sequence[Block], index: int, note: Block | None) -> str:
    """Why the text block at ``index`` is the rest of a note that OCR put among the running text.

    Either it stands between the halves of a cut paragraph (the paragraph before it is unfinished,
    the block after it continues that paragraph in lower case, and it ends a sentence itself, so it
    is not what the next block continues); or it starts in lower case after a finished sentence,
    and the note before it is unfinished. An empty string if neither holds.
    """
    block = blocks[index]
    before, after = _previous_text(blocks, index), _next_text(blocks, index)
    if before is None or not _is_paragraph(blocks[before]):
        return ""
    first = blocks[before].text
    unfinished = not _ends_sentence(first) and not _ends_clause(first)
    if (
        unfinished
        and after is not None
        and _ends_sentence(block.text)
        and starts_lower(blocks[after].text)
        and not is_list_item(blocks[after].text)
    ):
        if _page_top_then_foot(blocks, index, after):
            return ""
        return "it stood between the halves of a paragraph cut by a page break"
    if (
        note is not None
        and not _ends_sentence(note.text)
        and _ends_sentence(first)
        and starts_lower(block.text)
        and not is_list_item(block.text)
    ):
        return "it starts in lower case after a finished sentence, and the note before it is unfinished"
    if (
        note is not None
        and not _ends_sentence(note.text)
        and starts_lower(block.text)
        and _ends_sentence(block.text)
        and index + 1 < len(blocks)
        and blocks[index + 1].kind == "note"
    ):
        return "it stands at a page foot right above the notes, and the note before it is unfinished"
    return ""


def _page_top_then_foot(blocks: Sequence[Block], index: int, after: int) -> bool:
    """Block ``index`` opens a page (right after the notes of the page before) and the finished
    lower-case block right after it is the rest of a note at that page's foot: the first continues
    the cut paragraph, the second is the note text."""
    return (
        index > 0
        and starts_lower(blocks[index].text)
        and blocks[index - 1].kind == "note"
        and after == index + 1
        and _ends_sentence(blocks[after].text)
    )


def _is_paragraph(block: Block) -> bool:
    """Running text that may have been cut by a page break (not a heading, table or note)."""
    return block.kind == "text" and not looks_like_heading(block.text) and not is_set_apart(block.text)


def attach_note_continuations(blocks: Sequence[Block], vocabulary: BookVocabulary) -> Repaired:
    """Give note text that OCR placed among the running text back to the note it continues.

    The text is appended to the closest note before it (within about a page): mid-sentence if
    that note is unfinished, as a new paragraph (a new line) if it ended a sentence.
    """
    result: list[Block] = []
    changes: list[Change] = []
    review: list[Review] = []
    last_note: int | None = None  # index in ``result``
    for index, block in enumerate(blocks):
        if block.kind == "note":
            last_note = len(result)
            result.append(block)
            continue
        near = last_note is not None and len(result) - last_note <= PAGE_MAX_BLOCKS
        evidence = _displaced_note_evidence(blocks, index, result[last_note] if near else None)
        if evidence and near:
            result[last_note], change, doubt = _continue_note(result[last_note], block, evidence, vocabulary)
            changes.append(change)
            review += doubt
            continue
        if evidence:
            review.append(
                Review(
                    "attach_note_continuations",
                    block.first_line,
                    _context_after(block.text, 0),
                    f"looks like note text ({evidence}), but no note precedes it within a page: left",
                )
            )
        result.append(block)
    return Repaired(result, changes, review)


def _continue_note(
    note: Block, block: Block, evidence: str, vocabulary: BookVocabulary
) -> tuple[Block, Change, list[Review]]:
    finished = _ends_sentence(note.text)
    if finished:
        seam = Seam(note.text + "\n" + block.text, len(note.text) + 1, None)
    else:
        seam = join_at_seam(note.text, block.text, vocabulary)
    extra = dict(note.extra)
    extra["continued_at"] = [
        *note.extra.get("continued_at", []),
        {"line": block.first_line, "offset": seam.offset},
    ]
    joined = replace(note, text=seam.text, last_line=block.last_line, extra=extra)
    how = "as a new paragraph" if finished else "mid-sentence"
    change = Change(
        STAGE,
        "attach_note_continuations",
        block.first_line,
        _context_before(note.text, len(note.text)) + SEAM_MARK + _context_after(block.text, 0),
        _excerpt(seam.text, seam.offset, seam.offset),
        f"note text (line {block.first_line}) among the running text: {evidence}; appended {how} "
        f"to the note of line {note.first_line}" + (f"; {seam.hyphen_note}" if seam.hyphen else ""),
    )
    review = (
        []
        if not finished and (seam.hyphen is None or seam.hyphen.conclusive)
        else [
            Review(
                "attach_note_continuations",
                block.first_line,
                _context_after(block.text, 0),
                f"appended to the note of line {note.first_line}, which "
                + ("had ended a sentence" if finished else f"ends in a hyphen: {seam.hyphen_note}"),
            )
        ]
    )
    return joined, change, review


# --- joining text across a break ------------------------------------------------------------------


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
    hyphen, word = _broken_word_at_end(left), WORD_START_RE.match(right)
    if hyphen and word:
        decision = decide_hyphenation(hyphen.group("word"), word.group("word"), vocabulary)
        closers, openers = hyphen.group("closers"), word.group("openers")
        if closers and openers:  # emphasis closed at the cut and reopened after it: one run
            closers = openers = ""
        head = left[: hyphen.start()] + openers + hyphen.group("word") + ("" if decision.join else "-")
        text = head + word.group("word") + closers + right[word.end() :]
        return Seam(text, len(head), decision)
    if DIGIT_HYPHEN_END_RE.search(left) or DASH_END_RE.search(left):
        return Seam(left + right, len(left), None)
    return Seam(left + " " + right, len(left) + 1, None)


class JoinDecision(NamedTuple):
    """Whether a block continues the paragraph before it, why, and whether an editor should look."""

    join: bool
    reason: str
    doubtful: bool = False


def _last_word(text: str) -> str:
    match = LAST_WORD_RE.match(_plain(text))
    return match.group("word") if match else ""


def _first_word(text: str) -> str:
    match = FIRST_WORD_RE.match(_plain(text))
    return match.group("word") if match else ""


def _never_ends_sentence(word: str, vocabulary: BookVocabulary) -> bool:
    key = word.lower()
    return vocabulary.words[key] >= NEVER_FINAL_MIN_COUNT and not vocabulary.sentence_final[key]


def _cut_mid_sentence(text: str, vocabulary: BookVocabulary) -> str:
    """Why ``text`` must go on (a comma, dash or hyphen at its end, or a word that never ends a
    sentence in the book), or an empty string."""
    if _ends_with_comma(text):
        return "the first part ends with a comma"
    if _broken_word_at_end(text) or DIGIT_HYPHEN_END_RE.search(text) or DASH_END_RE.search(text):
        return "the first part ends with a hyphen or dash"
    word = _last_word(text)
    if word and _never_ends_sentence(word, vocabulary):
        return f"the first part ends with '{word}', which never ends a sentence in the book"
    return ""


def decide_page_break_join(
    first: Block, second: Block, vocabulary: BookVocabulary, listed: frozenset[str] = frozenset()
) -> JoinDecision:
    """Decide whether ``second`` continues the paragraph ``first`` that a page break cut.

    ``listed`` holds the headings the contents table lists (see :func:`contents_titles`).
    """
    text = first.text
    if first.kind != "text" or is_set_apart(text):
        return JoinDecision(False, "the first block is a heading, table or set line by line")
    if _is_heading(second.text, listed) or is_set_apart(second.text):
        return JoinDecision(False, "the next block is a heading, table or separator")
    continuation = _strip_spurious_bullet(text, second.text)
    if is_list_item(continuation):
        return JoinDecision(False, "the next block is a list item")
    if _is_heading(text, listed):
        if starts_lower(continuation):
            return JoinDecision(
                True, "the first part looks like a title but the next block continues it", True
            )
        return JoinDecision(False, "the first block is a heading")
    if _ends_sentence(text):
        if starts_lower(continuation):
            return JoinDecision(
                False, "the next block starts in lower case, but the first part ends a sentence", True
            )
        return JoinDecision(False, "the first part ends a sentence")
    if starts_lower(continuation):
        if _ends_clause(text):
            return JoinDecision(
                True, "continues in lower case after a colon or semicolon", text.rstrip().endswith(":")
            )
        return JoinDecision(True, "the continuation starts in lower case")
    if _ends_clause(text):
        return JoinDecision(False, "the first part ends with a colon or semicolon")
    if _first_char_class(text.split("\n")[-1]) == _first_char_class(continuation) == "digit":
        return JoinDecision(False, "both blocks start like entries of one list (a number first)", True)
    return _decide_capital_continuation(text, continuation, vocabulary)


def _is_heading(text: str, listed: frozenset[str]) -> bool:
    """A heading by its looks, or one the contents table lists."""
    if looks_like_heading(text):
        return True
    return (
        len(text.split(maxsplit=HEADING_MAX_WORDS)) <= HEADING_MAX_WORDS
        and _normalise_heading(text) in listed
    )


def _decide_capital_continuation(text: str, continuation: str, vocabulary: BookVocabulary) -> JoinDecision:
    """The first part ends without punctuation and the next starts with a capital or a digit."""
    last, first = _last_word(text), _first_word(continuation)
    if _first_char_class(continuation) == "other":
        return JoinDecision(False, "the next block starts with neither a letter nor a digit")
    if _ends_with_comma(text):
        return JoinDecision(True, "the first part ends with a comma")
    if QUOTE_END_RE.search(text):
        return JoinDecision(
            False, "the first part ends with a closing quote: a quotation probably ended there", True
        )
    if last and first and vocabulary.has_pair(last, first):
        return JoinDecision(True, f"the book has '{last} {first}' elsewhere")
    mid_sentence = _cut_mid_sentence(text, vocabulary)
    if first.isdigit():
        return JoinDecision(
            True, f"continues with a number; {mid_sentence or 'no punctuation before it'}", not mid_sentence
        )
    if vocabulary.is_name_like(first):
        reason = f"'{first}' is capitalised inside sentences in the book (a name)"
        return JoinDecision(True, f"{reason}; {mid_sentence or 'no punctuation before it'}", not mid_sentence)
    if mid_sentence:
        return JoinDecision(True, f"{mid_sentence}, though '{first}' usually opens a sentence", True)
    return JoinDecision(False, f"no punctuation at the end, but '{first}' usually opens a sentence", True)


def _strip_spurious_bullet(text: str, continuation: str) -> str:
    """``continuation`` without a list bullet OCR put before the continued line of a list entry.

    The bullet is spurious if the first part is unfinished and the line after the bullet starts in
    lower case (``- ate cessation``) or not like the entries that follow it (``- Republic.`` among
    ``- 20 January…`` entries).
    """
    bullet = BULLET_RE.match(continuation)
    if not bullet or _ends_sentence(text) or _ends_clause(text):
        return continuation
    rest = continuation[bullet.end() :]
    if starts_lower(rest):
        return rest
    siblings = [_first_char_class(line) for line in continuation.split("\n")[1:] if is_list_item(line)]
    own = _first_char_class(rest)
    if siblings and all(kind != own for kind in siblings):
        return rest
    return continuation


def rejoin_page_breaks(blocks: Sequence[Block], vocabulary: BookVocabulary) -> Repaired:
    """Join paragraphs cut by page breaks, across the notes and page furniture between the halves.

    The joined paragraph takes the first half's place and the blocks that stood between the halves
    follow it. Each break is kept in ``extra["page_breaks"]`` (raw line of the continuation and its
    offset in the joined text); a text block that follows notes gets ``page_break_before``.

    A join can change the evidence for the seam before it (a short title-like block that turns out
    to start a paragraph), so passes repeat until one joins nothing: the result is idempotent. Only
    the last pass's refusals are reported, since earlier ones may have been overturned. A pass
    meets again most seams the pass before decided: their decisions are remembered.
    """
    changes: list[Change] = []
    doubts: list[Review] = []
    decisions: dict[SeamKey, JoinDecision] = {}
    while True:
        joined = _rejoin_page_breaks_once(blocks, vocabulary, decisions)
        changes += joined.changes
        if not joined.changes:
            return Repaired(joined.blocks, changes, doubts + joined.review)
        doubts += [item for item in joined.review if not item.reason.startswith(NOT_JOINED)]
        blocks = joined.blocks


# What :func:`decide_page_break_join` reads of a seam: the kind and text of the block before it,
# the text of the block after it, and the headings the contents table lists.
SeamKey = tuple[str, str, str, frozenset[str]]


def _rejoin_page_breaks_once(
    blocks: Sequence[Block], vocabulary: BookVocabulary, decisions: dict[SeamKey, JoinDecision]
) -> Repaired:
    """One pass of :func:`rejoin_page_breaks` over ``blocks``; ``decisions`` remembers the seams decided."""
    furniture = PageFurniture.from_blocks(blocks)
    listed = contents_titles(blocks)
    result: list[Block] = []
    changes: list[Change] = []
    review: list[Review] = []
    open_paragraph: int | None = None  # index in ``result`` of the last block of running text
    for block in blocks:
        if block.kind == "note" or block in furniture:
            result.append(block)
            continue
        between = result[open_paragraph + 1 :] if open_paragraph is not None else []
        if open_paragraph is not None:
            first = result[open_paragraph]
            seam_key = (first.kind, first.text, block.text, listed)
            if seam_key not in decisions:
                decisions[seam_key] = decide_page_break_join(first, block, vocabulary, listed)
            decision = decisions[seam_key]
            if decision.join:
                result[open_paragraph], change, doubts = _join_blocks(
                    first, block, between, decision, vocabulary
                )
                changes.append(change)
                review += doubts
                continue
            if decision.doubtful:
                seam = _seam_excerpt(first.text, block.text)
                review.append(
                    Review("rejoin_page_breaks", first.last_line, seam, NOT_JOINED + decision.reason)
                )
        if not block.page_break_before and any(item.kind == "note" for item in between):
            block = replace(block, page_break_before=True)
        result.append(block)
        open_paragraph = len(result) - 1
    return Repaired(result, changes, review)


def _seam_excerpt(left: str, right: str) -> str:
    """The end of ``left`` and the start of ``right``, with the break between them marked."""
    return _context_before(left, len(left)) + SEAM_MARK + _context_after(right, 0)


def _join_blocks(
    first: Block, second: Block, between: list[Block], decision: JoinDecision, vocabulary: BookVocabulary
) -> tuple[Block, Change, list[Review]]:
    continuation = _strip_spurious_bullet(first.text, second.text)
    seam = join_at_seam(first.text, continuation, vocabulary)
    extra = dict(first.extra)
    page_break = {"line": second.first_line, "offset": seam.offset, "in_word": seam.hyphen is not None}
    if "page" in second.extra:  # the printed page number (pipeline.furniture) of the page it opens
        page_break["page"] = second.extra["page"]
    extra["page_breaks"] = [*first.extra.get("page_breaks", []), page_break]
    joined = replace(first, text=seam.text, last_line=second.last_line, extra=extra)
    notes = sum(item.kind == "note" for item in between)
    details = [f"paragraph cut by a page break rejoined with line {second.first_line}: {decision.reason}"]
    if notes:
        details.append(f"{notes} note block(s) stood between the halves and now follow it")
    if continuation != second.text:
        details.append("the list bullet OCR put before the continued line was dropped")
    if seam.hyphen:
        details.append(seam.hyphen_note)
    before = _seam_excerpt(first.text, second.text)
    rule = "dehyphenate" if seam.hyphen else "rejoin_page_breaks"
    change = Change(
        STAGE,
        rule,
        first.last_line,
        before,
        _excerpt(seam.text, seam.offset, seam.offset),
        "; ".join(details),
    )
    review = []
    if decision.doubtful:
        review.append(Review("rejoin_page_breaks", first.last_line, before, f"joined: {decision.reason}"))
    if seam.hyphen and not seam.hyphen.conclusive:
        review.append(Review("dehyphenate", first.last_line, before, seam.hyphen_note))
    return joined, change, review


# --- words broken inside a block ------------------------------------------------------------------


def rejoin_inline_hyphenation(blocks: Sequence[Block], vocabulary: BookVocabulary) -> Repaired:
    """Decide hyphens of words broken inside a block: ``Ag- gression`` and ``inter-`` at a line end.

    A suspended hyphen (``pre- and post-war``) is left alone.
    """
    result = Repaired([], [], [])
    for block in blocks:
        repaired, changes, review = _dehyphenate_block(block, vocabulary)
        result.blocks.append(repaired)
        result.changes.extend(changes)
        result.review.extend(review)
    return result


def _dehyphenate_block(block: Block, vocabulary: BookVocabulary) -> tuple[Block, list[Change], list[Review]]:
    if "- " not in block.text and "-\n" not in block.text:  # no word broken here
        return block, [], []
    decided: list[tuple[re.Match[str], str, HyphenDecision]] = []

    def decide(match: re.Match[str]) -> str:
        left, right = match.group("left"), match.group("right")
        if match.group("gap") != "\n" and is_suspended_hyphen(left, right, vocabulary):
            return match.group()
        decision = decide_hyphenation(left, right, vocabulary)
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
        line = _line_of(block, match.start())
        where = "at a line end" if match.group("gap") == "\n" else "inside the line"
        before = _excerpt(block.text, match.start(), match.end())
        changes.append(
            Change(
                STAGE,
                "dehyphenate",
                line,
                before,
                _excerpt(text, start, start + len(replacement)),
                f"word broken {where}: {decision.verb}; {decision.evidence}",
            )
        )
        if not decision.conclusive:
            review.append(Review("dehyphenate", line, before, f"{decision.verb} on thin evidence"))
    return (replace(block, text=text) if decided else block), changes, review


# --- headings and the contents table --------------------------------------------------------------


def _map_cells(line: str, fix: Callable[[str], str]) -> str:
    """Apply ``fix`` to every cell of a markdown table row except the last (the page number)."""
    cells = line.split("|")
    inner = cells[1:-1]
    fixed = [fix(cell) for cell in inner[:-1]] + inner[-1:]
    return "|".join([cells[0], *fixed, cells[-1]])


def _fix_lines(
    blocks: Sequence[Block],
    rule: str,
    fix_line: Callable[[str, Block], str],
    explanation: str,
    may_change: Callable[[Block], bool],
) -> Repaired:
    """Apply a line-level fix to every text block; log one change per changed line.

    ``may_change`` is a quick test that every block the fix would change passes: the blocks
    failing it are kept as they are without being split into lines.
    """
    result: list[Block] = []
    changes: list[Change] = []
    for block in blocks:
        if not may_change(block):
            result.append(block)
            continue
        lines = block.text.split("\n")
        fixed = [fix_line(line, block) for line in lines]
        if fixed == lines:
            result.append(block)
            continue
        for number, (old, new) in enumerate(zip(lines, fixed, strict=True)):
            if old != new:
                start = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), len(new))
                changes.append(
                    Change(
                        STAGE,
                        rule,
                        block.first_line + number,
                        _excerpt(old, start, start + len(old) - len(new)),
                        _excerpt(new, start, start),
                        explanation,
                    )
                )
        result.append(replace(block, text="\n".join(fixed)))
    return Repaired(result, changes, [])


def _strip_stray_lead(text: str) -> str:
    match = STRAY_LEAD_RE.match(text.strip())
    if not match:
        return text
    rest = text.strip()[match.end() :]
    if "'" in match.group("stray") and ("'" in rest or "\u2019" in rest):
        return text  # an opening quote, closed later in the line
    if not looks_like_heading(rest):
        return text
    leading = text[: len(text) - len(text.lstrip())]
    trailing = text[len(text.rstrip()) :]
    return leading + rest + trailing


def strip_stray_heading_characters(blocks: Sequence[Block]) -> Repaired:
    """Drop a stray ``-``, ``.``, ``,`` or ``'`` glued to the start of a heading or contents entry."""

    def fix(line: str, block: Block) -> str:
        if block.kind != "text":
            return line
        return _map_cells(line, _strip_stray_lead) if TABLE_ROW_RE.match(line) else _strip_stray_lead(line)

    return _fix_lines(
        blocks,
        "strip_stray_heading_characters",
        fix,
        "stray character before a heading (OCR noise) removed",
        lambda block: block.kind == "text",
    )


def remove_contents_leaders(blocks: Sequence[Block]) -> Repaired:
    """Drop the leader dots (``..``, ``. . .``) OCR left at the end of contents entries."""

    def fix(line: str, block: Block) -> str:
        if block.kind != "text" or not TABLE_ROW_RE.match(line):
            return line
        return _map_cells(line, lambda cell: LEADER_RE.sub(" ", cell))

    return _fix_lines(
        blocks,
        "remove_contents_leaders",
        fix,
        "leader dots of a contents entry removed",
        lambda block: block.kind == "text" and "|" in block.text,
    )


def close_spaced_ellipses(blocks: Sequence[Block]) -> Repaired:
    """Write spaced ellipses (``. . .``) as ``...`` (the typography pass makes them ``…``)."""

    def fix(line: str, block: Block) -> str:
        return SPACED_ELLIPSIS_RE.sub(lambda match: "." * match.group().count("."), line)

    return _fix_lines(
        blocks, "close_spaced_ellipses", fix, "spaced ellipsis closed up", lambda block: ". ." in block.text
    )


def _normalise_heading(text: str) -> str:
    return " ".join(NORMALISED_HEADING_RE.sub(" ", _plain(text).lower()).split())


def contents_titles(blocks: Sequence[Block]) -> frozenset[str]:
    """The titles the contents table lists (markdown table rows), normalised for comparison.

    A title is listed with and without a label such as ``CHAPTER XIII.`` before it.
    """
    titles: set[str] = set()
    for block in blocks:
        if block.kind != "text" or not is_table(block.text):
            continue
        for line in block.text.split("\n"):
            cell = line.strip().strip("|").split("|")[0].strip()
            titles.update(_normalise_heading(title) for title in (cell, CONTENTS_LABEL_RE.sub("", cell)))
    titles.discard("")
    return frozenset(titles)


def remove_stray_heading_dashes(blocks: Sequence[Block]) -> Repaired:
    """Drop a stray `` - `` between two words of a heading.

    Evidence: the contents table lists the heading without it (conclusive), or lists it with it
    (kept); otherwise it is dropped if both neighbours are capitalised words, for review.
    """
    titles = contents_titles(blocks)
    result: list[Block] = []
    changes: list[Change] = []
    review: list[Review] = []
    for block in blocks:
        match = STRAY_DASH_RE.search(block.text)
        if block.kind != "text" or not match or is_table(block.text) or not looks_like_heading(block.text):
            result.append(block)
            continue
        fixed = STRAY_DASH_RE.sub(" ", block.text)
        if _normalise_heading(fixed) in titles:
            reason = "the contents table lists this heading without it"
        elif _normalise_heading(block.text) in titles:
            result.append(block)
            continue
        elif all(_is_capitalised_at(block.text, at) for at in (match.start() - 1, match.end())):
            reason = "it stands between capitalised words of a heading the contents table does not list"
            review.append(
                Review("remove_stray_heading_dashes", _line_of(block, match.start()), block.text, reason)
            )
        else:
            result.append(block)
            continue
        changes.append(
            Change(
                STAGE,
                "remove_stray_heading_dashes",
                _line_of(block, match.start()),
                _excerpt(block.text, match.start(), match.end()),
                _excerpt(fixed, match.start(), match.start() + 1),
                f"stray ' - ' in a heading removed: {reason}",
            )
        )
        result.append(replace(block, text=fixed))
    return Repaired(result, changes, review)


def _is_capitalised_at(text: str, index: int) -> bool:
    """True if the word around ``text[index]`` starts with a capital."""
    start = index
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return text[start : start + 1].isupper()


# --- typography (the last pass) -------------------------------------------------------------------


# Keys of ``Block.extra`` listing places in the block's text: {"line": raw line, "offset": …, …}
OFFSET_KEYS = ("page_breaks", "continued_at")


def _places_in_order(extra: dict[str, Any]) -> list[dict[str, Any]]:
    """The places ``extra`` lists in a block's text (page breaks, note continuations), by offset."""
    return sorted((p for key in OFFSET_KEYS for p in extra.get(key, [])), key=lambda p: p["offset"])


def _raw_line(first_line: int, text: str, places: Sequence[dict[str, Any]], offset: int) -> int:
    """Raw line of character ``offset`` in a block's ``text``, also one joined across page breaks
    (``places``: those of :func:`_places_in_order`)."""
    line, start = first_line, 0
    for place in places:
        if place["offset"] <= offset:
            line, start = place["line"], place["offset"]
    return line + text.count("\n", start, offset)


def _shift_offset(offset: int, edits: Sequence[Edit]) -> int:
    """Where ``offset`` of a text lands after ``edits`` (made on that text) are applied."""
    return offset + sum(len(e.after) - len(e.before) for e in edits if e.start + len(e.before) <= offset)


def typeset_blocks(blocks: Sequence[Block]) -> Repaired:
    """Apply the typographic rules of :mod:`pipeline.typography` to every block, logging each edit.

    The offsets of page breaks and note continuations in ``extra`` are moved with the text.
    """
    repaired: list[Block] = []
    changes: list[Change] = []
    explanations = {rule: (rule.__doc__ or "").strip().splitlines()[0] for rule in typography.RULES}
    for block in blocks:
        text, extra = block.text, block.extra  # as the rules so far left them
        for rule in typography.RULES:
            typeset_text, edits = rule(text)
            if not edits:
                continue
            places = _places_in_order(extra)
            for edit in edits:
                lead = _context_before(text, edit.start)
                trail = _context_after(text, edit.start + len(edit.before))
                changes.append(
                    Change(
                        STAGE,
                        rule.__name__,
                        _raw_line(block.first_line, text, places, edit.start),
                        lead + edit.before + trail,
                        lead + edit.after + trail,
                        explanations[rule],
                    )
                )
            if places:  # moved with the text
                extra = {
                    key: [{**place, "offset": _shift_offset(place["offset"], edits)} for place in value]
                    if key in OFFSET_KEYS
                    else value
                    for key, value in extra.items()
                }
            text = typeset_text
        if text != block.text:  # a rule edited it
            block = replace(block, text=text, extra=extra)
        repaired.append(block)
    return Repaired(repaired, changes, [])


# --- the stage --------------------------------------------------------------------------------------


def repair_blocks(
    blocks: Sequence[Block],
    vocabulary: BookVocabulary,
    typeset: bool = True,
    furniture: LayoutFurniture | None = None,
) -> Repaired:
    """Run every repair in order on the blocks of one book; ``typeset`` adds the typographic pass;
    ``furniture`` holds the book's layout settings for running heads and page numbers."""
    steps: list[Callable[[Sequence[Block]], Repaired]] = [
        lambda current: page_furniture_step(current, furniture),
        classify_note_blocks,
        restore_plain_note_numbers,
        remove_contents_leaders,
        close_spaced_ellipses,
        strip_stray_heading_characters,
        remove_stray_heading_dashes,
        lambda current: rejoin_inline_hyphenation(current, vocabulary),
        lambda current: attach_note_continuations(current, vocabulary),
        lambda current: rejoin_page_breaks(current, vocabulary),
        *([typeset_blocks] if typeset else []),
    ]
    changes: list[Change] = []
    review: list[Review] = []
    current = list(blocks)
    for step in steps:
        current, found, doubts = step(current)
        changes += found
        review += doubts
    changes.sort(key=lambda change: change.line)
    review.sort(key=lambda item: item.line)
    return Repaired(current, changes, review)


def repair(
    text: str, typeset: bool = True, furniture: LayoutFurniture | None = None
) -> tuple[list[Block], list[Change], list[Review]]:
    """Repair a normalised book text: its blocks, the changes made and the decisions to review."""
    return repair_blocks(split_blocks(text), BookVocabulary.from_texts([text]), typeset, furniture)


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input", required=True, help="normalised text, build/<book>/normalised.txt")
    parser.add_argument("--output", required=True, help="repaired blocks, build/<book>/repaired.json")
    parser.add_argument(
        "--metadata", help="build/<book>/metadata.json or raw/<book>.yaml, for its layout settings (optional)"
    )


def _read_text(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(path, f"cannot read the file: {error.strerror}") from None
    except UnicodeDecodeError as error:
        raise InputError(path, f"not UTF-8 (byte {error.start}): run the normalise stage first") from None


def _work(args: argparse.Namespace) -> str:
    furniture = load_layout(args.metadata).furniture
    text = _read_text(args.input)
    source = split_blocks(text)
    source_count = len(source)
    blocks, changes, review = repair_blocks(source, BookVocabulary.from_texts([text]), furniture=furniture)
    del source  # not kept in memory while the output is written
    write_json(
        args.output,
        {
            "blocks": [block.to_dict() for block in blocks],
            "changes": [change.to_dict() for change in changes],
            "review": [item.to_dict() for item in review],
        },
    )
    joins = sum(len(block.extra.get("page_breaks", [])) for block in blocks)
    notes = sum(block.kind == "note" for block in blocks)
    return (
        f"{source_count} blocks → {len(blocks)} ({notes} notes, {joins} page-break joins), "
        f"{len(changes)} changes, {len(review)} to review"
    )


def main(argv: Sequence[str] | None = None) -> int:
    return run_stage(STAGE, _configure, _work, argv)


if __name__ == "__main__":
    raise SystemExit(main())
