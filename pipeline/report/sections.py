"""The report's sections, each from the logs and evidence it shows."""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import Any

from pipeline.layout import LAYOUT_RULE_PREFIX
from pipeline.model import Change, ContentsCheck, InputEvidence, PageBreaks, Review
from pipeline.report.logs import ReviewItem, review_items
from pipeline.report.markup import anchor, mark_diff, plural, show, table


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


MAX_LINES_SHOWN = 8  # lines listed for a word of the review list


def _why(entry: dict[str, Any]) -> str:
    """The evidence of a review entry, with the OCR engine's confidence in the word where known."""
    engine = entry.get("engine")
    return entry["reason"] + ("" if engine is None else f"; the OCR engine's confidence in it: {engine:.2f}")


def _places(places: list[dict[str, Any]]) -> str:
    """The raw lines of a word's places, the first few and how many more."""
    lines = ", ".join(str(place["line"]) for place in places[:MAX_LINES_SHOWN])
    return lines + (f" and {len(places) - MAX_LINES_SHOWN} more" if len(places) > MAX_LINES_SHOWN else "")


def misreadings_section(misreadings: dict[str, Any] | None) -> str:
    """The OCR misreadings (``build/<book>/misreadings.json``): those corrected automatically, by kind;
    those the editor refused; the review list, most likely misreadings first, and apart from it the
    words nothing proposes a reading for."""
    if misreadings is None:
        return "<p>No misreadings were looked for.</p>\n"
    applied, refused = misreadings["applied"], misreadings["refused"]
    kinds = Counter(item["kind"] for item in applied)
    by_kind = [
        f'<tr><th scope="row">{escape(kind)}</th><td class="num">{count}</td></tr>\n'
        for kind, count in kinds.most_common()
    ]
    lead = (
        f"<p>{plural(len(applied), 'misreading')} corrected automatically (confidence at least "
        f"{misreadings['threshold']:.2f}; each is a <code>misreading_…</code> change below and a "
        '<code>choice</code> of <code>sic</code> and <code>corr resp="#pipeline"</code> in the TEI); '
        f"{len(refused)} refused by the editor. To refuse one, add an entry to the corrections file "
        "whose <code>corr</code> is its <code>sic</code>.</p>\n"
    )
    html = lead + (table(["Kind", "Corrected"], by_kind, "Automatic corrections by kind") if by_kind else "")
    review, unread = misreadings["review"], misreadings["unknown"]
    rows = [
        f"<tr><td>{escape(entry['word'])}</td><td>{escape(', '.join(entry['suggestions']))}</td>"
        f'<td class="num">{entry["likelihood"]:.2f}</td><td>{escape(_why(entry))}</td>'
        f'<td class="num">{_places(entry["places"])}</td>'
        f'<td class="text">{show(entry["places"][0]["context"])}</td></tr>\n'
        for entry in review
    ]
    html += f"<p>{plural(len(review), 'word')} to review, most likely misreadings first.</p>\n"
    if rows:
        columns = ["Word", "Reading", "Likelihood", "Why", "Lines", "Context"]
        html += table(columns, rows, "Likely misreadings, not corrected")
    words = ", ".join(f"{escape(entry['word'])} ({_places(entry['places'])})" for entry in unread)
    html += (
        f"<p>{plural(len(unread), 'word')} neither English nor the book otherwise knows, with no reading "
        f"proposed (names, foreign and rare words, misreadings past guessing): {words or 'none'}.</p>\n"
    )
    return html


def explained_title_differences(changes: list[Change]) -> int:
    """Headings printed otherwise than the contents (capitals, punctuation): titled from the contents,
    each logged as a ``title_from_contents`` change."""
    return sum(1 for change in changes if change.rule == "title_from_contents")


