"""The reader of OCR already cut into paragraphs: one paragraph (or heading, or note) per line or
run of lines, blank lines between blocks."""

from __future__ import annotations

from pipeline.model import Block


def split_blocks(text: str, first_line: int = 1) -> list[Block]:
    """Return the blank-line-separated blocks of ``text``; lines inside a block are joined by newlines.

    Line numbers are 1-based raw lines: ``text`` keeps the raw file's lines and starts at raw line
    ``first_line`` (1 for a whole book, more for an excerpt).
    """
    blocks: list[Block] = []
    current: list[str] = []
    first = 0
    for number, line in enumerate(text.split("\n"), start=first_line):
        if line.strip():
            if not current:
                first = number
            current.append(line)
        elif current:
            blocks.append(Block("\n".join(current), first, first + len(current) - 1))
            current = []
    if current:
        blocks.append(Block("\n".join(current), first, first + len(current) - 1))
    return blocks
