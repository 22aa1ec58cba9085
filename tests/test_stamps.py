"""A library's stamp on the title pages: found by its form and place, kept apart, logged and listed."""

from __future__ import annotations

import pytest

from pipeline.model import Paragraph
from pipeline.structure.findings import Findings
from pipeline.structure.stamps import is_stamp, mark_stamps
from pipeline.text.headings import running_acronyms, title_case


@pytest.mark.parametrize(
    "text", ["1997.11.1.\nNorth White Plains", "12/3/1954", "1954.3.12\nCity Library\nBoston"]
)
def test_an_accession_number_and_its_place_is_a_stamp(text: str) -> None:
    assert is_stamp(text)


@pytest.mark.parametrize(
    "text",
    [
        "1917-1945",  # a period
        "0802010000",  # a catalogue number
        "1997.11.1. was the day the library took in the book and stamped it",  # text goes on
        "PROGRESS PUBLISHERS\nMOSCOW",
        "1997.11.1.\nNorth White Plains\nNew York\nUnited States of America",  # too many lines
    ],
)
def test_other_front_matter_is_no_stamp(text: str) -> None:
    assert not is_stamp(text)


def test_a_stamp_is_marked_logged_and_listed_for_review() -> None:
    front = [Paragraph(10, ["SOVIET FOREIGN POLICY"]), Paragraph(31, ["1997.11.1.\nNorth White Plains"])]
    findings = Findings()
    mark_stamps(front, findings)
    assert [item.mark for item in front] == [None, "stamp"]
    assert [(change.rule, change.line) for change in findings.changes] == [("library_stamp", 31)]
    assert [(item.rule, item.line) for item in findings.review] == [("stamp", 31)]


@pytest.mark.parametrize(
    ("capitals", "title"),
    [
        ("REQUEST TO READERS", "Request to Readers"),
        ("ABOUT THE BOOK", "About the Book"),
        ("SOVIET-BRITISH RELATIONS WITH THE EAST", "Soviet-British Relations with the East"),
        ("CHAPTER IV", "Chapter IV"),
        ("THE USSR AND THE BBC", "The USSR and the BBC"),  # an acronym of the text, a word without vowels
        ("SECTION IV. THE SALE OF LAND", "Section IV. The Sale of Land"),  # a numeral; a sentence opens
        ("1226, &C., IN THE", "1226, &C., in the"),  # no sentence ends at an abbreviation's stop
        ("RAW MATERIAL—THE TALE", "Raw Material—The Tale"),
    ],
)
def test_title_case_of_a_heading_in_capitals(capitals: str, title: str) -> None:
    acronyms = running_acronyms(["The USSR and the Entente.", "Talks in the USSR went on.", "IT HEADS"])
    assert acronyms == {"USSR"}  # (not a heading's words: a line without lower case)
    assert title_case(capitals, acronyms=acronyms) == title
