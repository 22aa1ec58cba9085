"""Raised glyphs OCR did not read, seen in the page image at the right end of a word's box.

OCR often drops a small raised note number altogether (``Russia.`` for ``Russia.¹``), and keeps the
glyph inside the box of the word it follows, or leaves it out of every box, just after that one.
Where the page image is at hand, the right end of each word's box, and else the first glyph after
it before the next word's, are looked at (:func:`unread_raised`): a blob of ink set apart from the
word's letters by a blank column, small, and standing wholly above the word's baseline by a good
share of the line's height, after a word whose text ends in a small letter or a stop, is an unread
raised glyph. The baseline is read from the word's own letters (the row where most of their
columns' ink ends), so a skewed page reads as well as a straight one. Only the words' boxes (and
the gaps after them) are cropped; a page without an image is not looked at.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.model.geometry import Box, PrintedLine, PrintedPage
from pipeline.text.markers import MARKER_STOPS

if TYPE_CHECKING:  # (numpy and Pillow are imported where a page image is looked at: a tenth of a second)
    import numpy as np
    from numpy.typing import NDArray

INK = 160  # a grey level below this is ink (a raised digit's thin strokes, blurred by a scan, are light)
# a raised glyph's lowest ink stands this share of the type size above the baseline, or more (the size
# is its line box's height, which Tesseract makes taller than the type: 27 px for DejaVu at 23 px,
# whose raised numbers stand 8 px above the baseline)
RAISED = 0.25
GLYPH_HEIGHT = (0.2, 0.7)  # a raised glyph's height, as a share of the type size
GLYPH_WIDTH = 0.9  # a raised glyph's width (one or two digits), as a share of the type size, at most
SET_APART_TYPE = (
    0.7  # a raised number set as a line of its own: its height, as a share of its line's, at most
)
SET_APART_GAP = 0.5  # and how far after its line's right end it stands, as a share of that line's height
SET_APART_RAISED = 0.15  # and how far above that line's baseline its foot stands, at least, as such a share
SHAPE_SLACK = 0.02  # how far the image's scale across may differ from its scale down (it is the page's)
MIN_INK = 0.01  # a raised glyph's ink, as a share of the type size squared, at least (no speck)
# OCR reads a stop and the raised number after it as one of these too (``Hitler?`` for ``Hitler.³``):
# after them a raised glyph is one only after a stop's dot (a question mark's own hook is raised)
MISREAD_STOPS = "?!"
DOT = 0.3  # a stop's dot: its ink within this share of the type size above the baseline, and as wide


def unread_raised(
    pixels: NDArray[np.uint8],
    text: str,
    words: Sequence[Box],
    size: float,
    reaches: Sequence[float] | None = None,
) -> tuple[int, ...]:
    """The offsets in a line's ``text`` after which the page image (grey ``pixels``) shows a raised
    glyph at the right end of a word's box (``words``: a box for each of its words, in pixels), or
    as the first glyph after it up to its ``reaches`` (where given: how far right each word's glyphs
    may stand), that the word's text does not end with; ``size``: the line's type size in pixels
    (its height, at most the page's usual line's: :func:`with_raised`)."""
    texts = text.split(" ")
    if size <= 0 or len(texts) != len(words):
        return ()
    found = []
    end = -1
    for at, (word, box) in enumerate(zip(texts, words, strict=True)):
        end += 1 + len(word)
        # a marker follows a stop or a small letter (not a capital, whose arm may stand apart); a
        # question mark after a stop is the marker read
        misread_stop = word[-1] in MISREAD_STOPS and word[-2:-1].isalpha()
        if not (word[-1].islower() or word[-1] in MARKER_STOPS or misread_stop):
            continue
        # (the ink up to the word's reach, cropped once; the box's own columns first)
        ink = _ink(pixels, box if reaches is None else box._replace(right=max(box.right, reaches[at])))
        own = int(box.right) - max(0, int(box.left)) + 1
        if _raised_at_end(ink[:, :own], size, after_dot=misread_stop) or (
            reaches is not None and _raised_at_end(_first_glyph_after(ink, own), size, after_dot=misread_stop)
        ):
            found.append(end)
    return tuple(found)


def _ink(pixels: NDArray[np.uint8], box: Box) -> NDArray[np.bool_]:
    """Which pixels of ``box`` are ink."""
    top, left = max(0, int(box.top)), max(0, int(box.left))
    return pixels[top : int(box.bottom) + 1, left : int(box.right) + 1] < INK


def _first_glyph_after(ink: NDArray[np.bool_], own: int) -> NDArray[np.bool_]:
    """A word's ``ink`` up to its reach (its box's ``own`` columns first): the box's and that of
    the first glyph after it ending before the reach (the next word's box, or the line's end); the
    box's own where none does."""
    import numpy as np

    columns: NDArray[np.bool_] = np.any(ink[:, own:], axis=0)
    inked = np.flatnonzero(columns)
    if not len(inked):
        return ink[:, :own]
    start = int(inked[0])
    blank = np.flatnonzero(~columns[start:])
    if not len(blank):  # (a glyph the reach cuts: the next word's)
        return ink[:, :own]
    return ink[:, : own + start + int(blank[0])]


