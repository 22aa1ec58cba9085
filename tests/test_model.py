"""The typed data between the stages: records, blocks, the book's tree, its walk and its schema."""

from __future__ import annotations

import json
import tempfile
from dataclasses import fields, replace
from pathlib import Path

import pytest
from edition_samples import structure
from hypothesis import given
from hypothesis import strategies as st

from pipeline.model import (
    Block,
    Book,
    Change,
    ContentsCheck,
    ContentsDifference,
    Correction,
    Dating,
    FormatError,
    InputError,
    ListItem,
    Note,
    NoteRef,
    PageBreak,
    PageBreaks,
    PageSpan,
    PrintedDate,
    Review,
    StructureEvidence,
    changed_span,
    loads_json,
    parts_of,
    read_evidence,
    read_json,
    read_log,
    walk,
    write_evidence,
    write_json,
    write_log,
)
from pipeline.model.geometry import Box, PrintedLine
from pipeline.model.schema import problems


def test_a_change_record_holds_every_field() -> None:
    # raw line 468 of soviet-foreign-policy-vol1.txt, joined with the next page's first word
    change = Change("repair", "rejoin_page_breaks", 468, "proposi-", "propositions", "joined")
    assert list(change.to_dict()) == [field.name for field in fields(Change)]
    assert Change(**change.to_dict()) == change


def test_block_and_review_records_hold_every_field() -> None:
    # raw lines 468-470: a page's last paragraph, then the page break
    block = Block("This definition of annexation contains a number of basic proposi-", 468, 468)
    assert list(block.to_dict()) == [field.name for field in fields(Block) if field.name != "extra"]
    broken = Block(block.text, 468, 470, extra={"page_breaks": [{"offset": 66}]})
    data = broken.to_dict()
    assert list(data) == [field.name for field in fields(Block)] and Block.from_dict(data) == broken
    data["extra"]["page_breaks"][0]["offset"] = 0  # a copy: the block is not changed
    assert broken.extra["page_breaks"][0]["offset"] == 66
    review = Review("rejoin_page_breaks", 468, "proposi-", "no evidence either way")
    assert list(review.to_dict()) == [field.name for field in fields(Review)]


def test_the_raw_line_of_an_offset_counts_from_the_last_place_before_it() -> None:
    # a paragraph of lines 468-469 joined across a page break with line 474, and a note continued
    # at line 480: each offset is on the raw line of the last place before it
    text = "basic proposi-\ntions of the treaty\nand so on\nthe note goes on\nhere"
    joined, note = text.index("and"), text.index("the note")
    block = Block(text, 468, 481, extra={"continued_at": [{"line": 480, "offset": note}]})
    block.extra["page_breaks"] = [{"line": 474, "offset": joined, "in_word": False}]
    assert [block.raw_line(text.index(word)) for word in ("basic", "tions", "and", "the note", "here")] == [
        468,
        469,
        474,
        480,
        481,
    ]


