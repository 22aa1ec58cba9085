"""A file checked against its JSON Schema (pipeline/json_schema.py): where jsonschema-rs finds a
metadata or corrections file valid, so does jsonschema, which explains the problems of the others;
a valid file is checked without importing jsonschema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.corrections import SCHEMA_PATH
from pipeline.json_schema import schema_problems
from pipeline.metadata import schema

REPO = Path(__file__).resolve().parents[1]
FIRST_BOOK = REPO / "raw" / "soviet-foreign-policy-vol1.yaml"
METADATA = yaml.safe_load(FIRST_BOOK.read_text(encoding="utf-8"))
CORRECTIONS_FILE = REPO / "raw" / "soviet-foreign-policy-vol1.corrections.yaml"
CORRECTIONS = yaml.safe_load(CORRECTIONS_FILE.read_text(encoding="utf-8"))
# (a draw is quick; one taken while the test process pauses, as a long run's does, is not its own)
ANY_SPEED = [HealthCheck.too_slow]
NAMES = st.lists(st.text(max_size=6), max_size=3)
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**5), 10**5),
    st.floats(allow_nan=False),
    st.text(max_size=8),
    st.sampled_from(["en", "ru", "en-GB", " ", "", "1981", "Moscow"]),
    NAMES,
    st.dictionaries(st.text(max_size=6), st.text(max_size=6), max_size=2),
)


def jsonschema_finds_valid(schema: dict[str, Any], data: Any) -> bool:
    return not list(jsonschema.Draft202012Validator(schema).iter_errors(data))


@settings(max_examples=400, suppress_health_check=ANY_SPEED)
@given(st.dictionaries(st.sampled_from([*schema()["properties"], "unknown"]), VALUES, max_size=3))
def test_a_metadata_file_valid_at_once_is_one_jsonschema_finds_valid(changes: dict[str, Any]) -> None:
    data = {**METADATA, **changes}
    problems = list(schema_problems(schema(), data))
    assert (not problems) == jsonschema_finds_valid(schema(), data)


@settings(max_examples=200, suppress_health_check=ANY_SPEED)
@given(st.sampled_from(["sic", "corr", "context", "resp", "note", "unknown"]), VALUES, st.booleans())
def test_a_corrections_file_valid_at_once_is_one_jsonschema_finds_valid(
    key: str, value: object, in_entry: bool
) -> None:
    corrections = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    data = json.loads(json.dumps(CORRECTIONS, default=str))
    if in_entry:
        data["corrections"][0][key] = value
    else:
        data[key] = value
    problems = list(schema_problems(corrections, data))
    assert (not problems) == jsonschema_finds_valid(corrections, data)


def test_a_valid_metadata_file_is_checked_without_jsonschema_and_an_invalid_one_with_it(
    tmp_path: Path,
) -> None:
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(FIRST_BOOK.read_text(encoding="utf-8").replace("year: 1981", "year: 19801"), "utf-8")
    check = (
        "import sys\nfrom pipeline.metadata import load_metadata\n"
        "try:\n    load_metadata(sys.argv[1])\nexcept Exception as error:\n    print(error)\n"
        "print('jsonschema' in sys.modules)\n"
    )
    for path, imported in ((FIRST_BOOK, "False"), (wrong, "True")):
        command = [sys.executable, "-c", check, str(path)]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        assert done.stdout.split("\n")[-2] == imported, done.stdout
    assert "field 'year' must be at most" in done.stdout
