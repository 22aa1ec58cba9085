"""The structure stage on real excerpts of the first book (raw line numbers in the comments).

Long paragraphs of the excerpts are shortened at a sentence end; everything else is as printed,
so lines are as long as the book's (hence no line-length check in this file).
"""
# ruff: noqa: E501

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from printed_contents import parse_contents

from pipeline.model import (
    Block,
    Book,
    Change,
    ContentsEntry,
    ContentsHead,
    Dating,
    Division,
    Figure,
    Heading,
    ItemList,
    ListItem,
    Note,
    NoteRef,
    PageBreak,
    PageBreaks,
    Paragraph,
    Part,
    PrintedDate,
    Review,
    Section,
    Separator,
    parts_of,
    read_evidence,
    read_log,
    walk,
)
from pipeline.readers.paragraph_lines import split_blocks
from pipeline.repair import repair
from pipeline.structure import Structured, build_structure, main
from pipeline.structure.evidence import contents_differences
from pipeline.structure.headings import _EntryWords, _tokens
from pipeline.structure.notes import MISREAD_NUMBERS, UNEVEN_SYMBOLS
from pipeline.text.headings import heading_key, title_case
from pipeline.text.markers import SUPERSCRIPT_DIGITS

RAW = Path(__file__).resolve().parent.parent / "raw" / "soviet-foreign-policy-vol1.txt"


def blocks_at(excerpt: str, first_line: int) -> list[Block]:
    """Blocks of an excerpt starting at raw line ``first_line``; footnote bodies marked as notes.

    This stands in for the repair stage, which marks the footnote bodies.
    """
    blocks = split_blocks(excerpt.strip("\n"), first_line)
    for block in blocks:
        if block.text[0] in SUPERSCRIPT_DIGITS:
            block.kind = "note"
    return blocks


def book(*excerpts: tuple[str, int]) -> Structured:
    """The structure of the excerpts, in the order given."""
    return build_structure([block for text, line in excerpts for block in blocks_at(text, line)])


def rules(items: Sequence[Change | Review]) -> list[str]:
    return [item.rule for item in items]


def plain(parts: list[Part]) -> str:
    """The text parts of ``parts``."""
    return "".join(part for part in parts if isinstance(part, str))


# raw lines 68-76 (first rows of the contents)
CONTENTS_START = """
CONTENTS

| | |
|--|----|
| Introduction | 9 |
| CHAPTER I. The First Foreign Policy Acts of the Soviet Government | 30 |
| The Struggle of the Soviet Government for a General Democratic Peace | 30 |
| Soviet Russia's Struggle for the Peoples' Liberation | 38 |
"""

# raw lines 192-194: a marker after a closing quote and its note, in the introduction (raw line 184)
INTRODUCTION = """
The policy of any state is determined in the final analysis by its economic and social system. As Lenin remarked, "the economic interests and the economic position of the classes which rule our state lie at the root of both our home and foreign policy".¹ The radical differences between the economic basis of socialism and that of capitalism also determine the fundamental differences in their foreign policy.

¹ V. I. Lenin, *Collected Works*, Vol. 27, Progress Publishers, Moscow, 1965, p. 365.
"""

# raw lines 438-444: label, title in capitals, a section heading, a paragraph
CHAPTER_I = """
CHAPTER I

THE FIRST FOREIGN POLICY ACTS OF THE SOVIET GOVERNMENT

The Struggle of the Soviet Government for a General Democratic Peace

The Great October Socialist Revolution took place during the First World War, when Russia together with Britain, France, the USA and other countries was fighting against Germany and its allies.
"""

# raw line 458 (the end of a paragraph and its marker; shortened) and 470 (the note)
CHAPTER_I_NOTE = """
This fine document was drafted by Lenin. "The fight for peace is on," Lenin said. "It will be an uphill fight. International imperialism is mobilising all its forces against us."¹
"""
CHAPTER_I_NOTE_BODY = "¹ V. I. Lenin, *Collected Works*, Vol. 26, Moscow, 1964, p. 316."

# raw lines 584-586 (shortened): the second section
CHAPTER_I_SECTION = """
Soviet Russia's Struggle for the Peoples' Liberation

From its very inception the Soviet state has acted as the champion of the freedom and independence of all peoples, large and small.
"""

CHAPTER_I_PARTS = (
    (CHAPTER_I, 438),
    (CHAPTER_I_NOTE, 458),
    (CHAPTER_I_NOTE_BODY, 470),
    (CHAPTER_I_SECTION, 584),
)


INTRODUCTION_PARTS = (("INTRODUCTION", 184), (INTRODUCTION, 192))

# raw lines 68 and 72: a contents with the introduction only
CONTENTS_INTRO = (("CONTENTS", 68), ("| Introduction | 9 |", 72))


def test_introduction_and_labelled_chapter_with_sections() -> None:
    found = book((CONTENTS_START, 68), *INTRODUCTION_PARTS, *CHAPTER_I_PARTS)
    tree = found.tree
    intro, chapter = tree.divisions
    assert (intro.id, intro.type, intro.label, intro.n, intro.title) == (
        "intro",
        "introduction",
        None,
        None,
        "Introduction",
    )
    assert (chapter.id, chapter.type, chapter.label, chapter.n) == (
        "ch01",
        "chapter",
        "CHAPTER I",
        "I",
    )
    assert chapter.title == "The First Foreign Policy Acts of the Soviet Government"
    assert chapter.first_line == 438
    assert chapter.content == []
    assert [(s.id, s.first_line) for s in chapter.sections] == [("ch01-s1", 442), ("ch01-s2", 584)]
    assert chapter.sections[0].title == "The Struggle of the Soviet Government for a General Democratic Peace"
    assert [entry.target for entry in tree.contents] == ["intro", "ch01", "ch01-s1", "ch01-s2"]
    assert tree.front == []
    assert tree.contents_head == ContentsHead("CONTENTS", 68)
    titles = [c for c in found.changes if c.rule == "title_from_contents"]
    assert [(c.before, c.after) for c in titles] == [
        ("INTRODUCTION", "Introduction"),
        ("THE FIRST FOREIGN POLICY ACTS OF THE SOVIET GOVERNMENT", chapter.title),
    ]


