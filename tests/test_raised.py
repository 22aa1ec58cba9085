"""Raised glyphs OCR did not read, found in the page image (pipeline/extract/raised.py): lines set
as the generated scanned books set them (tests/scanbook.py: their type, their raised note numbers,
their scan's skew, blur and speckle), each word's box as OCR gives it (its ink, the raised glyph
after it included)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from scanbook import INK, LAYOUTS, degrade, font

from pipeline.extract.raised import unread_raised, with_raised, with_set_apart_numbers
from pipeline.model.geometry import Box, PrintedLine, PrintedPage

LAYOUT = LAYOUTS[0]
BODY = font(LAYOUT.family, 0, LAYOUT.body)
RAISED = font(LAYOUT.family, 0, round(LAYOUT.body * 0.62))  # as scanbook sets a note's number
RISE = round(LAYOUT.body * 0.38)
BASELINE = 2 * LAYOUT.body


def typeset(
    words: list[tuple[str, str]],
    seed: int,
    body: ImageFont.FreeTypeFont = BODY,
    raised_type: ImageFont.FreeTypeFont = RAISED,
    rise: int = RISE,
) -> tuple[np.ndarray, list[Box]]:
    """A scanned line of ``words`` (each its text and the raised number after it, if any), in the
    ``body`` type, a number ``raised_type`` set ``rise`` above the baseline (the first layout's by
    default): its grey pixels and each word's box (its ink on the scan, the raised number's included)."""
    image = Image.new("L", (50 * LAYOUT.body, 3 * LAYOUT.body), 255)
    draw = ImageDraw.Draw(image)
    x, spans = 10.0, []
    for text, raised in words:
        start = x
        draw.text((x, BASELINE), text, font=body, fill=INK, anchor="ls")
        x += body.getlength(text)
        if raised:
            draw.text((x, BASELINE - rise), raised, font=raised_type, fill=INK, anchor="ls")
            x += raised_type.getlength(raised)
        spans.append((start, x))
        x += body.getlength(" ")
    pixels = np.asarray(degrade(image, seed))
    boxes = []
    for start, end in spans:
        ink = pixels[:, int(start) - 1 : int(end) + 2] < 128
        rows, inked = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
        boxes.append(Box(int(start) - 1 + inked[0], rows[0], int(start) - 1 + inked[-1], rows[-1]))
    return pixels, boxes


def found(words: list[tuple[str, str]], read: list[str], seed: int) -> list[str]:
    """The words of the line OCR ``read`` after which an unread raised glyph is found."""
    pixels, boxes = typeset(words, seed)
    text = " ".join(read)
    return [text[:offset].rsplit(" ", 1)[-1] for offset in unread_raised(pixels, text, boxes, LAYOUT.body)]


LINE = [
    ("terms", ""),
    ("for", ""),
    ("Russia.", "1"),
    ("Soviet", ""),
    ("staff", ""),
    ("of", ""),
    ("the", ""),
    ("chief", ""),
    ("SUPPORTED", ""),
    ("DEPUTY", ""),
    ("agreement,", "12"),
    ("Yugoslavia", ""),
    ("war.", ""),
    ("peoples.", "7"),
]


@pytest.mark.parametrize("seed", range(6))
def test_a_raised_number_ocr_dropped_is_found_after_its_word(seed: int) -> None:
    read = [text for text, _ in LINE]
    assert found(LINE, read, seed) == ["Russia.", "agreement,", "peoples."]


@pytest.mark.parametrize("seed", range(3))
def test_a_raised_number_ocr_read_as_a_mark_is_not_found_again(seed: int) -> None:
    read = [text + ("*" if raised else "") for text, raised in LINE]
    assert found(LINE, read, seed) == []


@pytest.mark.parametrize("seed", range(3))
def test_a_raised_number_after_a_stop_ocr_read_as_a_question_mark_is_found(seed: int) -> None:
    # (a generated octavo as Tesseract read it: ``Hitler?`` for ``Hitler.³``)
    line = [("collusion", ""), ("with", ""), ("Hitler.", "3"), ("The", ""), ("same", "")]
    assert found(line, ["collusion", "with", "Hitler?", "The", "same"], seed) == ["Hitler?"]


@pytest.mark.parametrize("seed", range(6))
def test_a_raised_number_is_found_against_a_line_box_taller_than_its_type(seed: int) -> None:
    # (a generated quarto as Tesseract's hOCR read it, seed 833: DejaVu at 23 px, the line's box 27 px
    # high; the ``11`` after ``assistance.``, OCR dropped, stood 8 px above the baseline)
    quarto = LAYOUTS[1]
    body, raised = font(quarto.family, 0, quarto.body), font(quarto.family, 0, round(quarto.body * 0.62))
    line = [("other", ""), ("assistance.", "11"), ("Only", ""), ("peace.", "4"), ("the", "")]
    pixels, boxes = typeset(line, seed, body, raised, round(quarto.body * 0.38))
    text = " ".join(text for text, _ in line)
    for box_height in (27, 30):
        offsets = unread_raised(pixels, text, boxes, box_height)
        assert [text[:offset].rsplit(" ", 1)[-1] for offset in offsets] == ["assistance.", "peace."]


@pytest.mark.parametrize("seed", range(6))
def test_a_raised_number_ocr_left_out_of_its_words_box_is_found_before_the_next_word(seed: int) -> None:
    # (a generated quarto as Tesseract's hOCR read it, seed 826: ``have.`` its box ending at the stop,
    # the ``14`` after it in no word's box)
    pixels, boxes = typeset(LINE, seed)
    own = [  # each word's box without the raised number after it
        box._replace(right=box.left + BODY.getlength(text) - 1) if raised else box
        for (text, raised), box in zip(LINE, boxes, strict=True)
    ]
    reaches = [following.left for following in own[1:]] + [own[-1].right + LAYOUT.body]
    read = [text for text, _ in LINE]
    text = " ".join(read)
    assert unread_raised(pixels, text, own, LAYOUT.body) == ()
    offsets = unread_raised(pixels, text, own, LAYOUT.body, reaches)
    assert [text[:offset].rsplit(" ", 1)[-1] for offset in offsets] == ["Russia.", "agreement,", "peoples."]
    # nor is any glyph found after a word where none is printed
    plain = [(word, "") for word, _ in LINE]
    pixels, boxes = typeset(plain, seed)
    reaches = [following.left for following in boxes[1:]] + [boxes[-1].right + LAYOUT.body]
    assert unread_raised(pixels, text, boxes, LAYOUT.body, reaches) == ()


def test_a_line_without_raised_numbers_has_none() -> None:
    plain = [(text, "") for text, _ in LINE]
    assert all(found(plain, [text for text, _ in plain], seed) == [] for seed in range(6))


def test_words_and_boxes_that_do_not_pair_are_not_looked_at() -> None:
    pixels, boxes = typeset(LINE, 0)
    assert unread_raised(pixels, "terms for Russia.", boxes, LAYOUT.body) == ()


def test_a_page_is_looked_at_in_its_image_scaled_to_the_files_units(tmp_path: Path) -> None:
    pixels, boxes = typeset(LINE, 1)
    Image.fromarray(pixels).save(tmp_path / "page.png")
    text = " ".join(text for text, _ in LINE)
    height, width = pixels.shape
    halved = [Box(*(value / 2 for value in box)) for box in boxes]
    around = Box(
        halved[0].left, min(box.top for box in halved), halved[-1].right, max(box.bottom for box in halved)
    )
    line = PrintedLine(0, text, around, None, words=tuple(halved))
    page = PrintedPage("page.hocr", str(tmp_path / "page.png"), width / 2, height / 2, [line])
    (marked,) = with_raised(page).lines
    assert [text[:offset].rsplit(" ", 1)[-1] for offset in marked.raised] == [
        "Russia.",
        "agreement,",
        "peoples.",
    ]
    assert PrintedLine.from_json(marked.to_json()).raised == marked.raised
    assert with_raised(PrintedPage("page.hocr", None, width, height, [line])).lines == [line]
    other_shape = PrintedPage("page.hocr", str(tmp_path / "page.png"), width / 2, height, [line])
    assert with_raised(other_shape).lines == [line]


def test_a_line_whose_box_its_raised_numbers_make_the_taller_is_looked_at_in_its_pages_usual_size(
    tmp_path: Path,
) -> None:
    # (a generated crown octavo as Tesseract read it: a line's box reached from its raised number's
    # top to the next line's ascenders, 35 px where the page's lines are 25 px, and the number after
    # ``war.``, measured against that height, was not raised enough; here the box is taller still)
    pixels, boxes = typeset(LINE, 2)
    Image.fromarray(pixels).save(tmp_path / "page.png")
    text = " ".join(text for text, _ in LINE)
    top, bottom = min(box.top for box in boxes), max(box.bottom for box in boxes)
    around = Box(boxes[0].left, top, boxes[-1].right, bottom)
    taller = Box(around.left, around.top - 0.6 * around.height, around.right, around.bottom)
    lines = [PrintedLine(0, text, around, None, words=tuple(boxes)) for _ in range(3)]
    lines.append(PrintedLine(0, text, taller, None, words=tuple(boxes)))
    page = PrintedPage("page.hocr", str(tmp_path / "page.png"), pixels.shape[1], pixels.shape[0], lines)
    assert unread_raised(pixels, text, boxes, taller.height) == ()
    assert [len(line.raised) for line in with_raised(page).lines] == [3, 3, 3, 3]


# a page of the octavo book of seed 503 as Tesseract read it: the raised number after ``footing.``
# set as a line of its own, after the page's text; its page number at its foot
FOOTING = PrintedLine(
    0,
    "But, of course, only on a mutually advantageous basis and an equal footing.",
    Box(173, 1115, 1060, 1143),
    26,
    1134,
    words=(Box(173, 1117, 240, 1143), Box(975, 1117, 1060, 1143)),
)
NEXT = PrintedLine(0, "They sought to change the composition", Box(129, 1151, 1068, 1179), 26, 1171)
RAISED_SIX = PrintedLine(0, "6", Box(1062, 1114, 1070, 1126), 16, 1126)
PAGE_NUMBER = PrintedLine(0, "9", Box(590, 1640, 604, 1660), 20, 1660)


def test_a_raised_number_set_as_a_line_of_its_own_is_joined_to_the_line_it_stands_beside() -> None:
    page = PrintedPage("page-009.hocr", None, 1200, 1800, [FOOTING, NEXT, RAISED_SIX, PAGE_NUMBER])
    lines = with_set_apart_numbers(page).lines
    assert [line.text for line in lines] == [FOOTING.text + "6", NEXT.text, "9"]
    assert lines[0].box == Box(173, 1114, 1070, 1143) and lines[0].words[-1] == Box(975, 1114, 1070, 1143)


def test_a_number_alone_on_its_line_not_raised_beside_another_stays() -> None:
    level = PrintedLine(0, "6", Box(1062, 1117, 1078, 1143), 26, 1134)  # the type's size, on the line
    far = PrintedLine(0, "6", Box(1100, 1114, 1108, 1126), 16, 1126)  # well past the line's end
    for alone in (level, far):
        page = PrintedPage("page.hocr", None, 1200, 1800, [FOOTING, alone])
        assert with_set_apart_numbers(page).lines == [FOOTING, alone]
