"""Headings found as lines in OCR wrapped as printed (small excerpts of ``shared/real``): a label
over a title (a span of years, capitals with ``&c.``, OCR-damaged labels), appendices, subheads
inside chapters, and a contents printed as lines, cross-checked with the headings."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.model import Block
from pipeline.model.blocks import SET_APART
from pipeline.readers.wrapped_lines import split_wrapped_lines
from pipeline.structure import Structured, build_structure
from pipeline.structure.contents import label_key, label_number

# running text to follow a heading (history-of-the-colony-of-44253818, lines 430-434)
TEXT = """\
It is difficult to forecast the future of a colony which, possessing an area
of 669,520 square miles, and a coast line of 2,250, presents so great a
variety of climate, that in portions of its southern districts, it admits of
the successful growth of almost all the European vegetable products, and
in its central and northern territory, affords us facilities for semi-tropical
and tropical cultivation of all kinds.
"""


def built(*pages: str) -> Structured:
    """The structure of pages of wrapped lines (two blank lines between pages)."""
    return build_structure(split_wrapped_lines("\n\n\n".join(pages)))


def headings(structured: Structured) -> list[tuple[str | None, str, str | None]]:
    return [(d.label, d.title, d.subtitle) for d in structured.tree.divisions]


def test_a_span_of_years_under_a_label_is_the_title_and_the_synopsis_stays_text() -> None:
    """history-of-the-colony-of-44253818, lines 422-430: a date line as title, then a synopsis."""
    page = (
        "CHAPTER I.\n1770—1824.\nConnection of past with present History—Original Cause of Settlement"
        " — Cook's Voyage to\nEastern Australia.\n" + TEXT
    )
    structured = built(page, "CHAPTER IV.\n1843—1846\n" + TEXT)
    assert headings(structured) == [("CHAPTER I", "1770—1824.", None), ("CHAPTER IV", "1843—1846", None)]
    first = structured.tree.divisions[0].content[0]
    assert first.parts[0].startswith("Connection of past")


def test_a_title_in_title_case_broken_after_a_grammatical_word_goes_on_in_the_next_line() -> None:
    """A heading block as structured OCR gives it (label and title lines centred, read as one)."""
    blocks = [
        Block("Chapter 1\nThe Opening Years", 1, 2),
        Block(TEXT.replace("\n", " "), 3, 8),
        Block("Chapter 2\nRussia Defeated Its Enemies and\nObtained Peace", 10, 12, page_break_before=True),
        Block(TEXT.replace("\n", " "), 13, 18),
        # (a generated quarto as Tesseract read it, seed 821: the next line opens with one too)
        Block("Chapter 3\nSituation Changed Radically with\nthe Victory", 20, 22, page_break_before=True),
        Block(TEXT.replace("\n", " "), 23, 28),
    ]
    assert headings(build_structure(blocks)) == [
        ("Chapter 1", "The Opening Years", None),
        ("Chapter 2", "Russia Defeated Its Enemies and Obtained Peace", None),
        ("Chapter 3", "Situation Changed Radically with the Victory", None),
    ]


def test_a_title_line_opening_with_a_grammatical_word_goes_on_with_the_title_above() -> None:
    """A generated book's chapter (structured OCR): its title broken before ``and``; a paragraph
    opening in lower case under a title is no part of it."""
    blocks = [
        Block("Chapter 1\nThe Opening Years", 1, 2),
        Block(TEXT.replace("\n", " "), 3, 8),
        Block(
            "Chapter 3\nChanging International Situation\nand Takes Careful", 10, 12, page_break_before=True
        ),
        Block(TEXT.replace("\n", " "), 13, 18),
        Block("Chapter 4\nOver Opposition\nand the war went on for years", 20, 22, page_break_before=True),
        Block(TEXT.replace("\n", " "), 23, 28),
    ]
    assert headings(build_structure(blocks))[1:] == [
        ("Chapter 3", "Changing International Situation and Takes Careful", None),
        ("Chapter 4", "Over Opposition", None),
    ]


def test_a_line_set_apart_as_a_heading_needs_no_share_of_capitals_to_be_a_section() -> None:
    """A generated book's section (seed 510): 3 of its 7 words capitalised, fewer than a title in
    the text alone needs; where structured OCR's geometry set it apart (centred), it is a section."""
    title = "Relations with the Ussr and for Repressive"

    def sections(extra: dict[str, str], line: str = title) -> list[str]:
        blocks = [
            Block("Chapter 1\nThe Opening Years", 1, 2),
            Block(TEXT.replace("\n", " "), 3, 8),
            Block(line, 9, 9, extra=extra),
            Block(TEXT.replace("\n", " "), 10, 15),
        ]
        return [section.title for section in build_structure(blocks).tree.divisions[0].sections]

    assert sections({SET_APART: "centred in the measure"}) == [title]
    assert sections({}) == []  # in the text alone, a line of a paragraph
    # set apart, but a word in lower case no grammatical word: no title
    assert sections({SET_APART: "centred in the measure"}, "Relations with the Ussr grew Worse") == []
    # a title wrapped over two lines set apart is one title (seed 552: ``… for Mutual Assistance`` /
    # ``Pact``); two lines in the text alone are a paragraph's
    wrapped = "Simultaneously Conducting Negotiations for Mutual Assistance\nPact"
    joined = "Simultaneously Conducting Negotiations for Mutual Assistance Pact"
    assert sections({SET_APART: "centred in the measure"}, wrapped) == [joined]
    assert sections({}, wrapped) == []
    # a word whose capital I OCR read as a bracket (seed 953: ``Iran``) is a capitalised word
    damaged = "Agents Northern [ran Tried Organise Boycott Soviet"
    assert sections({SET_APART: "centred in the measure"}, damaged) == [damaged]
    assert sections({SET_APART: "centred in the measure"}, damaged.replace("[ran", "ran")) == []


