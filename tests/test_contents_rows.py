"""A contents printed as lines in OCR wrapped as printed (small excerpts of ``shared/real``): its
entries read line by line (labels, titles over two lines, leaders, page numbers, column heads), and
cross-checked with the headings found by their form."""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from test_headings_by_form import TEXT  # running text to follow a heading

from pipeline.encode import encode_tei
from pipeline.metadata import load_metadata
from pipeline.model import Block
from pipeline.readers.wrapped_lines import split_wrapped_lines
from pipeline.repair.headings import close_spaced_ellipses
from pipeline.repair.registry import RepairContext
from pipeline.repair.vocabulary import BookVocabulary
from pipeline.structure import Structured, build_structure
from pipeline.structure.contents_rows import opening_label, printed_lines, read_contents_rows

NS = {"t": "http://www.tei-c.org/ns/1.0"}
METADATA = Path(__file__).parent / "data" / "real" / "the-stones-of-bray-and-189352943.yaml"

# the-stones-of-bray-and-189352943, lines 102-133: two contents pages, then the list of illustrations
STONES = [
    """\
CONTENTS
CHAP. PAGE
I. The Cambrians ...... 1
II. The Great Intrusion . . . . .12
III. The Rocks that Travelled .... 20
IV. The Cromleac Builders .... 26
APPENDICES
I. The Deanery of Bray . . . . .177
II. St. Paul\u2019s Church ...... 201
III. Sir Walter De Ridelesford\u2019s Estates in
Crioch Cualann ..... 208""",
    """\
APPEN. PAGE
IV. The Name of Bkay . . . . .218
Index ........ 239""",
    """\
ILLUSTRATIONS
Bray in the end of the Eighteenth Century . Frontispiece
To face p.
Bray Head ........ 1
Powerscourt Waterfall ...... 18
Cromleacs : —(a) Kilternan ...... 28""",
]


def built(*pages: str) -> Structured:
    """The structure of pages of wrapped lines (two blank lines between pages)."""
    return build_structure(split_wrapped_lines("\n\n\n".join(pages)))


def entries(structured: Structured) -> list[tuple[str | None, str, int | str | None, int]]:
    return [(entry.label, entry.title, entry.page, entry.level) for entry in structured.tree.contents]


def test_rows_with_dot_leaders_become_entries_and_confirm_the_chapters() -> None:
    """Leaders of full stops, spaced or glued to the number (``. . . . .12``); a title over two
    lines; column heads dropped and logged; a group's head; the illustrations after it are no entries."""
    chapters = [
        "CHAPTER I\nTHE CAMBRIANS\n" + TEXT,
        "CHAPTER II\nTHE GREAT INTRUSION\n" + TEXT,
        "CHAPTER IV\nTHE CROMLEAC BUILDERS\n" + TEXT,
    ]
    structured = built(*STONES, *chapters)
    assert entries(structured) == [
        ("I", "The Cambrians", 1, 1),
        ("II", "The Great Intrusion", 12, 1),
        ("III", "The Rocks that Travelled", 20, 1),
        ("IV", "The Cromleac Builders", 26, 1),
        (None, "APPENDICES", None, 1),
        ("I", "The Deanery of Bray", 177, 1),
        ("II", "St. Paul\u2019s Church", 201, 1),
        ("III", "Sir Walter De Ridelesford\u2019s Estates in Crioch Cualann", 208, 1),
        ("IV", "The Name of Bkay", 218, 1),
        (None, "Index", 239, 1),
    ]
    assert structured.tree.contents_head is not None and structured.tree.contents_head.first_line == 1
    dropped = [(c.rule, c.line, c.before) for c in structured.changes if c.rule == "contents_column_head"]
    assert dropped == [("contents_column_head", 2, "CHAP. PAGE"), ("contents_column_head", 14, "APPEN. PAGE")]
    titles = [division.title for division in structured.tree.divisions]
    assert "Contents" not in titles and "Appendices" not in titles
    assert titles[-3:] == ["The Cambrians", "The Great Intrusion", "The Cromleac Builders"]
    targets = {entry.title: entry.target for entry in structured.tree.contents}
    assert targets["The Cambrians"] and targets["The Cromleac Builders"]
    missing = [item.line for item in structured.review if item.rule == "contents_entry_not_found"]
    assert 5 in missing  # III. The Rocks that Travelled: no heading in the text
    convention = next(item for item in structured.conventions if item.rule == "layout_contents")
    assert convention.text == "contents printed as lines: 10 entries, 3 confirmed by headings"


def test_the_entry_opening_a_page_of_the_contents_keeps_the_page_break(tei_all: etree.RelaxNG) -> None:
    """The second printed page of the contents begins at ``IV. The Name of Bkay``: its entry is
    marked, and the TEI's contents list holds the page break there, valid under tei_all."""
    structured = built(*STONES, "CHAPTER I\nTHE CAMBRIANS\n" + TEXT)
    opening = [entry.title for entry in structured.tree.contents if entry.page_break]
    assert opening == ["The Name of Bkay"]
    tei = encode_tei(structured.tree, load_metadata(METADATA))
    items = tei.findall(".//t:div[@type='contents']//t:item", NS)
    assert [
        "".join(item.itertext()).startswith("IV. The Name")
        for item in items
        if item.find("t:pb", NS) is not None
    ] == [True]
    assert tei_all.validate(etree.ElementTree(tei)), tei_all.error_log


