"""The stages' shared command line (pipeline/cli.py): progress line, user-facing errors, the collector."""

from __future__ import annotations

import argparse
import gc

import pytest

from pipeline.cli import run_stage
from pipeline.model import InputError


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
