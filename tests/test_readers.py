"""Readers: the paragraph-lines reader's blocks (blank-line-separated runs of lines, numbered by raw
line), the wrapped-lines reader's paragraphs, the registry of readers and how a text's reader is chosen."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pipeline.layout import Layout
from pipeline.model import Block
from pipeline.model.pages import Line
from pipeline.model.schema import problems
from pipeline.readers import DEFAULT_READER, READERS, detect_reader, read_blocks, read_input
from pipeline.readers.paragraph_lines import read_paragraph_lines, split_blocks
from pipeline.readers.wrapped_lines import (
    notes_before_heading,
    read_wrapped_lines,
    split_pages,
    split_wrapped_lines,
)
from pipeline.repair import repair
from pipeline.repair.page_breaks import is_inserted
from pipeline.repair.registry import repair_text

# raw lines 234-238: a paragraph cut by a page break, with a footnote body between the halves
EXCERPT = """The support and development of these relations are one of the

² *International Meeting of Communist and Workers' Parties, Moscow, 1969, Prague, 1969, p. 23.*

prime tasks of the foreign policy of the USSR."""

# Real OCR wrapped as printed (in ``tests/data/``): raw lines 400-460 of
# ``the-hun-s-peace-bludgeon-37674351.txt`` in the development set of real books (``shared/real/``,
# Trove object nla.obj-37674351: S. Herzog, *The Hun's Peace Bludgeon*, tr. M. L. Turrentine,
# Melbourne, 1919), as the library publishes it: no blank line between paragraphs, a heading over
# two lines, words hyphenated at line ends, two page breaks (two blank lines each).
WRAPPED_FIRST_LINE = 400
WRAPPED = (Path(__file__).parent / "data" / "hun-s-peace-bludgeon-400-460.txt").read_text(encoding="utf-8")


def test_blocks_keep_their_raw_lines() -> None:
    blocks = split_blocks(EXCERPT, first_line=234)
    assert [(block.first_line, block.last_line) for block in blocks] == [(234, 234), (236, 236), (238, 238)]
    assert blocks[1].text.startswith("² *International")


def test_lines_of_one_block_stay_together_and_blank_runs_separate() -> None:
    # raw lines 1620-1625: a chapter label and its title over four lines, a blank line, the period
    text = (
        "CHAPTER IV\nSOVIET FOREIGN POLICY\nIN THE PERIOD OF ARMED INTERVENTION\nAND THE CIVIL WAR\n"
        "\n(November 1918-March 1921)\n"
    )
    blocks = split_blocks(text, first_line=1620)
    assert [block.text.count("\n") for block in blocks] == [3, 0]
    assert [(block.first_line, block.last_line) for block in blocks] == [(1620, 1623), (1625, 1625)]


def test_a_book_is_read_by_the_reader_named() -> None:
    assert READERS[DEFAULT_READER] is read_paragraph_lines
    assert read_blocks(EXCERPT) == split_blocks(EXCERPT) == read_blocks(EXCERPT, "paragraph_lines")
    assert READERS["wrapped_lines"] is read_wrapped_lines
    assert read_blocks(WRAPPED, "wrapped_lines") == split_wrapped_lines(WRAPPED)


def test_the_first_book_is_read_as_paragraph_lines(raw_book: Path) -> None:
    detected = detect_reader(raw_book.read_text(encoding="utf-8"))
    assert detected.name == "paragraph_lines"
    assert "7% of 4465 non-blank lines go on" in detected.evidence


def test_wrapped_ocr_is_detected() -> None:
    detected = detect_reader(WRAPPED)
    assert detected.name == "wrapped_lines"
    assert "95% of 57 non-blank lines go on in the next line" in detected.evidence
    assert "at most 53 characters" in detected.evidence


def test_pages_split_at_blank_line_runs_and_form_feeds() -> None:
    pages = split_pages(WRAPPED, WRAPPED_FIRST_LINE)
    assert [page[0][0][0] for page in pages] == [400, 423, 455]
    assert len(split_pages("one\ntwo\fthree\nfour")) == 2


def test_wrapped_lines_become_paragraphs_and_headings() -> None:
    blocks = split_wrapped_lines(WRAPPED, WRAPPED_FIRST_LINE)
    assert [(block.first_line, block.last_line) for block in blocks] == [
        (400, 401),  # "… command is different." short and final: the paragraph ends
        (402, 403),  # a heading over two lines in capitals, a line each
        (404, 420),  # the page ends mid-sentence: repair joins the next page's first paragraph
        (423, 449),
        (450, 450),
        (451, 452),
        (455, 460),
    ]
    first, heading = blocks[0], blocks[1]
    assert first.text == "good even if the nature of the expedients within command is different."
    assert heading.text.startswith("INDUSTRIAL GENIUS, THE") and heading.text.endswith(" OF\nGERMANY")
    # a line end after a hyphen stays for the repair stage to decide; other line ends are spaces
    assert "within it-\nself unexpected" in blocks[3].text
    assert "German pile. After all," in blocks[3].text


def test_page_edge_lines_are_blocks_of_their_own() -> None:
    page = "12\nTHE HUN\u2019S PEACE BLUDGEON\n" + "a full line of running text that goes on\n" * 6 + "13"
    texts = [block.text for block in split_wrapped_lines(page)]
    assert texts[0] == "12" and texts[-1] == "13"
    assert texts[1] == "THE HUN\u2019S PEACE BLUDGEON"


def test_repair_reads_wrapped_text_and_decides_its_hyphens() -> None:
    repaired = repair(WRAPPED)
    decision = repaired.review[0]
    assert decision.rule == "layout_input" and decision.text == "input: wrapped lines"
    assert decision.reason.startswith("detected; measured: 95% of 57")
    texts = [block.text for block in repaired.blocks]
    assert not any("\n" in text for text in texts if not text.isupper())
    joined = next(text for text in texts if text.startswith("One of the strongest"))
    assert "toward undermining this mighty bulwark" in joined and "within itself unexpected" in joined
    # each change names its raw line (counted in the excerpt), across the page break too
    assert [(change.rule, change.line) for change in repaired.changes] == [
        ("rejoin_page_breaks", 21),
        ("dehyphenate", 40),
        ("dehyphenate", 44),
        ("rejoin_page_breaks", 53),
        ("dehyphenate", 56),
        ("dehyphenate", 57),
    ]


def test_wrapped_blocks_match_the_repaired_schema() -> None:
    blocks = repair(WRAPPED).blocks
    assert any("line_starts" in block.extra for block in blocks)
    assert problems("repaired", {"blocks": [block.to_dict() for block in blocks]}) == []


def test_the_layout_setting_overrides_detection() -> None:
    assert Layout.from_metadata({"layout": {"input": "wrapped-lines"}}).input_reader == "wrapped_lines"
    assert Layout.from_metadata({"layout": {"input": "paragraph-lines"}}).input_reader == "paragraph_lines"
    as_paragraph_lines = repair(WRAPPED, reader="paragraph_lines")
    decision = as_paragraph_lines.review[0]
    assert decision.rule == "layout_input" and decision.text == "input: paragraph lines"
    assert decision.reason.startswith("layout setting") and "detection says wrapped lines" in decision.reason
    assert len(as_paragraph_lines.blocks) < len(repair(WRAPPED).blocks)


def test_a_few_lines_are_too_few_to_measure() -> None:
    few = "\n".join(WRAPPED.split("\n")[:9])
    assert detect_reader(few) == ("paragraph_lines", "9 non-blank lines, too few to measure")


def test_a_text_read_as_detected_one_paragraph_a_line_logs_nothing() -> None:
    assert not [item for item in repair(EXCERPT).review if item.rule == "layout_input"]


def test_how_wrapped_text_was_read_is_measured() -> None:
    (_, _, _), read = repair_text(WRAPPED)
    assert (read.reader, read.detected, read.given) == ("wrapped_lines", "wrapped_lines", False)
    assert read.lines == 57 and read.pages == 3
    assert read.findings[0].startswith("3 pages, separated by runs of 2 or more blank lines (0 form feeds)")
    assert "0 footnotes" in read.findings[1]


def test_the_first_book_is_read_without_pages_until_their_numbers_are_found(raw_book: Path) -> None:
    blocks, read = read_input(raw_book.read_text(encoding="utf-8"))
    assert (read.reader, read.pages, read.lines) == ("paragraph_lines", None, 4465)
    assert read.findings == [
        f"{len(blocks)} blocks between blank lines, each a paragraph, heading, note or page-edge line; "
        "pages are found later from their printed numbers"
    ]
    given = read_input(WRAPPED, "paragraph_lines")[1]
    assert (given.reader, given.detected, given.given) == ("paragraph_lines", "wrapped_lines", True)


def test_a_word_broken_twice_is_joined_break_after_break() -> None:
    # the-hun-s-peace-bludgeon, raw lines 3256-3261: "duty- reduc-" / "tions", a break inside the
    # line and one at its end in the same word
    text = (
        "Besides the support and preferments explained\n"
        "the previous paragraph which are to he granted to\n"
        "industries having protective value, compensations\n"
        "should be devised in the interest of the entire export\n"
        "trade, in the form of export premiums, duty- reduc-\n"
        "tions and -exemptions."
    )
    repaired = repair(text, reader="wrapped_lines")
    assert [block.text for block in repaired.blocks if block.kind == "text"][-1].endswith(
        "export premiums, dutyreductions and -exemptions."
    )
    assert [change.line for change in repaired.changes if change.rule == "dehyphenate"] == [5, 5]


# Raw lines 856-895 of ``the-stones-of-bray-and-189352943.txt`` (Trove nla.obj-189352943: G. H.
# Kinahan, *The Stones of Bray*, Dublin, 1913): a plate's page (its title in capitals and a credit
# in parentheses) bound in between two pages of one paragraph.
PLATE = (Path(__file__).parent / "data" / "stones-of-bray-856-895.txt").read_text(encoding="utf-8")


def test_a_page_of_caption_lines_between_pages_of_text_is_a_plate() -> None:
    blocks = split_wrapped_lines(PLATE, first_line=856)
    plates = [block for block in blocks if "plate" in block.extra]
    assert [(block.text, block.first_line) for block in plates] == [
        ("POWERSCOURT WATERFALL (MICA-SCHIST)\n(From a photograph by B. Killick, Bray)", 881)
    ]
    assert problems("repaired", {"blocks": [block.to_dict() for block in blocks]}) == []


def test_a_paragraph_runs_on_across_a_plate_page_that_stays_its_own_block() -> None:
    texts = [block.text for block in repair(PLATE, typeset=False).blocks]
    assert any("a later great earth-pressure came from north and south" in text for text in texts)
    assert "POWERSCOURT WATERFALL (MICA-SCHIST)\n(From a photograph by B. Killick, Bray)" in texts


def real_excerpt(name: str) -> str:
    """Raw lines of a book of the development set (``shared/real/``), kept in ``tests/data/``."""
    return (Path(__file__).parent / "data" / name).read_text(encoding="utf-8")


def plate_texts(text: str, first_line: int) -> list[tuple[str, int]]:
    """The blocks the reader takes for plates' captions: their text and first raw line."""
    blocks = split_wrapped_lines(text, first_line)
    return [(block.text, block.first_line) for block in blocks if "plate" in block.extra]


