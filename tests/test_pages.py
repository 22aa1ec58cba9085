"""Page breaks: detected from the repair stage's evidence, numbered between contents anchors."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from pipeline.model import Block, NoteRef, PageBreak, Part
from pipeline.render.document import page_marker
from pipeline.render.epub import add_page_list, page_targets
from pipeline.structure import build_structure
from pipeline.structure.pages import (
    Anchor,
    FoundBreak,
    _infer_run,
    add_chapter_breaks,
    detect_breaks,
    infer_numbers,
    number_breaks,
    text_starts,
)
from pipeline.tei import TEI_NS


def _blocks() -> list[Block]:
    # shaped like raw lines 234-252: a paragraph joined across a break with its note between the
    # halves, then a block after that note group (the same break), then a new page's note group
    return [
        Block("Heading", 200, 200),
        Block(
            "The support and development of these relations are one of the prime tasks.",
            234,
            238,
            extra={"page_breaks": [{"line": 238, "offset": 62, "in_word": False}]},
        ),
        Block("² *International Meeting*, p. 23.", 236, 236, kind="note"),
        Block("As long as the USSR was the only socialist country.", 240, 240, page_break_before=True),
        Block("A major role in increasing the effi-ciency.", 246, 246),
        Block("³ *The Road to Communism*, p. 5.", 248, 248, kind="note"),
        Block("The socialist states also favour close coordination.", 252, 252, page_break_before=True),
        Block("Next heading", 260, 260),
    ]


def test_break_after_notes_inside_a_joined_paragraph_is_counted_once() -> None:
    breaks = detect_breaks(_blocks())
    assert [(item.block, item.offset, item.evidence) for item in breaks] == [
        (1, 62, "cut"),
        (6, None, "notes"),
    ]


def test_a_block_opening_a_page_of_its_own_after_a_joined_paragraph_keeps_its_break() -> None:
    # the-stones-of-bray, lines 3008-3170: a paragraph joined across two pages, its first page's
    # note after it, then two blank lines and the next page; lines 640-680: a plate's page between
    # a paragraph's halves (its first half's notes before it)
    joined = Block("It must have been hard for Donald. The next event was the arrival.", 3008, 3167)
    joined.extra["page_breaks"] = [{"line": 3135, "offset": 34, "in_word": False}]
    note = Block("\u00b9 For the full story of this battle, see p. 242.", 3131, 3132, kind="note")
    after = Block("as the King\u2019s own demesne.", 3170, 3180, page_break_before=True)
    breaks = detect_breaks([joined, note, after])
    assert [(item.block, item.evidence) for item in breaks] == [(0, "cut"), (2, "notes")]
    plate = Block("TILTED CAMBRIAN SLATES AT\nBRAY HEAD", 660, 667, page_break_before=True)
    plate.extra["plate"] = "a page of caption lines between two pages of text"
    halves = Block("But I know you want me to tell you more. No, I said nothing.", 640, 680)
    halves.extra["page_breaks"] = [{"line": 670, "offset": 40, "in_word": False}]
    breaks = detect_breaks([halves, Block("\u00b9 According to Joyce.", 652, 657, kind="note"), plate])
    assert [(item.block, item.evidence) for item in breaks] == [(0, "cut"), (2, "notes")]


def test_breaks_are_numbered_only_when_the_count_matches_the_contents() -> None:
    blocks = _blocks()
    matching = detect_breaks(blocks)
    table = number_breaks(
        matching, [Anchor(200, 9, 0, "Intro"), Anchor(260, 11, 7, "Next")], text_starts(blocks)
    )
    assert [item.n for item in matching] == ["10", "11"]
    assert table[0].expected == table[0].found == 2 and table[0].numbered
    short = detect_breaks(blocks)
    table = number_breaks(
        short, [Anchor(200, 9, 0, "Intro"), Anchor(260, 12, 7, "Next")], text_starts(blocks)
    )
    assert [item.n for item in short] == [None, None]
    assert (table[0].expected, table[0].found, table[0].numbered) == (3, 2, False)


def test_a_chapter_on_a_later_page_starts_a_new_page() -> None:
    anchors = [Anchor(200, 9, 0, "Intro", True), Anchor(260, 12, 7, "Chapter I", True)]
    breaks = add_chapter_breaks(detect_breaks(_blocks()), anchors)
    assert [(item.block, item.evidence) for item in breaks][-1] == (7, "chapter")
    number_breaks(breaks, anchors, text_starts(_blocks()))
    assert [item.n for item in breaks] == ["10", "11", "12"]


def _pages_with_a_missed_break() -> list[Block]:
    """Chapter I on p. 9 and Chapter II on p. 14 (each opening a page), pages of 900 characters
    between them; the break before p. 12 left no trace (its page ended with a paragraph)."""
    page = "word " * 180
    blocks = [Block("CHAPTER I", 100, 100)]
    for number, line in enumerate(range(102, 112, 2), start=9):
        blocks.append(Block(page.strip(), line, line, page_break_before=number not in (9, 12)))
    return [*blocks, Block("CHAPTER II", 120, 120, page_break_before=True)]


def test_breaks_a_missed_break_left_unnumbered_are_numbered_by_their_place_in_the_text() -> None:
    blocks = _pages_with_a_missed_break()
    anchors = [Anchor(100, 9, 0, "Chapter I", True), Anchor(120, 14, 6, "Chapter II", True)]
    breaks = detect_breaks(blocks)
    table = number_breaks(breaks, anchors, text_starts(blocks))
    assert [(item.n, item.cert) for item in breaks] == [
        ("10", "medium"),
        ("11", "medium"),
        ("13", "medium"),
        ("14", None),  # the chapter's heading opens its page: the contents proves it
    ]
    assert "between p. 9 and p. 14" in breaks[2].why
    assert (table[0].expected, table[0].found, table[0].numbered, table[0].inferred) == (5, 4, True, 3)


def test_breaks_whose_place_falls_between_two_pages_stay_unnumbered() -> None:
    blocks = _pages_with_a_missed_break()
    blocks[5].text += " " + blocks[5].text  # p. 13 twice as long: its start falls between two pages
    anchors = [Anchor(100, 9, 0, "Chapter I", True), Anchor(120, 14, 6, "Chapter II", True)]
    breaks = detect_breaks(blocks)
    number_breaks(breaks, anchors, text_starts(blocks))
    assert breaks[2].n is None and "between two pages" in breaks[2].why


def test_structure_places_page_breaks_at_their_offset() -> None:
    blocks = [
        Block("CONTENTS", 1, 1),
        Block("| Introduction | 9 |\n| CHAPTER I. The First Acts | 11 |", 3, 4),
        Block("INTRODUCTION", 10, 10),
        Block(
            "The support and development of these relations are one of the prime tasks of the "
            "foreign policy of the USSR and of all the other states of the socialist community.",
            12,
            16,
            extra={"page_breaks": [{"line": 16, "offset": 62, "in_word": False}]},
        ),
        Block("CHAPTER I", 20, 20),
        Block("THE FIRST ACTS", 22, 22),
        Block(
            "The first acts of the new government were many and they came quickly, one after another.", 24, 24
        ),
    ]
    structured = build_structure(blocks)
    parts = structured.tree.divisions[0].content[0].parts
    assert parts[0] == "The support and development of these relations are one of the "
    assert parts[1] == PageBreak("10", 16, "cut")
    assert structured.page_breaks.numbered == 2  # and the chapter starts page 11


def test_epub_page_list_lists_the_numbered_breaks_in_reading_order() -> None:
    page = (
        b'<p>the Soviet <span id="page-31" class="pagebreak" epub:type="pagebreak" role="doc-pagebreak"'
        b' aria-label="31"></span>state called</p><span class="pagebreak unnumbered"></span>'
    )
    files = {"EPUB/text/ch002.xhtml": page, "EPUB/text/ch001.xhtml": page.replace(b"31", b"9")}
    targets = page_targets(files)
    assert targets == [("text/ch001.xhtml#page-9", "9"), ("text/ch002.xhtml#page-31", "31")]
    nav = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" '
        b'xmlns:epub="http://www.idpf.org/2007/ops"><head><title>x</title></head><body></body></html>'
    )
    listed = etree.fromstring(add_page_list(nav, targets).split(b"\n", 2)[2])
    links = listed.findall(".//{http://www.w3.org/1999/xhtml}nav/{*}ol/{*}li/{*}a")
    assert [(a.get("href"), a.text) for a in links] == [(href, label) for href, label in targets]
    assert add_page_list(nav, []) == nav


def test_an_inferred_page_number_is_marked_as_inferred_in_the_editions() -> None:
    inferred = page_marker(etree.fromstring(f'<pb xmlns="{TEI_NS}" n="50" cert="medium" resp="#p"/>'), {})
    proven = page_marker(etree.fromstring(f'<pb xmlns="{TEI_NS}" n="52"/>'), {})
    (identifier, classes, pairs), _ = inferred["c"]
    assert (identifier, classes, dict(pairs)["aria-label"]) == ("page-50", ["pagebreak", "inferred"], "50")
    assert proven["c"][0][1] == ["pagebreak"]


def _printed_blocks() -> list[Block]:
    # the same shape with the printed page numbers the furniture pass records (a running head
    # `10 HISTORY OF SOVIET DIPLOMACY` removed inside the paragraph, a bare `11` before line 252)
    blocks = _blocks()
    blocks[1].extra["page_breaks"][0]["page"] = 10
    blocks[6].extra["page"] = 11
    return blocks


def test_printed_page_numbers_number_the_breaks_even_inside_a_paragraph() -> None:
    breaks = detect_breaks(_printed_blocks())
    # no contents at all: the printed numbers alone
    table = number_breaks(breaks, [], text_starts(_printed_blocks()))
    assert [(item.offset, item.n) for item in breaks] == [(62, "10"), (None, "11")]
    assert table == []


def test_printed_page_numbers_number_the_unprinted_breaks_between_them() -> None:
    blocks = _printed_blocks()
    blocks[1].extra["page_breaks"][0].pop("page")  # a page without a printed number
    breaks = detect_breaks(blocks)
    table = number_breaks(
        breaks, [Anchor(200, 9, 0, "Intro"), Anchor(260, 12, 7, "Next")], text_starts(blocks)
    )
    assert [item.n for item in breaks] == ["10", "11"]
    assert table[0].printed == 1 and table[0].disagreement is None


def test_a_contents_page_the_printed_numbers_contradict_is_reported_and_not_used() -> None:
    blocks = _printed_blocks()
    blocks.insert(7, Block("The last paragraph of the page, before the next page begins.", 256, 256))
    blocks[7].page_break_before = True  # an unprinted break (after a running head without number)
    blocks[8].first_line = 262
    breaks = detect_breaks(blocks)
    # the contents says page 10 for the heading, but page 11 begins before line 252 already
    table = number_breaks(
        breaks, [Anchor(200, 9, 0, "Intro"), Anchor(262, 10, 8, "Next")], text_starts(blocks)
    )
    assert [item.n for item in breaks] == ["10", "11", None]
    assert table[0].disagreement == (
        "contents page 10, but the page starting at line 252 is printed as page 11"
    )
    assert not table[0].numbered


def test_a_printed_number_makes_the_page_table_numbered_with_the_first_book_unchanged() -> None:
    breaks = detect_breaks(_blocks())  # no printed numbers: only the contents count
    table = number_breaks(
        breaks, [Anchor(200, 9, 0, "Intro"), Anchor(260, 11, 7, "Next")], text_starts(_blocks())
    )
    assert table[0].printed == 0 and table[0].numbered
    assert all(item.printed is None for item in breaks)


def _page_break_places(parts: list[Part]) -> list[Part]:
    """The parts with every page break shown as ``"|"``."""
    return ["|" if isinstance(part, PageBreak) else part for part in parts]


def test_page_breaks_inside_list_items_and_chronology_entries_stay_at_their_place() -> None:
    dashed = "- first item of the list\n- second item of the list"
    chronology = (
        "7 November—Second Congress of Soviets adopts the Decree on\npeace, and forms the government."
    )
    run_together = "8 November—Soviet government proposes an armistice. 9 November—Soviet delegation arrives."
    blocks = [
        Block("CONTENTS", 1, 1),
        Block("| Introduction | 9 |\n| Chronology | 11 |", 3, 4),
        Block("INTRODUCTION", 10, 10),
        Block(dashed, 12, 13, extra={"page_breaks": [{"line": 12, "offset": 8}, {"line": 13, "offset": 25}]}),
        Block("CHRONOLOGY", 20, 20),
        Block("1917", 22, 22),
        Block(chronology, 24, 25, extra={"page_breaks": [{"line": 25, "offset": chronology.index("peace")}]}),
        Block(
            run_together,
            27,
            27,
            extra={"page_breaks": [{"line": 27, "offset": run_together.index("arrives")}]},
        ),
    ]
    introduction, chronology_division = build_structure(blocks).tree.divisions
    items = introduction.content[0].items
    assert [_page_break_places(item.parts) for item in items] == [
        ["first ", "|", "item of the list"],
        ["|", "second item of the list"],
    ]
    entries = chronology_division.content[1].items
    assert [_page_break_places(entry.parts[1:]) for entry in entries] == [
        ["—Second Congress of Soviets adopts the Decree on ", "|", "peace, and forms the government."],
        ["—Soviet government proposes an armistice."],
        ["—Soviet delegation ", "|", "arrives."],
    ]


def test_a_symbol_marker_takes_the_note_of_its_own_page() -> None:
    # shaped like raw lines 2242-2333 of Handbook of Queensland Geology (nla.obj-409636148): a
    # table's numbered note mid-page (read as a page's foot), a paragraph cut by a page break
    # holding a ``*`` on each page
    first = "In a subsequent work, however,"
    blocks = [
        Block("CONTENTS", 1, 1),
        Block("| Introduction | 9 |", 3, 3),
        Block("INTRODUCTION", 10, 10),
        Block(
            "The list given from the Bowen River* (Daintree Collection).", 2242, 2243, page_break_before=True
        ),
        Block("Productus Clarkei. \u00b9", 2246, 2246),
        Block("\u00b9 In Mr. Daintree\u2019s list.", 2247, 2247, kind="note"),
        Block("Spirifera striata, Martin.", 2248, 2248, page_break_before=True),
        Block(
            f"{first} he says that the specimens are so.* Then more.",
            2276,
            2288,
            extra={"page_breaks": [{"line": 2288, "offset": len(first) + 1, "in_word": False}]},
        ),
        Block("* Q. J. G. S. 28, p.p. 333 et seq.", 2278, 2278, kind="note"),
        Block("* \u201c Fossil Flora.\u201d", 2329, 2329, kind="note"),
        Block("Near the junction of the Little River.", 2333, 2333, page_break_before=True),
    ]
    structured = build_structure(blocks)
    division = structured.tree.divisions[0]
    linked = {
        part.note: paragraph.first_line
        for paragraph in division.content
        for part in getattr(paragraph, "parts", [])
        if isinstance(part, NoteRef)
    }
    by_line = {note.first_line: note.id for note in division.notes}
    assert linked[by_line[2278]] == 2242 and linked[by_line[2329]] == 2276


@given(
    st.lists(st.tuples(st.integers(0, 40), st.none() | st.integers(0, 30), st.booleans()), max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(1, 60)), max_size=6),
)
def test_the_breaks_left_are_numbered_as_a_look_at_every_break_between_two_starts_numbers_them(
    found: list[tuple[int, int | None, bool]], chapters: list[tuple[int, int]]
) -> None:
    """The breaks left unnumbered between two known page starts are those, in book order, that a
    look at every break left for each pair of starts finds (as the count was made before it was
    made quicker for books of thousands of pages)."""
    starts = [40 * block for block in range(42)]

    def breaks() -> list[FoundBreak]:
        return [
            FoundBreak(block, offset, line, "cut", str(block + 1) if numbered else None)
            for line, (block, offset, numbered) in enumerate(found)
        ]

    anchors = [Anchor(0, page, block, f"Chapter {page}") for block, page in chapters]
    counted = breaks()
    infer_numbers(counted, anchors, starts)
    looked = breaks()
    known = sorted(
        [(starts[b.block] + (b.offset or 0), int(b.n)) for b in looked if b.n]
        + [(starts[anchor.block], anchor.page) for anchor in anchors]
    )
    left = [b for b in looked if not b.n]
    for b in left:
        b.why = "no known page start on both sides of it to count from"
    for (start, first), (end, last) in pairwise(known):
        inside = [b for b in left if start < starts[b.block] + (b.offset or 0) < end]
        if inside and last > first and end > start:
            _infer_run(inside, (start, first), (end, last), starts)
    assert counted == looked
