"""Note markers and note numbers as OCR prints them, and where a footnote body starts."""

from __future__ import annotations

import re

from pipeline.lazy_re import lazy_compile

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"  # how OCR prints note markers (¹⁴) and note numbers
SUPERSCRIPT_MINUS = "⁻"  # between the numbers of a marker range (²¹⁻²²)
TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS + SUPERSCRIPT_MINUS, "0123456789-")
# the printers' order of note symbols on a page (the fifth and sixth: parallels, paragraph mark)
SYMBOL_ORDER = ("*", "†", "‡", "§", "‖", "¶")
NOTE_SYMBOLS = "".join(SYMBOL_ORDER)  # a note marked by symbols instead of numbers
# how OCR reads a note symbol where it opens a footnote or stands after a word: a dagger as ``f``
# or ``t``, a double dagger as ``J`` or ``I``, parallels as ``||``, a paragraph mark as ``IT``
SYMBOL_OCR_FORMS = {
    "*": ("•", "♦"),
    "†": ("f", "t", "+", "-f"),
    "‡": ("J", "I", "X", "x", "%", "t"),
    "§": ("S", "%"),
    "‖": ("||", "II", "ll", "H"),
    "¶": ("IT", "TT", "^"),
}
# any note symbol or a form OCR reads it as, longest first (a regex alternation)
SYMBOL_TOKEN = "|".join(
    map(
        re.escape,
        sorted(
            {*SYMBOL_ORDER, *(f for forms in SYMBOL_OCR_FORMS.values() for f in forms)},
            key=lambda t: (-len(t), t),
        ),
    )
)
# what may join the numbers of a note body's range: superscript minus, hyphen, en dash
NOTE_RANGE_DASHES = SUPERSCRIPT_MINUS + "\\-\u2013"
MARKER_CHARACTER_RE = lazy_compile(f"[{SUPERSCRIPT_DIGITS}{SUPERSCRIPT_MINUS}]")
# the forms OCR reads a note symbol as that are no word (``-f`` for a dagger, ``^`` for a paragraph
# mark): after the end of a sentence at a line's end they can only be its marker
SIGN_SYMBOL_FORMS = sorted({f for forms in SYMBOL_OCR_FORMS.values() for f in forms if not f.isalpha()})
SIGN_SYMBOL_TOKEN = "|".join(map(re.escape, SIGN_SYMBOL_FORMS))
# what a note marker printed without superscript follows: the end of a clause or of a quotation
PLAIN_MARKER_FOLLOWS = r".,;:!?\"\u201d\u2019)\]"
MARKER_STOPS = ".,;:)"  # the stops a raised note marker may stand after (``Russia.¹``, ``peace,²``)
# a plain note marker at the end of a line of running text: one or two digits or note symbols after
# the end of a sentence or quotation after a word of two letters or more (OCR may put a space
# before the stop), perhaps after a space (``taught.” 1``, ``Severity .” 1``, ``state.*``)
# (a look-ahead first, for what the marker may open with: most places in a line are passed over at once)
PLAIN_MARKER_AT_END_RE = lazy_compile(
    rf"(?=[ \d{NOTE_SYMBOLS}{re.escape(''.join(form[0] for form in SIGN_SYMBOL_FORMS))}])"
    rf"(?:(?<=[^\W\d_]{{2}}[{PLAIN_MARKER_FOLLOWS}])|(?<=[^\W\d_]{{2}}[{PLAIN_MARKER_FOLLOWS}]{{2}})"
    rf"|(?<=[^\W\d_]{{2}} [{PLAIN_MARKER_FOLLOWS}])|(?<=[^\W\d_]{{2}} [{PLAIN_MARKER_FOLLOWS}]{{2}}))"
    rf" ?(?:\d{{1,2}}|[{NOTE_SYMBOLS}]+|{SIGN_SYMBOL_TOKEN})$"
)
# what a plain note marker at a line's end may end with: a digit (any, as ``\d``), a note symbol or
# the last sign of a symbol's OCR form
PLAIN_MARKER_LAST_SIGNS = frozenset(NOTE_SYMBOLS + "".join(form[-1] for form in SIGN_SYMBOL_FORMS))
# a note symbol OCR damaged into other signs, after the end of a sentence or quotation ending a word
# of two letters or more (not an abbreviation's stop: ``S. „``), perhaps a space between
# (``structure.” •(*``, ``quoted.^``, ``break down.”-]-``): one to three signs, not only
# note symbols as printed, only stops, only dashes, only ditto marks or quotation marks, nor one
# bracket with stops or clause punctuation (``nov.),``); and clause punctuation only after a
# closing quotation mark (``arise.” ;``, not ``viz. :``) (group ``token``)
NOT_MARKER_SIGNS = (
    rf"[{NOTE_SYMBOLS}]+|[.,\u2026]+|[\-\u2013\u2014]+|[\u201e\"\u201c\u201d\u2018\u2019']+"
    r"|[()\[\]][.,;:]*|[.,;:]*[()\[\]]"
)
DAMAGED_SIGN_MARKER_RE = lazy_compile(
    r"(?:(?<=[^\W\d_]{2}[.!?])|(?<=[^\W\d_]{2}[.!?][\u201d\u2019\"])"
    r"|(?<=[^\W\d_]{2}[.!?][\u201d\u2019\"]{2})) ?"
    r"(?:(?<=[\u201d\u2019\"])|(?<=[\u201d\u2019\"] )|(?![,;:]+(?:\s|$)))"
    rf"(?P<token>(?![\u201d\u2019\"])(?!(?:{NOT_MARKER_SIGNS})(?:\s|$))[^\w\s]{{1,3}})(?=\s|$)"
)
# a lone digit after a word at the end of a line, no stop between them: a note marker whose stop OCR
# lost (``our Churchy 4``: ``Church.” 4``), or a question mark OCR read as a one (``our own 1``)
LOST_STOP_AT_END_RE = lazy_compile(r"[^\W\d_]{2}[\u201d\u2019\"]? \d$")
# a plain number, then one space, opening a block: a note number OCR read without its superscript
PLAIN_NOTE_START_RE = lazy_compile(r"^(?P<number>\d{1,3}) (?=\S)")
# a footnote's first line whose number OCR damaged: a short token of digits and signs (``1(5``,
# ``3!>``, ``•\u2018*9``, ``5”``, ``--``), perhaps a digit read as a letter like it (``■*o``,
# ``*S``: o, l, S, B for 0, 1, 5, 8), or its two digits set apart (``4 5``: group ``split``), then a
# capitalised word (``® A Soviet``: a word of one letter too), perhaps after a quotation mark OCR
# set apart (``3 \u2018 Babbage``); not a number as printed (``38.``, ``24, April``), note symbols
# (``* “ Why``) nor a quotation's opening mark set apart (``“ Mr. Kingsley``)
DAMAGED_NUMBER_START_RE = lazy_compile(
    r"^\s*(?!\d{1,4}[.,;:]\s|[*•♦†‡§‖¶]+\s|[\"\u201c\u2018']\s)"
    r"(?P<marker>(?P<split>\d \d)|[^\sA-Za-z]{1,4}|[^\sA-Za-z]{1,3}[olSB])\s+"
    r"(?=(?:[\"\u201c\u2018'] )?[\"\u201c\u2018'(]?[A-Z](?:[a-z.]| [A-Za-z]))"
)

