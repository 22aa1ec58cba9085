"""Rules for digits and letters OCR reads for one another: sums of money (``£lO``), ordinals
(``Ist``), regnal numbers (``Charles 11``), a year's last digit (``183 G``), the pronoun ``I`` and a
capital ``T`` read as ``1``.
"""

from __future__ import annotations

import re

from pipeline.correct.lexicon import Lexicon
from pipeline.correct.spots import (
    FREQUENT_COUNT,
    LETTERS_RE,
    VERY_COMMON_ZIPF,
    Reading,
    Spot,
    word_of,
)
from pipeline.text.ocr import (
    AUXILIARIES_AFTER_I,
    CURRENCY_AMOUNT_RE,
    DIGIT_LETTERS,
    MISREAD_ORDINAL_RE,
    SUBJECTS,
)
from pipeline.text.punctuation import OPENING_QUOTES
from pipeline.text.words import MONTH, MONTHS, is_function_word

MONTH_NAMES = frozenset(MONTHS)
ORDINAL_ENDINGS = {"1": "st", "2": "nd", "3": "rd"}
# an ordinal in digits, and perhaps ``and`` or ``or``, just before a place (``the 3rd and``)
ORDINAL_BEFORE_RE = re.compile(r"\b\d+(?:st|nd|rd|th),? (?:(?:and|or|to) )?$")
# digits as OCR reads them set apart at a year's end
YEAR_DIGITS = str.maketrans("GSOlIBZ", "6501182")
# words a number follows (``No. 1``, ``page 1``): a ``1`` after them is the digit
COUNTED_BY = frozenset(
    ["no", "p", "pp", "page", "vol", "chapter", "part", "section", "art", "article", "number", "fig", "plate"]
)

# a regnal number read as digits, and a stop after it
REGNAL_NUMBER_RE = re.compile(r"([1lI]{2,3})([.,;:]?)")
# three digits of a year and a letter standing for the last
YEAR_CUT_RE = re.compile(r"(1\d{2}) ([GSOlIBZ])")
# a month and a day, just before a place
DATE_BEFORE_RE = re.compile(rf"\b{MONTH} \d{{1,2}},? $")


def currency_digits(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """Letters of a digit's shape in a sum of money: ``£lO`` → ``£10``, ``£l.`` → ``£1.``."""
    match = CURRENCY_AMOUNT_RE.search(spot.chunk)
    if match is None:
        return None
    amount = match.group()
    return spot.reading(
        match.start(), amount, amount.translate(DIGIT_LETTERS), "digits", 0.98, "letters in a sum of money"
    )


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
    """A regnal number read as digits, after a name the book gives that number elsewhere:
    ``Charles 11`` → ``Charles II``."""
    match = REGNAL_NUMBER_RE.fullmatch(spot.chunk)
    if match is None or match.group(1).isalpha() or not spot.before[:1].isupper():
        return None
    numeral = "I" * len(match.group(1))
    name = word_of(spot.before)
    if name != spot.before.strip("*_") or not lexicon.pair(name, numeral):
        return None
    reason = f"the book writes {name} {numeral} elsewhere"
    return spot.reading(0, match.group(1), numeral, "digits", 0.96, reason)


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
    """The pronoun ``I`` read as the digit ``1`` before a word the book writes after ``I`` and after
    other subjects (a verb: ``he knew``), itself after a word or a stop (not an abbreviation or OCR's
    garbage): ``1 knew that`` → ``I knew``."""
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
    if lexicon.pair("i", spot.after) < (1 if after_stop or not before else 2):  # (``shoes 1 pair``)
        return None
    if spot.after not in AUXILIARIES_AFTER_I and is_function_word(spot.after):  # (not ``I he``)
        return None
    if spot.after not in AUXILIARIES_AFTER_I and not any(lexicon.pair(them, spot.after) for them in SUBJECTS):
        return None  # (a word no subject is followed by in the book: ``1 foot``, ``1 pair``)
    return spot.reading(len(quote), "1", "I", "letters", 0.93, f"the book writes 'I {spot.after}'")


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
