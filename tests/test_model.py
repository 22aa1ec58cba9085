"""The plain data between the stages."""

from __future__ import annotations

from dataclasses import fields

from hypothesis import given
from hypothesis import strategies as st

from pipeline.model import Block, Change, Review, changed_span


def test_a_change_record_holds_every_field() -> None:
    # raw line 468 of soviet-foreign-policy-vol1.txt, joined with the next page's first word
    change = Change("repair", "rejoin_page_breaks", 468, "proposi-", "propositions", "joined")
    assert list(change.to_dict()) == [field.name for field in fields(Change)]
    assert Change(**change.to_dict()) == change


def test_block_and_review_records_hold_every_field() -> None:
    # raw lines 468-470: a page's last paragraph, then the page break
    block = Block("This definition of annexation contains a number of basic proposi-", 468, 468)
    assert list(block.to_dict()) == [field.name for field in fields(Block) if field.name != "extra"]
    broken = Block(block.text, 468, 470, extra={"page_breaks": [{"offset": 66}]})
    data = broken.to_dict()
    assert list(data) == [field.name for field in fields(Block)] and Block.from_dict(data) == broken
    data["extra"]["page_breaks"][0]["offset"] = 0  # a copy: the block is not changed
    assert broken.extra["page_breaks"][0]["offset"] == 66
    review = Review("rejoin_page_breaks", 468, "proposi-", "no evidence either way")
    assert list(review.to_dict()) == [field.name for field in fields(Review)]


def _span_letter_by_letter(before: str, after: str) -> tuple[int, int]:
    """What :func:`changed_span` computes, the plain way: common prefix, then common suffix."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return start, end


def test_changed_span_of_real_changes() -> None:
    # raw line 468 (a page-break join) and a curled quotation mark
    assert changed_span("proposi-", "propositions") == (7, 0)
    assert changed_span('the "peace" decree', "the \u201cpeace\u201d decree") == (4, 7)
    assert changed_span("aa", "aaa") == (2, 0)  # the suffix never overlaps the prefix
    assert changed_span("same", "same") == (4, 0)


@given(st.text(alphabet="ab\u201c ", max_size=12), st.text(alphabet="ab\u201c ", max_size=12))
def test_changed_span_is_the_common_prefix_and_the_rest_s_common_suffix(before: str, after: str) -> None:
    assert changed_span(before, after) == _span_letter_by_letter(before, after)
