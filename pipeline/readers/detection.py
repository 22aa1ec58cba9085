"""Which reader a raw text needs, from measured evidence: wrapped as printed or one paragraph per line."""

from __future__ import annotations

from typing import NamedTuple

DEFAULT_READER = "paragraph_lines"
# Wrapped text: most non-blank lines go on in the next line, and lines are as long as a printed
# line (one-paragraph-per-line text has most lines followed by a blank one, and long lines).
WRAPPED_MIN_CONTINUED = 0.5
WRAPPED_MAX_LONG_LINE = 120  # characters, at the 90th percentile of the line lengths
LONG_LINE_PERCENTILE = 0.9
DETECTION_MIN_LINES = 10  # fewer non-blank lines than this are too few to measure: the default reader


class Detection(NamedTuple):
    """The reader chosen for a text and the measured evidence for it."""

    name: str
    evidence: str


def detect_reader(text: str) -> Detection:
    """The reader for ``text``: ``wrapped_lines`` where most lines go on in the next line and
    lines are no longer than printed lines, else ``paragraph_lines`` (also for a text of fewer than
    :data:`DETECTION_MIN_LINES` lines)."""
    lines = text.split("\n")
    filled = [index for index, line in enumerate(lines) if line.strip()]
    if len(filled) < DETECTION_MIN_LINES:
        return Detection(DEFAULT_READER, f"{len(filled)} non-blank lines, too few to measure")
    continued = sum(index + 1 < len(lines) and bool(lines[index + 1].strip()) for index in filled) / len(
        filled
    )
    lengths = sorted(len(lines[index].strip()) for index in filled)
    long_line = lengths[int(LONG_LINE_PERCENTILE * (len(lengths) - 1))]
    wrapped = continued >= WRAPPED_MIN_CONTINUED and long_line <= WRAPPED_MAX_LONG_LINE
    evidence = (
        f"{continued:.0%} of {len(filled)} non-blank lines go on in the next line "
        f"(wrapped text from {WRAPPED_MIN_CONTINUED:.0%}); 90% of lines have at most {long_line} characters "
        f"(wrapped text at most {WRAPPED_MAX_LONG_LINE})"
    )
    return Detection("wrapped_lines" if wrapped else DEFAULT_READER, evidence)
