"""Book metadata: the real file validates; every problem names the file, the field and the line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from edition_samples import SINGLE_AUTHOR, single_author_metadata

from pipeline import metadata
from pipeline.metadata import load_metadata, schema
from pipeline.model import InputError


@pytest.fixture
def write_yaml(tmp_path: Path, raw_metadata: Path):
    """Write a variant of the real metadata: ``edit(text) -> text``; returns the new file's path."""

    def write(edit=lambda text: text) -> Path:
        path = tmp_path / "raw" / "x.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(edit(raw_metadata.read_text(encoding="utf-8")), encoding="utf-8")
        return path

    return write


def line_of(path: Path, start: str) -> int:
    """The 1-based number of the first line of ``path`` that starts with ``start``."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, start=1) if line.startswith(start))


def problem(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        load_metadata(path)
    return str(caught.value)


def test_schema_is_packaged_and_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_real_metadata_validates(raw_metadata: Path) -> None:
    data = load_metadata(raw_metadata)
    assert data["title"] == "Soviet Foreign Policy"
    assert data["year"] == 1981 and data["language"] == "en"
    assert data["original"]["language"] == "ru"
    assert data["editors"] == ["A. A. Gromyko", "B. N. Ponomarev"]


def test_missing_field(write_yaml) -> None:
    path = write_yaml(lambda text: text.replace("publisher: Progress Publishers\n", ""))
    assert problem(path) == f"{path}: missing required field 'publisher'"


def test_missing_nested_field_points_at_its_parent(write_yaml) -> None:
    path = write_yaml(lambda text: text.replace("  language: ru\n", ""))
    assert problem(path) == f"{path}:{line_of(path, 'original:')}: missing required field 'original.language'"


def test_year_as_text(write_yaml) -> None:
    path = write_yaml(lambda text: text.replace("year: 1981", "year: '19801'"))
    assert problem(path) == f"{path}:{line_of(path, 'year:')}: field 'year' must be an integer, got '19801'"


def test_year_out_of_range(write_yaml) -> None:
    path = write_yaml(lambda text: text.replace("year: 1981", "year: 19801"))
    assert problem(path) == f"{path}:{line_of(path, 'year:')}: field 'year' must be at most 2100, got 19801"


def test_language_must_be_a_bcp47_code(write_yaml) -> None:
    path = write_yaml(lambda text: text.replace("language: en", "language: English"))
    assert problem(path) == (
        f"{path}:{line_of(path, 'language:')}: field 'language' must be a BCP 47 language tag"
        " such as 'en', 'ru' or 'de-AT', got 'English'"
    )


def test_yaml_truth_value_gets_a_hint(write_yaml) -> None:
    path = write_yaml(lambda text: text.replace("  language: ru", "  language: no"))
    assert problem(path) == (
        f"{path}:{line_of(path, '  language:')}: field 'original.language' must be text, got false "
        "(YAML reads yes/no/true/false as a truth value: quote it)"
    )


def test_list_item_of_wrong_type(write_yaml) -> None:
    path = write_yaml(lambda text: text.replace("  - B. N. Ponomarev", "  - 7"))
    assert problem(path) == f"{path}:{line_of(path, '  - 7')}: field 'editors[2]' must be text, got 7"


def test_misspelt_field_gets_a_suggestion(write_yaml) -> None:
    path = write_yaml(lambda text: text.replace("designer:", "desginer:"))
    assert (
        problem(path)
        == f"{path}:{line_of(path, 'desginer:')}: unknown field 'desginer' (did you mean 'designer'?)"
    )


def test_several_problems_are_listed_together(write_yaml) -> None:
    path = write_yaml(lambda text: text.replace("place: Moscow\n", "").replace("volume: I", "volume: ''"))
    assert problem(path) == (
        f"{path}: 2 problems in the metadata:\n"
        f"  {path}: missing required field 'place'\n"
        f"  {path}:{line_of(path, 'volume:')}: field 'volume' must be a volume number as printed,"
        " e.g. I or 2, got ''"
    )


def test_duplicate_field(write_yaml) -> None:
    path = write_yaml(lambda text: text + "title: Another Title\n")
    first, last = line_of(path, "title:"), len(path.read_text(encoding="utf-8").split("\n")) - 1
    assert problem(path) == f"{path}:{last}: field 'title' is written twice (lines {first} and {last})"


def test_yaml_syntax_error_names_the_line(write_yaml) -> None:
    path = write_yaml(lambda text: text.replace("period: 1917-1945", "period: [1917-1945"))
    message = problem(path)
    period = line_of(path, "period:")
    assert message.startswith(f"{path}:{period + 1}: YAML syntax error: expected ',' or ']'")
    assert f"flow sequence started on line {period}" in message


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("# only a comment\n", encoding="utf-8")
    assert problem(path) == f"{path}: the metadata file is empty: see README.md for the fields to write"


def test_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("- title\n- year\n", encoding="utf-8")
    assert problem(path) == f"{path}:1: expected a mapping of fields ('title: …' lines), got a list"


def test_missing_file(tmp_path: Path) -> None:
    assert "metadata file not found" in problem(tmp_path / "x.yaml")


def test_single_author_book_needs_no_editors_volume_period_or_original(tmp_path: Path) -> None:
    data = single_author_metadata(tmp_path)
    assert data["authors"] == ["William James"]
    assert not {"editors", "volume", "period", "original", "contributors"} & set(data)


def test_cli_summary_of_a_book_without_volume(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "essays.yaml"
    source.write_text(SINGLE_AUTHOR, encoding="utf-8")
    assert metadata.main(["--input", str(source), "--output", str(tmp_path / "metadata.json")]) == 0
    assert capsys.readouterr().err == f"[metadata] {source}: valid (Essays in Radical Empiricism, 1912)\n"


def test_readme_shows_the_single_author_example(repo_root: Path) -> None:
    assert f"```yaml\n{SINGLE_AUTHOR}```" in (repo_root / "README.md").read_text(encoding="utf-8")


def test_translators_and_series_are_optional_lists_and_text(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(SINGLE_AUTHOR + "translators: [A. Translator]\nseries: Library of Philosophy\n")
    data = load_metadata(path)
    assert (data["translators"], data["series"]) == (["A. Translator"], "Library of Philosophy")


def test_book_without_authors_or_editors_is_refused(write_yaml) -> None:
    path = write_yaml(lambda text: re.sub(r"^editors:\n(  - .*\n)+", "", text, flags=re.MULTILINE))
    assert problem(path) == f"{path}: missing required field 'authors' or 'editors' (at least one of them)"


def test_empty_authors_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(SINGLE_AUTHOR.replace("authors:\n  - William James", "authors: []"), encoding="utf-8")
    assert problem(path) == f"{path}:2: field 'authors' must list at least one name"


def test_original_needs_its_title_and_language_only_when_given(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(SINGLE_AUTHOR + "original:\n  language: de\n", encoding="utf-8")
    assert problem(path) == f"{path}:8: missing required field 'original.title'"


def test_layout_settings(write_yaml) -> None:
    layout = "layout:\n  running_heads: [SOVIET FOREIGN POLICY]\n  page_numbers: foot\n"
    path = write_yaml(lambda text: text + layout)
    expected = {"running_heads": ["SOVIET FOREIGN POLICY"], "page_numbers": "foot"}
    assert load_metadata(path)["layout"] == expected


def test_unknown_layout_setting_is_refused(write_yaml) -> None:
    path = write_yaml(lambda text: text + "layout:\n  note_numbering: per-section\n")
    assert "note_numbering" in problem(path)


def test_cli_writes_checked_json(write_yaml, tmp_path: Path) -> None:
    output = tmp_path / "build" / "x" / "metadata.json"
    assert metadata.main(["--input", str(write_yaml()), "--output", str(output)]) == 0
    assert json.loads(output.read_text(encoding="utf-8"))["publisher"] == "Progress Publishers"


def test_later_stages_read_the_checked_copy(write_yaml, tmp_path: Path) -> None:
    source = write_yaml()
    output = tmp_path / "build" / "x" / "metadata.json"
    assert metadata.main(["--input", str(source), "--output", str(output)]) == 0
    assert load_metadata(output) == json.loads(json.dumps(load_metadata(source), default=str))


def test_cli_reports_problem_and_writes_nothing(
    write_yaml, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_yaml(lambda text: text.replace("year: 1981", "year: '1981'"))
    output = tmp_path / "build" / "metadata.json"
    assert metadata.main(["--input", str(path), "--output", str(output)]) == 1
    assert (
        capsys.readouterr().err
        == f"error: {path}:{line_of(path, 'year:')}: field 'year' must be an integer, got '1981'\n"
    )
    assert not output.exists()
