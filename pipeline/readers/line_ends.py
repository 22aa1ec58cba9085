"""Where a paragraph ends in text wrapped as printed: the evidence of a line's end and the next
line's start, weighed by what the book's own lines show.

OCR loses the indent that marked a paragraph's first line, so a paragraph's end is read from the
line before it: it ends a sentence (or a colon opens a quotation), the next line does not go on in
lower case, and the next line's first word would have fitted on it, had the paragraph gone on
(:func:`fill` below the book's :attr:`LineHabits.fit_share`). How full a line goes on is learned
from the book's inner line ends (a word or comma at the end, the next line in lower case): OCR
counts characters where the printer measured widths, so the book's own spread of them sets the
bar, raised where the book's lines ending sentences show that most of those just above it end
paragraphs (:func:`learn_fit_share`). A line ending with a lone digit after a word ends a sentence
whose stop OCR lost (a note marker's, or a question mark read as ``1``). Where the book's
quotations open each of their paragraphs with a quotation mark, far more often than its sentences
open with one, a line opening with one after a finished line starts a paragraph even after a full
line (:attr:`LineHabits.quote_opens`). A quotation closed at a line's
end with its note marker after it (``in it.” 1``) is a quoted passage ended and its source cited:
the paragraph ends there too, however full the line; and so does a line ending with a colon before a
line that opens a quotation not closed within it before words in lower case: a quotation set as
its own paragraph (``He says:—`` / ``“ There is no good evidence…``). A line ending with an
abbreviation that the book's lines always go on after with a capitalised word (a title before a
name: ``St.``, ``Mr.``; not a price's ``6d.`` read ``Gd.``) has not finished its sentence
(:attr:`LineHabits.titles`).
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from pipeline.lazy_re import lazy_compile
from pipeline.model.pages import Line
from pipeline.text.markers import LOST_STOP_AT_END_RE, without_plain_marker_at_end
from pipeline.text.punctuation import (
    DASHES,
    LIST_ITEM_RE,
    OPENING_QUOTES,
    ends_sentence,
    opens_quote,
    starts_lower,
)
from pipeline.text.widths import LINES_CACHED, printed_length

# A line shorter than this share of its page's measure is short (edge furniture; a paragraph's end
# where the book's lines are too few to learn from).
SHORT_LINE_SHARE = 0.75
# The share of a book's inner line ends whose next word seems to fit on the line by its count of
# characters (OCR counts characters, the printer measured widths): below it, the word would have fitted.
FIT_QUANTILE = 0.05
MIN_FIT_SAMPLES = 50  # fewer inner line ends are too few to learn from: SHORT_LINE_SHARE holds
# Above that bar, the fills are weighed in bands of this share of the inner line ends: a band where
# the lines ending a sentence before a capital are at least twice as many as the sentences ending
# inside paragraphs there would be (:func:`learn_fit_share`), so that most of them end paragraphs,
# raises the bar over it; a full line (a fill of at least FULL_FILL: no paragraph can end on it)
# tells how many sentence ends go with the inner line ends.
FIT_BAND = 0.025
PARAGRAPH_END_SHARE = 0.5
FULL_FILL = 1.0
FIT_CEILING = 0.94  # the bar is raised no higher: a line this full with its next word may be a full one
# A sentence opening a line after a finished line opens with a quotation mark this many times as
# often as one opening inside a line: the book's quotations mark each of their paragraphs.
QUOTE_LIFT = 6.0
MIN_QUOTE_OPENINGS = 10  # fewer lines opening with a quotation mark are too few to learn from
# A line shorter than this share of its page's measure that does not end a sentence may be set on
# its own (a table's row, an address's line); this many of them in a row are (:func:`line_bound`).
LINE_BOUND_SHARE = 0.5
MIN_BOUND_LINES = 3
# Two lines each longer, printed, than each of the two after them by more than this share of the
# page's measure are set in smaller type than those (:func:`type_grows`).
SMALL_TYPE_SHARE = 0.125
# a sentence that starts inside a line: its end, then perhaps a quotation mark, then a capital
SENTENCE_INSIDE_RE = lazy_compile(rf"[.!?][\u201d\u2019\"]?\s+(?P<quote>[{OPENING_QUOTES}]?)\s*[A-Z]")
CLOSING_QUOTES = '"\u201d\u2019'
# a quotation closed inside a line, the sentence going on in lower case after it (``yours,” and thereby``)
QUOTE_CLOSED_INLINE_RE = lazy_compile(r'[\u201d"]\s+[a-z]')
# an abbreviation shaped as a title's: a capital and one lower-case letter, then a full stop (``St.``,
# ``Mr.``, ``Dr.``; a lone capital may be a compass point ending a sentence: ``8° E.``)
ABBREVIATION_RE = lazy_compile(r"[A-Z][a-z]\.")
# an abbreviation the book's lines go on after with a capitalised word this share of the times or
# more, and this many times at least, is a title before a name
TITLE_SHARE = 0.9
MIN_TITLE_USES = 3
# a row of a table or of a list set with dot leaders: two runs of dots, then a number (``Zinc ... ... 8*75``)
LEADER_ROW_RE = lazy_compile(r"(?:\.{2,}\s*){2,}.*\d")


@dataclass(frozen=True)
class LineHabits:
    """How the book's paragraphs end: a line and the next line's first word filling less than
    ``fit_share`` of the page's measure would have stood on one line; ``quote_opens``: a line
    opening with a quotation mark after a finished line starts a paragraph; ``titles``: the
    abbreviations of titles before names (:func:`learn_titles`), which end no sentence."""

    fit_share: float = SHORT_LINE_SHARE
    quote_opens: bool = False
    titles: frozenset[str] = frozenset()


def fill(text: str, next_text: str, page_measure: float) -> float:
    """The share of the page's measure that ``text`` would fill with the first word of ``next_text``
    (printed lengths, :func:`pipeline.text.widths.printed_length`)."""
    words = next_text.split(maxsplit=1)
    width = printed_length(text) + (printed_length(" " + words[0]) if words else 0)
    return width / page_measure if page_measure else 1.0


def goes_on(text: str, next_text: str) -> bool:
    """A paragraph's inner line end: a word (or a comma) at the end, the next line in lower case."""
    line = text.strip()
    return (line[-1:].isalpha() or line.endswith(",")) and goes_on_lower(next_text)


