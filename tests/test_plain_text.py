"""A plain text in which no heading is found, through every stage: one division, a valid edition.

The text is a short excerpt of real OCR as a library publishes it: raw lines 166-186 of
``the-voice-of-reason-and-52757037.txt`` in the development set of real books (``shared/real/``,
Trove object nla.obj-52757037: U. Hubbe, *The Voice of Reason and History*, Adelaide, 1857), kept
as printed: lines wrapped and hyphenated, a footnote at the page foot, a page break (two blank
lines). It is built by the real workflow into TEI, EPUB and the HTML edition; the TEI must be valid
against tei_all and the EPUB must pass EPUBCheck with no error or warning.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import html_index
from lxml import etree

from pipeline.books import copy_workflow
from pipeline.check import epubcheck_messages, tei_all_messages
from pipeline.model import Review, read_log
from pipeline.tei import tei

pytestmark = pytest.mark.slow

BOOK = "voice-of-reason"
EXCERPT = """\
Shall we listen to reason 1 That distinction of our law in which is
the most powerful root of all this perplexity—and upon which that
other most gigantic evil, the duplicity of legal and equitable jurisdictions
and estates is mainly raised— is the distinction between a free-
hold and inferior tnterest in lands. Now, reason pronounces it
to be a distinction “as marked as it is unfounded in the nature
op things.” This is a quotation from “ A Practical Treatise on the
Analogy between Legal and Equitable Estates, by Henry Tickling,
Esq.”* That distinction being unfounded in nature, it follows that,
so far, at least, as the rules of personal property are applicable to
one kind of interest in lands, they ought to be considered as appli-
cable equally well to the other kind. All the learning, ingenuity,
and practical experience employed in a structure, raised on a foun-
dation which nature repudiates, are but spent amiss, and, instead of
* Published in London, 1829. Page 2.


properly protecting and usefully fostering legitimate enterprise, in-
dustry, and business, can but involve our transactions, retard our
progress, and undermine our successes.
There is one distinction indeed founded in nature between im-
"""
# The book's title page (raw lines 9-25 of the same file): a single-author book.
METADATA = """\
title: The Voice of Reason and History
authors:
  - Ulrich Hubbe
publisher: David Gall
place: Adelaide
year: 1857
language: en
identifier: urn:x-ocr-edition:voice-of-reason
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, repo_root: Path) -> Path:
    """The excerpt built by the workflow (in a copy of it); the folder of the build."""
    directory = tmp_path_factory.mktemp("plain-text")
    copy_workflow(repo_root, directory)
    (directory / "raw").mkdir()
    (directory / "raw" / f"{BOOK}.txt").write_text(EXCERPT, encoding="utf-8")
    (directory / "raw" / f"{BOOK}.yaml").write_text(METADATA, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(repo_root), SOURCE_DATE_EPOCH="0")
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    command = [sys.executable, "-m", "snakemake", "--cores", "2"]
    result = subprocess.run(command, cwd=directory, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    return directory


def test_the_text_is_one_division_without_heading(built: Path) -> None:
    root = etree.parse(str(built / "tei" / f"{BOOK}.xml")).getroot()
    (div,) = root.findall(f"{tei('text')}/{tei('body')}/{tei('div')}")
    assert (div.get("type"), div.find(tei("head"))) == ("text", None)
    words = " ".join("".join(div.itertext()).split())
    assert words.startswith("Shall we listen to reason")
    assert "Published in London, 1829." in words
    assert words.endswith("There is one distinction indeed founded in nature between im-")


def test_the_report_says_no_division_was_found(built: Path) -> None:
    review = read_log(built / "build" / BOOK / "structure.review.jsonl", Review)
    assert "no_divisions" in {item.rule for item in review}
    report = (built / "build" / f"{BOOK}.report.html").read_text(encoding="utf-8")
    assert "no chapter, part or introduction heading found" in report


def test_the_html_edition_has_one_page_headed_by_the_title(built: Path) -> None:
    folder = (built / html_index(BOOK)).parent
    text = "the-voice-of-reason-and-history.html"  # the page named by its heading, the book's title
    pages = sorted(path.name for path in folder.glob("*.html"))
    assert pages == ["colophon.html", "imprint.html", "index.html", text]  # the edition's own pages too
    page = etree.parse(str(folder / text), etree.HTMLParser()).getroot()
    assert [" ".join("".join(h.itertext()).split()) for h in page.iter("h1")] == [
        "The Voice of Reason and History"
    ]
    contents = (folder / "index.html").read_text(encoding="utf-8")
    assert f'href="{text}#text"' in contents


def test_the_tei_is_valid_and_the_epub_passes_epubcheck(built: Path) -> None:
    assert tei_all_messages(built / "tei" / f"{BOOK}.xml") == []
    assert epubcheck_messages(built / "build" / f"{BOOK}.epub") == []
