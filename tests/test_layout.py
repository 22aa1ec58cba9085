"""Layout settings from the metadata, and the note convention the QA report describes."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.layout import Layout, load_layout
from pipeline.model import Block, InputError, NoteRef, Paragraph
from pipeline.structure import build_structure
from pipeline.structure.notes import describe_notes


def test_no_metadata_means_infer_everything() -> None:
    assert load_layout(None) == Layout()


def test_the_first_book_gives_no_settings(raw_metadata: Path) -> None:
    layout = load_layout(raw_metadata)
    assert layout == Layout() and layout.furniture.running_heads == []


def test_settings_are_read_and_named_as_the_structure_names_them() -> None:
    metadata = {
        "layout": {"running_heads": ["HISTORY"], "page_numbers": "foot", "note_numbering": "per-page"}
    }
    layout = Layout.from_metadata(metadata)
    assert layout.note_numbering == "page"
    assert layout.furniture.running_heads == ["HISTORY"] and layout.furniture.page_numbers == "foot"
    assert Layout.from_metadata({"layout": {"note_numbering": "per-chapter"}}).note_numbering == "division"


def test_a_bad_setting_names_the_file(raw_metadata: Path, tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(raw_metadata.read_text(encoding="utf-8") + "layout:\n  page_numbers: middle\n")
    with pytest.raises(InputError, match="page_numbers"):
        load_layout(path)


def test_describe_notes() -> None:
    summary, evidence = describe_notes(["1", "2", "1", "2", "3", "1"], "page", inferred=True)
    assert summary == "note numbering: page; markers: numbers"
    assert "2 restarts" in evidence and "inferred" in evidence
    summary, evidence = describe_notes(["*", "†", "*", "21-22"], "division", inferred=False)
    assert "markers: symbols" in summary and "1 marker range" in summary
    assert "layout setting" in evidence


# Raw lines 438-472 of the first book, shortened: a chapter opening with notes ¹ and ², as repair leaves it.
CHAPTER = [
    Block("CHAPTER I", 438, 438),
    Block("THE FIRST FOREIGN POLICY ACTS OF THE SOVIET GOVERNMENT", 440, 440),
    Block(
        "On October 26 (November 8), 1917 the Second All-Russia Congress of Soviets adopted the Decree "
        'on Peace. "It will be an uphill fight. International imperialism is mobilising all its forces '
        'against us."¹ The Decree was addressed not only to the governments but also to the peoples.²',
        456,
        458,
    ),
    Block("¹ V. I. Lenin, *Collected Works*, Vol. 26, Moscow, 1964, p. 316.", 470, 470, "note"),
    Block("² *Ibid.*, p. 250.", 472, 472, "note"),
]


def test_note_numbering_setting_is_used_and_reported() -> None:
    inferred = build_structure(CHAPTER)
    given = build_structure(CHAPTER, Layout(note_numbering="page"))
    assert inferred.tree.note_numbering == "division" and given.tree.note_numbering == "page"
    for structured, how in ((inferred, "inferred"), (given, "layout setting")):
        notes = next(item for item in structured.conventions if item.rule == "layout_notes")
        assert how in notes.reason
        paragraph = structured.tree.divisions[0].content[0]
        assert isinstance(paragraph, Paragraph)
        assert [part for part in paragraph.parts if not isinstance(part, str)] == [
            NoteRef("ch01-n1"),
            NoteRef("ch01-n2"),
        ]
    headings = next(item for item in inferred.conventions if item.rule == "layout_headings")
    assert "CHAPTER (1)" in headings.text and "form alone" in headings.reason
