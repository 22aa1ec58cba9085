"""Where each line stood on the printed page, as structured OCR (hOCR, ALTO, PAGE XML) gives it
(``geometry.json``).

The ``extract`` stage (:mod:`pipeline.extract`) writes a structured OCR file's text as plain text,
a printed line a line, a form feed opening each page after the first (``source.txt``), and beside
it this geometry: for each page its size and image, and for each of its lines the raw line number
it has in that text, its box, its height (the type's size), its baseline and its words'
confidences. The repair stage's reader takes decisions from it (:mod:`pipeline.readers.geometry`)
where plain text has to guess. Coordinates are the file's own units (pixels for hOCR and PAGE;
ALTO's ``MeasurementUnit``), top-left origin; only ratios within a book are compared.
JSON shape: ``schemas/geometry.schema.json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from pipeline.model.records import FormatError


class Box(NamedTuple):
    """A rectangle on the page: its left, top, right and bottom edges."""

    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class PrintedLine:
    """One printed line: its text (words joined by a space), its box, the height of its type
    (``size``: the file's, else read from its words' heights; ``None`` where they do not tell), the
    region kind the file names for it where it names one (PAGE's ``header``, ``footnote``…; hOCR's
    ``ocr_header``…), and its words' confidences from 0 to 1 (empty where the engine gave none).
    ``line`` is its 1-based line number in ``source.txt``. ``raised`` holds the offsets in its text
    after which the page image shows a raised glyph OCR did not read (:mod:`pipeline.extract.raised`);
    ``words`` its words' boxes as the file gives them (for the extract stage, where it looks at the
    page's image: not written out)."""

    line: int
    text: str
    box: Box
    size: float | None
    baseline: float | None = None
    region: str | None = None
    confidences: tuple[float, ...] = ()
    raised: tuple[int, ...] = ()
    words: tuple[Box, ...] = field(default=(), compare=False, repr=False)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "line": self.line,
            "text": self.text,
            "box": list(self.box),
            "size": self.size,
        }
        if self.baseline is not None:
            data["baseline"] = self.baseline
        if self.region is not None:
            data["region"] = self.region
        if self.confidences:
            data["confidences"] = list(self.confidences)
        if self.raised:
            data["raised"] = list(self.raised)
        return data

    def numbered(self, number: int) -> PrintedLine:
        """This line as line ``number`` of ``source.txt``."""
        return _printed_line({**self.__dict__, "line": number})

    def sized(self, size: float | None) -> PrintedLine:
        """This line with its type size ``size``."""
        return _printed_line({**self.__dict__, "size": size})

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PrintedLine:
        return _printed_line(
            {
                "line": data["line"],
                "text": data["text"],
                "box": Box(*data["box"]),
                "size": data["size"],
                "baseline": data.get("baseline"),
                "region": data.get("region"),
                "confidences": tuple(data.get("confidences", ())),
                "raised": tuple(data.get("raised", ())),
                "words": (),
            }
        )


def _printed_line(fields: dict[str, Any]) -> PrintedLine:
    """The printed line of ``fields`` (every field, in order), made without its ``__init__``: a frozen
    dataclass's sets each field through ``object.__setattr__``, and extract, repair, correct and
    encode each make a book's 12,000 lines (half the time of reading ``geometry.json``)."""
    line = object.__new__(PrintedLine)
    line.__dict__.update(fields)
    return line


@dataclass
class PrintedPage:
    """One page: the file it was read from, its image where the file names one, its size (``None``
    where the file gives none) and its lines in reading order; ``read_again``: how they were read
    from its image, where the file held no text of the page (:func:`pipeline.extract.read_again`)."""

    source: str
    image: str | None
    width: float | None
    height: float | None
    lines: list[PrintedLine] = field(default_factory=list)
    read_again: str | None = None

    def to_json(self) -> dict[str, Any]:
        data = {
            "source": self.source,
            "image": self.image,
            "width": self.width,
            "height": self.height,
            "lines": [line.to_json() for line in self.lines],
        }
        if self.read_again:
            data["read_again"] = self.read_again
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PrintedPage:
        lines = [PrintedLine.from_json(line) for line in data["lines"]]
        return cls(
            data["source"], data["image"], data["width"], data["height"], lines, data.get("read_again")
        )


@dataclass
class Geometry:
    """The pages of a structured OCR book, read from files of one ``format`` (``hocr``, ``alto``,
    ``page``)."""

    format: str
    pages: list[PrintedPage] = field(default_factory=list)

    def lines(self) -> dict[int, PrintedLine]:
        """Every printed line by its line number in ``source.txt``."""
        return {line.line: line for page in self.pages for line in page.lines}

    def to_json(self) -> dict[str, Any]:
        return {"format": self.format, "pages": [page.to_json() for page in self.pages]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Geometry:
        try:
            return cls(data["format"], [PrintedPage.from_json(page) for page in data["pages"]])
        except (KeyError, TypeError) as error:
            raise FormatError(f"geometry of another shape: {error!r}") from None
