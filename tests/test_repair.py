"""Tests of the repair stage as a whole: its registry of repairs, command line, the whole book.

Excerpts are copied from ``raw/soviet-foreign-policy-vol1.txt``; the comment before each gives
its raw line numbers. Lines of a thousand characters are clipped in the middle (``[…]``), which
keeps their beginning and end, where the repairs look.
"""

from __future__ import annotations

import importlib
import inspect
import itertools
import json
import pkgutil
import re
from collections import Counter
from pathlib import Path

import pytest
from bookgen import Convention, generate
from repair_excerpts import book, kinds, repair, texts

import pipeline.repair as repair_package
from pipeline.model import Block, Change, Review, read_log
from pipeline.readers.paragraph_lines import split_blocks
from pipeline.repair import (
    REPAIRS,
    STRUCTURAL_REPAIRS,
    RepairContext,
    Repaired,
    typesetting,
)
from pipeline.repair import repair as repair_stage
from pipeline.repair.command import main
from pipeline.repair.notes import classify_note_blocks
from pipeline.repair.vocabulary import BookVocabulary
from pipeline.text import typography

ROOT = Path(__file__).resolve().parent.parent
RAW_BOOK = ROOT / "raw" / "soviet-foreign-policy-vol1.txt"
WORD_RE = re.compile(r"\w+")


# --- the registry of repairs ------------------------------------------------------------------------

REPAIR_ORDER = [
    "remove_page_furniture",
    "classify_note_blocks",
    "restore_note_symbols",
    "restore_plain_note_numbers",
    "restore_line_start_markers",
    "restore_placed_note_markers",
    "remove_contents_leaders",
    "close_spaced_ellipses",
    "strip_stray_heading_characters",
    "remove_stray_heading_dashes",
    "rejoin_inline_hyphenation",
    "rejoin_words_cut_without_hyphen",
    "attach_note_continuations",
    "rejoin_page_breaks",
    "typeset_blocks",
]
# the rules a repair's changes may carry besides its own name
OTHER_RULES = {
    "rejoin_inline_hyphenation": {"dehyphenate"},
    "rejoin_page_breaks": {"dehyphenate"},
    "typeset_blocks": {rule.__name__ for rule in typography.RULES},
}
# after a generated book (page furniture, plain note numbers, note text continued at the next page's
# foot), blocks that the heading and hyphenation repairs have work in
# a page whose note is marked by a symbol the OCR spaced from the text (after *Handbook of Queensland
# Geology*, nla.obj-409636148 in shared/real/, raw lines 2222-2224 and 2237)
SYMBOL_NOTE_PAGE = [
    "The divisions correspond most accurately with the classification of the New South Wales "
    "Coalfields, as worked out by Mr. Wilkinson. * The Queensland Upper Series corresponds.",
    "* Mines and Mineral Statistics of New South Wales, 1875, p. 129.",
]
HEADING_NOISE = [
    "| CHAPTER I. The First Acts . . . . | 30 |",
    "-THE FIRST ACTS",
    "The First - Acts",
    "The words . . . went on, and an inter- national agreement was signed.",
]

# a paragraph read from wrapped lines ending on a nearly full line, and the next printed line opening
# with the marker of a note at the page foot (``17 That Eyre``)
LINE_START_MARKER_BLOCKS = [
    Block(
        "the water shallow and the bottom sound.",
        9001,
        9001,
        page_break_before=True,
        extra={"past_measure": -2.0},
    ),
    Block("17 That Eyre had missed the crossing.", 9002, 9002),
    Block("17 Babbage\u2019s reports are printed in the S.A. Register.", 9003, 9003, kind="note"),
    Block("18 The immediate result was a police station.", 9004, 9004, kind="note"),
]
# a paragraph read from wrapped lines, a word cut at a line end with its hyphen lost (after *The Hun's
# Peace Bludgeon*, nla.obj-37674351 in shared/real/, raw lines 829-830)
CUT_LINES = ("order to be able to manipu", "late prices at will.")
CUT_WORD_BLOCKS = [
    Block(
        " ".join(CUT_LINES),
        9201,
        9202,
        extra={"line_starts": [{"line": 9202, "offset": len(CUT_LINES[0]) + 1}]},
    )
]
# a page of structured OCR whose notes the geometry placed, their markers read as marks
PLACED = {"placed": "footnotes by their place and type at the page's foot"}
PLACED_NOTE_BLOCKS = [
    Block("The crossing was missed.* The station was built.° It stood.", 9101, 9101, page_break_before=True),
    Block("1. Eyre's journal.", 9102, 9102, kind="note", extra=PLACED),
    Block("2. The Register.", 9103, 9103, kind="note", extra=PLACED),
]


