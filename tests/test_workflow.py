"""The Snakemake workflow: books come from raw/; bad input stops it with a message and no partial output."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import html_index
from workflow_run import snakemake as run_snakemake

from pipeline.books import copy_workflow

pytestmark = pytest.mark.slow

BOOK = "bad"


def workspace(tmp_path: Path, repo_root: Path, text: bytes | None, yaml: str | None) -> Path:
    """A copy of the workflow with one book ``bad`` (``None`` leaves that raw file out)."""
    copy_workflow(repo_root, tmp_path)
    raw = tmp_path / "raw"
    raw.mkdir()
    if text is not None:
        (raw / f"{BOOK}.txt").write_bytes(text)
    if yaml is not None:
        (raw / f"{BOOK}.yaml").write_text(yaml, encoding="utf-8")
    return tmp_path


def snakemake(directory: Path, repo_root: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """Run Snakemake in ``directory`` on one core (:func:`workflow_run.snakemake`)."""
    return run_snakemake(directory, repo_root, "--cores", "1", *options, timeout=300)


def outputs(directory: Path) -> list[str]:
    """Every file under build/ and tei/ but the jobs' logs (build/logs/), relative to ``directory``."""
    return sorted(
        str(path.relative_to(directory))
        for folder in ("build", "tei")
        for path in (directory / folder).rglob("*")
        if path.is_file() and not path.is_relative_to(directory / "build" / "logs")
    )


def log(directory: Path, rule: str) -> str:
    """The log of ``rule``'s job for the book."""
    return (directory / "build" / "logs" / rule / f"{BOOK}.log").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b"", "error: raw/bad.txt: the file is empty"),
        (b"\n  \n\t\n", "error: raw/bad.txt: the file holds only whitespace"),
        (b"SOVIET FOREIGN POLICY\x00\x00\x01\x02\x03", "error: raw/bad.txt:1: binary data, not text"),
        (
            "Volume I\n\nThe Entente's plan\u2014and Clemenceau's\n".encode("utf-16"),
            "error: raw/bad.txt: the file is UTF-16",
        ),
        (
            "SOVIET FOREIGN POLICY\n\nThe caf\u00e9 on the Quai d'Orsay\n".encode("cp1252"),
            "error: raw/bad.txt:3: not valid UTF-8 (byte 0xE9",
        ),
    ],
    ids=["empty", "whitespace", "binary", "utf-16", "latin-1"],
)
def test_bad_text_stops_the_build(
    tmp_path: Path, repo_root: Path, raw_metadata: Path, text: bytes, expected: str
) -> None:
    directory = workspace(tmp_path, repo_root, text, raw_metadata.read_text(encoding="utf-8"))
    result = snakemake(directory, repo_root)
    assert result.returncode != 0
    assert expected in result.stderr
    assert expected in log(directory, "normalise")
    assert log(directory, "metadata").startswith("[metadata] raw/bad.yaml: valid")
    # Only the metadata check (run first, and successful) may have left its output.
    assert outputs(directory) == ["build/bad/metadata.json"]


def test_bad_metadata_stops_the_build_first(tmp_path: Path, repo_root: Path, raw_metadata: Path) -> None:
    yaml = raw_metadata.read_text(encoding="utf-8").replace("publisher: Progress Publishers\n", "")
    directory = workspace(tmp_path, repo_root, b"SOVIET FOREIGN POLICY\n\nVolume I\n", yaml)
    result = snakemake(directory, repo_root)
    assert result.returncode != 0
    assert "error: raw/bad.yaml: missing required field 'publisher'" in result.stderr
    assert "error: raw/bad.yaml: missing required field 'publisher'" in log(directory, "metadata")
    assert outputs(directory) == []


def test_metadata_type_error_names_the_line(tmp_path: Path, repo_root: Path, raw_metadata: Path) -> None:
    yaml = raw_metadata.read_text(encoding="utf-8").replace("year: 1981", "year: '19801'")
    line = yaml.split("\n").index("year: '19801'") + 1
    directory = workspace(tmp_path, repo_root, b"SOVIET FOREIGN POLICY\n", yaml)
    result = snakemake(directory, repo_root)
    assert result.returncode != 0
    assert f"error: raw/bad.yaml:{line}: field 'year' must be an integer, got '19801'" in result.stderr
    assert outputs(directory) == []


