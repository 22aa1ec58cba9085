"""The printed contents table: found, joined across page breaks, cleaned, levelled.

The excerpts are the book's lines as printed (hence no line-length check in this file).
"""
# ruff: noqa: E501

from __future__ import annotations

from pathlib import Path

import pytest
from printed_contents import parse_contents

from pipeline.model import Block
from pipeline.readers.paragraph_lines import split_blocks
from pipeline.structure.contents import find_contents
from pipeline.structure.patterns import join_hyphenated
from pipeline.text.punctuation import plain_text

RAW = Path(__file__).resolve().parent.parent / "raw" / "soviet-foreign-policy-vol1.txt"


def blocks_at(excerpt: str, first_line: int) -> list[Block]:
    """The blocks of an excerpt that starts at raw line ``first_line``."""
    return split_blocks(excerpt.strip("\n"), first_line)


# raw lines 68-80: the heading, the first table's start, an entry with leader dots
START = """
CONTENTS

| | |
|--|----|
| Introduction | 9 |
| CHAPTER I. The First Foreign Policy Acts of the Soviet Government | 30 |
| The Struggle of the Soviet Government for a General Democratic Peace | 30 |
| Soviet Russia's Struggle for the Peoples' Liberation | 38 |
| The Creation of the People's Commissariat for Foreign Affairs | 42 |
| CHAPTER II. The Brest-Litovsk Negotiations and Peace Treaty | 48 |
| The First Stage of the Peace Negotiations | 48 |
| Predatory Demands of German Imperialism | 51 |
| Lenin's Struggle for the Immediate Conclusion of Peace .. | 55 |
"""

# raw lines 129-136: one entry split over two tables at a page break
SPLIT = """
| The USSR and the Briand-Kellogg Pact | 251 |
| Resumption of Soviet-British Relations | 253 |
| CHAPTER IX. Soviet Foreign Policy in the Years of the World Economic Crisis and the Aggravation of the International | |

| | |
|---|-----|
| Situation (1929-1932) | 256 |
| The Effect of the World Economic Crisis on International Relations | 256 |
"""

# raw lines 165-170 and 180-184: leader dots, in-line hyphenation, a stray dash; the end of the table
END = """
| | |
|---|-----|
| Soviet Efforts to Prevent the Spread of Nazi Aggression in the Second Half of 1940 and the Beginning of 1941 . . . | 400 |
| The Soviet Government's Resistance to Japanese Ag- gression in the Far East | 404 |
| -CHAPTER XIII. Foreign Policy of the Soviet Union During the Great Patriotic War (1941-1945) | 411 |
| Entry of the USSR into the War Against Japan | 478 |
| The USSR and the Foundation of the United Nations Organisation. The Conferences at Dumbarton Oaks and San Francisco | 481 |
| CHRONOLOGY | 489 |

INTRODUCTION

Throughout the centuries, even the millenia, ever since the early times when the first states were formed.
"""


def contents_of(*parts: tuple[str, int]) -> list[Block]:
    return [block for excerpt, line in parts for block in blocks_at(excerpt, line)]


def test_rows_become_entries_with_label_title_page_level_and_line() -> None:
    table = find_contents(blocks_at(START, 68))
    assert table is not None
    first, chapter, section = table.entries[:3]
    assert (first.label, first.title, first.page, first.level, first.type) == (
        None,
        "Introduction",
        9,
        1,
        "introduction",
    )
    assert (chapter.label, chapter.n, chapter.page, chapter.level, chapter.line) == (
        "CHAPTER I",
        "I",
        30,
        1,
        73,
    )
    assert chapter.title == "The First Foreign Policy Acts of the Soviet Government"
    assert (section.label, section.level, section.line) == (None, 2, 74)
    assert len(table.entries) == 9
    assert table.head_index == 0


def test_leader_dots_are_dropped_and_logged() -> None:
    table = find_contents(blocks_at(START, 68))
    assert table is not None
    assert table.entries[-1].title == "Lenin's Struggle for the Immediate Conclusion of Peace"
    change = table.changes[0]
    assert (change.rule, change.line, change.stage) == ("contents_leader_dots", 80, "structure")


