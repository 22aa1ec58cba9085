"""Structured OCR and scans through the Snakemake workflow: real ALTO, PAGE XML and hOCR files that
OCR projects publish (tests/data/structured/, see its README) and a book given as page images,
OCR'd by Tesseract in the workflow, each built into TEI that tei_all accepts, with its facsimile."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from bookgen import book_metadata
from conftest import html_index
from lxml import etree
from scanbook import LAYOUTS, tesseract, typeset
from workflow_run import snakemake as run_snakemake

from pipeline.books import copy_workflow
from pipeline.tei import TEI_NS

pytestmark = pytest.mark.slow

SAMPLES = Path(__file__).parent / "data" / "structured"
LANGUAGES = {  # each sample's language, as its README says
    "alto-v2-abbyy-dinglehopper.xml": "de",
    "alto-v3-tesseract-dinglehopper-lorem.xml": "la",
    "alto-v3-tesseract-dinglehopper-de-excerpt.xml": "de",
    "alto-v4-ocrd-page-to-alto-tesserocr.xml": "de",
    "page-2013-transkribus-kraken.xml": "es",
    "page-2019-ocrd-tesserocr-dinglehopper.xml": "de",
    "hocr-tesseract-3.03-hocr-tools-alice.hocr": "en",
}
NS = {"tei": TEI_NS}
WORD_RE = re.compile(r"[^\W\d_]{4,}")


def metadata(title: str, language: str) -> str:
    """A book's metadata file, in ``language``."""
    return yaml.safe_dump(book_metadata(title) | {"language": language})


def snakemake(directory: Path, repo_root: Path, *targets: str) -> subprocess.CompletedProcess[str]:
    """Run Snakemake in ``directory`` on two cores (:func:`workflow_run.snakemake`)."""
    return run_snakemake(directory, repo_root, "--cores", "2", *targets, timeout=600)


def book_name(sample: str) -> str:
    return sample.rsplit(".", 1)[0]


@pytest.fixture(scope="module")
def samples_built(tmp_path_factory: pytest.TempPathFactory, repo_root: Path) -> Path:
    """A workflow folder whose raw/ holds every sample as a book (``raw/<sample>``), built to TEI."""
    directory = tmp_path_factory.mktemp("samples")
    copy_workflow(repo_root, directory)
    raw = directory / "raw"
    raw.mkdir()
    for sample, language in LANGUAGES.items():
        shutil.copy(SAMPLES / sample, raw / sample)
        (raw / f"{book_name(sample)}.yaml").write_text(metadata(sample, language), encoding="utf-8")
    targets = [f"tei/{book_name(sample)}.xml" for sample in LANGUAGES]
    done = snakemake(directory, repo_root, *targets)
    assert done.returncode == 0, done.stderr[-3000:]
    return directory


def test_every_sample_is_known(tmp_path: Path) -> None:
    assert sorted(LANGUAGES) == sorted(
        path.name for path in SAMPLES.iterdir() if path.suffix in (".xml", ".hocr")
    )


@pytest.mark.parametrize("sample", sorted(LANGUAGES))
def test_a_published_sample_builds_into_valid_tei_with_its_facsimile(
    samples_built: Path, sample: str, tei_all: etree.RelaxNG
) -> None:
    tei = etree.parse(str(samples_built / "tei" / f"{book_name(sample)}.xml"))
    assert tei_all.validate(tei), tei_all.error_log.last_error
    source = (samples_built / "build" / book_name(sample) / "source.txt").read_text(encoding="utf-8")
    zones = tei.findall(".//tei:facsimile/tei:surface/tei:zone", NS)
    assert len(zones) == len([line for line in source.split("\n") if line.strip()])
    # every longer word the OCR read is in the edition (or in a logged change)
    text = " ".join(tei.getroot().find("tei:text", NS).itertext())
    logs = (samples_built / "build" / book_name(sample)).glob("*.changes.jsonl")
    changes = "".join(path.read_text(encoding="utf-8") for path in logs)
    missing = [word for word in WORD_RE.findall(source) if word not in text and word not in changes]
    assert missing == []


