"""The one walk of the book's tree: every node in document order.

Divisions → their content items → sections → their items, then the division's notes; a list is
followed by its entries. Stages pick the nodes they need by type (``isinstance``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pipeline.model.parts import Part
from pipeline.model.tree import Book, Division, Item, ItemList, ListItem, Note, Paragraph, Section

Node = Division | Section | Item | ListItem | Note


def walk(book: Book) -> Iterator[Node]:
    """Every node of the book: the front matter's items, each division, the back matter's items."""
    yield from walk_items(book.front)
    for division in book.divisions:
        yield from walk_division(division)
    yield from walk_items(book.back)


def walk_division(division: Division) -> Iterator[Node]:
    """A division, its content, each section with its content, then its notes."""
    yield division
    yield from walk_items(division.content)
    for section in division.sections:
        yield section
        yield from walk_items(section.content)
    yield from division.notes


def walk_items(items: Iterable[Item]) -> Iterator[Item | ListItem]:
    """The items, each list followed by its entries."""
    for item in items:
        yield item
        if isinstance(item, ItemList):
            yield from item.items


def parts_of(node: Node) -> list[Part]:
    """The inline parts a node holds: a heading's ``title_parts``, a paragraph's, entry's or note's text."""
    if isinstance(node, Division | Section):
        return node.title_parts or []
    if isinstance(node, Paragraph | ListItem | Note):
        return node.parts
    return []
