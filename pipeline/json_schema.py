"""A document checked against a JSON Schema (draft 2020-12): at once where it is valid, each of its
problems explained where it is not.

Two libraries, each for what it does best: jsonschema-rs tells whether a document is valid (its
import and a schema's compiling take about 15 ms), and jsonschema lists a document's problems with
what an editor's message is made of (the keyword, its value, the place), but takes 40 ms to
import. The metadata check and the correct stage (a book's corrections file) check a file on every
build, mostly a valid one: only a file with problems pays for importing jsonschema.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jsonschema


def schema_problems(schema: dict[str, Any], data: Any) -> Iterator[jsonschema.ValidationError]:
    """jsonschema's errors of ``data`` against ``schema``: none, jsonschema not imported, where
    jsonschema-rs finds ``data`` valid (a value JSON has no type for, such as a YAML date, is left
    to jsonschema)."""
    import jsonschema_rs

    try:
        if jsonschema_rs.Draft202012Validator(schema).is_valid(data):
            return iter(())
    except ValueError:  # (a value jsonschema-rs cannot read: jsonschema decides)
        pass
    import jsonschema

    return jsonschema.Draft202012Validator(schema).iter_errors(data)
