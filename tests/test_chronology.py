"""The chronology: its entries dated in the tree, and the stage's CSV/JSON rows of the corrected book."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pipeline.chronology import entry_text, main
from pipeline.correct.command import main as correct_main
from pipeline.encode import encode_tei
from pipeline.metadata import load_metadata
from pipeline.model import Book, Correction, Dating, Heading, ItemList, ListItem, Paragraph, PrintedDate
from pipeline.normalise import main as normalise_main
from pipeline.readers.paragraph_lines import split_blocks
from pipeline.repair.command import main as repair_main
from pipeline.structure import build_structure
from pipeline.structure import main as structure_main

RAW = Path(__file__).resolve().parent.parent / "raw" / "soviet-foreign-policy-vol1.txt"
CORRECTIONS = RAW.with_name("soviet-foreign-policy-vol1.corrections.yaml")


def julian_offset(year: int) -> int:
    """Days the Gregorian calendar is ahead of the Julian in ``year`` (13 in 1900-2099)."""
    return year // 100 - year // 400 - 2


def test_julian_offset() -> None:
    assert julian_offset(1917) == 13
    assert julian_offset(1890) == 12


@pytest.fixture(scope="module")
def built_book_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole book's ``corrected.json``, through the stages' command lines."""
    folder = tmp_path_factory.mktemp("chronology")
    text, repaired = folder / "normalised.txt", folder / "repaired.json"
    structure, corrected = folder / "structure.json", folder / "corrected.json"

    def logs(stage: str, review: bool = True) -> list[str]:
        """The options naming the stage's logs."""
        changes = ["--changes", str(folder / f"{stage}.changes.jsonl")]
        return changes + (["--review", str(folder / f"{stage}.review.jsonl")] if review else [])

    assert normalise_main(["--input", str(RAW), "--output", str(text), *logs("normalise", review=False)]) == 0
    read = ["--input-evidence", str(folder / "input.json")]
    assert repair_main(["--input", str(text), "--output", str(repaired), *logs("repair"), *read]) == 0
    evidence = ["--evidence", str(folder / "structure.evidence.json")]
    assert (
        structure_main(["--input", str(repaired), "--output", str(structure), *logs("structure"), *evidence])
        == 0
    )
    arguments = ["--input", str(structure), "--text", str(text), "--corrections", str(CORRECTIONS)]
    arguments += ["--output", str(corrected), "--misreadings", str(folder / "misreadings.json")]
    assert correct_main([*arguments, *logs("correct", review=False)]) == 0
    return corrected


@pytest.mark.slow
def test_book_chronology_rows(built_book_tree: Path, tmp_path: Path) -> None:
    """Every row has a valid ISO date; dual dates differ by the Julian-Gregorian offset of the time."""
    csv_path, json_path = tmp_path / "c.csv", tmp_path / "c.json"
    assert main(["--input", str(built_book_tree), "--csv", str(csv_path), "--json", str(json_path)]) == 0
    rows = json.loads(json_path.read_text(encoding="utf-8"))
    with csv_path.open(encoding="utf-8") as handle:
        assert list(csv.DictReader(handle)) == rows
    assert len(rows) > 250
    iso = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")
    for row in rows:
        assert iso.match(row["date"]), row
        assert not row["end_date"] or (iso.match(row["end_date"]) and row["end_date"] >= row["date"]), row
        if row["old_style_date"]:
            new, old = date.fromisoformat(row["date"]), date.fromisoformat(row["old_style_date"])
            assert (new - old).days == julian_offset(old.year), row
    assert sum(1 for row in rows if row["old_style_date"]) >= 12
    assert any(row["text"].startswith("August—Soviet government issues appeal to Mongolian") for row in rows)


@pytest.mark.slow
def test_book_chronology_carries_the_editors_corrections(built_book_tree: Path, tmp_path: Path) -> None:
    """raw line 8488 prints "Iden's mission"; the corrections file reads it "Eden's" (context
    "(Iden's mission)"), and the chronology's CSV gives the corrected reading."""
    csv_path, json_path = tmp_path / "c.csv", tmp_path / "c.json"
    assert main(["--input", str(built_book_tree), "--csv", str(csv_path), "--json", str(json_path)]) == 0
    with csv_path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    mission = [row for row in rows if "Anglo-Soviet negotiations in Moscow" in row["text"]]
    assert [(row["date"], row["text"]) for row in mission] == [
        ("1941-12-16", "16\u201317 December—Anglo-Soviet negotiations in Moscow (Eden\u2019s mission).")
    ]
    assert not any("Iden" in row["text"] for row in rows)


