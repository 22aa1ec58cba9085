"""What the structure stage found besides the tree, as evidence for the editor (``structure.evidence.json``).

* the layout conventions found (page furniture, notes, headings), each with its evidence;
* the cross-check of the printed contents against the headings found;
* the page breaks found and numbered, span by span between the contents' anchors.

The QA report reads this small file instead of the whole tree. The JSON shape is
``schemas/evidence.schema.json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipeline.model.records import FormatError, Review


@dataclass
class PageSpan:
    """The page breaks found between two successive contents anchors, against the pages expected.

    ``disagreement``: why the printed page numbers contradict the second anchor's contents page;
    ``inferred``: the breaks numbered by their place in the text.
    """

    start: str
    start_page: int
    start_line: int
    end: str
    end_page: int
    end_line: int
    expected: int
    found: int
    printed: int
    numbered: bool
    disagreement: str | None = None
    inferred: int = 0

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "from": self.start,
            "from_page": self.start_page,
            "from_line": self.start_line,
            "to": self.end,
            "to_page": self.end_page,
            "to_line": self.end_line,
            "expected": self.expected,
            "found": self.found,
            "printed": self.printed,
            "numbered": self.numbered,
        }
        if self.disagreement is not None:
            data["disagreement"] = self.disagreement
        if self.inferred:
            data["inferred"] = self.inferred
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PageSpan:
        return cls(
            data["from"],
            data["from_page"],
            data["from_line"],
            data["to"],
            data["to_page"],
            data["to_line"],
            data["expected"],
            data["found"],
            data["printed"],
            data["numbered"],
            data.get("disagreement"),
            data.get("inferred", 0),
        )


@dataclass
class PageBreaks:
    """How many page breaks were found and numbered (``inferred`` of them by their place in the text),
    and the table of spans between anchors."""

    found: int
    numbered: int
    table: list[PageSpan]
    inferred: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "found": self.found,
            "numbered": self.numbered,
            "inferred": self.inferred,
            "table": [row.to_json() for row in self.table],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PageBreaks:
        table = [PageSpan.from_json(row) for row in data["table"]]
        return cls(data["found"], data["numbered"], table, data.get("inferred", 0))


@dataclass
class ContentsDifference:
    """A difference between a contents entry and the headings found: its line, the entry, what differs."""

    line: int
    entry: str
    difference: str

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "entry": self.entry, "difference": self.difference}


@dataclass
class ContentsCheck:
    """The printed contents against the headings: entries, how many were found, every difference."""

    entries: int
    found: int
    differences: list[ContentsDifference]

    def to_json(self) -> dict[str, Any]:
        return {
            "entries": self.entries,
            "found": self.found,
            "differences": [difference.to_json() for difference in self.differences],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ContentsCheck:
        differences = [ContentsDifference(**item) for item in data["differences"]]
        return cls(data["entries"], data["found"], differences)


@dataclass
class StructureEvidence:
    """The structure stage's evidence: layout conventions, the contents cross-check, the page breaks."""

    conventions: list[Review]
    contents: ContentsCheck
    page_breaks: PageBreaks

    def to_json(self) -> dict[str, Any]:
        return {
            "conventions": [item.to_dict() for item in self.conventions],
            "contents": self.contents.to_json(),
            "page_breaks": self.page_breaks.to_json(),
        }

    @classmethod
    def from_json(cls, data: Any) -> StructureEvidence:
        """The evidence from its JSON object; :class:`FormatError` if the object is not one."""
        try:
            return cls(
                [Review.from_dict(item) for item in data["conventions"]],
                ContentsCheck.from_json(data["contents"]),
                PageBreaks.from_json(data["page_breaks"]),
            )
        except (KeyError, TypeError, AttributeError) as error:
            raise FormatError(f"not the structure's evidence: {type(error).__name__} {error}") from None