@functools.lru_cache(maxsize=LINES_CACHED)
def finished(text: str) -> str:
    """The line's end, if it ends a sentence (a note marker may follow; or a lone digit whose stop OCR
    lost, :data:`LOST_STOP_AT_END_RE`) or a colon opens what follows (a note marker and a dash after
    the colon may follow): ``"sentence"``, ``"colon"``, a line ending with a dash
    ``"dash"``, else ``""`` (remembered: a line's end is read many times)."""
    line = without_plain_marker_at_end(text.strip()).rstrip()
    if ends_sentence(line) or LOST_STOP_AT_END_RE.search(line):
        return "sentence"
    bare = line.rstrip(DASHES + " ")
    if bare.endswith(":"):
        return "colon"
    return "dash" if bare != line else ""


def cites_quotation(text: str) -> bool:
    """The line ends a sentence in a quotation with a note marker after it (``in it.” 1``): a
    quoted passage closed and its source cited."""
    line = text.strip()
    bare = without_plain_marker_at_end(line).rstrip()
    return bare != line and bare[-1:] in CLOSING_QUOTES and ends_sentence(bare)


def opens_quoted_paragraph(text: str, next_text: str) -> bool:
    """Line ``text`` ends with a colon and ``next_text`` opens a quotation that it does not close
    before words in lower case (:data:`QUOTE_CLOSED_INLINE_RE`): a quotation set as its own paragraph."""
    quotation = next_text.strip()
    return (
        finished(text) == "colon"
        and opens_quote(quotation)
        and not QUOTE_CLOSED_INLINE_RE.search(quotation[1:])
    )


def runs_on(text: str, next_text: str) -> bool:
    """Line ``text`` runs on into the next as wrapped prose does: an inner line end
    (:func:`goes_on`), or a word broken by a hyphen before a lower-case line."""
    return goes_on(text, next_text) or (text.rstrip().endswith("-") and goes_on_lower(next_text))


