"""The render stage's command line: ``python -m pipeline.render --tei … --epub … --html …``."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from pipeline.cli import run_stage
from pipeline.render.editions import render
from pipeline.tei import read_tei


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tei", required=True, help="tei/<book>.xml")
    parser.add_argument("--epub", required=True, help="build/<book>.epub")
    parser.add_argument(
        "--html", required=True, help="build/<book>/html/index.html, the HTML edition in a folder of its own"
    )


def _work(args: argparse.Namespace) -> str:
    started = time.monotonic()
    counts = render(read_tei(args.tei), Path(args.epub), Path(args.html), args.tei)
    seconds = time.monotonic() - started
    images = ""
    if counts["facsimile pages"]:
        images = f", {counts['page images']} of {counts['facsimile pages']} page images found"
    return f"{args.epub} and {args.html}: {counts['epub notes']} notes{images}, {seconds:.1f} s"


def main(argv: list[str] | None = None) -> int:
    return run_stage("render", _configure, _work, argv)
