"""Typed access to lxml trees, where lxml-stubs are looser than lxml itself."""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

from lxml import etree


def local(element: etree._Element) -> str:
    """An element's local name; empty for comments and processing instructions."""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def line_of(element: etree._Element) -> int | None:
    """The line of ``element`` in its XML file (lxml-stubs leave ``sourceline`` untyped)."""
    return cast(int | None, element.sourceline)


def text_of(element: etree._Element) -> str:
    """The text of ``element`` and its descendants (lxml-stubs allow bytes; lxml gives ``str``)."""
    return "".join(cast(Iterator[str], element.itertext()))


def plain_text(element: etree._Element) -> str:
    """The text of ``element`` with each run of white space as one space, none at the ends."""
    return " ".join(text_of(element).split())


def found(path: etree.XPath, root: etree._Element, **variables: str) -> list[etree._Element]:
    """The elements an XPath ``path`` that selects only elements finds from ``root``
    (lxml-stubs type every XPath result as any XPath value)."""
    return cast(list[etree._Element], path(root, **variables))


def parent_of(element: etree._Element) -> etree._Element:
    """The parent of an element that is known to have one."""
    parent = element.getparent()
    if parent is None:
        raise ValueError(f"<{local(element)}> has no parent")
    return parent


def required_child(element: etree._Element, path: str) -> etree._Element:
    """The element at ``path`` below ``element``, which the document's producer always writes."""
    child = element.find(path)
    if child is None:
        raise ValueError(f"<{local(element)}> has no {path}")
    return child
