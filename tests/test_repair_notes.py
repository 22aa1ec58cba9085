"""The repairs of footnotes: note bodies told apart, lost superscripts, displaced note text.

Excerpts of the first book at their raw lines (see ``repair_excerpts``), and of real books (each named).
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from repair_excerpts import NO_CONTEXT, book, kinds, repair, texts

from pipeline.model import Block
from pipeline.model.geometry import Box, PrintedLine
from pipeline.repair.base import RepairContext, Repaired
from pipeline.repair.note_numbers import restore_plain_note_numbers
from pipeline.repair.notes import attach_note_continuations, classify_note_blocks
from pipeline.repair.placed_markers import _damaged_number, count_notes, restore_placed_note_markers
from pipeline.repair.vocabulary import BookVocabulary

# --- classifying note blocks ----------------------------------------------------------------------


def test_note_bodies_are_classified_and_other_blocks_are_left_alone() -> None:
    blocks = [
        Block("²¹⁻²² *Yearbook of the United Nation*, New York, 1947, p. 1.", 7001, 7001),
        Block(
            "* The Act on Lend-Lease was passed by the US Congress on 11 March, 1941. […] the war.",
            7051,
            7051,
        ),
        Block("* * *", 752, 752),
        Block("*Under the editorship of\nA. A. Gromyko and B. N. Ponomarev*", 23, 24),
        Block("2 February—peace treaty between RSFSR and Estonia is signed in Yuriev (Tartu).", 8146, 8146),
    ]
    assert kinds(classify_note_blocks(blocks, NO_CONTEXT).blocks) == ["note", "note", "text", "text", "text"]


def test_paragraph_is_joined_across_a_note_marked_with_an_asterisk() -> None:
    # lines 7039 (clipped), 7049 (clipped), 7051 (clipped), 7053 (clipped)
    text = book(
        (
            7039,
            "Imperialist propaganda […] under lend-lease.* It is claimed that without these supplies the",
        ),
        (7049, "³³ Soviet Foreign Policy Archives. Transcript of a Conversation […], March 16, 1942."),
        (
            7051,
            "* The Act on Lend-Lease was passed by the US Congress on 11 March, 1941. […] the war.",
        ),
        (
            7053,
            "Soviet Union could not have overcome Nazi Germany. […] of Soviet industrial output.³⁶",
        ),
    )
    blocks, _, _ = repair(text)
    assert kinds(blocks) == ["text", "note", "note"]
    assert "without these supplies the Soviet Union could not have overcome" in blocks[0].text


def test_note_numbers_printed_without_superscript_are_restored() -> None:
    text = book(
        # lines 5997, 6003, 6005 (clipped), 6007 (clipped), 6013, 6015, 6021 (clipped)
        (5997, "⁸⁶ *USSR in the Struggle for Peace...*, p. 524."),
        (
            6003,
            "February when we reached an understanding with the French about common action, "
            'in the event of German action against Holland" 87',
        ),
        (
            6005,
            "The reactionary, semi-fascist government of Poland, […] the Anglo-French-Soviet negotiations.",
        ),
        (6007, "The Polish government's position […] only on conditions of reciprocity.\" 88"),
        (6013, "87 *Documents on British Foreign Policy, 1919-1939*, Third Series, Vol. VI, p. 423."),
        (6015, "88 *USSR in the Struggle for Peace...*, p. 393."),
        (6021, 'Soviet territory of Bessarabia that it had seized in 1918. […] that is quite definite."⁹⁴'),
    )
    blocks, changes, _ = repair(text)
    assert [block.text[:3] for block in blocks if block.kind == "note"] == ["⁸⁶ ", "⁸⁷ ", "⁸⁸ "]
    assert 'against Holland"⁸⁷' in blocks[1].text
    assert 'reciprocity."⁸⁸' in blocks[3].text
    assert {change.rule for change in changes} == {"restore_plain_note_numbers"}
    assert sorted(change.line for change in changes) == [6003, 6007, 6013, 6015]


def test_chronology_dates_are_not_taken_for_plain_note_numbers() -> None:
    # lines 8102 (clipped), 8142, 8144, 8146: the note before is ¹, the entry starts with 2, but no
    # marker 2 stands in the text, so the entry stays text.
    text = book(
        (
            8102,
            "¹ Dates of events, which occurred prior to 31 January 1918, are given according to Old Style.",
        ),
        (8142, "1920"),
        (8144, "16 January—Entente lifts economic blockade of Soviet Russia."),
        (8146, "2 February—peace treaty between RSFSR and Estonia is signed in Yuriev (Tartu)."),
    )
    blocks, changes, _ = repair(text)
    assert kinds(blocks) == ["note", "text", "text", "text"]
    assert blocks[-1].text.startswith("2 February")
    assert changes == []


# --- note text displaced among the running text -------------------------------------------------------


def test_note_continuation_between_paragraph_halves_goes_back_to_its_note() -> None:
    text = book(
        # lines 1835, 1841, 1845, 1847, 1849, 1851 (clipped)
        (1835, "²⁹ Bullitt himself, […] about Bullitt's mission (Frederick Lewis Schuman, *Ame-*"),
        (1841, "The imperialists' hopes concerning Kolchak were in vain. […] forces of the Baltic peoples."),
        (
            1845,
            "While Denikin was advancing on Moscow from the south, […] Russian revolution. Churchill boasted",
        ),
        (
            1847,
            "ican Policy Towards Russia since 1917. A Study of Diplomatic History, International Law "
            "and Public Opinion, New York, 1928, p. 134).",
        ),
        (
            1849,
            "³⁰ V. J. Sipols, *Behind the Scenes of the Foreign Intervention in Latvia, […]*, pp. 157-58.",
        ),
        (1851, 'about the campaign of the "fourteen states" against the Soviet Republic.'),
    )
    blocks, changes, review = repair(text)
    assert kinds(blocks) == ["note", "text", "text", "note"]
    assert blocks[0].text.endswith(
        "Schuman, *Ameican* Policy Towards Russia since 1917. A Study of "
        "Diplomatic History, International Law and Public Opinion, New York, 1928, p. 134)."
    )
    assert (blocks[0].first_line, blocks[0].last_line) == (1835, 1847)
    assert blocks[2].text.endswith(
        'Churchill boasted about the campaign of the "fourteen states" against the Soviet Republic.'
    )
    assert [(change.rule, change.line) for change in changes] == [
        ("rejoin_page_breaks", 1845),
        ("attach_note_continuations", 1847),
    ]
    # "Ame-" + "ican" is no word the book or English knows: joined, but put up for review
    assert [item.line for item in review] == [1847]


def test_finished_note_gets_its_next_paragraph_on_a_new_line() -> None:
    text = book(
        # lines 3713 (clipped), 3719 (clipped), 3721 (clipped), 3723
        (
            3713,
            "Meanwhile the imperialist powers viewed the Chinese revolution […] They were highly disturbed",
        ),
        (
            3719,
            "³ The internationalist Soviet aid to the Chinese revolution […] national liberation movement.",
        ),
        (
            3721,
            "The present-day official historiography, however, endeavours […] contrary to China's interests.",
        ),
        (3723, "and irritated by Soviet aid to the Chinese revolution."),
    )
    blocks, _, review = repair(text)
    assert texts(blocks) == [
        "Meanwhile the imperialist powers viewed the Chinese revolution […] They were highly disturbed "
        "and irritated by Soviet aid to the Chinese revolution.",
        "³ The internationalist Soviet aid to the Chinese revolution […] national liberation movement.\n"
        "The present-day official historiography, however, endeavours […] contrary to China's interests.",
    ]
    assert blocks[1].extra["continued_at"] == [{"line": 3721, "offset": blocks[1].text.index("\n") + 1}]
    assert [item.rule for item in review] == ["attach_note_continuations"]


def test_lower_case_block_after_a_finished_sentence_continues_an_unfinished_note() -> None:
    # lines 1835, 1841, 1847, 1849 (clipped): the text before the orphan ends a sentence, so the
    # orphan cannot continue it; the note before it is unfinished.
    text = book(
        (1835, "²⁹ Bullitt himself, […] about Bullitt's mission (Frederick Lewis Schuman, *Ame-*"),
        (1841, "The imperialists' hopes concerning Kolchak were in vain. […] forces of the Baltic peoples."),
        (
            1847,
            "ican Policy Towards Russia since 1917. A Study of Diplomatic History, New York, 1928, p. 134).",
        ),
        (
            1849,
            "³⁰ V. J. Sipols, *Behind the Scenes of the Foreign Intervention in Latvia, […]*, pp. 157-58.",
        ),
    )
    blocks, changes, _ = repair(text)
    assert kinds(blocks) == ["note", "text", "note"]
    assert "since 1917" in blocks[0].text
    assert changes[0].rule == "attach_note_continuations"


def test_lower_case_continuation_without_displaced_note_text_is_left_to_the_paragraph() -> None:
    # lines 234, 236, 238 (clipped)
    text = book(
        (234, "The support and development of these relations are one of the"),
        (
            236,
            "² *International Meeting of Communist and Workers' Parties, Moscow, 1969, Prague, 1969, p. 23.*",
        ),
        (238, "prime tasks of the foreign policy of the USSR. […] the solidarity of the socialist states."),
    )
    blocks, changes, _ = repair(text)
    assert [change.rule for change in changes] == ["rejoin_page_breaks"]
    assert kinds(blocks) == ["text", "note"]


def test_a_page_opening_after_an_unfinished_paragraph_goes_on_with_it_not_with_a_note() -> None:
    # (a generated octavo as Tesseract read it, seed 655: the book's last page, its text right above
    # its note; the page before ends mid-sentence, and its last note, its stop read as a comma)
    blocks = [
        Block("It was also decided that the French Government should be invited", 236, 236),
        Block("5. Bulgaria's monarchist government did not satisfy these demands,", 238, 238, "note"),
        Block(
            "to send its representative to the Control Council. The Baltic Entente stepped up its work.",
            240,
            247,
            page_break_before=True,
        ),
        Block("6. The Soviet government gave Turkish merchants permission.", 248, 249, "note"),
    ]
    repaired = attach_note_continuations(blocks, RepairContext(BookVocabulary()))
    assert repaired.blocks == blocks and not repaired.changes
    # on the same page, text in lower case right above the notes is the unfinished note's rest
    same_page = [*blocks[:2], replace(blocks[2], page_break_before=False), blocks[3]]
    joined = attach_note_continuations(same_page, RepairContext(BookVocabulary()))
    assert [block.kind for block in joined.blocks] == ["text", "note", "note"]


def test_a_note_is_continued_on_its_page_or_the_next_only() -> None:
    # raw lines 2738-2786 of *History of the Colony of Queensland* (nla.obj-44253818), clipped: a
    # note ending in a comma, and two pages on, a page opening in lower case
    blocks = [
        Block("* \u201c Leichhardt\u2019s Journallntroduction, p. 13. London, 1847,", 2738, 2738, "note"),
        Block(
            "\u201c By a present from Messrs. Campbell and Stephens of four young steers.",
            2742,
            2780,
            page_break_before=True,
        ),
        Block("The Mackenzie River, in six days: they left it trending away.", 2781, 2782),
        Block(
            "in\u201d to the west.* On the 11th, in forcing their way through a scrub.",
            2786,
            2787,
            page_break_before=True,
        ),
    ]
    repaired = attach_note_continuations(blocks, RepairContext(BookVocabulary()))
    assert repaired.blocks == blocks and not repaired.changes


def test_a_symbol_alone_on_its_line_opens_no_note() -> None:
    # The Hun's Peace Bludgeon (nla.obj-37674351), raw lines 3255-3256: a ``*`` set between two
    # paragraphs, read with the paragraph after it
    block = Block(
        "* Besides the support and preferments explained the previous paragraph",
        3255,
        3256,
        extra={"line_starts": [{"line": 3256, "offset": 2}]},
    )
    assert kinds(classify_note_blocks([block], NO_CONTEXT).blocks) == ["text"]


def test_the_block_opening_a_page_after_its_notes_goes_on_with_the_cut_paragraph() -> None:
    # shaped like The Stones of Bray (nla.obj-189352943), raw lines 5296-5330: a paragraph cut by a
    # page break, the page's note, the next page's first block (in lower case, a sentence ended)
    blocks = [
        Block("Temple-carrick, you remember, is south of Windgates. We passed", 5296, 5316),
        Block(
            "\u00b9 It was probably in ruins then. Inquisitions, County Wicklow, 1623.",
            5317,
            5322,
            kind="note",
        ),
        Block(
            "it on the way from Coolnaskeagh to Rathdown. The property was large.",
            5325,
            5326,
            page_break_before=True,
        ),
        Block("and the castle, town and lands went to his", 5327, 5328),
    ]
    context = RepairContext(BookVocabulary.from_texts([block.text for block in blocks]))
    repaired = attach_note_continuations(blocks, context)
    assert [block.first_line for block in repaired.blocks] == [5296, 5317, 5325, 5327]
    assert repaired.changes == []


# --- markers OCR read as marks, where the page's geometry placed its notes --------------------------

PLACED = {"placed": "footnotes by their place and type at the page's foot"}


def placed_page(text: str, *notes: str, first: int = 1) -> list[Block]:
    """A page: its text, then its notes as structured OCR's geometry placed them."""
    blocks = [Block(text, first, first, page_break_before=first > 1)]
    blocks += [
        Block(note, first + at, first + at, kind="note", extra=PLACED) for at, note in enumerate(notes, 1)
    ]
    return blocks