def _span_letter_by_letter(before: str, after: str) -> tuple[int, int]:
    """What :func:`changed_span` computes, the plain way: common prefix, then common suffix."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return start, end


def test_changed_span_of_real_changes() -> None:
    # raw line 468 (a page-break join) and a curled quotation mark
    assert changed_span("proposi-", "propositions") == (7, 0)
    assert changed_span('the "peace" decree', "the \u201cpeace\u201d decree") == (4, 7)
    assert changed_span("aa", "aaa") == (2, 0)  # the suffix never overlaps the prefix
    assert changed_span("same", "same") == (4, 0)


@given(st.text(alphabet="ab\u201c ", max_size=12), st.text(alphabet="ab\u201c ", max_size=12))
def test_changed_span_is_the_common_prefix_and_the_rest_s_common_suffix(before: str, after: str) -> None:
    assert changed_span(before, after) == _span_letter_by_letter(before, after)


# --- the book's tree -------------------------------------------------------------------------------

# raw lines 8488-8489 of the first book: a chronology entry with its printed date, a page break
# inside it, the editor's correction and a note's anchor (one of each inline part)
ENTRY = {
    "first_line": 8488,
    "parts": [
        {"date": {"text": "16\u201317 *December*", "from": "1941-12-16", "to": "1941-12-17"}},
        "\u2014Anglo-Soviet negotiations in ",
        {"pb": "470", "line": 8489, "evidence": "cut", "printed": True},
        "Moscow (",
        {"sic": "Iden\u2019s", "corr": "Eden\u2019s", "resp": "editor"},
        " mission).",
        {"note": "chron-n1"},
    ],
    "date": {"from": "1941-12-16", "to": "1941-12-17"},
}


def _exact(data: object) -> str:
    """The JSON text as the stages write it (so key order counts)."""
    return json.dumps(data, ensure_ascii=False, indent=1)


def test_inline_parts_are_typed_and_written_back_exactly() -> None:
    entry = ListItem.from_json(ENTRY)
    dating = Dating(start="1941-12-16", end="1941-12-17")
    assert entry.date == dating
    assert entry.parts == [
        PrintedDate("16\u201317 *December*", dating),
        "\u2014Anglo-Soviet negotiations in ",
        PageBreak("470", 8489, "cut", printed=True),
        "Moscow (",
        Correction("Iden\u2019s", "Eden\u2019s", "editor"),
        " mission).",
        NoteRef("chron-n1"),
    ]
    assert _exact(entry.to_json()) == _exact(ENTRY)


def test_a_notes_text_is_a_string_until_corrected() -> None:
    # raw line 8490: the chronology's note, then with a (made-up) correction in it
    plain = {"id": "chron-n1", "n": "1", "first_line": 8490, "text": "Dates of events … Old Style."}
    note = Note.from_json(plain)
    assert note.parts == ["Dates of events … Old Style."] and _exact(note.to_json()) == _exact(plain)
    note.parts = ["Dates of ", Correction("evnets", "events", "editor"), " … Old Style."]
    assert note.to_json()["text"][1] == {"sic": "evnets", "corr": "events", "resp": "editor"}
    unlinked = {**plain, "text": "", "unlinked": True}
    assert _exact(Note.from_json(unlinked).to_json()) == _exact(unlinked)


def test_the_sample_book_round_trips_and_matches_its_schema() -> None:
    sample = structure()
    assert problems("book", sample) == []
    assert Book.from_json(sample).to_json() == sample


def test_a_figure_round_trips_and_matches_its_schema() -> None:
    """A plate's caption: its title's lines and its credit lines (left out when it has none)."""
    sample = structure()
    sample["divisions"][1]["content"] += [
        {"type": "figure", "first_line": 3209, "head": ["KILLRUDDERY"], "credit": ["(From a photograph)"]},
        {"type": "figure", "first_line": 1847, "head": ["MAP OF CRIOCH CUALANN"]},
    ]
    assert problems("book", sample) == []
    assert Book.from_json(sample).to_json() == sample
    sample["divisions"][1]["content"][-1]["head"] = []
    assert problems("book", sample)


def test_a_tree_of_another_shape_is_refused() -> None:
    sample = structure()
    sample["divisions"][1]["content"].append({"type": "table", "first_line": 1190})
    with pytest.raises(FormatError, match="unknown item type 'table'") as error:
        Book.from_json(sample)
    assert error.value.line == 1190
    assert any(
        "is not valid under any of the given schemas" in problem for problem in problems("book", sample)
    )
    sample = structure()
    sample["divisions"][1]["content"][0]["parts"].append({"anchor": "ch03-n1"})
    with pytest.raises(FormatError, match="unknown part"):
        Book.from_json(sample)
    del sample["contents"]
    with pytest.raises(FormatError, match="not a book's tree"):
        Book.from_json(sample)
    assert "(root): 'contents' is a required property" in problems("book", sample)


def test_the_walk_visits_the_tree_in_document_order() -> None:
    book = Book.from_json(structure())
    visited = [
        getattr(node, "id", None) or f"{type(node).__name__}@{getattr(node, 'first_line', '')}"
        for node in walk(book)
    ]
    assert visited[:3] == ["Paragraph@3", "Paragraph@5", "Paragraph@7"]
    intro = visited.index("intro")
    assert visited[intro:] == [
        "intro",
        "Paragraph@192",
        "Separator@200",
        "intro-n1",
        "ch03",
        "Paragraph@1180",
        "Paragraph@1182",
        "ch03-s1",
        "Paragraph@1202",
        "ch03-n1",
        "ch03-n2",
        "ch03-n3",
        "chron",
        "Heading@8087",
        "ItemList@8089",
        "ListItem@8089",
        "ListItem@8090",
        "Heading@8107",
        "ItemList@8109",
        "ListItem@8109",
        "chron-n1",
        "Heading@8610",
        "Paragraph@8612",
    ]
    anchors = [part for node in walk(book) for part in parts_of(node) if isinstance(part, NoteRef)]
    assert [anchor.note for anchor in anchors] == ["intro-n1", "ch03-n1", "ch03-n2", "ch03-n3"]


def test_change_records_match_their_schema() -> None:
    change = Change("repair", "rejoin_page_breaks", 468, "proposi-", "propositions", "joined")
    assert problems("change", change.to_dict()) == []
    assert problems("change", {**change.to_dict(), "line": "468"}) == ["line: '468' is not of type 'integer'"]
    with pytest.raises(FormatError, match="not a change record"):
        Change.from_dict({**change.to_dict(), "line": "468"})


def test_a_stage_log_is_written_and_read_the_same_way_for_changes_and_review(tmp_path: Path) -> None:
    # raw lines 468 and 2169 of the first book
    changes = [
        Change("repair", "rejoin_page_breaks", 468, "proposi-", "propositions", "joined \u2192 one word")
    ]
    review = [Review("rejoin_page_breaks", 2169, "peace |\nthe", "no evidence either way")]
    write_log(tmp_path / "repair.changes.jsonl", changes)
    write_log(tmp_path / "repair.review.jsonl", review)
    assert read_log(tmp_path / "repair.changes.jsonl", Change) == changes
    assert read_log(tmp_path / "repair.review.jsonl", Review) == review
    lines = (tmp_path / "repair.review.jsonl").read_text(encoding="utf-8").splitlines()
    assert [problems("review", json.loads(line)) for line in lines] == [[]]
    assert "\u2192" in (tmp_path / "repair.changes.jsonl").read_text(encoding="utf-8")  # UTF-8, not escaped
    with pytest.raises(InputError, match=r"repair\.changes\.jsonl:1: not a review record"):
        read_log(tmp_path / "repair.changes.jsonl", Review)


def test_the_structure_evidence_round_trips_and_matches_its_schema(tmp_path: Path) -> None:
    # the first book's page table, first span (raw lines 184 and 436), and one layout convention
    span = PageSpan("Introduction", 9, 184, "CHAPTER I", 30, 436, 21, 21, 20, True)
    evidence = StructureEvidence(
        [Review("layout_notes", 194, "note numbering: division", "1189 notes")],
        ContentsCheck(101, 100, [ContentsDifference(200, "Chronology", "heading not found in the text")]),
        PageBreaks(488, 21, [span]),
    )
    assert problems("evidence", evidence.to_json()) == []
    write_evidence(tmp_path / "structure.evidence.json", evidence)
    assert read_evidence(tmp_path / "structure.evidence.json") == evidence
    write_json(tmp_path / "broken.json", {"conventions": [], "contents": {}})
    with pytest.raises(InputError, match="not the structure's evidence"):
        read_evidence(tmp_path / "broken.json")


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**64 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.dictionaries(st.text(), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(JSON_VALUES)
def test_a_stage_file_reads_back_as_it_was_written(value: object) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "value.json"
        write_json(path, value)
        assert read_json(path) == json.loads(json.dumps(value))  # (a tuple read back as a list)


@given(
    st.recursive(
        JSON_VALUES | st.floats() | st.text(alphabet=st.characters(codec=None)),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=20,
    )
)
def test_a_stage_file_is_read_as_json_reads_it(value: object) -> None:
    """orjson reads what it can, json the rest (``NaN``, infinity, lone surrogates): any text json
    writes of values a stage writes (integers of 64 bits at most, :func:`write_json`) is read as json
    reads it; a broken one fails with json's own error."""
    text = json.dumps(value)
    assert json.dumps(loads_json(text)) == text
    with pytest.raises(json.JSONDecodeError) as orjson_error:
        loads_json("[" + text)
    with pytest.raises(json.JSONDecodeError) as json_error:
        json.loads("[" + text)
    assert str(orjson_error.value) == str(json_error.value)


