"""The stages' logs as the report reads them: review items marked with their stage, changes merged."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.model import CHANGING_STAGES, REVIEW_LOG, Change, InputError, Review, read_log


@dataclass(frozen=True)
class ReviewItem:
    """A review record of a stage's review log, with the stage that raised it."""

    stage: str
    rule: str
    line: int
    text: str
    reason: str


def read_review_log(path: str | Path) -> list[ReviewItem]:
    """Read a ``<stage>.review.jsonl`` file, each item marked with the stage its name gives."""
    name = Path(path).name
    if not name.endswith(REVIEW_LOG) or name == REVIEW_LOG:
        raise InputError(path, f"a review log is named <stage>{REVIEW_LOG}")
    return review_items(name.removesuffix(REVIEW_LOG), read_log(path, Review))


def review_items(stage: str, review: Iterable[Review]) -> list[ReviewItem]:
    """The review records of a stage, each marked with the stage."""
    return [ReviewItem(stage, item.rule, item.line, item.text, item.reason) for item in review]


def stage_rank(stage: str) -> int:
    """A stage's place in the pipeline (an unknown stage comes last)."""
    return CHANGING_STAGES.index(stage) if stage in CHANGING_STAGES else len(CHANGING_STAGES)


def merge_changes(*logs: Iterable[Change]) -> list[Change]:
    """All changes by raw line; on one line, pipeline order (each log's own order is kept)."""
    merged = [change for log in logs for change in log]
    return sorted(merged, key=lambda change: (change.line, stage_rank(change.stage)))


def count_by_rule(changes: Iterable[Change]) -> list[tuple[str, str, int]]:
    """(stage, rule, count) in pipeline order, then in the order rules first occur in the text."""
    counts = Counter((change.stage, change.rule) for change in changes)
    order = sorted(counts, key=lambda key: stage_rank(key[0]))
    return [(stage, rule, counts[stage, rule]) for stage, rule in order]


def group_by_rule(changes: Iterable[Change]) -> dict[tuple[str, str], list[Change]]:
    groups: dict[tuple[str, str], list[Change]] = {}
    for change in changes:
        groups.setdefault((change.stage, change.rule), []).append(change)
    return {key: groups[key] for key in sorted(groups, key=lambda key: stage_rank(key[0]))}