def test_notes_restart_in_each_division_and_link_to_their_markers() -> None:
    found = book((CONTENTS_START, 68), *INTRODUCTION_PARTS, *CHAPTER_I_PARTS)
    tree = found.tree
    intro, chapter = tree.divisions
    assert tree.note_numbering == "division"
    assert intro.notes == [
        Note(
            "intro-n1",
            "1",
            194,
            ["V. I. Lenin, *Collected Works*, Vol. 27, Progress Publishers, Moscow, 1965, p. 365."],
        )
    ]
    parts = intro.content[0].parts
    assert parts[0].endswith('both our home and foreign policy".')
    assert parts[1] == NoteRef("intro-n1")
    assert parts[2].startswith(" The radical differences")
    assert chapter.sections[0].content[1].parts[1] == NoteRef("ch01-n1")
    assert chapter.notes[0].first_line == 470
    assert found.review == []


# raw lines 85-86 (contents) and 1172-1190: a chapter without label, its subtitle in its own block,
# notes after a paragraph cut by a page break, then the first section
CONTENTS_III = """
CONTENTS

| CHAPTER III. The Beginning of the Foreign Armed Intervention. The Soviet State's Struggle to Prolong the Respite (March-November 1918) | 71 |
| Germany's Aggressive Policy After the Signing of the Peace and the Soviet Government's Struggle Against This Policy | 72 |
"""

CHAPTER_III = """
⁴⁶ V. I. Lenin, *Collected Works*, Vol. 28, Moscow, 1974, pp. 64-65.

THE BEGINNING OF THE FOREIGN ARMED INTERVENTION. THE SOVIET STATE'S STRUGGLE TO PROLONG THE RESPITE

(*March-November 1918*)

As a result of the conclusion of the Brest Peace Treaty with Germany and its allies Soviet Russia withdrew from the imperialist war. Soviet diplomats called it the "Lenin breathing-space".¹

The peace treaty was a great achievement of Soviet foreign policy. "The Soviet government," wrote G. V. Chicherin, "consciously embarked upon the difficult trials prepared by the Brest Treaty, knowing that the workers' and peasants' revolution would prove stronger than imperialism and that the breathing-space meant the road to victory."²

Peace was necessary in order to get down to the building of socialism, namely, the task of organisation."³ Peace and time were also needed

¹ V. I. Lenin, *Collected Works*, Vol. 27, Moscow, 1965, pp. 166, 196.

² G. V. Chicherin, *Articles and Speeches on Foreign Policy*, Moscow, 1961, p. 101 (in Russian).

³ V. I. Lenin, *Collected Works*, Vol. 27, p. 237.

for building up a new army.
"""

# raw lines 1198-1200 (shortened)
SECTION_III = """
Germany's Aggressive Policy After the Signing of the Peace and the Soviet Government's Struggle Against This Policy

The maintenance of peace was no easy matter for Soviet Russia.
"""


def test_chapter_without_label_gets_label_from_contents_and_subtitle() -> None:
    found = book((CONTENTS_III, 83), (CHAPTER_III, 1172), (SECTION_III, 1198))
    tree = found.tree
    (chapter,) = tree.divisions
    assert (chapter.id, chapter.label, chapter.n, chapter.first_line) == (
        "ch01",
        "CHAPTER III",
        "III",
        1174,
    )
    assert chapter.title == (
        "The Beginning of the Foreign Armed Intervention. The Soviet State's Struggle to Prolong the Respite"
    )
    assert chapter.subtitle == "(March-November 1918)"
    assert [s.first_line for s in chapter.sections] == [1198]
    assert [n.id for n in chapter.notes] == ["ch01-n1", "ch01-n2", "ch01-n3"]
    assert not any(n.unlinked for n in chapter.notes)
    assert sorted(rules(found.changes)) == [
        "label_from_contents",
        "subtitle_emphasis",
        "title_from_contents",
    ]
    # the note before the heading belongs to no division: kept as a paragraph, reported
    assert tree.front[0].parts == ["⁴⁶ V. I. Lenin, *Collected Works*, Vol. 28, Moscow, 1974, pp. 64-65."]
    assert rules(found.review) == ["note_outside_division"]


# raw lines 91-93 (contents) and 1620-1629 (shortened): label and title in one block, subtitle, bold section
CONTENTS_IV = """
CONTENTS

| CHAPTER IV. Soviet Foreign Policy in the Period of Armed Intervention and the Civil War (November 1918-March 1921) | 97 |
| The Change in the International Situation After the End of the First World War | 97 |
| The Anti-Soviet Plans and Manoeuvres of the Entente During the Paris Conference. Soviet Diplomacy in the Struggle Against Intervention in 1919 | 99 |
"""

CHAPTER_IV = """
CHAPTER IV
SOVIET FOREIGN POLICY
IN THE PERIOD OF ARMED INTERVENTION
AND THE CIVIL WAR

(November 1918-March 1921)

**The Change in the International Situation
After the End of the First World War**

Germany's defeat in the First World War and the beginning of the German revolution which led to the overthrow of the Kaiser and his government changed the international situation radically.
"""

