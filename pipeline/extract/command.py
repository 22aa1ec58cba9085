"""The ``extract`` stage's command line: a book's structured OCR files (or its folder) and its checked
metadata (its language, for a page read again) in; its text (``source.txt``) and geometry
(``geometry.json``) out."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.cli import fast_bins_off, run_stage
from pipeline.extract import extract
from pipeline.model import atomic_output, read_stage_input
from pipeline.model.io import write_geometry

STAGE = "extract"


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "inputs", nargs="+", help="the book's hOCR, ALTO or PAGE files in page order, or its folder"
    )
    parser.add_argument(
        "--metadata", help="the book's checked metadata: the language of a page read again (else English)"
    )
    parser.add_argument("--output", required=True, help="the book's text, build/<book>/source.txt")
    parser.add_argument("--geometry", required=True, help="where its lines stood, build/<book>/geometry.json")
    parser.add_argument(
        "--workers", type=int, default=1, help="processes reading a long book's files or pages side by side"
    )


def _work(args: argparse.Namespace) -> str:
    fast_bins_off()  # (the OCR files' parse trees are freed as the stage goes on)
    paths = [Path(name) for name in args.inputs]
    if len(paths) == 1 and paths[0].is_dir():
        from pipeline.books import STRUCTURED, folder_files  # (8 ms to import: only for a folder)

        paths = folder_files(paths[0], STRUCTURED)
    language = read_stage_input(args.metadata, "metadata")["language"] if args.metadata else None
    text, geometry = extract(paths, language, args.workers)
    with atomic_output(args.output) as handle:
        handle.write(text)
    write_geometry(args.geometry, geometry)
    lines = sum(len(page.lines) for page in geometry.pages)
    again = sum(page.read_again is not None for page in geometry.pages)
    return f"{args.output}: {len(geometry.pages)} pages, {lines} lines of {geometry.format}" + (
        f"; {again} pages the files held no text of read again from their images" if again else ""
    )


def main(argv: list[str] | None = None) -> int:
    return run_stage(STAGE, _configure, _work, argv)
