"""The heaviest chain of items that can follow one another: evidence that agrees with itself.

Used to keep, among candidate matches, those consistent with an order (contents entries found
in text order, page numbers rising through the book) and to drop the stray ones.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")


def heaviest_chain(
    items: Sequence[Item], weight: Callable[[Item], float], follows: Callable[[Item, Item], bool]
) -> list[Item]:
    """The chain ``a, b, c …`` of ``items`` (kept in their given order) with the greatest total weight
    in which each item ``follows`` the one before it; ties go to the earliest chain found."""
    totals: list[float] = []  # the weight of the heaviest chain ending at each item
    links: list[int] = []  # the index of the item before it in that chain (-1: none)
    for item in items:
        own = weight(item)
        value, link = own, -1
        for j, total in enumerate(totals):
            if total + own > value and follows(items[j], item):
                value, link = total + own, j
        totals.append(value)
        links.append(link)
    if not totals:
        return []
    k = max(range(len(totals)), key=totals.__getitem__)
    chain = []
    while k >= 0:
        chain.append(items[k])
        k = links[k]
    return chain[::-1]
