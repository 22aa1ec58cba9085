"""The editor's corrections file, ``raw/<book>.corrections.yaml``: read, checked against
``schemas/corrections.schema.json``, its strings typeset as the book's text is.

Read by the ``correct`` stage: its corrections, and its refusals of automatic ones. Errors name the
file and the entry's line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pipeline.json_schema import schema_problems
from pipeline.model import InputError
from pipeline.text.typography import typeset

DEFAULT_RESP = "editor"
SCHEMA_PATH = Path(__file__).parent / "schemas" / "corrections.schema.json"


@dataclass(frozen=True)
class CorrectionEntry:
    """One entry of a corrections file, with its strings typeset as the book's text is."""

    sic: str
    corr: str
    context: str
    resp: str
    note: str
    line: int  # line of the entry in the corrections file

    def refuses(self) -> bool:
        """An entry keeping the OCR's reading (``corr`` is ``sic``): it refuses an automatic correction."""
        return self.sic == self.corr

    def label(self) -> str:
        return f"correction {self.sic!r} → {self.corr!r} (context {self.context!r})"


@dataclass
class Corrections:
    """A book's corrections file: the responsible parties (id → name) and the entries."""

    responsible: dict[str, str]
    entries: list[CorrectionEntry]


def _typeset(text: str) -> str:
    return typeset(text)[0]


def load_corrections(path: str | Path) -> Corrections:
    """Read and check a corrections file; errors name the file and the line."""
    # (the YAML library takes 15 ms to load: imported here, so the correct stage, run for every
    # book, loads it only for a book with a corrections file)
    import yaml

    from pipeline.yaml_lines import AliasLimitError, key_line, load

    try:
        data, root = load(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(path, f"cannot read the file: {error.strerror}") from None
    except AliasLimitError as error:
        raise InputError(path, f"refused: {error.problem}", error.line) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise InputError(path, f"not valid YAML: {error}", mark.line + 1 if mark else None) from None
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    for problem in sorted(schema_problems(schema, data), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(step) for step in problem.absolute_path) or "the file"
        raise InputError(
            path,
            f"{where}: {problem.message}",
            key_line(root, tuple(problem.absolute_path)) if root is not None else None,
        )
    responsible = {DEFAULT_RESP: "The edition's editor", **data.get("responsible", {})}
    entries = []
    for index, entry in enumerate(data.get("corrections", [])):
        line = (key_line(root, ("corrections", index)) if root is not None else None) or 0
        resp = entry.get("resp", DEFAULT_RESP)
        if resp not in responsible:
            raise InputError(
                path, f"corrections/{index}: resp {resp!r} is not listed under 'responsible'", line
            )
        sic, corr, context = (_typeset(entry[key]) for key in ("sic", "corr", "context"))
        correction = CorrectionEntry(sic, corr, context, resp, entry.get("note", ""), line)
        if correction.context.count(correction.sic) != 1:
            raise InputError(path, f"{correction.label()}: the context must contain 'sic' exactly once", line)
        entries.append(correction)
    return Corrections(responsible, entries)