def test_the_registry_lists_every_repair_in_the_order_they_run() -> None:
    """Every function of the repair package's modules shaped as a repair is registered, in order."""
    assert [repair.__name__ for repair in REPAIRS] == REPAIR_ORDER
    assert (*STRUCTURAL_REPAIRS, typesetting.typeset_blocks) == REPAIRS
    modules = [
        importlib.import_module(f"pipeline.repair.{found.name}")
        for found in pkgutil.iter_modules(repair_package.__path__)
        if found.name != "__main__"  # (it runs the stage)
    ]
    repairs = {
        name
        for module in modules
        for name, value in vars(module).items()
        if inspect.isfunction(value)
        and value.__module__ == module.__name__
        and list(inspect.signature(value).parameters) == ["blocks", "context"]
    }
    assert repairs == set(REPAIR_ORDER)


def test_each_repair_returns_its_blocks_and_its_changes_with_their_explanations() -> None:
    convention = Convention("registry", chapters=2, running_heads="with-number", page_numbers="in-head")
    text = generate(Convention(**{**vars(convention), "markers": "digits"})).text
    text += "\n\n" + generate(Convention(**{**vars(convention), "continued_notes": True})).text
    text += "\n\n" + "\n\n".join(HEADING_NOISE + SYMBOL_NOTE_PAGE) + "\n"
    context = RepairContext(BookVocabulary.from_texts([text]))
    blocks = split_blocks(text) + LINE_START_MARKER_BLOCKS + PLACED_NOTE_BLOCKS + CUT_WORD_BLOCKS
    for step in REPAIRS:
        result = step(blocks, context)
        assert isinstance(result, Repaired) and all(isinstance(block, Block) for block in result.blocks)
        rules = {step.__name__, *OTHER_RULES.get(step.__name__, set())}
        if step is not classify_note_blocks:  # (it says what it found in the blocks' kinds)
            assert result.changes, f"{step.__name__} changed nothing"
        for change in result.changes:
            assert change.stage == "repair" and change.rule in rules and change.explanation, change
            assert change.before != change.after
        blocks = result.blocks
    assert sum(block.kind == "note" for block in blocks) > 0


# --- the command line ---------------------------------------------------------------------------------


def test_command_line_writes_repaired_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "normalised.txt"
    source.write_text(
        book(
            (
                214,
                "Thus, Soviet socialist foreign policy rests on the power of the Soviet state […] national",
            ),
            (216, "liberation movement."),
        ),
        encoding="utf-8",
    )
    names = ("repaired.json", "c.jsonl", "r.jsonl", "input.json")
    output, changes, review, read = (tmp_path / "out" / name for name in names)
    options = ["--output", str(output), "--changes", str(changes), "--review", str(review)]
    assert main(["--input", str(source), *options, "--input-evidence", str(read)]) == 0
    data = json.loads(output.read_text(encoding="utf-8"))
    assert list(data) == ["blocks"]
    assert json.loads(read.read_text(encoding="utf-8"))["reader"] == "paragraph_lines"
    assert data["blocks"][0]["first_line"] == 214 and data["blocks"][0]["last_line"] == 216
    assert [(change.stage, change.rule) for change in read_log(changes, Change)] == [
        ("repair", "rejoin_page_breaks")
    ]
    assert read_log(review, Review) == []
    assert "[repair] 1 blocks (0 notes, 1 page-break joins)" in capsys.readouterr().err


def test_command_line_reports_a_missing_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "normalised.txt"
    logs = ["--changes", str(tmp_path / "c.jsonl"), "--review", str(tmp_path / "r.jsonl")]
    logs += ["--input-evidence", str(tmp_path / "input.json")]
    assert main(["--input", str(missing), "--output", str(tmp_path / "repaired.json"), *logs]) == 1
    assert f"error: {missing}: cannot read the file" in capsys.readouterr().err
    assert not (tmp_path / "repaired.json").exists()