def test_a_pages_marks_are_read_as_its_placed_notes_markers_in_order() -> None:
    blocks = placed_page(
        "It was “a plan.” They said so.\u2019 The end came.* Was it? It was.° Done.",
        "1. First note.",
        "2. Second note.",
        "3. Third note.",
    )
    repaired = restore_placed_note_markers(blocks, NO_CONTEXT)
    # the quotation mark closing the quotation opened stays; a question mark after a word stays
    assert repaired.blocks[0].text == "It was “a plan.” They said so.¹ The end came.² Was it? It was.³ Done."
    assert [change.rule for change in repaired.changes] == ["restore_placed_note_markers"] * 3


def test_a_chapters_damaged_note_numbers_are_counted_on_where_the_book_numbers_through_chapters() -> None:
    # notes 1 to 3 read in order over chapter 2's opening; chapter 3's first page has two notes whose
    # numbers OCR damaged, and ``3`` (for 6) opens the next page's: a count started again at chapter
    # 3 would read it, but the book went on over chapter 2, so notes 4 to 6 are counted on
    def opening(label: str, first: int, text: str, *notes: str) -> list[Block]:
        return [Block(f"{label}\nA Title", first, first, page_break_before=first > 1)] + [
            replace(block, page_break_before=False) for block in placed_page(text, *notes, first=first + 1)
        ]

    pages = [
        opening("Chapter 1", 1, "It began.* Then.", "1 One."),
        opening("Chapter 2", 4, "It went on.\u2019 Then.", "2 Two."),
        placed_page("More.* Then.", "3 Three.", first=7),
        opening("Chapter 3", 9, "It fell.\u00ae It rose.\u00b0 Done.", "\u00ae Four.", "\u00b0 Five."),
        placed_page("At last.* The end.", "3 Six.", first=13),
    ]
    repaired = restore_placed_note_markers([block for page in pages for block in page], NO_CONTEXT)
    assert [block.text for block in repaired.blocks][-5:] == [
        "It fell.\u2074 It rose.\u2075 Done.",
        "\u2074 Four.",
        "\u2075 Five.",
        "At last.\u2076 The end.",
        "\u2076 Six.",
    ]
    # without the chapters' labels the count may start again with chapter 3: its page is left as it is
    unlabelled = [
        replace(block, text="A Title") if block.text.startswith("Chapter") else block
        for page in pages
        for block in page
    ]
    assert (
        restore_placed_note_markers(unlabelled, NO_CONTEXT).blocks[-5].text
        == "It fell.\u00ae It rose.\u00b0 Done."
    )


