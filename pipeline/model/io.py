"""Writing and reading the files between the stages: atomically, as stable UTF-8 JSON.

Every stage that changes the text or raises review items writes them the same way, with
:func:`write_log`: ``build/<book>/<stage>.changes.jsonl`` and ``build/<book>/<stage>.review.jsonl``.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pipeline.model.evidence import StructureEvidence
from pipeline.model.geometry import Geometry
from pipeline.model.records import Change, FormatError, InputError, Record, Review
from pipeline.model.tree import Book

# The stages that log their changes (``<stage>.changes.jsonl``), in pipeline order, and those
# that also log the items they raise for review (``<stage>.review.jsonl``).
CHANGING_STAGES = ("normalise", "repair", "structure", "correct")
REVIEWING_STAGES = ("repair", "structure")
REVIEW_LOG = ".review.jsonl"  # a review log's name: <stage>.review.jsonl


def is_special(path: Path) -> bool:
    """Whether ``path`` is there and is neither a regular file nor a folder: a FIFO, a device
    (``/dev/null``), a socket."""
    try:
        mode = path.stat().st_mode
    except OSError:  # not there (or a link to nothing)
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


@contextmanager
def output_folder(target: Path) -> Iterator[Path]:
    """An empty folder to make ``target`` in, removed on every exit: ``.<name>.part/`` beside it (on
    its file system, so the result moves into place at once; one a killed run left goes first, as
    a SIGKILL cannot be caught), or a new one in the system's temporary folder where ``target`` is
    a special file (which is written into, not replaced: :func:`publish`)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if is_special(target):
        with tempfile.TemporaryDirectory(prefix=f".{target.name}.", suffix=".part") as made_in:
            yield Path(made_in)
        return
    folder = target.parent / f".{target.name}.part"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def publish(made: Path, target: Path) -> None:
    """Put the finished file ``made`` in place as ``target``: a regular file (or none) is replaced
    whole, at once; a special file (a FIFO, ``/dev/null``) is written into, and stays what it is."""
    if is_special(target):
        with open(made, "rb") as source, open(target, "wb") as sink:
            shutil.copyfileobj(source, sink)
    else:
        os.replace(made, target)


@contextmanager
def atomic_output(path: str | os.PathLike[str], mode: str = "w") -> Iterator[Any]:
    """Open a file in a temporary folder (:func:`output_folder`) and put it in place as ``path``
    only on success (:func:`publish`).

    A failed stage therefore never leaves a half-written output behind. A file system's refusal
    (:class:`OSError`: the disk full, a name too long) names ``path``, not the temporary file.
    """
    target = Path(path)
    try:
        with output_folder(target) as folder:
            made = folder / target.name
            encoding = None if "b" in mode else "utf-8"
            with open(made, mode, encoding=encoding, newline=None if "b" in mode else "\n") as handle:
                yield handle
            publish(made, target)
    except OSError as error:
        error.filename, error.filename2 = str(target), None
        raise


def program_output(
    command: Callable[[Path], list[str]],
    suffix: str,
    output: str | os.PathLike[str],
    source: str | os.PathLike[str],
    failure: str,
    environment: dict[str, str] | None = None,
) -> None:
    """Run the external program ``command(base)``, which writes ``base`` + ``suffix``, in a temporary
    folder (:func:`output_folder`), and put what it wrote in place as ``output`` only on success; else
    an :class:`InputError` on ``source`` saying ``failure`` and the program's last word. (A killed job
    leaves no half-written file.)"""
    import subprocess  # (3 ms to import: only the stages that run a program need it, not every one)

    target = Path(output)
    with output_folder(target) as folder:
        base = folder / "out"
        done = subprocess.run(command(base), capture_output=True, text=True, check=False, env=environment)
        made = base.parent / (base.name + suffix)
        if done.returncode != 0 or not made.exists():
            reason = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
            raise InputError(source, f"{failure}: {reason}")
        publish(made, target)


def write_json(path: str | os.PathLike[str], data: Any) -> None:
    """Write ``data`` as pretty, stable JSON, atomically: orjson's (keys in their order, two spaces an
    indent, text as UTF-8; a mapping's number keys as text, as :mod:`json` writes them), a tenth of
    the time json takes to indent a stage's file. A value JSON cannot hold is a :class:`TypeError`."""
    import orjson  # (6 ms to import: only the stages that write JSON)

    options = orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS | orjson.OPT_APPEND_NEWLINE
    with atomic_output(path, "wb") as handle:
        handle.write(orjson.dumps(data, option=options))


def loads_json(text: str) -> Any:
    """``json.loads(text)`` of a stage's file, read by orjson (in a third of the time or less) where
    it can; a text it refuses (``NaN``, infinity, a lone surrogate, no JSON) json reads, with its own
    error. (orjson reads integers past 64 bits as floats: no stage writes one, :func:`write_json`
    refuses them. Every stage that writes JSON imports orjson.)"""
    import orjson

    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def read_json(path: str | os.PathLike[str]) -> Any:
    with open(path, encoding="utf-8") as handle:
        return loads_json(handle.read())


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


def read_geometry(path: str | os.PathLike[str]) -> Geometry:
    """Read the places of a structured OCR book's lines (``geometry.json``, written by extract)."""
    data = read_stage_input(path, "extract")
    try:
        return Geometry.from_json(data)
    except FormatError as error:
        raise InputError(path, error.message, error.line) from None


def write_geometry(path: str | os.PathLike[str], geometry: Geometry) -> None:
    """Write the places of a book's lines (``geometry.json``), atomically: a printed line a line of
    JSON (tens of thousands of small objects, written by orjson: a fifth of json's time)."""
    import orjson  # (as :func:`write_json`)

    pages = []
    for page in geometry.to_json()["pages"]:
        lines = page.pop("lines")
        opening = orjson.dumps(page)[:-1] + b',"lines":['
        pages.append(opening + b",".join(b"\n  " + orjson.dumps(line) for line in lines) + b"\n ]}")
    opening = b'{"format":' + orjson.dumps(geometry.format) + b',"pages":[\n'
    with atomic_output(path, "wb") as handle:
        handle.write(opening + b",\n".join(pages) + b"\n]}\n")


def write_log(path: str | os.PathLike[str], records: Iterable[Change] | Iterable[Review]) -> None:
    """Write a stage's log, atomically: its changes (``<stage>.changes.jsonl``) or its review items
    (``<stage>.review.jsonl``), as JSON lines, one record per line in the order the stage made them
    (written by orjson: a quarter of json's time for a book's thousands of changes)."""
    import orjson  # (as :func:`write_json`)

    with atomic_output(path, "wb") as handle:
        handle.write(b"".join(orjson.dumps(record.to_dict()) + b"\n" for record in records))


def read_log(path: str | os.PathLike[str], record: type[Record]) -> list[Record]:
    """Read a log that :func:`write_log` wrote, of :class:`Change` or :class:`Review` records;
    anything else is an :class:`InputError` naming the line."""
    records = []
    for number, line in enumerate(_read_text(path).split("\n"), start=1):
        if line.strip():
            try:
                records.append(record.from_dict(loads_json(line)))
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
