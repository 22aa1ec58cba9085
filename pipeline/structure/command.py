"""The stage's command line::

python -m pipeline.structure --input build/<book>/repaired.json --output build/<book>/structure.json
"""

from __future__ import annotations

import argparse

from pipeline.cli import run_stage
from pipeline.layout import load_layout
from pipeline.model import Block, InputError, read_stage_input, write_book
from pipeline.structure.build import build_structure
from pipeline.structure.findings import STAGE


def main(argv: list[str] | None = None) -> int:
    """Command line: ``--input repaired.json --output structure.json``."""

    def configure(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--input", required=True, help="build/<book>/repaired.json")
        parser.add_argument("--output", required=True, help="build/<book>/structure.json")
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
        book = build_structure(blocks, layout)
        write_book(args.output, book)
        sections = sum(len(division.sections) for division in book.divisions)
        notes = sum(len(division.notes) for division in book.divisions)
        return (
            f"{len(book.divisions)} divisions, {sections} sections, {notes} notes, "
            f"{len(book.review)} review items"
        )

    return run_stage(STAGE, configure, work, argv)