def test_ocr_damaged_labels_and_a_title_in_capitals_with_its_subtitle() -> None:
    """handbook-of-queensland-geology-by-409636148, lines 218-220 and 4342-4343."""
    structured = built(
        "CHAPTER I.\nSLATES, SCHISTS, GNEISSES, &c.\n(age undetermined.)\n" + TEXT,
        "CHAPTEE XII.\nSERPENTINE.\n" + TEXT,
    )
    assert headings(structured) == [
        ("CHAPTER I", "Slates, Schists, Gneisses, &c.", "(age undetermined.)"),
        ("CHAPTEE XII", "Serpentine.", None),
    ]


def test_appendices_labelled_lettered_and_subheads_inside_chapters() -> None:
    """on-the-modification-of-organisms-52761362 (lines 4848-4849, 4908), the-stones-of-bray
    (line 6322): an appendix label over a title, an appendix lettered under ``APPENDIX``, the next
    letter a division of its own; a line in capitals inside a chapter is a section."""
    structured = built(
        "CHAPTER VII.\nTHE MODIFYING AGENCY.\n" + TEXT + "THE CELL WALL\n" + TEXT,
        "APPENDIX.\nA.-MIMICRY.\n" + TEXT,
        "B.—THE CELL.\n" + TEXT,
        "APPENDIX I\nTHE DEANERY OF BRAY\n" + TEXT,
    )
    assert headings(structured) == [
        ("CHAPTER VII", "The Modifying Agency.", None),
        ("APPENDIX", "A.-Mimicry.", None),
        (None, "B.—The Cell.", None),
        ("APPENDIX I", "The Deanery of Bray", None),
    ]
    assert [section.title for section in structured.tree.divisions[0].sections] == ["The Cell Wall"]


def test_a_contents_printed_as_lines_holds_no_headings_and_is_cross_checked() -> None:
    """memoir-of-the-rev-irving-52806507, lines 72-80: labels and titles without page numbers; the
    text's chapters print the labels again."""
    contents = (
        "CONTENTS.\nCHAPTER I.\nEARLY LIFE.\nBirth and Family,—An Annandale man, —Training.\n"
        "CHAPTER 11.\nCANDIDATE FOR MINISTERIAL WORK.\nMiss Carr, —License, —Eskdalemuir."
    )
    structured = built(
        contents, "CHAPTER I.\nEARLY LIFE.\n" + TEXT, "CHAPTER II.\nCANDIDATE FOR MINISTERIAL WORK.\n" + TEXT
    )
    assert [(d.first_line, d.label) for d in structured.tree.divisions] == [
        (10, "CHAPTER I"),
        (21, "CHAPTER II"),
    ]
    convention = next(item for item in structured.conventions if item.rule == "layout_contents")
    assert convention.text == "contents printed as lines: 2 labels, 2 found as headings"
    assert not [item for item in structured.review if item.rule == "contents_entry_not_found"]


