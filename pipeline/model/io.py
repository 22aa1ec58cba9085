"""Writing and reading the files between the stages: atomically, as stable UTF-8 JSON.

Every stage that changes the text or raises review items writes them the same way, with
:func:`write_log`: ``build/<book>/<stage>.changes.jsonl`` and ``build/<book>/<stage>.review.jsonl``.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pipeline.model.evidence import StructureEvidence
from pipeline.model.records import Change, FormatError, InputError, Record, Review
from pipeline.model.tree import Book

# The stages that log their changes (``<stage>.changes.jsonl``), in pipeline order, and those
# that also log the items they raise for review (``<stage>.review.jsonl``).
CHANGING_STAGES = ("normalise", "repair", "structure", "correct")
REVIEWING_STAGES = ("repair", "structure")
REVIEW_LOG = ".review.jsonl"  # a review log's name: <stage>.review.jsonl


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


def write_book(path: str | os.PathLike[str], book: Book) -> None:
    """Write the book's tree (``structure.json``, ``corrected.json``), atomically."""
    write_json(path, book.to_json())


def read_book(path: str | os.PathLike[str], produced_by: str) -> Book:
    """Read the book's tree that ``produced_by`` wrote; a file of another shape is an :class:`InputError`."""
    data = read_stage_input(path, produced_by)
    try:
        return Book.from_json(data)
    except FormatError as error:
        raise InputError(path, error.message, error.line) from None


def write_log(path: str | os.PathLike[str], records: Iterable[Change] | Iterable[Review]) -> None:
    """Write a stage's log, atomically: its changes (``<stage>.changes.jsonl``) or its review items
    (``<stage>.review.jsonl``), as JSON lines, one record per line in the order the stage made them."""
    encode = json.JSONEncoder(ensure_ascii=False).encode  # (one encoder for every line)
    with atomic_output(path) as handle:
        handle.write("".join(encode(record.to_dict()) + "\n" for record in records))


def read_log(path: str | os.PathLike[str], record: type[Record]) -> list[Record]:
    """Read a log that :func:`write_log` wrote, of :class:`Change` or :class:`Review` records;
    anything else is an :class:`InputError` naming the line."""
    records = []
    for number, line in enumerate(_read_text(path).split("\n"), start=1):
        if line.strip():
            try:
                records.append(record.from_dict(json.loads(line)))
            except json.JSONDecodeError as error:
                raise InputError(path, f"not valid JSON: {error.msg}", number) from None
            except FormatError as error:
                raise InputError(path, error.message, number) from None
    return records


def write_evidence(path: str | os.PathLike[str], evidence: StructureEvidence) -> None:
    """Write the structure stage's evidence (``structure.evidence.json``), atomically."""
    write_json(path, evidence.to_json())


def read_evidence(path: str | os.PathLike[str]) -> StructureEvidence:
    """Read ``structure.evidence.json``; a file of another shape is an :class:`InputError`."""
    data = read_stage_input(path, "structure")
    try:
        return StructureEvidence.from_json(data)
    except FormatError as error:
        raise InputError(path, error.message) from None


def _read_text(path: str | os.PathLike[str]) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(path, f"cannot read the file: {error.strerror}") from None
    except UnicodeDecodeError:
        raise InputError(path, "not valid UTF-8") from None