def test_a_damaged_number_glued_to_a_notes_first_word_is_replaced_by_its_number() -> None:
    # (generated quartos as Tesseract read them: ``+The Soviet government …``, ``\u2018©The Red Army …``,
    # ``10'The US …``)
    for damaged, word in (("+The", "The"), ("\u2018©The", "The"), ("?Was", "Was"), ("10'The", "The")):
        text = "It began.* It went on.\u2019 It ended.° Done."
        repaired = restore_placed_note_markers(
            placed_page(text, "1 One.", "2 Two.", f"{damaged} third."), NO_CONTEXT
        )
        assert repaired.blocks[-1].text == f"\u00b3 {word} third."


def test_a_straight_quote_after_a_stop_closes_no_quotation_a_curly_one_closed() -> None:
    # (a generated octavo, seed 1014, as Tesseract read it: ``costs.'`` for ``costs.\u00b9``, where
    # the paragraph's one quotation, ``'seize\u2019``, opened with a straight quote, closed with a
    # curly one; a quotation opened with a curly quote and closed with a straight one is closed too)
    blocks = placed_page(
        "To 'seize\u2019 the matter at all costs.' The Crimea Conference.* As well.*",
        "1. First.",
        "2. Second.",
        "3. Third.",
    )
    repaired = restore_placed_note_markers(blocks, NO_CONTEXT)
    assert (
        repaired.blocks[0].text
        == "To 'seize\u2019 the matter at all costs.\u00b9 The Crimea Conference.\u00b2 As well.\u00b3"
    )
    # a quotation still open (a curly opening before a word, no closing) keeps its straight closer
    blocks = placed_page(
        "To \u2018seize the matter at all costs.' The Conference.* As well.*", "1. A.", "2. B."
    )
    repaired = restore_placed_note_markers(blocks, NO_CONTEXT)
    assert (
        repaired.blocks[0].text
        == "To \u2018seize the matter at all costs.' The Conference.\u00b9 As well.\u00b2"
    )


def test_a_vertical_bar_after_a_stop_is_a_mark_after_a_word_none() -> None:
    # (a generated crown octavo as Tesseract read it: ``state.|`` for ``state.¹``; after a word, a
    # bar may be a letter OCR misread)
    blocks = placed_page(
        "Of the state.| It was the spel| of it. Then action.* Done.", "1. First.", "2. Second."
    )
    repaired = restore_placed_note_markers(blocks, NO_CONTEXT)
    assert repaired.blocks[0].text == "Of the state.¹ It was the spel| of it. Then action.² Done."


def test_a_backslash_after_a_stop_is_a_mark() -> None:
    # (a generated quarto, seed 864, as Tesseract read it: ``either.\*`` for ``either.¹⁴``, among
    # ``war.\u2019®`` and ``moves.!®``; a backslash standing alone is no marker)
    blocks = placed_page(
        "Its representatives either.\\* Mustafa came \\ on. Prisoners of war.\u2019\u00ae Harriman"
        " was stopped by diplomatic moves.!\u00ae Against it.",
        "1. First.",
        "2. Second.",
        "3. Third.",
    )
    repaired = restore_placed_note_markers(blocks, NO_CONTEXT)
    assert repaired.blocks[0].text == (
        "Its representatives either.¹ Mustafa came \\ on. Prisoners of war.² Harriman"
        " was stopped by diplomatic moves.³ Against it."
    )


def test_an_opening_quotation_mark_glued_to_a_stop_before_a_space_is_a_mark() -> None:
    # (generated books as Tesseract read them: ``revolution.\u201c`` for ``revolution.\u00b9\u2074``;
    # ``off.\u2018``, a marker, opens no quotation the ``\u2019`` after ``concession.`` would close)
    blocks = placed_page(
        "The revolution.\u201c In leasing them off.\u2018 The concession.\u2019 He said. \u201c Go.\u201d",
        "1. First note.",
        "2. Second note.",
        "3. Third note.",
    )
    repaired = restore_placed_note_markers(blocks, NO_CONTEXT)
    assert repaired.blocks[0].text == (
        "The revolution.\u00b9 In leasing them off.\u00b2 The concession.\u00b3 He said. \u201c Go.\u201d"
    )


@pytest.mark.parametrize(
    ("sentence", "read"),
    [
        # (a generated crown octavo as Tesseract read it: ``states. !®`` for ``states.¹⁸``)
        ("With other states. !\u00ae", "With other states.\u00b9"),
        # (a quarto: ``settlement. !\u201d`` for ``settlement.¹⁷``)
        ("A settlement. !\u201d", "A settlement.\u00b9"),
        # (a crown octavo: ``sovereignty. ®`` for ``sovereignty.¹⁰``)
        ("Its sovereignty. \u00ae", "Its sovereignty.\u00b9"),
        # (an octavo, seed 881: ``questions. !2`` for ``questions.¹¹``, a digit among the marks)
        ("The citizenship questions. !2", "The citizenship questions.\u00b9"),
        # (a quarto, seed 975: ``enslavement. **`` for ``enslavement.¹³``)
        ("From Nazi enslavement. **", "From Nazi enslavement.\u00b9"),
        # a lone asterisk set apart is no such mark, nor are closing quotation marks (OCR's spacing of
        # a quotation's end), nor a guillemet closing a French quotation
        ("With other states. * Then.", None),
        ("He said. \u2019\u201d", None),
        ("\u00ab C'est fini. \u00bb", None),
    ],
)
def test_marks_ocr_set_apart_from_their_stop_are_read_with_the_space_before_them(
    sentence: str, read: str | None
) -> None:
    blocks = placed_page(f"{sentence} Then it came.*", "1. First note.", "2. Second note.")
    expected = f"{read} Then it came.\u00b2" if read else blocks[0].text
    assert restore_placed_note_markers(blocks, NO_CONTEXT).blocks[0].text == expected


def test_a_question_mark_ending_a_sentence_no_question_opens_counts_where_the_marks_are_too_few() -> None:
    # (a generated octavo as Tesseract read it: ``Germany and Italy?`` for ``Germany and Italy.³``,
    # the stop and the marker read as one mark; a question's own mark stays)
    statement = placed_page(
        "Equipped by Germany and Italy? A number met. It came.*", "1. First.", "2. Second."
    )
    assert restore_placed_note_markers(statement, NO_CONTEXT).blocks[0].text == (
        "Equipped by Germany and Italy.\u00b9 A number met. It came.\u00b2"
    )
    question = placed_page("Why was it so hard? A number met. It came.*", "1. First.", "2. Second.")
    assert restore_placed_note_markers(question, NO_CONTEXT).blocks[0].text == question[0].text
    # a verb of questions opens a question as its first word only (a generated crown octavo: ``It
    # was, after all, … the central hotbed of war?`` for ``war.²``); a question tag ends one
    statement = placed_page("It was, after all, the hotbed of war? It came.*", "1. First.", "2. Second.")
    assert restore_placed_note_markers(statement, NO_CONTEXT).blocks[0].text == (
        "It was, after all, the hotbed of war.\u00b9 It came.\u00b2"
    )
    for asked in (
        "And was it the hotbed of war?",
        "It was the hotbed of war, was it not?",
        "He went, didn't he?",
    ):
        question = placed_page(f"{asked} It came.*", "1. First.", "2. Second.")
        assert restore_placed_note_markers(question, NO_CONTEXT).blocks[0].text == question[0].text


