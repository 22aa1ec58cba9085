"""Typographic rules: how the book's text is typeset, one definition for every stage.

The ``repair`` stage typesets every block by them last (:mod:`pipeline.repair.typesetting`), and
the ``correct`` stage typesets an editor's corrections the same way, so they match the text.

Each rule is a small pure function ``rule(text) -> (text, [Edit])`` over one block's text; an
:class:`Edit` says where in the *input* text it changed what, so the stage can log it against the
raw line. The rules leave the OCR's markdown (``*italic*``, ``**bold**``), note markers and table
bars alone, and they are idempotent: typeset text comes out unchanged. :data:`RULES` lists them in
the order they run.

* ``curly_double_quotes``: ``"`` → “ or ” (opening after a space, a bracket, a dash or an opening quote);
* ``curly_single_quotes``: ``'`` → right single quote (apostrophe, closing) or left one (opening);
* ``em_dash``: ``--`` and a hyphen spaced between two words → — (closed up, as the book sets dashes);
* ``closed_up_dash``: an em dash spaced on one side only loses that space;
* ``en_dash_range``: ``1918-1920``, ``pp. 64-65``, ``535-36`` → en dash; not in hyphenated words and
  not in codes (more than four digits, or a chain like ``2020-01-05``);
* ``en_dash_month_range``: a hyphen in a date range whose end names its month (``March-November``,
  ``July-2 August``, ``1918-March 1921``) → en dash;
* ``ellipsis``: ``...`` → … (a fourth dot, a sentence's full stop, stays before it);
* ``single_spaces``: runs of spaces inside a line → one space;
* ``initials_nbsp``: a no-break space after initials, ``V. I. Lenin`` → ``V.\u00a0I.\u00a0Lenin``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import NamedTuple

from pipeline.lazy_re import lazy_compile
from pipeline.text.punctuation import EMPHASIS_MARKS
from pipeline.text.words import MONTH

NBSP = "\u00a0"
# Before an opening quote: nothing, a space, an opening bracket, a dash, a slash or another opening quote.
# (The patterns below that look behind do it after their first character, e.g. `` (?<=x )`` rather
# than ``(?<=x) ``: the same matches, but the regex engine then jumps from one candidate character to
# the next instead of testing the look-behind at every position, several times faster.)
OPENING_CONTEXT = " \t\n([{\u2014\u2013/\u201c\u2018|"


class Edit(NamedTuple):
    """One typographic change: ``before`` at ``start`` of the input text became ``after``."""

    start: int
    before: str
    after: str


Rule = Callable[[str], tuple[str, list[Edit]]]


def _substitute(
    pattern: re.Pattern[str], text: str, replace: Callable[[re.Match[str]], str]
) -> tuple[str, list[Edit]]:
    """Apply ``replace`` to every match of ``pattern``; a match replaced by itself is no edit."""
    edits: list[Edit] = []

    def record(match: re.Match[str]) -> str:
        after = replace(match)
        if after != match.group(0):
            edits.append(Edit(match.start(), match.group(0), after))
        return after

    return pattern.sub(record, text), edits


def _only_with(trigger: str | re.Pattern[str]) -> Callable[[Rule], Rule]:
    """Skip the rule (no edits) on a text without ``trigger``, which every one of its matches contains:
    a string, or a pattern that is quicker to search for than the rule's own."""
    present = (lambda text: trigger in text) if isinstance(trigger, str) else trigger.search

    def decorate(rule: Rule) -> Rule:
        @wraps(rule)
        def checked(text: str) -> tuple[str, list[Edit]]:
            return rule(text) if present(text) else (text, [])

        return checked

    return decorate


def _char_before(text: str, index: int) -> str:
    """The character before ``index``, looking through emphasis marks; ``""`` at the start."""
    while index > 0 and text[index - 1] in EMPHASIS_MARKS:
        index -= 1
    return text[index - 1] if index > 0 else ""


def _char_after(text: str, index: int) -> str:
    """The character after ``index``, looking through emphasis marks; ``""`` at the end."""
    index += 1
    while index < len(text) and text[index] in EMPHASIS_MARKS:
        index += 1
    return text[index] if index < len(text) else ""


def _opens(text: str, index: int) -> bool:
    """Whether the quote at ``index`` opens a quotation (judged by what stands before and after it)."""
    before, after = _char_before(text, index), _char_after(text, index)
    return (before == "" or before in OPENING_CONTEXT) and after not in ("", " ", "\n")


DOUBLE_QUOTE_RE = lazy_compile(r'"')