def test_dash_leaders_misread_numbers_and_a_number_in_a_title() -> None:
    """caritas-anglicana-or-an-historical-502488898, lines 370-384: dash leaders; OCR's ``m`` and
    ``vn`` for the roman pages and ``“83``, ``1 73`` for 83 and 173; ``William 111`` ends a title
    line, not a row (the book's rows set leaders); a word broken at a line end."""
    page = """\
TABLE OF CONTENTS
CHAPTER AGE
Foreword ------- m
Introduction ------ vn
I. The Beginning of the Religious Societies,
; 1678-90 ------ 1
11. The Foundation of the Societies for Refor-
mation of Manners, 1690-91 - - - 28
111. History of the Societies under William 111
and Anne ------ 50
IV. Contemporary Opinions about the Reforming
Societies - - - - - “83
V. The Spread of the Societies - - - 107
VI. Other Religious and Philanthropic Associa-
tions of the Period - - - - 156
VII. The Decline of the Societies for Reforma-
tion of Manners - - - - 1 73
VIII, The Later History of the Religious Socie-
ties and their Connexion with Methodism 193"""
    table = read_contents_rows(split_wrapped_lines(page + "\n\n\n" + TEXT))
    assert table is not None
    got = [(entry.label, entry.title, entry.page) for entry in table.entries]
    assert got == [
        (None, "Foreword", None),
        (None, "Introduction", None),
        ("I", "The Beginning of the Religious Societies, ; 1678-90", 1),
        ("11", "The Foundation of the Societies for Reformation of Manners, 1690-91", 28),
        ("111", "History of the Societies under William 111 and Anne", 50),
        ("IV", "Contemporary Opinions about the Reforming Societies", None),
        ("V", "The Spread of the Societies", 107),
        ("VI", "Other Religious and Philanthropic Associations of the Period", 156),
        ("VII", "The Decline of the Societies for Reformation of Manners", None),
        ("VIII", "The Later History of the Religious Societies and their Connexion with Methodism", 193),
    ]
    misread = [change.line for change in table.changes if change.rule == "contents_page_misread"]
    assert misread == [3, 4, 12, 17]
    assert [item.line for item in table.review if item.rule == "contents_no_page"] == [3, 4, 11, 16]


def test_labels_on_lines_of_their_own_titles_with_pages_and_synopses() -> None:
    """the-hun-s-peace-bludgeon-37674351, lines 83-97: roman pages of the front matter; a label on
    its own line over its title's row; the synopsis after the row is an entry a level below."""
    page = """\
CONTENTS.
PAGE
Preface v
Author\u2019s Synopsis vi
Introduction xi
CHAPTER I.
The Grand Strategy of the German Commer-
cial Offensive 4
All Commerce a War—The World a Battlefield—German
System and Organization Preparing for the Campaign.
CHAPTER 11.
Forging the Thunderbolt 18
Safeguarding Strategic Secrets —The “Shining Success”
of “Unthinkable Authority”—Mobilizing the Scientists."""
    structured = built(page, "CHAPTER I.\nTHE GRAND STRATEGY\n" + TEXT, "CHAPTER II.\nFORGING\n" + TEXT)
    assert entries(structured) == [
        (None, "Preface", "v", 1),
        (None, "Author\u2019s Synopsis", "vi", 1),
        (None, "Introduction", "xi", 1),
        ("CHAPTER I", "The Grand Strategy of the German Commercial Offensive", 4, 1),
        (
            None,
            "All Commerce a War—The World a Battlefield—German System and Organization"
            " Preparing for the Campaign.",
            None,
            2,
        ),
        ("CHAPTER 11", "Forging the Thunderbolt", 18, 1),
        (
            None,
            "Safeguarding Strategic Secrets —The “Shining Success” of “Unthinkable Authority”"
            "—Mobilizing the Scientists.",
            None,
            2,
        ),
    ]
    assert [(d.label, d.title) for d in structured.tree.divisions] == [
        ("CHAPTER I", "The Grand Strategy"),
        ("CHAPTER II", "Forging"),
    ]
    assert [e.target for e in structured.tree.contents if e.label] == ["ch01", "ch02"]