# raw lines 1682-1687 (shortened): the second section, bold over four lines
SECTION_IV = """
**The Anti-Soviet Plans and Manoeuvres
of the Entente During the Paris Conference.
Soviet Diplomacy
in the Struggle Against Intervention in 1919**

The conference which was convened by the victors of the First World War in Paris in the middle of January 1919 to conclude peace with Germany and its Allies was to a large extent turned by them into the headquarters for carrying out plans of armed intervention in Russia's affairs.
"""

CHAPTER_IV_PARTS = ((CHAPTER_IV, 1620), (SECTION_IV, 1682))


def test_label_and_title_in_one_block_and_bold_sections_over_several_lines() -> None:
    found = book((CONTENTS_IV, 89), *CHAPTER_IV_PARTS)
    tree = found.tree
    (chapter,) = tree.divisions
    assert (chapter.label, chapter.first_line, chapter.subtitle) == (
        "CHAPTER IV",
        1620,
        "(November 1918-March 1921)",
    )
    assert chapter.title == "Soviet Foreign Policy in the Period of Armed Intervention and the Civil War"
    assert [(s.first_line, s.title) for s in chapter.sections] == [
        (1627, "The Change in the International Situation After the End of the First World War"),
        (
            1682,
            "The Anti-Soviet Plans and Manoeuvres of the Entente During the Paris Conference. "
            "Soviet Diplomacy in the Struggle Against Intervention in 1919",
        ),
    ]
    assert rules(found.changes) == ["title_from_contents"]  # the markup of the sections is not text


# raw lines 122-123 (contents) and 3689-3695: a bold title over three lines, dates on the last
CONTENTS_VIII = """
CONTENTS

| CHAPTER VIII. The USSR's Efforts to Promote Peaceful Relations in the Years of Socialist Industrialisation (1925-1929) | 220 |
| The International Status of the USSR | 220 |
"""

CHAPTER_VIII = """
**THE USSR'S EFFORTS TO PROMOTE PEACEFUL RELATIONS
IN THE YEARS OF SOCIALIST INDUSTRIALISATION
(1925-1929)**

The International Status of the USSR

Starting from 1924 the international situation was marked by a partial and temporary stabilisation of capitalism.
"""


def test_bold_title_with_dates_on_its_last_line() -> None:
    found = book((CONTENTS_VIII, 120), (CHAPTER_VIII, 3689))
    tree = found.tree
    (chapter,) = tree.divisions
    assert chapter.title == (
        "The USSR's Efforts to Promote Peaceful Relations in the Years of Socialist Industrialisation"
    )
    assert (chapter.label, chapter.subtitle, chapter.first_line) == (
        "CHAPTER VIII",
        "(1925-1929)",
        3689,
    )
    assert [s.title for s in chapter.sections] == ["The International Status of the USSR"]


def test_heading_on_the_first_line_of_a_paragraph_block() -> None:
    # raw lines 1198-1200 without the blank line between heading and paragraph (as OCR sometimes gives)
    body = """
THE BEGINNING OF THE FOREIGN ARMED INTERVENTION. THE SOVIET STATE'S STRUGGLE TO PROLONG THE RESPITE

Germany's Aggressive Policy After the Signing of the Peace and the Soviet Government's Struggle Against This Policy
The maintenance of peace was no easy matter for Soviet Russia.
"""
    found = book((CONTENTS_III, 83), (body, 1196))
    tree = found.tree
    (section,) = tree.divisions[0].sections
    assert section.first_line == 1198
    assert section.content == [
        Paragraph(1199, ["The maintenance of peace was no easy matter for Soviet Russia."])
    ]


def test_contents_entry_not_found_is_reported() -> None:
    body = """
THE BEGINNING OF THE FOREIGN ARMED INTERVENTION. THE SOVIET STATE'S STRUGGLE TO PROLONG THE RESPITE

The maintenance of peace was no easy matter for Soviet Russia.
"""
    found = book((CONTENTS_III, 83), (body, 1174))
    tree = found.tree
    assert tree.divisions[0].sections == []
    assert tree.contents[1].target is None
    assert rules(found.review) == ["contents_entry_not_found"]
    assert found.review[0].line == 86


# raw lines 6990-7001: a range marker and its note
RANGE = """
The declaration by the United Nations that was signed on January 1, 1942 in Washington by representatives of the four great powers (the USSR, USA, Britain and China) and 22 other states²¹⁻²² helped to strengthen the alliance of the nations in the struggle against the Nazi aggressors.

²¹⁻²² *Yearbook of the United Nation*, New York, 1947, p. 1.
"""


def test_range_marker_links_one_note() -> None:
    found = book(*CONTENTS_INTRO, ("INTRODUCTION", 184), (RANGE, 6990))
    tree = found.tree
    (intro,) = tree.divisions
    assert intro.notes[0].id == "intro-n21-22"
    assert intro.notes[0].n == "21-22"
    assert intro.content[0].parts[1] == NoteRef("intro-n21-22")
    assert intro.content[0].parts[2].startswith(" helped")


def test_marker_without_note_and_note_without_marker() -> None:
    # raw line 3053 (marker ⁸⁴ with its note left out) and the note of raw line 194 without its marker
    body = """
3. Complete freedom of commerce by sea.⁸⁴

¹ V. I. Lenin, *Collected Works*, Vol. 27, Progress Publishers, Moscow, 1965, p. 365.
"""
    found = book(*CONTENTS_INTRO, ("INTRODUCTION", 184), (body, 3053))
    tree = found.tree
    (intro,) = tree.divisions
    assert intro.content[0].items[0].parts == ["3. Complete freedom of commerce by sea.⁸⁴"]
    assert intro.notes[0].unlinked is True
    assert rules(found.review) == ["marker_without_note", "note_without_marker"]


