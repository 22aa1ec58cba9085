"""Readers: the paragraph-lines reader's blocks (blank-line-separated runs of lines, numbered by raw
line), and the registry of readers."""

from __future__ import annotations

from pipeline.readers import DEFAULT_READER, READERS, read_blocks
from pipeline.readers.paragraph_lines import split_blocks

# raw lines 234-238: a paragraph cut by a page break, with a footnote body between the halves
EXCERPT = """The support and development of these relations are one of the

² *International Meeting of Communist and Workers' Parties, Moscow, 1969, Prague, 1969, p. 23.*

prime tasks of the foreign policy of the USSR."""


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
    assert READERS[DEFAULT_READER] is split_blocks
    assert read_blocks(EXCERPT) == split_blocks(EXCERPT) == read_blocks(EXCERPT, "paragraph_lines")
