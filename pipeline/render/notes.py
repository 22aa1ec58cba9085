"""Pandoc's notes finished: every reference shows the printed number, every note links back to it.

Pandoc numbers notes on its own; :func:`number_notes` puts the printed numbers back, in pandoc's
HTML page and in each content document of its EPUB alike.
"""

from __future__ import annotations

from copy import deepcopy

from lxml import etree

from pipeline.render.trees import found, parent_of, plain_text

# elements found by XPath: looking at every element in Python is slow in lxml.html's tree (the HTML
# page); the class is first asked whether it holds the name at all (most elements' classes do not: a
# search twice as quick), then whether one of its words is the name
WITH_CLASS = etree.XPath(
    "descendant-or-self::*[contains(@class, $name)]"
    "[contains(concat(' ', normalize-space(@class), ' '), concat(' ', $name, ' '))]"
)
WITH_ID = etree.XPath("descendant-or-self::*[@id != '']")


def with_class(root: etree._Element, name: str) -> list[etree._Element]:
    """``root`` and its descendants whose ``class`` lists ``name``, in document order."""
    return found(WITH_CLASS, root, name=name)


def has_class(element: etree._Element, name: str) -> bool:
    """Whether the ``class`` of ``element`` lists ``name``."""
    return name in (element.get("class") or "").split()


def same_namespace(element: etree._Element, name: str) -> str:
    """The tag ``name`` in the namespace of ``element`` (XHTML in the EPUB, none in the HTML page)."""
    namespace = etree.QName(element).namespace
    return f"{{{namespace}}}{name}" if namespace else name


def remove_keeping_tail(element: etree._Element) -> None:
    """Remove ``element``, keeping the text that follows it."""
    parent = parent_of(element)
    previous = element.getprevious()
    if element.tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def number_notes(root: etree._Element) -> int:
    """Show printed note numbers and link every note back to its reference; return the notes done.

    Works on pandoc's HTML and EPUB XHTML: a reference ``a.footnote-ref`` points at the note, whose
    ``span.note-number`` (put there by :mod:`pipeline.render.document`) becomes the backlink.
    """
    by_id = {element.get("id", ""): element for element in found(WITH_ID, root)}
    done = 0
    for reference in with_class(root, "footnote-ref"):
        note = by_id.get((reference.get("href") or "").lstrip("#"))
        if note is None:
            raise ValueError(f"footnote reference {reference.get('href')} has no note")
        number = next((element for element in note.iter() if has_class(element, "note-number")), None)
        if number is None:
            raise ValueError(f"note {note.get('id')} has no printed number")
        for old_backlink in [element for element in note.iter() if has_class(element, "footnote-back")]:
            remove_keeping_tail(old_backlink)
        printed = number.text or ""
        for child in list(reference):
            reference.remove(child)
        reference.text = None
        superscript = reference.makeelement(same_namespace(reference, "sup"), {})
        superscript.text = printed
        reference.append(superscript)
        backlink = number.makeelement(
            same_namespace(number, "a"),
            {"href": f"#{reference.get('id')}", "class": "footnote-back", "role": "doc-backlink"},
        )
        backlink.text = printed
        backlink.tail = number.tail
        parent_of(number).replace(number, backlink)
        done += 1
    return done


def heading_text(heading: etree._Element) -> str:
    """The plain text of a heading, without its note references."""
    plain = deepcopy(heading)
    for reference in with_class(plain, "footnote-ref"):
        remove_keeping_tail(reference)
    return plain_text(plain)
