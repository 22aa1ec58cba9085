"""End-to-end: the whole first book through the Snakemake workflow, checked by the official validators.

The expectations come from the raw text itself (its printed contents, its note bodies), not from
the pipeline's own output.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import BOOK, REPO_ROOT, html_index
from lxml import etree
from printed_contents import parse_contents

from pipeline.books import copy_workflow
from pipeline.check import epubcheck_messages
from pipeline.model import Review, read_log
from pipeline.readers.paragraph_lines import split_blocks
from pipeline.text.typography import en_dash_month_range, en_dash_range

pytestmark = pytest.mark.slow

TEI = {"t": "http://www.tei-c.org/ns/1.0"}
XHTML = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
NOTE_BODY = re.compile(r"^[⁰¹²³⁴⁵⁶⁷⁸⁹]+[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]*\s")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the book with the README's command from a clean copy of the workflow; return that folder."""
    work = tmp_path_factory.mktemp("book")
    copy_workflow(REPO_ROOT, work)
    (work / "raw").mkdir()
    for source in (REPO_ROOT / "raw").glob(f"{BOOK}.*"):
        shutil.copy(source, work / "raw" / source.name)
    result = subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "2"], cwd=work, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return work


@pytest.fixture(scope="module")
def tei(built: Path) -> etree._ElementTree:
    return etree.parse(str(built / "tei" / f"{BOOK}.xml"))


@pytest.fixture(scope="module")
def raw_blocks() -> list:
    return split_blocks((REPO_ROOT / "raw" / f"{BOOK}.txt").read_text(encoding="utf-8"))


def words(text: str) -> list[str]:
    """The words of ``text``, casefolded; note markers (superscript digits) are not words."""
    return re.findall(r"[^\W⁰¹²³⁴⁵⁶⁷⁸⁹]+", text.casefold())


def nav_labels(epub: Path) -> list[str]:
    with zipfile.ZipFile(epub) as archive:
        nav = etree.fromstring(archive.read("EPUB/nav.xhtml"))
    links = nav.xpath("//x:nav[@epub:type='toc']//x:a", namespaces=XHTML)
    return [" ".join("".join(link.itertext()).split()) for link in links]


def test_committed_tei_is_what_the_pipeline_produces(built: Path) -> None:
    committed = REPO_ROOT / "tei" / f"{BOOK}.xml"
    assert committed.read_bytes() == (built / "tei" / f"{BOOK}.xml").read_bytes(), (
        "tei/ is out of date: run `snakemake --cores all` and commit tei/"
    )


def test_tei_is_valid_against_tei_all(tei: etree._ElementTree, tei_all: etree.RelaxNG) -> None:
    valid = tei_all.validate(tei)
    assert valid, "\n".join(f"{e.line}: {e.message}" for e in list(tei_all.error_log)[:10])


def test_epub_passes_epubcheck(built: Path) -> None:
    assert epubcheck_messages(built / "build" / f"{BOOK}.epub") == []


def edition_texts(built: Path) -> dict[str, list[str]]:
    """The text nodes of every file of both editions a reader sees (the EPUB's documents, OPF and NCX
    and its cover; the HTML edition's pages), by file."""
    texts: dict[str, list[str]] = {}
    with zipfile.ZipFile(built / "build" / f"{BOOK}.epub") as epub:
        for name in epub.namelist():
            if name.endswith((".xhtml", ".opf", ".ncx", ".svg")):
                texts[name] = list(etree.fromstring(epub.read(name)).itertext())
    for page in (built / html_index(BOOK)).parent.glob("*.html"):
        texts[page.name] = list(etree.parse(str(page), etree.HTMLParser()).getroot().itertext())
    return texts


def test_no_number_or_date_range_keeps_its_hyphen(built: Path) -> None:
    """Titles, contents, links, cover and OPF included: the typography's range rules find nothing left."""
    left = [
        f"{name}: {text.strip()[:60]}"
        for name, texts in edition_texts(built).items()
        for text in texts
        if en_dash_range(text)[1] or en_dash_month_range(text)[1]
    ]
    assert left == []


