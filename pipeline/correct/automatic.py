"""The corrector's readings applied to the book's tree: the sure ones corrected in the text, the
others kept for the editor's review list.

A reading is applied when its confidence reaches :data:`THRESHOLD` and the editor has not refused
it: a corrections-file entry whose ``corr`` is its ``sic`` keeps the OCR's reading at that place, on
every rebuild.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from itertools import accumulate, pairwise

from pipeline.correct.editor import Place, places
from pipeline.correct.engine import EngineConfidence
from pipeline.correct.lexicon import Lexicon
from pipeline.correct.misreadings import MisreadingFinder
from pipeline.correct.spots import OBJECT, Reading
from pipeline.corrections import CorrectionEntry
from pipeline.forked import read_in_runs
from pipeline.model import PIPELINE, Book, Change, Correction, Part
from pipeline.model.records import CONTEXT_CHARS

STAGE = "correct"
# Readings this sure are applied; the others go to the review list. Set from measured precision: on
# the annotated gold (tests/data/ocr/) and the first book every reading from 0.9 up was right (44 of
# 44); of those below it, judged by hand on a sample of the real books' review lists, about one in
# three at 0.6 (English evidence alone), one in two at 0.75 (spellings one or two letters from the
# book's) and two in three at 0.8 (in italics).
THRESHOLD = 0.9
# A book's places are read in processes of their own (``workers``) only where they hold this many
# characters: below it, starting a process costs more than it saves.
SHARED_WORK_MIN_CHARACTERS = 200_000


@dataclass(frozen=True)
class Found:
    """A reading where it stands: the raw line, the words around it and whether it was applied."""

    line: int
    sic: str
    corr: str
    kind: str
    confidence: float
    reason: str
    context: str
    applied: bool
    refused: bool = False
    engine: float | None = None  # the OCR engine's confidence in the word (structured OCR only)

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        if self.engine is None:
            del data["engine"]
        return data


class LineFinder:
    """Finds the raw line of a place in a rebuilt text (a paragraph joins many raw lines)."""

    SEARCHED_LINES = 400  # lines after a place's first line that may hold its text
    REACH = 12  # characters either side of a reading that locate it
    CUT_PIECE = 3  # characters of a word a line end cut that locate it with the text beside

    def __init__(self, raw_lines: Sequence[str]) -> None:
        self.keys = [_key(line) for line in raw_lines]

    def find(self, place: Place, text: str, reading: Reading) -> int:
        """The raw line of ``reading`` (in ``text``, the place's text): the first line from the
        place's own that holds the reading and the text around it, else the place's first line."""
        start, end, reach = reading.start, reading.end, self.REACH
        pieces = [piece for piece in re.split(r"\W+", reading.sic) if piece]
        keys = [
            _key(text[max(0, start - reach) : end + reach]),
            _key(text[start : end + reach]),
            _key(text[max(0, start - reach) : end]),
            # (a word a line end cut: its last piece on the next line, its first on the line before)
            _key(pieces[-1] + text[end : end + reach]) if pieces else "",
            _key(text[max(0, start - reach) : start] + pieces[0]) if pieces else "",
            _key(reading.sic),
            # (a word the line end cut inside a piece: its head and the text before, its tail and after)
            _key(text[max(0, start - reach) : start] + reading.sic[: self.CUT_PIECE]),
            _key(reading.sic[-self.CUT_PIECE :] + text[end : end + reach]),
        ]
        first = place.first_line - 1
        for key in keys:
            if len(key) < 4:
                continue
            for index in range(first, min(first + self.SEARCHED_LINES, len(self.keys))):
                if key in self.keys[index]:
                    return index + 1
        return place.first_line


def _key(text: str) -> str:
    """Letters and digits only, in lower case: what OCR text and the rebuilt text share."""
    return "".join(filter(str.isalnum, text)).lower()


def _refused(text: str, reading: Reading, refusals: Sequence[CorrectionEntry]) -> bool:
    """Whether an editor's entry keeps the OCR reading at the reading's place."""
    for entry in refusals:
        start = text.find(entry.context)
        while start != -1:
            at = start + entry.context.index(entry.sic)
            if at <= reading.start and reading.end <= at + len(entry.sic):
                return True
            start = text.find(entry.context, start + 1)
    return False


def texts_of(book: Book) -> list[str]:
    """The text parts of every place of the book, for the lexicon."""
    return [part for place in places(book) for part in place.parts if isinstance(part, str)]


def correct_misreadings(
    book: Book,
    threshold: float,
    refusals: Sequence[CorrectionEntry],
    raw_line: LineFinder,
    engine: EngineConfidence | None = None,
    workers: int = 1,
) -> tuple[list[Change], list[Found]]:
    """Apply the book's sure readings to its places (in place); every reading found, applied or not,
    with the OCR ``engine``'s confidence in its word where structured OCR gave one.

    Each place is read as one text (its note markers, page breaks and corrections each stand as
    :data:`OBJECT`), so a rule sees across them: a quotation mark's partner after a note's marker.
    The texts are read by ``workers`` processes at once (:func:`readings_of`).
    """
    finder = MisreadingFinder(Lexicon(texts_of(book)))
    changes: list[Change] = []
    found: list[Found] = []
    book_places = list(places(book))
    texts = [
        "".join(part if isinstance(part, str) else OBJECT for part in place.parts) for place in book_places
    ]
    for place, text, readings in zip(book_places, texts, readings_of(finder, texts, workers), strict=True):
        applied: list[Reading] = []
        for reading in readings:
            if OBJECT in reading.sic:
                continue
            refused = _refused(text, reading, refusals)
            sure = reading.confidence >= threshold and not refused
            line = raw_line.find(place, text, reading)
            context = _shown(text[max(0, reading.start - CONTEXT_CHARS) : reading.end + CONTEXT_CHARS])
            found.append(
                Found(
                    line,
                    reading.sic,
                    reading.corr,
                    reading.kind,
                    reading.confidence,
                    reading.reason,
                    context,
                    sure,
                    refused,
                    engine.of(line, reading.sic) if engine else None,
                )
            )
            if sure:
                applied.append(reading)
                changes.append(_change(text, reading, line))
        if applied:
            place.parts = _corrected_parts(place.parts, applied)
    return changes, found


def readings_of(finder: MisreadingFinder, texts: list[str], workers: int = 1) -> list[list[Reading]]:
    """The readings ``finder`` finds in each of ``texts``. With ``workers`` above one (and a long
    book), the texts are parted in runs of about as many characters, read by as many processes side
    by side (:func:`pipeline.forked.read_in_runs`: each forked with the finder's lexicon); the
    readings are those one process finds."""
    if workers < 2 or sum(map(len, texts)) < SHARED_WORK_MIN_CHARACTERS:
        return [finder.find(text) for text in texts]
    return read_in_runs(lambda run: [finder.find(text) for text in run], even_runs(texts, workers))


def even_runs(texts: list[str], count: int) -> list[list[str]]:
    """``texts`` parted, in order, in ``count`` runs of about as many characters."""
    ends = list(accumulate(map(len, texts)))
    cuts = [bisect_left(ends, ends[-1] * share / count) + 1 for share in range(1, count)]
    return [texts[start:end] for start, end in pairwise([0, *cuts, len(texts)])]


def _shown(text: str) -> str:
    """A stretch of a place's text as the change log shows it (without the stand-ins for parts)."""
    return " ".join(text.replace(OBJECT, "").split())


def _change(text: str, reading: Reading, line: int) -> Change:
    """The change log's record of an automatic correction."""
    before = text[max(0, reading.start - CONTEXT_CHARS) : reading.start]
    after = text[reading.end : reading.end + CONTEXT_CHARS]
    explanation = f"{reading.kind} (confidence {reading.confidence:.2f}): {reading.reason}"
    rule = f"misreading_{reading.kind.replace('-', '_')}"
    return Change(
        STAGE,
        rule,
        line,
        _shown(before + reading.sic + after),
        _shown(before + reading.corr + after),
        explanation,
    )


def _corrected_parts(parts: Sequence[Part], readings: Sequence[Reading]) -> list[Part]:
    """``parts`` with each reading's ``sic`` (at offsets of the place's text) split out as a
    :class:`Correction`."""
    result: list[Part] = []
    offset = 0
    pending = list(readings)
    for part in parts:
        if not isinstance(part, str):
            result.append(part)
            offset += 1
            continue
        position = 0
        while pending and pending[0].end <= offset + len(part):
            reading = pending.pop(0)
            start, end = reading.start - offset, reading.end - offset
            result += [
                part[position:start],
                Correction(reading.sic, reading.corr, PIPELINE, reading.confidence),
            ]
            position = end
        result.append(part[position:])
        offset += len(part)
    return [part for part in result if part != ""]