@pytest.mark.parametrize(
    ("has_text", "expected"),
    [
        (True, "error: raw/bad.txt has no metadata: write raw/bad.yaml"),
        (False, "error: raw/bad.yaml has no text"),
    ],
    ids=["txt-without-yaml", "yaml-without-txt"],
)
def test_unpaired_raw_file(
    tmp_path: Path, repo_root: Path, raw_metadata: Path, has_text: bool, expected: str
) -> None:
    text, yaml = (
        (b"SOVIET FOREIGN POLICY\n", None) if has_text else (None, raw_metadata.read_text(encoding="utf-8"))
    )
    directory = workspace(tmp_path, repo_root, text, yaml)
    result = snakemake(directory, repo_root, "--dry-run")
    assert result.returncode != 0
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_books_come_from_raw(tmp_path: Path, repo_root: Path, raw_book: Path, raw_metadata: Path) -> None:
    directory = workspace(tmp_path, repo_root, raw_book.read_bytes(), raw_metadata.read_text("utf-8"))
    (directory / "raw" / "second.txt").write_bytes(raw_book.read_bytes())
    shutil.copy(raw_metadata, directory / "raw" / "second.yaml")
    result = snakemake(directory, repo_root, "--dry-run")
    assert result.returncode == 0, result.stderr
    for book in (BOOK, "second"):
        for target in (
            f"tei/{book}.xml",
            f"build/{book}.epub",
            html_index(book),
            f"build/{book}.report.html",
        ):
            assert target in result.stdout
    for rule in ("metadata", "normalise", "repair", "structure", "encode", "render", "report"):
        assert f"rule {rule}:" in result.stdout


def test_the_report_reads_the_stages_logs_not_their_data(
    tmp_path: Path, repo_root: Path, raw_book: Path
) -> None:
    directory = workspace(tmp_path, repo_root, raw_book.read_bytes(), "title: x\n")
    result = snakemake(directory, repo_root, "--dry-run", "--printshellcmds")
    assert result.returncode == 0, result.stderr
    (command,) = [line for line in result.stdout.splitlines() if "python -m pipeline.report" in line]
    changes = " ".join(
        f"build/{BOOK}/{stage}.changes.jsonl" for stage in ("normalise", "repair", "structure", "correct")
    )
    review = " ".join(f"build/{BOOK}/{stage}.review.jsonl" for stage in ("repair", "structure"))
    assert f"--changes {changes} --review {review} --evidence build/{BOOK}/structure.evidence.json" in command
    assert f"--input-evidence build/{BOOK}/input.json" in command
    assert not any(data in command for data in ("repaired.json", "structure.json", "corrected.json"))
    repair_logs = f"--changes build/{BOOK}/repair.changes.jsonl --review build/{BOOK}/repair.review.jsonl"
    assert any(
        "python -m pipeline.repair" in line and repair_logs in line for line in result.stdout.splitlines()
    )


def test_paths_and_pandoc_come_from_the_config(tmp_path: Path, repo_root: Path, raw_book: Path) -> None:
    directory = workspace(tmp_path, repo_root, raw_book.read_bytes(), "title: x\n")
    settings = ["build=out", "tei=editions", "logs=journal", "pandoc=/opt/pandoc 3/pandoc"]
    result = snakemake(directory, repo_root, "--dry-run", "--printshellcmds", "--config", *settings)
    assert result.returncode == 0, result.stderr
    for target in ("editions/bad.xml", "out/bad.epub", html_index("bad", "out"), "journal/render/bad.log"):
        assert target in result.stdout
    assert "PYPANDOC_PANDOC='/opt/pandoc 3/pandoc' python -m pipeline.render" in result.stdout
    assert "build/" not in result.stdout


def test_the_logs_follow_the_build_folder(tmp_path: Path, repo_root: Path, raw_book: Path) -> None:
    directory = workspace(tmp_path, repo_root, raw_book.read_bytes(), "title: x\n")
    result = snakemake(
        directory, repo_root, "--dry-run", "--printshellcmds", "--config", "build=/scratch/build"
    )
    assert result.returncode == 0, result.stderr
    assert "/scratch/build/logs/render/bad.log" in result.stdout
    assert "build/logs" not in result.stdout.replace("/scratch/build/logs", "")


def test_a_bad_setting_stops_the_build_before_any_job(tmp_path: Path, repo_root: Path) -> None:
    directory = workspace(tmp_path, repo_root, b"SOVIET FOREIGN POLICY\n", "title: x\n")
    result = snakemake(directory, repo_root, "--dry-run", "--config", "build=")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Error validating config file" in output and "schema['properties']['build']" in output
    assert not (directory / "build").exists()


def test_checks_run_only_when_the_config_lists_them(tmp_path: Path, repo_root: Path, raw_book: Path) -> None:
    directory = workspace(tmp_path, repo_root, raw_book.read_bytes(), "title: x\n")
    plain = snakemake(directory, repo_root, "--dry-run", "--printshellcmds")
    checked = snakemake(directory, repo_root, "--dry-run", "--printshellcmds", "--config", "checks=[tei]")
    assert plain.returncode == 0 and checked.returncode == 0, plain.stderr + checked.stderr
    assert "rule check:" not in plain.stdout
    assert "python -m pipeline.check --tei tei/bad.xml --output build/bad.checks.txt" in checked.stdout
