"""The Snakemake workflow: books come from raw/; bad input stops it with a message and no partial output;
a build killed midway resumes with a plain run."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import html_index
from workflow_run import snakemake as run_snakemake
from workflow_run import start_snakemake

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
    assert f"--text raw/{BOOK}.txt" in command  # the file the logs' line numbers count
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


# --- a build killed, then resumed by a plain run ---------------------------------------------------

KILLED = "killed"
# The moments a build is killed at: when this file (or temporary folder) first appears.
MOMENTS = {
    "text-stages": f"build/{KILLED}/normalised.txt",  # repair running
    "editions": f"build/{KILLED}/corrected.json",  # encode and chronology running
    "render": f"build/.{KILLED}.epub.part",  # render midway, its temporary folders there
}


def killed_workspace(directory: Path, repo_root: Path, raw_book: Path, raw_metadata: Path) -> Path:
    """A copy of the workflow with one book, the first 3000 lines of the first book (12 s to build)."""
    copy_workflow(repo_root, directory)
    (directory / "raw").mkdir()
    lines = raw_book.read_text(encoding="utf-8").split("\n")[:3000]
    (directory / "raw" / f"{KILLED}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copy(raw_metadata, directory / "raw" / f"{KILLED}.yaml")
    return directory


def contents(directory: Path) -> dict[str, bytes]:
    """Every file under build/ and tei/ but the jobs' logs (which time the stages), with its bytes."""
    return {name: (directory / name).read_bytes() for name in outputs(directory)}


def temporary(directory: Path) -> list[str]:
    """The temporary files and folders under build/ and tei/ (their names open with a dot)."""
    return sorted(
        str(path.relative_to(directory))
        for folder in ("build", "tei")
        for path in (directory / folder).rglob(".*")
    )


@pytest.fixture(scope="module")
def clean_build(
    tmp_path_factory: pytest.TempPathFactory, repo_root: Path, raw_book: Path, raw_metadata: Path
) -> dict[str, bytes]:
    directory = killed_workspace(tmp_path_factory.mktemp("clean"), repo_root, raw_book, raw_metadata)
    result = run_snakemake(directory, repo_root, "--cores", "2")
    assert result.returncode == 0, result.stderr[-3000:]
    return contents(directory)


@pytest.mark.parametrize("moment", MOMENTS)
def test_a_killed_build_resumes_with_a_plain_run(
    tmp_path: Path,
    repo_root: Path,
    raw_book: Path,
    raw_metadata: Path,
    clean_build: dict[str, bytes],
    moment: str,
) -> None:
    """SIGKILL to Snakemake and its jobs at a moment of the build, then `snakemake --cores 2`: the
    stale lock is cleared, the incomplete jobs run again, the outputs are those of a clean build,
    and no temporary file is left."""
    directory = killed_workspace(tmp_path, repo_root, raw_book, raw_metadata)
    build = start_snakemake(directory, repo_root, "--cores", "2")
    deadline = time.monotonic() + 300
    while not (directory / MOMENTS[moment]).exists() and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()
    assert build.returncode == -signal.SIGKILL, "the build ended before the moment came"
    assert list((directory / ".snakemake" / "locks").glob("*.lock"))  # the lock left behind
    assert moment != "render" or temporary(directory)  # and the render's temporary folders
    resumed = run_snakemake(directory, repo_root, "--cores", "2")
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert "Cleared the lock of a Snakemake run that is no longer running." in resumed.stderr
    resumed_outputs = contents(directory)
    assert sorted(resumed_outputs) == sorted(clean_build)
    assert [name for name in clean_build if resumed_outputs[name] != clean_build[name]] == []
    assert temporary(directory) == []
