"""Snakemake run as a user runs it, for the tests that build in a copy of the workflow."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def command(repo_root: Path, *options: str, **environment: str) -> tuple[list[str], dict[str, str]]:
    """The command line running Snakemake with ``options`` with this Python, and its environment:
    the repository's ``pipeline`` package importable, and ``environment`` set."""
    env = dict(os.environ, PYTHONPATH=str(repo_root), **environment)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    return [sys.executable, "-m", "snakemake", *options], env


def snakemake(
    directory: Path, repo_root: Path, *options: str, timeout: int = 900, **environment: str
) -> subprocess.CompletedProcess[str]:
    """Run Snakemake with ``options`` in ``directory`` (:func:`command`), its output captured."""
    arguments, env = command(repo_root, *options, **environment)
    return subprocess.run(arguments, cwd=directory, env=env, capture_output=True, text=True, timeout=timeout)


def start_snakemake(directory: Path, repo_root: Path, *options: str) -> subprocess.Popen[bytes]:
    """Start Snakemake with ``options`` in ``directory`` (:func:`command`) in a process group of its
    own (so it can be killed with its jobs), its output discarded."""
    arguments, env = command(repo_root, *options)
    output = subprocess.DEVNULL
    return subprocess.Popen(
        arguments, cwd=directory, env=env, stdout=output, stderr=output, start_new_session=True
    )
