"""The QA report: merged change log, counts, review list, marked diffs, escaping."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from lxml import html

from pipeline import report
from pipeline.model import (
    Change,
    ContentsCheck,
    ContentsDifference,
    InputError,
    InputEvidence,
    PageBreaks,
    PageSpan,
    Review,
    StructureEvidence,
    read_log,
    write_evidence,
    write_log,
)
from pipeline.report import (
    ReviewItem,
    count_by_rule,
    mark_diff,
    merge_changes,
    read_review_log,
    render_report,
    show,
)

NORMALISE = [
    Change("normalise", "collapse_spaces", 3, "a  b", "a b", "repeated spaces between words made one"),
    Change("normalise", "fix_unicode", 9, "don\u00e2\u20ac\u2122t", "don\u2019t", "ftfy: mojibake repaired"),
]
REPAIR = [
    Change("repair", "rejoin_page_break", 3, "national |\nliberation", "national liberation", "page break"),
    Change("repair", "rejoin_page_break", 1, "x-\ny", "xy", "page break"),
]
STRUCTURE = [Change("structure", "title_case", 2, "INTRODUCTION", "Introduction", "heading in capitals")]
REVIEW = [
    ReviewItem("structure", "unlinked_note", 40, "¹⁴ V. I. Lenin <b>", "marker not found"),
    ReviewItem("repair", "hyphen", 12, "co-\noperation", "both spellings occur & neither wins"),
]


def page(changes: list[Change] = NORMALISE + REPAIR + STRUCTURE, review: list[ReviewItem] = REVIEW):
    return html.fromstring(render_report("b", "raw/b.txt", merge_changes(changes), review))


def test_merge_orders_by_line_then_stage() -> None:
    merged = merge_changes(STRUCTURE, NORMALISE, REPAIR)
    assert [(change.line, change.stage) for change in merged] == [
        (1, "repair"),
        (2, "structure"),
        (3, "normalise"),
        (3, "repair"),
        (9, "normalise"),
    ]


def test_counts_per_stage_and_rule() -> None:
    assert count_by_rule(merge_changes(NORMALISE, REPAIR, STRUCTURE)) == [
        ("normalise", "collapse_spaces", 1),
        ("normalise", "fix_unicode", 1),
        ("repair", "rejoin_page_break", 2),
        ("structure", "title_case", 1),
    ]


def test_mark_diff_marks_only_the_changed_span() -> None:
    assert mark_diff("a  b", "a b") == ("a <del> </del>b", "a b")
    assert mark_diff("caf\u00c3\u00a9 <b>", "caf\u00e9 <b>") == (
        "caf<del>\u00c3\u00a9</del> &lt;b&gt;",
        "caf<ins>\u00e9</ins> &lt;b&gt;",
    )


def test_long_paragraph_gets_a_fine_diff_of_its_changed_middle() -> None:
    # a paragraph far over MAX_DIFF_LENGTH with two quotes curled close together: only the quotes
    # are marked (the unchanged start and end do not count against the limit)
    words = "the Soviet government proposed a peace without annexations " * 40
    before = f'{words}the "Decree on Peace" {words}'
    after = f"{words}the \u201cDecree on Peace\u201d {words}"
    old, new = mark_diff(before, after)
    assert old == f"{words}the <del>&quot;</del>Decree on Peace<del>&quot;</del> {words}"
    assert new == f"{words}the <ins>\u201c</ins>Decree on Peace<ins>\u201d</ins> {words}"


def test_changes_sharing_no_character_are_marked_whole() -> None:
    # Real changes of the first book (raw lines 7, 538, 8196, 1174): the changed middles share no
    # character, so each is one removed and one added span, as difflib marks them.
    assert mark_diff("1917-1945", "1917\u20131945") == ("1917<del>-</del>1945", "1917<ins>\u2013</ins>1945")
    assert mark_diff("M. Hoffmann", "M.\u00a0Hoffmann") == (
        "M.<del> </del>Hoffmann",
        'M.<ins><span class="char" title="NO-BREAK SPACE">NBSP</span></ins>Hoffmann',
    )
    assert mark_diff("relations | Genoa", "relations Genoa") == (
        "relations <del>| </del>Genoa",
        "relations Genoa",
    )
    assert mark_diff("", "CHAPTER III") == ("", "<ins>CHAPTER III</ins>")
    # ... while middles that share one are still diffed finely (raw line 75, two quotes curled)
    assert mark_diff("Russia's Peoples' Liberation", "Russia\u2019s Peoples\u2019 Liberation") == (
        "Russia<del>&#x27;</del>s Peoples<del>&#x27;</del> Liberation",
        "Russia<ins>\u2019</ins>s Peoples<ins>\u2019</ins> Liberation",
    )


def test_invisible_characters_are_shown() -> None:
    assert show("a\tb") == 'a<span class="char" title="TAB">TAB</span>b'
    assert show("\u00a0") == '<span class="char" title="NO-BREAK SPACE">NBSP</span>'
    before, after = mark_diff("old\r", "old\n")
    assert "CR</span></del>" in before and "LF</span>\n</ins>" in after


def test_untrusted_text_is_escaped_everywhere() -> None:
    hostile = '<script>alert("x")</script>'
    changes = [Change("repair", f"rule{hostile}", 1, hostile, hostile + "!", hostile)]
    review = [ReviewItem("repair", hostile, 2, hostile, hostile)]
    text = render_report(f"book{hostile}", f"raw/book{hostile}.txt", changes, review)
    assert "<script>" not in text
    assert "&lt;script&gt;" in text


def test_page_is_accessible_and_self_contained() -> None:
    document = page()
    assert document.get("lang") == "en"
    assert document.findtext(".//title") == "Quality report: b"
    assert [h.text_content() for h in document.iter("h2")] == [
        "Input: how the raw text was read",
        "Summary",
        "Layout conventions found, and the evidence",
        "Needs review",
        "OCR misreadings",
        "Contents cross-check",
        "Print pages",
        "All changes, by rule",
    ]
    assert all(th.get("scope") in ("col", "row") for th in document.iter("th"))
    assert not document.xpath("//script | //link | //img | //*[@src]")
    assert document.find(".//style") is not None


def test_summary_counts_and_links() -> None:
    summary = page().xpath("//table[caption='Automatic changes per stage and rule']")[0]
    rows = [[cell.text_content() for cell in row] for row in summary.xpath("tbody/tr")]
    assert ["repair", "rejoin_page_break", "2"] in rows
    assert summary.xpath("tfoot//td")[0].text == "5"
    assert "normalise 2, repair 2, structure 1" in summary.xpath("tfoot//th")[0].text
    assert summary.xpath("tbody//a/@href")[0] == "#normalise-collapse_spaces"


def test_review_list_is_sorted_by_line() -> None:
    review = page().xpath("//section[@aria-labelledby='review']//tbody/tr")
    assert [[cell.text_content() for cell in row] for row in review] == [
        ["repair", "hyphen", "12", "co-\noperation", "both spellings occur & neither wins"],
        ["structure", "unlinked_note", "40", "¹⁴ V. I. Lenin <b>", "marker not found"],
    ]


def test_changes_are_grouped_by_rule() -> None:
    document = page()
    headings = [h.text_content() for h in document.iter("h3")]
    assert headings == [
        "normalise: collapse_spaces (1)",
        "normalise: fix_unicode (1)",
        "repair: rejoin_page_break (2)",
        "structure: title_case (1)",
    ]
    group = document.get_element_by_id("repair-rejoin_page_break").getparent()
    assert [row[0].text for row in group.xpath(".//tbody/tr")] == ["1", "3"]


def test_empty_report() -> None:
    document = page([], [])
    assert "Nothing needs review." in document.text_content()
    assert "No automatic changes." in document.text_content()


def test_review_log_items_carry_the_stage_its_name_gives(tmp_path: Path) -> None:
    path = tmp_path / "structure.review.jsonl"
    write_log(path, [Review("unlinked_note", 40, "¹⁴ V. I. Lenin <b>", "marker not found")])
    assert read_review_log(path) == [REVIEW[0]]
    misnamed = tmp_path / "review.jsonl"
    misnamed.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match=r"review\.jsonl: a review log is named <stage>\.review\.jsonl"):
        read_review_log(misnamed)


def test_bad_json_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "repair.changes.jsonl"
    path.write_text(json.dumps(REPAIR[0].to_dict()) + "\n{,}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"repair\.changes\.jsonl:2: not valid JSON"):
        read_log(path, Change)


def test_missing_log_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"repair\.review\.jsonl: cannot read the file"):
        read_review_log(tmp_path / "repair.review.jsonl")


EVIDENCE = StructureEvidence(
    [Review("layout_notes", 194, "note numbering: division", "1189 notes")],
    ContentsCheck(4, 3, [ContentsDifference(200, "Chronology", "heading not found in the text")]),
    PageBreaks(2, 1, [PageSpan("Introduction", 9, 184, "CHAPTER I", 30, 436, 21, 20, 1, False)]),
)


def test_cli_reads_only_the_logs_and_the_evidence(tmp_path: Path) -> None:
    """The stages' logs, the structure's evidence: the report needs neither the text nor the tree."""
    logs = {"normalise": NORMALISE, "repair": REPAIR, "structure": STRUCTURE, "correct": []}
    changes = [tmp_path / f"{stage}.changes.jsonl" for stage in logs]
    for path, log in zip(changes, logs.values(), strict=True):
        write_log(path, log)
    review = [tmp_path / "repair.review.jsonl", tmp_path / "structure.review.jsonl"]
    write_log(review[0], [Review("hyphen", 12, "co-\noperation", "unsure")])
    write_log(review[1], [])
    evidence = tmp_path / "structure.evidence.json"
    write_evidence(evidence, EVIDENCE)
    log, output = tmp_path / "out" / "b.changes.jsonl", tmp_path / "out" / "b.report.html"
    arguments = [
        "--book",
        "b",
        "--text",
        "raw/b.txt",
        "--changes",
        *map(str, changes),
        "--review",
        *map(str, review),
    ]
    arguments += ["--evidence", str(evidence), "--changes-log", str(log), "--output", str(output)]
    assert report.main(arguments) == 0
    assert [change.line for change in read_log(log, Change)] == [1, 2, 3, 3, 9]
    text = output.read_text(encoding="utf-8")
    assert "1 item to review" in text
    assert "4 contents entries: 3 found as headings" in text and "1 unexplained difference" in text
    assert "2 page breaks detected, 1 numbered" in text


def test_change_record_with_a_bad_line_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "normalise.changes.jsonl"
    record = {"stage": "normalise", "rule": "x", "line": "12", "before": "a", "after": "b", "explanation": ""}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"jsonl:1: not a change record"):
        read_log(path, Change)


def test_misreadings_section_counts_by_kind_and_sets_names_apart() -> None:
    from pipeline.report.sections import misreadings_section

    def found(sic: str, corr: str, kind: str, line: int) -> dict[str, Any]:
        return {
            "line": line,
            "sic": sic,
            "corr": corr,
            "kind": kind,
            "confidence": 0.95,
            "reason": "",
            "context": f"… {sic} …",
            "applied": True,
            "refused": False,
        }

    def entry(word: str, suggestions: list[str], kind: str, lines: list[int]) -> dict[str, Any]:
        places = [{"line": line, "context": f"… {word} …"} for line in lines]
        return {
            "word": word,
            "suggestions": suggestions,
            "kind": kind,
            "likelihood": 0.6,
            "reason": "",
            "places": places,
        }

    misreadings = {
        "threshold": 0.9,
        "applied": [
            found("Chechoslovakia", "Czechoslovakia", "spelling", 2651),
            found("Schullenburg", "Schulenburg", "spelling", 5615),
            found("\u25a0son", "son", "speck", 5508),
        ],
        "refused": [found("Kálinin", "Kalinin", "spelling", 4791)],
        "review": [entry("harrid", ["horrid"], "spelling", [6011])],
        "unknown": [entry("Cattier", [], "unread", [2965, 2970])],
    }
    html = misreadings_section(misreadings)
    assert "3 misreadings corrected automatically" in html and "1 refused by the editor" in html
    assert re.search(r"spelling</th><td[^>]*>2<", html) and re.search(r"speck</th><td[^>]*>1<", html)
    assert "1 word to review" in html and "harrid" in html and "horrid" in html
    assert "Cattier (2965, 2970)" in html
    assert html.index("harrid") < html.index("Cattier")


def test_evidence_sections_show_layout_contents_and_pages() -> None:
    titled = [Change("structure", "title_from_contents", 184, "INTRODUCTION", "Introduction", "")]
    review = [ReviewItem("repair", "layout_page_furniture", 3, "page numbers: top", "412 of 488 pages")]
    document = html.fromstring(render_report("b", "raw/b.txt", titled, review, evidence=EVIDENCE))
    layout = document.xpath("//section[@aria-labelledby='layout']//tbody/tr")
    assert [[cell.text_content() for cell in row][:2] for row in layout] == [
        ["page_furniture", "3"],
        ["notes", "194"],
    ]
    contents = document.xpath("//section[@aria-labelledby='contents-check']")[0].text_content()
    assert "1 headings printed otherwise" in contents and "Chronology" in contents
    (span,) = document.xpath("//section[@aria-labelledby='pages']//tbody/tr")
    assert span.get("class") == "differs" and "not all numbered" in span.text_content()


def test_without_evidence_the_sections_say_so() -> None:
    text = page().text_content()
    assert "The book prints no contents: nothing to check." in text
    assert "No page breaks recorded." in text


def test_the_report_opens_with_how_the_text_was_read() -> None:
    read = InputEvidence("wrapped_lines", "wrapped_lines", "95% of 57 lines go on", False, 57, 3, ["3 pages"])
    document = html.fromstring(render_report("b", "build/b/source.txt", [], [], read=read))
    first = document.xpath("//main/section")[0]
    assert first.get("aria-labelledby") == "input"
    rows = [[cell.text_content() for cell in row] for row in first.xpath(".//tbody/tr")]
    assert rows == [
        ["Kind", "wrapped as printed (one line per printed line): detected"],
        ["Measured", "95% of 57 lines go on"],
        ["Lines", "57 non-blank"],
        ["Pages", "3"],
    ]
    assert [item.text_content() for item in first.xpath(".//li")] == ["3 pages"]
    assert "Not recorded." in page().xpath("//section[@aria-labelledby='input']")[0].text_content()
