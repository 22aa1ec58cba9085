"""The repair stage's unit of text: a block with the raw lines it came from."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any


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

    def to_dict(self) -> dict[str, Any]:
        data = {
            "text": self.text,
            "first_line": self.first_line,
            "last_line": self.last_line,
            "kind": self.kind,
            "page_break_before": self.page_break_before,
        }
        if self.extra:
            data["extra"] = copy.deepcopy(self.extra)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Block:
        return cls(**data)
