"""The plain data passed between the stages, and how it is written to disk.

Every stage reads and writes files (so a Snakemake rule can re-run it alone):

* ``normalise``  raw ``.txt``            → ``build/<book>/normalised.txt`` (same lines as the raw file)
* ``repair``     ``normalised.txt``       → ``build/<book>/repaired.json``  (blocks + changes + review)
* ``structure``  ``repaired.json``        → ``build/<book>/structure.json`` (the book as a tree)
* ``encode``     ``structure.json`` + metadata → ``tei/<book>.xml``
* ``render``     TEI → ``build/<book>.epub`` and ``build/<book>/index.html``
* ``report``     change logs → ``build/<book>.report.html``

Every block keeps the 1-based raw line numbers it came from (``lines = [first, last]``),
so changes, the QA report and error messages point into the raw file.
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class InputError(Exception):
    """Bad input the user can act on: names the file and, where known, the line."""

    def __init__(self, path: str | os.PathLike[str], message: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


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


@dataclass
class Review:
    """A decision the pipeline made on inconclusive evidence: an editor should look."""

    rule: str
    line: int
    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "line": self.line, "text": self.text, "reason": self.reason}


@dataclass
class Block:
    """A run of text separated from its neighbours by blank lines in the source.

    ``kind`` is ``"text"`` for running text (paragraphs, headings, list items) and
    ``"note"`` for a footnote body found at a page foot.
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


def _public_file_mode() -> int:
    """The mode a plain ``open()`` would give a new file (0o666 less the umask)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


_PUBLIC_FILE_MODE = _public_file_mode()


@contextmanager
def atomic_output(path: str | os.PathLike[str], mode: str = "w") -> Iterator[Any]:
    """Open a temporary file beside ``path`` and move it into place only on success.

    A failed stage therefore never leaves a half-written output behind.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        encoding = None if "b" in mode else "utf-8"
        with os.fdopen(fd, mode, encoding=encoding, newline=None if "b" in mode else "\n") as handle:
            yield handle
        os.chmod(tmp, _PUBLIC_FILE_MODE)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json(path: str | os.PathLike[str], data: Any) -> None:
    """Write ``data`` as pretty, stable JSON, atomically.

    (Encoded whole, then written: ``json.dump`` would write each of its hundreds of thousands of
    pieces to the file on its own, several times slower.)
    """
    with atomic_output(path) as handle:
        handle.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def read_json(path: str | os.PathLike[str]) -> Any:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def read_stage_input(path: str | os.PathLike[str], produced_by: str) -> Any:
    """Read the JSON file an earlier stage wrote; a missing or broken file is an :class:`InputError`."""
    try:
        return read_json(path)
    except FileNotFoundError:
        raise InputError(path, f"file not found: run the {produced_by} stage first") from None
    except ValueError as error:
        raise InputError(path, f"not valid JSON: {error}") from None


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


def write_changes(path: str | os.PathLike[str], changes: Iterable[Change]) -> None:
    """Write a change log as JSON lines (one change per line), atomically."""
    encode = json.JSONEncoder(ensure_ascii=False).encode  # (one encoder for every line)
    with atomic_output(path) as handle:
        handle.write("".join(encode(change.to_dict()) + "\n" for change in changes))


def read_changes(path: str | os.PathLike[str]) -> list[Change]:
    with open(path, encoding="utf-8") as handle:
        return [Change(**json.loads(line)) for line in handle if line.strip()]