# J. Atkinson, *An Account of the State of Agriculture & Grazing in New South Wales*, London, 1826
# (Trove nla.obj-497669828): plates bound in between the pages of a paragraph. Raw lines 5084-5112:
# the plate's number and the page it faces over its title; raw lines 3596-3628: two titles over the
# engraver's imprint (``Published June 1826. by J. Cross``).
def test_a_plate_is_known_by_its_label_or_its_imprint() -> None:
    assert plate_texts(real_excerpt("an-account-of-the-state-5084-5112.txt"), 5084) == [
        ("Plate 4.\nPage 138.\nPARTY BIVOUAC'D FOR THE NIGHT.", 5100)
    ]
    assert plate_texts(real_excerpt("an-account-of-the-state-3596-3628.txt"), 3596) == [
        (
            "GROUND PLAN & ELEVATION OF A HOUSE.\nGROUND PLAN OF A MILKING YARD.\n"
            "Zondon, Published June 1826. by J. Crcss.lBHolborn, opposite FumiraU Inn",
            3614,
        )
    ]


def test_a_page_of_caption_lines_after_a_page_ending_mid_sentence_is_a_plate() -> None:
    # raw lines 640-680 of The Stones of Bray: the page before ends in the middle of a footnote's
    # sentence, the plate's eight lines of captions in capitals have no credit, the next page opens
    # a paragraph
    found = plate_texts(real_excerpt("stones-of-bray-640-680.txt"), 640)
    assert [(text.count("\n") + 1, line) for text, line in found] == [(8, 660)]


