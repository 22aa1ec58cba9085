"""The records every stage writes: a change to the text, a decision for review, bad input."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

CONTEXT_CHARS = 40  # characters a change quotes either side of what changed: enough to find and reverse it
EDITOR_CORRECTION = "editor_correction"  # the rule of a change the editor's corrections file made


class InputError(Exception):
    """Bad input the user can act on: names the file and, where known, the line."""

    def __init__(self, path: str | os.PathLike[str], message: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str, int | None]]:
        """Pickled by its fields (sent back so by a process that read a run of a book's files)."""
        return (type(self), (self.path, self.message, self.line))


class FormatError(ValueError):
    """JSON that is not the shape an intermediate file has; ``line`` is a raw line where known.

    (The reader of the file turns it into an :class:`InputError` naming the file.)
    """

    def __init__(self, message: str, line: int | None = None):
        self.message = message
        self.line = line
        super().__init__(message)


@dataclass
class Change:
    """One automatic change to the text, reviewable and reversible by an editor."""

    stage: str
    rule: str
    line: int
    before: str
    after: str
    explanation: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "rule": self.rule,
            "line": self.line,
            "before": self.before,
            "after": self.after,
            "explanation": self.explanation,
        }

    @classmethod
    def from_dict(cls, data: Any) -> Change:
        """A change from its JSON object; :class:`FormatError` if it is not one."""
        return _record(
            cls, data, "not a change record (stage, rule, line (a number), before, after, explanation)"
        )


@dataclass
class Review:
    """A decision the pipeline made on inconclusive evidence: an editor should look."""

    rule: str
    line: int
    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "line": self.line, "text": self.text, "reason": self.reason}

    @classmethod
    def from_dict(cls, data: Any) -> Review:
        """A review record from its JSON object; :class:`FormatError` if it is not one."""
        return _record(cls, data, "not a review record (rule, line (a number), text, reason)")


Record = TypeVar("Record", Change, Review)  # a record of a stage's log


def _record(cls: Callable[..., Record], data: Any, kind: str) -> Record:
    """A record of ``cls`` from its JSON object; :class:`FormatError` saying it is not ``kind``, and
    what it is (the message made only then: a log holds thousands of records)."""
    try:
        record: Record | None = cls(**data)
    except TypeError:
        record = None
    if record is None or not isinstance(record.line, int) or isinstance(record.line, bool):
        raise FormatError(f"{kind}: {data!r:.200}")
    return record


def changed_span(before: str, after: str) -> tuple[int, int]:
    """Length of the common prefix and of the common suffix (not overlapping it) of two strings."""
    shortest = min(len(before), len(after))
    start = _longest(lambda length: before[:length] == after[:length], shortest)
    rest = shortest - start
    end = _longest(lambda length: before[len(before) - length :] == after[len(after) - length :], rest)
    return start, end


def _longest(holds: Callable[[int], bool], most: int) -> int:
    """The greatest length up to ``most`` for which ``holds`` is true, where it holds for every
    length below one it holds for (a common prefix or suffix): found by bisection, each test a
    comparison of two slices (quicker than comparing the strings a character at a time in Python)."""
    low, high = 0, most
    while low < high:
        middle = (low + high + 1) // 2
        if holds(middle):
            low = middle
        else:
            high = middle - 1
    return low
