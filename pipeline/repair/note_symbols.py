"""Note symbols OCR misread (``f`` for ``†``), restored with their markers in the page's text, on the
printers' order of symbols (:func:`restore_note_symbols`); the markers still missing then from
their order among the markers found."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from pipeline.lazy_re import lazy_compile
from pipeline.model import Block, Change
from pipeline.repair.base import (
    RepairContext,
    Repaired,
)
from pipeline.repair.note_markers import marker_replaced, reopened
from pipeline.repair.vocabulary import BookVocabulary
from pipeline.text.markers import (
    DAMAGED_SIGN_MARKER_RE,
    GLUED_NOTE_TEXT_START,
    PLAIN_MARKER_FOLLOWS,
    SYMBOL_OCR_FORMS,
    SYMBOL_ORDER,
    SYMBOL_TOKEN,
)
from pipeline.text.punctuation import DASHES
from pipeline.text.words import english_zipf

GLUED_WORD_MIN = 3  # a marker read as a letter glued to a word of at least these letters
GLUED_WORD_MIN_COUNT = 2  # … that the book prints at least this often without it
# a note's opening symbol, or a form OCR reads it as, before a space; a symbol that is no letter may
# be glued to the note's text (``*Report``)
SYMBOL_NOTE_START_RE = lazy_compile(rf"^(?P<token>{SYMBOL_TOKEN})(?=\s|(?<![A-Za-z]){GLUED_NOTE_TEXT_START})")


def restore_note_symbols(blocks: Sequence[Block], context: RepairContext) -> Repaired:
    """Restore the symbols of a page's footnotes that OCR misread, and their markers.

    A page's notes marked by symbols follow the printers' order (:data:`SYMBOL_ORDER`): ``*``,
    ``†``, ``‡``, ``§`` … So where a page's notes (a run of note blocks) open with a symbol, a note
    opening with a form OCR reads a symbol as (:data:`SYMBOL_OCR_FORMS`: ``f`` or ``t`` for ``†``)
    gets the symbol of its rank, up to the first note without a symbol (a symbol printed as such
    sets the rank of the notes after it). The marker of each is then looked for in the page's
    text (:func:`symbol_marker_re`: ``Wilkinson.f``, ``it.” *``); found once, it is restored.
    The markers still missing then are looked for in their order (:func:`_restore_markers_in_order`).
    """
    result = list(blocks)
    changes: list[Change] = []
    page_text: list[int] = []
    index = 0
    while index < len(blocks):
        if blocks[index].kind != "note":
            page_text = [] if blocks[index].page_break_before else page_text
            page_text.append(index)
            index += 1
            continue
        end = next((i for i in range(index, len(blocks)) if blocks[i].kind != "note"), len(blocks))
        first = SYMBOL_NOTE_START_RE.match(blocks[index].text)
        if first and first.group("token") in (SYMBOL_ORDER[0], *SYMBOL_OCR_FORMS[SYMBOL_ORDER[0]]):
            rank = 0
            symbols: list[str] = []
            for at in range(index, end):
                token = SYMBOL_NOTE_START_RE.match(blocks[at].text)
                if token is None or rank >= len(SYMBOL_ORDER):
                    break
                printed = token.group("token")
                rank = SYMBOL_ORDER.index(printed) if printed in SYMBOL_ORDER else rank
                symbol = SYMBOL_ORDER[rank]
                if printed != symbol:
                    result[at], change = _restore_note_symbol(blocks[at], printed, symbol, rank)
                    changes.append(change)
                changes += _restore_symbol_marker(result, page_text, symbol, context.vocabulary)
                symbols.append(symbol)
                rank += 1
            changes += _restore_markers_in_order(result, page_text, symbols)
        page_text = []
        index = end
    return Repaired(result, changes, [])


def _restore_note_symbol(block: Block, token: str, symbol: str, rank: int) -> tuple[Block, Change]:
    explanation = (
        f"note {rank + 1} of a page whose notes are marked by symbols opens with {token!r}: "
        f"the symbols go {' '.join(SYMBOL_ORDER)}, so it is {symbol}"
    )
    return reopened(block, len(token), symbol, "restore_note_symbols", explanation)


def symbol_marker_re(symbol: str) -> re.Pattern[str]:
    """The marker of note ``symbol`` in the running text as OCR may read it: the symbol or a form
    of it (:data:`SYMBOL_OCR_FORMS`) right after a word or a clause's end, or one space after them
    (``River * (Daintree``); a form that is a letter (``f``) only right after the clause's end
    (``Wilkinson.f``)."""
    forms = (symbol, *SYMBOL_OCR_FORMS[symbol])
    signs = "|".join(re.escape(form) for form in forms if not form.isalpha())
    letters = "|".join(re.escape(form) for form in forms if form.isalpha())
    glued = rf"(?<=[{PLAIN_MARKER_FOLLOWS}])(?:{letters})" if letters else None
    spaced = rf"(?:(?<=[^\W\d_]) ?|(?<=[{PLAIN_MARKER_FOLLOWS}]) ?)(?:{signs})"
    return re.compile(rf"(?:{spaced}{'|' + glued if glued else ''})(?=\s|$)")


def _glued_letter_markers(text: str, symbol: str, vocabulary: BookVocabulary) -> list[re.Match[str]]:
    """The forms of ``symbol`` that are letters (``f``, ``J``) glued to the end of a word, where the
    book knows the word without it, and neither the book nor the language with it
    (``supposedf``, ``Tenison-WoodsJ``); or a small letter glued before a capitalised word the book
    knows, after a clause's end or a dash (``says :—fMy own``: the marker set before a quotation)."""
    letters = "".join(form for form in SYMBOL_OCR_FORMS[symbol] if form.isalpha() and len(form) == 1)
    if not letters:
        return []
    after_word = [
        match
        for match in re.finditer(rf"(?<=[^\W\d_]{{{GLUED_WORD_MIN}}})[{letters}](?=[\s.,;:]|$)", text)
        if vocabulary.words[(word := _word_before(text, match.start())).lower()] >= GLUED_WORD_MIN_COUNT
        and vocabulary.words[(word + match.group()).lower()] <= 1
        and english_zipf((word + match.group()).lower()) == 0
    ]
    lower = "".join(letter for letter in letters if letter.islower())
    if not lower:
        return after_word
    before_word = [
        match
        for match in re.finditer(rf"(?<=[{PLAIN_MARKER_FOLLOWS}{DASHES}])[{lower}](?=[A-Z][a-z]*\b)", text)
        if vocabulary.words[_word_after(text, match.end()).lower()] >= GLUED_WORD_MIN_COUNT
    ]
    return after_word + before_word


def _word_after(text: str, start: int) -> str:
    """The letters of ``text`` right after position ``start``."""
    word = re.match(r"[^\W\d_]+", text[start:])
    return word.group() if word else ""


def _word_before(text: str, end: int) -> str:
    """The letters of ``text`` right before position ``end``."""
    word = re.search(r"[^\W\d_]+$", text[:end])
    return word.group() if word else ""


def _restore_symbol_marker(
    blocks: list[Block], page_text: Sequence[int], symbol: str, vocabulary: BookVocabulary
) -> list[Change]:
    """Restore the marker of note ``symbol`` where the page's text holds it once, misread or
    spaced (:func:`symbol_marker_re`) or a letter glued to a word (:func:`_glued_letter_markers`);
    none where the text holds the symbol as printed."""
    pattern = symbol_marker_re(symbol)
    found = [(i, m) for i in page_text for m in pattern.finditer(blocks[i].text)]
    found += [(i, m) for i in page_text for m in _glued_letter_markers(blocks[i].text, symbol, vocabulary)]
    if len(found) != 1 or found[0][1].group() == symbol:
        return []
    at, match = found[0]
    explanation = (
        f"the marker of note {symbol} on this page, read {match.group().strip()!r} by OCR: "
        "the only place on the page where it can stand"
    )
    blocks[at], change = marker_replaced(blocks[at], match, symbol, "restore_note_symbols", explanation)
    return [change]


def _restore_markers_in_order(
    blocks: list[Block], page_text: Sequence[int], symbols: Sequence[str]
) -> list[Change]:
    """Restore the markers of a page's notes (``symbols``, in order) that its text does not hold,
    from their order: the markers of the notes between two whose markers stand once in the text
    (or before the first, after the last) stand between those two, in order; where the text
    between holds as many signs after the end of a sentence (:data:`DAMAGED_SIGN_MARKER_RE`:
    ``structure.” •(*``, ``arise.” ;``) as notes miss their marker, each is one."""
    places = {
        symbol: [
            (k, m.start())
            for k, i in enumerate(page_text)
            for m in _printed_symbol_re(symbol).finditer(blocks[i].text)
        ]
        for symbol in symbols
    }
    anchors = [(rank, found[0]) for rank, found in enumerate(places.values()) if len(found) == 1]
    changes: list[Change] = []
    bounds = [(-1, (-1, -1)), *anchors, (len(symbols), (len(page_text), 0))]
    for (low, start), (high, end) in itertools.pairwise(bounds):
        missing = [symbols[rank] for rank in range(low + 1, high) if not places[symbols[rank]]]
        if not missing or missing != list(symbols[low + 1 : high]) or start >= end:
            continue
        signs = [
            (page_text[k], match)
            for k, i in enumerate(page_text)
            for match in DAMAGED_SIGN_MARKER_RE.finditer(blocks[i].text)
            if start < (k, match.start()) < end
        ]
        if len(signs) != len(missing):
            continue
        for symbol, (at, match) in reversed(list(zip(missing, signs, strict=True))):
            explanation = (
                f"the marker of note {symbol} on this page, read {match.group('token')!r} by OCR: the "
                f"notes' markers stand in their order, and {len(missing)} sign(s) after a sentence's end "
                f"stand where the {len(missing)} missing one(s) must"
            )
            blocks[at], change = marker_replaced(
                blocks[at], match, symbol, "restore_note_symbols", explanation
            )
            changes.append(change)
    return changes


def _printed_symbol_re(symbol: str) -> re.Pattern[str]:
    """Note ``symbol`` as printed after a word or a clause's end (``nature.”*``), not among other
    signs (``•(*``)."""
    return re.compile(rf"(?<=[\w{PLAIN_MARKER_FOLLOWS}]){re.escape(symbol)}(?=\s|$)")