def test_a_page_of_one_title_in_capitals_before_a_division_is_no_plate() -> None:
    # raw lines 7780-7815 of Caritas Anglicana (Trove nla.obj-502488898): ``APPENDICES`` alone on
    # its page between a page ending its sentence and the page of ``APPENDIX I.``
    assert plate_texts(real_excerpt("caritas-anglicana-7780-7815.txt"), 7780) == []


def with_caption(caption: str) -> str:
    """Raw lines 4945-4961 of the Handbook of Queensland Geology (``tests/data/``) with a caption
    set between blank lines after line 4947, in the middle of a sentence, as a book with figures
    in its text prints one (none of the development set's books does)."""
    lines = real_excerpt("handbook-of-queensland-geology-4940-5060.txt").split("\n")[5:22]
    return "\n".join([*lines[:3], "", caption, "", *lines[3:]])


def test_a_caption_standing_apart_on_a_page_follows_the_paragraph_it_stood_in() -> None:
    blocks = split_wrapped_lines(with_caption("FIG. 3.—SECTION ACROSS THE MOUNT PERRY LODE."), 4945)
    captions = [index for index, block in enumerate(blocks) if "caption" in block.extra]
    assert [blocks[index].text for index in captions] == ["FIG. 3.—SECTION ACROSS THE MOUNT PERRY LODE."]
    before = blocks[captions[0] - 1]
    assert "It first crosses a low ridge, then across a small gully" in before.text
    assert before.raw_line(before.text.index("low ridge")) == 4951  # (the caption and its blanks: 3 lines)
    assert "goes on at line 4951" in blocks[captions[0]].extra["caption"]
    assert problems("repaired", {"blocks": [block.to_dict() for block in blocks]}) == []