def test_the_stamp_is_no_text_and_the_edition_says_how_it_was_made(built: Path) -> None:
    """The library's stamp of the title pages is kept apart in the TEI and listed for review, not
    printed; the imprint, the colophon and the rights are in both editions."""
    tei = (built / "tei" / f"{BOOK}.xml").read_text(encoding="utf-8")
    stamp = re.search(r'<note type="stamp">([^<]+)<', tei)
    assert stamp
    review = read_log(built / "build" / BOOK / "structure.review.jsonl", Review)
    assert "stamp" in {item.rule for item in review}
    texts = {name: " ".join(" ".join(found).split()) for name, found in edition_texts(built).items()}
    assert not [name for name, text in texts.items() if stamp.group(1) in text]
    for name in ("imprint", "colophon"):
        assert "CC0 1.0" in texts[f"EPUB/text/{name}.xhtml"] and "CC0 1.0" in texts[f"{name}.html"]
    assert "ocr-edition pipeline, version" in texts["colophon.html"]
    opf = etree.fromstring(zipfile.ZipFile(built / "build" / f"{BOOK}.epub").read("EPUB/content.opf"))
    assert opf.findtext(".//{http://purl.org/dc/elements/1.1/}rights").startswith("The edition's own work")


def test_every_output_is_written(built: Path) -> None:
    for name in (f"{BOOK}.epub", f"{BOOK}.report.html", f"{BOOK}.changes.jsonl"):
        assert (built / "build" / name).stat().st_size > 0, name
    assert (built / html_index(BOOK)).stat().st_size > 0


# what a reader's browser loads: pages, stylesheets, scripts (and a search index), images
READER_FILES = {".html", ".css", ".js", ".json", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}


def test_the_html_edition_is_a_folder_of_its_own_without_working_files(built: Path) -> None:
    folder = (built / html_index(BOOK)).parent
    published = [path for path in folder.rglob("*") if path.is_file()]
    working = {path.name for path in (built / "build" / BOOK).iterdir() if path.is_file()}
    assert {"corrected.json", "repaired.json", "normalised.txt"} <= working
    assert {path.suffix for path in published} <= READER_FILES
    assert not {path.name for path in published} & working


def test_navigation_lists_every_entry_of_the_printed_contents(built: Path, raw_blocks: list) -> None:
    printed = parse_contents(raw_blocks)
    labels = [words(label) for label in nav_labels(built / "build" / f"{BOOK}.epub")]
    missing = [
        entry.title
        for entry in printed
        if not any(words(entry.title) == label[-len(words(entry.title)) :] for label in labels)
    ]
    assert not missing
    chapters = [entry for entry in printed if entry.label]
    assert len(chapters) == 13
    assert sum(1 for entry in printed if entry.level == 2) >= 80


def test_chapters_sections_and_notes_in_the_tei(tei: etree._ElementTree, raw_blocks: list) -> None:
    printed = parse_contents(raw_blocks)
    assert len(tei.xpath("//t:body/t:div[@type='chapter']", namespaces=TEI)) == 13
    assert len(tei.xpath("//t:body/t:div[@type='introduction']", namespaces=TEI)) == 1
    sections = tei.xpath("//t:body//t:div[@type='section']", namespaces=TEI)
    assert len(sections) == sum(1 for entry in printed if entry.level == 2)
    note_bodies = sum(1 for block in raw_blocks if NOTE_BODY.match(block.text))
    notes = tei.xpath("//t:text//t:note[@place='foot']", namespaces=TEI)
    assert len(notes) >= note_bodies
    assert all(note.getparent().tag != f"{{{TEI['t']}}}div" for note in notes), "a note outside running text"


def test_no_note_body_is_left_in_the_running_text(tei: etree._ElementTree) -> None:
    paragraphs = tei.xpath("//t:body//t:p[not(ancestor::t:note)]", namespaces=TEI)
    leaked = [p for p in paragraphs if NOTE_BODY.match("".join(p.itertext()).lstrip())]
    assert not leaked


def test_words_of_the_raw_text_reach_the_tei(tei: etree._ElementTree) -> None:
    raw = words((REPO_ROOT / "raw" / f"{BOOK}.txt").read_text(encoding="utf-8"))
    out = words("".join(tei.xpath("//t:text", namespaces=TEI)[0].itertext()))
    assert len(out) >= 0.995 * len(raw)