def test_marks_not_as_many_as_the_notes_are_left_alone() -> None:
    blocks = placed_page("The end came.* It was.° Done.", "1. First note.", "2. Second.", "3. Third.")
    assert restore_placed_note_markers(blocks, NO_CONTEXT).changes == []


def raised_after(text: str, *words: str) -> RepairContext:
    """A context whose page image shows an unread raised glyph after each of ``words`` in raw line 1,
    printed as ``text``."""
    offsets = tuple(text.index(word + " ") + len(word) for word in words)
    line = PrintedLine(1, text, Box(0, 0, 900, 30), 30, raised=offsets)
    return replace(NO_CONTEXT, raised={1: line})


def test_a_raised_glyph_ocr_did_not_read_stands_for_a_marker_with_the_pages_marks() -> None:
    printed = "It went to Russia. The end came.* Was it so? It was. Done."
    blocks = placed_page(printed, "1. First note.", "2. Second note.", "3. Third note.")
    repaired = restore_placed_note_markers(blocks, raised_after(printed, "Russia.", "was."))
    assert repaired.blocks[0].text == "It went to Russia.¹ The end came.² Was it so? It was.³ Done."
    explanations = [change.explanation for change in repaired.changes]
    assert sum("seen in the page image after 'Russia.'" in why for why in explanations) == 1
    assert sum("seen in the page image after 'was.'" in why for why in explanations) == 1
    assert repaired.review == []


def test_a_letter_ocr_read_for_a_raised_glyph_after_a_stop_gives_way_to_the_marker() -> None:
    # (generated quartos as Tesseract read them: ``oil.'t``, ``East.*t``, ``oil.t`` for ``oil.¹¹``;
    # the marker was set after the ``t``, and the note linked to a word ``t``)
    printed = "Both opposed the exports of Soviet oil.'t The end came in the East.*t Done."
    blocks = placed_page(printed, "1. First note.", "2. Second note.")
    repaired = restore_placed_note_markers(blocks, raised_after(printed, "oil.'t", "East.*t"))
    assert (
        repaired.blocks[0].text == "Both opposed the exports of Soviet oil.¹ The end came in the East.² Done."
    )
    assert any('it read "\'t" for it' in change.explanation for change in repaired.changes)


def test_a_raised_glyph_is_placed_in_a_block_of_lines_joined_by_where_its_line_stands() -> None:
    printed = "It went to Russia. Then"
    block = Block(
        "The first line ends. It went to Russia. Then more.",
        1,
        2,
        extra={"line_starts": [{"line": 2, "offset": 21}]},
    )
    context = replace(NO_CONTEXT, raised={2: PrintedLine(2, printed, Box(0, 0, 9, 9), 9, raised=(18,))})
    repaired = restore_placed_note_markers([block, *placed_page("", "1. A note.")[1:]], context)
    assert repaired.blocks[0].text == "The first line ends. It went to Russia.¹ Then more."


def test_marks_and_raised_glyphs_not_as_many_as_the_notes_go_to_the_review_list() -> None:
    printed = "It went to Russia. The end came. Done."
    blocks = placed_page(printed, "1. First note.", "2. Second note.", "3. Third note.")
    repaired = restore_placed_note_markers(blocks, raised_after(printed, "Russia."))
    assert repaired.changes == []
    (item,) = repaired.review
    assert item.line == blocks[1].first_line and "are not as many (1)" in item.reason


def test_raised_glyphs_are_not_used_where_the_marks_are_as_many_as_the_notes() -> None:
    printed = "It went to Russia. The end came.* Done."
    blocks = placed_page(printed, "1. First note.")
    repaired = restore_placed_note_markers(blocks, raised_after(printed, "Russia."))
    assert repaired.blocks[0].text == "It went to Russia. The end came.¹ Done."


def test_a_number_glued_after_a_stop_is_the_marker_of_the_note_it_names_the_marks_of_the_others() -> None:
    # a raised number OCR set apart and the extract stage joined to its line (``footing.6``)
    blocks = placed_page(
        "Attack by the imperialists.\u2018 When it came. Of the world.? Then an equal footing.6 They sought.",
        "4. Fourth.",
        "5. Fifth.",
        "6. Sixth.",
        first=20,
    )
    repaired = restore_placed_note_markers(blocks, NO_CONTEXT)
    assert repaired.blocks[0].text == (
        "Attack by the imperialists.⁴ When it came. Of the world.⁵ Then an equal footing.⁶ They sought."
    )
    assert any("OCR read plain" in change.explanation for change in repaired.changes)


def test_a_number_glued_after_a_stop_out_of_the_order_of_the_marks_is_read_in_order_with_them() -> None:
    # (a generated crown octavo as Tesseract read it: markers 1 to 5 read as three closing quotation
    # marks, ``1`` and ``>``: the ``1`` after three marks is note 4's marker misread, not note 1's)
    text = "Of figures.\u2019 The plan. Of the programme.\u2019 Then the programme.\u2019"
    text += " Mutual benefit.1 On credits.>"
    blocks = placed_page(text, "1. First.", "2. Second.", "3. Third.", "4. Fourth.", "5. Fifth.", first=20)
    repaired = restore_placed_note_markers(blocks, NO_CONTEXT)
    assert repaired.blocks[0].text == (
        "Of figures.¹ The plan. Of the programme.² Then the programme.³ Mutual benefit.⁴ On credits.⁵"
    )
    assert "OCR read plain (as 1)" in explanations(repaired)[1]


def test_a_number_glued_after_a_stop_naming_none_of_the_pages_notes_counts_where_marks_are_few() -> None:
    # (a generated crown octavo as Tesseract read it: markers 5 to 7 read as ``2``, ``°``, ``®``)
    blocks = placed_page(
        "Of Roosevelt.2 The treaty.° It went. Europe.®", "5. Fifth.", "6. Sixth.", "7. Seventh."
    )
    repaired = restore_placed_note_markers(blocks, NO_CONTEXT)
    assert repaired.blocks[0].text == "Of Roosevelt.⁵ The treaty.⁶ It went. Europe.⁷"
    assert "the number of none of the page's notes" in explanations(repaired)[-1]
    # where the marks are as many as the notes, it stays
    enough = placed_page("Of Roosevelt.2 The treaty.° It went.", "6. Sixth.")
    assert (
        restore_placed_note_markers(enough, NO_CONTEXT).blocks[0].text
        == "Of Roosevelt.2 The treaty.⁶ It went."
    )


def test_a_number_set_apart_after_a_stop_counts_with_the_marks_where_it_stands_in_their_order() -> None:
    # (a generated crown octavo as Tesseract read it: markers 3 to 5 read as a closing quotation mark,
    # `` 4`` and ``®``)
    text = "To Moscow.\u2019 Then the Baltic area. 4 In its first stages. The coalitions.® The end."
    blocks = placed_page(text, "3. Third.", "4. Fourth.", "5. Fifth.", first=20)
    repaired = restore_placed_note_markers(blocks, NO_CONTEXT)
    assert repaired.blocks[0].text == (
        "To Moscow.³ Then the Baltic area.⁴ In its first stages. The coalitions.⁵ The end."
    )
    assert "set apart from its stop" in explanations(repaired)[1]
    # out of their order, or a number where the marks alone are as many as the notes, it stays
    for number, notes in (
        ("3", ["3. Third.", "4. Fourth.", "5. Fifth."]),
        ("4", ["4. Fourth.", "5. Fifth."]),
    ):
        text = f"To Moscow.\u2019 Then the Baltic area. {number} In its first. The coalitions.®"
        kept = restore_placed_note_markers(placed_page(text, *notes, first=20), NO_CONTEXT)
        assert f"area. {number} In" in kept.blocks[0].text


