"""The readable title of a heading: the printed contents' wording, or the text's in title case."""

from __future__ import annotations

from pipeline.model import Block
from pipeline.structure.findings import Findings
from pipeline.structure.heading_forms import Heading
from pipeline.structure.headings import TRAILING_PARENTHETICAL_RE
from pipeline.text.headings import heading_key, is_mostly_capitals, running_acronyms, title_case

RUNNING_TEXT_CHARS = 100


def find_acronyms(blocks: list[Block], skip: set[int]) -> frozenset[str]:
    """Words printed in capitals inside running text (``USSR``, :func:`running_acronyms`), read in
    the blocks of running text's length: kept in capitals in titles."""
    return running_acronyms(
        block.text for i, block in enumerate(blocks) if i not in skip and len(block.text) > RUNNING_TEXT_CHARS
    )


def heading_title(heading: Heading, acronyms: frozenset[str], findings: Findings) -> str:
    """The contents entry's title (without a subtitle printed apart), else the text's; in title case
    when printed in capitals. A title that differs from the printed one is logged."""
    printed = title = heading.printed
    if heading.entry and not heading.confirmed:
        title = heading.entry.title
        if heading.subtitle and heading_key(title).endswith(heading_key(heading.subtitle)):
            title = TRAILING_PARENTHETICAL_RE.sub("", title)
    if is_mostly_capitals(title):
        title = title_case(title, acronyms)
    if title != printed:
        if heading.entry and not heading.confirmed:
            rule, explanation = "title_from_contents", "heading title as the printed contents gives it"
        else:
            rule, explanation = "title_case", "heading printed in capitals put in title case"
        findings.change(rule, heading.line, printed, title, explanation)
    return title
