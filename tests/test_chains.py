"""The heaviest consistent chain: keeps evidence that agrees with an order, drops strays."""

from __future__ import annotations

from pipeline.chains import heaviest_chain


def rising(earlier: int, later: int) -> bool:
    return 1 <= later - earlier <= 2


def test_stray_numbers_are_dropped_from_a_rising_page_sequence() -> None:
    # page numbers read from the foot of pages, with a year and a misread number among them
    found = [41, 42, 1918, 43, 45, 7, 46]
    assert heaviest_chain(found, weight=lambda _: 1.0, follows=rising) == [41, 42, 43, 45, 46]


def test_weights_prefer_the_better_evidence() -> None:
    # two candidates for the same place: the chain through the heavier one wins
    items = [("a", 1, 0.2), ("b", 2, 0.9), ("b'", 2, 0.3), ("c", 3, 0.5)]
    chain = heaviest_chain(items, weight=lambda item: item[2], follows=lambda x, y: x[1] < y[1])
    assert [name for name, _, _ in chain] == ["a", "b", "c"]


def test_nothing_in_nothing_out() -> None:
    assert heaviest_chain([], weight=lambda _: 1.0, follows=rising) == []
