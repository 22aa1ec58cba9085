"""The stages' shared command line (pipeline/cli.py): progress line, user-facing errors, the collector;
and every stage run by hand with a special file (a FIFO, /dev/full) as its output."""

from __future__ import annotations

import argparse
import contextlib
import errno
import gc
import os
import platform
import shutil
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from workflow_run import snakemake

from pipeline.books import copy_workflow
from pipeline.cli import run_stage
from pipeline.model import InputError
from pipeline.model.io import CHANGING_STAGES


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input", required=True)


def test_summary_is_printed_as_the_stage_s_progress_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_stage("repair", _configure, lambda args: f"read {args.input}", ["--input", "a.txt"]) == 0
    assert capsys.readouterr().err == "[repair] read a.txt\n"


def test_bad_input_is_one_line_naming_file_and_line(capsys: pytest.CaptureFixture[str]) -> None:
    def fail(args: argparse.Namespace) -> str:
        raise InputError(args.input, "no text in the file", line=3)

    assert run_stage("normalise", _configure, fail, ["--input", "raw/b.txt"]) == 1
    assert capsys.readouterr().err == "error: raw/b.txt:3: no text in the file\n"


def test_work_runs_with_the_cycle_collector_paused_and_restored_after() -> None:
    seen: list[bool] = []
    assert gc.isenabled()
    run_stage("structure", _configure, lambda args: seen.append(gc.isenabled()), ["--input", "x"])
    assert seen == [False] and gc.isenabled()

    def crash(args: argparse.Namespace) -> str:
        raise RuntimeError("crash")

    with pytest.raises(RuntimeError):  # restored on any error too
        run_stage("structure", _configure, crash, ["--input", "x"])
    assert gc.isenabled()


FREED_SMALL_BLOCKS = """
import ctypes, sys
from lxml import etree
from pipeline.cli import fast_bins_off

FIELDS = "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost"

class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in FIELDS.split()]

libc = ctypes.CDLL(None)
libc.mallinfo2.restype = MallInfo2
if sys.argv[1] == "off":
    assert fast_bins_off()
word = '<span class="ocrx_word" title="bbox 1 2 3 4">word</span>'
root = etree.fromstring("<page>" + word * 50000 + "</page>")
del root
print(libc.mallinfo2().smblks)
"""


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's fast bins")
def test_a_freed_parse_tree_leaves_no_small_blocks_waiting_where_fast_bins_are_off() -> None:
    """The extract stage's freed OCR trees: their blocks merged as freed, none left for the next
    larger request to sort (glibc's count of blocks in fast bins, ``mallinfo2().smblks``)."""

    def waiting(mode: str) -> int:
        run = subprocess.run([sys.executable, "-c", FREED_SMALL_BLOCKS, mode], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        return int(run.stdout)

    assert waiting("on") > 10_000
    assert waiting("off") == 0


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (
            PermissionError(errno.EACCES, "Permission denied", "build/x.epub"),
            "build/x.epub: Permission denied",
        ),
        (OSError(errno.ENOSPC, "No space left on device"), "No space left on device"),
        (OSError(errno.ENAMETOOLONG, "File name too long", "build/xx"), "build/xx: File name too long"),
        (OSError(errno.EROFS, "Read-only file system", "a", None, "b"), "a → b: Read-only file system"),
    ],
    ids=["permission", "disk-full", "name-too-long", "rename"],
)
def test_a_file_system_refusal_is_one_line_naming_the_file(
    capsys: pytest.CaptureFixture[str], error: OSError, expected: str
) -> None:
    def fail(args: argparse.Namespace) -> str:
        raise error

    assert run_stage("render", _configure, fail, ["--input", "x"]) == 1
    assert capsys.readouterr().err == f"error: {expected}\n"


@pytest.mark.parametrize(
    ("output", "expected"),
    [("/dev/full", "error: /dev/full: No space left on device"), ("x" * 300, ": File name too long")],
    ids=["disk-full", "name-too-long"],
)
def test_a_stage_refused_by_the_file_system_says_so_in_one_line(
    tmp_path: Path, raw_metadata: Path, output: str, expected: str
) -> None:
    """Real refusals: /dev/full (a special file, written into) and a name longer than any allowed."""
    result = stage(tmp_path, "metadata", "--input", str(raw_metadata), "--output", output)
    assert result.returncode == 1
    assert result.stderr.endswith("\n") and len(result.stderr.splitlines()) == 1, result.stderr
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert os.listdir(tmp_path) == []


def stage(directory: Path, name: str, *options: str) -> subprocess.CompletedProcess[str]:
    """Run the stage ``python -m pipeline.<name>`` by hand in ``directory``."""
    command = [sys.executable, "-m", f"pipeline.{name}", *options]
    return subprocess.run(command, cwd=directory, capture_output=True, text=True, timeout=300)


# --- a special file as a stage's output ------------------------------------------------------------

