"""Stage ``report``: merge every stage's changes into one log and write the editor's QA report.

* ``build/<book>.changes.jsonl``: every automatic change, in raw-line order (machine-readable);
* ``build/<book>.report.html``: one self-contained page: counts per stage and rule, the items
  that need an editor's review, and every change with the changed span marked.

The HTML is built by pure functions from plain data; all text from the book is escaped.
"""

from __future__ import annotations

import argparse
import json
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from html import escape
from pathlib import Path
from typing import Any

from pipeline.cli import run_stage
from pipeline.model import (
    Book,
    Change,
    Division,
    FormatError,
    InputError,
    Review,
    Section,
    atomic_output,
    changed_span,
    read_book,
    read_json,
    walk,
    write_changes,
)

STAGES = ("normalise", "repair", "structure", "correct")
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


@dataclass(frozen=True)
class ReviewItem:
    """A review entry of repaired.json or structure.json, with the stage that raised it."""

    stage: str
    rule: str
    line: int
    text: str
    reason: str


# --- reading the stages' outputs -------------------------------------------------------------


def _change(data: Any, path: str, line: int | None) -> Change:
    try:
        return Change.from_dict(data)
    except FormatError as error:
        raise InputError(path, error.message, line) from None


def _read(path: str | Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(path, f"cannot read the file: {error.strerror}") from None
    except UnicodeDecodeError:
        raise InputError(path, "not valid UTF-8") from None


def read_change_log(path: str | Path) -> list[Change]:
    """Read a ``*.changes.jsonl`` file."""
    changes = []
    for number, line in enumerate(_read(path).split("\n"), start=1):
        if line.strip():
            try:
                data = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(path, f"not valid JSON: {error.msg}", number) from None
            changes.append(_change(data, str(path), number))
    return changes


def read_stage_output(path: str | Path, stage: str) -> tuple[list[Change], list[ReviewItem]]:
    """The ``changes`` and ``review`` lists of ``repaired.json``."""
    try:
        data = json.loads(_read(path))
    except json.JSONDecodeError as error:
        raise InputError(path, f"not valid JSON: {error.msg}", error.lineno) from None
    if not isinstance(data, dict):
        raise InputError(path, "expected a JSON object with 'changes' and 'review' lists")
    changes = [_change(item, str(path), None) for item in data.get("changes", [])]
    try:
        review = [Review.from_dict(item) for item in data.get("review", [])]
    except FormatError as error:
        raise InputError(path, error.message) from None
    return changes, review_items(stage, review)


def review_items(stage: str, review: Iterable[Review]) -> list[ReviewItem]:
    """The review records of a stage, each marked with the stage."""
    return [ReviewItem(stage, item.rule, item.line, item.text, item.reason) for item in review]


# --- plain data -------------------------------------------------------------------------------


def stage_rank(stage: str) -> int:
    return STAGES.index(stage) if stage in STAGES else len(STAGES)


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


# --- HTML -------------------------------------------------------------------------------------


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


def summary_table(counts: list[tuple[str, str, int]]) -> str:
    rows = [
        f"<tr><td>{escape(stage)}</td>"
        f'<th scope="row"><a href="#{anchor(stage, rule)}">{escape(rule)}</a></th>'
        f'<td class="num">{count}</td></tr>\n'
        for stage, rule, count in counts
    ]
    per_stage: Counter[str] = Counter()
    for stage, _, count in counts:
        per_stage[stage] += count
    stage_totals = ", ".join(f"{escape(stage)} {count}" for stage, count in per_stage.items())
    foot = (
        f'<tr><th scope="row" colspan="2">Total ({stage_totals or "none"})</th>'
        f'<td class="num">{per_stage.total()}</td></tr>'
    )
    return table(["Stage", "Rule", "Changes"], rows, "Automatic changes per stage and rule", foot)


def review_table(review: list[ReviewItem]) -> str:
    if not review:
        return "<p>Nothing needs review.</p>\n"
    rows = [
        f"<tr><td>{escape(item.stage)}</td><td>{escape(item.rule)}</td>"
        f'<th scope="row" class="num">{item.line}</th><td class="text">{show(item.text)}</td>'
        f"<td>{escape(item.reason)}</td></tr>\n"
        for item in sorted(review, key=lambda item: item.line)
    ]
    columns = ["Stage", "Rule", "Line", "Text", "Reason"]
    return table(columns, rows, "Decisions taken on inconclusive evidence, by raw line")


def change_section(stage: str, rule: str, changes: list[Change]) -> str:
    rows = []
    for change in changes:
        before, after = mark_diff(change.before, change.after)
        rows.append(
            f'<tr><th scope="row" class="num">{change.line}</th><td class="text">{before}</td>'
            f'<td class="text">{after}</td><td>{escape(change.explanation)}</td></tr>\n'
        )
    return (
        f'<section aria-labelledby="{anchor(stage, rule)}">\n'
        f'<h3 id="{anchor(stage, rule)}">{escape(stage)}: {escape(rule)} ({len(changes)})</h3>\n'
        + table(["Line", "Before", "After", "Explanation"], rows)
        + "</section>\n"
    )


def suspects_section(suspects: dict[str, Any] | None) -> str:
    """The suspect words (``build/<book>/suspects.json``): their number, how many were confirmed, the list."""
    if suspects is None:
        return "<p>No suspect-word list was made.</p>\n"
    items = suspects["suspects"]
    rows = [
        f'<tr><th scope="row" class="num">{item["line"]}</th><td>{escape(item["word"])}</td>'
        f"<td>{escape(item['suggestion'] or '')}</td><td>{escape(item['kind'])}</td>"
        f'<td class="text">{show(item["context"])}</td><td>{"yes" if item["confirmed"] else ""}</td></tr>\n'
        for item in items
    ]
    lead = (
        f"<p>{plural(len(items), 'suspect word')}, best candidates first; "
        f"{suspects['confirmed']} confirmed by the editor as misreadings "
        f"({suspects['corrections']} entries in the corrections file).</p>\n"
    )
    columns = ["Line", "Word", "Suggestion", "Kind", "Context", "Corrected"]
    return lead + table(columns, rows, "Likely OCR misreadings") if items else lead


def contents_differences(book: Book) -> list[tuple[int, str, str]]:
    """Every difference between the printed contents and the headings found: (line, entry, what).

    A heading not found, a heading that reads differently (beyond case, emphasis and punctuation:
    the structure stage's ``heading_differs_from_contents`` review) and an entry out of order.
    """
    order = [node.id for node in walk(book) if isinstance(node, Division | Section)]
    position = {identifier: number for number, identifier in enumerate(order)}
    differs = {item.line: item for item in book.review if item.rule == "heading_differs_from_contents"}
    found: list[tuple[int, str, str]] = []
    last = -1
    for entry in book.contents:
        title = " ".join(filter(None, [entry.label, entry.title]))
        target = entry.target
        if target is None or target not in position:
            found.append((entry.line, title, "heading not found in the text"))
            continue
        if position[target] < last:
            found.append((entry.line, title, "heading stands before the previous entry's heading"))
        last = max(last, position[target])
    for item in differs.values():
        found.append((item.line, item.text, f"reads differently: {item.reason}"))
    return found


def explained_title_differences(book: Book) -> int:
    """Headings printed otherwise than the contents (capitals, punctuation): titled from the contents,
    each logged as a ``title_from_contents`` change."""
    return sum(1 for change in book.changes if change.rule == "title_from_contents")


def contents_section(book: Book | None) -> str:
    """The contents cross-check: entries checked and every difference found."""
    if not book or not book.contents:
        return "<p>The book prints no contents: nothing to check.</p>\n"
    differences = contents_differences(book)
    entries = len(book.contents)
    found = sum(1 for entry in book.contents if entry.target)
    text = (
        f"<p>{entries} contents entries: {found} found as headings, in the printed order; "
        f"{plural(len(differences), 'unexplained difference')}. "
        f"{explained_title_differences(book)} headings printed otherwise (capitals, punctuation) "
        "take the contents' wording: see the <code>title_from_contents</code> changes.</p>\n"
    )
    rows = [
        f'<tr><td class="num">{line}</td><td>{escape(title)}</td><td>{escape(what)}</td></tr>\n'
        for line, title, what in sorted(differences)
    ]
    return text + (table(["Line", "Entry", "Difference"], rows) if rows else "")


LAYOUT_RULES = ("no_contents",)  # review rules that describe the book's layout, besides layout_*


def layout_section(review: list[ReviewItem], book: Book | None) -> str:
    """The layout conventions found (page furniture, notes, headings), each with its evidence."""
    found = [item for item in review if item.rule.startswith("layout_") or item.rule in LAYOUT_RULES]
    found += review_items("structure", book.layout if book else [])
    if not found:
        return "<p>No page furniture or notes found; headings from the printed contents.</p>\n"
    rows = [
        f"<tr><td>{escape(item.rule.removeprefix('layout_'))}</td>"
        f'<th scope="row" class="num">{item.line}</th><td>{escape(item.text)}</td>'
        f"<td>{escape(item.reason)}</td></tr>\n"
        for item in found
    ]
    columns = ["Convention", "Line", "Found", "Evidence"]
    return table(columns, rows, "How this book is laid out, as inferred (or set in its metadata's layout)")


def page_section(book: Book | None) -> str:
    """The page table: detected breaks between two contents anchors, found against expected."""
    if book is None:
        return "<p>No page breaks recorded.</p>\n"
    pages = book.page_breaks
    rows = []
    for row in pages.table:
        status = "numbered" if row.numbered else "not numbered: count differs"
        mark = "" if row.numbered else ' class="differs"'
        rows.append(
            f"<tr{mark}><td>{escape(row.start)} (p. {row.start_page}, line {row.start_line})</td>"
            f"<td>{escape(row.end)} (p. {row.end_page}, line {row.end_line})</td>"
            f'<td class="num">{row.expected}</td><td class="num">{row.found}</td>'
            f"<td>{status}</td></tr>\n"
        )
    text = (
        f"<p>{plural(pages.found, 'page break')} detected, {pages.numbered} numbered from the "
        "contents' page numbers; spans whose count differs stay unnumbered.</p>\n"
    )
    return text + table(["From", "To", "Expected", "Found", "Pages"], rows)


def render_report(
    name: str,
    changes: list[Change],
    review: list[ReviewItem],
    suspects: dict[str, Any] | None = None,
    book: Book | None = None,
) -> str:
    """The whole QA report as one HTML page."""
    sections = "".join(
        change_section(stage, rule, group) for (stage, rule), group in group_by_rule(changes).items()
    )
    title = f"Quality report: {name}"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>{STYLE}</style>
</head>
<body>
<header>
<h1>{escape(title)}</h1>
<p>{plural(len(changes), "automatic change")}; {plural(len(review), "item")} to review.
Line numbers are lines of <code>raw/{escape(name)}.txt</code>.
Removed text is <del>struck through</del>, added text <ins>underlined</ins>.</p>
<nav aria-label="Sections"><ul>
<li><a href="#summary">Summary</a></li>
<li><a href="#layout">Layout conventions</a></li>
<li><a href="#review">Needs review ({len(review)})</a></li>
<li><a href="#suspects">Suspect words ({len((suspects or {}).get("suspects", []))})</a></li>
<li><a href="#contents-check">Contents cross-check</a></li>
<li><a href="#pages">Print pages</a></li>
<li><a href="#changes">All changes ({len(changes)})</a></li>
</ul></nav>
</header>
<main>
<section aria-labelledby="summary">
<h2 id="summary">Summary</h2>
{summary_table(count_by_rule(changes))}</section>
<section aria-labelledby="layout">
<h2 id="layout">Layout conventions found, and the evidence</h2>
{layout_section(review, book)}</section>
<section aria-labelledby="review">
<h2 id="review">Needs review</h2>
{review_table(review)}</section>
<section aria-labelledby="suspects">
<h2 id="suspects">Suspect words</h2>
{suspects_section(suspects)}</section>
<section aria-labelledby="contents-check">
<h2 id="contents-check">Contents cross-check</h2>
{contents_section(book)}</section>
<section aria-labelledby="pages">
<h2 id="pages">Print pages</h2>
{page_section(book)}</section>
<section aria-labelledby="changes">
<h2 id="changes">All changes, by rule</h2>
{sections or "<p>No automatic changes.</p>"}
</section>
</main>
</body>
</html>
"""


# --- command line -----------------------------------------------------------------------------


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--book", required=True, help="the book's name (raw/<book>.txt)")
    parser.add_argument("--normalise-changes", required=True, help="build/<book>/normalise.changes.jsonl")
    parser.add_argument("--repaired", required=True, help="build/<book>/repaired.json")
    parser.add_argument("--structure", required=True, help="the corrected tree, build/<book>/corrected.json")
    parser.add_argument("--suspects", help="suspect words, build/<book>/suspects.json (optional)")
    parser.add_argument("--changes-log", required=True, help="merged change log, build/<book>.changes.jsonl")
    parser.add_argument("--output", required=True, help="the QA report, build/<book>.report.html")


def _work(args: argparse.Namespace) -> str:
    repair_changes, repair_review = read_stage_output(args.repaired, "repair")
    book = read_book(args.structure, "correct")
    changes = merge_changes(read_change_log(args.normalise_changes), repair_changes, book.changes)
    review = repair_review + review_items("structure", book.review)
    write_changes(args.changes_log, changes)
    with atomic_output(args.output) as handle:
        suspects = read_json(args.suspects) if args.suspects else None
        handle.write(render_report(args.book, changes, review, suspects, book))
    return f"{args.output}: {len(changes)} changes, {len(review)} to review"


def main(argv: list[str] | None = None) -> int:
    return run_stage("report", _configure, _work, argv)


if __name__ == "__main__":
    raise SystemExit(main())
