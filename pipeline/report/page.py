"""The whole QA report as one self-contained HTML page."""

from __future__ import annotations

from html import escape
from typing import Any

from pipeline.model import Change, InputEvidence, StructureEvidence
from pipeline.report.logs import ReviewItem, count_by_rule, group_by_rule
from pipeline.report.markup import STYLE, plural
from pipeline.report.sections import (
    change_section,
    contents_section,
    input_section,
    layout_section,
    misreadings_section,
    page_section,
    review_table,
    summary_table,
)


def render_report(
    name: str,
    text: str,
    changes: list[Change],
    review: list[ReviewItem],
    misreadings: dict[str, Any] | None = None,
    evidence: StructureEvidence | None = None,
    read: InputEvidence | None = None,
) -> str:
    """The whole QA report of the book ``name`` as one HTML page: how the text was read (``read``),
    ``changes`` merged (:func:`.merge_changes`) and ``review`` from every stage, numbering the lines
    of the file ``text``; the misreadings and the structure's evidence where there are some."""
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
Line numbers are lines of <code>{escape(text)}</code>.
Removed text is <del>struck through</del>, added text <ins>underlined</ins>.</p>
<nav aria-label="Sections"><ul>
<li><a href="#input">Input</a></li>
<li><a href="#summary">Summary</a></li>
<li><a href="#layout">Layout conventions</a></li>
<li><a href="#review">Needs review ({len(review)})</a></li>
<li><a href="#misreadings">Misreadings ({len((misreadings or {}).get("applied", []))} corrected)</a></li>
<li><a href="#contents-check">Contents cross-check</a></li>
<li><a href="#pages">Print pages</a></li>
<li><a href="#changes">All changes ({len(changes)})</a></li>
</ul></nav>
</header>
<main>
<section aria-labelledby="input">
<h2 id="input">Input: how the raw text was read</h2>
{input_section(read)}</section>
<section aria-labelledby="summary">
<h2 id="summary">Summary</h2>
{summary_table(count_by_rule(changes))}</section>
<section aria-labelledby="layout">
<h2 id="layout">Layout conventions found, and the evidence</h2>
{layout_section(review, evidence.conventions if evidence else [])}</section>
<section aria-labelledby="review">
<h2 id="review">Needs review</h2>
{review_table(review)}</section>
<section aria-labelledby="misreadings">
<h2 id="misreadings">OCR misreadings</h2>
{misreadings_section(misreadings)}</section>
<section aria-labelledby="contents-check">
<h2 id="contents-check">Contents cross-check</h2>
{contents_section(evidence.contents if evidence else None, changes)}</section>
<section aria-labelledby="pages">
<h2 id="pages">Print pages</h2>
{page_section(evidence.page_breaks if evidence else None)}</section>
<section aria-labelledby="changes">
<h2 id="changes">All changes, by rule</h2>
{sections or "<p>No automatic changes.</p>"}
</section>
</main>
</body>
</html>
"""
