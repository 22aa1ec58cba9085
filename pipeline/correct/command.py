"""The ``correct`` stage's command line: the tree, the raw text and the corrections file in; the
corrected tree, its change log and the misreadings (applied and for review) out."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.cli import run_stage
from pipeline.correct.automatic import THRESHOLD, LineFinder, correct_misreadings
from pipeline.correct.editor import apply_corrections
from pipeline.correct.engine import EngineConfidence
from pipeline.correct.review import review_list, split_review
from pipeline.corrections import Corrections
from pipeline.model import read_book, write_book, write_json, write_log
from pipeline.model.io import read_geometry

STAGE = "correct"


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input", required=True, help="the book's tree, build/<book>/structure.json")
    parser.add_argument("--text", required=True, help="the raw text's lines, build/<book>/normalised.txt")
    parser.add_argument("--corrections", required=True, help="raw/<book>.corrections.yaml (may be missing)")
    parser.add_argument("--output", required=True, help="the corrected tree, build/<book>/corrected.json")
    parser.add_argument("--changes", required=True, help="change log, build/<book>/correct.changes.jsonl")
    parser.add_argument("--misreadings", required=True, help="build/<book>/misreadings.json")
    parser.add_argument(
        "--geometry",
        help="the OCR engine's word confidences, build/<book>/geometry.json (structured OCR only)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="processes that read the book's places at once (default 1; the workflow gives its threads)",
    )


def _load(path: str) -> Corrections:
    if not Path(path).exists():
        return Corrections({}, [])
    # (imported only for a book with a corrections file: it loads the YAML and JSON Schema libraries)
    from pipeline.corrections import load_corrections

    return load_corrections(path)


def _work(args: argparse.Namespace) -> str:
    book = read_book(args.input, "structure")
    corrections = _load(args.corrections)
    changes = apply_corrections(book, corrections, args.corrections)
    refusals = [entry for entry in corrections.entries if entry.refuses()]
    lines = LineFinder(Path(args.text).read_text(encoding="utf-8").split("\n"))
    engine = EngineConfidence(read_geometry(args.geometry)) if args.geometry else None
    automatic, found = correct_misreadings(book, THRESHOLD, refusals, lines, engine, max(1, args.workers))
    review, unknown = split_review(review_list(found))
    write_book(args.output, book)
    write_log(args.changes, changes + automatic)
    write_json(
        args.misreadings,
        {
            "threshold": THRESHOLD,
            "applied": [item.to_dict() for item in found if item.applied],
            "refused": [item.to_dict() for item in found if item.refused],
            "review": [entry.to_dict() for entry in review],
            "unknown": [entry.to_dict() for entry in unknown],
        },
    )
    editor = len(changes)
    return (
        f"{args.output}: {editor} editor's corrections, {len(automatic)} automatic, "
        f"{len(review)} words for review, {len(unknown)} unknown"
    )


def main(argv: list[str] | None = None) -> int:
    return run_stage(STAGE, _configure, _work, argv)