def test_a_mark_after_digits_set_apart_from_a_stop_takes_them_in() -> None:
    # (a generated quarto as Tesseract read it, seed 666: marker 15 read as ``1°`` after a space)
    blocks = placed_page(
        "It suffered a defeat. 1° The government went.* Done.", "15. Fifteenth.", "16. Next."
    )
    repaired = restore_placed_note_markers(blocks, NO_CONTEXT)
    assert repaired.blocks[0].text == "It suffered a defeat.¹⁵ The government went.¹⁶ Done."


def test_a_raised_glyph_the_image_shows_where_ocr_read_a_mark_is_one_marker() -> None:
    # (a generated crown octavo: ``immediately. !°`` for ``immediately.¹⁰``, whose image shows the raised
    # glyph OCR read as the marks; and a marker OCR did not read at all, seen only in the image)
    printed = "Russian territories. British missions. Moscow.\u2019 The end came immediately. !°"
    blocks = placed_page(printed, "1. First.", "2. Second.", "3. Third.")
    context = raised_after(printed, "territories.", "immediately.")
    repaired = restore_placed_note_markers(blocks, context)
    assert (
        repaired.blocks[0].text
        == "Russian territories.¹ British missions. Moscow.² The end came immediately.³"
    )


def test_a_number_glued_after_a_stop_naming_no_note_lacking_a_marker_stays() -> None:
    blocks = placed_page("In 1917.2 it went. Of the world.? Then p.540.", "1. First.")
    repaired = restore_placed_note_markers(blocks, NO_CONTEXT)
    assert repaired.blocks[0].text == "In 1917.2 it went. Of the world.¹ Then p.540."


def explanations(repaired: Repaired) -> list[str]:
    return [change.explanation for change in repaired.changes]


def test_a_closing_quotation_mark_after_a_word_counts_only_where_marks_and_glyphs_are_too_few() -> None:
    # ``Empire.³`` read as ``Empire”``; the quotation closed after ``plan`` was opened before it
    printed = "It was \u201ca plan\u201d they said.\u2019 As the Empire\u201d Done."
    blocks = placed_page(printed, "1. First note.", "2. Second note.")
    repaired = restore_placed_note_markers(blocks, NO_CONTEXT)
    assert repaired.blocks[0].text == "It was “a plan” they said.¹ As the Empire² Done."
    assert any("closing no quotation" in why and "after 'Empire'" in why for why in explanations(repaired))
    one_note = placed_page(printed, "1. First note.")
    assert restore_placed_note_markers(one_note, NO_CONTEXT).blocks[0].text == (
        "It was “a plan” they said.¹ As the Empire” Done."
    )


def test_a_closing_single_quote_ending_a_sentence_counts_where_the_other_places_are_too_few() -> None:
    # (a generated quarto as Tesseract read it, seed 823: ``either\u2019 Trotsky`` for
    # ``either.\u00b2 Trotsky``, the stop and the marker read as one mark)
    printed = "In Japan the Union.' Large arms. Not reconciled either\u2019 Trotsky was aware."
    repaired = restore_placed_note_markers(placed_page(printed, "1. First.", "2. Second."), NO_CONTEXT)
    assert (
        repaired.blocks[0].text
        == "In Japan the Union.\u00b9 Large arms. Not reconciled either.\u00b2 Trotsky was aware."
    )
    assert any("ending a sentence after 'either'" in why for why in explanations(repaired))
    # not a plural's possessive, nor a quotation's end, nor where the marks alone are as many
    for text in (
        "In Japan the Union.' Large arms. The Allies\u2019 Conference met.",
        "In Japan the Union.' Large arms. He said \u2018we will not\u2019 Then it came.",
    ):
        page = placed_page(text, "1. First.", "2. Second.")
        assert restore_placed_note_markers(page, NO_CONTEXT).blocks[0].text == page[0].text
    one_note = placed_page(printed, "1. First.")
    assert restore_placed_note_markers(one_note, NO_CONTEXT).blocks[0].text == (
        "In Japan the Union.\u00b9 Large arms. Not reconciled either\u2019 Trotsky was aware."
    )


def test_notes_the_geometry_did_not_place_are_left_to_the_text_rules() -> None:
    blocks = [Block("The end came.* Done.", 1, 1), Block("1. First note.", 2, 2, kind="note")]
    assert restore_placed_note_markers(blocks, NO_CONTEXT).changes == []


def test_a_damaged_note_number_is_read_from_its_neighbours() -> None:
    blocks = placed_page("It came.® It went.* And so.°", "4. Fourth.", "® Fifth.", "6. Sixth.", first=20)
    repaired = restore_placed_note_markers(blocks, NO_CONTEXT)
    assert repaired.blocks[0].text == "It came.⁴ It went.⁵ And so.⁶"
    assert repaired.blocks[2].text == "⁵ Fifth."


def test_a_page_whose_markers_stand_in_its_text_is_left_alone() -> None:
    blocks = placed_page("It came.¹ It went.* And so.", "1. First.")
    assert restore_placed_note_markers(blocks, NO_CONTEXT).changes == []


def test_notes_between_notes_read_in_order_take_the_numbers_they_count_to() -> None:
    # notes 10 and 11 read, then a page whose numbers OCR damaged (``1`` for 12, ``®`` for 13),
    # then notes 14 and 15 read: the middle page's notes are 12 and 13
    blocks = placed_page("One.* Two.°", "10. Tenth.", "11. Eleventh.", first=1)
    blocks += placed_page("Three.* Four.°", "1 Twelfth.", "\u00ae Thirteenth.", first=10)
    blocks += placed_page("Five.* Six.°", "14. Fourteenth.", "15. Fifteenth.", first=20)
    repaired = restore_placed_note_markers(blocks, NO_CONTEXT)
    texts = [block.text for block in repaired.blocks]
    assert texts[3:6] == [
        "Three.\u00b9\u00b2 Four.\u00b9\u00b3",
        "\u00b9\u00b2 Twelfth.",
        "\u00b9\u00b3 Thirteenth.",
    ]
    assert repaired.review == []


def test_a_number_read_that_the_count_between_notes_read_contradicts_is_restored() -> None:
    blocks = placed_page("One.* Two.°", "10. Tenth.", "11. Eleventh.", first=1)
    blocks += placed_page("Three.* Four.°", "8 Twelfth.", "\u00ae Thirteenth.", first=10)
    blocks += placed_page("Five.* Six.°", "14. Fourteenth.", "15. Fifteenth.", first=20)
    repaired = restore_placed_note_markers(blocks, NO_CONTEXT)
    assert repaired.blocks[4].text == "\u00b9\u00b2 Twelfth."
    assert any("misread as 8" in change.explanation for change in repaired.changes)


def test_a_number_read_that_a_count_from_one_side_contradicts_goes_to_the_review_list() -> None:
    # (a numbering started again on a page: ``6`` where its note 1 stands, only notes after it read)
    blocks = placed_page("One.\u2079 Two.\u00b9\u2070", "9. Ninth.", "10. Tenth.", first=1)
    blocks += placed_page("Three.* Four.° Five.*", "6 First.", "2. Second.", "3. Third.", first=10)
    repaired = restore_placed_note_markers(blocks, NO_CONTEXT)
    assert [block.text for block in repaired.blocks[3:]] == [block.text for block in blocks[3:]]
    assert [(item.line, item.reason) for item in repaired.review] == [
        (11, "note 1 by the book's sequence of footnotes, counted from notes read in order")
    ]


