"""Page furniture: running heads and page numbers recognised, removed, logged, kept as page evidence."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pipeline.layout import LayoutFurniture
from pipeline.model import Block
from pipeline.normalise import normalise_text
from pipeline.readers.paragraph_lines import split_blocks
from pipeline.readers.wrapped_lines import split_wrapped_lines
from pipeline.repair import RepairContext, Repaired, repair
from pipeline.repair.furniture import Furniture, find_furniture, remove_page_furniture
from pipeline.repair.vocabulary import BookVocabulary
from pipeline.text.headings import without_misread_folio

# Prose of the first book (raw lines 444-446, 452), used as running text of made-up pages.
PROSE = [
    "The Great October Socialist Revolution took place during the First World War, when Russia together "
    "with Britain, France, the USA and other countries was fighting against Germany and its allies.",
    "On coming to power the Bolsheviks launched an active campaign to put into practice their appeals to "
    "end the imperialist war. And in this the Party was ardently supported by millions of working people.",
    "The war between the two blocs of imperialist powers prevented them from creating a united front "
    "against Soviet Russia. As a result the Soviet government was able to consolidate the world's first "
    "socialist state.",
]


def pages(furniture: list[tuple[str, str]]) -> str:
    """Pages of prose, each with its ``(top, foot)`` furniture blocks (empty: none)."""
    blocks: list[str] = []
    for top, foot in furniture:
        blocks += [block for block in (top, *PROSE, foot) if block]
    return "\n\n".join(blocks) + "\n"


def removed(blocks: list[Block]) -> tuple[Repaired, Furniture]:
    """The furniture repair over ``blocks`` (no layout settings), and what it found."""
    return remove_page_furniture(blocks, RepairContext(BookVocabulary())), find_furniture(blocks)


HEADS_WITH_NUMBERS = [
    ("", ""),
    ("2 HISTORY OF SOVIET DIPLOMACY", ""),
    ("THE SOVIET STATE AND THE SCANDINAVIAN 3", ""),
    ("4 HISTORY OF SOVIET DIPLOMACY", ""),
    ("THE SOVIET STATE AND THE SCANDINAVIAN 5", ""),
]


def test_running_heads_with_page_numbers_are_removed_and_logged() -> None:
    (blocks, changes, review), found = removed(split_blocks(pages(HEADS_WITH_NUMBERS)))
    assert not any("DIPLOMACY" in block.text or "SCANDINAVIAN" in block.text for block in blocks)
    assert [change.before for change in changes] == [top for top, _ in HEADS_WITH_NUMBERS[1:]]
    assert all(change.rule == "remove_page_furniture" and change.after == "" for change in changes)
    assert found.position == "top" and sorted(found.page_numbers.values()) == [2, 3, 4, 5]
    assert review[0].rule == "layout_page_furniture" and "page numbers: top" in review[0].text
    # the block after each head opens the page the head numbers
    opening = [block for block in blocks if block.page_break_before]
    assert [block.extra["page"] for block in opening] == [2, 3, 4, 5]


def test_bare_page_numbers_at_the_foot_give_the_next_page() -> None:
    furniture = [("", f"— {number} —") for number in range(1, 6)]
    (blocks, changes, _), found = removed(split_blocks(pages(furniture)))
    assert len(changes) == 5 and found.position == "foot"
    assert [block.extra["page"] for block in blocks if block.page_break_before] == [2, 3, 4, 5]


def test_page_number_between_the_halves_of_a_paragraph() -> None:
    # raw lines 472-478: a paragraph cut inside a word, here with a running head over the next page
    cut = ["This definition of annexation contains a number of basic proposi-", "", "tions of the new."]
    furniture = [(f"{number} HISTORY OF SOVIET DIPLOMACY", "") for number in (1, 2, 3, 4)]
    head = "2 HISTORY OF SOVIET DIPLOMACY"
    text = pages(furniture).replace(head, f"{cut[0]}\n\n{head}\n\n{cut[2]}", 1)
    repaired, changes, _ = repair(text)
    joined = next(block for block in repaired if "proposi" in block.text)
    assert joined.text.endswith("basic propositions of the new.")
    assert joined.extra["page_breaks"][0]["in_word"] and joined.extra["page_breaks"][0]["page"] == 2
    assert not any("DIPLOMACY" in block.text for block in repaired)
    assert sum(change.rule == "remove_page_furniture" for change in changes) == 4


def test_chronology_years_are_not_page_numbers(raw_book: Path) -> None:
    # raw lines 8085-8300: the chronology's year headings 1917, 1918, … rise one by one
    lines = raw_book.read_text(encoding="utf-8").split("\n")
    blocks = split_blocks("\n".join(lines[8084:8300]))
    assert sum(block.text.strip().isdigit() for block in blocks) >= 3
    assert not find_furniture(blocks).page_numbers


def test_the_first_book_has_no_furniture(raw_book: Path) -> None:
    """Its title pages repeat the title (raw lines 1, 34): a title page, not a running head."""
    found = find_furniture(split_blocks(raw_book.read_text(encoding="utf-8")))
    assert not found.page_numbers and not found.heads


def test_given_running_heads_are_removed_but_a_heading_that_repeats_them_is_kept() -> None:
    text = "\n\n".join(["CHAPTER I", "THE SOVIET STATE", *PROSE, "THE SOVIET STATE", *PROSE]) + "\n"
    blocks = split_blocks(text)
    assert not find_furniture(blocks).heads  # printed twice only, and no page edge: left alone
    found = find_furniture(blocks, LayoutFurniture(running_heads=["The Soviet State"]))
    assert [blocks[i].first_line for i in found.heads] == [blocks[5].first_line]


def test_no_page_numbers_setting() -> None:
    blocks = split_blocks(pages([("", str(number)) for number in range(1, 6)]))
    assert find_furniture(blocks).page_numbers
    assert not find_furniture(blocks, LayoutFurniture(page_numbers="none")).page_numbers


def test_a_running_head_whose_number_is_out_of_the_sequence_is_removed_too() -> None:
    # a head whose number OCR misread (``19`` for ``6``)
    furniture = [
        *HEADS_WITH_NUMBERS,
        ("8 HISTORY OF SOVIET DIPLOMACY", ""),
        ("THE SOVIET STATE AND THE SCANDINAVIAN 7", ""),
    ]
    (_, changes, _), found = removed(split_blocks(pages(furniture)))
    assert [change.before for change in changes] == [top for top, _ in furniture[1:]]
    assert 19 not in found.page_numbers.values()


def test_pages_another_ocr_source_separates_by_form_feeds_are_read_as_pages() -> None:
    # the furniture variants of the real books (pages separated by a form feed, a head at each top)
    text = "\n\f".join(f"{top}\n\n" + "\n\n".join(PROSE) for top, _ in HEADS_WITH_NUMBERS[1:]) + "\n"
    blocks = split_blocks(text)
    assert [block.text for block in blocks if block.page_break_before] == [
        top for top, _ in HEADS_WITH_NUMBERS[2:]
    ]
    (_, changes, _), _ = removed(blocks)
    assert [change.before for change in changes] == [top for top, _ in HEADS_WITH_NUMBERS[1:]]


def test_a_chapter_label_beside_a_page_number_stays_a_heading() -> None:
    # a chapter opening at a page top under the running head (as in the furniture variants of the
    # real books), its label printed before in the contents
    furniture = [*HEADS_WITH_NUMBERS]
    text = "CHAPTER VIII.\n\n" + pages(furniture).replace(
        "4 HISTORY OF SOVIET DIPLOMACY", "4 HISTORY OF SOVIET DIPLOMACY\n\nCHAPTER VIII.", 1
    )
    (blocks, changes, _), _ = removed(split_blocks(text))
    assert "CHAPTER VIII." not in [change.before for change in changes]
    assert [block.text for block in blocks].count("CHAPTER VIII.") == 2


def _form_fed(tops: list[str]) -> list[Block]:
    """Pages of prose separated by form feeds, each opening with its ``top`` line (empty: none)."""
    return split_blocks("\n\f".join("\n\n".join([*([top] if top else []), *PROSE]) for top in tops) + "\n")


def test_two_heads_of_one_text_numbered_as_their_pages_are_a_page_sequence() -> None:
    # the tops of a generated octavo as Tesseract read them (seed 1004): most page numbers misread
    tops = [
        "CHAPTER I",
        "Pa FUTURE AUSTRIA FREE",
        "",
        "CHAPTER II",
        "",
        "CHAPTER III",
        "",
        "8 FUTURE AUSTRIA FREE",
    ]
    tops += ["CHAPTER IV", "10 FUTURE AUSTRIA FREE"]
    (_, changes, _), found = removed(_form_fed(tops))
    assert sorted(found.page_numbers.values()) == [8, 10]
    # (``Pa``: the page number misread into letters, at the end of the sequence's running head)
    assert [change.before for change in changes] == [
        tops[1],
        "8 FUTURE AUSTRIA FREE",
        "10 FUTURE AUSTRIA FREE",
    ]
    # numbered otherwise than their pages: no sequence
    tops[-1] = "12 FUTURE AUSTRIA FREE"
    assert not removed(_form_fed(tops))[1].page_numbers


def test_a_running_title_a_reader_classed_still_gives_its_page_number() -> None:
    # the tops of the octavo the scanned-books test reads (seed 41): the reader classed three of
    # its running heads as running titles (printed earlier, at a page top above a sentence going on)
    tops = [
        "CHAPTER I",
        "2 ALSO AGREED RENDER AFGHANISTAN",
        "TRUMAN PREFERRED NOT ADVERTISE HIS INTENTIONS 3",
    ]
    tops += ["CHAPTER II", "ACT WAS UNDERSTOOD EVEN 5", "CHAPTER III", "BETWEEN BRITAIN AND FRANCE THE ONE 7"]
    tops += ["8 ALSO AGREED RENDER AFGHANISTAN", "CHAPTER IV", "10 ALSO AGREED RENDER AFGHANISTAN"]
    classed = {"kind": "running title", "evidence": "a title printed earlier"}
    blocks = [
        replace(block, extra={"furniture": classed}) if block.text in {tops[4], tops[7], tops[9]} else block
        for block in _form_fed(tops)
    ]
    (kept, changes, _), found = removed(blocks)
    assert sorted(found.page_numbers.values()) == [2, 3, 5, 7, 8, 10]
    assert len(changes) == 6
    assert [block.extra.get("page") for block in kept if block.page_break_before][-1] == 10


def test_a_head_printed_at_page_tops_one_between_a_paragraphs_halves_is_a_running_head_each_time() -> None:
    # Tesseract's plain text of the crown octavo of seed 797 (``tests/data``, as test_page_foot says):
    # the book's title heads three pages, the first over a sentence the page break cut (``demanded
    # the withdrawal of`` / its note ``1. Way Out, …`` / the title / ``German troops from Finland``),
    # the others under notes numbered ``5.``, ``3.``; the book has no title page to print it first
    text = (Path(__file__).parent / "data" / "tesseract-crown-797.txt").read_text(encoding="utf-8")
    (kept, changes, _), _ = removed(split_wrapped_lines(normalise_text(text)[0]))
    title = "ITALY PREPARE UNHINDERED FOR ATTACKS"
    assert [change.before for change in changes].count(title) == 3
    assert title not in [block.text for block in kept]


def _pages_of(parts: list[list[str]]) -> list[Block]:
    """Pages separated by form feeds, each of its blocks ``parts``."""
    return split_blocks("\n\f".join("\n\n".join(page) for page in parts) + "\n")


CUT = "The Soviet government demanded the withdrawal of"  # a page's last line, its sentence cut


def test_a_heading_printed_again_at_page_tops_without_a_paragraph_cut_under_it_stays() -> None:
    # as *Essays and Addresses on the Australian Commonwealth Bill* prints ``THE FEDERATION FORUM.``
    # over each of three letters to a newspaper, each opening a page after a sentence ended
    head = "THE FEDERATION FORUM."
    blocks = _pages_of([PROSE, [head, *PROSE], [head, *PROSE]])
    assert not find_furniture(blocks).heads
    # after a sentence cut off, but printed again inside a page: a heading there too (the book's
    # ``RESPONSIBLE GOVERNMENT.`` over a page of text read out of its columns' order)
    head = "RESPONSIBLE GOVERNMENT."
    blocks = _pages_of([[*PROSE, CUT], [head, *PROSE, head, PROSE[0]]])
    assert not find_furniture(blocks).heads


def test_a_head_over_a_paragraph_cut_under_a_note_not_yet_read_as_one_is_a_running_head() -> None:
    # the crown octavo of seed 832 as Tesseract read it: its note ``1. Great Neighbour, …`` stands
    # between the halves of a paragraph the page break cut (``The liberation movement hit out`` /
    # ``effectively at colonialism``), its marker read as a quotation mark: the reader took it for text,
    # and the book's title heading the next page stood after no paragraph cut off
    head = "REVIVING THE NATIONAL"
    note = "1. Great Neighbour, Not Been Seen Anyone, Vol. 25, p. 459."
    blocks = _pages_of([[*PROSE, CUT, note], [head, "German troops from Finland.", *PROSE], [head, *PROSE]])
    assert sorted(find_furniture(blocks).heads) == [i for i, block in enumerate(blocks) if block.text == head]
    # without the cut, the head printed twice at page tops is a heading (as above)
    blocks = _pages_of([[*PROSE, note], [head, *PROSE], [head, *PROSE]])
    assert not find_furniture(blocks).heads


def test_bare_numbers_ending_pages_numbered_as_their_pages_stand_are_page_numbers() -> None:
    # the feet of a crown octavo as Tesseract read them (seed 797): the numbers of its first seven
    # pages lost, then ``10``, ``1`` (for 11: a digit lost), ``12``, ``33`` (for 13), each its page's
    # last line
    feet = {7: "10", 8: "1", 9: "12", 10: "33"}
    blocks = _pages_of([[*PROSE, *([feet[page]] if page in feet else [])] for page in range(11)])
    (kept, changes, _), found = removed(blocks)
    assert sorted(found.page_numbers.values()) == [10, 11, 12] and found.position == "foot"
    assert [change.before for change in changes] == ["10", "1", "12", "33"]
    assert "(page 11, read '1')" in changes[1].explanation and "OCR misread" in changes[3].explanation
    assert [block.extra.get("page") for block in kept if block.page_break_before][6:] == [None, 11, 12, 13]
    # the last feet of a crown octavo of nine pages (seed 800): ``10`` and ``1`` for 11 alone
    feet = {7: "10", 8: "1"}
    blocks = _pages_of([[*PROSE, *([feet[page]] if page in feet else [])] for page in range(9)])
    assert [change.before for change in removed(blocks)[0].changes] == ["10", "1"]
    # two numbers only, not as far apart as their pages: no sequence, and nothing removed
    feet = {7: "10", 9: "15"}
    blocks = _pages_of([[*PROSE, *([feet[page]] if page in feet else [])] for page in range(11)])
    assert not removed(blocks)[0].changes


def test_a_page_number_whose_ones_ocr_read_as_letters_ends_its_page_in_the_sequence() -> None:
    # the last feet of crown octavos as Tesseract read them (seeds 1008, 1007): their pages 3 to 9
    # unnumbered as read, then ``10`` and ``il`` or ``ll`` for 11, each its page's last line
    for eleven in ("il", "ll", "l1"):
        feet = {7: "10", 8: eleven}
        blocks = _pages_of([[*PROSE, *([feet[page]] if page in feet else [])] for page in range(9)])
        (_, changes, _), found = removed(blocks)
        assert sorted(found.page_numbers.values()) == [10, 11], eleven
        assert [change.before for change in changes] == ["10", eleven]
    # a roman numeral alone is no such misreading (a part's ``II`` heading the last page)
    feet = {7: "10", 8: "II"}
    blocks = _pages_of([[*PROSE, *([feet[page]] if page in feet else [])] for page in range(9)])
    assert not removed(blocks)[0].changes


def test_a_running_head_whose_page_number_ocr_misread_into_letters_goes_with_its_sequence() -> None:
    # the tops of a generated octavo as Tesseract read them (seed 799): ``v4`` for the verso's 2
    tops = [
        "CHAPTER I",
        "v4 COMPLETED ITS PREPARATIONS FOR WAR",
        "CHAPTER II",
        "4 COMPLETED ITS PREPARATIONS FOR WAR",
    ]
    tops += [
        "CHAPTER III",
        "6 COMPLETED ITS PREPARATIONS FOR WAR",
        "CHAPTER IV",
        "8 COMPLETED ITS PREPARATIONS FOR WAR",
    ]
    (_, changes, review), found = removed(_form_fed(tops))
    assert sorted(found.page_numbers.values()) == [4, 6, 8]
    assert [change.before for change in changes] == tops[1::2]
    assert review[0].text.endswith("running heads: COMPLETED ITS PREPARATIONS FOR WAR")  # one head
    # one whose text less the letters is none of the book's running heads stays
    tops[1] = "v4 THE ORIGINS OF WAR AND"
    assert "v4 THE ORIGINS OF WAR AND" not in [
        change.before for change in removed(_form_fed(tops))[0].changes
    ]


def test_a_page_number_misread_at_one_end_of_a_running_head_is_told_apart() -> None:
    assert (
        without_misread_folio("v4 COMPLETED ITS PREPARATIONS FOR WAR") == "COMPLETED ITS PREPARATIONS FOR WAR"
    )
    assert without_misread_folio("FULLY SUPPORTED CHURCHILL z") == "FULLY SUPPORTED CHURCHILL"
    # a number read as printed, a word in capitals, a line too short or not in capitals: none
    for text in ("12 THE SOVIET STATE", "THE SOVIET STATE AND", "CHAPTER Iv", "The Soviet state z"):
        assert without_misread_folio(text) is None


def test_the_books_title_heading_pages_over_its_chapters_goes_at_its_first_printing_too() -> None:
    # as the crown octavo of seed 812 prints its title at verso tops: the first printing over a page
    # that opens with a new paragraph, a later one over a paragraph the page break cut
    head = "STILL HELPING THE CHINESE PEOPLE"
    chapters = [["CHAPTER I", "A SLANDEROUS ACCUSATION", *PROSE], [head, *PROSE]]
    chapters += [
        ["CHAPTER II", "THE SOVIET PROPOSALS", *PROSE, CUT],
        [head, "German troops from Finland.", *PROSE],
    ]
    (kept, changes, _), _ = removed(_pages_of(chapters))
    assert [change.before for change in changes] == [head, head]
    # printed first on a title page (after a half-title), before any running text: kept there
    (kept, changes, _), _ = removed(_pages_of([["A HISTORY"], [head, "BY A. ROTHSTEIN"], *chapters]))
    assert [change.before for change in changes] == [head, head] and kept[1].text == head