BOOK = "build/excerpt"
# Each stage's command, its output {fifo}, the others into scratch/; and the file of the build (or of
# the scans made by hand) that holds what the FIFO must receive (none: the check's verdict).
FIFO_CASES = {
    "metadata": ("--input raw/excerpt.yaml --output {fifo}", f"{BOOK}/metadata.json"),
    "normalise": ("--input raw/excerpt.txt --output {fifo} --changes scratch/c", f"{BOOK}/normalised.txt"),
    "repair": (
        f"--input {BOOK}/normalised.txt --metadata {BOOK}/metadata.json --output {{fifo}} --changes scratch/c"
        " --review scratch/r --input-evidence scratch/i",
        f"{BOOK}/repaired.json",
    ),
    "structure": (
        f"--input {BOOK}/repaired.json --metadata {BOOK}/metadata.json --output {{fifo}} --changes scratch/c"
        " --review scratch/r --evidence scratch/e",
        f"{BOOK}/structure.json",
    ),
    "correct": (
        f"--input {BOOK}/structure.json --text {BOOK}/normalised.txt"
        " --corrections raw/excerpt.corrections.yaml"
        " --output {fifo} --changes scratch/c --misreadings scratch/m",
        f"{BOOK}/corrected.json",
    ),
    "chronology": (
        f"--input {BOOK}/corrected.json --csv {{fifo}} --json scratch/j",
        "build/excerpt.chronology.csv",
    ),
    "encode": (
        f"--input {BOOK}/corrected.json --metadata {BOOK}/metadata.json --output {{fifo}} --changes "
        + " ".join(f"{BOOK}/{stage}.changes.jsonl" for stage in CHANGING_STAGES),
        "tei/excerpt.xml",
    ),
    "render-epub": (
        "--tei tei/excerpt.xml --epub {fifo} --html scratch/html/index.html",
        "build/excerpt.epub",
    ),
    "render-html": ("--tei tei/excerpt.xml --epub scratch/x.epub --html {fifo}", f"{BOOK}/html/index.html"),
    "report": (
        "--book excerpt --text raw/excerpt.txt --changes "
        + " ".join(f"{BOOK}/{stage}.changes.jsonl" for stage in CHANGING_STAGES)
        + f" --review {BOOK}/repair.review.jsonl {BOOK}/structure.review.jsonl"
        f" --evidence {BOOK}/structure.evidence.json --input-evidence {BOOK}/input.json"
        f" --misreadings {BOOK}/misreadings.json --changes-log scratch/c --output {{fifo}}",
        "build/excerpt.report.html",
    ),
    "check": ("--tei tei/excerpt.xml --output {fifo}", None),
    "pdf_pages": ("--pdf scans/scan.pdf --page page-0001 --output {fifo}", "scans/page-0001.png"),
    "ocr": (f"--image scans/page.png --metadata {BOOK}/metadata.json --output {{fifo}}", "scans/page.hocr"),
    "extract": ("scans/page.hocr --output {fifo} --geometry scratch/g", "scans/source.txt"),
}
TEXT_EXCERPT = (438, 476)  # raw lines of the first book: chapter I, its notes


@pytest.fixture(scope="module")
def built_excerpt(
    tmp_path_factory: pytest.TempPathFactory, repo_root: Path, raw_book: Path, raw_metadata: Path
) -> Path:
    """A build of an excerpt of the first book, with a page image, a PDF of it and what the scan
    stages make of them, each stage run by hand."""
    directory = tmp_path_factory.mktemp("fifo")
    copy_workflow(repo_root, directory)
    (directory / "raw").mkdir()
    lines = raw_book.read_text(encoding="utf-8").split("\n")[TEXT_EXCERPT[0] - 1 : TEXT_EXCERPT[1]]
    (directory / "raw" / "excerpt.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copy(raw_metadata, directory / "raw" / "excerpt.yaml")
    result = snakemake(directory, repo_root, "--cores", "2")
    assert result.returncode == 0, result.stderr[-3000:]
    scans = directory / "scans"
    scans.mkdir()
    page = Image.new("L", (900, 200), 255)
    font = ImageFont.truetype("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf", 32)
    ImageDraw.Draw(page).text((40, 70), "The Great October Socialist Revolution", fill=0, font=font)
    page.save(scans / "page.png", dpi=(300, 300))
    page.save(scans / "scan.pdf", resolution=300)
    for name in ("pdf_pages", "ocr", "extract"):
        options, made = FIFO_CASES[name]
        assert stage(directory, name, *options.format(fifo=made).split()).returncode == 0
    return directory


def read_through(fifo: Path, run: Callable[[], subprocess.CompletedProcess[str]]) -> tuple[str, bytes]:
    """``run()`` while a thread reads ``fifo``: the stage's stderr, and what came through the FIFO."""
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run()
    if reader.is_alive():  # (the stage never opened the FIFO: let the reader see its end)
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    reader.join(timeout=60)
    return result.stderr, b"".join(received)


@pytest.mark.slow
@pytest.mark.parametrize("case", FIFO_CASES)
def test_a_fifo_as_output_stays_a_fifo_and_gets_the_output(built_excerpt: Path, case: str) -> None:
    """A stage run by hand writes its output into a FIFO given as ``--output`` (once, on success),
    leaving it a FIFO, and leaves no temporary file beside it."""
    options, expected = FIFO_CASES[case]
    folder = built_excerpt / "fifo" / case
    folder.mkdir(parents=True)
    fifo = folder / Path(expected or "checks.txt").name
    os.mkfifo(fifo)
    command = options.format(fifo=fifo).split()
    stderr, received = read_through(fifo, lambda: stage(built_excerpt, case.split("-")[0], *command))
    assert stat.S_ISFIFO(fifo.lstat().st_mode), stderr
    assert "error" not in stderr and received, stderr
    if expected:
        assert received == (built_excerpt / expected).read_bytes()
    assert [path.name for path in folder.iterdir() if path.name.startswith(".")] == []
