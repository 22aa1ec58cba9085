"""Snakemake run as a user runs it, for the tests that build in a copy of the workflow."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def snakemake(
    directory: Path, repo_root: Path, *options: str, timeout: int = 900, **environment: str
) -> subprocess.CompletedProcess[str]:
    """Run Snakemake with ``options`` in ``directory``, with this Python and the repository's
    ``pipeline`` package (and ``environment`` set), its output captured."""
    env = dict(os.environ, PYTHONPATH=str(repo_root), **environment)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    command = [sys.executable, "-m", "snakemake", *options]
    return subprocess.run(command, cwd=directory, env=env, capture_output=True, text=True, timeout=timeout)