def test_a_stage_file_is_indented_its_text_as_written_and_what_json_cannot_hold_is_refused(
    tmp_path: Path,
) -> None:
    path = tmp_path / "value.json"
    value = {"title": "Внешняя политика «Правды»", "pages": [1, 2.5], 7: None, "notes": {}}
    write_json(path, value)
    text = path.read_text(encoding="utf-8")
    assert text == (
        '{\n  "title": "Внешняя политика «Правды»",\n  "pages": [\n    1,\n    2.5\n  ],\n'
        '  "7": null,\n  "notes": {}\n}\n'
    )
    for refused in ({(1, 2): 3}, [object()], {"a": {1}}, [2**64]):
        with pytest.raises(TypeError):
            write_json(path, refused)
        assert path.read_text(encoding="utf-8") == text  # (no half-written file)


def test_a_printed_line_read_or_numbered_is_the_one_its_fields_make() -> None:
    made = PrintedLine(3, "Moscow, 1917", Box(1.0, 2.0, 30.0, 12.0), 10.0, 11.5, "ocr_header", (0.9,), (6,))
    read = PrintedLine.from_json(json.loads(json.dumps(made.to_json())))
    assert read == made and hash(read) == hash(made) and repr(read) == repr(made)
    assert {field.name for field in fields(PrintedLine)} <= vars(read).keys()
    bare = PrintedLine.from_json({"line": 1, "text": "x", "box": [0, 0, 1, 1], "size": None})
    assert bare == PrintedLine(1, "x", Box(0, 0, 1, 1), None)
    words = (Box(1.0, 2.0, 9.0, 12.0),)
    numbered = replace(made, words=words).numbered(7)
    assert numbered == replace(made, line=7) and numbered.words == words