def test_a_label_and_its_page_on_one_line_printed_twice() -> None:
    """the-transportation-question-or-why-243559164, lines 174-194: ``CHAPTER I.— Page 1.`` and
    (the dash's space closed up) ``CHAPTER VI.—Page 43.``; OCR doubled a line."""
    page = """\
CONTENTS.
CHAPTER I.— Page 1.
Two Systems of treating Criminals—Proper distinctions.
CHAPTER ll.— Page 4.
The System in operation in Western Australia is the old System.
CHAPTER lll.— Page 10.
CHAPTER lll.— Page 10.
Nature of the sentence of condemnation pronounced against the old
Transportation System.
CHAPTER VI.—Page 43.
Western Australia is thought of as a Reformatory colony."""
    table = read_contents_rows(split_wrapped_lines(page + "\n\n\n" + TEXT))
    assert table is not None
    got = [(entry.label, entry.title, entry.page, entry.level) for entry in table.entries]
    assert got == [
        ("CHAPTER I", "", 1, 1),
        (None, "Two Systems of treating Criminals—Proper distinctions.", None, 2),
        ("CHAPTER ll", "", 4, 1),
        (None, "The System in operation in Western Australia is the old System.", None, 2),
        ("CHAPTER lll", "", 10, 1),
        (
            None,
            "Nature of the sentence of condemnation pronounced against the old Transportation System.",
            None,
            2,
        ),
        ("CHAPTER VI", "", 43, 1),
        (None, "Western Australia is thought of as a Reformatory colony.", None, 2),
    ]
    assert [c.line for c in table.changes if c.rule == "contents_label_twice"] == [7]
    assert [c.line for c in table.changes if c.rule == "contents_page_word"] == [2, 4, 6, 7, 10]


def test_no_rising_page_numbers_no_contents_read() -> None:
    """memoir-of-the-rev-irving-52806507, lines 72-77: a contents without page numbers is left to
    the labels' cross-check; prose after a ``CONTENTS`` line is none."""
    page = (
        "CONTENTS.\nCHAPTER I.\nEARLY LIFE.\nBirth and Family,—An Annandale man, —Training,—R, M.\n"
        "M\u2019Cheyne, Early character, University studies, —\nRelaxation, —Theology -"
    )
    assert read_contents_rows(split_wrapped_lines(page + "\n\n\n" + TEXT)) is None


def test_the_printed_lines_of_a_block_after_a_repair_closed_up_its_leaders() -> None:
    """A repair that shortens the text moves the places where the printed lines start with it."""
    block = split_wrapped_lines(
        "II. The Great Intrusion . . . . .12 III.\nThe Rocks that Travelled .... 20\n"
    )[0]
    repaired = close_spaced_ellipses([block], RepairContext(BookVocabulary())).blocks[0]
    assert repaired.text == "II. The Great Intrusion .....12 III. The Rocks that Travelled .... 20"
    assert [(line.line, line.text) for line in printed_lines(repaired, 0)] == [
        (1, "II. The Great Intrusion .....12 III."),
        (2, "The Rocks that Travelled .... 20"),
    ]
    assert isinstance(repaired, Block)


def test_numbered_sections_and_a_synopsis_under_a_chapter_row() -> None:
    """methodist-union-in-canada-an-113369253, lines 65-81: ``Page 4.`` after leaders of ellipses;
    a synopsis and numbered sections without pages under a chapter's row; a label printed twice."""
    page = """\
CONTENTS.
CHAPTER I.
The Dominion of Canada … … Page 4.
Natural Features—School System —History —Confederation—Popu-
lation.
CHAPTER 11.
CHAPTER 11.
Historical Sketch op Canadian Methodism Page 8.
1. Methodism in the Eastern Provinces.
2. Methodism in Upper and Lower Canada.
CHAPTER 111.
Methodist Union in Canada … … Page 18."""
    table = read_contents_rows(split_wrapped_lines(page + "\n\n\n" + TEXT))
    assert table is not None
    got = [(entry.label, entry.title, entry.page, entry.level) for entry in table.entries]
    assert got == [
        ("CHAPTER I", "The Dominion of Canada", 4, 1),
        (None, "Natural Features—School System —History —Confederation—Population.", None, 2),
        ("CHAPTER 11", "Historical Sketch op Canadian Methodism", 8, 1),
        ("1", "Methodism in the Eastern Provinces.", None, 2),
        ("2", "Methodism in Upper and Lower Canada.", None, 2),
        ("CHAPTER 111", "Methodist Union in Canada", 18, 1),
    ]
    assert not [item for item in table.review if item.rule == "contents_no_page"]


def test_labels_opening_a_row() -> None:
    """Labels as the real contents print them and OCR reads them (english-manufactures, new-settlement,
    south-australian, caritas); a letter is no numeral (on-the-modification: ``C. —Personal Identity``)."""
    for text, label in [
        ("ll.—Protection and Free Trade", "ll"),
        ("YL—How to Promote Direct Trade", "YL"),
        ("Chap, Vl.—Productive and Commercial Resources", "Chap, Vl"),
        ("II The Western Boundary", "II"),
        ("VIII, The Later History of the Religious Socie-", "VIII"),
    ]:
        opening = opening_label(text)
        assert opening is not None and opening.group("label") == label, text
    assert opening_label("C. —Personal Identity") is None
    assert opening_label("ll The Western Boundary") is None  # a numeral OCR misread needs its stop
