"""The chronology as data: printed dates → ISO dates, Old Style (Julian) dates kept apart.

A chronology entry starts with its date and an em dash: ``25 October (7 November)—victory …``.
The printed date forms understood (hyphens and en/em dashes alike in ranges, emphasis ignored):

* a day or a month: ``18 February``, ``March``;
* a range: ``6-8 March``, ``17 July-2 August`` (or an en dash), ``July-December``,
  ``30 November 1939-12 March 1940``;
* a dual date, Old Style with the New Style in brackets: ``25 October (7 November)``,
  ``9(22) December``, ``23 December 1917 (5 January 1918)``, also as the start of a range.

The year comes from the entry itself or from the year heading it stands under.

Command line (the chronology as CSV and JSON)::

    python -m pipeline.chronology --input build/<book>/corrected.json \\
        --csv build/<book>.chronology.csv --json build/<book>.chronology.json
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from dataclasses import dataclass
from datetime import date

from pipeline.cli import run_stage
from pipeline.model import (
    Book,
    Correction,
    Dating,
    ListItem,
    PrintedDate,
    atomic_output,
    read_book,
    walk_division,
    write_json,
)
from pipeline.text.punctuation import DASHES, SENTENCE_BREAK_RE
from pipeline.text.words import MONTH, MONTHS

MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(MONTHS, 1)}
ENTRY_DASH = "\u2014"
MAX_DATE_CHARS = 60


def _point(prefix: str) -> str:
    """A regex for one point of a date (day, bracketed New Style day, month, year, bracketed date)."""
    return (
        rf"(?P<{prefix}d>\d{{1,2}}(?:(?:\s*,\s*|\s+and\s+)\d{{1,2}})*)?\s*(?:\(\s*(?P<{prefix}nd>\d{{1,2}})\s*\))?\s*"
        rf"(?P<{prefix}m>{MONTH})?\s*(?P<{prefix}y>\d{{4}})?\s*"
        rf"(?:\(\s*(?P<{prefix}pd>\d{{1,2}})\s+(?P<{prefix}pm>{MONTH})(?:\s+(?P<{prefix}py>\d{{4}}))?\s*\))?"
    )


DATE_RE = re.compile(rf"{_point('a')}(?:\s*[{DASHES}]\s*{_point('b')})?", re.IGNORECASE)
EMPHASIS_RE = re.compile(r"[*_]+")
LEADING_MARKER_RE = re.compile(rf"^\s*(?:[{DASHES}•·]\s+)?")


@dataclass
class _Point:
    day: int | None
    month: int | None
    year: int | None
    new_style: tuple[int, int | None, int | None] | None = None  # (day, month, year) in brackets
    last_day: int | None = None  # the last of several days listed (``17, 20 and 21 June``)


def clean_date(printed: str) -> str:
    """The printed date without emphasis, list markers or surplus spaces."""
    text = LEADING_MARKER_RE.sub("", EMPHASIS_RE.sub("", printed))
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


def julian_offset(year: int) -> int:
    """Days the Gregorian calendar is ahead of the Julian in ``year`` (13 in 1900-2099)."""
    return year // 100 - year // 400 - 2


# --- the chronology as rows


def chronology_rows(book: Book) -> list[dict[str, str]]:
    """One row per dated chronology entry: date, end date, old-style date, text."""
    return [
        _row(node.date, node)
        for division in book.divisions
        if division.type == "chronology"
        for node in walk_division(division)
        if isinstance(node, ListItem) and node.date is not None
    ]


def _row(dating: Dating, entry: ListItem) -> dict[str, str]:
    return {
        "date": dating.when or dating.start or "",
        "end_date": dating.end or "",
        "old_style_date": dating.when_custom or dating.start_custom or "",
        "text": entry_text(entry),
    }


def entry_text(entry: ListItem) -> str:
    """The plain text of an entry as corrected (emphasis marks and note anchors dropped)."""
    pieces = []
    for part in entry.parts:
        if isinstance(part, str):
            pieces.append(part)
        elif isinstance(part, PrintedDate):
            pieces.append(part.text)
        elif isinstance(part, Correction):
            pieces.append(part.corr)
    return " ".join(EMPHASIS_RE.sub("", "".join(pieces)).split())


def rows_csv(rows: list[dict[str, str]]) -> str:
    """The rows as CSV text with a header line."""
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=["date", "end_date", "old_style_date", "text"], lineterminator="\n"
    )
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Command line: ``--input corrected.json --csv …chronology.csv --json …chronology.json``."""

    def configure(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--input", required=True, help="the corrected tree, build/<book>/corrected.json")
        parser.add_argument("--csv", required=True, help="build/<book>.chronology.csv")
        parser.add_argument("--json", required=True, help="build/<book>.chronology.json")

    def work(args: argparse.Namespace) -> str:
        rows = chronology_rows(read_book(args.input, "correct"))
        with atomic_output(args.csv) as handle:
            handle.write(rows_csv(rows))
        write_json(args.json, rows)
        return f"{len(rows)} chronology entries"

    return run_stage("chronology", configure, work, argv)


if __name__ == "__main__":
    sys.exit(main())
