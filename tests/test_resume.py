"""A killed build resumed (pipeline/resume.py): the lock of a dead run is cleared, a live run's kept.

The whole of it, a build killed at three moments and resumed, is tested in tests/test_workflow.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import psutil

from pipeline.resume import OWNER, clear_stale_lock, record_owner


def locked(tmp_path: Path) -> Path:
    """A lock folder as Snakemake leaves it, with its two lock files."""
    locks = tmp_path / ".snakemake" / "locks"
    locks.mkdir(parents=True)
    for name in ("0.input.lock", "0.output.lock"):
        (locks / name).write_text("build/x.epub\n", encoding="utf-8")
    return locks


def test_the_lock_of_a_running_process_is_kept(tmp_path: Path) -> None:
    locks = locked(tmp_path)
    record_owner(locks)
    assert json.loads((locks / OWNER).read_text(encoding="utf-8"))["pid"] == os.getpid()
    assert not clear_stale_lock(locks)
    assert sorted(path.name for path in locks.iterdir()) == ["0.input.lock", "0.output.lock", OWNER]


def test_the_lock_of_a_dead_process_is_cleared(tmp_path: Path) -> None:
    locks = locked(tmp_path)
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    started = psutil.Process(process.pid).create_time()
    process.wait()
    (locks / OWNER).write_text(json.dumps({"pid": process.pid, "started": started}), encoding="utf-8")
    assert clear_stale_lock(locks)
    assert list(locks.iterdir()) == []


def test_a_process_id_taken_by_another_process_since_clears_the_lock(tmp_path: Path) -> None:
    """After a power cut, the id of the dead run may be a new process's: its start time tells."""
    locks = locked(tmp_path)
    (locks / OWNER).write_text(json.dumps({"pid": os.getpid(), "started": 1.0}), encoding="utf-8")
    assert clear_stale_lock(locks)


def test_a_lock_of_unknown_holder_is_left_to_snakemake(tmp_path: Path) -> None:
    locks = locked(tmp_path)
    assert not clear_stale_lock(locks)
    assert len(list(locks.iterdir())) == 2
    assert not clear_stale_lock(tmp_path / "none")
