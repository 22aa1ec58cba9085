"""The plain data between the stages."""

from __future__ import annotations

from dataclasses import fields

from pipeline.model import Block, Change, Review


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
