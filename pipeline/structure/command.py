"""The stage's command line::

python -m pipeline.structure --input build/<book>/repaired.json --output build/<book>/structure.json
    --changes build/<book>/structure.changes.jsonl --review build/<book>/structure.review.jsonl
    --evidence build/<book>/structure.evidence.json [--metadata build/<book>/metadata.json]
"""

from __future__ import annotations

import argparse

from pipeline.cli import run_stage
from pipeline.layout import load_layout
from pipeline.model import Block, InputError, read_stage_input, write_book, write_evidence, write_log
from pipeline.structure.build import build_structure
from pipeline.structure.evidence import structure_evidence
from pipeline.structure.findings import STAGE


def main(argv: list[str] | None = None) -> int:
    """Command line: ``--input repaired.json --output structure.json --changes … --review … --evidence …``."""

    def configure(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--input", required=True, help="build/<book>/repaired.json")
        parser.add_argument("--output", required=True, help="build/<book>/structure.json")
        parser.add_argument(
            "--changes", required=True, help="change log, build/<book>/structure.changes.jsonl"
        )
        parser.add_argument(
            "--review", required=True, help="review items, build/<book>/structure.review.jsonl"
        )
        parser.add_argument(
            "--evidence",
            required=True,
            help="layout conventions, contents check, pages: build/<book>/structure.evidence.json",
        )
        parser.add_argument(
            "--metadata",
            help="build/<book>/metadata.json or raw/<book>.yaml, for its layout settings (optional)",
        )

    def work(args: argparse.Namespace) -> str:
        layout = load_layout(args.metadata)
        data = read_stage_input(args.input, "repair")
        try:
            blocks = [Block.from_dict(block) for block in data["blocks"]]
        except (KeyError, TypeError) as error:
            raise InputError(args.input, f"not a repaired.json file: {error!r}") from None
        structured = build_structure(blocks, layout)
        book = structured.tree
        write_book(args.output, book)
        write_log(args.changes, structured.changes)
        write_log(args.review, structured.review)
        write_evidence(args.evidence, structure_evidence(structured))
        sections = sum(len(division.sections) for division in book.divisions)
        notes = sum(len(division.notes) for division in book.divisions)
        return (
            f"{len(book.divisions)} divisions, {sections} sections, {notes} notes, "
            f"{len(structured.review)} review items"
        )

    return run_stage(STAGE, configure, work, argv)
