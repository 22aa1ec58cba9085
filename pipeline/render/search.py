"""The HTML edition's search index: every place of the text once, each with an anchor to link to.

A *place* is a heading (its section's), a paragraph or list item, or a note. Each paragraph or
list item without an ``id`` is given one (``<section id>-p<n>``), so that a search result links to
the hit itself. The index holds each place's text once, without note numbers, deflated and
base64-coded in ``search-index.js``: ``reader.js`` loads it (and the search engine,
:data:`ENGINE`) only when the reader first uses the search box, inflates it and builds the engine's
index in the browser.

The index (JSON, before deflating)::

    {"sections": [[page, id, title, parent, label], …],  # parent: the section's index, -1 at the top
     "places": [[section, id, text], [section, id, text, note], …]}  # note: the printed number

A section's ``label`` is the length of its heading's label (``Chapter VI.``), 0 if it has none.
"""

from __future__ import annotations

import base64
import json
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from lxml.html import HtmlElement

from pipeline.render.notes import has_class, heading_text
from pipeline.render.trees import plain_text

SEARCH_INDEX = "search-index.js"
ENGINE = "search-engine.js"  # the search: an index of the places built in the browser, BM25+
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
BLOCKS = frozenset(("p", "li", "dt", "dd", "figcaption", "td", "th", "pre"))  # the text's places
NOT_TEXT = frozenset(("footnote-ref", "footnote-back"))  # note numbers: in the page, not its words
UNINDEXED = "contents"  # the printed contents: its headings are indexed where they head their text


def own_text(element: etree._Element) -> str:
    """The words of ``element`` less its note numbers and the places within it (a sublist's items)."""
    parts: list[str] = []

    def collect(node: etree._Element) -> None:
        parts.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str) and child.tag not in BLOCKS and not NOT_TEXT & _classes(child):
                collect(child)
            parts.append(child.tail or "")

    collect(element)
    return " ".join("".join(parts).split())


def _classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").split())


def label_length(heading: etree._Element) -> int:
    """The length of a heading's label (``Chapter VI.``), 0 if it has none."""
    label = next((span for span in heading.iter("span") if has_class(span, "label")), None)
    return 0 if label is None else len(plain_text(label))


def note_text(note: etree._Element) -> tuple[str, str]:
    """A note's text (all its paragraphs) and its printed number (the backlink's)."""
    backlink = next((a for a in note.iter("a") if has_class(a, "footnote-back")), None)
    number = plain_text(backlink) if backlink is not None else ""
    return " ".join(own_text(part) for part in note.iter("p")) or own_text(note), number


@dataclass
class SearchIndex:
    """The places of the edition's pages, gathered a division at a time (:meth:`add`)."""

    sections: list[list[str | int]] = field(default_factory=list)
    places: list[list[str | int]] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)  # the ids of the divisions, so that a new one is new
    counted: dict[int, int] = field(default_factory=dict)  # the anchors made in each section so far

    def add(self, division: HtmlElement, page: str) -> None:
        """Index a top-level division shown on ``page``, giving its paragraphs their anchors."""
        if has_class(division, UNINDEXED):
            return
        self.taken |= {element.get("id", "") for element in division.iter() if element.get("id")}
        self._section(division, page, -1)

    def _section(self, section: etree._Element, page: str, parent: int) -> None:
        heading = next(section.iterchildren(*HEADINGS), None)
        title, label = ("", 0) if heading is None else (heading_text(heading), label_length(heading))
        number = len(self.sections)
        self.sections.append([page, section.get("id", ""), title, parent, label])
        self._places(section, page, number)

    def _places(self, container: etree._Element, page: str, section: int) -> None:
        """The places of ``container``, in the order of the text, each in its nearest section."""
        for child in container.iterchildren("*"):
            if child.tag == "section" and has_class(child, "footnotes"):
                for note in child.iter("li"):
                    text, number = note_text(note)
                    if text and note.get("id"):
                        self.places.append([section, note.get("id", ""), text, number])
            elif child.tag == "section" and child.get("id"):
                self._section(child, page, section)
            elif child.tag not in HEADINGS:  # a heading is its section's place (pandoc's section-divs)
                if child.tag in BLOCKS and (text := own_text(child)):
                    self.places.append([section, self._anchor(child, section), text])
                self._places(child, page, section)

    def _anchor(self, element: etree._Element, section: int) -> str:
        """The ``id`` of a place: its own, else a new one made from its section's (``ch06-s3-p7``)."""
        if element.get("id"):
            return element.get("id", "")
        anchor = ""
        while not anchor or anchor in self.taken:
            self.counted[section] = self.counted.get(section, 0) + 1
            anchor = f"{self.sections[section][1]}-p{self.counted[section]}"
        self.taken.add(anchor)
        element.set("id", anchor)
        return anchor

    def write(self, folder: Path) -> int:
        """Write ``search-index.js`` into ``folder``; return its size in bytes."""
        index = {"sections": self.sections, "places": self.places}
        data = json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        coded = base64.b64encode(zlib.compress(data, 9)).decode("ascii")
        script = (
            "/* The search index of this edition, read by reader.js: each place of the text once. */\n"
            f'window.EDITION_SEARCH_INDEX = "{coded}";\n'
        )
        (folder / SEARCH_INDEX).write_text(script, encoding="ascii")
        return len(script)
