"""Score a built real book against its hand-made gold (``tests/data/real/<book>.gold.json``).

The gold names raw lines of the book's OCR (``shared/real/<book>.txt``) and the text an edition
must have there (how it was made: ``tests/data/real/README.md``). What is scored, from the
structure stage's tree (``build/<book>/structure.json``) and the repair stage's change log:

* chapters: a division starts at the heading's line (give or take its lines) and its heading reads
  as printed (label, title and a subtitle printed apart, compared without case and punctuation),
  nothing more;
* paragraph starts in the annotated region: found (recall) and real (precision), by raw line;
* joins: the seam reads in one paragraph or note as the gold says (hyphen dropped or kept, page break
  closed);
* footnotes: a note whose text opens as printed, linked from a marker after the context words, and
  its words not in the running text that holds its line;
* furniture: each page number, running title and signature mark is logged as removed (the
  share left is scored).

``python tests/real_gold.py BUILD_DIR GOLD...`` prints the figures of each book.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.model import Change, Division, ListItem, Note, NoteRef, Paragraph, read_book, read_log, walk
from pipeline.model.walk import parts_of

FURNITURE_RULES = ("remove_page_furniture",)
HEADING_LINES = 3  # a gold heading's line may be any of the first lines of the division's heading
CLEAN_HEADING_RATIO = 0.85  # similarity of a heading to the printed one (OCR fixes and case aside)
CONTEXT_WINDOW = 120  # characters before a marker where the gold context words must stand


def key(text: str) -> str:
    """Text compared for the gold: lower case, letters, digits and in-word hyphens, single spaces.

    A dash between digits (a range such as ``119-27``, hyphen, en dash or minus alike) reads as a hyphen:
    typography may have set the printed hyphen as an en dash.
    """
    text = re.sub(r"(?<=\w)[-\u00ad](?=\w)|(?<=\d)[\u2010-\u2015\u2212](?=\d)", "\x00", text.casefold())
    return " ".join(re.sub(r"[^\w\x00]+|_", " ", text).split()).replace("\x00", "-")


@dataclass
class Score:
    """Found / total for each measure of one book."""

    counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    misses: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, found: int, total: int, misses: list[str]) -> None:
        self.counts[name] = (found, total)
        self.misses[name] = misses

    def share(self, name: str) -> float:
        found, total = self.counts[name]
        return found / total if total else 1.0


def text_of(node: Any) -> str:
    """A node's running text without its note markers and page breaks."""
    return "".join(part for part in parts_of(node) if isinstance(part, str))


def score_book(build: Path, gold: dict[str, Any]) -> Score:
    """Every measure of one built book against its gold."""
    book = read_book(build / "structure.json", "structure")
    nodes = list(walk(book))
    changes = read_log(build / "repair.changes.jsonl", Change)
    score = Score()
    _chapters(score, [node for node in nodes if isinstance(node, Division)], gold["chapters"])
    running = [node for node in nodes if isinstance(node, Paragraph | ListItem)]
    _paragraphs(score, running, gold["paragraphs"])
    _joins(score, [*running, *(node for node in nodes if isinstance(node, Note))], gold["joins"])
    _footnotes(score, running, [node for node in nodes if isinstance(node, Note)], gold["footnotes"])
    removed = {change.line for change in changes if change.rule in FURNITURE_RULES}
    left = [f"{item['line']}: {item['text']}" for item in gold["furniture"] if item["line"] not in removed]
    score.add("furniture left", len(left), len(gold["furniture"]), left)
    return score


def _chapters(score: Score, divisions: list[Division], gold: list[dict[str, Any]]) -> None:
    misses = []
    for chapter in gold:
        printed = key(" ".join(filter(None, (chapter["label"], chapter["title"]))))
        near = [
            d
            for d in divisions
            if chapter["line"] <= d.first_line + HEADING_LINES
            and d.first_line <= chapter["line"] + HEADING_LINES
        ]
        heads = [key(" ".join(filter(None, (d.label, d.title, d.subtitle)))) for d in near]
        if not any(
            difflib.SequenceMatcher(None, head, printed).ratio() >= CLEAN_HEADING_RATIO for head in heads
        ):
            misses.append(f"{chapter['line']}: {printed!r} → {heads or 'no division'}")
    score.add("chapters", len(gold) - len(misses), len(gold), misses)


def _paragraphs(score: Score, running: list[Paragraph | ListItem], gold: dict[str, Any]) -> None:
    region = range(gold["from_line"], gold["to_line"] + 1)
    found = {node.first_line for node in running if node.first_line in region}
    starts = set(gold["starts"])
    score.add("paragraph starts found", len(starts & found), len(starts), sorted(map(str, starts - found)))
    score.add("found starts real", len(starts & found), len(found), sorted(map(str, found - starts)))


def _joins(score: Score, holders: list[Paragraph | ListItem | Note], gold: list[dict[str, Any]]) -> None:
    texts = [key(text_of(node)) for node in holders]
    misses = [
        f"{join['line']} {join['kind']}: {join['seam']!r}"
        for join in gold
        if not any(key(join["seam"]) in text for text in texts)
    ]
    score.add("joins", len(gold) - len(misses), len(gold), misses)


def _footnotes(
    score: Score, running: list[Paragraph | ListItem], notes: list[Note], gold: list[dict[str, Any]]
) -> None:
    before_marker: dict[str, str] = {}
    for node in running:
        text = ""
        for part in parts_of(node):
            if isinstance(part, NoteRef):
                before_marker[part.note] = key(text[-CONTEXT_WINDOW:])
            elif isinstance(part, str):
                text += part
    starts = sorted((node.first_line, key(text_of(node))) for node in running)
    misses, leaked = [], []
    for footnote in gold:
        body = key(footnote["body"])
        note = _nearest_note(notes, body, footnote["body_line"])
        if body in _text_holding(starts, footnote["body_line"]):
            leaked.append(f"{footnote['body_line']}: {footnote['body']!r}")
        if note is None:
            misses.append(f"{footnote['body_line']}: no note {footnote['body']!r}")
        elif footnote["marker"] is not None and key(footnote["context"]) not in before_marker.get(
            note.id, "\x00"
        ):
            misses.append(f"{footnote['body_line']}: note not linked after {footnote['context']!r}")
    score.add("footnotes linked", len(gold) - len(misses), len(gold), misses)
    score.add("footnotes in the running text", len(leaked), len(gold), leaked)


def _text_holding(starts: list[tuple[int, str]], line: int) -> str:
    """The running text (of ``(first line, text)`` in line order) that holds raw line ``line``: the
    last to start at or before it (a note's words quoted elsewhere in the book are no leak)."""
    before = [text for first, text in starts if first <= line]
    return before[-1] if before else ""


def _nearest_note(notes: list[Note], body: str, line: int) -> Note | None:
    """The note whose text opens as ``body``; of notes printed alike, the one nearest the gold's line."""
    alike = [note for note in notes if key(text_of(note)).startswith(body)]
    return min(alike, key=lambda note: abs(note.first_line - line), default=None)


def main(argv: list[str]) -> int:
    """Print each book's figures: ``BUILD_DIR`` holds ``<book>/structure.json``; then gold files."""
    build = Path(argv[0])
    for path in argv[1:]:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
        score = score_book(build / gold["book"], gold)
        print(gold["book"])
        for name, (found, total) in score.counts.items():
            print(f"  {name:32} {found:4}/{total:<4} {found / total if total else 1:6.1%}")
            for miss in score.misses[name][:8] if "-v" in sys.argv else []:
                print(f"      {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main([arg for arg in sys.argv[1:] if arg != "-v"]))