# the same glued to the note's capitalised first word (``\u2018©The Red Army``, ``10\u2019The US``: OCR
# lost the space): one to three signs, none a letter, a space, an opening quotation mark or a bracket,
# perhaps between quotation marks OCR read for a digit's strokes (a quotation opening a paragraph,
# ``\u201cThe``, is none)
GLUED_DAMAGED_NUMBER_START_RE = lazy_compile(
    r"^\s*(?P<marker>[\"\u201c\u2018']?[^\sA-Za-z\"\u201c\u2018'(\[]{1,3}[\u201d\u2019'\"]?)(?=[A-Z][a-z])"
)

# a footnote's first line: a number or symbols (OCR reads a small ``*`` as ``•`` or ``♦`` too), then its
# text (after a symbol, a quotation mark OCR set apart: ``* “ Fossil Flora.”``)
FOOT_NOTE_SYMBOLS = NOTE_SYMBOLS + "".join(SYMBOL_OCR_FORMS["*"])
# a footnote's text: a capital, perhaps quoted; after a symbol OCR may set the quotation mark apart
# (``* “ Fossil Flora.”``); after a number it may not (``12 “ And…``, a quoted line, would split a
# numbered zone)
NUMBERED_NOTE_TEXT_START = "(?=[\"\u201c\u2018'(\\[]?[A-Z])"
NOTE_TEXT_START = "(?=[\"\u201c\u2018'(\\[]? ?[A-Z])"
# a note's text that OCR glued to the symbol opening it (``*Report on the Geology…``): a capitalised
# word, and no emphasis mark after it on the line (``*Pravda*, 1919`` opens with emphasis, no symbol)
GLUED_NOTE_TEXT_START = "(?=[A-Z][a-z][^*\n]*(?:\n|$))"
FOOT_NOTE_START_RE = lazy_compile(
    rf"^\s*(?:(?P<number>\d{{1,3}})\.?\s+{NUMBERED_NOTE_TEXT_START}"
    rf"|(?P<symbol>[{FOOT_NOTE_SYMBOLS}]{{1,3}})\s*{NOTE_TEXT_START})"
)