@pytest.mark.skipif(tesseract() is None, reason="tesseract is not on PATH: the scanned book needs it")
def test_a_book_of_page_images_builds_end_to_end(
    tmp_path: Path, repo_root: Path, tei_all: etree.RelaxNG
) -> None:
    copy_workflow(repo_root, tmp_path)
    pages = tmp_path / "raw" / "scanned"
    pages.mkdir(parents=True)
    book = typeset(LAYOUTS[0], seed=7)
    for number, image in enumerate(book.images[:3], start=1):
        image.save(pages / f"page-{number}.png")
    (tmp_path / "raw" / "scanned.yaml").write_text(metadata("A Scanned Book", "en"), encoding="utf-8")
    done = snakemake(tmp_path, repo_root)
    assert done.returncode == 0, done.stderr[-3000:]
    assert sorted(path.name for path in (tmp_path / "build" / "scanned" / "ocr").iterdir()) == [
        "page-1.hocr",
        "page-2.hocr",
        "page-3.hocr",
    ]
    tei = etree.parse(str(tmp_path / "tei" / "scanned.xml"))
    assert tei_all.validate(tei), tei_all.error_log.last_error
    surfaces = tei.findall(".//tei:facsimile/tei:surface", NS)
    assert [surface.find("tei:graphic", NS).get("url") for surface in surfaces] == [
        f"raw/scanned/page-{number}.png" for number in (1, 2, 3)
    ]
    breaks = tei.findall(".//tei:text//tei:pb", NS)
    assert breaks and {pb.get("facs") for pb in breaks} <= {"#surface-2", "#surface-3"}
    assert (tmp_path / "build" / "scanned.epub").exists() and (tmp_path / html_index("scanned")).exists()
    # the report's line numbers are those of the text read from the scans (there is no raw text)
    report = (tmp_path / "build" / "scanned.report.html").read_text(encoding="utf-8")
    assert "Line numbers are lines of <code>build/scanned/source.txt</code>" in report
    again = snakemake(tmp_path, repo_root)
    assert "Nothing to be done" in again.stdout + again.stderr


@pytest.mark.skipif(
    tesseract() is None or shutil.which("pdftoppm") is None,
    reason="tesseract and poppler's pdftoppm are needed to read a scanned PDF",
)
def test_a_scanned_pdf_builds_end_to_end(tmp_path: Path, repo_root: Path, tei_all: etree.RelaxNG) -> None:
    copy_workflow(repo_root, tmp_path)
    (tmp_path / "raw").mkdir()
    pages = [image.convert("RGB") for image in typeset(LAYOUTS[1], seed=8).images[:2]]
    pages[0].save(tmp_path / "raw" / "scanned.pdf", save_all=True, append_images=pages[1:], resolution=150)
    (tmp_path / "raw" / "scanned.yaml").write_text(metadata("A Scanned PDF", "en"), encoding="utf-8")
    done = snakemake(tmp_path, repo_root)
    assert done.returncode == 0, done.stderr[-3000:]
    rendered = sorted(path.name for path in (tmp_path / "build" / "scanned" / "pdf").iterdir())
    assert rendered == ["page-0001.png", "page-0002.png"]
    tei = etree.parse(str(tmp_path / "tei" / "scanned.xml"))
    assert tei_all.validate(tei), tei_all.error_log.last_error
    surfaces = tei.findall(".//tei:facsimile/tei:surface", NS)
    assert [surface.find("tei:graphic", NS).get("url") for surface in surfaces] == [
        f"build/scanned/pdf/page-000{number}.png" for number in (1, 2)
    ]
    words = " ".join(tei.getroot().find("tei:text", NS).itertext()).split()
    assert len(words) > 300  # two pages of text, read


def test_a_file_that_is_no_pdf_is_refused_before_anything_runs(tmp_path: Path, repo_root: Path) -> None:
    copy_workflow(repo_root, tmp_path)
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "broken.pdf").write_bytes(b"%PDF-1.4 nothing more")
    (tmp_path / "raw" / "broken.yaml").write_text(metadata("Broken", "en"), encoding="utf-8")
    done = snakemake(tmp_path, repo_root)
    assert done.returncode != 0
    assert "raw/broken.pdf: not a PDF with pages" in done.stderr
