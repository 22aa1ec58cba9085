"""The OCR engine's own confidence in a word, where structured OCR gave one (hOCR's ``x_wconf``,
ALTO's ``WC``, PAGE's ``conf``): evidence for the editor's review list, whose words the engine
itself doubted come first among equally likely ones."""

from __future__ import annotations

from pipeline.lazy_re import lazy_compile
from pipeline.model.geometry import Geometry, PrintedLine
from pipeline.text.words import LETTER

LETTERS_RE = lazy_compile(f"{LETTER}+")  # a word's runs of letters: a word cut or glued matches by them


class EngineConfidence:
    """The engine's confidence in each word of each raw line (lines whose words and confidences
    pair one to one; others are not known)."""

    def __init__(self, geometry: Geometry) -> None:
        # (a line's words paired with their confidences when asked: a book asks of a few lines)
        self.lines: dict[int, PrintedLine] = {
            line.line: line for page in geometry.pages for line in page.lines if line.confidences
        }

    def words(self, number: int) -> list[tuple[str, float]]:
        """The words of raw line ``number`` with the engine's confidence in each (none where not known)."""
        line = self.lines.get(number)
        if line is None:
            return []
        words = line.text.split()
        return list(zip(words, line.confidences, strict=True)) if len(words) == len(line.confidences) else []

    def of(self, line: int, sic: str) -> float | None:
        """The lowest confidence of the engine in the words of raw line ``line`` (else the next,
        where a word runs over the line's end) that share a run of letters with ``sic``; ``None``
        where not known."""
        pieces = set(LETTERS_RE.findall(sic))
        for number in (line, line + 1):
            found = [
                confidence
                for word, confidence in self.words(number)
                if pieces.intersection(LETTERS_RE.findall(word))
            ]
            if found:
                return min(found)
        return None