@_only_with('"')
def curly_double_quotes(text: str) -> tuple[str, list[Edit]]:
    """Straight double quotes become opening or closing curly quotes."""
    return _substitute(DOUBLE_QUOTE_RE, text, lambda m: "\u201c" if _opens(text, m.start()) else "\u201d")


SINGLE_QUOTE_RE = lazy_compile(r"'")
# '20s, 'tis: an apostrophe
ELIDED_START_RE = lazy_compile(r"'(?:\d\d(?!\d)|(?:tis|twas|em)\b)", re.IGNORECASE)


@_only_with("'")
def curly_single_quotes(text: str) -> tuple[str, list[Edit]]:
    """Straight single quotes become apostrophes (U+2019), or opening quotes (U+2018) where one opens."""

    def curl(match: re.Match[str]) -> str:
        index = match.start()
        if _opens(text, index) and not ELIDED_START_RE.match(text, index):
            return "\u2018"
        return "\u2019"

    return _substitute(SINGLE_QUOTE_RE, text, curl)


# a letter, then `` - ``, `` -- `` or ``--``, then a letter
SPACED_DASH_RE = lazy_compile(r" (?<=[^\W\d_] )--? (?=[^\W\d_])|-(?<=[^\W\d_]-)-(?=[^\W\d_])")
# ``--`` or `` - ``: in every match of SPACED_DASH_RE (searched for from one hyphen to the next)
DOUBLE_OR_SPACED_HYPHEN_RE = lazy_compile(r"-(?:-|(?<= -) )")
# a word character, then ``— `` or `` —``, then a word character
LOPSIDED_DASH_RE = lazy_compile(r"\u2014(?<=\w\u2014) (?=\w)| (?<=\w )\u2014(?=\w)")


@_only_with(DOUBLE_OR_SPACED_HYPHEN_RE)
def em_dash(text: str) -> tuple[str, list[Edit]]:
    """``--`` or a hyphen spaced between words becomes an em dash, closed up as the book sets them."""
    return _substitute(SPACED_DASH_RE, text, lambda m: "\u2014")


@_only_with("\u2014")
def closed_up_dash(text: str) -> tuple[str, list[Edit]]:
    """An em dash spaced on one side only (``processes— the``) loses the space."""
    return _substitute(LOPSIDED_DASH_RE, text, lambda m: "\u2014")


# 1-4 digits (not after a word character, ``-``, ``.``, ``/`` or an en dash), a hyphen, 1-4 digits
NUMBER_RANGE_RE = lazy_compile(
    r"(?P<left>\d(?<![\w\-./\u2013]\d)\d{0,3})-(?P<right>\d{1,4})(?![\w\-/\u2013]|\.\d)"
)
CODE_TOKEN_RE = lazy_compile(r"\d+[-/]\d+")
DIGIT_HYPHEN_DIGIT_RE = lazy_compile(r"-(?<=\d-)\d")  # in every number range (searched for from each hyphen)


def _is_range(left: str, right: str) -> bool:
    """Whether ``left-right`` reads as a rising range: 1918-1920, 9-18, 535-36 (= 535 to 536), and
    one that crosses a hundred in its shortened end of two digits or more, the first a zero: 299-01
    (= 299 to 301; not ``25-0``, a table's ``25·0`` misread)."""
    if len(right) >= len(left):
        return int(right) > int(left)
    prefix = int(left[: len(left) - len(right)])
    end = int(f"{prefix}{right}")
    if end <= int(left) and len(right) > 1 and right.startswith("0"):
        end = int(f"{prefix + 1}{right}")
    return int(left) < end < int(left) + 10 ** len(right)


def _next_to_code(text: str, match: re.Match[str]) -> bool:
    """Whether a neighbouring token is a number code (``11102-077 39-80``), so this is one too."""
    before = text[: match.start()].rsplit(maxsplit=1)  # [..., the last token before it]
    after = text[match.end() :].split(maxsplit=1)  # [the first token after it, ...]
    neighbours = [before[-1] if before else "", after[0] if after else ""]
    return any(
        CODE_TOKEN_RE.fullmatch(token) and not NUMBER_RANGE_RE.fullmatch(token) for token in neighbours
    )


@_only_with(DIGIT_HYPHEN_DIGIT_RE)
def en_dash_range(text: str) -> tuple[str, list[Edit]]:
    """A hyphen between the two numbers of a range (years, pages, days) becomes an en dash."""

    def dash(match: re.Match[str]) -> str:
        if _is_range(match["left"], match["right"]) and not _next_to_code(text, match):
            return f"{match['left']}\u2013{match['right']}"
        return match.group(0)

    return _substitute(NUMBER_RANGE_RE, text, dash)


