"""The inline parts of running text: markdown strings and typed items at their place.

A paragraph's (or list entry's, note's, heading's) text is a list of :data:`Part`: strings of
markdown (``*italic*``, ``**bold**``) and, where they stand in the text, a note's anchor
(:class:`NoteRef`), a print page break (:class:`PageBreak`), a chronology entry's printed date
(:class:`PrintedDate`) and an editor's correction (:class:`Correction`). In JSON a typed part is an
object told apart by its key (``note``, ``pb``, ``date``, ``sic``): see ``schemas/book.schema.json``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pipeline.model.records import FormatError

# TEI dating attributes, by field of :class:`Dating`
_DATING_NAMES = {
    "when": "when",
    "start": "from",
    "end": "to",
    "when_custom": "when-custom",
    "start_custom": "from-custom",
    "end_custom": "to-custom",
}


@dataclass
class NoteRef:
    """A note's anchor (its marker in the text): ``{"note": id}``."""

    note: str

    def to_json(self) -> dict[str, Any]:
        return {"note": self.note}


@dataclass
class PageBreak:
    """A print page break: inside a text as a part, between items as an item.

    ``n`` is the printed page number, ``None`` where it is not proven; ``evidence`` says how the
    break was found (``cut``, ``hyphen``, ``notes``, ``chapter``); ``printed`` that the page
    number is printed in the book; ``in_word`` that the break cuts a word; ``cert`` (``medium``,
    ``low``) that the number was inferred from the break's place in the text, how surely.
    """

    n: str | None
    line: int
    evidence: str
    printed: bool = False
    in_word: bool = False
    cert: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"pb": self.n, "line": self.line, "evidence": self.evidence}
        if self.printed:
            data["printed"] = True
        if self.in_word:
            data["in_word"] = True
        if self.cert:
            data["cert"] = self.cert
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PageBreak:
        return cls(
            data["pb"],
            data["line"],
            data["evidence"],
            data.get("printed", False),
            data.get("in_word", False),
            data.get("cert"),
        )


@dataclass
class Dating:
    """A date in ISO form: ``when`` or ``start``/``end`` (New Style); ``*_custom`` Old Style (Julian)."""

    when: str | None = None
    start: str | None = None
    end: str | None = None
    when_custom: str | None = None
    start_custom: str | None = None
    end_custom: str | None = None

    def attributes(self) -> dict[str, str]:
        """TEI dating attributes (``when``, ``from``, ``to``, ``when-custom`` …), set ones only."""
        return {name: value for key, name in _DATING_NAMES.items() if (value := getattr(self, key))}

    @classmethod
    def from_attributes(cls, data: dict[str, Any]) -> Dating:
        return cls(**{key: data.get(name) for key, name in _DATING_NAMES.items()})


@dataclass
class PrintedDate:
    """A chronology entry's date as printed (markdown), with its ISO dating."""

    text: str
    dating: Dating

    def to_json(self) -> dict[str, Any]:
        return {"date": {"text": self.text, **self.dating.attributes()}}


PIPELINE = "pipeline"  # who made an automatic correction (the respStmt of the pipeline in the TEI)


@dataclass
class Correction:
    """A correction of an OCR misreading: ``sic`` as printed, ``corr`` the right reading, ``resp``
    who corrected it (an editor's id, or :data:`PIPELINE` with its confidence ``cert``, 0 to 1)."""

    sic: str
    corr: str
    resp: str
    cert: float | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"sic": self.sic, "corr": self.corr, "resp": self.resp}
        if self.cert is not None:
            data["cert"] = self.cert
        return data


Part = str | NoteRef | PageBreak | PrintedDate | Correction


def corrected_text(parts: Iterable[Part]) -> str:
    """The text ``parts`` read as corrected: their strings, the printed dates' text and the
    corrections' right readings (note markers and page breaks read as nothing)."""
    pieces = []
    for part in parts:
        if isinstance(part, str):
            pieces.append(part)
        elif isinstance(part, PrintedDate):
            pieces.append(part.text)
        elif isinstance(part, Correction):
            pieces.append(part.corr)
    return "".join(pieces)


def _part_to_json(part: Part) -> Any:
    return part if isinstance(part, str) else part.to_json()


def _part_from_json(data: Any, line: int | None = None) -> Part:
    """A part from its JSON form (a string, or an object told apart by its first key)."""
    if isinstance(data, str):
        return data
    if isinstance(data, dict):
        if "note" in data:
            return NoteRef(data["note"])
        if "pb" in data:
            return PageBreak.from_json(data)
        if "date" in data:
            return PrintedDate(data["date"]["text"], Dating.from_attributes(data["date"]))
        if "sic" in data:
            return Correction(data["sic"], data["corr"], data["resp"], data.get("cert"))
    raise FormatError(f"unknown part {data!r}", line)


def parts_from_json(data: list[Any], line: int | None) -> list[Part]:
    """Parts from their JSON list; ``line`` (of the text they belong to) for an error message."""
    return [_part_from_json(part, line) for part in data]


def parts_to_json(parts: list[Part]) -> list[Any]:
    return [_part_to_json(part) for part in parts]