def test_entry_split_over_two_tables_is_joined() -> None:
    blocks = contents_of(("CONTENTS", 68), (SPLIT, 129))
    entries = parse_contents(blocks)
    chapter = entries[2]
    assert chapter.label == "CHAPTER IX"
    assert chapter.title == (
        "Soviet Foreign Policy in the Years of the World Economic Crisis and the Aggravation "
        "of the International Situation (1929-1932)"
    )
    assert (chapter.page, chapter.line, chapter.level) == (256, 131, 1)
    assert entries[3].level == 2  # a section after a chapter


def test_stray_dash_hyphenation_and_the_end_of_the_table() -> None:
    table = find_contents(contents_of(("CONTENTS", 68), (END, 165)))
    assert table is not None
    titles = [entry.title for entry in table.entries]
    assert titles[0].endswith("the Beginning of 1941")
    assert titles[1] == "The Soviet Government's Resistance to Japanese Aggression in the Far East"
    assert table.entries[2].label == "CHAPTER XIII"
    assert [change.rule for change in table.changes] == [
        "contents_leader_dots",
        "contents_hyphenation",
        "contents_stray_char",
    ]
    chronology = table.entries[-1]
    assert (chronology.title, chronology.level, chronology.type) == ("CHRONOLOGY", 1, "chronology")
    assert len(table.entries) == 6  # INTRODUCTION and the text after it are not contents


def test_titles_left_alone() -> None:
    # raw lines 88 and 112: full stops, quotation marks and compounds inside titles stay
    excerpt = """
CONTENTS

| Extension of the Allied Intervention. Soviet Peace Proposals to the Allies | 82 |
| "The Curzon Ultimatum" | 184 |
| The USSR and the Building of the Anti-Hitler Coalition | 417 |
"""
    table = find_contents(blocks_at(excerpt, 86))
    assert table is not None
    assert [entry.title for entry in table.entries] == [
        "Extension of the Allied Intervention. Soviet Peace Proposals to the Allies",
        '"The Curzon Ultimatum"',
        "The USSR and the Building of the Anti-Hitler Coalition",
    ]
    assert table.changes == []


def test_plain_line_contents() -> None:
    # the form other books of this kind print (not from the first book)
    excerpt = """
Contents

Introduction .... 9
CHAPTER I. The First Foreign Policy Acts
of the Soviet Government . . . . 30
The Creation of the People's Commissariat 42

INTRODUCTION
"""
    entries = parse_contents(blocks_at(excerpt, 1))
    assert [(e.label, e.title, e.page, e.level) for e in entries] == [
        (None, "Introduction", 9, 1),
        ("CHAPTER I", "The First Foreign Policy Acts of the Soviet Government", 30, 1),
        (None, "The Creation of the People's Commissariat", 42, 2),
    ]


def test_no_contents() -> None:
    # raw lines 184-186: no CONTENTS line
    blocks = blocks_at("INTRODUCTION\n\nThroughout the centuries, even the millenia.", 184)
    assert find_contents(blocks) is None
    assert parse_contents(blocks) == []


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [("Ag", "gression", "Aggression"), ("negoti", "ate", "negotiate"), ("Anglo", "Soviet", "Anglo-Soviet")],
)
def test_join_hyphenated(left: str, right: str, joined: str) -> None:
    assert join_hyphenated(left, right) == joined


def test_plain_text_drops_markup_and_markers() -> None:
    assert plain_text("**THE USSR'S EFFORTS\n(1925-1929)**") == "THE USSR'S EFFORTS (1925-1929)"
    assert plain_text("CHRONOLOGY¹") == "CHRONOLOGY"


def test_whole_book_contents() -> None:
    entries = parse_contents(split_blocks(RAW.read_text(encoding="utf-8")))
    assert sum(entry.level == 1 for entry in entries) == 15
    assert sum(entry.level == 2 for entry in entries) == 86
    assert [entry.label for entry in entries if entry.label] == [
        f"CHAPTER {n}"
        for n in ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII")
    ]
    assert all(isinstance(entry.page, int) for entry in entries)
    pages = [entry.page for entry in entries]
    assert pages == sorted(pages)