def contents_section(contents: ContentsCheck | None, changes: list[Change]) -> str:
    """The contents cross-check: entries checked and every difference found."""
    if not contents or not contents.entries:
        return "<p>The book prints no contents: nothing to check.</p>\n"
    differences = contents.differences
    text = (
        f"<p>{contents.entries} contents entries: {contents.found} found as headings, in the printed order; "
        f"{plural(len(differences), 'unexplained difference')}. "
        f"{explained_title_differences(changes)} headings printed otherwise (capitals, punctuation) "
        "take the contents' wording: see the <code>title_from_contents</code> changes.</p>\n"
    )
    rows = [
        f'<tr><td class="num">{item.line}</td><td>{escape(item.entry)}</td>'
        f"<td>{escape(item.difference)}</td></tr>\n"
        for item in differences
    ]
    return text + (table(["Line", "Entry", "Difference"], rows) if rows else "")


READER_NAMES = {
    "paragraph_lines": "one paragraph per line (blank lines between blocks)",
    "wrapped_lines": "wrapped as printed (one line per printed line)",
}


def input_section(read: InputEvidence | None) -> str:
    """How the raw text was read: the kind of input and the measured evidence, its lines and pages,
    what the page analysis found; the later decisions rest on these and on the layout conventions."""
    if read is None:
        return "<p>Not recorded.</p>\n"
    kind = READER_NAMES.get(read.reader, read.reader)
    if read.given:
        how = f"set by the book's <code>layout.input</code> (the measurement says {escape(read.detected)})"
    else:
        how = "detected"
    pages = (
        "found later from their printed numbers (see Print pages)" if read.pages is None else str(read.pages)
    )
    rows = [
        f'<tr><th scope="row">Kind</th><td>{escape(kind)}: {how}</td></tr>\n',
        f'<tr><th scope="row">Measured</th><td>{escape(read.measured)}</td></tr>\n',
        f'<tr><th scope="row">Lines</th><td>{read.lines} non-blank</td></tr>\n',
        f'<tr><th scope="row">Pages</th><td>{escape(pages)}</td></tr>\n',
    ]
    found = "".join(f"<li>{escape(finding)}</li>\n" for finding in read.findings)
    return (
        table(["What", "Found"], rows, "The input and the evidence every later decision starts from")
        + f"<p>What the reading found, page by page:</p>\n<ul>\n{found}</ul>\n"
        + '<p>The layout the later stages inferred is under <a href="#layout">Layout conventions</a>.</p>\n'
    )


# review rules that describe the book's layout, besides layout_*
LAYOUT_RULES = ("no_contents", "no_divisions")


def layout_section(review: list[ReviewItem], conventions: list[Review]) -> str:
    """The layout conventions found (page furniture, notes, headings), each with its evidence: the
    stages' layout review items, then the conventions of the structure's evidence."""
    found = [item for item in review if item.rule.startswith(LAYOUT_RULE_PREFIX) or item.rule in LAYOUT_RULES]
    found += review_items("structure", conventions)
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


def page_section(pages: PageBreaks | None) -> str:
    """The page table: detected breaks between two contents anchors, found against expected."""
    if pages is None:
        return "<p>No page breaks recorded.</p>\n"
    rows = []
    for row in pages.table:
        status = "numbered" if row.numbered else "not all numbered: count differs"
        if row.inferred:
            status += f", {row.inferred} by their place in the text"
        mark = "" if row.numbered else ' class="differs"'
        rows.append(
            f"<tr{mark}><td>{escape(row.start)} (p. {row.start_page}, line {row.start_line})</td>"
            f"<td>{escape(row.end)} (p. {row.end_page}, line {row.end_line})</td>"
            f'<td class="num">{row.expected}</td><td class="num">{row.found}</td>'
            f"<td>{status}</td></tr>\n"
        )
    text = (
        f"<p>{plural(pages.found, 'page break')} detected, {pages.numbered} numbered from the "
        f"contents' page numbers, {pages.inferred} of them by their place in the text where the count "
        "differs (a break was missed: they are in the review list, as are the breaks left "
        "unnumbered).</p>\n"
    )
    return text + table(["From", "To", "Expected", "Found", "Pages"], rows)
