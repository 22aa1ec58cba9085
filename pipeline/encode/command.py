"""Stage ``encode`` on the command line: ``corrected.json`` and ``metadata.json`` → ``tei/<book>.xml``."""

from __future__ import annotations

import argparse

from pipeline import __version__
from pipeline.cli import run_stage
from pipeline.encode.elements import tei_bytes
from pipeline.encode.header import Provenance
from pipeline.encode.text import encode_tei
from pipeline.model import Change, FormatError, InputError, atomic_output, read_book
from pipeline.model.io import read_geometry, read_log
from pipeline.model.records import EDITOR_CORRECTION
from pipeline.tei import tei


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input", required=True, help="the corrected tree, build/<book>/corrected.json")
    parser.add_argument(
        "--metadata", required=True, help="build/<book>/metadata.json (checked) or raw/<book>.yaml"
    )
    parser.add_argument("--output", required=True, help="tei/<book>.xml")
    parser.add_argument(
        "--changes",
        nargs="*",
        default=None,
        help="the stages' change logs, build/<book>/<stage>.changes.jsonl (counted in the TEI header)",
    )
    parser.add_argument(
        "--geometry", help="where the lines stood, build/<book>/geometry.json (structured OCR only; optional)"
    )


def _work(args: argparse.Namespace) -> str:
    from pipeline.metadata import load_metadata

    metadata = load_metadata(args.metadata)
    book = read_book(args.input, "correct")
    geometry = read_geometry(args.geometry) if args.geometry else None
    provenance = None if args.changes is None else counted(args.changes)
    try:
        root = encode_tei(book, metadata, geometry, provenance)
    except FormatError as error:
        raise InputError(args.input, error.message, error.line) from None
    with atomic_output(args.output, "wb") as handle:
        handle.write(tei_bytes(root))
    divisions = len(root.findall(f".//{tei('div')}"))
    notes = len(root.findall(f".//{tei('note')}[@place='foot']"))
    unlinked = len(root.findall(f".//{tei('note')}[@type='unlinked']"))
    return f"{args.output}: {divisions} divisions, {notes} notes ({unlinked} without marker)"


def counted(logs: list[str]) -> Provenance:
    """The pipeline's version and the changes of the ``logs``: the editor's corrections, and the others."""
    changes = [change for log in logs for change in read_log(log, Change)]
    editor = sum(change.rule == EDITOR_CORRECTION for change in changes)
    return Provenance(__version__, len(changes) - editor, editor)


def main(argv: list[str] | None = None) -> int:
    return run_stage("encode", _configure, _work, argv)