def test_a_number_read_before_the_first_read_as_the_count_gives_is_restored_where_that_makes_it_1() -> None:
    # (the book's start is the other side: no note lost or split before the notes read)
    blocks = placed_page("One.* Two.°", "\u00ae First.", "8 Second.", first=1)
    blocks += placed_page("Three.* Four.°", "3. Third.", "4. Fourth.", first=10)
    repaired = restore_placed_note_markers(blocks, NO_CONTEXT)
    assert [block.text for block in repaired.blocks[:3]] == [
        "One.\u00b9 Two.\u00b2",
        "\u00b9 First.",
        "\u00b2 Second.",
    ]
    assert any("misread as 8" in change.explanation for change in repaired.changes)


def test_a_number_read_between_notes_read_as_the_count_gives_is_restored() -> None:
    # (a generated quarto as Tesseract read it: no two notes read in order before the book's last
    # page, yet notes 1 and 5 read as the count from it gives, so `2` is note 3 misread)
    blocks = placed_page("One.* Two.°", "1 First.", "\u00ae Second.", first=1)
    blocks += placed_page("Three.* Four.° Five.*", "2 Third.", "+ Fourth.", "5 Fifth.", first=10)
    blocks += placed_page("Six.* Seven.°", "6 Sixth.", "7 Seventh.", first=20)
    repaired = restore_placed_note_markers(blocks, NO_CONTEXT)
    assert repaired.review == []
    assert repaired.blocks[4].text == "\u00b3 Third."
    assert repaired.blocks[3].text == "Three.\u00b3 Four.\u2074 Five.\u2075"
    assert any("misread as 2" in change.explanation for change in repaired.changes)


def test_notes_after_the_last_one_read_are_counted_on_and_listed_for_review() -> None:
    # (a generated quarto as Tesseract read it: the book's last notes all read as marks)
    blocks = placed_page("One.* Two.°", "1 First.", "2 Second.", first=1)
    blocks += placed_page("Three.* Four.°", "? Third.", "* Fourth.", first=10)
    repaired = restore_placed_note_markers(blocks, NO_CONTEXT)
    assert repaired.blocks[3].text == "Three.\u00b3 Four.\u2074"
    assert [block.text for block in repaired.blocks[4:]] == ["\u00b3 Third.", "\u2074 Fourth."]
    assert [(item.line, "unconfirmed" in item.reason) for item in repaired.review] == [
        (11, True),
        (12, True),
    ]


def test_two_digit_markers_read_as_marks_and_a_number_read_as_letters_are_restored() -> None:
    # (generated quartos as Tesseract read them: ``.\u2019%`` for ``.¹³``, ``time.2%`` for ``time.²⁹``,
    # a note's ``15`` read ``*S``; a per cent sign after a number stays)
    blocks = placed_page("One.¹ Two.² Three.³", "1 First.", "2 Second.", "3 Third.", first=1)
    blocks += placed_page(
        "Up 1.5% in Four.\u2019% Five.\u2019* Six.2%", "\u2019* Fourth.", "*S Fifth.", "6 Sixth.", first=10
    )
    repaired = restore_placed_note_markers(blocks, NO_CONTEXT)
    assert repaired.blocks[4].text == "Up 1.5% in Four.⁴ Five.⁵ Six.⁶"
    assert [block.text for block in repaired.blocks[5:]] == ["⁴ Fourth.", "⁵ Fifth.", "6 Sixth."]


def test_a_plurals_apostrophe_read_as_an_opening_quote_is_a_mark_only_where_they_are_short() -> None:
    # (a generated quarto as Tesseract read it: ``the first workers\u2018 and peasants\u2019 state``,
    # counted with the page's three marks for its three notes, which were left unlinked)
    text = "The first workers\u2018 and peasants\u2019 state. On a basis.* A policy.* The majority.\u00b0"
    repaired = restore_placed_note_markers(placed_page(text, "1 One.", "2 Two.", "3 Three."), NO_CONTEXT)
    assert repaired.blocks[0].text == (
        "The first workers\u2018 and peasants\u2019 state. On a basis.¹ A policy.² The majority.³"
    )
    short = "The first workers\u2018 and peasants\u2019 state. On a basis.*"
    repaired = restore_placed_note_markers(placed_page(short, "1 One.", "2 Two."), NO_CONTEXT)
    assert repaired.blocks[0].text == "The first workers¹ and peasants\u2019 state. On a basis.²"


def test_a_marker_read_as_the_number_of_none_of_the_pages_notes_is_one_of_theirs() -> None:
    # (a generated quarto as Tesseract read it: ``question.\u201d\u2074`` for ``question.\u00b2\u2074``)
    blocks = placed_page("One.\u00b9\u00b9 Two.\u00b9\u00b2", "11 First.", "12 Second.", first=1)
    blocks += placed_page("Three.* Four.\u2074", "13 Third.", "* Fourth.", first=10)
    repaired = restore_placed_note_markers(blocks, NO_CONTEXT)
    assert repaired.blocks[3].text == "Three.\u00b9\u00b3 Four.\u00b9\u2074"
    # a marker naming a note of the page is its own
    kept = placed_page("Three.* Four.\u00b9\u2074", "13 Third.", "* Fourth.", first=10)
    assert restore_placed_note_markers(blocks[:3] + kept, NO_CONTEXT).blocks[3].text == (
        "Three.\u00b9\u00b3 Four.\u00b9\u2074"
    )


@pytest.mark.parametrize(
    ("readings", "numbers"),
    [
        # a run misread alike (``44``, ``45`` for 4, 5) is outweighed by the runs around it
        ([1, 2, None, 44, 45, None, 7, 8], [1, 2, 3, 4, 5, 6, 7, 8]),
        # numbered by chapter: the count from the later run tells where note 1 is
        ([1, 2, 3, None, None, 1, 2], [1, 2, 3, 4, 5, 1, 2]),
        # the notes before the first run, down to note 1
        ([None, None, 3, 4], [1, 2, 3, 4]),
        # a note not found: the runs before and after it count, the notes between them are left
        ([1, 2, None, None, 6, 7, 8], [1, 2, None, None, 6, 7, 8]),
        # one number read is no run
        ([None, 5, None], [None, None, None]),
        # two damaged numbers reading as a new start (``1``, ``3`` for 11, 13) weigh no more than a
        # run going on with the count before them (a generated quarto as Tesseract read it)
        (
            [None, 2, 3, None, None, None, 7, None, None, None, 1, None, 3, 14, None, None, None, 18],
            list(range(1, 19)),
        ),
        # a run's count goes on up to the last note read as it gives (``4`` may be ``14`` misread),
        # and past it, unconfirmed, where no note after it is read
        ([11, 12, 13, 4, 15, None], [11, 12, 13, 14, 15, 16]),
        # nor past a note read as a new start may be read (``1``), or one less than the count (a
        # note split in two)
        ([11, 12, 13, None, 1, None], [11, 12, 13, None, None, None]),
        ([11, 12, 13, None, 14, None], [11, 12, 13, None, None, None]),
        # but past numbers no numbering gives there: higher by more than one, or lower where notes
        # started again from 1 would stand on notes read as the count gives (Tesseract's readings of
        # a generated quarto's small raised numbers: ``18`` for 15, ``4`` for 11)
        ([11, 12, 13, 14, 18, None], [11, 12, 13, 14, 15, 16]),
        ([None, None, None, None, 5, None, 7, None, 9, 10, 4, None], list(range(1, 13))),
        # a run goes on over numbers read alone otherwise (``4``, ``3``, ``45`` for 11, 13, 15)
        (
            [None, None, None, None, 5, None, None, None, None, None, 4, 12, 3, None, 45, None, None, 18],
            list(range(1, 19)),
        ),
        # not over two read in order of another offset (the book numbers its notes by chapter)
        ([1, 2, None, 1, 2, 6], [1, 2, 3, 1, 2, 3]),
        # and a new start puts its note 1 after the notes before it: ``2``, ``4`` just after note 21
        # are 22 and 24 with a digit lost, counted on unconfirmed
        ([None, None, 3, None, 5, None, 7, None, 9, 10, 2, None, 4], list(range(1, 14))),
    ],
)
def test_the_books_note_numbers_are_counted_between_runs_read_in_order(
    readings: list[int | None], numbers: list[int | None]
) -> None:
    assert count_notes(readings).numbers == numbers