PLACED = {"placed": "footnotes by their place and type at the page's foot"}  # a note block's, as read


def intro_blocks() -> list[Block]:
    """The blocks of the contents and the introduction's heading (raw lines from 184)."""
    return [
        block for text, line in (*CONTENTS_INTRO, ("INTRODUCTION", 184)) for block in blocks_at(text, line)
    ]


def test_a_symbol_note_whose_marker_ocr_lost_is_kept_unlinked_and_said_so() -> None:
    # a note marked ``*`` whose marker the text above lost (as OCR often loses a small star)
    body = """
3. Complete freedom of commerce by sea.

* Origin of Species, 7th ed., p. 49.
"""
    blocks = intro_blocks()
    text, note = blocks_at(body, 3053)
    found = build_structure([*blocks, text, replace(note, kind="note")])
    (intro,) = found.tree.divisions
    assert intro.notes[0].n == "*" and intro.notes[0].unlinked is True
    (item,) = [item for item in found.review if item.rule == "note_without_marker"]
    assert "OCR may have lost the small symbol" in item.reason and "kept as a note, unlinked" in item.reason


def structure_ending_in_note(*excerpts: tuple[str, int]) -> Structured:
    """The structure of the contents and the introduction's start, then ``excerpts`` (text, raw
    line), the last of them a note block, as the repair stage marks it."""
    blocks = [block for text, line in (*CONTENTS_INTRO, *excerpts) for block in blocks_at(text, line)]
    blocks[-1].kind = "note"
    return build_structure(blocks)


def test_marker_printed_as_plain_digits() -> None:
    # raw lines 6003 and 6013: the OCR lost the superscript of marker and note number
    body = """February when we reached an understanding with the French about common action, in the event of German action against Holland" 87"""
    note = "87 *Documents on British Foreign Policy, 1919-1939*, Third Series, Vol. VI, p. 423."
    found = structure_ending_in_note(("INTRODUCTION", 184), (body, 6003), (note, 6013))
    tree = found.tree
    (intro,) = tree.divisions
    assert intro.content[0].parts[-1] == NoteRef("intro-n87")
    assert intro.content[0].parts[0].endswith('against Holland"')
    assert rules(found.changes)[-1] == "plain_digit_marker"
    assert rules(found.review) == ["plain_digit_marker"]


def test_asterisk_note() -> None:
    # raw lines 4979 (shortened) and 4989 (shortened): a footnote marked by an asterisk, after emphasis
    body = "The *Pravda* wrote of it. A congratulatory telegram from President Roosevelt was followed by a reception in the White House.*"
    note = "* Thirty-eight years later, the people of Vancouver, where the redwinged ANT-25 had landed, commemorated the Soviet pilots' feat."
    found = structure_ending_in_note(("INTRODUCTION", 184), (body, 4979), (note, 4989))
    tree = found.tree
    (intro,) = tree.divisions
    assert intro.notes[0].id == "intro-nstar"
    assert (intro.notes[0].n, plain(intro.notes[0].parts)[:12]) == ("*", "Thirty-eight")
    assert intro.content[0].parts == [body[:-1], NoteRef("intro-nstar")]
    assert found.review == []


def placed_symbol_notes(first_note: str) -> Structured:
    """Two pages as structured OCR placed their notes (a generated quarto as Tesseract read it): the
    first page's marker ``*`` and its note ``first_note``; the second page's note ``*``, its marker
    lost."""
    blocks = [
        *intro_blocks(),
        Block("An alliance with the fascist powers was proposed.* He soon received support.", 300, 300),
        Block(first_note, 301, 301, kind="note", extra=PLACED),
        Block("The Soviet economy had at its disposal a base.", 310, 310, page_break_before=True),
        Block("* For instance, it would be suspected.", 311, 311, kind="note", extra=PLACED),
    ]
    return build_structure(blocks)


def test_a_placed_symbol_note_links_a_marker_of_its_own_page_only() -> None:
    # the first note's symbol glued to its first word is still its number
    (intro,) = placed_symbol_notes("*In their opinion, Britain had to take a stand.").tree.divisions
    assert [(note.n, note.unlinked) for note in intro.notes] == [("*", False), ("*", True)]
    assert intro.content[-2].parts[1] == NoteRef(intro.notes[0].id)
    # where the first note's number is lost, the second page's note takes no marker of the first
    (intro,) = placed_symbol_notes("In their opinion, Britain had to take a stand.").tree.divisions
    assert [(note.n, note.unlinked) for note in intro.notes] == [("", True), ("*", True)]
    assert not any(isinstance(part, NoteRef) for node in intro.content for part in getattr(node, "parts", []))


def test_a_page_with_more_markers_of_a_symbol_than_placed_notes_of_it_links_none() -> None:
    # (a generated quarto as Tesseract read it: note 3 read ``?It was``, note 4 ``* Direct``, their
    # markers both ``*``: which is note 4's cannot be told)
    blocks = [
        *intro_blocks(),
        Block("The government of democratic Poland.* The sovereignty of the state.* It went.", 300, 300),
        Block("?It was proposed to conclude it for six months.", 301, 301, kind="note", extra=PLACED),
        Block("* Direct Charge, Vol. 20, p. 596.", 302, 302, kind="note", extra=PLACED),
    ]
    found = build_structure(blocks)
    (intro,) = found.tree.divisions
    assert [(note.n, note.unlinked) for note in intro.notes] == [("", True), ("*", True)]
    assert [item.reason for item in found.review if item.line == 302] == [UNEVEN_SYMBOLS]
    # as many markers as notes: linked
    blocks[-3] = replace(
        blocks[-3], text="The government of democratic Poland. The sovereignty of the state.*"
    )
    (intro,) = build_structure(blocks).tree.divisions
    assert [(note.n, note.unlinked) for note in intro.notes] == [("", True), ("*", False)]


