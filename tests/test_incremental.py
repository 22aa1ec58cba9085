"""Incremental and parallel builds of a small corpus of generated books (tests/bookgen.py).

One workspace holds three generated books, the workflow and a copy of the ``pipeline`` package (so
a test may change the stylesheet without touching the repository). It is built once with
``--cores 2``; each test then changes one thing, rebuilds, and compares the outputs' modification
times: what must not run again keeps its files untouched.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bookgen import Convention, GeneratedBook, generate
from conftest import html_index

from pipeline.books import copy_workflow

pytestmark = pytest.mark.slow

BOOKS = {
    "alpha": Convention("alpha", seed=21, chapters=2),
    "beta": Convention("beta", seed=22, chapters=2, running_heads="with-number", page_numbers="in-head"),
    "gamma": Convention("gamma", seed=23, chapters=2, notes="book", page_numbers="foot"),
}
# what normalise, repair and structure write: their data, their logs, how the text was read, the
# structure's evidence
TEXT_STAGE_FILES = (
    "normalised.txt",
    "normalise.changes.jsonl",
    "repaired.json",
    "repair.changes.jsonl",
    "repair.review.jsonl",
    "input.json",
    "structure.json",
    "structure.changes.jsonl",
    "structure.review.jsonl",
    "structure.evidence.json",
)
WORD_RE = re.compile(r"[A-Za-z]{4,}")


def run(directory: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """Snakemake in ``directory`` with the workspace's own copy of ``pipeline`` importable."""
    env = dict(os.environ, PYTHONPATH=str(directory))
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    command = [sys.executable, "-m", "snakemake", *options]
    return subprocess.run(command, cwd=directory, env=env, capture_output=True, text=True, timeout=600)


def build_outputs(directory: Path, book: str) -> list[Path]:
    return [
        directory / "tei" / f"{book}.xml",
        directory / "build" / f"{book}.epub",
        directory / html_index(book),
        directory / "build" / f"{book}.report.html",
    ]


def mtimes(directory: Path) -> dict[str, int]:
    """Modification time (ns) of every file the build wrote."""
    return {
        str(path.relative_to(directory)): path.stat().st_mtime_ns
        for folder in ("build", "tei")
        for path in (directory / folder).rglob("*")
        if path.is_file()
    }


def unique_phrase(book: GeneratedBook) -> tuple[str, str]:
    """A word of ``book`` and four words around it that occur exactly once in its text."""
    for paragraph in book.paragraphs:
        words = [piece for piece in paragraph.pieces if isinstance(piece, str)]
        for text in words:
            tokens = text.split()
            for start in range(len(tokens) - 4):
                phrase = " ".join(tokens[start : start + 4])
                word = tokens[start + 1]
                if (
                    all(WORD_RE.fullmatch(token) for token in tokens[start : start + 4])
                    and book.text.count(phrase) == 1
                    and phrase.count(word) == 1
                ):
                    return word, phrase
    raise AssertionError("no unique phrase in the generated book")


@pytest.fixture(scope="module")
def corpus(
    tmp_path_factory: pytest.TempPathFactory, repo_root: Path
) -> tuple[Path, dict[str, GeneratedBook]]:
    """The workspace, built in parallel (``--cores 2``) from nothing."""
    directory = tmp_path_factory.mktemp("corpus")
    copy_workflow(repo_root, directory)
    shutil.copytree(
        repo_root / "pipeline", directory / "pipeline", ignore=shutil.ignore_patterns("__pycache__")
    )
    raw = directory / "raw"
    raw.mkdir()
    books = {}
    for name, convention in BOOKS.items():
        book = books[name] = generate(convention)
        (raw / f"{name}.txt").write_text(book.text, encoding="utf-8")
        (raw / f"{name}.yaml").write_text(yaml.safe_dump(book.metadata()), encoding="utf-8")
    result = run(directory, "--cores", "2")
    assert result.returncode == 0, result.stderr[-3000:]
    return directory, books


def test_corpus_builds_in_parallel(corpus: tuple[Path, dict[str, GeneratedBook]]) -> None:
    directory, books = corpus
    for name in books:
        for path in build_outputs(directory, name):
            assert path.stat().st_size > 0, path
    # Snakemake's log of the first build shows two jobs running at once.
    log = min((directory / ".snakemake" / "log").glob("*.snakemake.log")).read_text(encoding="utf-8")
    running, most = 0, 0
    for line in log.splitlines():
        if re.match(r"(local)?rule \w+:", line):
            running += 1
        elif line.startswith("Finished jobid"):
            running -= 1
        most = max(most, running)
    assert most == 2


def test_nothing_changed_does_nothing_and_says_so(corpus: tuple[Path, dict[str, GeneratedBook]]) -> None:
    directory, _ = corpus
    before = mtimes(directory)
    result = run(directory, "--cores", "2")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Nothing to be done" in result.stdout + result.stderr
    assert mtimes(directory) == before


def test_corrections_of_one_book_rebuild_that_book_alone(
    corpus: tuple[Path, dict[str, GeneratedBook]],
) -> None:
    directory, books = corpus
    word, phrase = unique_phrase(books["beta"])
    corrections = {"corrections": [{"sic": word, "corr": word.upper(), "context": phrase}]}
    (directory / "raw" / "beta.corrections.yaml").write_text(yaml.safe_dump(corrections), encoding="utf-8")
    dry = run(directory, "--cores", "1", "--dry-run")
    assert dry.returncode == 0, dry.stderr[-3000:]
    jobs = set(re.findall(r"^rule (\w+):", dry.stdout, re.MULTILINE))
    assert not jobs & {"normalise", "repair", "structure"}, dry.stdout
    before = mtimes(directory)
    result = run(directory, "--cores", "2")
    assert result.returncode == 0, result.stderr[-3000:]
    after = mtimes(directory)
    changed = {path for path in after if after[path] != before.get(path)}
    assert "tei/beta.xml" in changed
    assert "build/beta.epub" in changed
    assert {
        "build/beta/correct.changes.jsonl",
        "build/beta.changes.jsonl",
        "build/beta.report.html",
    } <= changed
    assert word.upper() in (directory / "build" / "beta" / "correct.changes.jsonl").read_text(
        encoding="utf-8"
    )
    assert word.upper() in (directory / "tei" / "beta.xml").read_text(encoding="utf-8")
    for path in changed:
        assert "beta" in path, f"{path} was rebuilt, but only beta's corrections changed"
    for name in TEXT_STAGE_FILES:
        assert f"build/beta/{name}" not in changed


def test_stylesheet_change_re_renders_without_text_stages(
    corpus: tuple[Path, dict[str, GeneratedBook]],
) -> None:
    directory, books = corpus
    stylesheet = directory / "pipeline" / "render" / "assets" / "edition.css"
    stylesheet.write_text(
        stylesheet.read_text(encoding="utf-8") + "\n/* test: a new rule */\n", encoding="utf-8"
    )
    before = mtimes(directory)
    result = run(directory, "--cores", "2")
    assert result.returncode == 0, result.stderr[-3000:]
    after = mtimes(directory)
    for name in books:
        assert after[f"build/{name}.epub"] != before[f"build/{name}.epub"]
        assert after[html_index(name)] != before[html_index(name)]
        assert after[f"tei/{name}.xml"] == before[f"tei/{name}.xml"]
        for file in TEXT_STAGE_FILES:
            assert after[f"build/{name}/{file}"] == before[f"build/{name}/{file}"]
