"""Stage ``pdf_pages``: one page of a scanned PDF made an image for Tesseract, by poppler.

A book given as ``raw/<book>.pdf`` is OCR'd a page at a time like a folder of page images: its pages
are counted (``pdfinfo``) when the workflow plans the build, named ``page-0001`` …, and each is
rendered at :data:`RESOLUTION` dpi to ``build/<book>/pdf/<page>.png`` (``pdftoppm``, Debian's
``poppler-utils``), moved into place when finished (:func:`pipeline.model.io.program_output`).
poppler renders every kind of PDF scanners write; the Python PDF libraries that render are under
licences the project cannot take.
"""

from __future__ import annotations

import argparse
import functools
import re
import shutil
import subprocess
from pathlib import Path

from pipeline.cli import exit_stage, run_stage
from pipeline.lazy_re import lazy_compile
from pipeline.model import InputError
from pipeline.model.io import program_output

STAGE = "pdf_pages"
RESOLUTION = 300  # dpi: what Tesseract reads best at
PAGE_NAME = "page-{:04d}"
PAGE_NAME_RE = lazy_compile(r"page-(\d+)")
PAGES_RE = lazy_compile(r"^Pages:\s+(\d+)", re.MULTILINE)
INSTALL = "apt-get install poppler-utils (see README.md)"


def page_names(pdf: Path) -> list[str]:
    """The names of the pages of ``pdf`` (``page-0001`` …), in order."""
    return [PAGE_NAME.format(number) for number in range(1, page_count(pdf, pdf.stat().st_mtime_ns) + 1)]


@functools.cache
def page_count(pdf: Path, modified: int) -> int:
    """How many pages ``pdf`` has (``modified``: its time, so a changed file is counted again)."""
    if shutil.which("pdfinfo") is None:
        raise InputError(pdf, f"cannot count the PDF's pages: {INSTALL}")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False)
    found = PAGES_RE.search(info.stdout)
    if info.returncode != 0 or found is None or int(found.group(1)) == 0:
        reason = (info.stderr.strip().splitlines() or ["no page"])[-1]
        raise InputError(pdf, f"not a PDF with pages: {reason}")
    return int(found.group(1))


def render_page(pdf: Path, page: str, output: Path) -> None:
    """Render page ``page`` (``page-0003``) of ``pdf`` to the PNG image ``output``."""
    if shutil.which("pdftoppm") is None:
        raise InputError(pdf, f"cannot render the PDF's pages: {INSTALL}")
    number = PAGE_NAME_RE.fullmatch(page)
    if number is None:
        raise InputError(pdf, f"no page {page!r}: pages are named page-0001, page-0002 …")
    at = str(int(number.group(1)))
    program_output(
        lambda base: [
            "pdftoppm",
            "-r",
            str(RESOLUTION),
            "-png",
            "-f",
            at,
            "-l",
            at,
            "-singlefile",
            str(pdf),
            str(base),
        ],
        ".png",
        output,
        pdf,
        f"cannot render page {at}",
    )


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pdf", required=True, help="the scanned book, raw/<book>.pdf")
    parser.add_argument("--page", required=True, help="the page's name, page-0001 …")
    parser.add_argument("--output", required=True, help="its image, build/<book>/pdf/<page>.png")


def _work(args: argparse.Namespace) -> str:
    render_page(Path(args.pdf), args.page, Path(args.output))
    return f"{args.output}: rendered at {RESOLUTION} dpi"


def main(argv: list[str] | None = None) -> int:
    return run_stage(STAGE, _configure, _work, argv)


if __name__ == "__main__":
    exit_stage(main())
