"""The JSON Schemas of the intermediate files (``schemas/*.schema.json``), for checking a file.

Each schema's ``$id`` is ``urn:x-ocr-edition:schema:<name>``; they refer to one another by it
(a change record, a review record). ``metadata.json`` is the checked copy of ``raw/<book>.yaml``:
its schema is the metadata file's, ``pipeline/schemas/book-metadata.schema.json``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from referencing import Registry, Resource

SCHEMAS = Path(__file__).parent / "schemas"
INPUT_SCHEMAS = Path(__file__).parent.parent / "schemas"

# an intermediate file's name (as under build/<book>/) → its schema's name
FILE_SCHEMAS = {
    "metadata.json": "book-metadata",
    "geometry.json": "geometry",  # structured OCR only
    "normalise.changes.jsonl": "change",  # (each line)
    "repaired.json": "repaired",
    "repair.changes.jsonl": "change",  # (each line)
    "repair.review.jsonl": "review",  # (each line)
    "structure.json": "book",
    "structure.changes.jsonl": "change",  # (each line)
    "structure.review.jsonl": "review",  # (each line)
    "input.json": "input",
    "structure.evidence.json": "evidence",
    "corrected.json": "book",
    "correct.changes.jsonl": "change",  # (each line)
    "misreadings.json": "misreadings",
    "chronology.json": "chronology",  # build/<book>.chronology.json
    "changes.jsonl": "change",  # build/<book>.changes.jsonl, every stage's changes (each line)
}


def _load(path: Path) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


@cache
def _registry() -> Registry[Any]:
    schemas = [_load(path) for path in sorted(SCHEMAS.glob("*.schema.json"))]
    schemas.append(_load(INPUT_SCHEMAS / "book-metadata.schema.json"))
    return Registry().with_resources((schema["$id"], Resource.from_contents(schema)) for schema in schemas)


def validator(name: str) -> jsonschema.Draft202012Validator:
    """A validator for the schema ``urn:x-ocr-edition:schema:<name>`` (``book``, ``repaired`` …)."""
    registry = _registry()
    schema = registry.contents(f"urn:x-ocr-edition:schema:{name}")
    return jsonschema.Draft202012Validator(schema, registry=registry)


def problems(name: str, data: Any) -> list[str]:
    """Every way ``data`` differs from the schema ``name``: ``path: message``, empty when it is valid."""
    return [
        f"{'/'.join(str(step) for step in error.absolute_path) or '(root)'}: {error.message}"
        for error in validator(name).iter_errors(data)
    ]
