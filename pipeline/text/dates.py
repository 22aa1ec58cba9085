"""Dates as books print them: printed dates → ISO dates, Old Style (Julian) dates kept apart.

A chronology entry starts with its date and an em dash: ``25 October (7 November)—victory …``.
The printed date forms understood (hyphens and en/em dashes alike in ranges, emphasis ignored):

* a day or a month: ``18 February``, ``March``;
* a range: ``6-8 March``, ``17 July-2 August`` (or an en dash), ``July-December``,
  ``30 November 1939-12 March 1940``;
* a dual date, Old Style with the New Style in brackets: ``25 October (7 November)``,
  ``9(22) December``, ``23 December 1917 (5 January 1918)``, also as the start of a range.

The year comes from the entry itself or from the year heading it stands under (``year``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pipeline.lazy_re import lazy_compile
from pipeline.model import Dating
from pipeline.text.punctuation import DASHES, EM_DASH, SENTENCE_BREAK_RE, without_emphasis
from pipeline.text.words import MONTH, MONTHS

MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(MONTHS, 1)}
ENTRY_DASH = EM_DASH  # a chronology entry's printed date ends at its em dash
MAX_DATE_CHARS = 60
PRINTED_YEAR = r"1\d{3}|20\d{2}"  # a year a chronology heads its entries with


def _point(prefix: str) -> str:
    """A regex for one point of a date (day, bracketed New Style day, month, year, bracketed date)."""
    return (
        rf"(?P<{prefix}d>\d{{1,2}}(?:(?:\s*,\s*|\s+and\s+)\d{{1,2}})*)?\s*(?:\(\s*(?P<{prefix}nd>\d{{1,2}})\s*\))?\s*"
        rf"(?P<{prefix}m>{MONTH})?\s*(?P<{prefix}y>\d{{4}})?\s*"
        rf"(?:\(\s*(?P<{prefix}pd>\d{{1,2}})\s+(?P<{prefix}pm>{MONTH})(?:\s+(?P<{prefix}py>\d{{4}}))?\s*\))?"
    )


DATE_RE = lazy_compile(rf"{_point('a')}(?:\s*[{DASHES}]\s*{_point('b')})?", re.IGNORECASE)
LEADING_MARKER_RE = lazy_compile(rf"^\s*(?:[{DASHES}•·]\s+)?")


@dataclass
class _Point:
    day: int | None
    month: int | None
    year: int | None
    new_style: tuple[int, int | None, int | None] | None = None  # (day, month, year) in brackets
    last_day: int | None = None  # the last of several days listed (``17, 20 and 21 June``)


def clean_date(printed: str) -> str:
    """The printed date without emphasis, list markers or surplus spaces."""
    text = LEADING_MARKER_RE.sub("", without_emphasis(printed))
    return " ".join(text.split())


def split_entry(text: str) -> tuple[str, str] | None:
    """``(printed date, rest from the em dash on)`` of an entry, or ``None`` if it has no date."""
    position = text.find(ENTRY_DASH)
    if position <= 0 or position > MAX_DATE_CHARS:
        return None
    printed = text[:position]
    return (printed, text[position:]) if parse_date(printed, 2000) else None


def split_run_together(text: str) -> list[str]:
    """Entries the OCR ran together (``…to China. August—Soviet …``), as separate texts."""
    pieces: list[str] = []
    start = 0
    for boundary in SENTENCE_BREAK_RE.finditer(text):
        if boundary.end() <= start or ENTRY_DASH not in text[start : boundary.start()]:
            continue
        if split_entry(text[boundary.end() :]):
            pieces.append(text[start : boundary.start()])
            start = boundary.end()
    pieces.append(text[start:])
    return pieces


def parse_date(printed: str, year: int) -> Dating | None:
    """The ISO date of a printed entry date under the year heading ``year``, or ``None``."""
    text = clean_date(printed)
    match = DATE_RE.fullmatch(text)
    if not match or not text or not (match.group("am") or match.group("bm")):
        return None
    first = _read_point(match, "a")
    second = _read_point(match, "b") if match.group("bd") or match.group("bm") else None
    if second is None:
        return _single(first, year)
    if first.month is None:
        first.month = second.month
    if second.month is None or first.month is None:
        return None
    if first.year is None:
        first.year = second.year if second.year and first.month <= second.month else year
    if second.year is None:
        second.year = first.year + (1 if second.month < first.month else 0)
    start, start_custom = _resolve(first, year)
    end, end_custom = _resolve(second, year)
    if start is None or end is None:
        return None
    return Dating(start=start, end=end, start_custom=start_custom, end_custom=end_custom)


def _read_point(match: re.Match[str], prefix: str) -> _Point:
    def number(name: str) -> int | None:
        value = match.group(prefix + name)
        return int(value) if value else None

    def month(name: str) -> int | None:
        value = match.group(prefix + name)
        return MONTH_NUMBERS[value.lower()] if value else None

    days = [int(day) for day in re.findall(r"\d+", match.group(prefix + "d") or "")]
    point = _Point(days[0] if days else None, month("m"), number("y"))
    if len(days) > 1:  # 14 and 16 June: the span of the days listed
        point.last_day = days[-1]
    if number("nd") is not None:
        point.new_style = (number("nd") or 0, None, None)
    elif number("pd") is not None:
        point.new_style = (number("pd") or 0, month("pm"), number("py"))
    return point


def _single(point: _Point, year: int) -> Dating | None:
    if point.last_day is not None:
        last = _Point(point.last_day, point.month, point.year)
        start, end = _resolve(point, year)[0], _resolve(last, year)[0]
        return Dating(start=start, end=end) if start and end else None
    when, custom = _resolve(point, year)
    return Dating(when=when, when_custom=custom) if when else None


def _resolve(point: _Point, year: int) -> tuple[str | None, str | None]:
    """``(New Style ISO, Old Style ISO or None)`` of one point; ``None`` for an impossible date."""
    point_year = point.year or year
    if point.month is None:
        return None, None
    if point.day is None:
        return f"{point_year:04d}-{point.month:02d}", None
    printed = _iso(point_year, point.month, point.day)
    if point.new_style is None or printed is None:
        return printed, None
    day, month, new_year = point.new_style
    if month is None:  # 9(22) December: the same month, or the next one when the day wraps
        month = point.month if day >= point.day else point.month % 12 + 1
    if new_year is None:
        new_year = point_year + (1 if month < point.month else 0)
    return _iso(new_year, month, day), printed


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