def test_a_title_standing_apart_without_a_number_or_credit_is_no_caption() -> None:
    blocks = split_wrapped_lines(with_caption("THE MOUNT PERRY LODE"), 4945)
    assert not [block for block in blocks if "caption" in block.extra]


# Raw lines 4510-4636 of ``handbook-of-queensland-geology-by-409636148.txt`` (Trove nla.obj-409636148:
# R. L. Jack, *Handbook of Queensland Geology*, Brisbane, 1886): a table of yields set in at the top
# of a page (4529-4557) that a paragraph runs across, its first rows ``Year 1872 (a few months
# only)`` / ``ounces.``; and an analysis quoted after a colon, closed by its total ``99*47 per cent.\u201d``.
TABLES_FIRST_LINE = 4510
TABLES = (Path(__file__).parent / "data" / "handbook-of-queensland-geology-4510-4636.txt").read_text(
    encoding="utf-8"
)


def test_a_table_keeps_its_lines_with_its_short_rows_that_end_sentences() -> None:
    blocks = split_wrapped_lines(TABLES, first_line=TABLES_FIRST_LINE)
    tables = [(block.first_line, block.last_line) for block in blocks if "lineated" in block.extra]
    # the yields from their heading row, and the analysis with its total
    assert tables == [(4529, 4557), (4625, 4632)]
    analysis = next(block for block in blocks if block.first_line == 4625)
    assert analysis.text.split("\n")[-1] == "99*47 per cent.\u201d"
    # the paragraph after the total starts on its own
    assert any(block.text.startswith("Several silver (argentiferous galena)") for block in blocks)
    assert problems("repaired", {"blocks": [block.to_dict() for block in blocks]}) == []


def test_a_paragraph_cut_mid_sentence_is_joined_over_a_table_set_in_at_the_next_page_top() -> None:
    repaired = repair(TABLES, typeset=False, reader="wrapped_lines")  # lines counted from 1
    texts = [block.text for block in repaired.blocks]
    joined = next(text for text in texts if "the western limb bear from N.N.W. to S.S.E." in text)
    table = texts.index(next(text for text in texts if text.startswith("Year 1872")))
    # the table follows the paragraph, and the page break moved into the paragraph
    assert texts.index(joined) + 1 == table
    paragraph = repaired.blocks[texts.index(joined)]
    assert [place["line"] + TABLES_FIRST_LINE - 1 for place in paragraph.extra["page_breaks"]] == [4558]
    assert not repaired.blocks[table].page_break_before
    change = next(change for change in repaired.changes if change.rule == "rejoin_page_breaks")
    assert "a table" in change.explanation
    # a table a paragraph announces (handbook, line 2028: ``is to be seen:\u2014``) is not set in it
    table = repaired.blocks[table]
    opening = replace(table, page_break_before=True)
    assert is_inserted(opening, Block("the western limb bear from", 4520, 4526), [])
    assert not is_inserted(opening, Block("associated strata is to be seen:\u2014", 2024, 2028), [])