# how OCR reads a note number printed small, where it cannot be a word: ``l`` or ``|`` for ``1``
DIGIT_OCR_FORMS = {"1": ("l", "|")}
# the letters and signs OCR reads a small digit as, and the digits (``ls`` for ``15``, ``B`` for ``8``)
MISREAD_CHARACTERS = "lI|!SsBOoZG"
DIGIT_MISREADINGS = str.maketrans(MISREAD_CHARACTERS, "11115580026")
# a note number OCR misread, set apart in the running text after a word (the space is matched) or
# after a clause's end (``Society B began``, ``Creek.” ls Babbage``, ``sary;3s``; not after an
# apostrophe: ``Warburton\u2019s``): digits and characters of
# :data:`DIGIT_MISREADINGS`, one of these at least (group ``token``)
APOSTROPHE = r"\u2019"  # (as :data:`PLAIN_MARKER_FOLLOWS` writes it)
MISREAD_NUMBER_RE = lazy_compile(
    rf"(?:(?<=[^\W\d_]) |(?<=[{PLAIN_MARKER_FOLLOWS}]) "
    rf"|(?<=[{PLAIN_MARKER_FOLLOWS.replace(APOSTROPHE, '')}]))"
    rf"(?P<token>(?=[\d{re.escape(MISREAD_CHARACTERS)}]*[{re.escape(MISREAD_CHARACTERS)}])"
    rf"[\d{re.escape(MISREAD_CHARACTERS)}]{{1,3}})(?=\s|$)"
)


def note_number(range_dashes: str = SUPERSCRIPT_MINUS) -> str:
    """A regex for a superscript note number or range (``¹⁴``, ``²¹⁻²²``), the numbers of a range
    joined by one of ``range_dashes`` (characters of a regex character class)."""
    return rf"[{SUPERSCRIPT_DIGITS}]+(?:[{range_dashes}][{SUPERSCRIPT_DIGITS}]+)?"


def plain_marker_re(key: str) -> re.Pattern[str]:
    """A note marker ``key`` printed without superscript in the running text, before a space or the
    end: digits after :data:`PLAIN_MARKER_FOLLOWS`, perhaps a space between (``Holland" 87``), or
    glued to a word (``Canterbury1``), or a form OCR misreads it as after that punctuation
    (:data:`DIGIT_OCR_FORMS`: ``view. l Go``); symbols (``*``) right after a word, or after that
    punctuation, perhaps a space between (``White House.*``, ``for it.” *``)."""
    if key.isdigit():
        follows = rf"(?<=[{PLAIN_MARKER_FOLLOWS}]) ?"
        forms = [rf"(?:(?<=[^\W\d_])|{follows}){key}"]
        forms += [follows + re.escape(form) for form in DIGIT_OCR_FORMS.get(key, ())]
        return re.compile(rf"(?:{'|'.join(forms)})(?=\s|$)")
    return re.compile(rf"(?:(?<=\w)|(?<=[{PLAIN_MARKER_FOLLOWS}]) ?){re.escape(key)}(?=\s|$)")