def test_a_symbol_among_a_numbered_books_placed_notes_on_its_page_is_a_misread_number() -> None:
    # (a generated quarto as Tesseract read it: notes 23 and 24 read ``*``, markers 22 and 23 ``*``)
    blocks = [
        *intro_blocks(),
        Block("One.\u00b9 Two.\u00b2 Three.\u00b3", 300, 300),
        *(Block(f"{n}. Note {n}.", 300 + n, 300 + n, kind="note", extra=PLACED) for n in (1, 2, 3)),
        Block("Its resources.\u201d* The armed forces.\u2075", 310, 310, page_break_before=True),
        Block("* The British government suggested an agreement.", 311, 311, kind="note", extra=PLACED),
        Block("5. Note 5.", 312, 312, kind="note", extra=PLACED),
    ]
    found = build_structure(blocks)
    (intro,) = found.tree.divisions
    assert [(note.n, note.unlinked) for note in intro.notes] == [
        *[(str(n), False) for n in (1, 2, 3)],
        ("*", True),
        ("5", False),
    ]
    assert [item.reason for item in found.review if item.line == 311] == [MISREAD_NUMBERS]
    # in a book whose notes are symbols as often, it is a symbol
    few = [block for block in blocks if block.first_line not in (302, 303)]
    (intro,) = build_structure(few).tree.divisions
    assert [(note.n, note.unlinked) for note in intro.notes] == [("1", False), ("*", False), ("5", False)]


def test_inconsistent_input_does_not_crash() -> None:
    assert build_structure([]) == Structured(
        Book([], [], [], [], "division"),
        [],
        [Review("no_contents", 1, "", "no printed contents: 0 headings found by form alone")],
        [],
        PageBreaks(0, 0, []),
    )
    # raw lines 184, 192-194, and a note block without number (as if cut from the note before it)
    found = structure_ending_in_note(*INTRODUCTION_PARTS, ("p. 365 (in Russian).", 196))
    tree = found.tree
    assert plain(tree.divisions[0].notes[0].parts).endswith("p. 365. p. 365 (in Russian).")
    assert rules(found.review) == ["note_continuation"]
    found = structure_ending_in_note(("INTRODUCTION", 184), ("p. 365.", 196))
    tree = found.tree
    assert tree.divisions[0].content[0].parts == ["p. 365."]
    assert rules(found.review) == ["note_without_number"]


def test_text_without_headings_is_one_division_without_heading() -> None:
    # raw lines 192-194: the introduction's first paragraph and its note, without the heading
    found = book((INTRODUCTION, 192))
    tree = found.tree
    (text,) = tree.divisions
    assert (text.id, text.type, text.label, text.n, text.title) == ("text", "text", None, None, "")
    assert text.first_line == 192
    assert tree.front == []
    assert [type(item) for item in text.content] == [Paragraph]
    assert NoteRef("text-n1") in text.content[0].parts
    assert [(note.id, note.unlinked) for note in text.notes] == [("text-n1", False)]
    assert rules(found.review) == ["no_contents", "no_divisions"]
    assert found.review[-1].line == 192


def test_lists_separators_and_what_stays_a_paragraph() -> None:
    # raw lines 786-788 (quoted points stay paragraphs; shortened), 2185 (a separator), 3049-3053 (a list
    # in one block), 7783-7787 (a list over three blocks; shortened), 5075-5076 (a dash list; shortened)
    quoted = """
"5. No belligerent country to be required to pay another country any so-called war costs.

"6. Colonial questions to be settled in conformity with the principles in Paragraphs 1, 2, 3, and 4."
"""
    one_block = """
The Soviet delegation at the Conference proposed a programme developed by Lenin. It consisted of three points:

1. The satisfaction of Turkey's national aspirations.
2. The closing of the Straits to all warships in times of peace and of war.
3. Complete freedom of commerce by sea.
"""
    three_blocks = """
1. Preservation of the existing situation in the Mongolian People's Republic.

2. Restoration of Russia's rights that had been violated by Japan's treacherous attack in 1904.

3. Handing over of the Kuril Islands to the Soviet Union.
"""
    dashes = """
- "(1) The USSR consents to join the League of Nations provided certain conditions are met.
- "(2) The USSR has no objections to a regional treaty for mutual defence against German aggression.
"""
    found = book(
        *CONTENTS_INTRO,
        ("INTRODUCTION", 184),
        (quoted, 786),
        ("* * *", 2185),
        (one_block, 3049),
        (three_blocks, 7783),
        (dashes, 5075),
    )
    tree = found.tree
    items = tree.divisions[0].content
    assert [type(item) for item in items] == [Paragraph] * 2 + [Separator, Paragraph] + [ItemList] * 3
    assert [len(item.items) for item in items[4:]] == [3, 3, 2]
    assert items[4].items[1] == ListItem(
        3052, ["2. The closing of the Straits to all warships in times of peace and of war."]
    )
    assert items[6].items[0].parts[0].startswith('"(1) The USSR')
    assert rules(found.changes) == ["title_from_contents"]  # INTRODUCTION


# raw lines 182 (contents), 8083-8110 (chronology start: a note in its heading), 8414-8420 (a year
# inside a list), 8545-8549 (an entry cut by a page break), 8614-8622 (the back matter)
CHRONOLOGY = """
CHRONOLOGY¹

1917

- 25 *October (7 November)*—victory of the Great October Socialist Revolution.
- 26 *October (8 November)*—Second All-Russia Congress of Soviets adopts the Decree on Peace.

¹ Dates of events, which occurred prior to 31 January 1918, are given according to Old Style—used in Russia at that time—with New Style indicated in brackets.

- 18(31) *December*—Council of People's Commissars adopts decree on granting independence to Finland.

1918

4(17) *January*—"Declaration of the Rights of the Working and Exploited People" is published.
"""

