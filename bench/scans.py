"""The benchmark's structured-OCR figures: Tesseract's time a page, and the cleanup of a 300-page
hOCR book against bare pandoc on its plain text.

The hOCR book is made from the first book's text, laid out as a printer would (paragraphs wrapped
to a measure, first lines indented, a running head and a page number a page), each line's box from
its place: the cleanup's work is the same as on an engine's hOCR, without waiting for the engine.
The pages OCR'd are drawn from the same lines with Pillow (DejaVu Serif) at about 200 dpi.
"""

from __future__ import annotations

import statistics
import subprocess
import tempfile
import textwrap
import time
from collections.abc import Iterator
from html import escape
from pathlib import Path

MEASURE = 66  # characters a line
LINES = 38  # lines a page
PAGES = 300
OCR_PAGES = 4
ROUNDS = 3  # cold builds of the hOCR book, each followed by bare pandoc's runs: each step's median kept
CHAR_WIDTH, LINE_HEIGHT, TYPE_SIZE = 14, 40, 30  # pixels, at about 200 dpi
LEFT, TOP, INDENT = 120, 200, 42
PAGE_WIDTH, PAGE_HEIGHT = 1240, 1754
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def printed_lines(text: str) -> Iterator[tuple[str, bool]]:
    """The printed lines of a paragraph-a-line text, each with whether it opens a paragraph."""
    for paragraph in text.split("\n"):
        for at, line in enumerate(textwrap.wrap(paragraph, MEASURE)):
            yield line, at == 0


def pages_of(text: str, pages: int) -> list[list[tuple[str, bool]]]:
    """The first ``pages`` pages of the text's printed lines."""
    lines = list(printed_lines(text))
    return [lines[start : start + LINES] for start in range(0, LINES * pages, LINES)][:pages]


def _line(text: str, left: int, top: int, identifier: str) -> str:
    right, bottom = left + CHAR_WIDTH * len(text), top + TYPE_SIZE
    words, x = [], left
    for number, word in enumerate(text.split()):
        end = x + CHAR_WIDTH * len(word)
        words.append(
            f'<span class="ocrx_word" id="{identifier}_{number}" title="bbox {x} {top} {end} {bottom};'
            f' x_wconf 93">{escape(word)}</span>'
        )
        x = end + CHAR_WIDTH
    return (
        f'<span class="ocr_line" id="{identifier}" title="bbox {left} {top} {right} {bottom};'
        f' baseline 0 -7; x_size {TYPE_SIZE}">{" ".join(words)}</span>'
    )


def hocr_book(text: str, title: str, pages: int = PAGES) -> str:
    """An hOCR file of ``pages`` pages of ``text``: a running head, the text, a page number."""
    body = []
    for number, page in enumerate(pages_of(text, pages), start=1):
        lines = [_line(title.upper(), (PAGE_WIDTH - CHAR_WIDTH * len(title)) // 2, 90, f"l{number}_h")]
        for row, (line, opens) in enumerate(page):
            lines.append(
                _line(line, LEFT + (INDENT if opens else 0), TOP + row * LINE_HEIGHT, f"l{number}_{row}")
            )
        lines.append(_line(str(number), PAGE_WIDTH // 2, PAGE_HEIGHT - 120, f"l{number}_f"))
        body.append(
            f'<div class="ocr_page" id="page_{number}" title="bbox 0 0 {PAGE_WIDTH} {PAGE_HEIGHT};'
            f' ppageno {number - 1}">\n' + "\n".join(lines) + "\n</div>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        "<head><title></title></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def ocr_seconds_a_page(text: str, pages: int = OCR_PAGES) -> float:
    """Tesseract's median seconds a page (one core, English, to hOCR) on pages of ``text`` drawn
    with Pillow."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, TYPE_SIZE - 4)
    times = []
    with tempfile.TemporaryDirectory(prefix="ocr-bench-pages-") as folder:
        for number, page in enumerate(pages_of(text, pages), start=1):
            image = Image.new("L", (PAGE_WIDTH, PAGE_HEIGHT), 255)
            draw = ImageDraw.Draw(image)
            for row, (line, opens) in enumerate(page):
                draw.text((LEFT + (INDENT if opens else 0), TOP + row * LINE_HEIGHT), line, font=font, fill=0)
            path = Path(folder) / f"page-{number}.png"
            image.save(path)
            start = time.perf_counter()
            subprocess.run(
                ["tesseract", str(path), str(path.with_suffix("")), "-l", "eng", "hocr"],
                check=True,
                capture_output=True,
                env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"},
            )
            times.append(time.perf_counter() - start)
    return statistics.median(times)
