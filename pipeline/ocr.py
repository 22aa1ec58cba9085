"""Stage ``ocr``: one page image OCR'd by Tesseract to hOCR, in the book's language.

Tesseract (Debian's ``tesseract-ocr`` with the language's ``tesseract-ocr-<code>`` data) writes the
page's lines, their boxes, sizes and words' confidences; the ``extract`` stage reads them as it
reads any hOCR. The language is the book's (``language`` of its metadata, a BCP 47 tag, turned into
Tesseract's three-letter code by langcodes). The hOCR is written beside its output and moved into
place when Tesseract has finished, so a killed job leaves no half-written page.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.cli import exit_stage, run_stage
from pipeline.model import InputError, read_stage_input
from pipeline.model.io import program_output
from pipeline.tesseract import (
    hocr_command,
    installed_languages,
    is_installed,
    tesseract_environment,
    tesseract_language,
)

STAGE = "ocr"


def ocr_page(image: Path, output: Path, language: str) -> None:
    """OCR ``image`` with Tesseract in ``language`` (its code) to the hOCR file ``output``."""
    if not is_installed():
        raise InputError(image, "Tesseract is not installed: apt-get install tesseract-ocr (see README.md)")
    if language not in installed_languages():
        raise InputError(
            image, f"Tesseract has no data for {language}: apt-get install tesseract-ocr-{language}"
        )
    program_output(
        lambda base: hocr_command(image, str(base), language),
        ".hocr",
        output,
        image,
        "Tesseract could not read the image",
        tesseract_environment(),
    )


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--image", required=True, help="a page image, raw/<book>/<page>.png (or .tif, .jpg)")
    parser.add_argument("--metadata", required=True, help="the book's checked metadata: its language")
    parser.add_argument("--output", required=True, help="the page's hOCR, build/<book>/ocr/<page>.hocr")


def _work(args: argparse.Namespace) -> str:
    language = tesseract_language(read_stage_input(args.metadata, "metadata")["language"])
    ocr_page(Path(args.image), Path(args.output), language)
    return f"{args.output}: OCR'd in {language}"


def main(argv: list[str] | None = None) -> int:
    return run_stage(STAGE, _configure, _work, argv)


if __name__ == "__main__":
    exit_stage(main())
