"""How headings, contents entries and page furniture look: title case, capitals, running heads,
page numbers, leader dots and stray characters before a title."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable

from pipeline.lazy_re import lazy_compile
from pipeline.text.markers import DIGIT_MISREADINGS, MISREAD_CHARACTERS
from pipeline.text.ocr import ROMAN_NUMERAL_RE
from pipeline.text.punctuation import DASHES, plain_text, without_emphasis
from pipeline.text.widths import LINES_CACHED
from pipeline.text.words import is_function_word, last_word

# In a title-case heading at least half the words are capitalised ("The USSR and France"), and the
# words left in lower case are grammatical words.
TITLE_CASE_MIN_CAPITALISED = 0.5
TITLE_WORD_RE = lazy_compile(r"[^\W\d_][\w'\u2019-]*")
# A printed page number: arabic, or lower-case roman (front matter).
ARABIC_PAGE_NUMBER = r"\d{1,4}"
PAGE_NUMBER = rf"{ARABIC_PAGE_NUMBER}|[ivxlcdm]{{1,7}}"
PAGE_NUMBER_CHARACTERS = 4  # a page number's characters as OCR reads it, at most (``xlii``, ``io``, ``ee``)
# a small page number alone on its line as OCR reads its 1s: ``ll``, ``il``, ``l1`` for 11, ``l0`` for
# 10 (digits and these signs, one sign at least; not ``i``, ``ii`` or ``II`` alone: a roman numeral):
# the signs OCR reads a small 1 as (:data:`~pipeline.text.markers.DIGIT_MISREADINGS`'s), and ``i``,
# which no word alone on a line is (a note's marker in the text may be)
ONE_FORMS = "".join(sign for sign in MISREAD_CHARACTERS if sign.translate(DIGIT_MISREADINGS) == "1") + "i"
MISREAD_ONES = str.maketrans(ONE_FORMS, "1" * len(ONE_FORMS))
MISREAD_PAGE_NUMBER_RE = lazy_compile(
    rf"(?!i+$|I+$)(?=\S*[{re.escape(ONE_FORMS)}])[\d{re.escape(ONE_FORMS)}]{{1,{PAGE_NUMBER_CHARACTERS}}}"
)
# a line holding only a page number, perhaps between dashes or stops (``— 42 —``)
PAGE_NUMBER_LINE_RE = lazy_compile(
    rf"^[\s.{re.escape(DASHES)}]*(?:{PAGE_NUMBER})[\s.{re.escape(DASHES)}]*$", re.IGNORECASE
)
# a line of a contents page that is no entry: a page number, or the contents' own (running) head
CONTENTS_PAGE_FURNITURE_RE = lazy_compile(
    rf"^\s*(?:{PAGE_NUMBER}|(?:table\s+of\s+)?contents(?:\s*\(continued\))?)\s*$", re.IGNORECASE
)
# a contents page's column heads: a word perhaps (``CHAP.``), then ``PAGE`` as OCR reads it (``PAG e.``,
# ``PACK``, ``AGE``, ``I'AGE``)
CONTENTS_COLUMN_HEAD_RE = lazy_compile(
    r"^(?:[^\W\d_]+[.,]?\s+)?(?:p|i['\u2019])?a(?:g\s?e?s?|ck)[.\u00bb]?$", re.IGNORECASE
)
CAPITALS_MIN_LETTERS = 3
MOSTLY_CAPITALS_SHARE = 0.8
# a row of a markdown table (the contents), its cells between the outer bars
TABLE_ROW_RE = lazy_compile(r"^\s*\|(?P<cells>.*)\|\s*$")
# what a heading's key drops: everything but letters and digits, or (keeping hyphens) but hyphens too
KEY_DROPS_RE = lazy_compile(r"[\W_]")
KEY_DROPS_KEEPING_HYPHENS_RE = lazy_compile(r"[^\w\s-]|_")
# a span of years printed as a line of its own, as under a chapter label (``1843—1846``)
# A division label: "CHAPTER XIII", "Part 2", "Chapter Twenty-one", "APPENDIX A." (groups ``label``
# and ``n``). OCR misreads a chapter's last letter (``CHAPTEE``) and a numeral's letters (``VT``, ``YI``,
# ``11``, ``HI`` for ``VI``, ``VI``, ``II``, ``III``): a numeral read so has a letter of a roman numeral,
# with ``Y`` for ``V``, ``T`` and ``l`` for ``I``, ``H`` for ``II``
# (:data:`~pipeline.text.ocr.ROMAN_NUMERAL_LETTERS`). A label a letter numbers (an appendix) ends there
# or at a full stop.
OCR_ROMAN = r"[IVXLCDMYTl1H]*[IVXY][IVXLCDMYTl1H]*"
LABEL = (
    r"(?P<label>(?:CHAPTE[RBE]|Chapte[rbe]|PART|Part|BOOK|Book|APPENDIX|Appendix)\s+(?P<n>[IVXLCDM]+|\d+"
    r"|(?i:(?:twenty|thirty|forty)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three"
    r"|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    rf"|eighteen|nineteen)|{OCR_ROMAN}|[A-Z](?=\.|$)))"
)
LABEL_LINE_RE = lazy_compile(rf"^[*_\s]*{LABEL}\.?[*_\s]*$")  # a label on a line of its own
HEADING_WORD_RE = lazy_compile(r"^(?:CHAPTER|PART|BOOK|APPENDIX|SECTION)\b")  # a division's label opens it
YEAR_SPAN_LINE_RE = lazy_compile(r"^\d{4}\s*[-\u2013\u2014]\s*\d{1,4}[.,]?$")
# leader dots: full stops, spaced or not, between a contents title and its page (``Title .... 30``)
LEADER_DOTS = r"(?:\.\s*){2,}"
# OCR specks glued before the capital that starts a heading or a contents entry (``-CHAPTER XIII``)
STRAY_HEADING_LEAD_RE = lazy_compile(r"^(?P<stray>[-.,'\u2018\u2019]+)(?=[A-Z])")
# dashes, bullets or rules printed before a contents title (``— Introduction``, ``• Notes``)
STRAY_TITLE_LEAD_RE = lazy_compile(r"^[-\u2013\u2014•·_~]+\s*")


def leader_dots_re(*, stray_stop: bool) -> re.Pattern[str]:
    """The dots ending a contents title: :data:`LEADER_DOTS` after a space, or (``stray_stop``)
    any full stops and spaces, a single stop glued to the title too (``Conference.``)."""
    return lazy_compile(r"\s*(?:\.\s*)+$" if stray_stop else rf"\s+{LEADER_DOTS}$")


def is_title_case(
    text: str,
    minor_word: Callable[[str], bool] = is_function_word,
    min_capitalised: float = TITLE_CASE_MIN_CAPITALISED,
) -> bool:
    """Capitalised first and last words, at least ``min_capitalised`` of the words capitalised,
    and only ``minor_word`` words (grammatical words) in lower case."""
    words = TITLE_WORD_RE.findall(text)
    if not words or not words[0][0].isupper() or last_word(text)[:1].islower():
        return False
    lower = [word for word in words if word[0].islower()]
    return all(map(minor_word, lower)) and (len(words) - len(lower)) / len(words) >= min_capitalised


APOSTROPHE_RE = lazy_compile(r"['\u2019]")
SENTENCE_STOPS = ".:?!\u2014"  # after these (a word's last mark), a heading's next words open anew
ACRONYM_RE = lazy_compile(r"\b[A-Z]{2,}\b")
# the small words a title in capitals may hold, set in lower case in title case (not acronyms)
SMALL_WORDS = frozenset(
    re.findall(r"\w+", "a an and as at but by for from in into nor of on or the to via vs with")
)
LOWER_RE = lazy_compile(r"[a-z]")
VOWELS = frozenset("AEIOUYaeiouy")


def running_acronyms(texts: Iterable[str]) -> frozenset[str]:
    """Words printed in capitals in running text (``USSR``, ``TASS``), more than once: a title in
    capitals keeps them so. Only lines that also hold lower case are read (not headings), and not
    the small words of a title (``THE`` of a heading run into a paragraph)."""
    found: Counter[str] = Counter()
    for text in texts:
        for line in text.split("\n"):
            if LOWER_RE.search(line):
                found.update(ACRONYM_RE.findall(line))
    return frozenset(word for word, count in found.items() if count > 1 and word.lower() not in SMALL_WORDS)


def title_case(text: str, acronyms: frozenset[str] = frozenset()) -> str:
    """A heading printed in capitals in title case: ``REQUEST TO READERS`` → ``Request to Readers``.

    The small words (:data:`SMALL_WORDS`) go lower case but where they open the heading or a
    sentence of it (after a stop, a colon or a dash: not after ``&c.,``); roman numerals, words
    without a vowel (``BBC``) and the book's ``acronyms`` (:func:`running_acronyms`: ``USSR``) stay
    in capitals; words printed in lower case (``&c.``) stay so."""
    result, end = "", 0
    for match in TITLE_WORD_RE.finditer(text):
        between = text[end : match.start()]
        opening = not end or between.rstrip().endswith(tuple(SENTENCE_STOPS))
        result += between + _title_cased(match.group(), opening, acronyms)
        end = match.end()
    return result + text[end:]


def _title_cased(word: str, opening: bool, acronyms: frozenset[str]) -> str:
    """One word of a heading in title case (see :func:`title_case`); ``opening``: it opens the
    heading or a sentence of it."""
    stem = APOSTROPHE_RE.split(word)[0]  # (``USSR'S``: the acronym, then its ending)
    if word.islower():
        return word
    if stem in acronyms or not VOWELS.intersection(stem) or ROMAN_NUMERAL_RE.fullmatch(stem):
        return stem + word[len(stem) :].lower()
    if not opening and word.lower() in SMALL_WORDS:
        return word.lower()
    return "-".join(part[:1] + part[1:].lower() for part in word.split("-"))


def is_capitals(text: str) -> bool:
    """Letters, at least :data:`CAPITALS_MIN_LETTERS`, all of them capitals (``THE SOVIET STATE 27``)."""
    letters = list(filter(str.isalpha, text))
    return len(letters) >= CAPITALS_MIN_LETTERS and all(map(str.isupper, letters))


def misread_page_number(text: str) -> int | None:
    """The number of a line that is a page number OCR read with its 1s as letters or signs
    (:data:`MISREAD_PAGE_NUMBER_RE`: ``il`` for 11), else ``None``."""
    line = text.strip()
    return int(line.translate(MISREAD_ONES)) if MISREAD_PAGE_NUMBER_RE.fullmatch(line) else None


def without_misread_folio(text: str) -> str | None:
    """A running head in capitals less the page number OCR misread into other signs at one end
    (``v4 COMPLETED ITS PREPARATIONS``, ``FULLY SUPPORTED CHURCHILL z``: up to
    :data:`PAGE_NUMBER_CHARACTERS` signs, neither digits alone nor a word in capitals), else ``None``."""
    words = text.split()
    if len(words) < 3:
        return None
    for edge, rest in ((words[0], words[1:]), (words[-1], words[:-1])):
        folio = len(edge) <= PAGE_NUMBER_CHARACTERS and not edge.isdigit() and not edge.isupper()
        if folio and is_capitals(" ".join(rest)):
            return " ".join(rest)
    return None


@functools.lru_cache(maxsize=LINES_CACHED)
def is_mostly_capitals(text: str, share: float = MOSTLY_CAPITALS_SHARE) -> bool:
    """Letters, at least :data:`CAPITALS_MIN_LETTERS`, at least ``share`` of them capitals: a heading
    in capitals with a word the printer set in lower case (``SLATES, SCHISTS, GNEISSES, &c.``;
    remembered: the readers ask it of a line several times)."""
    letters = list(filter(str.isalpha, text))
    return len(letters) >= CAPITALS_MIN_LETTERS and sum(map(str.isupper, letters)) >= share * len(letters)


def heading_key(text: str, *, hyphens: bool = False) -> str:
    """``text`` for comparing headings: case folded, its words without emphasis, note markers or
    punctuation (``hyphens`` keeps hyphens, so that a stray `` - `` in a heading still shows)."""
    drops = KEY_DROPS_KEEPING_HYPHENS_RE if hyphens else KEY_DROPS_RE
    return " ".join(drops.sub(" ", plain_text(text).casefold()).split())


def short_line(text: str, max_words: int) -> str | None:
    """``text`` without emphasis marks, its spaces collapsed, if it is one line of at most
    ``max_words`` words (as a running head is), else ``None``; a paragraph is split only as far
    as its first words."""
    if "\n" in text.strip():
        return None
    words = without_emphasis(text).split(maxsplit=max_words)
    return " ".join(words) if len(words) <= max_words else None
