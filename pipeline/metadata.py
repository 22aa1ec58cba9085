"""A book's metadata: ``raw/<book>.yaml``, checked against ``schemas/book-metadata.schema.json``.

Every problem is reported as an :class:`InputError` naming the file, the field and, where the
YAML shows it, the line, e.g. ``raw/x.yaml:30: field 'year' must be an integer, got '19801'``.

Command line (the build's metadata check)::

    python -m pipeline.metadata --input raw/<book>.yaml --output build/<book>/metadata.json
"""

from __future__ import annotations

import argparse
import datetime
import difflib
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from pipeline.cli import exit_stage, run_stage
from pipeline.json_schema import schema_problems
from pipeline.model import InputError, read_stage_input, write_json

if TYPE_CHECKING:
    import jsonschema
    import yaml

    from pipeline.yaml_lines import YamlPath

SCHEMA_FILE = "book-metadata.schema.json"
NOT_BLANK = r"\S"  # the schema's pattern for text that must not be empty
TYPE_NAMES = {
    "string": "text",
    "integer": "an integer",
    "number": "a number",
    "array": "a list",
    "object": "a mapping (indented 'key: value' lines)",
    "boolean": "true or false",
}


@cache
def schema() -> dict[str, Any]:
    """The packaged JSON Schema (draft 2020-12) of the metadata."""
    text = resources.files("pipeline").joinpath("schemas", SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def describe(value: Any) -> str:
    """Show a YAML value the way the user wrote it, with a hint at its type where it helps."""
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads yes/no/true/false as a truth value: quote it)"
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, datetime.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return str(value)


def field_name(path: YamlPath) -> str:
    """``('original', 'title')`` → ``original.title``; ``('editors', 0)`` → ``editors[1]``."""
    name = ""
    for part in path:
        name += f"[{part + 1}]" if isinstance(part, int) else f".{part}" if name else str(part)
    return name


def explain(error: jsonschema.ValidationError) -> tuple[YamlPath, str]:
    """Turn a jsonschema error into (path of the offending field, message for an editor)."""
    path: YamlPath = tuple(error.absolute_path)
    field = f"field '{field_name(path)}'"
    kind = error.validator
    # (the stubs allow "unset" for these; an error from iter_errors always has them)
    expected: Any = error.validator_value
    instance: Any = error.instance
    schema: dict[str, Any] = cast(dict[str, Any], error.schema)
    if kind == "required":
        missing = next(name for name in expected if name not in instance)
        return path, f"missing required field '{field_name((*path, missing))}'"
    if kind == "anyOf" and all(list(option) == ["required"] for option in expected):
        names = " or ".join(
            f"'{field_name((*path, name))}'" for option in expected for name in option["required"]
        )
        return path, f"missing required field {names} (at least one of them)"
    if kind == "additionalProperties":
        known = schema.get("properties", {})
        extra = sorted(str(name) for name in instance if name not in known)
        guesses = [match for name in extra for match in difflib.get_close_matches(name, list(known), n=1)]
        names = ", ".join(f"'{field_name((*path, name))}'" for name in extra)
        hint = (
            f"did you mean '{guesses[0]}'?"
            if len(guesses) == 1 == len(extra)
            else f"allowed: {', '.join(known)}"
        )
        return (*path, extra[0]), f"unknown field {names} ({hint})"
    if kind == "type":
        return path, f"{field} must be {TYPE_NAMES[expected]}, got {describe(error.instance)}"
    if kind == "pattern" and expected == NOT_BLANK:
        return path, f"{field} must not be empty"
    if kind in ("pattern", "anyOf"):
        return path, f"{field} must be {schema['description']}, got {describe(error.instance)}"
    if kind == "minItems":
        return path, f"{field} must list at least one name"
    if kind in ("minimum", "maximum"):
        bound = "at least" if kind == "minimum" else "at most"
        return path, f"{field} must be {bound} {expected}, got {describe(error.instance)}"
    return path, f"{field}: {error.message}"


