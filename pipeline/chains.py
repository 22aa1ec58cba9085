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
    best: list[tuple[float, int]] = []  # (weight of the best chain ending here, index before it)
    for k, item in enumerate(items):
        value, link = weight(item), -1
        for j in range(k):
            if best[j][0] + weight(item) > value and follows(items[j], item):
                value, link = best[j][0] + weight(item), j
        best.append((value, link))
    if not best:
        return []
    k = max(range(len(best)), key=lambda index: best[index][0])
    chain = []
    while k >= 0:
        chain.append(items[k])
        k = best[k][1]
    return chain[::-1]
