"""Reproducible builds: the same input built twice, in two places at two times, gives identical files.

The book is the real excerpt of tests/test_bad_inputs.py (raw lines 438-476 of the first book:
chapter I, its notes) plus a generated three-chapter book (tests/bookgen.py), built without
``SOURCE_DATE_EPOCH`` in the environment, so the stages must fix dates, ids and file order themselves.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from bookgen import Convention, generate
from conftest import html_index

from pipeline.books import copy_workflow

pytestmark = pytest.mark.slow

EXCERPT = (438, 476)


def build(directory: Path, repo_root: Path, raw_book: Path, raw_metadata: Path) -> dict[str, str]:
    """Build both books in ``directory``; return the SHA-256 of every TEI, EPUB and HTML-edition file."""
    copy_workflow(repo_root, directory)
    raw = directory / "raw"
    raw.mkdir()
    lines = raw_book.read_text(encoding="utf-8").split("\n")[EXCERPT[0] - 1 : EXCERPT[1]]
    (raw / "excerpt.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copy(raw_metadata, raw / "excerpt.yaml")
    book = generate(Convention("reproducible", seed=31, chapters=3, page_numbers="foot"))
    (raw / "generated.txt").write_text(book.text, encoding="utf-8")
    (raw / "generated.yaml").write_text(yaml.safe_dump(book.metadata()), encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    env["PYTHONPATH"] = str(repo_root)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    result = subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "2"],
        cwd=directory,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    files = [
        path for folder in ("tei", "build") for path in (directory / folder).rglob("*") if path.is_file()
    ]
    editions = [
        path
        for path in files
        if path.suffix in (".xml", ".epub", ".html", ".css", ".js") and ".report." not in path.name
    ]
    return {
        str(path.relative_to(directory)): hashlib.sha256(path.read_bytes()).hexdigest() for path in editions
    }


def test_two_builds_are_byte_identical(
    tmp_path: Path, repo_root: Path, raw_book: Path, raw_metadata: Path
) -> None:
    first, second = tmp_path / "first", tmp_path / "second-build"
    first.mkdir()
    second.mkdir()
    one = build(first, repo_root, raw_book, raw_metadata)
    time.sleep(1.1)  # a timestamp taken from the clock would now differ
    two = build(second, repo_root, raw_book, raw_metadata)
    for book in ("excerpt", "generated"):
        assert f"tei/{book}.xml" in one
        assert f"build/{book}.epub" in one
        assert html_index(book) in one
    assert sorted(one) == sorted(two)
    differing = [path for path in one if one[path] != two[path]]
    assert not differing
