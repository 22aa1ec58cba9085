"""Where a paragraph ends in text wrapped as printed (pipeline/readers/line_ends.py): the line's
fill against the book's own inner line ends, the next line's start, quotation marks that open
paragraphs, note markers at the line end, lines set on their own; and the page-break joins that
read the reader's evidence (pipeline/repair/page_breaks.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.model import Block
from pipeline.readers.line_ends import (
    FIT_CEILING,
    SHORT_LINE_SHARE,
    LineHabits,
    cites_quotation,
    ends_paragraph,
    fill,
    finished,
    learn_fit_share,
    learn_line_habits,
    learn_titles,
    line_bound,
    room,
    type_grows,
)
from pipeline.readers.wrapped_lines import measure, page_measure, split_pages, split_wrapped_lines
from pipeline.repair import RepairContext
from pipeline.repair.page_breaks import (
    decide_page_break_join,
    decided_by_reader,
    ends_full_line,
    rejoin_page_breaks,
)
from pipeline.repair.vocabulary import BookVocabulary
from pipeline.text.markers import (
    NOTE_SYMBOLS,
    PLAIN_MARKER_AT_END_RE,
    SIGN_SYMBOL_FORMS,
    spaced_marker_re,
    without_plain_marker_at_end,
)
from pipeline.text.widths import printed_length

# Real OCR wrapped as printed (in ``tests/data/``): raw lines 4940-5060 of
# ``handbook-of-queensland-geology-by-409636148.txt`` in the development set of real books
# (``shared/real/``: R. L. Jack, *Handbook of Queensland Geology*, Brisbane, 1886): a long quotation
# whose every paragraph opens with a quotation mark, the page's lines 60 to 83 characters long.
HANDBOOK_FIRST_LINE = 4940
HANDBOOK = (Path(__file__).parent / "data" / "handbook-of-queensland-geology-4940-5060.txt").read_text(
    encoding="utf-8"
)
# raw lines 444-445 and 491-492 of ``caritas-anglicana-or-an-historical-502488898.txt`` (lines of
# 40 to 54 characters): a sentence ends on a full line (444), a paragraph on a line of 30 (491)
CARITAS_FULL = "yet undreamed of during the reign of Charles 11."
CARITAS_AFTER_FULL = "The result of the conflicts and reactions of the"
CARITAS_END = "claims of the restored Church."
CARITAS_NEXT = "Along with this political presentation of re-"
CARITAS_HABITS = LineHabits(fit_share=0.9)
CARITAS_MEASURE = 48


def handbook_habits() -> LineHabits:
    pages = split_pages(HANDBOOK, HANDBOOK_FIRST_LINE)
    book = measure([line for page in pages for run in page for line in run])
    return learn_line_habits(pages, [page_measure(page, book) for page in pages])


def test_a_paragraph_ends_where_the_next_word_would_have_fitted() -> None:
    assert fill(CARITAS_END, CARITAS_NEXT, CARITAS_MEASURE) < CARITAS_HABITS.fit_share
    assert ends_paragraph(CARITAS_END, CARITAS_NEXT, CARITAS_MEASURE, CARITAS_HABITS)
    # a sentence ended on a full line: the paragraph may go on
    assert not ends_paragraph(CARITAS_FULL, CARITAS_AFTER_FULL, CARITAS_MEASURE, CARITAS_HABITS)
    # the next line goes on in lower case; a line that does not end a sentence
    assert not ends_paragraph(CARITAS_END, "and the nation", CARITAS_MEASURE, CARITAS_HABITS)
    assert not ends_paragraph("necessary to go back to the", CARITAS_NEXT, CARITAS_MEASURE, CARITAS_HABITS)
    # a list entry's letter in brackets is not a lower-case continuation (notes-on-supply, line 101)
    assert ends_paragraph("transport.", "(c) Supply Sections of Divisional Train.", 58, CARITAS_HABITS)


def test_a_note_marker_or_a_dash_after_the_end_is_read_through() -> None:
    assert finished("tion who should be better taught.\u201d 1") == "sentence"  # caritas, line 526
    assert finished("of Severity .\u201d 1") == "sentence"  # OCR's space before the stop
    assert finished("Darwin, p. 72") == ""  # a page number is not a marker
    assert finished("the Department of Mines, has been as follows: \u2014") == "colon"
    assert finished("reached, on June 5, \u2014") == "dash"


def test_a_lone_digit_after_a_word_ends_a_sentence_whose_stop_ocr_lost() -> None:
    # history-of-the-colony, line 4923: a question mark read as ``1``; caritas, lines 904-905: a note
    # marker after ``Church.\u201d`` read ``Churchy 4``, the next word fitting on the line
    assert finished("minder sounds like a reproach, whose fault is it but our own 1") == "sentence"
    ended, after = (
        "Societies were a Support to our Churchy 4",
        "It is not surprising in that age of unrest to",
    )
    assert finished(ended) == "sentence"
    assert ends_paragraph(ended, after, 48.4, LineHabits(fit_share=0.94))
    # a number of two digits or more, or after a single letter, is no marker
    assert finished("were found in the year 1870") == finished("see Darwin, p. 2") == ""
    # where it ends its paragraph, a page whose foot holds note 4 takes it as the marker
    assert spaced_marker_re("4").search("these Societies were a Support to our Churchy 4")


def test_a_paragraph_ends_where_the_type_grows_after_a_synopsis_set_small() -> None:
    # history-of-the-colony, lines 1634-1637: a chapter's synopsis in smaller type (lines of 91
    # characters on a page of 72), its last line ending with a comma, then the text
    lines = [
        "\u2014 Failure of both \u2014First Land Sale in 1842\u2014First Representative Institutions "
        "granted to",
        "New South Wales \u2014First Election \u2014Progress of Settlement\u2014Poisoning of the Aborigines,",
        "Wb now arrive at a period of the narrative whose interest, not, perhaps,",
        "immediately apparent, grows upon ns as it proceeds. The process of free",
    ]
    assert type_grows(lines, 1, 72)
    # the text's own lines do not grow; nor does a narrow column after long lines
    assert not type_grows(lines[1:], 1, 72)
    assert not type_grows([*lines[:2], "Brien and land", "of sons of"], 1, 72)
    # the synopsis goes on in lower case: no paragraph's end
    assert not type_grows([*lines[:2], "and the text goes on in lower case in its type, as", lines[3]], 1, 72)


def test_a_cited_quotation_ends_its_paragraph_however_full_the_line() -> None:
    # caritas, lines 556-558: a quoted passage closed, its note marker after it, on a full line
    ended = "to make a Pulpit before they preached in it.\u201d 1"
    after = "It is customary, indeed, to regard the lax"
    assert cites_quotation(ended)
    assert fill(ended, after, 49) > CARITAS_HABITS.fit_share
    assert ends_paragraph(ended, after, 49, CARITAS_HABITS)
    # a sentence ended on the same full line without a quotation and a marker may go on
    assert not cites_quotation("to make a Pulpit before they preached in it. 1")
    assert not ends_paragraph("to make a Pulpit before they preached in it.", after, 49, CARITAS_HABITS)
    # a quotation closed inside its sentence goes on in lower case (south-australian, line 393)
    assert not ends_paragraph(ended, "and so on", 49, CARITAS_HABITS)


def test_a_quotation_after_a_colon_is_its_own_paragraph_unless_it_closes_inside_the_sentence() -> None:
    # caritas, lines 538-539: a quotation set as its own paragraph after a full line
    said = 'he says of \u201cthose of the late Reforming Age" :'
    quotation = "\u201c Latin was with them a Mortal Crime,"
    assert fill(said, quotation, 49) > CARITAS_HABITS.fit_share
    assert ends_paragraph(said, quotation, 49, CARITAS_HABITS)
    # the-world-revolution, lines 1245-1246: a quotation closed inside the sentence, which goes on
    inline = "\u201cSee, our demands are yours,\u201d and thereby bre"
    assert not ends_paragraph("as its own aims, and retort to the workers :", inline, 49, CARITAS_HABITS)


def test_a_marker_ocr_read_as_a_sign_and_a_title_abbreviation_at_the_end() -> None:
    # on-the-modification, lines 299 and 311: a dagger read as ``-f``, a paragraph mark as ``^``
    assert finished("out the aid of any form of natural selection.\u201d -f") == "sentence"
    assert finished("ment we have quoted.^") == "sentence"
    # a letter after the stop may be the next sentence's first word: no marker
    assert finished("the end. I") == ""


def test_a_title_the_book_puts_before_names_ends_no_sentence() -> None:
    # memoir-of-the-rev-irving, lines 50, 127, 146 and 584-585: ``Mr.`` always before a name
    memoir = [
        "(most of which were furnished by Mr. Hetherington\u2019s",
        "completed,\u2014Debt liquidated,\u2014Testimonial to Mr. Hether-",
        "Ministers from Ireland, \u2014Testimonial to Mr. Hetherington,",
    ]
    # the-transportation-question, lines 3726, 3936, 3955: a price's ``6d.`` read ``Gd.``
    catalogue = [
        "3 vols. crown Bvo. cloth, \u00a31 11s. Gd. Just ready.",
        "In Bvo. cloth, 7s. Gd. each.",
        "In Fcap. Bvo. cloth, 3s. Gd. Just ready.",
    ]
    habits = LineHabits(fit_share=0.9, titles=learn_titles(memoir + catalogue))
    assert habits.titles == {"Mr."}
    ended = "the appeal. At the meeting of Synod, when Mr."
    # memoir: pages of 59 characters; the name would have fitted on the line
    assert finished(ended) == "sentence" and fill(ended, "Baird", 59) < habits.fit_share
    assert not ends_paragraph(ended, "Baird presented his mandate, empowering him to", 59, habits)
    # the-transportation-question, lines 3875-3876: a price ends the catalogue's entry
    price = "Illustrations. Fcap. Svo. 7s. Gd."
    assert ends_paragraph(price, "2. Autobiography of Matthew Robinson.", 59, habits)


def test_the_bar_rises_where_most_sentence_ends_just_above_it_end_paragraphs() -> None:
    # a book whose OCR spreads its inner line ends wide (caritas: a tenth of them fill less than
    # 0.94 of the measure with the next word): 20 of every 100 inner line ends below 1.0 fill
    inner = [0.85 + 0.0075 * (i % 20) for i in range(200)] + [1.0 + 0.001 * i for i in range(800)]
    # a sentence ends inside a paragraph on one full line in eight
    inside = [1.0 + 0.008 * i for i in range(100)]
    # … and as often below 1.0 as the inner line ends: no paragraph end there, the bar stays low
    alike = inside + [0.85 + 0.03 * i for i in range(5)]
    assert learn_fit_share(inner, alike) == pytest.approx(0.88)
    # paragraph ends among them, many more than those sentences: raised, up to the ceiling at most
    ended = alike + [0.85 + 0.0015 * i for i in range(60)]
    assert learn_fit_share(inner, ended) == FIT_CEILING
    # too few inner line ends to learn from
    assert learn_fit_share(inner[:10], ended) == SHORT_LINE_SHARE


def test_the_book_tells_how_full_its_lines_go_on_and_how_its_quotations_open() -> None:
    habits = handbook_habits()
    assert habits.quote_opens
    assert 0.9 < habits.fit_share < 1.05
    # too few lines to learn from: a clearly short line only
    assert learn_line_habits([], []) == LineHabits()


def test_each_paragraph_of_a_quotation_opens_a_block() -> None:
    starts = [block.first_line for block in split_wrapped_lines(HANDBOOK, HANDBOOK_FIRST_LINE)]
    # a quotation mark after a full line that ends a sentence (lines 4973 and 4983 are full)
    assert {4974, 4984, 5019, 5042} <= set(starts)


def test_lines_set_on_their_own_stay_one_block_a_line_each() -> None:
    # handbook, raw lines 4655-4666: a table of yearly returns between two paragraphs
    text = (
        "The Returns from the Etheridge and Woolgar are mixed up in the\n"
        "Reports of the Department of Mines. They are as follows\n"
        "To end of year. Ounces.\n1877 143,000.\n1878 7,396.\n1879 15,498.\n1880 20,368.\n"
        "MARENGO GOLDFIELD.\n"
        "In this region, a low table-land, a spur of the Clax-ke Range, project-\n"
        "ing to the north, divides the head waters of the Bogie from the valley"
    )
    assert line_bound("1878 7,396.", "1879 15,498.", 68)
    assert not line_bound("To end of year. Ounces.", "1877 143,000.", 68)
    # a narrow column of prose runs on (the-burney-papers, lines 7530-7531)
    assert not line_bound("Mat All did no* fight", "much as his object was to", 53)
    blocks = split_wrapped_lines(text, 4655)
    table = next(block for block in blocks if block.first_line == 4658)
    assert table.text == "1877 143,000.\n1878 7,396.\n1879 15,498.\n1880 20,368."
    assert "room" not in table.extra


def test_rows_set_with_dot_leaders_stay_one_block_however_long() -> None:
    # handbook, raw lines 4624-4632: an analysis quoted as a table, one row longer than half the measure
    rows = [
        "\u201cCopper ... ... ... 16*25",
        "Antimony ... ... ... 26*30",
        "Silver ... ... ... 15 - 35 = 5,013 ounces.",
        "1r0n... ... ... ... 8*49",
        "Zinc ... ... ... 8*75",
    ]
    text = "kindly placed at my disposal an exhaustive analysis made by him of\nthis valuable find :\n"
    assert line_bound(rows[2], rows[3], 68)
    # an ellipsis in prose is no leader (caritas, line 545)
    assert not line_bound("Diversity of Tongues. . . . All Learning was utterly", "cryed down.", 49)
    blocks = split_wrapped_lines(text + "\n".join(rows), 4623)
    assert [block.first_line for block in blocks] == [4623, 4625]
    assert blocks[1].text == "\n".join(rows)


def test_a_paragraph_block_keeps_the_room_of_its_last_line() -> None:
    pages = split_pages(HANDBOOK, HANDBOOK_FIRST_LINE)
    book = measure([line for page in pages for run in page for line in run])
    first_page_measure = page_measure(pages[0], book)
    block = next(b for b in split_wrapped_lines(HANDBOOK, HANDBOOK_FIRST_LINE) if b.first_line == 4963)
    # line 4965, "broken granite on either side." (30 characters; 29 as printed): room for a long word
    last_line = HANDBOOK.split("\n")[block.last_line - HANDBOOK_FIRST_LINE]
    assert block.extra["room"] == room(last_line, first_page_measure, handbook_habits()) > 0
    assert block.extra["past_measure"] == printed_length(last_line) - first_page_measure < 0


def test_page_break_joins_read_the_last_line_and_leave_the_readers_cuts() -> None:
    vocabulary = BookVocabulary()
    full = Block("which have been worked for gold; one, which I traced for some distance.", 5052, 5053)
    full.extra["room"] = 3  # the last line had room for a word of two letters at most
    going_on = Block("running north., 60 degrees east, in a fine-grained syenitic granite.", 5056, 5058)
    going_on.page_break_before = True
    # handbook, lines 5053-5056: a full line, then the next page in lower case: joined, for review
    decision = decide_page_break_join(full, going_on, vocabulary)
    assert decision.join and decision.doubtful
    # a sentence ended on a full line, the next page opening with a capital: joined, as the reader
    # goes on over such a line within a page, for review
    capital = Block("The New Moonta Copper Lode runs north 55 degrees east.", 5056, 5056)
    capital.page_break_before = True
    decision = decide_page_break_join(full, capital, vocabulary)
    assert decision.join and decision.doubtful
    assert "joined, as such lines are within a page: check the printed page" in decision.reason
    assert [item.line for item in rejoin_page_breaks([full, capital], RepairContext(vocabulary)).review] == [
        5053
    ]
    # … unless the next page opens a quotation (a quoted passage may be its own paragraph): reviewed,
    # and the review item names the line where the next page's part starts
    quoted = Block("\u201cThe New Moonta Copper Lode runs north 55 degrees east.", 5056, 5056)
    quoted.page_break_before = True
    decision = decide_page_break_join(full, quoted, vocabulary)
    assert not decision.join and decision.doubtful and "opens a quotation" in decision.reason
    # … or where no page break stands between them (a blank line, a line left out)
    same_page = Block("The New Moonta Copper Lode runs north 55 degrees east.", 5056, 5056)
    decision = decide_page_break_join(full, same_page, vocabulary)
    assert not decision.join and decision.doubtful and "no page break" in decision.reason
    review = rejoin_page_breaks([full, quoted], RepairContext(vocabulary)).review
    assert [(item.line, item.reason.endswith("(the next part starts at line 5056)")) for item in review] == [
        (5053, True)
    ]
    # a ragged book's full line (caritas, line 500: 49 characters on a page of 48) is full, however
    # little room its fill left; a line far past the measure is in smaller type
    ragged = Block("indeed right through the period of the Rebellion.", 492, 500)
    ragged.extra.update(room=-7, past_measure=1)
    assert ends_full_line(ragged, "But they were only the very elect of their classes.")
    ragged.extra["past_measure"] = 10
    assert not ends_full_line(ragged, "But they were only the very elect of their classes.")
    # two paragraphs the reader cut on one page are left as they are
    assert decided_by_reader(full, Block("Next paragraph.", 5054, 5054))
    assert not decided_by_reader(full, capital)


def test_a_joined_second_half_keeps_the_page_breaks_it_holds() -> None:
    # the-stones-of-bray, lines 5789-5940: a paragraph ends a page on a full line; the next page's
    # paragraph, joined across two more pages already, goes on: all three breaks are kept
    first = Block("When the clergy dispersed, some of them went to the south.", 5789, 5822)
    first.extra.update(room=2, past_measure=0)
    second = Block("After visiting the church, you would go on. It was not built then.", 5873, 5940)
    second.page_break_before = True
    second.extra["page_breaks"] = [{"line": 5896, "offset": 44, "in_word": False}]
    joined = rejoin_page_breaks([first, second], RepairContext(BookVocabulary())).blocks
    assert len(joined) == 1
    breaks = joined[0].extra["page_breaks"]
    assert [place["line"] for place in breaks] == [5873, 5896]
    assert joined[0].text[breaks[1]["offset"] :].startswith("It was not built then.")


def test_a_line_is_measured_by_its_printed_width() -> None:
    # narrow letters print shorter than their count of characters, capitals and m or w wider
    assert printed_length("ill-fitting little lilt") < len("ill-fitting little lilt")
    assert printed_length("WOMEN AND MEN") > len("WOMEN AND MEN")
    # on-the-modification, lines 201-202: a paragraph's end whose count of characters with the next
    # word fills the page's measure (56) as the book's fullest inner line ends do, printed it does not
    ended, after = "useless to struggle for existence as best they may.", "It will be readily admitted that"
    assert len(f"{ended} It") / 56 > 0.96 > fill(ended, after, 56)


MARKER_SIGNS = 'ab .,;:!?"\u201d\u2019)]\n0123٣' + NOTE_SYMBOLS + "".join(SIGN_SYMBOL_FORMS) + "•♦"


@settings(max_examples=3000, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("abc ."), max_size=6),
    st.text(alphabet=st.sampled_from(MARKER_SIGNS), max_size=5),
)
@example("taught.", "\u201d 1\n")  # (``$`` stands before a final line break too)
def test_a_plain_marker_at_a_line_s_end_is_taken_off_as_the_pattern_takes_it_off(
    words: str, end: str
) -> None:
    """``without_plain_marker_at_end`` asks the pattern only where the last sign may end a marker:
    it takes off what the pattern takes off, on any words ending in stops, digits and marks."""
    text = words + end
    assert without_plain_marker_at_end(text) == PLAIN_MARKER_AT_END_RE.sub("", text)


def test_a_plain_marker_at_a_line_s_end_is_taken_off() -> None:
    assert without_plain_marker_at_end("taught.\u201d 1") == "taught.\u201d"
    assert without_plain_marker_at_end("the state.*") == "the state."
    assert without_plain_marker_at_end("in 1917") == "in 1917"  # (no stop before it)