CHRONOLOGY_1940 = """
- 30 *November 1939-12 March 1940*—Soviet-Finnish war.
- 1940
- 12 *March*—Soviet-Finnish peace treaty is signed.
"""

CHRONOLOGY_1944 = """
1 *March*—Informbureau of USSR People's Commissariat for Foreign Affairs issues statement relating to negotiations between Paasikivi, representative of government of Finland, and A. M. Kollontai, Soviet Minister to Stockholm, on terms on which Soviet government is ready to negoti-

- ate cessation of hostilities.
- 17 *March*—Finnish government declines Soviet terms of negotiations on cessation of hostilities.
"""

BACK = """
2 *September*—representatives of Japan sign Act of Military Surrender of Japan in Tokyo. The Second World War is brought to an end.

REQUEST TO READERS

Progress Publishers would be glad to have your opinion of this book, its translation and design.
"""


def test_chronology_years_entries_and_back_matter() -> None:
    found = book(
        ("CONTENTS\n\n| Introduction | 9 |\n| CHRONOLOGY | 489 |", 180),
        ("INTRODUCTION", 184),
        (CHRONOLOGY, 8085),
        (CHRONOLOGY_1940, 8417),
        (CHRONOLOGY_1944, 8547),
        (BACK, 8616),
    )
    tree = found.tree
    chronology = tree.divisions[1]
    assert (chronology.id, chronology.type, chronology.label, chronology.title) == (
        "chron",
        "chronology",
        None,
        "Chronology",
    )
    assert chronology.title_parts == ["Chronology", NoteRef("chron-n1")]
    assert plain(chronology.notes[0].parts).startswith("Dates of events")
    years, lists = chronology.content[::2], chronology.content[1::2]
    assert [type(item) for item in chronology.content] == [Heading, ItemList] * 3
    assert [year.text for year in years] == ["1917", "1918", "1940"]
    assert [len(listing.items) for listing in lists] == [3, 2, 4]
    entries = chronology.content[5].items
    assert entries[1].date == Dating(when="1940-03-01")
    assert entries[1].parts == [
        PrintedDate("1 *March*", Dating(when="1940-03-01")),
        "—Informbureau of USSR People's Commissariat for Foreign Affairs issues statement relating "
        "to negotiations between Paasikivi, representative of government of Finland, and A. M. Kollontai, "
        "Soviet Minister to Stockholm, on terms on which Soviet government is ready to negotiate cessation "
        "of hostilities.",
    ]
    assert entries[3].first_line == 8620 - 4  # the last entry before the back matter
    assert rules(found.changes)[-3:] == ["stray_list_dash", "stray_list_dash", "rejoin_hyphenation"]
    assert tree.back[0] == Heading(8618, "REQUEST TO READERS")
    assert tree.back[1].parts[0].startswith("Progress Publishers")
    assert rules(found.review) == ["back_matter"]


def test_front_matter_keeps_every_block() -> None:
    # raw lines 1-8 and 68-72
    front = """
SOVIET FOREIGN POLICY

Volume I

1917-1945
"""
    found = book((front, 3), (CONTENTS_START, 68), *INTRODUCTION_PARTS)
    tree = found.tree
    assert tree.front == [
        Paragraph(3, ["SOVIET FOREIGN POLICY"]),
        Paragraph(5, ["Volume I"]),
        Paragraph(7, ["1917-1945"]),
    ]


def test_book_without_contents_finds_headings_by_form() -> None:
    found = book(*INTRODUCTION_PARTS, *CHAPTER_I_PARTS, *CHAPTER_IV_PARTS)
    tree = found.tree
    divisions = tree.divisions
    assert [(d.id, d.type, d.label) for d in divisions] == [
        ("intro", "introduction", None),
        ("ch01", "chapter", "CHAPTER I"),
        ("ch02", "chapter", "CHAPTER IV"),
    ]
    assert divisions[1].title == "The First Foreign Policy Acts of the Soviet Government"
    assert divisions[2].subtitle == "(November 1918-March 1921)"
    assert [len(d.sections) for d in divisions] == [0, 2, 2]
    assert tree.contents == []
    assert rules(found.review) == ["heading_by_form"] * 7 + ["no_contents"]
    assert "title_case" in rules(found.changes)


def test_note_numbering_through_the_book_is_recognised() -> None:
    # raw lines 184-194 and 438-470 with notes renumbered as another book would number them
    first = INTRODUCTION.replace('policy".¹', 'policy".¹ More.² Again.³').replace(
        "¹ V. I. Lenin", "¹ One.\n\n² Two.\n\n³ V. I. Lenin"
    )
    second = CHAPTER_I_NOTE.replace("¹", "⁴")
    second_note = CHAPTER_I_NOTE_BODY.replace("¹", "⁴")
    found = book(("INTRODUCTION", 184), (first, 192), (CHAPTER_I, 438), (second, 458), (second_note, 470))
    tree = found.tree
    assert tree.note_numbering == "book"
    assert tree.divisions[1].notes[0].id == "ch01-n4"
    assert not any(note.unlinked for d in tree.divisions for note in d.notes)