def spaced_marker_re(key: str) -> re.Pattern[str]:
    """A note number OCR set apart from the word it was glued to, between two words, the second
    perhaps opening a quotation (``the 9 underlying``, ``Carrickgollogan 1 (often``, ``sediment 21
    “so``), or at the end (``our Churchy 4``, its stop lost): weaker evidence than
    :func:`plain_marker_re`, for a page whose foot holds note ``key``."""
    return re.compile(rf"(?<=[^\W\d_]) {key}(?= [\"\u201c\u2018]?\(?[^\W\d_]|$)")


def note_start_re(
    *, plain_numbers: bool, symbols_before_capital: bool, glued_symbols: bool = False, placed: bool = False
) -> re.Pattern[str]:
    """Where a footnote body starts: a superscript number or range (group ``number``), note
    symbols (``symbol``, any of :data:`NOTE_SYMBOLS`), then its text (``text``).

    ``plain_numbers`` also admits a plain number (``plain``: ``12 ``, ``3-4 ``) followed by a
    space: for a look at the text before any superscript is restored. ``symbols_before_capital``
    admits symbols only before a capitalised word (``* The``, not ``* * *`` or ``* and``).
    ``glued_symbols`` admits a symbol glued to the note's text (:data:`GLUED_NOTE_TEXT_START`: OCR
    lost the space after it). ``placed`` is for notes the page's layout tells: there a plain number
    may have a stop (``12. ``, as some books number their notes, or ``12, `` as OCR reads that),
    and a symbol may be glued to any capital that opens the note (``*In``).
    """
    starts = [rf"(?P<number>{note_number(NOTE_RANGE_DASHES)})\s*"]
    if plain_numbers:
        stop = r"[.,]?" if placed else ""  # (a comma: the stop as OCR often reads it)
        starts.append(rf"(?P<plain>\d{{1,3}}(?:-\d{{1,3}})?){stop}\s+")
    symbol_space = r"(?=\s+[A-Z])\s*" if symbols_before_capital else r"\s+"
    if placed:
        symbol_space = rf"(?:{symbol_space}|(?=[A-Z][a-z]))"
    elif glued_symbols:
        symbol_space = rf"(?:{symbol_space}|{GLUED_NOTE_TEXT_START})"
    starts.append(rf"(?P<symbol>[{NOTE_SYMBOLS}]+){symbol_space}")
    return lazy_compile(rf"^(?:{'|'.join(starts)})(?P<text>\S.*)$", re.DOTALL)


# a note marker in the running text: a superscript number or range (``¹⁴``, ``²¹⁻²²``)
NOTE_MARKER_RE = lazy_compile(note_number())
# a footnote body: a superscript number or range, or symbols before a capitalised word
NOTE_START_RE = note_start_re(plain_numbers=False, symbols_before_capital=True)
# what may be a footnote body before the notes are told apart: plain numbers and any symbols too,
# perhaps glued to the note's text
NOTE_LIKE_START_RE = note_start_re(plain_numbers=True, symbols_before_capital=False, glued_symbols=True)
# the same in notes a page's layout tells (structured OCR's smaller type at the foot), where a
# number with a stop (``12. ``) opens a note, not a numbered list's item, and so does a symbol
# glued to a capitalised word (``*In``)
PLACED_NOTE_START_RE = note_start_re(plain_numbers=True, symbols_before_capital=False, placed=True)


def may_read_number(reading: int | None, number: int) -> bool:
    """Whether OCR may have read the printed number ``number`` (a note's) as ``reading``: unread,
    the number, or the number with digits lost (``1`` for ``10``)."""
    if reading is None:
        return True
    digits = iter(str(number))
    return all(digit in digits for digit in str(reading))


def without_plain_marker_at_end(text: str) -> str:
    """``text`` without the plain note marker at its end (:data:`PLAIN_MARKER_AT_END_RE`), if it has
    one. The pattern is asked only where the text's last character (before a final line break) may
    end a marker: most lines end in a letter or a stop, and the pattern would be tried at each of
    their spaces and digits."""
    end = text[-2:] if text.endswith("\n") else text[-1:]
    if any(sign.isdecimal() or sign in PLAIN_MARKER_LAST_SIGNS for sign in end):
        return PLAIN_MARKER_AT_END_RE.sub("", text)
    return text
