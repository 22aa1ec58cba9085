"""Shared by the contents tests: the printed contents of some blocks as the tree lists them."""

from __future__ import annotations

from pipeline.model import Block, ContentsEntry
from pipeline.structure.contents import find_contents


def parse_contents(blocks: list[Block]) -> list[ContentsEntry]:
    """The contents entries of ``blocks`` as the tree lists them (``[]`` when the book prints no contents)."""
    table = find_contents(blocks)
    return [entry.contents_entry() for entry in table.entries] if table else []
