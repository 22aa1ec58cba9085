"""The OCR's inline markdown (``*italic*``, ``**bold**``) parsed into a small tree, and written as TEI.

Only asterisks are markup, and a backslash escapes ASCII punctuation (``\\$`` is ``$``, as in
CommonMark); every other character is text and stays text. A delimiter opens
when followed by a non-space and closes when preceded by one (as in CommonMark); an opener
without a closer is kept as a literal asterisk. Parts that are not strings (note references)
are carried through the parse as :class:`Anchor` leaves at their place, so emphasis may span them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from lxml import etree

from pipeline.tei import XML_LANG, tei

_ANCHOR = "\ufffc"  # OBJECT REPLACEMENT CHARACTER: stands for a non-text part while parsing
_DELIMITERS = {"*": "italic", "**": "bold"}
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_SPECIAL_RE = re.compile(r"[*\\]")  # the characters the parser stops at
_CYRILLIC = "\u0400-\u052f"
# A run of Cyrillic words: starts and ends with a Cyrillic letter; spaces, digits and light
# punctuation may stand between its words (quotation marks and Latin letters end it).
CYRILLIC_RUN = re.compile(rf"[{_CYRILLIC}]+(?:[ \t\d.,:;()\-\u2013\u2014]+[{_CYRILLIC}]+)*")
_CYRILLIC_LETTER = re.compile(f"[{_CYRILLIC}]")  # (a text without one has no run: a quicker test)


@dataclass(frozen=True)
class Anchor:
    """A non-text part of a paragraph (e.g. ``{"note": "ch01-n1"}``), kept at its place."""

    value: Any


@dataclass(frozen=True)
class Emphasis:
    """An emphasised run: ``style`` is ``"italic"`` or ``"bold"``."""

    style: str
    children: list[Inline] = field(default_factory=list)


Inline = str | Emphasis | Anchor


def parse_inline(parts: str | Sequence[Any]) -> list[Inline]:
    """Parse markdown text (or a list of text parts and anchors) into strings, emphasis and anchors."""
    if isinstance(parts, str):
        parts = [parts]
    anchors = [part for part in parts if not isinstance(part, str)]
    texts = [part for part in parts if isinstance(part, str)]
    if any(_ANCHOR in text for text in texts):
        raise ValueError(f"text contains the reserved character U+FFFC: {texts!r}")
    source = "".join(part if isinstance(part, str) else _ANCHOR for part in parts)
    nodes: list[Inline]
    if "*" in source or "\\" in source:
        nodes, _, _ = _Parser(source).parse(0, ())
    else:
        nodes = [source] if source else []  # no asterisk or backslash: the whole text is plain text
    return _restore_anchors(nodes, iter(anchors)) if anchors else nodes


class _Parser:
    """Recursive-descent emphasis parser, memoised so that bad input stays fast.

    ``stack`` lists the delimiters open around the current position, innermost last: the last one
    is the closer looked for, and an open delimiter cannot open again (so nesting is at most two deep).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        # where the last run of asterisks that could close each delimiter starts (-1: none)
        self.last_closer = {"*": -1, "**": -1}
        for run in re.finditer(r"(?<=\S)\*+", text):
            for delimiter in self.last_closer:
                if len(run.group()) >= len(delimiter):
                    self.last_closer[delimiter] = run.start()
        self.memo: dict[tuple[int, tuple[str, ...]], tuple[list[Inline], int, bool]] = {}

    def parse(self, pos: int, stack: tuple[str, ...]) -> tuple[list[Inline], int, bool]:
        """Parse from ``pos`` until the innermost closer (or the end); return (nodes, end, closed?)."""
        key = (pos, stack)
        if key not in self.memo:
            self.memo[key] = self._parse(pos, stack)
        return self.memo[key]

    def _parse(self, pos: int, stack: tuple[str, ...]) -> tuple[list[Inline], int, bool]:
        text = self.text
        closer = stack[-1] if stack else ""
        nodes: list[Inline] = []
        i = pos
        while i < len(text):
            if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in _ESCAPABLE:
                _add_text(nodes, text[i + 1])
                i += 2
                continue
            if text[i] != "*":
                special = _SPECIAL_RE.search(text, i + 1)  # plain text up to the next asterisk or backslash
                end = special.start() if special else len(text)
                _add_text(nodes, text[i:end])
                i = end
                continue
            run = 1
            while i + run < len(text) and text[i + run] == "*":
                run += 1
            before = text[i - 1] if i > 0 else " "
            after = text[i + run] if i + run < len(text) else " "
            if closer and run >= len(closer) and not before.isspace():
                return nodes, i + len(closer), True
            delimiter = "**" if run >= 2 else "*"
            can_close_later = self.last_closer[delimiter] > i
            if not after.isspace() and delimiter not in stack and can_close_later:
                inner, end, closed = self.parse(i + len(delimiter), (*stack, delimiter))
                if closed and inner:
                    nodes.append(Emphasis(_DELIMITERS[delimiter], inner))
                    i = end
                    continue
            _add_text(nodes, delimiter)
            i += len(delimiter)
        return nodes, i, False


def _add_text(nodes: list[Inline], text: str) -> None:
    if nodes and isinstance(nodes[-1], str):
        nodes[-1] += text
    else:
        nodes.append(text)


def _restore_anchors(nodes: list[Inline], anchors: Any) -> list[Inline]:
    """Replace each placeholder character by the next anchor, in document order."""
    restored: list[Inline] = []
    for node in nodes:
        if isinstance(node, Emphasis):
            restored.append(Emphasis(node.style, _restore_anchors(node.children, anchors)))
            continue
        pieces = cast(str, node).split(_ANCHOR)  # (the parser's nodes are text and emphasis only)
        for index, piece in enumerate(pieces):
            if index:
                restored.append(Anchor(next(anchors)))
            if piece:
                restored.append(piece)
    return restored


def append_text(parent: etree._Element, text: str) -> None:
    """Append ``text`` to ``parent``'s mixed content (after its last child)."""
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def append_plain(parent: etree._Element, text: str) -> None:
    """Append text, marking Cyrillic runs as ``foreign xml:lang="ru"`` and newlines as ``lb``."""
    if "\n" not in text and not _CYRILLIC_LETTER.search(text):
        append_text(parent, text)  # the common case: nothing to mark
        return
    for line_number, line in enumerate(text.split("\n")):
        if line_number:
            etree.SubElement(parent, tei("lb"))
        position = 0
        for match in CYRILLIC_RUN.finditer(line):
            append_text(parent, line[position : match.start()])
            foreign = etree.SubElement(parent, tei("foreign"))
            foreign.set(XML_LANG, "ru")
            foreign.text = match.group()
            position = match.end()
        append_text(parent, line[position:])


def append_inline(
    parent: etree._Element,
    nodes: Sequence[Inline],
    anchor: Callable[[Any], etree._Element] | None = None,
) -> None:
    """Append parsed inline nodes to ``parent`` as TEI: emphasis as ``hi rend``, anchors via ``anchor``."""
    for node in nodes:
        if isinstance(node, str):
            append_plain(parent, node)
        elif isinstance(node, Emphasis):
            hi = etree.SubElement(parent, tei("hi"), rend=node.style)
            append_inline(hi, node.children, anchor)
        else:
            if anchor is None:
                raise ValueError(f"no handler for the anchor {node.value!r}")
            parent.append(anchor(node.value))
