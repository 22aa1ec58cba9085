"""The SLURM profile (profiles/slurm) is valid: Snakemake loads it, with the official plugin, for a dry run.

A dry run needs no cluster (the plugin calls ``sbatch`` only to submit), so this runs anywhere the
plugin is installed. The S3 storage plugin cannot be exercised without a bucket; the test checks that
Snakemake has loaded it (its ``--storage-s3-*`` options exist).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from workflow_run import snakemake

from pipeline.books import copy_workflow

pytestmark = pytest.mark.slow


def test_slurm_profile_dry_run(tmp_path: Path, repo_root: Path, raw_book: Path, raw_metadata: Path) -> None:
    copy_workflow(repo_root, tmp_path)
    shutil.copytree(repo_root / "profiles", tmp_path / "profiles", dirs_exist_ok=True)  # (has default/)
    (tmp_path / "raw").mkdir()
    for book in ("one", "two"):
        shutil.copy(raw_book, tmp_path / "raw" / f"{book}.txt")
        shutil.copy(raw_metadata, tmp_path / "raw" / f"{book}.yaml")
    result = snakemake(tmp_path, repo_root, "--profile", "profiles/slurm", "--dry-run")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "Using profiles profiles/slurm and workflow specific profile profiles/default" in output
    assert "This was a dry-run" in output
    # The profile's resources reach the jobs the plugin would submit.
    assert "runtime=60" in output  # render
    assert "mem_mb=1000" in output  # every other stage
    for book in ("one", "two"):
        assert f"build/{book}.epub" in output
    assert not (tmp_path / "build").exists()


def test_s3_storage_plugin_is_available(tmp_path: Path, repo_root: Path) -> None:
    result = snakemake(tmp_path, repo_root, "--help")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "--storage-s3-endpoint-url" in result.stdout
