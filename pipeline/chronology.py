"""Stage ``chronology``: the corrected tree's chronology as data, one row per dated entry.

Each row gives the entry's New Style date (a day, a month or a range, as ISO dates), its Old Style
(Julian) date where the book prints one, and the entry's text as corrected by the editor. The
dates were read from the printed entries by the structure stage (:mod:`pipeline.text.dates`).

Command line (the chronology as CSV and JSON)::

    python -m pipeline.chronology --input build/<book>/corrected.json \\
        --csv build/<book>.chronology.csv --json build/<book>.chronology.json
"""

from __future__ import annotations

import argparse
import csv
import io

from pipeline.cli import exit_stage, run_stage
from pipeline.model import (
    Book,
    Dating,
    ListItem,
    atomic_output,
    corrected_text,
    read_book,
    walk_division,
    write_json,
)
from pipeline.text.punctuation import plain_text


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
    return plain_text(corrected_text(entry.parts), markers=True)


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
    exit_stage(main())
