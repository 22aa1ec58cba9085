"""The repair stage's unit of text: a block with the raw lines it came from."""

from __future__ import annotations

import itertools
import marshal
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Keys of ``Block.extra`` listing the places where a block's text goes on from another raw line
# (a page break inside a joined paragraph, the continuation of a note, a printed line of a
# paragraph read from wrapped lines): {"line", "offset", …}
PLACE_KEYS = ("page_breaks", "continued_at", "line_starts")
# Keys of ``Block.extra`` marking a picture's caption printed apart from the running text, each
# holding why the reader took the block for one: a plate's page bound in between two pages of text,
# or a caption standing apart on a page of text
CAPTION_KEYS = ("plate", "caption")
# Key of ``Block.extra`` holding how structured OCR's geometry sets a block's line apart from the
# text around it, as a heading is set (centred, in larger type, or alone between wide gaps)
SET_APART = "set_apart"
LARGER_TYPE_LINE, CENTRED_LINE = "set in larger type", "centred in the measure"  # a heading's place
LONE_LINE = "a line alone, after a wide gap and before one"  # a heading's, or a paragraph of one line
HEADING_PLACES = (LARGER_TYPE_LINE, CENTRED_LINE)  # set apart so, a block is a heading whatever its words


@dataclass
class Block:
    """A run of text separated from its neighbours by blank lines in the source.

    ``kind`` is ``"text"`` for running text (paragraphs, headings, list items) and
    ``"note"`` for a footnote body found at a page foot. ``extra`` holds the evidence of the
    repairs (``page_breaks``, ``continued_at``, ``page``: see ``schemas/repaired.schema.json``).
    """

    text: str
    first_line: int
    last_line: int
    kind: str = "text"
    page_break_before: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def places(self) -> list[dict[str, Any]]:
        """The places :data:`PLACE_KEYS` list in ``extra``, by offset in the text."""
        return sorted((p for key in PLACE_KEYS for p in self.extra.get(key, [])), key=lambda p: p["offset"])

    def extra_with_places_moved(self, moved: Callable[[int], int]) -> dict[str, Any]:
        """``extra`` with the offset of every place (:data:`PLACE_KEYS`) moved as ``moved`` says: where
        a repair that changed the text put the character that stood there."""
        return {
            key: [{**place, "offset": moved(place["offset"])} for place in value]
            if key in PLACE_KEYS
            else value
            for key, value in self.extra.items()
        }

    def raw_line(self, offset: int) -> int:
        """Raw line of character ``offset`` of the text, also in a block joined across page
        breaks or note continuations (counted from the last place before it)."""
        line, start = self.first_line, 0
        for place in self.places():
            if place["offset"] <= offset:
                line, start = place["line"], place["offset"]
        return line + self.text.count("\n", start, offset)

    def line_spans(self) -> list[tuple[int, int, int]]:
        """Each printed line's raw line and its start and end in the text: cut where each joined
        line starts (:meth:`places`), and at its line ends."""
        cuts = sorted({0, *(place["offset"] for place in self.places()), len(self.text)})
        spans = []
        for start, end in itertools.pairwise(cuts):
            offset = start
            for part in self.text[start:end].split("\n"):
                spans.append((self.raw_line(offset), offset, offset + len(part)))
                offset += len(part) + 1
        return spans

    def caption_reason(self) -> str | None:
        """Why the block is a picture's caption (:data:`CAPTION_KEYS`), ``None`` if it is none."""
        return next((self.extra[key] for key in CAPTION_KEYS if key in self.extra), None)

    def to_dict(self) -> dict[str, Any]:
        data = {
            "text": self.text,
            "first_line": self.first_line,
            "last_line": self.last_line,
            "kind": self.kind,
            "page_break_before": self.page_break_before,
        }
        if self.extra:
            # (a deep copy of JSON-like data: marshal makes it in C, ten times as fast as copy.deepcopy)
            data["extra"] = marshal.loads(marshal.dumps(self.extra))
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Block:
        return cls(**data)
