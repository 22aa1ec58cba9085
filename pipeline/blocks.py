"""Split normalised text into blocks: runs of non-blank lines, with their raw line numbers."""

from __future__ import annotations

from pipeline.model import Block


def split_blocks(text: str) -> list[Block]:
    """Return the blank-line-separated blocks of ``text``; lines inside a block are joined by newlines.

    Line numbers are 1-based and refer to ``text`` (which keeps the raw file's lines).
    """
    blocks: list[Block] = []
    current: list[str] = []
    first = 0
    for number, line in enumerate(text.split("\n"), start=1):
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
