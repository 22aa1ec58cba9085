"""Running pandoc through pypandoc: the bundled pandoc, a fixed date, JSON documents in, files out.

The HTML page is made of two runs (:func:`html_template`, :func:`framed`): pandoc lays out a
standalone page's body inside its template slowly and in much memory (1.5 GB for a book of 13 MB
of text), so one run writes the body alone, the other pandoc's own template (head, title block,
contents) with :data:`BODY_MARK` where the body goes.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import pypandoc

DEFAULT_SOURCE_DATE_EPOCH = "1704067200"  # 2024-01-01T00:00:00Z
BODY_MARK = "<!--pipeline:body-->"
BUNDLED_PANDOC = Path(pypandoc.__file__).parent / "files" / "pandoc"

Json = dict[str, Any]


def use_bundled_pandoc() -> None:
    """Point pypandoc at the pandoc that ``pypandoc-binary`` ships, unless ``PYPANDOC_PANDOC`` names one.

    Every machine then renders with the same pandoc (same bytes), and pypandoc skips its search,
    which runs every pandoc it finds to compare their versions.
    """
    if BUNDLED_PANDOC.is_file():
        os.environ.setdefault("PYPANDOC_PANDOC", str(BUNDLED_PANDOC))


@contextmanager
def source_date_epoch() -> Iterator[None]:
    """Give pandoc a fixed date (``SOURCE_DATE_EPOCH`` if set, else a constant) for reproducible builds."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = previous or DEFAULT_SOURCE_DATE_EPOCH
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]


def convert(document: Path | str, to: str, output: Path, arguments: list[str]) -> None:
    """pandoc (through pypandoc): the JSON ``document`` (a file, or the text itself) to ``output``.

    A large document goes as a file: fed through a pipe, Python writes it 4 KB at a time, each time
    waiting for the interpreter while another thread works in it. The formats are known to pandoc,
    so pypandoc's check of them (two more pandoc runs a conversion) is skipped. A failed run raises
    ``RuntimeError`` with pandoc's messages.
    """
    options = {"format": "json", "outputfile": str(output), "extra_args": arguments, "verify_format": False}
    if isinstance(document, Path):
        pypandoc.convert_file(str(document), to, **options)
    else:
        pypandoc.convert_text(document, to, **options)


@cache
def pandoc_api_version() -> list[int]:
    """The pandoc-types API version of the installed pandoc."""
    empty = pypandoc.convert_text("", "json", format="markdown", verify_format=False)
    return json.loads(empty)["pandoc-api-version"]


def pandoc_document(blocks: list[Json], meta: Json) -> str:
    """The pandoc JSON document (ASCII, with ``\\u`` escapes, and no check for cycles: the fastest dump)."""
    document = {"pandoc-api-version": pandoc_api_version(), "meta": meta, "blocks": blocks}
    return json.dumps(document, check_circular=False)


def document_file(path: Path, blocks: list[Json], meta: Json) -> Path:
    """Write the pandoc JSON document to ``path`` (see :func:`convert`); return the path."""
    path.write_text(pandoc_document(blocks, meta), encoding="utf-8")
    return path


def html_template() -> str:
    """pandoc's own standalone HTML template, with :data:`BODY_MARK` in place of the body."""
    result = subprocess.run(
        [pypandoc.get_pandoc_path(), "--print-default-template=html5"], capture_output=True, check=True
    )
    template = result.stdout.decode("utf-8")
    if template.count("$body$") != 1:
        raise RuntimeError("pandoc's HTML template has no single $body$")
    return template.replace("$body$", BODY_MARK)


def framed(frame: bytes, body: bytes) -> bytes:
    """The standalone page: pandoc's template output with the body (less pandoc's final newline) set in."""
    before, mark, after = frame.partition(BODY_MARK.encode())
    if not mark or BODY_MARK.encode() in after:
        raise RuntimeError("the HTML page frame has no single body mark")
    return before + body.removesuffix(b"\n") + after


def standalone_html(
    blocks: list[Json], meta: Json, work: Path, output: Path, arguments: list[str], template: Future[str]
) -> None:
    """Pandoc's standalone HTML page of ``blocks``, made of a body run and a frame run in ``work``.

    The frame is pandoc's ``template`` (:func:`html_template`, asked for beside this) around the
    body mark, with the contents made from the headings alone.
    """
    body, frame = work / "body.html", work / "frame.html"
    convert(document_file(work / "html.json", blocks, meta), "html5", body, arguments)
    template_file = work / "template.html"
    template_file.write_text(template.result(), encoding="utf-8")
    headings = pandoc_document([block for block in blocks if block["t"] == "Header"], meta)
    convert(headings, "html5", frame, [*arguments, "--standalone", f"--template={template_file}"])
    output.write_bytes(framed(frame.read_bytes(), body.read_bytes()))
