"""A build resumed after a crash: the lock of a Snakemake run that died (SIGKILL, a power cut) cleared.

Snakemake locks the working folder while it runs (``.snakemake/locks/``) and leaves the lock behind
when it is killed, so the next run would stop until ``snakemake --unlock``. The workflow notes which
process holds the lock when its run starts (:func:`record_owner`), and the next run clears the lock
if that process is no longer running (:func:`clear_stale_lock`). A lock of a run still going, or of
an unknown holder, is left to Snakemake, which refuses to run beside it.
"""

from __future__ import annotations

import json
from pathlib import Path

import psutil

LOCKS = Path(".snakemake/locks")  # Snakemake's, in the folder it runs in
OWNER = "owner.json"  # (Snakemake removes the folder, with this file, when it unlocks)


def record_owner(locks: Path = LOCKS) -> None:
    """Note in ``locks`` that this process holds the lock: its id and when it started."""
    process = psutil.Process()
    owner = {"pid": process.pid, "started": process.create_time()}
    locks.mkdir(parents=True, exist_ok=True)
    (locks / OWNER).write_text(json.dumps(owner), encoding="utf-8")


def running(owner: dict[str, float]) -> bool:
    """Whether the process ``owner`` names is still running (not another that took its id since)."""
    try:
        return abs(psutil.Process(int(owner["pid"])).create_time() - owner["started"]) < 1
    except psutil.Error:
        return False


def clear_stale_lock(locks: Path = LOCKS) -> bool:
    """Remove the lock in ``locks`` if the run holding it died; whether it did."""
    try:
        owner = json.loads((locks / OWNER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if running(owner):
        return False
    for lock in locks.glob("*.lock"):
        lock.unlink(missing_ok=True)
    (locks / OWNER).unlink(missing_ok=True)
    return True