def duplicate_keys(node: yaml.Node, path: YamlPath = ()) -> list[tuple[int, str]]:
    """(line, message) for every key written twice in a mapping (YAML silently keeps the last)."""
    import yaml  # (as in :func:`parse`)

    problems: list[tuple[int, str]] = []
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                continue
            line = key.start_mark.line + 1
            if key.value in seen:
                name = field_name((*path, key.value))
                problems.append(
                    (line, f"field '{name}' is written twice (lines {seen[key.value]} and {line})")
                )
            seen.setdefault(key.value, line)
            problems += duplicate_keys(value, (*path, key.value))
    return problems


def parse(text: str, path: str) -> tuple[Any, yaml.Node | None]:
    """Parse YAML ``text`` into data and its node tree (for line numbers)."""
    import yaml  # (15 ms to import: the stages reading the checked copy, metadata.json, never need it)

    from pipeline.yaml_lines import AliasLimitError, load

    try:
        data, node = load(text)
    except AliasLimitError as error:
        raise InputError(path, f"refused: {error.problem}", error.line) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f" (column {mark.column + 1})" if mark else ""
        if error.context and error.context_mark:
            where += f", {error.context} started on line {error.context_mark.line + 1}"
        problem = error.problem or error.context
        raise InputError(
            path, f"YAML syntax error: {problem}{where}", mark.line + 1 if mark else None
        ) from None
    except yaml.YAMLError as error:
        raise InputError(path, f"YAML syntax error: {error}") from None
    return data, node


def validate(data: Any, node: yaml.Node, path: str) -> None:
    """Raise one :class:`InputError` listing every problem of the metadata ``data``."""
    from pipeline.yaml_lines import key_line

    problems: list[tuple[int | None, str]] = [*duplicate_keys(node)]
    for error in schema_problems(schema(), data):
        field, message = explain(error)
        problems.append((key_line(node, field), message))
    problems.sort(key=lambda problem: problem[0] or 0)
    if len(problems) == 1:
        line, message = problems[0]
        raise InputError(path, message, line)
    if problems:
        listing = "".join(
            f"\n  {path}:{line}: {message}" if line else f"\n  {path}: {message}"
            for line, message in problems
        )
        raise InputError(path, f"{len(problems)} problems in the metadata:{listing}")


def load_metadata(path: str | Path) -> dict[str, Any]:
    """Load ``raw/<book>.yaml`` and check it against the schema; raise :class:`InputError` if it is wrong.

    The checked copy the build writes, ``build/<book>/metadata.json``, is read as it is.
    """
    name = str(path)
    if Path(path).suffix == ".json":
        return read_stage_input(path, "metadata")
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(
            name,
            "metadata file not found: every book in raw/ (text, OCR files or scans) needs a raw/<book>.yaml",
        ) from None
    except UnicodeDecodeError as error:
        raise InputError(
            name, f"not valid UTF-8 (byte offset {error.start}): save the file as UTF-8"
        ) from None
    except OSError as error:
        raise InputError(name, f"cannot read the file: {error.strerror}") from None
    data, node = parse(text, name)
    if node is None:
        raise InputError(name, "the metadata file is empty: see README.md for the fields to write")
    if not isinstance(data, dict):
        raise InputError(name, f"expected a mapping of fields ('title: …' lines), got {describe(data)}", 1)
    validate(data, node, name)
    return data


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input", required=True, help="the book's metadata, raw/<book>.yaml")
    parser.add_argument(
        "--output", required=True, help="the checked metadata as JSON, build/<book>/metadata.json"
    )


def _work(args: argparse.Namespace) -> str:
    metadata = load_metadata(args.input)
    write_json(args.output, json.loads(json.dumps(metadata, default=str)))  # (YAML may hold dates)
    volume = [f"volume {metadata['volume']}"] if "volume" in metadata else []
    return f"{args.input}: valid ({', '.join([metadata['title'], *volume, str(metadata['year'])])})"


def main(argv: list[str] | None = None) -> int:
    return run_stage("metadata", _configure, _work, argv)


if __name__ == "__main__":
    exit_stage(main())