def _raised_at_end(ink: NDArray[np.bool_], size: float, *, after_dot: bool = False) -> bool:
    """Whether a word's ``ink`` ends in a small glyph, set apart from its letters by a blank column,
    standing wholly above their baseline by :data:`RAISED` of the type ``size`` or more (and, where
    ``after_dot``, set after a stop's dot: :func:`_ends_in_dot`)."""
    import numpy as np

    columns: NDArray[np.bool_] = np.any(ink, axis=0)
    inked = np.flatnonzero(columns)
    if len(inked) < 2:
        return False
    last = int(inked[-1])
    gaps = np.flatnonzero(~columns[: last + 1])
    if not len(gaps) or gaps[-1] < inked[0]:
        return False
    first = int(gaps[-1]) + 1  # the glyph: the ink after the word's last blank column
    glyph, letters = ink[:, first : last + 1], ink[:, : int(gaps[-1])]
    rows = np.flatnonzero(glyph.any(axis=1))
    letter_columns = np.flatnonzero(letters.any(axis=0))
    if not len(letter_columns):
        return False
    bottoms = letters.shape[0] - 1 - np.argmax(letters[::-1, letter_columns], axis=0)
    baseline = int(np.argmax(np.bincount(bottoms)))  # the row where most of its columns' ink ends
    height = rows[-1] - rows[0] + 1
    return bool(
        (not after_dot or _ends_in_dot(letters, baseline, size))
        and baseline - rows[-1] >= RAISED * size
        and GLYPH_HEIGHT[0] * size <= height <= GLYPH_HEIGHT[1] * size
        and glyph.shape[1] <= GLYPH_WIDTH * size
        and glyph.sum() >= MIN_INK * size * size
    )


def _ends_in_dot(letters: NDArray[np.bool_], baseline: int, size: float) -> bool:
    """Whether the last glyph of ``letters`` (the ink after their last blank column) is a stop's dot:
    no higher above the ``baseline`` nor wider than :data:`DOT` of the type ``size``."""
    import numpy as np

    columns: NDArray[np.bool_] = np.any(letters, axis=0)
    end = int(np.flatnonzero(columns)[-1])
    blanks = np.flatnonzero(~columns[:end])
    start = int(blanks[-1]) + 1 if len(blanks) else 0
    top = int(np.flatnonzero(letters[:, start : end + 1].any(axis=1))[0])
    return baseline - top <= DOT * size and end - start + 1 <= DOT * size


def with_raised(page: PrintedPage) -> PrintedPage:
    """``page`` with the unread raised glyphs of its lines (:func:`unread_raised`) where its image
    is at hand, can be read and has the page's shape (its boxes scaled to the image's pixels where
    the file's units are others); else as it is."""
    if page.image is None or not Path(page.image).is_file():
        return page
    import numpy as np
    from PIL import Image

    try:
        with Image.open(page.image) as image:
            pixels = np.asarray(image.convert("L"))
    except (OSError, Image.DecompressionBombError):
        return page
    across = pixels.shape[1] / page.width if page.width else 1.0
    down = pixels.shape[0] / page.height if page.height else 1.0
    if abs(across - down) > SHAPE_SLACK * max(across, down):
        return page  # an image of another shape than the page: not the page's
    # a line's size is its height, but no more than the page's usual: a raised glyph standing above
    # the line's letters, the very thing looked for, makes its box the taller
    usual = float(np.median([line.box.height for line in page.lines])) if page.lines else 0.0
    lines = []
    for line in page.lines:
        boxes = [  # (a word's box cut to its line's: Tesseract gives some a box reaching the next line)
            Box(
                left * across,
                max(top, line.box.top) * down,
                right * across,
                min(bottom, line.box.bottom) * down,
            )
            for left, top, right, bottom in line.words
        ]
        reaches = [following.left * across for following in line.words[1:]] + [line.box.right * across]
        size = min(line.box.height, usual) * down
        lines.append(replace(line, raised=unread_raised(pixels, line.text, boxes, size, reaches)))
    return replace(page, lines=lines)


def with_set_apart_numbers(page: PrintedPage) -> PrintedPage:
    """``page`` with each raised number OCR set as a line of its own joined to the end of the line
    it stands beside (:func:`_stands_beside`), as OCR reads a raised number it keeps in its line
    (``footing.6``)."""
    joined: dict[int, int] = {}  # a line's index → that of the number set apart beside it
    for at, alone in enumerate(page.lines):
        if alone.text.isdigit() and len(alone.text) <= 3:
            beside = [index for index, line in enumerate(page.lines) if _stands_beside(alone.box, line)]
            if len(beside) == 1 and beside[0] != at and beside[0] not in joined:
                joined[beside[0]] = at
    lines = []
    for at, line in enumerate(page.lines):
        if at in joined:
            number = page.lines[joined[at]]
            boxes = (*line.words[:-1], _around(line.words[-1], number.box)) if line.words else ()
            line = replace(line, text=line.text + number.text, box=_around(line.box, number.box), words=boxes)
        if at not in joined.values():
            lines.append(line)
    return replace(page, lines=lines) if joined else page


def _stands_beside(number: Box, line: PrintedLine) -> bool:
    """Whether a ``number`` (its box) stands raised at the right end of ``line``: in smaller type,
    just after its end, its foot above the line's baseline (else its box's foot)."""
    height = line.box.height
    baseline = line.baseline if line.baseline is not None else line.box.bottom
    return (
        number.height <= SET_APART_TYPE * height
        and -SET_APART_GAP * height <= number.left - line.box.right <= SET_APART_GAP * height
        and number.top >= line.box.top - SET_APART_GAP * height
        and number.bottom <= baseline - SET_APART_RAISED * height
    )


def _around(one: Box, other: Box) -> Box:
    """The box around two boxes."""
    return Box(
        min(one.left, other.left),
        min(one.top, other.top),
        max(one.right, other.right),
        max(one.bottom, other.bottom),
    )
