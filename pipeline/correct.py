"""Stage ``correct``: apply the editor's corrections of OCR misreadings to the book's tree.

``raw/<book>.corrections.yaml`` (optional) lists the corrections::

    responsible:                 # optional: who may be named in ``resp`` (id: name)
      editor: The edition's editor
    corrections:
      - sic: Iden                # the text as printed (as OCR read it)
        corr: Eden               # the correct reading
        context: Iden's mission  # text around it that occurs exactly once in the book
        resp: editor             # optional, default "editor"
        note: OCR misreading     # optional

Straight quotes, ``...`` and the like in the file are matched as the repair stage typesets them.
Each corrected string part of a paragraph, list item or note is split around a
:class:`~pipeline.model.Correction` (in ``corrected.json``:
``["…", {"sic": "Iden", "corr": "Eden", "resp": "editor"}, "…"]``; a corrected note's ``text``
becomes such a list of parts). An entry whose context is found nowhere, or more than once, stops the build
with an :class:`InputError` naming the corrections file, the entry and its line.
Without a corrections file the tree is copied through unchanged.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from pipeline.cli import run_stage
from pipeline.model import (
    Book,
    Change,
    Correction,
    InputError,
    ListItem,
    Note,
    Paragraph,
    read_book,
    walk,
    write_book,
    write_log,
)
from pipeline.text.typography import typeset

STAGE = "correct"
DEFAULT_RESP = "editor"
SCHEMA_PATH = Path(__file__).parent / "schemas" / "corrections.schema.json"
CONTEXT_CHARS = 40
NOWHERE = "nowhere in the book's paragraphs, list items and notes"


@dataclass(frozen=True)
class CorrectionEntry:
    """One entry of a corrections file, with its strings typeset as the book's text is."""

    sic: str
    corr: str
    context: str
    resp: str
    note: str
    line: int  # line of the entry in the corrections file

    def label(self) -> str:
        return f"correction {self.sic!r} → {self.corr!r} (context {self.context!r})"


@dataclass
class Corrections:
    """A book's corrections file: the responsible parties (id → name) and the entries."""

    responsible: dict[str, str]
    entries: list[CorrectionEntry]


def _typeset(text: str) -> str:
    return typeset(text)[0]


def load_corrections(path: str | Path) -> Corrections:
    """Read and check a corrections file; errors name the file and the line."""
    try:
        source = Path(path).read_text(encoding="utf-8")
        root = yaml.compose(source, Loader=yaml.SafeLoader)
        data = yaml.safe_load(source)
    except OSError as error:
        raise InputError(path, f"cannot read the file: {error.strerror}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise InputError(path, f"not valid YAML: {error}", mark.line + 1 if mark else None) from None
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for problem in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(step) for step in problem.absolute_path) or "the file"
        raise InputError(path, f"{where}: {problem.message}", _line_of(root, list(problem.absolute_path)))
    responsible = {DEFAULT_RESP: "The edition's editor", **data.get("responsible", {})}
    entries = []
    for index, entry in enumerate(data.get("corrections", [])):
        line = _line_of(root, ["corrections", index]) or 0
        resp = entry.get("resp", DEFAULT_RESP)
        if resp not in responsible:
            raise InputError(
                path, f"corrections/{index}: resp {resp!r} is not listed under 'responsible'", line
            )
        sic, corr, context = (_typeset(entry[key]) for key in ("sic", "corr", "context"))
        correction = CorrectionEntry(sic, corr, context, resp, entry.get("note", ""), line)
        if correction.context.count(correction.sic) != 1:
            raise InputError(path, f"{correction.label()}: the context must contain 'sic' exactly once", line)
        entries.append(correction)
    return Corrections(responsible, entries)


def _line_of(node: yaml.Node | None, steps: list[Any]) -> int | None:
    """1-based line of the YAML node reached from ``node`` by keys and indices ``steps``."""
    for step in steps:
        if isinstance(node, yaml.MappingNode):
            node = next((value for key, value in node.value if key.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            break
    return node.start_mark.line + 1 if node is not None else None


# --- where text can be corrected -------------------------------------------------------------------

Place = Paragraph | ListItem | Note  # what holds text that corrections may split


def places(book: Book) -> Iterator[Place]:
    """Every paragraph, list item and note of the book (front and back matter included)."""
    for node in walk(book):
        if isinstance(node, Paragraph | ListItem | Note):
            yield node


def _find(book: Book, entry: CorrectionEntry) -> list[tuple[Place, int, str, int]]:
    """Every (place, part index, the part, offset of the context) where the context occurs."""
    found = []
    for place in places(book):
        for index, part in enumerate(place.parts):
            if isinstance(part, str):
                start = part.find(entry.context)
                while start != -1:
                    found.append((place, index, part, start))
                    start = part.find(entry.context, start + 1)
    return found


def apply_corrections(book: Book, corrections: Corrections, source: str | Path) -> list[Change]:
    """Split the corrected text parts around a :class:`Correction`; log every correction.

    ``book`` is changed in place (``responsible`` names the ids the corrections use); the changes
    returned are the stage's log. Each context must occur exactly once.
    """
    changes = []
    for entry in corrections.entries:
        found = _find(book, entry)
        if len(found) != 1:
            lines = ", ".join(str(place.first_line) for place, _, _, _ in found)
            where = f"{len(found)} times (raw lines {lines})" if found else NOWHERE
            message = f"{entry.label()}: the context occurs {where}; it must occur exactly once"
            raise InputError(source, message, entry.line)
        place, index, text, start = found[0]
        at = start + entry.context.index(entry.sic)
        end = at + len(entry.sic)
        choice = Correction(entry.sic, entry.corr, entry.resp)
        pieces = [piece for piece in (text[:at], choice, text[end:]) if piece != ""]
        place.parts = [*place.parts[:index], *pieces, *place.parts[index + 1 :]]
        before = text[max(0, at - CONTEXT_CHARS) : end + CONTEXT_CHARS]
        after = text[max(0, at - CONTEXT_CHARS) : at] + entry.corr + text[end : end + CONTEXT_CHARS]
        explanation = f"editor's correction (corrections file line {entry.line}, resp {entry.resp})"
        if entry.note:
            explanation += f": {entry.note}"
        changes.append(Change(STAGE, "editor_correction", place.first_line, before, after, explanation))
    used = {entry.resp for entry in corrections.entries}
    book.responsible = {key: name for key, name in corrections.responsible.items() if key in used}
    return changes


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input", required=True, help="the book's tree, build/<book>/structure.json")
    parser.add_argument("--corrections", required=True, help="raw/<book>.corrections.yaml (may be missing)")
    parser.add_argument("--output", required=True, help="the corrected tree, build/<book>/corrected.json")
    parser.add_argument("--changes", required=True, help="change log, build/<book>/correct.changes.jsonl")


def _work(args: argparse.Namespace) -> str:
    book = read_book(args.input, "structure")
    if Path(args.corrections).exists():
        corrections = load_corrections(args.corrections)
    else:
        corrections = Corrections({}, [])
    changes = apply_corrections(book, corrections, args.corrections)
    write_book(args.output, book)
    write_log(args.changes, changes)
    return f"{args.output}: {len(changes)} corrections applied"


def main(argv: list[str] | None = None) -> int:
    return run_stage(STAGE, _configure, _work, argv)


if __name__ == "__main__":
    raise SystemExit(main())