def goes_on_lower(text: str) -> bool:
    """The line goes on in lower case: it starts with a lower-case letter, not a list entry's ``(c)``."""
    return starts_lower(text.strip()) and not LIST_ITEM_RE.match(text)


def line_pairs(pages: Sequence[Sequence[Sequence[Line]]]) -> Iterator[tuple[int, str, str]]:
    """Each line that another follows in its run, with that line: (page index, text, next text)."""
    for index, page in enumerate(pages):
        for run in page:
            for line, following in itertools.pairwise(run):
                yield index, line[1], following[1]


def learn_titles(lines: Iterable[str]) -> frozenset[str]:
    """The abbreviations shaped as titles (:data:`ABBREVIATION_RE`) that the book's lines go on
    after with a capitalised word :data:`TITLE_SHARE` of the times they go on at all, and
    :data:`MIN_TITLE_USES` times at least: ``Mr.`` before a name, not ``No.`` before a number."""
    uses: Counter[str] = Counter()
    before_capital: Counter[str] = Counter()
    for line in lines:
        words = line.split()
        for word, following in itertools.pairwise(words):
            if ABBREVIATION_RE.fullmatch(word):
                uses[word] += 1
                before_capital[word] += following[:1].isupper()
    return frozenset(
        word
        for word, count in uses.items()
        if count >= MIN_TITLE_USES and before_capital[word] >= TITLE_SHARE * count
    )


def ends_with_title(text: str, habits: LineHabits) -> bool:
    """The line ends with one of the book's title abbreviations (:attr:`LineHabits.titles`)."""
    words = text.split()
    return bool(words) and words[-1] in habits.titles


def learn_fit_share(inner: Sequence[float], ended: Sequence[float]) -> float:
    """The fill below which a line ending a sentence ends its paragraph: :data:`FIT_QUANTILE` of the
    fills of the ``inner`` line ends (:func:`goes_on`: the printer found no room for the next word),
    raised band by band (:data:`FIT_BAND` of the inner line ends each) while the lines ending a
    sentence before a capital (``ended``) that fall in the band are mostly paragraph ends
    (:data:`PARAGRAPH_END_SHARE`): more than the sentences ending inside paragraphs would put there,
    as many for each inner line end as on the full lines (:data:`FULL_FILL`), where no paragraph ends;
    up to :data:`FIT_CEILING` at most. Where OCR's count of characters spreads the inner line ends
    wide (a narrow page, uneven spacing), the quantile alone would read many paragraph ends as full lines."""
    fills, ends = sorted(inner), sorted(ended)
    if len(fills) < MIN_FIT_SAMPLES:
        return SHORT_LINE_SHARE
    full_inner = len(fills) - bisect.bisect_left(fills, FULL_FILL)
    sentences_per_line = (len(ends) - bisect.bisect_left(ends, FULL_FILL)) / max(1, full_inner)
    share = FIT_QUANTILE
    bar = fills[int(share * (len(fills) - 1))]
    while share + FIT_BAND < 1:
        top = min(fills[int((share + FIT_BAND) * (len(fills) - 1))], FIT_CEILING)
        if top <= bar:
            break
        in_band = bisect.bisect_left(ends, top) - bisect.bisect_left(ends, bar)
        inside = sentences_per_line * (bisect.bisect_left(fills, top) - bisect.bisect_left(fills, bar))
        if in_band * (1 - PARAGRAPH_END_SHARE) < inside:
            break
        share, bar = share + FIT_BAND, top
    return bar


