"""The chronology division: years as heads, the entries under each year as a list, each entry dated.

The printed dates are read by :mod:`pipeline.text.dates`.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.model import Block, Division, Heading, ListItem, PrintedDate, walk_division
from pipeline.structure.breaks import Marked, PageMarks
from pipeline.structure.findings import Findings
from pipeline.structure.items import DASH_ITEM_RE, YEAR_RE, Collected, Flow, add_list_item, add_year
from pipeline.structure.patterns import join_hyphenated
from pipeline.text.dates import clean_date, parse_date, split_entry, split_run_together
from pipeline.text.punctuation import ends_sentence, is_separator


def add_entries(
    flow: Flow,
    block: Block,
    text: Marked,
    order: int,
    collected: Collected,
    marks: PageMarks,
    findings: Findings,
) -> None:
    """Chronology lines (``text``, block ``order``'s): years become heads, every other line one entry
    of the year's list.

    A line starting in lower case continues the entry before it (cut by a page break).
    """
    for offset, line in enumerate(text.lines()):
        number = block.first_line + offset
        stripped = line.text.strip()
        if not stripped:
            continue
        if YEAR_RE.match(stripped) or is_separator(stripped):
            for page_break in marks.breaks_of(line):
                flow.add(page_break)
            if YEAR_RE.match(stripped):
                add_year(flow, stripped, number, findings)
            continue
        dashed = DASH_ITEM_RE.match(line.text)
        entry = line.trim(dashed.start("text"), len(line.text)) if dashed else line.strip()
        previous = flow.open_list.items[-1] if flow.open_list and flow.open_list.items else None
        if previous is not None and _continues_entry(collected.text_of(previous).text, entry.text):
            _continue_entry(collected, previous, line.text, entry, number, findings)
            continue
        pieces = split_run_together(entry.text)
        if len(pieces) > 1:
            explanation = "chronology entries run together by the OCR separated at the second date"
            findings.change("split_run_together", number, entry.text, " | ".join(pieces), explanation)
        for piece in _located(entry, pieces):
            add_list_item(flow, collected, "entries", piece, number, order)


def date_entries(division: Division, findings: Findings) -> None:
    """Date every chronology entry: its printed date becomes a :class:`PrintedDate` part.

    The year is the entry's own or the year heading's; an entry without a readable date is
    reported for review.
    """
    year = 0
    for node in walk_division(division):
        if isinstance(node, Heading) and YEAR_RE.match(node.text):
            year = int(node.text)
        elif isinstance(node, ListItem):
            _date_entry(node, year, findings)


def _continues_entry(previous: str, text: str) -> bool:
    """Whether a chronology line continues the entry before it (cut by a page break).

    It does when it starts in lower case, or when it has no date and the entry before it
    does not end a sentence.
    """
    if text[:1].islower():
        return True
    return split_entry(text) is None and not ends_sentence(previous)


def _continue_entry(
    collected: Collected, previous: ListItem, line: str, text: Marked, number: int, findings: Findings
) -> None:
    """Append a continuation line to the entry before it."""
    record = collected.text_of(previous)
    if line.lstrip().startswith(("-", "\u2013")):
        explanation = "list dash before the continuation of an entry cut by a page break"
        findings.change("stray_list_dash", number, line, text.text, explanation)
    if record.text.endswith("-"):
        left, right = " ".join(record.text.split(" ")[-3:]), " ".join(text.text.split(" ")[:3])
        before, after = f"{left} | {right}", join_hyphenated(left[:-1], right)
        explanation = "word hyphenated across a page break inside a chronology entry"
        findings.change("rejoin_hyphenation", number, before, after, explanation)
        joined = join_hyphenated(record.text[:-1], text.text)
    else:
        joined = f"{record.text} {text.text}"
    shift = len(joined) - len(text.text)  # where the continuation starts in the joined text
    record.breaks += [(position + shift, n) for position, n in text.breaks]
    record.text = joined


def _located(entry: Marked, pieces: list[str]) -> list[Marked]:
    """The ``pieces`` of ``entry`` (in order, each a part of its text) with their page breaks."""
    located = []
    start = 0
    for piece in pieces:
        start = entry.text.index(piece, start)
        located.append(entry.slice(start, start + len(piece)))
        start += len(piece)
    return located


def _date_entry(entry: ListItem, year: int, findings: Findings) -> None:
    """Split the printed date off an entry's first text part and record its ISO form."""
    parts = entry.parts
    first = next((k for k, part in enumerate(parts) if isinstance(part, str)), None)
    head = parts[first] if first is not None else None
    found = split_entry(head) if isinstance(head, str) else None
    dating = parse_date(found[0], year) if found and year else None
    if first is None or found is None or dating is None:
        text = "".join(part for part in parts if isinstance(part, str))
        findings.flag("chronology_undated", entry.first_line, text[:80], "no date found")
        return
    printed, rest = found
    if printed.count("*") % 2 or printed.count("_") % 2:
        cleaned = clean_date(printed)
        explanation = "unpaired emphasis mark around a chronology date dropped"
        findings.change("date_emphasis", entry.first_line, printed, cleaned, explanation)
        printed = cleaned
    entry.date = dating
    parts[first : first + 1] = [PrintedDate(printed.strip(), replace(dating)), rest]  # a date of its own
