"""The stage's command line::

python -m pipeline.report --book <book> --text raw/<book>.txt
    --changes build/<book>/{normalise,repair,structure,correct}.changes.jsonl
    --review build/<book>/{repair,structure}.review.jsonl --evidence build/<book>/structure.evidence.json
    [--input-evidence build/<book>/input.json] [--misreadings build/<book>/misreadings.json]
    --changes-log build/<book>.changes.jsonl --output build/<book>.report.html
"""

from __future__ import annotations

import argparse

from pipeline.cli import run_stage
from pipeline.model import Change, InputEvidence, atomic_output, read_evidence, read_json, read_log, write_log
from pipeline.report.logs import merge_changes, read_review_log
from pipeline.report.page import render_report

STAGE = "report"


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--book", required=True, help="the book's name")
    parser.add_argument(
        "--text",
        required=True,
        help="the text whose lines the logs number: raw/<book>.txt, or build/<book>/source.txt as read"
        " from structured OCR or scans",
    )
    parser.add_argument(
        "--changes",
        required=True,
        nargs="+",
        help="the stages' change logs, build/<book>/<stage>.changes.jsonl",
    )
    parser.add_argument(
        "--review",
        required=True,
        nargs="+",
        help="the stages' review logs, build/<book>/<stage>.review.jsonl",
    )
    parser.add_argument(
        "--evidence", required=True, help="the structure's evidence, build/<book>/structure.evidence.json"
    )
    parser.add_argument("--input-evidence", help="how the text was read, build/<book>/input.json (optional)")
    parser.add_argument("--misreadings", help="OCR misreadings, build/<book>/misreadings.json (optional)")
    parser.add_argument("--changes-log", required=True, help="merged change log, build/<book>.changes.jsonl")
    parser.add_argument("--output", required=True, help="the QA report, build/<book>.report.html")


def _work(args: argparse.Namespace) -> str:
    changes = merge_changes(*(read_log(path, Change) for path in args.changes))
    review = [item for path in args.review for item in read_review_log(path)]
    evidence = read_evidence(args.evidence)
    misreadings = read_json(args.misreadings) if args.misreadings else None
    read = InputEvidence.from_json(read_json(args.input_evidence)) if args.input_evidence else None
    write_log(args.changes_log, changes)
    with atomic_output(args.output) as handle:
        handle.write(render_report(args.book, args.text, changes, review, misreadings, evidence, read))
    return f"{args.output}: {len(changes)} changes, {len(review)} to review"


def main(argv: list[str] | None = None) -> int:
    return run_stage(STAGE, _configure, _work, argv)
