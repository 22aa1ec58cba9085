"""Reading the evidence: how a block of the book looks (heading, table, list, lines set one by one).

The repairs decide from these tests alone; none knows anything about a particular book.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import lru_cache

from pipeline.lazy_re import lazy_compile
from pipeline.model import Block
from pipeline.text.headings import TABLE_ROW_RE, heading_key, is_title_case
from pipeline.text.punctuation import (
    LIST_ITEM_RE,
    OPENING_MARKS,
    ends_with_punctuation,
    is_separator,
    plain_text,
    starts_lower,
)

# Headings run to ~25 words at most (long section titles); cut paragraphs are prose.
HEADING_MAX_WORDS = 30
# Texts whose heading tests are remembered: the page-break passes ask again about the same blocks.
TEXT_CACHE_SIZE = 4096
# A multi-line block whose lines are all this short, and mostly do not run on like wrapped prose,
# is set line by line (title page, imprint, multi-line heading): it is never joined to what follows.
LINEATED_MAX_LINE_CHARS = 60

BOLD_BLOCK_RE = lazy_compile(r"\*\*[^*].*\*\*", re.DOTALL)
SUBTITLE_RE = lazy_compile(r"\(.*\)")
CONTENTS_LABEL_RE = lazy_compile(r"^\W*[A-Z]+\s+(?:[IVXLCDM]+|\d+)\.\s+")  # "CHAPTER XIII. " before a title


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
    words = plain_text(stripped)
    if not any(char.islower() for char in words):
        return "capitals"
    if SUBTITLE_RE.fullmatch(words):
        return "subtitle"
    if ends_with_punctuation(words):
        return None
    return "title" if is_title_case(words) else None


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


def first_char_class(line: str) -> str:
    """``"digit"``, ``"upper"`` or ``"other"``: how a line starts, after any list marker and quotes."""
    rest = LIST_ITEM_RE.sub("", line, count=1)
    rest = rest.lstrip(OPENING_MARKS)
    if rest[:1].isdigit():
        return "digit"
    return "upper" if rest[:1].isupper() else "other"


def is_paragraph(block: Block) -> bool:
    """Running text that may have been cut by a page break (not a heading, table or note)."""
    return block.kind == "text" and not looks_like_heading(block.text) and not is_set_apart(block.text)


def is_heading(text: str, listed: frozenset[str]) -> bool:
    """A heading by its looks, or one the contents table lists."""
    if looks_like_heading(text):
        return True
    return (
        len(text.split(maxsplit=HEADING_MAX_WORDS)) <= HEADING_MAX_WORDS
        and heading_key(text, hyphens=True) in listed
    )


def contents_titles(blocks: Sequence[Block]) -> frozenset[str]:
    """The titles the contents table lists (markdown table rows), as :func:`heading_key` gives them
    (hyphens kept).

    A title is listed with and without a label such as ``CHAPTER XIII.`` before it.
    """
    titles: set[str] = set()
    for block in blocks:
        if block.kind != "text" or not is_table(block.text):
            continue
        for line in block.text.split("\n"):
            cell = line.strip().strip("|").split("|")[0].strip()
            titles.update(
                heading_key(title, hyphens=True) for title in (cell, CONTENTS_LABEL_RE.sub("", cell))
            )
    titles.discard("")
    return frozenset(titles)