# --- the whole book -----------------------------------------------------------------------------------


def read_book() -> str:
    """The first book as the pipeline sees it: through the normalise stage if there is one."""
    try:
        from pipeline.normalise import normalise_file
    except ImportError:
        return RAW_BOOK.read_text(encoding="utf-8")
    return normalise_file(RAW_BOOK)[0]


WholeBook = tuple[str, list[Block], list[Change], list[Review]]


@pytest.fixture(scope="module")
def whole_book() -> WholeBook:
    text = read_book()
    blocks, changes, review = repair(text)
    return text, blocks, changes, review


@pytest.mark.slow
def test_whole_book_rejoins_its_page_breaks(whole_book: WholeBook) -> None:
    text, blocks, changes, _ = whole_book
    assert len(blocks) < len(split_blocks(text))
    assert sum(change.rule == "rejoin_page_breaks" for change in changes) > 300


@pytest.mark.slow
def test_whole_book_repair_is_idempotent(whole_book: WholeBook) -> None:
    _, blocks, _, _ = whole_book
    again, changes, _ = repair("\n\n".join(texts(blocks)))
    assert changes == []
    assert texts(again) == texts(blocks)
    assert kinds(again) == kinds(blocks)


@pytest.mark.slow
def test_whole_book_loses_no_word(whole_book: WholeBook) -> None:
    text, blocks, changes, _ = whole_book
    missing = Counter(WORD_RE.findall(text)) - Counter(WORD_RE.findall("\n".join(texts(blocks))))
    accounted = Counter(word for change in changes for word in WORD_RE.findall(change.before))
    assert {word: count for word, count in missing.items() if accounted[word] < count} == {}


@pytest.mark.slow
def test_whole_book_has_no_note_left_inside_running_text(whole_book: WholeBook) -> None:
    _, blocks, _, _ = whole_book
    for block, following in itertools.pairwise(blocks):
        assert block.kind == "note" or not re.match("[⁰¹²³⁴⁵⁶⁷⁸⁹]", block.text), block.first_line
        if block.kind == "note" and following.kind == "text":
            continued = re.match(r"[\"“(*]*[a-z]", following.text) and not re.match(
                r"[\"“]?[a-z]\) ", following.text
            )
            assert not continued, (
                f"line {following.first_line} continues the text before the note of line {block.first_line}"
            )


@pytest.mark.slow
def test_whole_book_keeps_raw_line_numbers(whole_book: WholeBook) -> None:
    text, blocks, _, review = whole_book
    lines = text.split("\n")
    plain_numbers = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
    for block in blocks:
        assert 1 <= block.first_line <= block.last_line <= len(lines)
        start = block.text.split("\n")[0][:20].strip().translate(plain_numbers)
        assert start in lines[block.first_line - 1].translate(plain_numbers)
    assert all(1 <= item.line <= len(lines) for item in review)


# --- the typographic pass -------------------------------------------------------------------------


def test_typography_is_the_last_pass_and_moves_page_break_offsets() -> None:
    # raw lines 340-342 (clipped): a paragraph cut by a page break, quotations and an ellipsis after it
    text = book(
        (340, "of a given country. In his writings Lenin gave a detailed analysis of when and under what"),
        (342, 'conditions... Lenin wrote: "The rule of capitalism is being undermined not because somebody"'),
    )
    blocks, changes, _ = repair_stage(text)
    assert texts(blocks) == [
        "of a given country. In his writings Lenin gave a detailed analysis of when and under what "
        "conditions\u2026 Lenin wrote: \u201cThe rule of capitalism is being undermined "
        "not because somebody\u201d"
    ]
    (page_break,) = blocks[0].extra["page_breaks"]
    assert blocks[0].text[page_break["offset"] :].startswith("conditions\u2026")
    typographic = [(c.rule, c.line) for c in changes if c.rule != "rejoin_page_breaks"]
    assert typographic == [("ellipsis", 342), ("curly_double_quotes", 342), ("curly_double_quotes", 342)]
    assert [c.rule for c in repair_stage(text, typeset=False)[1]] == ["rejoin_page_breaks"]
