"""The ``extract`` stage's command line: a book's structured OCR files (or its folder) in; its text
(``source.txt``) and geometry (``geometry.json``) out."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.cli import run_stage
from pipeline.extract import extract
from pipeline.model import atomic_output
from pipeline.model.io import write_geometry

STAGE = "extract"


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "inputs", nargs="+", help="the book's hOCR, ALTO or PAGE files in page order, or its folder"
    )
    parser.add_argument("--output", required=True, help="the book's text, build/<book>/source.txt")
    parser.add_argument("--geometry", required=True, help="where its lines stood, build/<book>/geometry.json")


def _work(args: argparse.Namespace) -> str:
    paths = [Path(name) for name in args.inputs]
    if len(paths) == 1 and paths[0].is_dir():
        from pipeline.books import STRUCTURED, folder_files  # (8 ms to import: only for a folder)

        paths = folder_files(paths[0], STRUCTURED)
    text, geometry = extract(paths)
    with atomic_output(args.output) as handle:
        handle.write(text)
    write_geometry(args.geometry, geometry)
    lines = sum(len(page.lines) for page in geometry.pages)
    return f"{args.output}: {len(geometry.pages)} pages, {lines} lines of {geometry.format}"


def main(argv: list[str] | None = None) -> int:
    return run_stage(STAGE, _configure, _work, argv)