# "March-November 1918", "17 July-2 August", "November 1918-March 1921", "March 29-April 5": a month,
# a day (1 to 31) or a year (not inside a longer number, a word or a code: a table's ``76-6 March`` is
# none) before the hyphen, a month (perhaps after its day) after it; emphasis may close or open around
# the dash
DAY_OR_YEAR = r"(?<![\w./\-])(?:\d{4}|[12]\d|3[01]|0?[1-9])(?!\d)"
MONTH_RANGE_RE = lazy_compile(
    rf"(?P<left>(?:\b{MONTH}|{DAY_OR_YEAR})\*?)-(?P<right>\*?(?:\d{{1,2}}\s+)?{MONTH}\b)"
)
# a hyphen before a month (perhaps after ``*`` and its day): in every month range (searched for from
# each hyphen)
MONTH_HYPHEN_RE = lazy_compile(rf"-(?=\*?(?:\d{{1,2}}\s+)?{MONTH}\b)")


@_only_with(MONTH_HYPHEN_RE)
def en_dash_month_range(text: str) -> tuple[str, list[Edit]]:
    """A hyphen between the dates of a range whose end names its month (``March-November``,
    ``July-2 August``, ``1918-March 1921``, ``29-April 5``) becomes an en dash.

    English month names: this is a rule of English typography, like the quotation rules.
    """
    return _substitute(MONTH_RANGE_RE, text, lambda m: f"{m['left']}\u2013{m['right']}")


ELLIPSIS_RE = lazy_compile(r"(?<!\.\.)\.\.\.(?!\.)")


@_only_with("...")
def ellipsis(text: str) -> tuple[str, list[Edit]]:
    """Three full stops become an ellipsis; in ``....`` the first is a full stop and stays.

    Runs of five or more dots (leaders) are left alone.
    """
    return _substitute(ELLIPSIS_RE, text, lambda m: "\u2026")


DOUBLE_SPACE_RE = lazy_compile(r"  (?<=\S  ) *(?=\S)")  # two or more spaces between non-spaces


@_only_with("  ")
def single_spaces(text: str) -> tuple[str, list[Edit]]:
    """Runs of spaces between words become one space (indentation at a line's start is kept)."""
    return _substitute(DOUBLE_SPACE_RE, text, lambda m: " ")


# ``A. `` repeated (the first not after a word character or a full stop) before a capitalised word
INITIAL_CHAIN_RE = lazy_compile(r"(?P<chain>[A-Z](?<![\w.][A-Z])\. (?:[A-Z]\. )*)(?=[A-Z][\w\u2019'-]*[a-z])")
CAPITALISED_WORD_BEFORE_RE = lazy_compile(r"[A-Z][\w\u2019]*[*_]* $")
# in every chain of initials (searched for from each full stop)
INITIAL_RE = lazy_compile(r"\. (?<=[A-Z]\. )")


@_only_with(INITIAL_RE)
def initials_nbsp(text: str) -> tuple[str, list[Edit]]:
    """A no-break space after each initial before a surname: ``V. I. Lenin`` → ``V.\u00a0I.\u00a0Lenin``.

    A single capital after a capitalised word is left alone when it may be a numeral or a
    sentence's last word (``World War I. The``, ``CHAPTER V. The``).
    """

    def bind(match: re.Match[str]) -> str:
        chain = match["chain"]
        initials = chain.split()
        if len(initials) == 1 and CAPITALISED_WORD_BEFORE_RE.search(text, 0, match.start()):
            return chain
        return chain.replace(" ", NBSP)

    return _substitute(INITIAL_CHAIN_RE, text, bind)


RULES: tuple[Rule, ...] = (
    single_spaces,
    ellipsis,
    em_dash,
    closed_up_dash,
    en_dash_range,
    en_dash_month_range,
    curly_double_quotes,
    curly_single_quotes,
    initials_nbsp,
)


def typeset(text: str) -> tuple[str, list[tuple[str, Edit]]]:
    """Apply every rule in order; the edits are tagged with their rule's name.

    Edit positions refer to the text as the rule saw it (after the earlier rules).
    """
    edits: list[tuple[str, Edit]] = []
    for rule in RULES:
        text, found = rule(text)
        edits += [(rule.__name__, edit) for edit in found]
    return text, edits
