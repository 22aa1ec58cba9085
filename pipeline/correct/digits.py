"""Rules for digits and letters OCR reads for one another: sums of money (``£lO``), ordinals
(``Ist``), regnal numbers (``Charles 11``), a year's last digit (``183 G``), the pronoun ``I`` and a
capital ``T`` read as ``1``, the interjection ``O`` read as ``0``.
"""

from __future__ import annotations

from functools import lru_cache

from pipeline.correct.lexicon import Lexicon, in_dictionary
from pipeline.correct.spots import (
    FREQUENT_COUNT,
    LETTERS_RE,
    VERY_COMMON_ZIPF,
    Reading,
    Spot,
    word_of,
)
from pipeline.lazy_re import lazy_compile
from pipeline.text.ocr import (
    AUXILIARIES_AFTER_I,
    CURRENCY_AMOUNT_RE,
    DIGIT_LETTERS,
    MISREAD_ORDINAL_RE,
    ROMAN_NUMERAL_LETTERS,
    ROMAN_NUMERAL_RE,
    SUBJECTS,
)
from pipeline.text.punctuation import EM_DASH, OPENING_QUOTES, ends_sentence
from pipeline.text.words import MONTH, MONTHS, STRONG_PAIR, english_pair, is_function_word, last_word

MONTH_NAMES = frozenset(MONTHS)
# letters and digits OCR reads for a capital I (``ln``, ``Tn``, ``1s``), and the dashes after which
# a word opens a clause as after a stop (``First — ln Saxon descent``)
I_SHAPES = "lT1|"
CLAUSE_DASHES = (EM_DASH, "--")
ORDINAL_ENDINGS = {"1": "st", "2": "nd", "3": "rd"}
# an ordinal in digits, and perhaps ``and`` or ``or``, just before a place (``the 3rd and``)
ORDINAL_BEFORE_RE = lazy_compile(r"\b\d+(?:st|nd|rd|th),? (?:(?:and|or|to) )?$")
# digits as OCR reads them set apart at a year's end
YEAR_DIGITS = str.maketrans("GSOlIBZ", "6501182")
# words a number follows (``No. 1``, ``page 1``): a ``1`` after them is the digit
COUNTED_BY = frozenset(
    ["no", "p", "pp", "page", "vol", "chapter", "part", "section", "art", "article", "number", "fig", "plate"]
)

