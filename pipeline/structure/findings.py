"""What the structure stage reports besides the tree: its changes, review items and layout conventions."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.model import Change, Review

STAGE = "structure"


@dataclass
class Findings:
    """The changes made, the review items raised and the layout conventions found, in their order."""

    changes: list[Change] = field(default_factory=list)
    review: list[Review] = field(default_factory=list)
    conventions: list[Review] = field(default_factory=list)

    def change(self, rule: str, line: int, before: str, after: str, explanation: str) -> None:
        """Log a change the stage made to the text."""
        self.changes.append(Change(STAGE, rule, line, before, after, explanation))

    def flag(self, kind: str, line: int, text: str, reason: str) -> None:
        """Raise a review item."""
        self.review.append(Review(kind, line, text, reason))
