"""The report's HTML pieces: text escaped with invisible characters shown, marked diffs, tables."""

from __future__ import annotations

import unicodedata
from difflib import SequenceMatcher
from html import escape

from pipeline.model import changed_span

MAX_DIFF_LENGTH = 4000  # longer texts get one marked span instead of a fine diff
MAX_SPANS = 8  # more scattered edits than this read better as one marked span

NUMERIC_COLUMNS = {"Line", "Changes"}
CHAR_LABELS = {"\t": "TAB", "\r": "CR", "\n": "LF", "\u00a0": "NBSP", "\ufeff": "BOM", "\u200b": "ZWSP"}

STYLE = """
body { font: 1rem/1.5 system-ui, sans-serif; max-width: 75rem; margin: 0 auto; padding: 1rem; }
body { color: #1a1a1a; background: #fff; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #eee; }
td.num, th.num { text-align: right; }
td.text { white-space: pre-wrap; overflow-wrap: anywhere; font: 0.9rem/1.4 ui-monospace, monospace; }
del { background: #fdd; color: #700; text-decoration: line-through; }
ins { background: #dfd; color: #050; text-decoration: underline; }
.char { font-size: 0.75rem; border: 1px solid currentColor; border-radius: 2px; padding: 0 1px; }
del::before, del::after, ins::before, ins::after {
  clip-path: inset(100%); clip: rect(1px, 1px, 1px, 1px); height: 1px; width: 1px;
  overflow: hidden; position: absolute; white-space: nowrap;
}
del::before { content: " [removed: "; } ins::before { content: " [added: "; }
del::after, ins::after { content: "] "; }
a { color: #04c; }
"""


def show(text: str, marked: bool = False) -> str:
    """Escape ``text``, making invisible characters (tabs, odd spaces, control codes) visible.

    Inside a marked (removed or added) span a line break is made visible too.
    """
    if text.isprintable():
        return escape(text)
    if not marked and "\n" in text:
        return "\n".join(show(line) for line in text.split("\n"))
    out = []
    start = 0
    for index, char in enumerate(text):
        # Python's non-printable characters are exactly Unicode's Other and Separator ones, bar the space.
        if char.isprintable():
            continue
        label = CHAR_LABELS.get(char, f"U+{ord(char):04X}")
        name = unicodedata.name(char, label)
        out.append(escape(text[start:index]))
        out.append(
            f'<span class="char" title="{escape(name)}">{label}</span>' + ("\n" if char == "\n" else "")
        )
        start = index + 1
    out.append(escape(text[start:]))
    return "".join(out)


def _spans(before: str, after: str) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes for ``before`` → ``after``, matched only between their common prefix and
    suffix (the matcher's time grows with the square of what it compares); one replaced span where
    the edits are too long or too scattered to read as a fine diff.

    Changed middles that share no character (a quote curled, a space made no-break) have no match
    for difflib to find: its opcodes would replace, insert or delete them whole, which reads the
    same as the one replaced span, so the matcher is not run.
    """
    start, end = changed_span(before, after)
    old_end, new_end = len(before) - end, len(after) - end
    middle = [("replace", start, old_end, start, new_end)]
    removed, added = before[start:old_end], after[start:new_end]
    if len(removed) + len(added) <= MAX_DIFF_LENGTH and not set(removed).isdisjoint(added):
        opcodes = SequenceMatcher(None, removed, added, autojunk=False).get_opcodes()
        if sum(tag != "equal" for tag, *_ in opcodes) <= MAX_SPANS:
            middle = [
                (tag, i1 + start, i2 + start, j1 + start, j2 + start) for tag, i1, i2, j1, j2 in opcodes
            ]
    return [("equal", 0, start, 0, start), *middle, ("equal", old_end, len(before), new_end, len(after))]


def mark_diff(before: str, after: str) -> tuple[str, str]:
    """Escaped HTML of both versions, the removed text in ``<del>``, the added text in ``<ins>``."""
    old, new = [], []
    for tag, i1, i2, j1, j2 in _spans(before, after):
        if tag == "equal":  # the same text on both sides
            same = show(before[i1:i2])
            old.append(same)
            new.append(same)
            continue
        if i2 > i1:
            old.append(f"<del>{show(before[i1:i2], marked=True)}</del>")
        if j2 > j1:
            new.append(f"<ins>{show(after[j1:j2], marked=True)}</ins>")
    return "".join(old), "".join(new)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def anchor(stage: str, rule: str) -> str:
    return escape(f"{stage}-{rule}".replace(" ", "-"), quote=True)


def table(columns: list[str], rows: list[str], caption: str = "", foot: str = "") -> str:
    """An HTML table with column headers; ``rows`` are ready-made ``<tr>`` elements."""
    head = "".join(
        f'<th scope="col" class="num">{name}</th>'
        if name in NUMERIC_COLUMNS
        else f'<th scope="col">{name}</th>'
        for name in columns
    )
    return (
        "<table>\n"
        + (f"<caption>{caption}</caption>\n" if caption else "")
        + f"<thead><tr>{head}</tr></thead>\n<tbody>\n{''.join(rows)}</tbody>\n"
        + (f"<tfoot>{foot}</tfoot>\n" if foot else "")
        + "</table>\n"
    )