# Raw lines 630-710 of the same book: a page of four plates' captions in capitals, no credit, the
# next page opening with a capital, between two pages of text; here the page before is made to end
# its sentence (its last words ``Why the War Hill was so`` dropped), so the text does not show
# running across the plate either.
CAPTIONS = (
    (Path(__file__).parent / "data" / "stones-of-bray-630-710.txt")
    .read_text(encoding="utf-8")
    .replace("(see p. 158). Why the War Hill was so", "(see p. 158).")
)


def test_a_book_with_plates_shown_by_their_credits_has_plates_without_one() -> None:
    alone = [
        block.first_line for block in split_wrapped_lines(CAPTIONS, first_line=630) if "plate" in block.extra
    ]
    assert alone == []  # on its own evidence, a page of titles may be a division's
    # with two plates shown by their credit (lines 856-895, twice), the book has plates
    book = CAPTIONS + "\n\n\n" + PLATE + "\n\n\n" + PLATE
    plates = [
        block.first_line for block in split_wrapped_lines(book, first_line=630) if "plate" in block.extra
    ]
    assert plates[0] == 660 and len(plates) == 3


def test_the_books_title_over_its_first_page_of_text_is_a_running_title() -> None:
    # the-stones-of-bray, lines 3 and 266-270: the title opens the book, and the page of chapter I
    title = "THE STONES OF BRAY"
    chapter = [title, "CHAPTER I", "THE CAMBRIANS", *WRAPPED.split("\n")[3:9]]
    pages = [title, "\n".join(WRAPPED.split("\n")[3:9]), "\n".join(chapter)]
    blocks = split_wrapped_lines("\n\n\n".join(pages))
    classed = [
        (block.text, block.extra["furniture"]["evidence"]) for block in blocks if "furniture" in block.extra
    ]
    assert classed == [(title, "the book's title, at the page top above a division's label")]
    # another title printed earlier stays above a label (an-account-of-the-state, line 5589)
    pages = [title, "CONTENTS.", "\n".join(["CONTENTS.", "CHAPTER 1.", *WRAPPED.split("\n")[3:9]])]
    assert not any("furniture" in block.extra for block in split_wrapped_lines("\n\n\n".join(pages)))


def test_a_division_label_below_the_page_notes_opens_a_heading_not_note_text() -> None:
    # notes-on-supply-in-war-38154843, raw lines 2559-2561 (the book's last page): the note of a
    # table above, then the label and title of the next appendix
    page = (
        "* To await orders at Buckingham for time of arrival at Towchester.\n"
        "APPENDIX II.\nMARCH TABLE FOR SEPTEMBER 24TH, 1913 \u2014SUPPLY."
    )
    zone = [Line(number, text) for number, text in enumerate(page.split("\n"), 2559)]
    notes, after = notes_before_heading(zone)
    assert [number for number, _ in notes] == [2559]
    assert [number for number, _ in after] == [2560, 2561]
    assert notes_before_heading(zone[:1]) == (zone[:1], [])


def test_a_long_title_in_capitals_under_a_division_label_is_its_heading() -> None:
    # notes-on-supply-in-war-38154843, raw lines 300-328: a title of eleven words (318-319) under
    # its label, before a paragraph (320-327) and its note
    text = real_excerpt("notes-on-supply-in-war-300-328.txt")
    heading = [block for block in split_wrapped_lines(text, 300) if block.text.startswith("CHAPTER III.")]
    assert [(block.first_line, block.last_line) for block in heading] == [(318, 319)]
    # a paragraph's first line set in capitals, going on after it, is no title
    opening = text.replace("OF THE L. OF C.", "OF THE LINES OF")
    heading = [block for block in split_wrapped_lines(opening, 300) if block.text.startswith("CHAPTER III.")]
    assert [(block.first_line, block.last_line) for block in heading] == [(318, 318)]
