"""The editor's review list: the readings too unsure to apply, one entry per word with all its places,
most likely misreadings first; words nothing suggests a reading for (names, foreign and rare words)
grouped apart."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from pipeline.correct.automatic import Found
from pipeline.correct.spots import UNREAD


@dataclass
class ReviewEntry:
    """A word to check: the readings proposed, how likely a misreading it is, and where it stands."""

    word: str
    suggestions: list[str]
    kind: str
    likelihood: float
    reason: str
    places: list[dict[str, object]] = field(default_factory=list)
    engine: float | None = None  # the OCR engine's lowest confidence in the word (structured OCR only)

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        if self.engine is None:
            del data["engine"]
        return data


def review_list(found: Iterable[Found]) -> list[ReviewEntry]:
    """The readings not applied (nor refused), merged by word: most likely misreadings first (of
    equally likely ones, those the OCR engine doubted most), the words no reading was proposed for
    (:data:`UNREAD`) last."""
    entries: dict[str, ReviewEntry] = {}
    for item in found:
        if item.applied or item.refused:
            continue
        entry = entries.get(item.sic)
        if entry is None:
            suggestions = [item.corr] if item.corr != item.sic else []
            entry = entries[item.sic] = ReviewEntry(
                item.sic, suggestions, item.kind, item.confidence, item.reason
            )
        elif item.corr != item.sic and item.corr not in entry.suggestions:
            entry.suggestions.append(item.corr)
        entry.likelihood = max(entry.likelihood, item.confidence)
        if item.engine is not None:
            entry.engine = item.engine if entry.engine is None else min(entry.engine, item.engine)
        entry.places.append({"line": item.line, "context": item.context})
    return sorted(
        entries.values(),
        key=lambda entry: (
            entry.kind == UNREAD,
            -entry.likelihood,
            1.0 if entry.engine is None else entry.engine,
            -len(entry.places),
            entry.word,
        ),
    )


def split_review(entries: list[ReviewEntry]) -> tuple[list[ReviewEntry], list[ReviewEntry]]:
    """The review list proper (a reading proposed) and, apart, the words nothing proposes one for."""
    return [e for e in entries if e.kind != UNREAD], [e for e in entries if e.kind == UNREAD]