@pytest.mark.parametrize(
    ("printed", "title"),
    [
        (
            "THE USSR ESTABLISHES NEW RELATIONS WITH THE EASTERN COUNTRIES",
            "The USSR Establishes New Relations with the Eastern Countries",
        ),
        ("THE SOVIET GOVERNMENT'S STRUGGLE. THE RESPITE", "The Soviet Government's Struggle. The Respite"),
        ("CHRONOLOGY", "Chronology"),
    ],
)
def test_title_case(printed: str, title: str) -> None:
    assert title_case(printed, frozenset({"USSR"})) == title


def test_command_line(tmp_path: Path) -> None:
    repaired = tmp_path / "repaired.json"
    blocks = [
        block for text, line in (*CONTENTS_INTRO, *INTRODUCTION_PARTS) for block in blocks_at(text, line)
    ]
    repaired.write_text(json.dumps({"blocks": [b.to_dict() for b in blocks]}))
    output, evidence = tmp_path / "structure.json", tmp_path / "structure.evidence.json"
    logs = [
        "--changes",
        str(tmp_path / "structure.changes.jsonl"),
        "--review",
        str(tmp_path / "structure.review.jsonl"),
    ]
    logs += ["--evidence", str(evidence)]
    assert main(["--input", str(repaired), "--output", str(output), *logs]) == 0
    structure = json.loads(output.read_text(encoding="utf-8"))
    assert list(structure) == ["contents", "front", "divisions", "back", "note_numbering", "contents_head"]
    changes = read_log(tmp_path / "structure.changes.jsonl", Change)
    assert rules(changes) == ["title_from_contents"] and changes[0].stage == "structure"
    assert read_log(tmp_path / "structure.review.jsonl", Review) == []
    found = read_evidence(evidence)
    assert rules(found.conventions) == ["layout_headings", "layout_notes"]
    assert (found.contents.entries, found.contents.found, found.contents.differences) == (1, 1, [])
    repaired.write_text('{"chapters": []}')
    assert main(["--input", str(repaired), "--output", str(output), *logs]) == 1
    assert main(["--input", str(tmp_path / "missing.json"), "--output", str(output), *logs]) == 1


def test_contents_cross_check_reports_every_difference() -> None:
    """The evidence's cross-check: a heading not found, one out of order, one that reads differently."""
    divisions = [
        Division(identifier, kind, None, None, title, None, line, [], [], [])
        for identifier, kind, title, line in [
            ("intro", "introduction", "Introduction", 184),
            ("ch01", "chapter", "The First Foreign Policy Acts", 436),
            ("ch02", "chapter", "The Brest-Litovsk Negotiations", 760),
        ]
    ]
    # the contents' raw lines 72-80 and 200, shortened
    contents = [
        ContentsEntry(None, "Introduction", 9, 1, 72, "intro"),
        ContentsEntry("CHAPTER II", "The Brest-Litovsk Negotiations", 48, 1, 80, "ch02"),
        ContentsEntry("CHAPTER I", "The First Foreign Policy Acts", 30, 1, 73, "ch01"),
        ContentsEntry(None, "Chronology", 489, 1, 200, None),
    ]
    tree = Book(contents, [], divisions, [], "division")
    review = [Review("heading_differs_from_contents", 764, "BREST", "similarity 0.85")]
    assert [(found.line, found.difference.split(":")[0]) for found in contents_differences(tree, review)] == [
        (73, "heading stands before the previous entry's heading"),
        (200, "heading not found in the text"),
        (764, "reads differently"),
    ]
    tree.contents[1:3] = tree.contents[2:0:-1]
    tree.contents[3].target = "ch02"
    assert contents_differences(tree, []) == []


# --- the whole book


def words(text: str) -> Counter[str]:
    """Words of ``text``: note markers ignored, line-end hyphenation undone, case folded."""
    text = re.sub(rf"[{SUPERSCRIPT_DIGITS}⁻]+", " ", text)
    return Counter(w.casefold() for w in re.findall(r"[^\W_]+", re.sub(r"(?<=\w)-\s+(?=\w)", "", text)))


def output_texts(tree: Book) -> Iterator[str]:
    """Every piece of text of a tree; a page break may cut a word, a date part holds its printed text."""
    for entry in tree.contents:
        yield from (entry.label or "", entry.title, str(entry.page or ""))
    yield tree.contents_head.text if tree.contents_head else ""
    for node in walk(tree):
        if isinstance(node, Division):
            yield from (node.label or "", node.title, node.subtitle or "")
        elif isinstance(node, Section):
            yield node.title
        elif isinstance(node, Heading):
            yield node.text
        elif isinstance(node, Paragraph | ListItem | Note):
            yield "".join(
                part if isinstance(part, str) else part.text if isinstance(part, PrintedDate) else ""
                for part in node.parts
            )


def book_blocks() -> list[Block]:
    """The whole book's blocks: from the repair stage if it exists, else split and notes marked."""
    text = RAW.read_text(encoding="utf-8")
    if importlib.util.find_spec("pipeline.repair") is None:
        return blocks_at(text, 1)
    from pipeline.normalise import normalise_text
    from pipeline.repair import repair

    blocks, _, _ = repair(normalise_text(text)[0])
    return blocks


@pytest.fixture(scope="module")
def whole_book() -> tuple[list[Block], Structured]:
    blocks = book_blocks()
    return blocks, build_structure(blocks)


@pytest.mark.slow
def test_whole_book_divisions_and_sections(whole_book: tuple[list[Block], Structured]) -> None:
    _, found = whole_book
    tree = found.tree
    divisions = tree.divisions
    assert [d.type for d in divisions] == ["introduction"] + ["chapter"] * 13 + ["chronology"]
    contents = parse_contents(split_blocks(RAW.read_text(encoding="utf-8")))
    chapters = [entry for entry in contents if entry.label]
    for division, entry in zip(divisions[1:14], chapters, strict=True):
        assert division.label == entry.label
        assert heading_key(entry.title).startswith(heading_key(division.title))  # quotes may be curly
        assert entry.target is None or entry.target == division.id
    assert sum(len(d.sections) for d in divisions) == sum(entry.level == 2 for entry in contents) == 86
    assert all(entry.target for entry in tree.contents)
    assert [type(item) for item in tree.back][:2] == [Heading, Paragraph]


