"""A page an OCR file holds no text of, read again from its image by Tesseract.

On a page of a few lines among a scan's specks (a chapter's last line under its running head),
Tesseract's one threshold for the whole page (Otsu's) makes the specks ink: it takes the page for a
picture (``ocr_photo`` in hOCR, ``Illustration`` in ALTO), reads no text on it, and the chapter's
last words are lost. Such a page, where its image is at hand, is read again with thresholds of
each pixel's own neighbourhood (:data:`pipeline.tesseract.LOCAL_THRESHOLDS`); the lines read whose
words Tesseract is sure of (:data:`SURE`, on average) are the page's, and the page says how they
were read (``read_again``: the QA report lists the page, and its text goes to the editor's review
list). A blank page reads as blank again. A page whose size in the file is not its image's (a file
measuring in other units than the image's pixels) is left as the file gives it.
"""

from __future__ import annotations

import statistics
from dataclasses import replace
from pathlib import Path

from lxml import etree

from pipeline.extract.hocr import read_hocr
from pipeline.extract.xml import PARSER
from pipeline.model.geometry import PrintedPage

SURE = 0.7  # a line read again is kept where its words' mean confidence is this or more
SIZE_SLACK = 0.01  # a page's size in its file and its image's differ by this share at most


def read_again(page: PrintedPage, language: str | None) -> PrintedPage:
    """``page``, where it has no line of text and its image is at hand, with the lines Tesseract
    reads on the image with local thresholds, in ``language`` (a BCP 47 tag; ``None``: Tesseract's
    default); else, or where none is read surely, as it is."""
    if page.lines or page.image is None or not Path(page.image).is_file():
        return page
    from pipeline.tesseract import read_with_local_thresholds  # (subprocess: only for a page read again)

    hocr = read_with_local_thresholds(Path(page.image), language)
    try:
        read = read_hocr(Path(page.source), etree.fromstring(hocr, PARSER)) if hocr else []
    except etree.XMLSyntaxError:
        return page
    if len(read) != 1 or not _same_size(page, read[0]):
        return page
    sure = [line for line in read[0].lines if line.confidences and statistics.fmean(line.confidences) >= SURE]
    if not sure:
        return page
    left_out = len(read[0].lines) - len(sure)
    how = (
        f"the OCR file held no text of the page: read again from its image by Tesseract with local"
        f" thresholds, {len(sure)} lines"
        + (f" ({left_out} more it was unsure of left out)" if left_out else "")
    )
    return replace(page, lines=sure, read_again=how)


def _same_size(page: PrintedPage, read: PrintedPage) -> bool:
    """Whether the page's size in its file (where it gives one) is its image's, as Tesseract read it."""
    if page.width is None or page.height is None:
        return True
    if read.width is None or read.height is None:
        return False
    return (
        abs(page.width - read.width) <= SIZE_SLACK * read.width
        and abs(page.height - read.height) <= SIZE_SLACK * read.height
    )
