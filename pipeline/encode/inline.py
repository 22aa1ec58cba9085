"""The OCR's inline markdown (``*italic*``, ``**bold**``) parsed into a small tree, and written as TEI.

Only asterisks are markup, and a backslash escapes ASCII punctuation (``\\$`` is ``$``, as in
CommonMark); every other character is text and stays text. A delimiter opens
when followed by a non-space and closes when preceded by one (as in CommonMark); an opener
without a closer is kept as a literal asterisk. Parts that are not strings (note references)
are carried through the parse as :class:`Anchor` leaves at their place, so emphasis may span them.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from lxml import etree

from pipeline.lazy_re import lazy_compile
from pipeline.tei import XML_LANG, tei

_ANCHOR = "\ufffc"  # OBJECT REPLACEMENT CHARACTER: stands for a non-text part while parsing
_DELIMITERS = {"*": "italic", "**": "bold"}
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_SPECIAL_RE = lazy_compile(r"[*\\]")  # the characters the parser stops at
_STARS_RE = lazy_compile(r"\*+")
_OPEN = -1  # a search for a closer that found none
_CYRILLIC = "\u0400-\u052f"
# A run of Cyrillic words: starts and ends with a Cyrillic letter; spaces, digits and light
# punctuation may stand between its words (quotation marks and Latin letters end it).
CYRILLIC_RUN = lazy_compile(rf"[{_CYRILLIC}]+(?:[ \t\d.,:;()\-\u2013\u2014]+[{_CYRILLIC}]+)*")
_CYRILLIC_LETTER = lazy_compile(f"[{_CYRILLIC}]")  # (a text without one has no run: a quicker test)


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
    # (no asterisk or backslash: the whole text is plain text)
    plain: list[Inline] = [source] if source else []
    nodes = _Parser(source).build(0, ()) if "*" in source or "\\" in source else plain
    return _restore_anchors(nodes, iter(anchors)) if anchors else nodes


class _Parser:
    """Recursive-descent emphasis parser, in time linear in the text however bad it is.

    ``stack`` lists the delimiters open around the current position, innermost last: the last one
    is the closer looked for, and an open delimiter cannot open again (so nesting is at most two deep).
    Where an opener's closer is (or that it has none) is decided before its emphasis is built, and
    remembered at every place the search passed through: from any of them a later search with the
    same stack goes the same way, so it stops there. Each place is searched from at most once a
    stack, and only the emphasis kept is built.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        # where the last run of asterisks that could close each delimiter starts (-1: none)
        self.last_closer = {"*": -1, "**": -1}
        for run in re.finditer(r"(?<=\S)\*+", text):
            for delimiter in self.last_closer:
                if len(run.group()) >= len(delimiter):
                    self.last_closer[delimiter] = run.start()
        runs = list(_STARS_RE.finditer(text))
        self.run_starts = [run.start() for run in runs]
        self.run_ends = [run.end() for run in runs]
        # stack → at each place a search for its closer passed through: where the search ended, just
        # after the closer (_OPEN if it found none; 0 where no search has passed yet)
        self.ends: dict[tuple[str, ...], array[int]] = {}

    def build(self, pos: int, stack: tuple[str, ...]) -> list[Inline]:
        """The strings and emphasis from ``pos`` to the closer of ``stack`` (or to the end of the text)."""
        nodes: list[Inline] = []
        pieces: list[str] = []  # the text since the last emphasis (joined once: a long run stays linear)
        i = pos
        while i < len(self.text):
            i, read, closed = self.step(i, stack)
            if closed:
                break
            if isinstance(read, str):
                pieces.append(read)
            else:
                delimiter, start = read
                inner = self.build(start, (*stack, delimiter))
                _flush(nodes, pieces).append(Emphasis(_DELIMITERS[delimiter], inner))
        return _flush(nodes, pieces)

    def closer_end(self, pos: int, stack: tuple[str, ...]) -> int:
        """Where a search from ``pos`` for the closer of ``stack`` ends, just after it (_OPEN: no closer)."""
        if stack not in self.ends:
            self.ends[stack] = array("q", [0]) * len(self.text)
        ends = self.ends[stack]
        passed: list[int] = []
        end, i = _OPEN, pos
        while i < len(self.text):
            if ends[i]:
                end = ends[i]
                break
            passed.append(i)
            i, _, closed = self.step(i, stack)
            if closed:
                end = i
                break
        for place in passed:
            ends[place] = end
        return end

    def step(self, i: int, stack: tuple[str, ...]) -> tuple[int, str | tuple[str, int], bool]:
        """Read at ``i``, within the delimiters of ``stack``: the place after what was read; the text
        read, or an emphasis opened (its delimiter and where its text starts); whether it closed ``stack``."""
        text = self.text
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in _ESCAPABLE:
            return i + 2, text[i + 1], False
        if text[i] != "*":
            special = _SPECIAL_RE.search(text, i + 1)  # plain text up to the next asterisk or backslash
            end = special.start() if special else len(text)
            return end, text[i:end], False
        run = self.run_ends[bisect.bisect_right(self.run_starts, i) - 1] - i  # the asterisks from i on
        before = text[i - 1] if i > 0 else " "
        after = text[i + run] if i + run < len(text) else " "
        closer = stack[-1] if stack else ""
        if closer and run >= len(closer) and not before.isspace():
            return i + len(closer), "", True
        delimiter = "**" if run >= 2 else "*"
        can_close_later = self.last_closer[delimiter] > i
        if not after.isspace() and delimiter not in stack and can_close_later:
            start = i + len(delimiter)
            end = self.closer_end(start, (*stack, delimiter))
            if end > start + len(delimiter):  # closed, and not at once (an emphasis of nothing is text)
                return end, (delimiter, start), False
        return i + len(delimiter), delimiter, False


def _flush(nodes: list[Inline], pieces: list[str]) -> list[Inline]:
    """Append the text of ``pieces`` (if any) to ``nodes`` as one string and empty ``pieces``;
    return ``nodes``."""
    if pieces:
        nodes.append("".join(pieces))
        pieces.clear()
    return nodes


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