@pytest.mark.slow
def test_whole_book_notes(whole_book: tuple[list[Block], Structured]) -> None:
    _, found = whole_book
    tree = found.tree
    assert tree.note_numbering == "division"
    notes = [note for division in tree.divisions for note in division.notes]
    assert len(notes) >= 1183
    unlinked = {note.first_line for note in notes if note.unlinked}
    reported = {item.line for item in found.review if item.rule == "note_without_marker"}
    assert unlinked == reported
    assert len(unlinked) <= 2
    for division in tree.divisions:
        numbers = [int(note.n.split("-")[0]) for note in division.notes if note.n[0].isdigit()]
        assert numbers[0] == 1
        assert numbers == sorted(numbers)
    referenced = Counter(
        part.note for node in walk(tree) for part in parts_of(node) if isinstance(part, NoteRef)
    )
    assert max(referenced.values()) == 1
    assert len(referenced) == len(notes) - len(unlinked)


@pytest.mark.slow
def test_whole_book_loses_no_text(whole_book: tuple[list[Block], Structured]) -> None:
    """Every word in is a word out, except where a logged change says otherwise."""
    blocks, found = whole_book
    tree = found.tree
    expected: Counter[str] = Counter()
    for block in blocks:
        text = re.sub(r"^\d{1,3}(?:-\d{1,3})?\s", "", block.text) if block.kind == "note" else block.text
        expected.update(words(text))
    for change in found.changes:
        expected.subtract(words(change.before))
        expected.update(words(change.after))
    found: Counter[str] = Counter()
    for text in output_texts(tree):
        found.update(words(text))
    assert +expected == found
    assert not -expected


# The first book has no parts: raw lines 68-76 and 438-586 with a `PART I` heading (and its
# contents row) put above CHAPTER I, the way a book in parts prints them.
CONTENTS_WITH_PART = CONTENTS_START.replace(
    "| CHAPTER I.", "| PART I. The Years of Revolution | 30 |\n| CHAPTER I."
)
PART_I = """
PART I

THE YEARS OF REVOLUTION
"""


def test_a_part_above_chapters_holds_them_and_leaves_the_chapter_ids() -> None:
    found = book((CONTENTS_WITH_PART, 68), *INTRODUCTION_PARTS, (PART_I, 434), *CHAPTER_I_PARTS)
    tree = found.tree
    intro, part, chapter = tree.divisions
    assert intro.type == "introduction"
    assert (part.id, part.type, part.n, part.label, part.title, part.chapters) == (
        "part1",
        "part",
        "I",
        "PART I",
        "The Years of Revolution",
        ["ch01"],
    )
    assert part.content == part.sections == part.notes == []
    assert (chapter.id, chapter.label, len(chapter.sections)) == ("ch01", "CHAPTER I", 2)
    assert [note.id for note in chapter.notes] == ["ch01-n1"]
    assert [entry.target for entry in tree.contents][:3] == ["intro", "part1", "ch01"]


def test_an_introduction_after_the_chapters_of_a_part_is_not_in_the_part() -> None:
    found = book((PART_I, 434), *CHAPTER_I_PARTS, *INTRODUCTION_PARTS)
    tree = found.tree
    assert [(d.id, d.chapters) for d in tree.divisions] == [
        ("part1", ["ch01"]),
        ("ch01", None),
        ("intro", None),
    ]


def test_the_word_index_finds_every_entry_a_full_count_of_shared_words_finds() -> None:
    # the whole printed contents (entries at raw lines 72-182) against every short block of the book
    blocks = split_blocks(RAW.read_text(encoding="utf-8"))
    titles = [entry.title for entry in parse_contents(blocks)]
    entry_words = _EntryWords(titles)
    words = [_tokens(heading_key(title)) for title in titles]
    found = 0
    for block in blocks:
        if len(block.text) <= 400:
            tokens = _tokens(heading_key(block.text))
            counted = [
                number
                for number, title_words in enumerate(words)
                if len(tokens) <= 2 * len(title_words) + 2
                and len(tokens & title_words) >= max(1, 0.6 * len(title_words))
            ]
            assert entry_words.sharing(tokens) == counted, block.text
            found += bool(counted)
    assert found > 100  # the headings (and the contents rows) share words with their entries


def test_a_plates_caption_becomes_a_figure_and_the_paragraph_it_cut_goes_on() -> None:
    """Raw lines 856-895 of The Stones of Bray (``tests/data/``, read from line 1): a plate's page bound in between
    two pages of one paragraph; its title and credit become a figure after the joined paragraph."""
    excerpt = (Path(__file__).parent / "data" / "stones-of-bray-856-895.txt").read_text(encoding="utf-8")
    found = build_structure(repair(excerpt, typeset=False).blocks)
    items = [item for item in found.tree.divisions[0].content if not isinstance(item, PageBreak)]
    figures = [item for item in items if isinstance(item, Figure)]
    assert figures == [
        Figure(26, ["POWERSCOURT WATERFALL (MICA-SCHIST)"], ["(From a photograph by B. Killick, Bray)"])
    ]
    before = items[items.index(figures[0]) - 1]
    assert isinstance(before, Paragraph)
    assert "a later great earth-pressure came from north and south" in plain(before.parts)
    assert [change.line for change in found.changes if change.rule == "figure_caption"] == [26]