# a roman numeral as OCR may read it (a letter or digit of another shape among its letters), and the
# marks after it
MISREAD_NUMERAL_RE = lazy_compile(r"([IVXLYTl1]*[YTl1][IVXLYTl1]*)[.,;:]{0,2}")
# the roman numerals a book numbers its kings, parts and chapters with, as the lexicon counts chunks
# (in lower case, with the marks after them; ``i`` only with a mark: alone, it is the pronoun), and
# the numbers in digits it may number them with instead (not only ones: ``11`` may be ``II`` misread)
ROMAN_TENS = ("", "x", "xx", "xxx", "xl", "l", "lx", "lxx", "lxxx")
ROMAN_UNITS = ("", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix")
NUMBER_MARKS = ("", ".", ",", ";", ":", ")", ".,", ".;", ".)")
ROMAN_NUMERAL_CHUNKS = frozenset(
    tens + units + mark
    for tens in ROMAN_TENS
    for units in ROMAN_UNITS
    for mark in NUMBER_MARKS
    if len(tens + units) > 1 or (tens + units == "i" and mark)
)
NUMBER_CHUNKS = frozenset(
    str(number) + mark for number in range(2, 100) if set(str(number)) != {"1"} for mark in NUMBER_MARKS
)
# a list's item numbered ``II`` or ``III`` as OCR reads it, with ones
LIST_NUMBER_RE = lazy_compile(r"(1{2,3}|l{2,3})\.")
# a number glued to the word of a range or a ratio (``6to 8 inches``, ``2or 3 feet``, ``4to 1``)
GLUED_RANGE_RE = lazy_compile(r"(\d+)(to|or|and)")
# the number after it: a small one (not a year: ``4to 1820`` is a quarto)
RANGE_END_RE = lazy_compile(r"\d{1,3}(?!\d)")
# three digits of a year and a letter standing for the last
YEAR_CUT_RE = lazy_compile(r"(1\d{2}) ([GSOlIBZ])")
# a month and a day, just before a place
DATE_BEFORE_RE = lazy_compile(rf"\b{MONTH} \d{{1,2}},? $")


def currency_digits(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """Letters of a digit's shape in a sum of money: ``£lO`` → ``£10``, ``£l.`` → ``£1.``; not where
    the sum would open with a nought (``£O,OOO``: its first digit is lost)."""
    match = CURRENCY_AMOUNT_RE.search(spot.chunk)
    if match is None:
        return None
    amount = match.group()
    digits = amount.translate(DIGIT_LETTERS)
    if digits.startswith("0") and len(digits.replace(",", "")) > 1:
        return None
    return spot.reading(match.start(), amount, digits, "digits", 0.98, "letters in a sum of money")


def _is_ordinal(number: str, ending: str) -> bool:
    if not number.isdigit():
        return False
    if number[-2:-1] == "1":
        return ending == "th"
    return ending == ORDINAL_ENDINGS.get(number[-1], "th")


def ordinal_digits(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """An ordinal read with letters for digits, before a month or beside another ordinal:
    ``the Ist November`` → ``1st``, ``3rd and sth`` → ``5th``."""
    match = MISREAD_ORDINAL_RE.fullmatch(spot.chunk.rstrip(".,;:"))
    if match is None or match.group("number").isdigit():
        return None
    number = match.group("number").translate(DIGIT_LETTERS)
    if not _is_ordinal(number, match.group("ending")):
        return None
    after = word_of(spot.after)
    if after not in MONTH_NAMES and not ORDINAL_BEFORE_RE.search(spot.text, 0, spot.start):
        return None
    sic = match.group()
    return spot.reading(0, sic, number + match.group("ending"), "digits", 0.97, "an ordinal before a month")


def roman_numeral_after_name(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A roman numeral OCR read with a letter or digit of another shape, after a name or a word the
    book numbers in roman elsewhere, and no more often in digits: ``Charles 11`` → ``Charles II``,
    ``Edward TV.`` → ``IV``, ``Henry YIII`` → ``VIII``, ``Part 11.`` → ``II``; a one read for ``I``
    before a mark only, after a name the book numbers in roman more than once and never in digits
    (``Henry 1.,`` → ``I``)."""
    match = MISREAD_NUMERAL_RE.fullmatch(spot.chunk)
    if match is None or not spot.before[:1].isupper():
        return None
    one = len(match.group(1)) == 1
    if one and (match.group(1) not in "1l" or match.end(1) == len(spot.chunk)):
        return None
    numeral = match.group(1).translate(ROMAN_NUMERAL_LETTERS)
    name = word_of(spot.before)
    if not ROMAN_NUMERAL_RE.fullmatch(numeral) or name != spot.before.strip("*_"):
        return None
    in_roman, in_digits = _numbered(name.lower(), lexicon)
    if not in_roman or in_digits >= in_roman or (one and (in_roman < 2 or in_digits)):
        return None
    reason = f"the book numbers {name} in roman {in_roman} times, in digits {in_digits}"
    return spot.reading(0, match.group(1), numeral, "digits", 0.96, reason)


def list_number_in_roman(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A list's item numbered in roman, its ``I``s read as ones, opening a paragraph: ``11.`` after a
    list whose items the book opens ``I.``, where it opens none ``10.`` nor ``12.`` (an arabic list
    has them): ``11. That no person shall`` → ``II.``; ``111.`` after ``II.`` or ``11.``."""
    match = LIST_NUMBER_RE.fullmatch(spot.chunk)
    if match is None or spot.start != 0:
        return None
    ones = match.group(1)
    numeral = "I" * len(ones)
    number = int("1" * len(ones))
    before = {"I" * (len(ones) - 1) + ".", "1" * (len(ones) - 1) + "."} - {"1."}
    if not any(lexicon.openers[opener] for opener in before):
        return None
    if any(lexicon.openers[f"{number + step}."] for step in (-1, 1)):
        return None
    reason = f"a list's item: the book opens items {' or '.join(sorted(before))}, "
    reason += f"none {number - 1}. nor {number + 1}."
    return spot.reading(0, ones, numeral, "digits", 0.92, reason)


def _numbered(name: str, lexicon: Lexicon) -> tuple[int, int]:
    """How often the book has ``name`` before a roman numeral (``I`` only with a mark after it: alone,
    it is a word), and before a number in digits other than ones (``11`` may be ``II`` misread)."""
    roman, digits = _numbers_of(lexicon)
    in_roman = sum(lexicon.pairs[name, chunk] for chunk in roman)
    in_digits = sum(lexicon.pairs[name, chunk] for chunk in digits)
    return in_roman, in_digits


@lru_cache(maxsize=4)
def _numbers_of(lexicon: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """The roman numerals and the numbers in digits the book has (as chunks), found once."""
    return ROMAN_NUMERAL_CHUNKS & lexicon.chunks.keys(), NUMBER_CHUNKS & lexicon.chunks.keys()


def number_glued_to_range(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A number OCR glued to the word of a range or a ratio before another: ``some 9to 12 feet`` →
    ``9 to``, ``4to 1 in favour`` → ``4 to``."""
    match = GLUED_RANGE_RE.fullmatch(spot.chunk)
    if match is None or not RANGE_END_RE.match(spot.after):
        return None
    corr = f"{match.group(1)} {match.group(2)}"
    return spot.reading(0, spot.chunk, corr, "glued", 0.95, "a number glued to the word of a range")


def year_cut(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A year after a month and day, its last digit read as a letter and set apart:
    ``April 17, 183 G`` → ``1836``."""
    match = YEAR_CUT_RE.fullmatch(spot.text[spot.start : spot.end + 2])
    if match is None or not DATE_BEFORE_RE.search(spot.text[max(0, spot.start - 20) : spot.start]):
        return None
    digit = match.group(2).translate(YEAR_DIGITS)
    return spot.reading(
        0, match.group(), match.group(1) + digit, "digits", 0.93, "a year after a month and day"
    )


def one_for_i(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """The pronoun ``I`` read as the digit ``1`` before a word the book writes after ``I`` (or, opening
    a sentence, English does, often: ``1 should`` in a note) and after other subjects (a verb: ``he
    knew``), itself after a word or a stop (not an abbreviation or OCR's garbage): ``1 knew that`` →
    ``I knew``."""
    quote = spot.chunk[:-1]  # (an opening quotation mark may stand before it)
    if (
        spot.chunk[-1:] != "1"
        or len(quote) > 1
        or quote not in OPENING_QUOTES
        or not LETTERS_RE.match(spot.after)
    ):
        return None
    if not spot.after.islower():
        return None
    before = spot.before
    after_stop = before[-1:] in '.!?;:,\u201d\u2019"'
    if before and not after_stop and not (before.isalpha() and before.islower() and lexicon.is_word(before)):
        return None
    if before.rstrip(".").lower() in COUNTED_BY:
        return None
    opens = after_stop or not before
    book_pairs = lexicon.pair("i", spot.after)
    if book_pairs < (1 if opens else 2) and not (opens and english_pair("I", spot.after) >= STRONG_PAIR):
        return None  # (``shoes 1 pair``)
    where = f"the book writes 'I {spot.after}'" if book_pairs else f"English has 'I {spot.after}' often"
    if spot.after not in AUXILIARIES_AFTER_I and is_function_word(spot.after):  # (not ``I he``)
        return None
    if spot.after not in AUXILIARIES_AFTER_I and not any(lexicon.pair(them, spot.after) for them in SUBJECTS):
        return None  # (a word no subject is followed by in the book: ``1 foot``, ``1 pair``)
    return spot.reading(len(quote), "1", "I", "letters", 0.93, where)


def zero_for_o(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """The interjection ``O`` read as the digit ``0``, opening a sentence before a word:
    ``souls unwarned. 0, I have much`` → ``O``, ``0 that God may give``, ``“ 0, what``."""
    after = spot.after
    if not LETTERS_RE.match(after) or (len(after) == 1 and after != "I") or not spot.before:
        return None
    if spot.chunk[-1:] == "0" and not after.islower():  # (``0 The storms``: a note's marker)
        return None
    before = last_word(spot.before)
    opens = not spot.before.strip(OPENING_QUOTES)  # (a quotation's first word)
    if not opens and (not ends_sentence(spot.before) or not before.isalpha() or len(before) < 2):
        return None
    if before.lower() in COUNTED_BY:  # (``Vol. 0, p. 21``)
        return None
    at = spot.chunk.index("0")
    return spot.reading(
        at, "0", "O", "letters", 0.92, "a 0 opening a sentence before a word: the interjection O"
    )


def capital_i_in_short_word(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A capital ``I`` read as ``l``, ``T`` or ``1`` in a word of two letters opening a sentence or a
    clause after a dash, no word itself, where English has the grammatical word so read before the
    next word often: ``obtained. Tn each case`` → ``In``, ``stated. Tt would`` → ``It``."""
    word, after = spot.chunk, spot.after
    if len(word) != 2 or word[0] not in I_SHAPES or not after.isalpha():
        return None
    before = spot.before
    opens = not before or ends_sentence(before) or before.endswith(CLAUSE_DASHES)
    candidate = "I" + word[1]
    if not opens or in_dictionary(word) or not is_function_word(candidate.lower()):
        return None
    if english_pair(candidate, after) < STRONG_PAIR:
        return None
    reason = f"'{word}' opening a sentence: English has '{candidate} {after}' often"
    return spot.reading(0, word, candidate, "letters", 0.9, reason)


def one_for_t(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A capital ``T`` read as ``1`` and a space, opening a sentence: ``1 he idea`` → ``The idea``."""
    after = spot.after
    if spot.chunk != "1" or not LETTERS_RE.match(after) or not after.islower():
        return None
    if spot.before and spot.before[-1] not in ".!?":
        return None
    word = "t" + after
    if lexicon.zipf(word) < VERY_COMMON_ZIPF or lexicon.count(word) < FREQUENT_COUNT:
        return None
    if lexicon.pair("i", after) >= 2 and not is_function_word(after):  # (``1 knew``: ``I knew``)
        return None
    sic = spot.text[spot.start : spot.end + 1 + len(after)]
    if sic != f"1 {after}":
        return None
    reason = f"a sentence opening '1 {after}': the book has {word} {lexicon.count(word)} times"
    return spot.reading(0, sic, "T" + after, "letters", 0.92, reason)
