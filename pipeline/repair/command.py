"""The repair stage's command line:
``python -m pipeline.repair --input … --output … --changes … --review … --input-evidence …
[--metadata …]``."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from pipeline.cli import run_stage
from pipeline.layout import load_layout
from pipeline.model import InputError, write_json, write_log
from pipeline.model.io import read_geometry
from pipeline.repair.base import STAGE
from pipeline.repair.registry import repair_text


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input", required=True, help="normalised text, build/<book>/normalised.txt")
    parser.add_argument("--output", required=True, help="repaired blocks, build/<book>/repaired.json")
    parser.add_argument("--changes", required=True, help="change log, build/<book>/repair.changes.jsonl")
    parser.add_argument("--review", required=True, help="review items, build/<book>/repair.review.jsonl")
    parser.add_argument(
        "--input-evidence", required=True, help="how the text was read, build/<book>/input.json"
    )
    parser.add_argument(
        "--metadata", help="build/<book>/metadata.json or raw/<book>.yaml, for its layout settings (optional)"
    )
    parser.add_argument(
        "--geometry", help="where the lines stood, build/<book>/geometry.json (structured OCR only; optional)"
    )


def _read_text(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(path, f"cannot read the file: {error.strerror}") from None
    except UnicodeDecodeError as error:
        raise InputError(path, f"not UTF-8 (byte {error.start}): run the normalise stage first") from None


def _work(args: argparse.Namespace) -> str:
    layout = load_layout(args.metadata)
    geometry = read_geometry(args.geometry) if args.geometry else None
    (blocks, changes, review), evidence = repair_text(
        _read_text(args.input), furniture=layout.furniture, reader=layout.input_reader, geometry=geometry
    )
    write_json(args.output, {"blocks": [block.to_dict() for block in blocks]})
    write_json(args.input_evidence, evidence.to_json())
    write_log(args.changes, changes)
    write_log(args.review, review)
    joins = sum(len(block.extra.get("page_breaks", [])) for block in blocks)
    notes = sum(block.kind == "note" for block in blocks)
    return (
        f"{len(blocks)} blocks ({notes} notes, {joins} page-break joins), "
        f"{len(changes)} changes, {len(review)} to review"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``--input normalised.txt --output repaired.json --changes … --review …``
    (``--metadata …`` optional)."""
    return run_stage(STAGE, _configure, _work, argv)