def test_label_numbers_are_compared_by_value() -> None:
    assert [label_number(n) for n in ("IV", "4", "Four", "YI", "VT", "11", "111", "A")] == [
        4,
        4,
        4,
        6,
        6,
        2,
        3,
        "A",
    ]
    assert label_key("CHAPTEE XII") == label_key("Chapter 12") == "chap 12"
    # ``HI`` for ``III`` (a generated octavo as Tesseract read it, seed 920), ``XH`` for ``XII``; ``H``
    # alone is an appendix's letter
    assert label_key("CHAPTER HI") == label_key("Chapter 3") and label_key("CHAPTER XH") == "chap 12"
    assert label_number("H") == "H"


def test_running_heads_left_at_page_edges_and_signature_marks_are_no_headings() -> None:
    """south-australian-land-exploration-1856-55177167 (lines 296-297, 389-390): a running title
    at the edge of three pages or more is not a section; the-stones-of-bray (line 843): nor is a
    printer's signature mark (``B``)."""
    pages = ["CHAPTER I.\nTHE GATEWAY OF THE INTERIOR\n" + TEXT + "B"]
    pages += [TEXT + f"{number}\nSOUTH AUSTRALIAN" for number in (4, 6, 8)]
    structured = built(*pages, "LAND EXPLORATION\n" + TEXT)
    assert headings(structured) == [("CHAPTER I", "The Gateway of the Interior", None)]
    assert [section.title for section in structured.tree.divisions[0].sections] == ["Land Exploration"]


def test_a_contents_printed_at_the_back_holds_no_headings() -> None:
    """an-account-of-the-state-497669828 prints its contents after the text (line 5586)."""
    contents = "CONTENTS.\nCHAPTER I.\nGeneral description of the Land.\nCHAPTER II.\nNatural Productions."
    structured = built("CHAPTER I.\nEARLY LIFE.\n" + TEXT, "CHAPTER II.\nLATER LIFE.\n" + TEXT, contents)
    assert [d.label for d in structured.tree.divisions] == ["CHAPTER I", "CHAPTER II"]


def test_a_paper_with_its_author_after_the_chapters_is_a_division_that_keeps_its_byline() -> None:
    """notes-on-supply-in-war-38154843, lines 1536-1541: a paper reprinted after the chapters, its
    title in capitals over three lines and its author line: a division, not a section (a section
    has no place for the author line, whose words would be lost)."""
    paper = (
        "THE SERVICES OF MAINTENANCE IN THE\nFIELD: SOME OBJECT LESSONS FROM THE\nARMY EXERCISE, 1913.\n"
        "By COLONEL E. E. CARTER, C.M.G., M.V.O.\n" + TEXT
    )
    structured = built("CHAPTER VI.\nGENERAL RULES.\n" + TEXT, paper)
    last = structured.tree.divisions[-1]
    assert last.title.startswith("The Services of Maintenance in the Field")
    assert last.byline == "By COLONEL E. E. CARTER, C.M.G., M.V.O."
    assert structured.tree.divisions[0].sections == []


def test_the_pages_before_the_first_division_that_hold_no_running_text_are_front_matter() -> None:
    # the-stones-of-bray-and-189352943, raw lines 1-60: the title page, a page in capitals (the
    # dedication, ``HVNC LIBELLVM PIETATE SVMMA / DEDICAT AVCTOR``), then the PREFACE and its text
    text = (Path(__file__).parent / "data" / "stones-of-bray-1-60.txt").read_text(encoding="utf-8")
    structured = build_structure(split_wrapped_lines(text))
    titles = [division.title for division in structured.tree.divisions]
    assert not [title for title in titles if "Libellvm" in (title or "") or "Dedicat" in (title or "")]
    assert any("PREFACE" in (division.title or "").upper() for division in structured.tree.divisions)
    assert "DEDICAT AVCTOR" in json.dumps(structured.tree.to_json())  # kept as text, not lost