def test_an_entrys_text_reads_the_correction() -> None:
    # raw line 8488, corrected as raw/soviet-foreign-policy-vol1.corrections.yaml says
    dating = Dating(start="1941-12-16", end="1941-12-17")
    entry = ListItem(
        8488,
        [
            PrintedDate("16\u201317 *December*", dating),
            "—Anglo-Soviet negotiations in Moscow (",
            Correction("Iden\u2019s", "Eden\u2019s", "editor"),
            " mission).",
        ],
        dating,
    )
    corrected = "16\u201317 December—Anglo-Soviet negotiations in Moscow (Eden\u2019s mission)."
    assert entry_text(entry) == corrected


def _chronology_structure() -> Book:
    # raw lines 72, 184-186, 8085-8107 (shortened), 8131-8136 and 8618-8624 (shortened): contents,
    # introduction, the chronology with its footnote, a run-together entry, the back matter
    text = """SOVIET FOREIGN POLICY

CONTENTS

| Introduction | 9 |
| CHRONOLOGY | 489 |

INTRODUCTION

The Great October Socialist Revolution ushered in a new era in the history of mankind.\
 Its foreign policy was new.

CHRONOLOGY¹

1917

- 25 *October (7 November)*—victory of the Great October Socialist Revolution.
- 9(22) *December-3 March 1918*—peace negotiations in Brest-Litovsk.

¹ Dates of events, which occurred prior to 31 January 1918, are given according to Old Style.

1919

- March*—William C. Bullitt's mission to Moscow.
- 25 *July*—Council of People's Commissars issues appeal to the Chinese people. \
August—Soviet government issues appeal to Mongolian government and people.

REQUEST TO READERS

Progress Publishers would be glad to have your opinion of this book, its translation and design.

This is the first volume of a two-volume *Soviet Foreign Policy 1917-1980*, covering the period."""
    blocks = split_blocks(text)
    for block in blocks:
        block.kind = "note" if block.text.startswith("¹") else "text"
    return build_structure(blocks).tree


def test_chronology_entries_are_dated_split_and_blurb_set_apart() -> None:
    tree = _chronology_structure()
    chronology = tree.divisions[1]
    entries = [entry for item in chronology.content if isinstance(item, ItemList) for entry in item.items]
    assert [entry.date for entry in entries] == [
        Dating(when="1917-11-07", when_custom="1917-10-25"),
        Dating(start="1917-12-22", end="1918-03-03", start_custom="1917-12-09"),
        Dating(when="1919-03"),
        Dating(when="1919-07-25"),
        Dating(when="1919-08"),
    ]
    assert entries[2].parts[0] == PrintedDate("March", Dating(when="1919-03"))
    assert chronology.notes[0].parts[0].startswith("Dates of events")
    assert [type(item) for item in tree.back] == [Heading, Paragraph, Paragraph]
    assert [item.division for item in tree.back[1:]] == [None, "blurb"]


@pytest.mark.slow
def test_events_and_title_page_are_valid_tei(raw_metadata: Path, tei_all: Any) -> None:
    root = encode_tei(_chronology_structure(), load_metadata(raw_metadata))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    events = root.findall(".//t:listEvent/t:event", ns)
    assert len(events) == 5
    assert events[0].get("datingMethod") == "#julian"
    assert (
        root.find(".//t:calendarDesc/t:calendar[@{http://www.w3.org/XML/1998/namespace}id='julian']", ns)
        is not None
    )
    assert (
        root.find(".//t:titlePage/t:docTitle/t:titlePart[@type='main']", ns).text == "SOVIET FOREIGN POLICY"
    )
    assert root.find(".//t:div[@type='blurb']", ns) is not None
    assert tei_all.validate(root), tei_all.error_log
