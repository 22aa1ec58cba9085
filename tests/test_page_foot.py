"""The foot of wrapped pages: signature marks learned as the book's rising sequence (at the foot,
above the footnotes, damaged by OCR), running titles printed at page feet, and their removal.

Lines are real OCR of the development set (``shared/real/``): the feet of *History of the Colony
of Queensland* (nla.obj-44253818, raw lines 536-542, 1222-1226, 1318-1321, 1924-1927, the damaged
marks of lines 632 and 4667, and the marks of its later gatherings), of *Caritas Anglicana*
(nla.obj-502488898, raw lines 955-975) and of *South Australian Land Exploration*
(nla.obj-55177167, raw lines 244 and 296-297, 343-344, the top at 198, the damaged note numbers of
265-296 and 306-342, the notes told by their type in the excerpts of ``tests/data``), of *Handbook
of Queensland Geology* (nla.obj-409636148, raw lines 2323-2329, 2420-2426, and the quotation set
small of an excerpt) and of *The Stones of Bray*
(nla.obj-189352943, raw lines 3, 266-268, 501-504); two pages of *Caritas Anglicana*, raw lines
7180-7222 (``tests/data/``), a note going on at the next page's foot; and a page of *Memoir of the Rev.
Irving Hetherington* (nla.obj-52806507, raw lines 4160-4189, ``tests/data/``) whose lines OCR specked.
``tests/data/tesseract-octavo-1025.txt`` and ``tesseract-crown-1025.txt`` are Tesseract 5.3.0's plain
text, as it wrote it, of the octavo book with running heads and of the crown octavo with heads alone
that the test suite's generator (``tests/scanbook.py``) typesets with seed 1025, renders, degrades
and OCRs: 9 pages each, 18 notes numbered by chapter, their markers read as marks; the crown
octavo's running heads are the book's title and the chapter's, without page numbers.
``tests/data/tesseract-crown-797.txt`` is the same of its crown octavo with seed 797 (11 pages; the
running heads the book's title on three pages and a chapter's title, shortened on one).
``tests/data/tesseract-quarto-1040.txt`` is the same of its quarto with seed 1040 (10 pages, block
paragraphs, page numbers at the foot, 15 notes numbered through the book in a smaller type, set apart
by a blank line), whose notes' raised numbers OCR damaged (``?``, ``2?``, ``®``, ``\u2018©The``) as it
did their markers in the text (``itself.!``, ``peace.*``).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pipeline.model import Block
from pipeline.model.pages import Line
from pipeline.normalise import normalise_text
from pipeline.readers.foot_furniture import learn_signatures, signature_key
from pipeline.readers.line_ends import LineHabits
from pipeline.readers.page_foot import (
    RUNNING_NOTES,
    SET_APART_NOTES,
    FootHabits,
    NoteType,
    foot_note_zone,
    foot_note_zones,
    learn_foot_habits,
    learn_note_type,
    learn_running_notes,
    learn_set_apart_notes,
    note_groups,
)
from pipeline.readers.wrapped_lines import (
    note_blocks,
    paragraph_block,
    read_page,
    read_wrapped_lines,
    split_pages,
    split_wrapped_lines,
)
from pipeline.repair.base import RepairContext
from pipeline.repair.furniture import remove_page_furniture
from pipeline.repair.note_numbers import restore_line_start_markers, restore_plain_note_numbers
from pipeline.repair.note_symbols import restore_note_symbols
from pipeline.repair.notes import attach_note_continuations
from pipeline.repair.registry import repair_text
from pipeline.repair.vocabulary import BookVocabulary
from pipeline.text.markers import FROM_SUPERSCRIPT, NOTE_MARKER_RE, plain_marker_re

BODY = [
    "into a river : we had then thirty-four fathoms of water, and a fine",
    "sandy bottom ; this alone would have produced the changes that had",
    "been observed in the colour of the water ; and it was by no means neces-",
    "sary to suppose a river to account for the land at the bottom of the",
    "bay not being visible, for supposing the land there to be as low as we",
]
# the marks of History of the Colony of Queensland at their pages' feet, and pages without one
FEET = ["B YOL. I.", None, "ll*", None, "C YOL. I.", None, "c*", None, "D VOL. I.", None, "D*", None]
FEET += ["E VOL. I.", None, "E*", None, "F VOL. I.", None, "It VOL. I."]
CARITAS_PAGE = """its own society. 1
Meanwhile the movement began to spread.
Societies were established in the provinces, and
one in particular, established at Romney, in Kent,
in 1690, made encouraging progress. It even
published a hymn book of its own. 2 In order to
be ready for the Eucharist at any time the
societies provided that in at least one church in
London a “ preparation sermon ” should be
preached every Sunday. And thus “ many
attained that excellent Primitive Temper , of frequent
Communicating without growing formal.” 3 But
their good work was not all in this direction.
Orphans and widows were cared for (in one case
this saved a whole destitute family from accepting
Roman Catholic help at the price of joining the
D
1 Woodward, op. cit., pp. 119-27.
2 Woodward, op. cit., p. 41: The hymn book in question was
called The Christian Sacrifice of Praises . . . for the use of the"""


def pages_with_feet(feet: list[str | None]) -> list[list[Line]]:
    """Pages of real body lines, each ending in its foot line (if any); raw lines numbered 10 a page."""
    pages = []
    for page, foot in enumerate(feet):
        lines = [*BODY, *([foot] if foot else [])]
        pages.append([Line(10 * page + i + 1, text) for i, text in enumerate(lines)])
    return pages


def signatures(pages: list[list[Line]]) -> dict[int, str]:
    """The signature marks learned from ``pages``, without the book's habit of symbol notes."""
    return learn_signatures(pages, foot_note_zones(pages, FootHabits()))


def test_signature_keys_read_the_printers_sequence() -> None:
    assert signature_key("B YOL. I.") == ("letters", 1, 1)
    assert signature_key("c*") == ("letters", 2, 2)  # the gathering's second mark
    assert signature_key("2 A") == ("letters", 26, 1)  # the alphabet's second round
    assert signature_key("It") is None  # two letters: a damaged mark or a word
    assert signature_key("12") == ("numbers", 12, 1)


def test_marks_rising_through_the_feet_are_learned_with_the_damaged_ones() -> None:
    pages = pages_with_feet(FEET)
    marks = signatures(pages)
    assert sorted(marks) == [page[-1][0] for page, foot in zip(pages, FEET, strict=True) if foot]
    assert "one of the 8 marks rise through the page feet (B YOL. I. … F VOL. I.)" in marks[6]
    assert "damaged signature mark, in the form of the book's 'a vol i'" in marks[186]
    assert not any(line in marks for page in pages for line, _ in page[:-1])


def test_a_book_without_a_sequence_has_no_marks_but_capitals_closing_a_page() -> None:
    assert signatures(pages_with_feet(["c*", None, "sold."])) == {}
    assert list(signatures(pages_with_feet([None, "E"]))) == [16]


def test_page_numbers_at_every_foot_are_no_numbered_gatherings() -> None:
    assert signatures(pages_with_feet([str(n) for n in range(4, 12)])) == {}


def test_a_mark_above_the_footnotes_is_split_off_and_removed() -> None:
    pages = ["\n".join([*BODY, "B"]), "\n".join(BODY), "\n".join([*BODY, "c"]), "\n".join(BODY), CARITAS_PAGE]
    text = "\n\n\n".join(pages)
    blocks = split_wrapped_lines(text)
    mark = next(block for block in blocks if block.text == "D")
    assert mark.extra["furniture"]["kind"] == "signature mark"
    assert blocks[-1] is mark  # after the page's notes
    assert [block.kind for block in blocks[-4:-1]] == ["text", "note", "note"]
    assert blocks[-4].text.endswith("at the price of joining the")
    repaired = remove_page_furniture(blocks, RepairContext(BookVocabulary.from_texts([text])))
    assert [change.before for change in repaired.changes] == ["B", "c", "D"]
    assert "signature mark (signature mark: one of the 3 marks" in repaired.changes[2].explanation
    assert "3 signature marks" in repaired.review[0].text


def test_running_titles_and_numbers_under_the_notes_are_removed() -> None:
    foot = ["1 Mr. W. A. Cawthorne, Adel. Phil. Soc. Procs., Aug. 21, 1855."]
    pages = []
    for number in range(4, 10):
        title = "SOUTH AUSTRALIAN" if number % 2 == 0 else "LAND EXPLORATION, 1856-80"
        pages.append("\n".join([*BODY, *BODY[:-1], BODY[-1] + " 1", *foot, str(number), title]))
    blocks = split_wrapped_lines("\n\n\n".join(pages))
    repaired = remove_page_furniture(blocks, RepairContext(BookVocabulary.from_texts(pages)))
    removed = [change.before for change in repaired.changes]
    assert removed == [line for number in range(4, 10) for line in pages[number - 4].split("\n")[-2:]]
    assert "running title (printed at 3 page feet) removed" in repaired.changes[3].explanation
    assert [block.extra.get("page") for block in repaired.blocks if block.page_break_before] == [
        5,
        6,
        7,
        8,
        9,
    ]


# raw lines 149-167 of *On the Modification of Organisms* (nla.obj-52761362), clipped: four notes
# marked by symbols that OCR read as ``*``, ``f``, ``J`` and ``§``, their markers in the text above
MODIFICATION_PAGE = """as the term itself implies, it is a purely selective
process. Natural selection only preserves variations
already provided for it. Variations are “given by the
hand of nature.” * “Natural selection,” he says, “de-
pends on the survival under various complex circum-
stances of the best fitted individuals, but has no relation
whatever to the primary cause of any modification of
structure.” •(* Indeed, he distinctly and emphatically
repudiates the idea that natural selection is the cause
of variability. And again, “ Natural selection acts only by the preservation
and accumulation of small inherited modifications, each
profitable to the preserved being.” § These statements
* Origin of Species, 7th ed., p. 49.
f Variation of Animals and Plants, vol. ii., p. 272.
J Origin of Species, p. 63.
§ Variation of Animals and Plants, vol. ii., p. 75; see also p. 97."""


def test_symbols_ocr_misread_are_restored_in_the_printers_order() -> None:
    blocks = split_wrapped_lines(MODIFICATION_PAGE, 149)
    assert [block.text[:2] for block in blocks if block.kind == "note"] == ["* ", "f ", "J ", "§ "]
    repaired = restore_note_symbols(blocks, RepairContext(BookVocabulary.from_texts([MODIFICATION_PAGE])))
    assert [block.text[:2] for block in repaired.blocks if block.kind == "note"] == ["* ", "† ", "‡ ", "§ "]
    text = repaired.blocks[0].text
    assert "hand of nature.”* “Natural" in text and "preserved being.”§ These" in text
    assert "structure.” •(* Indeed" in text  # a garbled marker: one sign where two markers miss
    assert "the symbols go * † ‡ § ‖ ¶, so it is †" in repaired.changes[1].explanation


def test_markers_ocr_garbled_are_restored_in_their_order_between_those_found() -> None:
    # the same page unclipped (raw lines 158-161): the markers of † and ‡ read ``•(*`` and ``;``
    clipped = "of variability. And again, \u201c Natural selection acts only by the preservation"
    page = MODIFICATION_PAGE.replace(
        clipped,
        "of variability. \u201c Some have imagined,\u201d he says, \u201c that\n"
        "natural selection induces variability, whereas it implies\n"
        "only the preservation of such variations as arise.\u201d ; And\n"
        "again, \u201c Natural selection acts only by the preservation",
    )
    repaired = restore_note_symbols(
        split_wrapped_lines(page, 149), RepairContext(BookVocabulary.from_texts([page]))
    )
    text = repaired.blocks[0].text
    assert "structure.\u201d† Indeed" in text and "as arise.\u201d‡ And" in text
    explanations = [change.explanation for change in repaired.changes]
    assert any("read '•(*' by OCR: the notes' markers stand in their order" in e for e in explanations)


def test_a_line_holding_two_symbol_notes_is_cut_between_them() -> None:
    # raw line 197 of the same book
    line = Line(197, "* Origin of Species, p. 63. t Ibid., p. 103.")
    notes = [[Line(197, "* Origin of Species, p. 63.")], [Line(197, "t Ibid., p. 103.")]]
    assert note_groups([line]) == notes


# raw lines 272-289 of *South Australian Land Exploration* (nla.obj-55177167), clipped: notes numbered
# through the book whose markers OCR set apart from their words (``the 9 underlying``)
EXPLORATION_PAGE = """In August of 1855 the Adelaide Philosophical Society B began
to take into consideration the advisability of exploring the north-
western interior, partly to throw light upon the central desert
theory, but also with the 9 underlying feeling that the discovery of
good land near the western boundary (132° E.) would provide
a very satisfactory reason for its extension to the eastern limit of
West Australia (129° E,). The prominent position of Mr. B. H,
Babbage in the society, and his enthusiastic support of the popular
demand for an effective gold search, led to an association of the
two motives in Babbage\u2019s 10 expedition of July to December, 1856.
8 Adel. Phi!. Soc. Procs., Aug. 21, 1855 (Archives). See also P.P.
187/1855-6.
9 Expressed by Babbage. (S.A. Reg., Aug. 21, 1855.)
10 See P.P. 115/1855-0. Memorial of Soc. to Govt, for grant of £3,000."""


def test_notes_whose_markers_stand_apart_between_words_are_found_and_restored() -> None:
    blocks = split_wrapped_lines(EXPLORATION_PAGE, 272)
    assert [block.first_line for block in blocks if block.kind == "note"] == [282, 284, 285]
    repaired = restore_plain_note_numbers(
        blocks, RepairContext(BookVocabulary.from_texts([EXPLORATION_PAGE]))
    )
    text = repaired.blocks[0].text
    assert "with the⁹ underlying" in text and "Babbage\u2019s¹⁰ expedition" in text
    # note 8's marker, misread as a letter: note 9 follows it at the page foot, and no other place
    # of the page reads 8
    assert "Society⁸ began" in text
    assert [block.text[:2] for block in repaired.blocks[1:]] == ["⁸ ", "⁹ ", "¹⁰"]
    assert "'B' reads 8" in repaired.changes[0].explanation


def test_a_note_number_ocr_misread_is_the_next_one_where_its_marker_stands_above() -> None:
    # raw lines 272-294 of the same book, clipped: notes 11 and 12 read ``31`` and ``32``
    lines = EXPLORATION_PAGE.split("\n")
    more_text = [
        "cracked stones from Gawler to Mount Serle. 11 He kept the strictest",
        "watch for potentially auriferous rocks, but 12 did little discover if",
    ]
    more_notes = [
        "31 Accompanied part of the way by Chas. Bonney.",
        "32 His plenitude of trap and basalt, and absence of gold provoked",
        "criticism and smiles from the contemporary digger.",
    ]
    page = "\n".join(lines[:10] + more_text + lines[10:] + more_notes)
    blocks = split_wrapped_lines(page, 272)
    repaired = restore_plain_note_numbers(blocks, RepairContext(BookVocabulary.from_texts([page])))
    notes = [block.text[:3] for block in repaired.blocks if block.kind == "note"]
    assert notes == ["⁸ A", "⁹ E", "¹⁰ ", "¹¹ ", "¹² "]
    text = repaired.blocks[0].text
    assert "Serle.¹¹ He" in text and "but¹² did" in text
    assert any("(OCR read 31: the note after 10)" in change.explanation for change in repaired.changes)


def test_a_small_one_ocr_read_as_l_is_a_marker_only_after_punctuation() -> None:
    # raw line 381 of *The Stones of Bray* (nla.obj-189352943): the marker of note 1 read ``l``
    assert plain_marker_re("1").search("see them conveniently exposed to view. l Go out along the")
    assert not plain_marker_re("1").search("I\u2019ll tell you of one place at any rate where you will")


def test_a_dagger_read_as_a_letter_glued_to_a_known_word_is_its_marker() -> None:
    # raw lines 1348-1371 of *History of the Colony of Queensland* (nla.obj-44253818), clipped
    page = "\n".join(
        [
            "my labors of last year had closed.\u201d*",
            "pools. In this excursion I made such observations as fully established",
            "two facts, viz.—That the Brisbane River, at one period supposedf to be",
            "the outlet of the marshes of the Macquarie, as was supposed by some.",
            "* M.S. report to His Excellency Governor Darling, in the archives of the Colonial",
            "Secretary\u2019s Office, Sydney, New South Wales, as quoted by Dr. Lang, p. 71.",
            "t By Oxley.",
        ]
    )
    text = "It was supposed, and supposed again, that the outlet was there.*\n\n\n" + page
    blocks = split_wrapped_lines(text, 1357)
    repaired = restore_note_symbols(blocks, RepairContext(BookVocabulary.from_texts([text])))
    (marked,) = [block.text for block in repaired.blocks if "period supposed" in block.text]
    assert "period supposed† to be" in marked
    assert [block.text[:2] for block in repaired.blocks if block.kind == "note"] == ["* ", "† "]


def test_a_dagger_read_as_a_small_letter_before_a_quotation_is_its_marker() -> None:
    # raw lines 2420-2426 of *Handbook of Queensland Geology* (nla.obj-409636148), clipped
    text = (
        "The Rev. W. B. Clarke says :\u2014fMy own collections, received in 1874, from Queensland, "
        "contain some interesting additions. Among these, from the head of Bee Creek, Fort Cooper (near *"
    )
    blocks = [
        Block(text, 2420, 2423),
        Block("* The only place I know with a name resembling this is Wealwandangie.", 2424, 2425, "note"),
        Block("f Sedimentary formations of New South Wales (p. 33d", 2426, 2426, "note"),
    ]
    vocabulary = BookVocabulary.from_texts([text, "My notes; my own; and my collections say it too."])
    repaired = restore_note_symbols(blocks, RepairContext(vocabulary))
    assert "Clarke says :\u2014\u2020My own" in repaired.blocks[0].text
    assert [block.text[:2] for block in repaired.blocks if block.kind == "note"] == ["* ", "\u2020 "]


def test_a_star_ocr_glued_to_the_first_notes_text_ranks_the_pages_symbols() -> None:
    # raw lines 4404-4426 of *Handbook of Queensland Geology* (nla.obj-409636148), clipped: the
    # first note's star glued to its text, the dagger and double dagger read as ``f`` and ``I``
    text = (
        "River Coalfield. Mr. Gregory refersf to “the extensive development of the porphyritic "
        "rocks” … which is especially developed on both sides of the Main Range, near"
    )
    blocks = [
        Block(text, 4404, 4420),
        Block("*Report on the Geology of part of the Districts of Wide Bay and Burnett,", 4421, 4422, "note"),
        Block("f Report on the Geology of part of the District of Wide Bay and Burnett.", 4423, 4424, "note"),
        Block("I Report on the Geological Features of the South-eastern Districts.", 4425, 4426, "note"),
    ]
    vocabulary = BookVocabulary.from_texts([text, "He refers to it; he refers to them."])
    repaired = restore_note_symbols(blocks, RepairContext(vocabulary))
    assert [block.text[:2] for block in repaired.blocks if block.kind == "note"] == ["*R", "† ", "‡ "]
    assert "Mr. Gregory refers† to" in repaired.blocks[0].text


def test_a_year_the_page_foot_took_for_a_page_number_ends_the_note_before_it() -> None:
    # raw lines 4380-4389 of the same book, clipped: the last line of a page's last note is a
    # citation's year alone, ``1870.``, where a page number would stand
    note = (
        "* “ Progress Eeport on a portion of the Rockhampton Mining District.”\n"
        "Brisbane : By Authority, 1870.\n"
        "f“ General Eeport upon the Northern District.” Brisbane: By Authority,"
    )
    page = [
        Block("The occurrence of serpentine … (Brisbane : By Authority, 1870).", 4380, 4382),
        Block(note, 4383, 4385, "note"),
        Block("1870.", 4386, 4386),
        Block(
            "Mr. Gregory notes* the occurrence of copper lodes in Serpentine",
            4389,
            4390,
            page_break_before=True,
        ),
    ]
    repaired = attach_note_continuations(page, RepairContext(BookVocabulary()))
    assert [block.first_line for block in repaired.blocks] == [4380, 4383, 4389]
    assert repaired.blocks[1].text.endswith("Brisbane: By Authority, 1870.")
    assert [change.rule for change in repaired.changes] == ["attach_note_continuations"]
    finished = [*page[:1], replace(page[1], text=note.removesuffix(",") + "."), *page[2:]]
    kept = attach_note_continuations(finished, RepairContext(BookVocabulary()))
    assert [block.first_line for block in kept.blocks] == [4380, 4383, 4386, 4389]


def test_a_symbol_note_opening_with_a_quotation_mark_set_apart_is_a_note() -> None:
    # raw lines 2323-2329 of the same book: a one-line note under a table, its marker above
    page = "\n".join(
        [
            "however,* he says \u2014\u201cI now wish to state that, after a careful",
            "examination, there is no evidence that the specimens belong",
            "exclusively to Phyllotheca.",
            "Ash ... ... ... ... ... ... ... ... \u2022\u2022\u2022 31-087",
            "Sp. gr. 1-37.",
            "100-000",
            "* \u201c Fossil Flora.\u201d",
        ]
    )
    blocks = split_wrapped_lines(page, 2288)
    assert [(block.first_line, block.kind) for block in blocks][-1] == (2294, "note")


# the feet of *The Stones of Bray* (nla.obj-189352943, raw lines 3, 266-268, 501-504) and the top of
# a page of *South Australian Land Exploration* (nla.obj-55177167, raw lines 160-162, 195-199)
STONES_PAGES = [
    "THE STONES OF BRAY\nBY\nGEORGE R. POWER",
    "THE STONES OF BRAY\nCHAPTER I\nTHE CAMBRIANS\n" + "\n".join(BODY),
    "\n".join(BODY) + "\n1 For the name of this mountain, see note on Chapter X, p. 114.\n7\nTHE CAMBRIANS",
]
INTRODUCTION_PAGES = [
    "INTRODUCTION\n" + "\n".join(BODY),
    "\n".join(BODY[:-1]) + "\nThe words cast a chill as Eyre\u2019s had",
    "INTRODUCTION\nperhaps, of the interior than any living man, was of the opinion\n" + "\n".join(BODY),
]


def test_a_title_printed_earlier_beside_a_page_number_at_a_foot_is_furniture() -> None:
    blocks = split_wrapped_lines("\n\n\n".join(STONES_PAGES))
    repaired = remove_page_furniture(blocks, RepairContext(BookVocabulary.from_texts(STONES_PAGES)))
    # the book's title over chapter I's page goes too (the-stones-of-bray, line 266)
    assert [change.before for change in repaired.changes] == ["THE STONES OF BRAY", "7", "THE CAMBRIANS"]
    assert "a title printed earlier, beside page number 7" in repaired.changes[2].explanation
    assert [block.text for block in repaired.blocks][:4] == [
        "THE STONES OF BRAY",
        "BY",
        "GEORGE R. POWER",
        "CHAPTER I\nTHE CAMBRIANS",
    ]


def test_a_title_printed_earlier_above_a_sentence_going_on_at_a_page_top_is_furniture() -> None:
    blocks = split_wrapped_lines("\n\n\n".join(INTRODUCTION_PAGES))
    repaired = remove_page_furniture(blocks, RepairContext(BookVocabulary.from_texts(INTRODUCTION_PAGES)))
    assert [(change.line, change.before) for change in repaired.changes] == [(16, "INTRODUCTION")]
    assert blocks[0].text == "INTRODUCTION"


def test_a_symbol_note_among_numbered_notes_belongs_to_the_zone() -> None:
    # raw lines 7876-7896 of *Caritas Anglicana* (nla.obj-502488898), clipped: an editor's note
    # marked ``*`` between the author's notes 1 and 4 (OCR lost note 3's number)
    page = "\n".join(
        [
            "Barrister of the Temple.\u201d 5 This remark appears",
            "in a footnote to another account which is printed",
            "in Nicolson\u2019s Correspondence , and is called A",
            "Short Account of the Several Kinds of Societies, set up",
            "of late Tears , for the promoting of God's Worship ,",
            "for the Reformation of Manners , and for the Pro-",
            "pagation of Christian KnowledgeP",
            "Now this latter account seems to have been",
            "1 British Museum, 712, d. 24.",
            "* \u201c Why, if the book is so good,\u201d he asks, \u201c can you only",
            "get five out of twenty-five bishops to approve of it ? \u201d (Cf.",
            "-3 Cf. his letter to William Nicolson, February 27 th,",
            "4 Ibid., no. 71, p. 172.",
            "5 Ibid., no. 82, p. 191 (note). This footnote is signed",
            "W. N.",
        ]
    )
    blocks = split_wrapped_lines(page, 7876)
    notes = [(block.first_line, block.text[:12]) for block in blocks if block.kind == "note"]
    assert notes == [
        (7884, "1 British Mu"),
        (7885, "* \u201c Why, if "),
        (7887, "-3 Cf. his l"),  # note 3, its number damaged
        (7888, "4 Ibid., no."),
        (7889, "5 Ibid., no."),
    ]


# raw lines 265-296 of South Australian Land Exploration: note 7 opens with ``\u201d`` (its number damaged),
# above the zone's first note found, 8; marker 7 stands in the text (``Canaan. 7 .``)
DAMAGED_FIRST_PAGE = """theory, memorialized the Government, obtained funds and sent out
scientifically equipped expeditions for detailed surveys, in entire
ignorance of the fact that unknown country requires a preliminary
system of \u201churdle race\u201d exploration. Finally the gold fiends in-
fluenced the efforts both of pastoralist and scientist. Yellow mists
were apt to obscure even the most glowing visions of the milk and
honey in Canaan. 7 .
In August of 1855 the Adelaide Philosophical Society B began
to take into consideration the advisability of exploring the north-
western interior, partly to throw light upon the central desert
theory, but also with the 9 underlying feeling that the discovery of
good land near the western boundary (132\u00b0 E.) would provide
a very satisfactory reason for its extension to the eastern limit of
West Australia (129\u00b0 E,). The prominent position of Mr. B. H,
Babbage in the society, and his enthusiastic support of the popular
demand for an effective gold search, led to an association of the
two motives in Babbage\u2019s 10 expedition of July to December, 1856.
The leader was nothing if not enthusiastic. He energetically
cracked stones from Gawler to Mount Serle. 11 He kept the strictest
watch for potentially auriferous rocks, but 12 did little discover if
\u201d See P.P. 187/1855-0.
8 Adel. Phi!. Soc. Procs., Aug. 21, 1855 (Archives). See also P.P.
187/1855-6.
9 Expressed by Babbage. (S.A. Reg., Aug. 21, 1855.)
10 See P.P. 115/1855-0. Memorial of Soc. to Govt, for grant of £3,000.
A £lO,OOO reward for gold discovery was placed at the disposal of its com-
mittee in conjunction with the Govt. See also C.S.O. 2243/1850; Exec.
Coun. Mins., July 12, 1850.
31 Accompanied part of the way by Chas. Bonney.
32 His plenitude of trap and basalt, and absence of gold provoked
criticism and smiles from the contemporary digger.
4"""
# raw lines 306-342 of the same book: notes 16 and 17 open ``1(5`` and ``3 \u2018`` between notes 15 and 18
DAMAGED_INSIDE_PAGE = """permanent water in Mac Donnell Creek and Blanchewater. Twenty
miles south of Eyre\u2019s Mount Hopeless he discovered an elevation
which he could conscientiously call 13 Mount Hopeful; and 14 turned
back from a promising country of granitic formation only two
sleeps distance (according to black Pornpey) from the one place
where Lake Torrens permitted man to cross. \u201cThis then is the
long sought for highway to Cooper\u2019s Creek.\u201d ls Babbage\u2019s fertile
mind immediately shaped the theory that the Lake Torrens
30 crossing consisted of a narrow bar of granite running north-
wards and making the water shallow and the bottom sound.
17 That Eyre had missed the crossing as he had missed Blanche-
water, and that it was the place to which the tracks observed by
Sturt\u2019s companion were directed, 18 Babbage had no doubt.
In May of the following year, another government official,
following 1 closely in Babbage\u2019s steps, chanced upon a discovery
which seriously perturbed the orthodox geographical theorists of
the day. In the course of his duties as Assistant Surveyor-General,
Mr. G. W. Goyder found it necessary to examine with some detail
the country north of Mount Serle. Proceeding in a north-easterly
direction from Oombaratana, the farthest out station, 19 Mr. Goyder
made his way up the centre of the Lake Torrens horseshoe, noting
13 Christened by Goyder, Mount Babbage.
14 The last 50 miles was performed alone, on foot, bootless, with little
water and no guide.
15 The Victoria of Mitchell.
1(5 It is remarkable in view of Babbage\u2019s future actions that he should
so emphatically discountenance the use of drays as clogs to any exploring
expedition.
3 \u2018 Babbage\u2019s reports to the Gold Search Commission are printed in the
S.A. Register of Oct. 20, and Nov. 17, 1850; Jan. .3, 1857. His original reports
are missing,
18 The immediate result of Babbage\u2019s expedition was the establishment
\u00b0f a police station at Mount Serle as a \u201cpoint d\u2019appui\u201d for further ex-
ploration.
19 See P.P. 72/1857-8. Goyder was accompanied by Wm. Rowe and a
settler, Jas. Trebilcock, who, on his return, made application for a lease
\u00b0f 80 square miles of Mac Donnell Creek country."""


def test_a_note_whose_number_ocr_damaged_above_the_zone_is_restored_on_its_marker() -> None:
    blocks = split_wrapped_lines(DAMAGED_FIRST_PAGE, 265)
    notes = [block for block in blocks if block.kind == "note"]
    assert notes[0].first_line == 285 and notes[0].text.startswith("\u201d See P.P.")
    note_6 = Block("\u2076 Hawker\u2019s journal, quoted in the Register.", 260, 260, kind="note")
    blocks = [note_6, replace(blocks[0], page_break_before=True), *blocks[1:]]
    repaired = restore_plain_note_numbers(
        blocks, RepairContext(BookVocabulary.from_texts([DAMAGED_FIRST_PAGE]))
    )
    assert next(block.text[:8] for block in repaired.blocks[1:] if block.kind == "note") == "\u2077 See P."
    assert "Canaan.\u2077" in repaired.blocks[1].text
    assert any("a number OCR damaged" in change.explanation for change in repaired.changes)


def test_notes_whose_numbers_ocr_damaged_inside_the_zone_fill_the_sequence() -> None:
    blocks = split_wrapped_lines(DAMAGED_INSIDE_PAGE, 306)
    notes = [block for block in blocks if block.kind == "note"]
    assert [note.first_line for note in notes] == [327, 328, 330, 331, 334, 337, 340]
    repaired = restore_plain_note_numbers(
        blocks, RepairContext(BookVocabulary.from_texts([DAMAGED_INSIDE_PAGE]))
    )
    starts = [block.text.split()[0] for block in repaired.blocks if block.kind == "note"]
    assert starts[3:5] == ["16", "\u00b9\u2077"]  # made superscript where the text carries the marker


def test_a_number_as_printed_and_digits_of_another_number_are_no_damaged_number() -> None:
    # Caritas Anglicana, raw lines 1391 and 2140: ``3 9 Gul.`` is note 3 on a statute of 9 William III,
    # ``2 \u201c Tho\u2019`` note 2 opening with a quotation
    for note in ("3 9 Gul. 111, c. 35.", "2 \u201c Tho\u2019 a Man that cannot stand upon his Legs"):
        blocks = [
            Block("the Act of Parliament, 1 and the Charity Schools. 2 Then the", 1, 1),
            Block("\u00b9 Ibid., p. 4.", 2, 2, kind="note"),
            Block(note, 3, 3, kind="note"),
        ]
        repaired = restore_plain_note_numbers(blocks, RepairContext(BookVocabulary.from_texts([""])))
        assert not any("OCR damaged" in change.explanation for change in repaired.changes)
        assert repaired.blocks[2].text.endswith(note[1:])


# raw lines 483-502 of The Stones of Bray (clipped): the page's one note, note 1, its marker set apart
LONE_NOTE_PAGE = """Beginning in the far distance with Howth (and Ireland\u2019s
Eye, if you can get a glimpse of it), then let your eye
travel down to the pointed top of Carrickgollogan 1 (often
erroneously called Shankill) to the left of the great chimney
of the Ballycorus Smelting Works, and then from that to
the very similar summit of Carrigoona (sometimes called
Stilebawn), and across the Rocky Valley to Great Sugarloaf,
the monarch of them all, and then to Bray Head\u2019s nearest
neighbour, Little Sugarloaf, with its three knobs, so like the
knobs on Bray Head itself. All these mountains were
made in exactly the same way, and the summits of all
consist of quartz-rock.
I strongly advise you to make expeditions to the tops
of all of them. Great Sugarloaf, of course, being the
highest (1659 ft.), has the most extensive view, and a very
splendid view it is. Carrickgollogan has perhaps the most
beautiful view of all. A good way to ascend Great Sugar-
loaf, if you want to examine the lie of the rocks, is to go
up the Rocky Valley about 100 -yards past the lane to
1 For the name of this mountain, see note on Chapter X, p. 114."""


def test_a_pages_one_note_numbered_1_is_found_on_its_marker_set_apart_once() -> None:
    blocks = split_wrapped_lines(LONE_NOTE_PAGE, 483)
    assert [block.first_line for block in blocks if block.kind == "note"] == [502]
    repaired = restore_plain_note_numbers(blocks, RepairContext(BookVocabulary.from_texts([LONE_NOTE_PAGE])))
    assert "Carrickgollogan\u00b9 (often" in repaired.blocks[0].text
    doubled = LONE_NOTE_PAGE.replace("Great Sugarloaf,", "Great 1 Sugarloaf,")
    assert all(block.kind != "note" for block in split_wrapped_lines(doubled, 483))


# raw lines 347-388 of *South Australian Land Exploration*, clipped (347-349, 371-388): the number of
# note 20 (The Freeling …), set in the notes' smaller type, is lost; its marker stands above
LOST_NUMBER_PAGE = """with great minuteness the character of the country already
traversed by Babbage, and exercising his explorer's privilege by
adding 20 several new names to the map. Eyre\u2019s hopeless desert
with ammonia. The delicious rock springs near Blanchewater he
found to be of a similar nature, encrusting the surrounding soil
with a snowy sediment 21 \u201cso nearly resembling the common salt
as to make it difficult to divest oneself of the idea that the springs
are not really brine.\u201d
Following the course of Mac Donnell Creek to within a few
miles of its outlet in the lake, Goyder, turning to the north-east,
found himself at last in latitude 29° 13 upon its shores. No longer
The Freeling (after the Surveyor-General), Camp Hill, View Hill,
Jacob\u2019s Creek (after a settler of the district), Weathered Hill, Werta Warta,
Duck Pond Creek, Mirage Creek, Mount Freeling, and Mt. Gardner (asso-
ciated with the supposed Mount Distance of Eyre). Mr. Goyder\u2019s original
plan of this expedition is in the Surveyor-General\u2019s Office, Adelaide, R/103.
His original reports are missing. See C.L. and 1., 247/57, which contains
also the plans of the Government for future exploration in the same
neighbourhood; also 5.G.0., 519/1857. Roy. Geog. Soc. Procs., Vol. 2, p. 10.
21 It was afterwards analysed as \u201csalt,\u201d an analysis opposed by the
explorer. S.G.O. out letter 643/1857."""
# the notes' type as the book's note zones show it (:func:`learn_note_type` on the whole book)
EXPLORATION_NOTE_TYPE = NoteType(body_measure=65.6, note_length=68.9)


def _lost_number_lines() -> list[Line]:
    numbers = [*range(347, 350), *range(371, 389)]
    return [Line(number, text) for number, text in zip(numbers, LOST_NUMBER_PAGE.split("\n"), strict=True)]


def test_a_note_whose_number_ocr_lost_is_told_by_its_type_and_its_marker_above() -> None:
    lines = _lost_number_lines()
    first = [number for number, text in lines].index(379)
    assert foot_note_zone(lines, FootHabits(note_type=EXPLORATION_NOTE_TYPE)) == first
    assert foot_note_zone(lines, FootHabits()) is None  # notes not known to be set smaller


def test_the_notes_type_is_learned_where_their_lines_run_longer_than_the_body() -> None:
    lines = _lost_number_lines()
    note_type = learn_note_type([lines] * 3, [11] * 3)  # the zone from note 20 on, three times over
    assert note_type is not None and note_type.body_measure < note_type.note_length
    assert learn_note_type([lines] * 3, [None] * 3) is None  # no notes found: nothing to learn


def test_a_note_whose_number_ocr_lost_gets_it_back_from_the_sequence() -> None:
    habits = FootHabits(note_type=EXPLORATION_NOTE_TYPE)
    lines = _lost_number_lines()
    zone = foot_note_zone(lines, habits)
    assert zone is not None
    text = Block(" ".join(t for _, t in lines[:zone]), 347, 378, page_break_before=True)
    notes = [replace(note, kind="note") for note in note_blocks(lines[zone:])]
    previous = Block("¹⁹ See P.P. 72/1857-8.", 340, 340, kind="note")
    repaired = restore_plain_note_numbers(
        [previous, text, *notes], RepairContext(BookVocabulary.from_texts([LOST_NUMBER_PAGE]))
    )
    assert [block.text[:4] for block in repaired.blocks[2:]] == ["²⁰ T", "²¹ I"]
    assert "adding²⁰ several" in repaired.blocks[1].text and "sediment²¹ “so" in repaired.blocks[1].text
    assert "has lost its number: it follows note 19" in repaired.changes[0].explanation


# raw lines 4419-4454 of *The Stones of Bray* (nla.obj-189352943): a note's line opens with a number
# (``1 Richard 11`` in note 3), and OCR read note 5's number as 6 (``6 According``)
BRAY_PAGE = """light-horsemen, to aid the King\u2019s garrison in the district
of Bree in resisting the malice of Obryn and Otohill and
their accomplices. 1 Ihen, again, to pass over some other
records, 2 we find in 1377, the year in which Edward 111
died and Richard II came to the throne, rewards given
to Roger Power of Shankill and his son John, in com-
pensation for the great losses they had sustained in de-
fending the marches. 3 In the next reign—that is, the reign
of Henry IV, and in the year 1402—a great battle was
fought near Bray, in which John Drake, Lord Mayor of
Dublin, defeated a strong force of the Irish and killed a
great number of them (Dr. D\u2019Alton says 4000; Dr.
Llrington Ball, 500); 4 in honour of which achievement
the Corporation of Dublin received the privilege of walking
behind a gilt sword. 0 In Henry Vi\u2019s reign, and in the
year 1429, an army was collected at Bray for service against
the O Byrnes. No less than 1100 men were assembled,
and 100 carts, loaded with provisions and victuals for six
days, were provided. 6
It was in the same reign that Old Court Castle was
built by an English knight, named Sir Thomas Mulso, who
obtained a grant of land there in what was then called
the marshes of Co. Dublin, on condition of reducing it to
1 Chartulary of St. Mary's Abbey , p. 302.
2 Calendar of Chancery Rolls, 29 Edward 111, pa. Nos. 29, 35, 133
(pp. 55-57) ; 51 Edward 111, c. No. 13 (p. 100); 9 Richard 11, pa. No. 86
(p. 124); 14 Henry IV, pa. No. 8 (p. 202),
3 Calendar of Chancery Rolls , 10 Henry VI, pa . No. 11 (p. 252);
1 Richard 11, c. No. 25 (p. 103).
4 In Dowling\u2019s Annals the number is given as 400. He puts it under
the date 1401, but his dates are not reliable. \u201c 1401. Johannes Drack
major Dublin cum suis civibus interfecit 400 de Hibernicis inimicis juxta
Bree.\u201d
6 According to the Four Masters the killing was usually on the other
side. See Annals, A.D. 1396, 1398, 1413, 1431, 1442.
6 Calendar of Chancery Rolls , 9 Henry VI, pa. No. 20 (p. 249)."""


def test_lines_opening_with_numbers_out_of_the_notes_order_are_no_zone_break() -> None:
    lines = [Line(number, text) for number, text in enumerate(BRAY_PAGE.split("\n"), start=4419)]
    zone = foot_note_zone(lines, FootHabits())
    assert zone is not None and lines[zone].number == 4442
    groups = note_groups(lines[zone:])
    assert [group[0].number for group in groups] == [4442, 4443, 4446, 4448, 4452, 4454]
    assert groups[2][-1].text.startswith("1 Richard 11")  # the last line of note 3


def test_a_line_opening_with_the_number_missing_between_two_notes_opens_that_note() -> None:
    # raw lines 3193-3198 of *The Stones of Bray*: note 2 opens in lower case (``2 e.g.``)
    lines = [
        Line(3193, "1 See \u201c Norman Settlement in Leinster,\u2019' by Mr, James Mills (Deputy"),
        Line(3194, "Keeper of the Records), Journal of R.5.A.1., 1894, pp. 161, 162."),
        Line(3195, "2 e.g. Ghartulary of St. Mary's Abbey , Nos. 4,5, 6, 7. In the last"),
        Line(3196, "cited they are named \u201cDouenaldus Gillemoholmoc et Dervorgil Inien"),
        Line(3197, "MacMurchada.\u201d"),
        Line(3198, "3 Register of St. Thomas' Abbey, pp. 149, 150. Also see Sweetman\u2019s"),
    ]
    assert [group[0].number for group in note_groups(lines)] == [3193, 3195, 3198]


def test_the_next_notes_number_its_stop_read_as_a_comma_opens_it_after_a_note_ended() -> None:
    # the foot of a page of the octavo the test suite's generator typesets with seed 799, as
    # Tesseract read it (its long lines cut short here): note 9's stop read as a comma, under note 8
    lines = [
        Line(70, "8. No less symptomatic was the refusal of Britain and France to agree"),
        Line(71, "coinciding with the mutual assistance pact. Reactionary forces in Spain"),
        Line(72, "loss of power either."),
        Line(74, "9, Could, Into Being Could, Vol. 9, p. 555."),
    ]
    assert [group[0].number for group in note_groups(lines)] == [70, 74]
    # another number so read goes on with the note (``4, Adopted`` after note 8), and so does the
    # next number where the note before has not ended
    assert [group[0].number for group in note_groups([*lines[:3], Line(74, "4, Adopted, Vol. 17.")])] == [70]
    unended = [lines[0], Line(71, "coinciding with the mutual assistance pact, as the treaty of"), lines[3]]
    assert [group[0].number for group in note_groups(unended)] == [70]


# raw lines 312-318 and 334-339 of *South Australian Land Exploration* (of the page above), with
# note 17's number as the repairs before give it (OCR read it as ``3`` and a quotation mark): OCR put
# note 17's marker at the start of the next line (``17 That Eyre``)
_PAGE_LINES = DAMAGED_INSIDE_PAGE.split("\n")
LINE_START_MARKER_PAGE = "\n".join(
    [
        *_PAGE_LINES[312 - 306 : 319 - 306],
        "17 Babbage\u2019s reports to the Gold Search Commission are printed in the",
        *_PAGE_LINES[335 - 306 : 340 - 306],
    ]
)


def test_a_marker_ocr_put_at_the_next_lines_start_goes_back_to_the_paragraph_it_ends() -> None:
    # the blocks as the reader cut the whole page (its measure, a full line of 65.6 characters)
    lines = [Line(number, text) for number, text in enumerate(LINE_START_MARKER_PAGE.split("\n"), start=312)]
    lines[7:] = [Line(number + 15, text) for number, text in lines[7:]]
    paragraphs = [
        paragraph_block(lines[:4], 65.6, LineHabits()),
        paragraph_block(lines[4:7], 65.6, LineHabits()),
    ]
    blocks = [*paragraphs, *note_blocks(lines[7:])]
    repaired = restore_line_start_markers(
        blocks, RepairContext(BookVocabulary.from_texts([LINE_START_MARKER_PAGE]))
    )
    assert [block.first_line for block in repaired.blocks] == [312, 334, 337]
    text = repaired.blocks[0].text
    assert "the bottom sound.¹⁷ That Eyre had missed" in text
    assert repaired.blocks[0].raw_line(text.index("That Eyre")) == 316
    assert repaired.blocks[1].text.startswith("¹⁷ Babbage")


# Caritas Anglicana, raw lines 7180-7222: note 2 at the first page's foot ends mid-sentence (``owing
# to the hostility``); the next page's text goes on from the first page's (``left London, …``) and
# ends a sentence, and note 2 goes on at its foot (``of Ziegenhagen (Chaplain to Queen Caroline).``)
CONTINUED_NOTE = (Path(__file__).parent / "data" / "caritas-anglicana-7180-7222.txt").read_text(
    encoding="utf-8"
)
# the notes' type as the book's note zones show it (:func:`learn_note_type` on the whole book)
CARITAS_NOTE_TYPE = NoteType(body_measure=48.0, note_length=54.3)


def _continued_note_pages(note_open: bool) -> list[list[Block]]:
    habits = FootHabits(note_type=CARITAS_NOTE_TYPE)
    pages = split_pages(CONTINUED_NOTE, 7180)
    return [
        read_page(page, 48.0, habits, LineHabits(), note_open and number > 0)
        for number, page in enumerate(pages)
    ]


def test_a_note_left_unfinished_goes_on_at_the_next_pages_foot() -> None:
    first, second = _continued_note_pages(note_open=True)
    assert first[-1].kind == "note" and first[-1].text.endswith("owing to the hostility")
    continued = [block for block in second if "continues" in block.extra]
    assert [(block.kind, block.first_line) for block in continued] == [("note", 7218)]
    assert continued[0].text.startswith("of Ziegenhagen (Chaplain to Queen Caroline).")
    assert all(block.kind == "text" for block in second[: second.index(continued[0])])
    # after a page whose last note ends its sentence, the same lines are the page's text
    _, alone = _continued_note_pages(note_open=False)
    assert not any("continues" in block.extra for block in alone)
    assert not any(block.kind == "note" for block in alone if block.first_line == 7218)


def test_the_rest_of_a_note_is_appended_to_it_and_the_pages_text_stays() -> None:
    first, second = _continued_note_pages(note_open=True)
    second[0] = replace(second[0], page_break_before=True)
    repaired = attach_note_continuations([*first, *second], RepairContext(BookVocabulary()))
    notes = [block for block in repaired.blocks if block.kind == "note"]
    assert "owing to the hostility of Ziegenhagen (Chaplain to Queen Caroline)." in notes[-1].text
    assert not any("left London" in note.text for note in notes)
    assert any(block.text.startswith("left London, Zinzendorf") for block in repaired.blocks)
    [change] = repaired.changes
    assert "lines set in the notes' type at the top of the page's foot" in change.explanation


DATA = Path(__file__).parent / "data"
# the notes' type of *Handbook of Queensland Geology* as its note zones show it
HANDBOOK_NOTE_TYPE = NoteType(body_measure=67.1, note_length=69.7)


def _excerpt(name: str, first: int) -> list[Line]:
    """The raw lines of an excerpt in ``tests/data``, numbered from raw line ``first``."""
    text = (DATA / name).read_text(encoding="utf-8")
    return [Line(number, line) for number, line in enumerate(text.split("\n")[:-1], start=first)]


def test_notes_whose_numbers_ocr_damaged_beyond_the_sequence_are_told_by_their_type() -> None:
    # raw lines 575-616 of *South Australian Land Exploration*: notes 34 to 38 printed as ``54``,
    # ``35 p.p.``, ``50``, ``5”`` and ``58``; the page's text holds markers ``35``, ``36``, ``37``
    lines = _excerpt("south-australian-land-exploration-575-616.txt", 575)
    habits = FootHabits(note_type=EXPLORATION_NOTE_TYPE)
    zone = foot_note_zone(lines, habits)
    assert zone is not None and lines[zone].number == 605
    assert foot_note_zone(lines, FootHabits()) is None  # notes not known to be set smaller
    groups = note_groups(lines[zone:], EXPLORATION_NOTE_TYPE)
    assert [group[0].number for group in groups] == [605, 606, 607, 610, 616]
    assert [group[0].number for group in note_groups(lines[zone:])] == [605, 607, 610, 616]


def test_a_note_whose_number_is_a_token_of_signs_above_the_zone_is_told_by_its_type() -> None:
    # raw lines 393-433: note 22 printed ``-- Sir Richard …`` above note 23, in the notes' type
    lines = _excerpt("south-australian-land-exploration-393-433.txt", 393)
    zone = foot_note_zone(lines, FootHabits(note_type=EXPLORATION_NOTE_TYPE))
    assert zone is not None and lines[zone].number == 426
    assert foot_note_zone(lines, FootHabits()) == [number for number, _ in lines].index(428)


def test_a_note_number_lower_than_the_one_before_after_a_notes_end_opens_a_note() -> None:
    # raw lines 862-895: notes 58 and 59 printed ``53 S.A. Reg., …`` and ``36 In response …``
    lines = _excerpt("south-australian-land-exploration-862-895.txt", 862)
    zone = foot_note_zone(lines, FootHabits(note_type=EXPLORATION_NOTE_TYPE))
    assert zone is not None and lines[zone].number == 885
    groups = note_groups(lines[zone:], EXPLORATION_NOTE_TYPE)
    assert [group[0].number for group in groups] == [885, 886, 887, 888, 889, 894]


def test_body_text_set_in_the_notes_type_is_no_note_zone() -> None:
    # raw lines 4088-4146 of *Handbook of Queensland Geology*: a quotation set small, its line
    # ``174 BSs., was similarly treated …`` opening as a note; the lines above it are of that type
    lines = _excerpt("handbook-of-queensland-geology-4088-4146.txt", 4088)
    assert foot_note_zone(lines, FootHabits(note_type=HANDBOOK_NOTE_TYPE)) is None


def test_damaged_numbers_told_by_type_get_their_markers_and_a_stray_number_stays_unlinked() -> None:
    lines = _excerpt("south-australian-land-exploration-575-616.txt", 575)
    zone = foot_note_zone(lines, FootHabits(note_type=EXPLORATION_NOTE_TYPE))
    assert zone is not None
    text = Block(" ".join(t for _, t in lines[:zone]), 575, 604, page_break_before=True)
    previous = Block("³³ A proposal was addressed to the Colonial Secretary.", 568, 570, kind="note")
    notes = note_blocks(lines[zone:], EXPLORATION_NOTE_TYPE)
    excerpt = "\n".join(t for _, t in lines)
    repaired = restore_plain_note_numbers(
        _with_next_page([previous, text, *notes]), RepairContext(BookVocabulary.from_texts([excerpt]))
    )
    assert [block.text[:4] for block in repaired.blocks[2:7]] == ["54 I", "³⁵ p", "³⁶ C", "³⁷ L", "58 F"]
    page = repaired.blocks[1].text
    assert "services³⁵ to" in page and "recommended³⁶ as" in page and "country³⁷ in" in page
    # the next page (raw lines 621-628, 652-655): notes 39 and 40 printed ``3!>`` and ``-*0``; the
    # stray ``58`` took note 38's place in the sequence, so they fill the gap up to note 41
    assert [block.text[:4] for block in repaired.blocks[8:]] == ["³⁹ P", "⁴⁰ P", "⁴¹ W"]


def _with_next_page(blocks: list[Block]) -> list[Block]:
    """``blocks`` and raw lines 621-628 and 652-655 of *South Australian Land Exploration*."""
    text = (
        "the north shore of Lake Torrens. 39 The expedition, provisioned for eighteen months, was "
        "heavily equipped with drays, a tank cart for conveying and storing water, elaborate boring "
        "and photographic apparatus, astronomical instruments prepared by the indefatigable zeal of "
        "Mr. Todd, and stills for the condensation of salt water. 40 As an intelligent theorist "
        "Babbage excelled. He had provided for every possible contingency, especially the water "
        "difficulty, and had only to deplore the small number of men at his disposal. 41"
    )
    notes = [
        Block("3!> P.P. 25/1858.", 652, 652, kind="note"),
        Block("-*0 Paper read by Babbage before Ad. Phil. Soc., Feb. 2, 1858; also", 653, 653, kind="note"),
        Block("41 W. G. Harris (surveyor), Th. Warriner (gen, asst.), D. D. Herrgott", 655, 655, kind="note"),
    ]
    return [*blocks, Block(text, 621, 628, page_break_before=True), *notes]


def _restored_openings(text: str, first: int, notes: list[str], previous: str) -> list[str]:
    """The openings of ``notes`` (one block each, from raw line ``first`` + 1) at the foot of a page
    of ``text`` (raw line ``first``), after note ``previous``, once plain note numbers are restored."""
    page = Block(text, first, first, page_break_before=True)
    blocks = [Block(previous, first - 1, first - 1, kind="note"), page]
    blocks += [Block(note, first + n, first + n, kind="note") for n, note in enumerate(notes, start=1)]
    repaired = restore_plain_note_numbers(blocks, RepairContext(BookVocabulary.from_texts([text])))
    return [block.text[:5] for block in repaired.blocks[2:]]


def test_a_damaged_number_before_a_lost_note_is_left_where_either_marker_fits() -> None:
    # raw lines 2139-2171 of *South Australian Land Exploration*, clipped: note 12 is lost (OCR
    # read its number ``J 2``), ``*3.`` opens note 13, and the page holds the markers 12 and 13
    text = (
        "more extensive trip to terminate only at Cambridge Gulf. 12 His offer to the Government "
        "recommend immediate action.\u201d 13 The hesitation of New r South Wales, 14 however"
    )
    notes = ["*3. C.S.O. 1136/59, Gov. in Chief to Mr. Yonnghusband, July 19.", "14 C.S.O. 16b2/59."]
    assert _restored_openings(text, 2139, notes, "¹¹ According to Hardman.") == ["*3. C", "¹⁴ C."]
    # raw lines 1674-1706: a number whose digits OCR set apart (``1 6``) reads its place
    text = "South Wales Government. 15 In the meanwhile, Governor MacDonnell 16 announced … Parla, 17 and"
    notes = ["1 6 Desp. No. 229 of Mar. 22, 185 S, and 233 of May 11, 1858.", "18 P.C.O. 195i/57."]
    assert _restored_openings(text, 1674, notes, "¹⁵ Desp. of May 25, 1858.")[0] == "¹⁶ De"


# Memoir of the Rev. Irving Hetherington, raw lines 4160-4189: a page of running text whose OCR put
# ``•`` before words at line starts (``•congregation``, ``•called``, ``•Synod, and adopted …``)
SPECKED_PAGE = (Path(__file__).parent / "data" / "memoir-of-the-rev-irving-4160-4189.txt").read_text(
    encoding="utf-8"
)


def test_a_symbol_that_opens_lines_before_lower_case_words_is_a_speck_and_opens_no_note() -> None:
    lines = [Line(number, text) for number, text in enumerate(SPECKED_PAGE.split("\n"), start=4160) if text]
    habits = learn_foot_habits([lines])
    assert habits.symbol_specks == 2  # ``•congregation``, ``•called``
    # the whole book's page feet show a symbol opening a note on 9 pages, its lines 89 such specks
    specked = replace(habits, symbol_zones=9, symbol_specks=89)
    assert not specked.symbol_notes
    assert foot_note_zone(lines, specked) is None
    # where the symbol opens notes on more pages than it opens lines before lower-case words, it is
    # the book's habit: the ``•Synod`` line would open a note
    assert replace(habits, symbol_zones=9, symbol_specks=2).symbol_notes
    assert foot_note_zone(lines, replace(habits, symbol_zones=9, symbol_specks=2)) == 13


def _tesseract_text(book: str) -> str:
    """Tesseract's plain text of a generated book in ``tests/data`` (the module's docstring), normalised."""
    return normalise_text(
        (Path(__file__).parent / "data" / f"tesseract-{book}.txt").read_text(encoding="utf-8")
    )[0]


def test_notes_numbered_on_from_page_foot_to_page_foot_are_read_though_their_markers_are_marks() -> None:
    notes = [block for block in split_wrapped_lines(_tesseract_text("octavo-1025")) if block.kind == "note"]
    # numbered by chapter (7, 2, 6 and 3 notes); ``1,`` and ``4,``: the stop read as a comma
    numbers = [note.text.split(maxsplit=1)[0] for note in notes]
    chapters = [["1,", *(f"{n}." for n in range(2, 8))], ["1.", "2."], ["1.", "2.", "3.", "4,", "5.", "6."]]
    assert numbers == [number for chapter in [*chapters, ["1,", "2.", "3."]] for number in chapter]
    assert {note.extra["placed"] for note in notes} == {RUNNING_NOTES}
    # the QA report's input evidence says how they were found
    findings = read_wrapped_lines(_tesseract_text("octavo-1025")).findings
    assert "their markers unread in the text: 8 (their notes set in a smaller type" in " ".join(findings)


def test_a_page_foot_whose_notes_their_markers_tell_is_left_to_them() -> None:
    pages = [[line for run in page for line in run] for page in split_pages(_tesseract_text("octavo-1025"))]
    assert len(learn_running_notes(pages, [None] * len(pages))) == 8
    assert learn_running_notes(pages, [1] * len(pages)) == frozenset()


def test_paragraphs_numbered_on_from_page_foot_to_page_foot_in_the_bodys_type_are_no_notes() -> None:
    pages = [[line for run in page for line in run] for page in split_pages(_tesseract_text("octavo-1025"))]
    runs = learn_running_notes(pages, [None] * len(pages))
    shortened = []
    for lines in pages:
        first = next((at for at, (number, _) in enumerate(lines) if number in runs), len(lines))
        shortened.append([*lines[:first], *((number, text[:70]) for number, text in lines[first:])])
    assert learn_running_notes(shortened, [None] * len(pages)) == frozenset()


def test_the_number_of_a_division_label_is_no_note_marker() -> None:
    # lines of the quarto the test suite's generator typesets with seed 1026, as Tesseract read them
    # (the paragraph's cut short, the label's number made 1): a chapter's first page, its note's
    # raised number read ``1``, its marker in the text lost
    blocks = [
        Block("Chapter 1", 1, 1),
        Block("The Soviet government held up to shame the policy of setting the peoples apart.", 3, 3),
        Block("1 Capitalist, Question Was, Vol. 14, p. 73.", 5, 5, "note"),
    ]
    repaired = restore_plain_note_numbers(
        blocks, RepairContext(BookVocabulary.from_texts([b.text for b in blocks]))
    )
    assert [block.text for block in repaired.blocks] == [block.text for block in blocks]
    assert not repaired.changes


def test_a_chapters_title_printed_under_its_label_is_a_running_title_alone_at_a_page_top() -> None:
    blocks = split_wrapped_lines(_tesseract_text("crown-1025"))
    titles = [
        block.text for block in blocks if block.extra.get("furniture", {}).get("kind") == "running title"
    ]
    chapters = ["SECOND PART GERMANY SHOULD INCLUDE", "THAT THE CLAIMS FORMER OWNERS", "HELP FROM SOVIET"]
    assert titles == [*chapters, "TASK PREPARING PEACEFUL SETTLEMENT"]
    # the headings under their labels stay, and so does the book's title, printed once at a page top
    headings = [block.text for block in blocks if "furniture" not in block.extra and block.text.isupper()]
    assert "SECOND PART GERMANY SHOULD\nINCLUDE" in headings and "WAS ALSO SUGGESTED" in headings


def test_a_chapters_title_shortened_alone_at_a_page_top_is_a_running_title() -> None:
    # the crown octavo of seed 797: chapter one's title under its label runs over three lines, and
    # its running title at the top of the chapter's third page leaves out the last word
    blocks = split_wrapped_lines(_tesseract_text("crown-797"))
    titles = [
        block.text for block in blocks if block.extra.get("furniture", {}).get("kind") == "running title"
    ]
    assert titles == [
        "UNDERLINED THAT THE DISCONTINUATION ECONOMIC",
        "WERE SOON SIGNED WITH NORWAY AUSTRIA",
        "RECOGNITION THE DEBTS THE TSARIST",
        "HAD LEARNED HAD",
    ]
    assert "UNDERLINED THAT THE\nDISCONTINUATION ECONOMIC\nAGGRESSION" in [block.text for block in blocks]


def test_a_chapters_title_alone_at_a_page_top_its_page_number_misread_is_a_running_title() -> None:
    # as Tesseract read the octavo of seed 808: ``z`` for the recto's page number 7
    prose = "The Soviet government made it clear that it would not accept the proposals of the"
    text = f"CHAPTER IV\n\nFULLY SUPPORTED CHURCHILL\n\n{prose}\n{prose}\n\f"
    text += f"FULLY SUPPORTED CHURCHILL z\n\nmission, which had come to Moscow in the spring.\n{prose}\n"
    titles = [block.text for block in split_wrapped_lines(text) if "furniture" in block.extra]
    assert titles == ["FULLY SUPPORTED CHURCHILL z"]


def test_notes_set_apart_at_page_feet_in_smaller_type_are_read_though_ocr_damaged_their_numbers() -> None:
    notes = [block for block in split_wrapped_lines(_tesseract_text("quarto-1040")) if block.kind == "note"]
    # each run of lines between blank lines a note, two notes on a run where one ends above the next
    # (``® British, … p. 436.`` over ``® Been Fulfilled, …``); their numbers as OCR read them
    openings = [note.text.split(maxsplit=1)[0] for note in notes]
    assert openings == [
        "1",
        "?",
        "2?",
        "4",
        "5",
        "®",
        "7",
        "®",
        "®",
        "\u2018©The",
        "\u2018|",
        "2",
        "13",
        "14",
        "18",
    ]
    assert {note.extra["placed"] for note in notes} == {SET_APART_NOTES}
    # the repair numbers them from the book's count and reads the page's marks as their markers
    repaired, evidence = repair_text(_tesseract_text("quarto-1040"))
    numbers = [block.text.split(maxsplit=1)[0] for block in repaired.blocks if block.kind == "note"]
    assert [number.translate(FROM_SUPERSCRIPT) for number in numbers] == [str(n) for n in range(1, 16)]
    body = " ".join(block.text for block in repaired.blocks if block.kind != "note")
    markers = [marker.translate(FROM_SUPERSCRIPT) for marker in NOTE_MARKER_RE.findall(body)]
    assert markers == [str(n) for n in range(1, 16)]
    findings = " ".join(evidence.findings)
    assert "set apart by a blank line in a smaller type (whatever OCR made of their numbers): 8" in findings


def test_runs_at_page_feet_in_the_bodys_type_are_no_notes_set_apart() -> None:
    pages = [[line for run in page for line in run] for page in split_pages(_tesseract_text("quarto-1040"))]
    apart = learn_set_apart_notes(pages)
    assert len(apart) == 8
    # the feet's lines cut to the body's measure: numbered paragraphs, not notes
    shortened = []
    for lines in pages:
        first = next((at for at, (number, _) in enumerate(lines) if number in apart), len(lines))
        shortened.append([*lines[:first], *(Line(number, text[:68]) for number, text in lines[first:])])
    assert learn_set_apart_notes(shortened) == frozenset()
    # nor are they notes on fewer pages than a habit's
    assert learn_set_apart_notes(pages[:3]) == frozenset()


BODY_LINE = "The Soviet government held that the peace would hold for many years on"  # 70 characters
NOTE_LINE = "The Soviet delegation was sent to Sofia, and the talks went on there for many weeks at"  # 86


def _quarto_page(first: int, *notes: str) -> list[Line]:
    """A page of twelve body lines, then its notes, each a run of lines set apart by a blank line
    (``notes``: their first words; a full line in the notes' type, then a short one), then its
    number."""
    lines = [Line(first + at, BODY_LINE) for at in range(12)]
    for opening in notes:
        number = lines[-1].number + 2
        lines += [Line(number, f"{opening} {NOTE_LINE}"[:88]), Line(number + 1, "and so it ended.")]
    return [*lines, Line(lines[-1].number + 2, str(first))]


def test_notes_set_apart_open_with_any_damaged_number_and_with_a_symbol_where_the_book_marks_none() -> None:
    # ``® A Soviet``: a damaged number before a word of one letter; ``*For``: a raised number read as
    # a symbol glued to the note's first word
    pages = [_quarto_page(first, "® A", "*For", "3 In", "4 On") for first in range(1, 200, 40)]
    firsts = {lines[12].number for lines in pages}
    assert learn_set_apart_notes(pages, damaged_symbols=True) == firsts
    # where the book marks its notes with symbols, a symbol opens no note set apart so: the notes
    # would be those under it, with lines of their type above them, so none is taken
    assert learn_set_apart_notes(pages) == frozenset()
    # nor are notes set apart where as many of them open with a symbol as with a number
    symbols = [_quarto_page(first, "® A", "*For", "\u2020 In", "4 On") for first in range(1, 200, 40)]
    assert learn_set_apart_notes(symbols, damaged_symbols=True) == frozenset()


def test_notes_set_apart_are_taken_beside_those_numbered_on_from_page_foot_to_page_foot() -> None:
    # four page feet whose notes are numbered on (1-2, 3-4, 5-6, 7-8), and three whose numbers OCR
    # damaged (``® A``, ``?2 On``): the book's running notes, and its notes set apart on the others
    numbered = [("1 In", "2 On"), ("3 In", "4 On"), ("5 In", "6 On"), ("7 In", "8 On")]
    damaged = [("® A", "?2 On")] * 3
    pages = [_quarto_page(40 * at + 1, *notes) for at, notes in enumerate([*numbered, *damaged])]
    habits = learn_foot_habits(pages)
    assert habits.running_notes == {lines[12].number for lines in pages[:4]}
    assert {lines[12].number for lines in pages[4:]} <= habits.set_apart_notes
    assert [foot_note_zone(lines, habits) for lines in pages] == [12] * len(pages)
