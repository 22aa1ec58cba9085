"""The benchmark's own logic (bench/run.py): the tenfold book and the job order it times.

The benchmark itself is run by hand (README, "Speed"); these tests check that what it measures
is what it says, without timing anything.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.metadata import load_metadata


@pytest.fixture(scope="module")
def bench(repo_root: Path):
    spec = importlib.util.spec_from_file_location("bench_run", repo_root / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = module
    spec.loader.exec_module(module)
    return module


def test_roman_numerals_round_trip(bench) -> None:
    assert [bench.roman(n) for n in (1, 4, 9, 14, 40, 90, 130)] == [
        "I",
        "IV",
        "IX",
        "XIV",
        "XL",
        "XC",
        "CXXX",
    ]
    assert all(bench.from_roman(bench.roman(n)) == n for n in range(1, 200))


def test_tenfold_book_repeats_the_chapters_with_distinct_labels(bench, raw_book: Path) -> None:
    text = raw_book.read_text(encoding="utf-8")
    ten = bench.tenfold(text)
    labels = re.findall(r"^-?CHAPTER ([IVXLC]+)$", ten, re.MULTILINE)
    once = re.findall(r"^-?CHAPTER ([IVXLC]+)$", text, re.MULTILINE)
    assert len(labels) == 10 * len(once) and len(set(labels)) == len(labels)
    assert ten.count("\nCHRONOLOGY") == text.count("\nCHRONOLOGY")  # the back matter comes once
    assert 9.0 < len(ten) / len(text) < 10.0  # front and back matter once, the chapters ten times


def test_jobs_are_ordered_after_the_jobs_whose_outputs_they_read(
    bench, repo_root: Path, tmp_path: Path
) -> None:
    raw = repo_root / "raw" / "soviet-foreign-policy-vol1.yaml"
    directory = bench.workspace(tmp_path, "book", "CHAPTER I\n\nText.\n", raw, data_files=False)
    jobs = [job.rule for job in bench.stage_commands(directory, bench.environment())]
    assert set(jobs) >= {
        "metadata",
        "normalise",
        "repair",
        "structure",
        "correct",
        "encode",
        "render",
        "report",
    }
    for earlier, later in [
        ("normalise", "repair"),
        ("repair", "structure"),
        ("structure", "correct"),
        ("correct", "encode"),
        ("encode", "render"),
        ("metadata", "encode"),
    ]:
        assert jobs.index(earlier) < jobs.index(later)
    assert not (directory / "raw" / "book.corrections.yaml").exists()


def test_stage_module_is_read_from_the_command(bench) -> None:
    command = "python -m pipeline.repair --input 'build/b/normalised.txt' --output build/b/repaired.json"
    assert bench.STAGE_MODULE.search(command).group(1) == "pipeline.repair"


def test_each_step_of_rounds_is_its_median_run(bench) -> None:
    """Rounds of the same steps give each step its median seconds (start-up and floor too, where
    known) and its largest peak memory."""
    run = bench.Run
    rounds = [
        [run("repair", 1.0, 80, 0.05), run("render", 0.9, 170)],
        [run("repair", 1.4, 90, 0.07), run("render", 0.8, 160)],
        [run("repair", 1.1, 85, 0.04), run("render", 2.0, 150)],
    ]
    assert bench.medians(rounds) == [run("repair", 1.1, 90, 0.05), run("render", 0.9, 170)]
    assert bench.medians(rounds[:1]) == rounds[0]


def test_idle_stage_reads_the_inputs_and_copies_the_outputs(bench, tmp_path: Path) -> None:
    (tmp_path / "in.json").write_text('{"blocks": []}', encoding="utf-8")
    (tmp_path / "in.txt").write_text("text\n", encoding="utf-8")
    (tmp_path / "out.json").write_text('{"tree": 1}\n', encoding="utf-8")
    files = ["in.json", "in.txt", "--", "out.json"]
    subprocess.run([sys.executable, "-c", bench.IDLE_STAGE, *files], cwd=tmp_path, check=True)
    assert (tmp_path / "out.json.idle").read_bytes() == (tmp_path / "out.json").read_bytes()
    (tmp_path / "in.json").write_text("{broken", encoding="utf-8")  # it does parse its JSON inputs
    command = [sys.executable, "-c", bench.IDLE_STAGE, *files]
    failed = subprocess.run(command, cwd=tmp_path, capture_output=True)
    assert failed.returncode != 0 and b"JSONDecodeError" in failed.stderr


def test_a_batch_book_without_metadata_gets_a_valid_minimal_file(bench, tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "a-history-of-somewhere-12345.txt").write_text("CHAPTER I\n\nText.\n", encoding="utf-8")
    (real / "described-book-7.txt").write_text("CHAPTER I\n\nText.\n", encoding="utf-8")
    written = tmp_path / "metadata"
    written.mkdir()
    (written / "described-book-7.yaml").write_text("title: Described\n", encoding="utf-8")
    directory = tmp_path / "batch"
    bench.batch_workspace(directory, sorted(real.glob("*.txt")), written)
    generated = directory / "raw" / "a-history-of-somewhere-12345.yaml"
    assert load_metadata(generated)["title"] == "A history of somewhere"
    assert (directory / "raw" / "described-book-7.yaml").read_text(encoding="utf-8") == "title: Described\n"
    assert (directory / "raw" / "described-book-7.txt").exists() and (directory / "Snakefile").exists()


def test_the_batch_section_is_replaced_or_put_before_the_notes(bench) -> None:
    section = [bench.BATCH_HEADING, "", "- new figures", ""]
    without = f"# Benchmark results\n\n## Against the targets\n\nrows\n\n{bench.NOTES_HEADING}\n\nnotes\n"
    added = bench.replace_section(without, bench.BATCH_HEADING, section, before=bench.NOTES_HEADING)
    assert added.index("rows") < added.index("- new figures") < added.index("notes")
    old = added.replace("- new figures", "- old figures")
    assert bench.kept_section(old, bench.BATCH_HEADING) == [bench.BATCH_HEADING, "", "- old figures", ""]
    assert bench.replace_section(old, bench.BATCH_HEADING, section, before=bench.NOTES_HEADING) == added
    assert bench.kept_notes(added) == [bench.NOTES_HEADING, "", "notes", ""]