def test_numbers_read_with_a_digit_lost_are_no_new_start_where_its_note_1_would_open_no_page() -> None:
    # a generated quarto as Tesseract read it: ``1``, ``2`` for 11 and 12 after note 10, and ``2``,
    # ``3`` for 22 and 23 after note 21, each pair a new start by its numbers alone, their note 1
    # standing in the middle of a page; the readings ``18`` and ``14`` between them go on with 1 to 10
    readings = [1, 2, 2, None, 5, None, 7, None, None, 10, 1, 2, 18, 14, None, None, None, None, None, 20]
    readings += [21, 2, 3, None, None, None, None]
    openers = {0, 2, 5, 6, 11, 14, 16, 17, 19, 22, 25}
    assert count_notes(readings, openers).numbers == list(range(1, 28))
    # nor do they part the notes read in order around them: ``18`` for 19 stands between notes 18
    # and 24 read so (``2``, ``3`` for 22 and 23 between them), and is restored
    damaged = [1, 2, 3, None, 5, None, 7, None, None, 10, 1, 12, 3, None, None, None, None, 18, 18]
    damaged += [None, None, 2, 3, 24, 5, None]
    counted = count_notes(damaged, {0, 2, 5, 7, 8, 12, 13, 17, 18, 21, 24})
    assert counted.numbers == list(range(1, 27)) and 18 in counted.bracketed
    # nor, whatever page their note 1 would open, where the count before them is read again in
    # order after them (``2``, ``4``, ``9`` for 12, 14 and 19, then ``21`` and ``23``: a generated
    # quarto, its notes linked wrongly when they started again)
    resumed = [1, 2, 3, 4, 5, None, 7, None, None, None, 4, 2, None, 4, None, None, None, None, 9, None, 21]
    resumed += [2, 23]
    assert count_notes(resumed, {0, 3, 6, 7, 9, 10, 12, 15, 18, 22}).numbers == list(range(1, 24))
    # a note 1 opening a page starts the count again (a book numbering its notes by chapter); in the
    # middle of one, the notes are the count going on with digits lost, counted on unconfirmed
    chapters = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1, 2, None, None]
    assert count_notes(chapters, {0, 10}).numbers == [*range(1, 11), 1, 2, 3, 4]
    counted_on = count_notes(chapters, {0, 8})
    assert counted_on.numbers == list(range(1, 15)) and counted_on.unconfirmed == {10, 11, 12, 13}
    # nor, with no run before them, where the count from the book's first note reads them so (a
    # generated quarto: its first note read ``1``, then ``2``, ``3``, ``4`` for 12 to 14, their note 1
    # the second on its page): that count numbers the book's notes
    first_read = [1, *[None] * 10, 2, 3, 4, None, None]
    assert count_notes(first_read, {0, 3, 7, 8, 9, 11, 14}).numbers == list(range(1, 17))
    assert count_notes(first_read, {0, 3, 7, 8, 10, 11, 14}).numbers[10:14] == [1, 2, 3, 4]
    # and so does one whose numbers a count going on would not read so: ``1``, ``2`` after note 4
    assert count_notes([1, 2, 3, 4, None, 1, 2], {0}).numbers == [1, 2, 3, 4, 5, 1, 2]
    # a chapter of one note between two numbered so (a generated octavo): its note read as 1 opens
    # a page, so it is note 1, not note 5 of the chapter before
    assert count_notes([1, 2, 3, 4, 1, 1, 2, 3], {0, 2, 4, 5}).numbers == [1, 2, 3, 4, 1, 1, 2, 3]


def test_a_number_read_whose_new_start_would_put_note_1_in_the_middle_of_a_page_is_damaged() -> None:
    # a generated quarto as Tesseract read it: ``8`` for 28, opening a chapter's first page, and
    # ``8`` for 33 on the next page, notes 24 to 27 unread: started again, the later ``8``'s note 1
    # would stand in the middle of a page, so the count goes on over both, unconfirmed
    readings = [*range(1, 24), None, None, None, None, 8, None, None, None, None, 8]
    openers = {0, 4, 8, 11, 14, 15, 18, 21, 27, 32}
    counted = count_notes(readings, openers)
    assert counted.numbers == list(range(1, 34)) and counted.unconfirmed == set(range(23, 33))
    # where that note 1 would open a page, the numbering may start again there: nothing is counted
    assert count_notes(readings, openers | {25}).numbers == [*range(1, 24), *[None] * 10]
    # and ``0`` starts no numbering (``0`` for 20, its note 1 falling on the page after it)
    zero = [*range(1, 19), None, 0, None, None, None]
    assert count_notes(zero, {0, 9, 18, 21}).numbers == list(range(1, 24))


def test_a_book_whose_count_went_on_over_a_chapters_opening_starts_it_again_at_none() -> None:
    # a generated quarto as Tesseract read it, seed 1047: notes 1 to 7 read in order over the
    # openings of chapters 2 and 3 (notes 2 and 4 the first after their labels), then chapter 4's
    # first page with three notes whose numbers OCR damaged (``®``, ``°``, ``\u2018°``) and ``4`` for 11 on
    # the next page: started again at that chapter, the ``4`` would be its note 4, but the book
    # numbers its notes on through its chapters, so the count goes on over them, unconfirmed
    readings = [*range(1, 8), None, None, None, 4]
    openers = {0, 1, 3, 4, 7, 10}
    counted = count_notes(readings, openers, chapter_openers={0, 1, 3, 7})
    assert counted.numbers == list(range(1, 12)) and counted.unconfirmed == {7, 8, 9, 10}
    # where no anchor goes on over a chapter's opening, that new start may be: nothing is counted
    assert count_notes(readings, openers, chapter_openers={0, 7}).numbers[7:] == [None] * 4
    assert count_notes(readings, openers).numbers[7:] == [None] * 4


def test_the_count_goes_on_where_every_number_read_after_it_and_damaged_digits_are_its_own() -> None:
    # a generated quarto as Tesseract read it, seed 813: notes 1 to 20 counted, then ``5`` for 25
    # and ``2`` for 27, either of which a numbering started again at a page's first note may give;
    # the damaged numbers ``2!``, ``?3``, ``?8``, ``3°`` open with digits of 21, 23, 28 and 30, which
    # no such new start reads too: the count goes on, unconfirmed
    readings = [*range(1, 20), None, None, None, None, None, 5, None, 2, None, None, None]
    damaged = [*[None] * 20, 2, None, 3, None, None, None, None, 8, None, 3]
    openers = {0, 4, 5, 6, 8, 9, 10, 16, 17, 20, 25, 29}
    counted = count_notes(readings, openers, damaged)
    assert counted.numbers == list(range(1, 31)) and counted.unconfirmed == set(range(19, 30))
    # without the damaged digits, or where a numbering started again on the page after note 19 reads
    # every number too (``1``, ``3``, ``5``: notes 1, 3, 5 there, or 21, 23, 25 with digits lost),
    # nothing is counted after note 19
    assert count_notes(readings, openers).numbers[19:] == [None] * 11
    either = [*range(1, 20), None, None, None, None, None, 5, None]
    assert (
        count_notes(either, openers, [*[None] * 20, 1, None, 3, None, None, None]).numbers[19:] == [None] * 7
    )