def learn_line_habits(pages: Sequence[Sequence[Sequence[Line]]], measures: Sequence[float]) -> LineHabits:
    """The book's :class:`LineHabits`: ``fit_share`` from the fills of its inner line ends and of
    its lines ending sentences (:func:`learn_fit_share`); ``quote_opens`` where sentences after a
    finished line open with a quotation mark :data:`QUOTE_LIFT` times as often as those inside lines."""
    pairs = list(line_pairs(pages))
    inner = [fill(text, after, measures[page]) for page, text, after in pairs if goes_on(text, after)]
    ended = [
        fill(without_plain_marker_at_end(text.strip()), after, measures[page])
        for page, text, after in pairs
        if finished(text) == "sentence" and not goes_on_lower(after)
    ]
    fit_share = learn_fit_share(inner, ended)
    inside = [match["quote"] for _, text, _ in pairs for match in SENTENCE_INSIDE_RE.finditer(text)]
    after_finished = [
        opens_quote(after)
        for _, text, after in pairs
        if finished(text) == "sentence" and not goes_on_lower(after)
    ]
    quoted = sum(after_finished)
    inside_share = (sum(map(bool, inside)) + 1) / (len(inside) + 1)
    quote_opens = quoted >= MIN_QUOTE_OPENINGS and quoted / len(after_finished) >= QUOTE_LIFT * inside_share
    titles = learn_titles(text for page in pages for run in page for _, text in run)
    return LineHabits(fit_share, quote_opens, titles)


def ends_paragraph(text: str, next_text: str, page_measure: float, habits: LineHabits) -> bool:
    """The paragraph ends with line ``text``: it is finished (:func:`finished`), the next line does
    not go on in lower case, it does not end with a title (:func:`ends_with_title`), and the next
    line's first word would have fitted on it, or the line closes
    a cited quotation (:func:`cites_quotation`); or, where the book's quotations mark their
    paragraphs, the next line opens with a quotation mark."""
    end = finished(text)
    if not end or (goes_on_lower(next_text) and not opens_quote(next_text)) or ends_with_title(text, habits):
        return False
    fits = fill(without_plain_marker_at_end(text.strip()), next_text, page_measure) < habits.fit_share
    if end == "dash":
        return fits and opens_quote(next_text)
    if opens_quoted_paragraph(text, next_text):
        return True
    return fits or cites_quotation(text) or (habits.quote_opens and opens_quote(next_text))


def type_grows(texts: Sequence[str], index: int, page_measure: float) -> bool:
    """Lines ``index - 1`` and ``index`` of ``texts`` are set in smaller type than the two after
    them (a chapter's synopsis, or a passage set small, before text in the body's type): each is
    longer, printed, than each of those by more than :data:`SMALL_TYPE_SHARE` of the page's measure;
    line ``index`` ends with a stop, a colon or a comma (OCR may have read a stop as one), and the
    next line, not going on from it in lower case, runs on into the one after it as a full line of
    the larger type does (:func:`runs_on`; neither of them short, as a narrow column's are)."""
    if index < 1 or index + 2 >= len(texts) or goes_on_lower(texts[index + 1]):
        return False
    line = texts[index].strip()
    if not (finished(line) in ("sentence", "colon") or line.endswith(",")):
        return False
    body_lines = texts[index + 1 : index + 3]
    if not runs_on(*body_lines) or any(bound_short(text, page_measure) for text in body_lines):
        return False
    small = min(printed_length(text.strip()) for text in texts[index - 1 : index + 1])
    body = max(printed_length(text.strip()) for text in texts[index + 1 : index + 3])
    return small - body > SMALL_TYPE_SHARE * page_measure


def room(text: str, page_measure: float, habits: LineHabits) -> float:
    """How long a word (its printed length) the line ``text`` had room for: a next word shorter than
    this would have fitted on it (:func:`fill` below ``fit_share``), so a paragraph going on would
    have put it there."""
    return habits.fit_share * page_measure - printed_length(text + " ")


def bound_short(text: str, page_measure: float) -> bool:
    """A line short enough to be set on its own: under :data:`LINE_BOUND_SHARE` of the page's measure."""
    return len(text.strip()) < LINE_BOUND_SHARE * page_measure


def line_bound(text: str, next_text: str, page_measure: float) -> bool:
    """A line that may be set on its own (:data:`LINE_BOUND_SHARE`): short, not ending a sentence
    after a word (a table's row ending in a number, an address's line ending in a comma), and not
    running on into the next line (``next_text``, empty at the end) as a narrow column of prose does;
    or a row set with dot leaders (:data:`LEADER_ROW_RE`), however long."""
    line = text.strip()
    if LEADER_ROW_RE.search(line):
        return True
    if not bound_short(line, page_measure) or (next_text and runs_on(line, next_text)):
        return False
    return not ends_sentence(line) or any(character.isdigit() for character in line.split()[-1])