def test_the_count_goes_on_where_the_numbers_read_after_it_alone_are_its_own_with_digits_lost() -> None:
    # a generated quarto as Tesseract read it, seed 1012: notes counted to 22, then ``??``, ``4``,
    # ``2``, ``2`` (24, 25, 26: a digit lost from each), on two pages; a numbering started again at
    # either page's first note reads neither page's notes (``2``, ``2`` are no note 1 and 2; ``4`` no
    # note 2): the count goes on, unconfirmed
    readings = [*range(1, 6), None, 7, *[None] * 4, 12, *[None] * 3, *range(16, 23), None, 4, 2, 2]
    openers = {0, 1, 5, 6, 9, 12, 15, 18, 19, 22, 24}
    counted = count_notes(readings, openers, [None] * len(readings))
    assert counted.numbers == list(range(1, 27)) and counted.unconfirmed == {22, 23, 24, 25}


def test_a_note_read_as_the_number_of_the_note_before_it_is_the_next_one_misread_in_the_count() -> None:
    # a generated quarto as Tesseract read it, seed 892: notes counted to 15, then ``\u2018©``, ``1\u201d``,
    # ``+8`` (18: a digit read as a mark before the 8) and ``18`` for 19, ``°°``: read as the
    # note before it was, note 19 is the next one misread, and the count goes on, unconfirmed
    readings = [None, None, 3, None, 5, *[None] * 6, 2, 13, None, 15, None, None, None, 18, None]
    damaged = [*[None] * 13, 4, None, None, 1, _damaged_number("+8 And now for almost two years"), None, None]
    openers = {0, 2, 4, 7, 10, 15, 17, 18}
    counted = count_notes(readings, openers, damaged)
    assert counted.numbers == list(range(1, 21)) and counted.unconfirmed == set(range(15, 20))
    # not where the note before it is read as no count gives it
    assert count_notes(readings, openers, [*damaged[:17], 5, None, None]).numbers[15:] == [None] * 5


def test_numbers_read_no_two_in_order_are_counted_from_1_where_that_count_may_read_them_all() -> None:
    # a generated quarto as Tesseract read it: its notes' raised numbers read as marks but ``5`` for
    # 5 and ``1°`` for 10; the count from the book's first note, 1, reads both, so it numbers the
    # notes, each but note 5 unconfirmed
    readings = [None, None, None, None, 5, None, None, None, None, 1, None, None, None, None, None]
    counted = count_notes(readings, {0, 2, 6, 8, 10, 11, 13})
    assert counted.numbers == list(range(1, 16)) and counted.unconfirmed == set(range(15)) - {4}
    # not on one number read, nor where one is read as that count cannot read it (``7`` for 10)
    assert not any(count_notes([None, None, None, None, 5, None], {0, 2}).numbers)
    assert not any(count_notes([None, None, None, None, 5, None, None, None, None, 7], {0, 2, 6}).numbers)
    # but a number no numbering gives there is a damaged one, not against the count (another
    # quarto: ``5``, ``1°`` for 10, then ``4`` for 11, whose note 1 would stand in the middle of a
    # page), though it is no evidence for it either (``5`` and ``4`` alone count nothing)
    damaged = [None, None, None, None, 5, None, None, None, None, 1, 4, None, None, None, None, None]
    assert count_notes(damaged, {0, 2, 6, 8, 10, 11, 13}).numbers == list(range(1, 17))
    alone = [None, None, None, None, 5, None, None, None, None, None, 4, None]
    assert not any(count_notes(alone, {0, 2, 6, 8, 10, 11}).numbers)


def test_notes_before_the_first_read_as_the_count_gives_are_bracketed_where_the_first_is_note_1() -> None:
    # a generated quarto as Tesseract read it: ``45``, ``46`` for 15 and 16 (a raised ``1`` read as
    # ``4``) before notes 18, 19 read so: counted from the book's first note, note 1, no note is lost
    # or split before them, so the damaged numbers are restored
    readings = [*[None] * 12, 3, None, 45, 46, None, 18, 19, None, 21, 22]
    counted = count_notes(readings, {0, 3, 7, 10, 13, 14, 17, 19})
    assert counted.numbers == list(range(1, 23)) and {14, 15} <= counted.bracketed
    # a count that makes another note than the book's first note 1 brackets nothing before it
    later = count_notes([None, 45, None, 5, 6], {0, 3})
    assert later.numbers == [None, None, None, 5, 6] and later.bracketed == set()


def test_a_mark_with_a_digit_of_the_number_among_it_is_read_whole() -> None:
    blocks = placed_page("It came to an attack.?2> The end.", "25 The note.")
    assert (
        restore_placed_note_markers(blocks, NO_CONTEXT).blocks[0].text == "It came to an attack.²⁵ The end."
    )


def test_a_note_numbered_1_whose_marker_is_nowhere_restarts_no_sequence_to_count_from() -> None:
    # a generated book's page: notes 10 to 13 read ``1°``, ``1``, ``”``, ``3``, their markers marks;
    # ``1`` is 11 with a digit lost, so ``”`` between it and ``3`` is not note 2
    def page(text: str) -> list[Block]:
        return placed_page(
            text, "1\u00b0 Tenth.", "1 Eleventh.", "\u201d Twelfth.", "3 Thirteenth.", first=10
        )

    earlier = placed_page("It came.\u2079 Done.", "\u2079 Ninth.", first=1)
    unmarked = restore_plain_note_numbers([*earlier, *page("One.'? Two.! Three.\u2019? Four.'*")], NO_CONTEXT)
    assert unmarked.blocks[5].text == "\u201d Twelfth."
    # where the page's text carries marker 1, the sequence starts again there
    marked = restore_plain_note_numbers([*earlier, *page("One.'? Two.1 Three.\u2019? Four.'*")], NO_CONTEXT)
    assert marked.blocks[5].text == "2 Twelfth."


def test_the_digits_a_damaged_number_opens_with_count_as_read() -> None:
    # (a generated quarto as Tesseract read it: notes 1 to 10 read as ``!``, ``?``, ``*``, ``5``,
    # ``7?``, ``1°``: two numbers read in order only with the digits ``7?`` opens with)
    blocks = placed_page("One.* Two.°", "! First.", "\u00ae Second.", first=1)
    blocks += placed_page("Three.* Four.°", "3 Third.", "\u00ae Fourth.", first=10)
    blocks += placed_page("Five.* Six.°", "5? Fifth.", "\u00ae Sixth.", first=20)
    repaired = restore_placed_note_markers(blocks, NO_CONTEXT)
    texts = [block.text for block in repaired.blocks]
    assert texts[0] == "One.\u00b9 Two.\u00b2" and texts[6] == "Five.\u2075 Six.\u2076"
    assert texts[7:] == ["\u2075 Fifth.", "\u2076 Sixth."]
    assert any("note 5 by the book's sequence" in change.explanation for change in repaired.changes)
    # digits after marks are no reading (``?2`` may be 12 or 23)
    unread = [*blocks[:7], replace(blocks[7], text="?5 Fifth."), blocks[8]]
    assert restore_placed_note_markers(unread, NO_CONTEXT).blocks[0].text == "One.* Two.°"


def test_a_note_read_as_the_number_of_the_note_before_it_is_the_next_one() -> None:
    # (a generated quarto as Tesseract read it: notes 16 to 19 read ``16``, ``1”``, ``18``, ``18``)
    blocks = placed_page("One.'® Two.* Three.° Four.®", "16 A.", "1\u201d B.", "18 C.", "18 D.", first=20)
    repaired = restore_placed_note_markers(blocks, NO_CONTEXT)
    assert repaired.blocks[0].text == "One.¹⁶ Two.¹⁷ Three.¹⁸ Four.¹⁹"
    assert repaired.blocks[4].text == "¹⁹ D."
    assert any("misread as 18" in why for why in explanations(repaired))
    # where the note before it is not read as its number, the page is left for review
    unread = [*blocks[:3], replace(blocks[3], text="\u00ae C."), blocks[4]]
    assert restore_placed_note_markers(unread, NO_CONTEXT).blocks[0].text == blocks[0].text
