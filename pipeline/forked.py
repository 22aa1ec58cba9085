"""Work parted in runs, done by processes side by side: each run but the last by a process forked
from this one, the last by this one meanwhile.

A forked process starts with this one's memory, so what a run is read from (a book's lexicon, a
parsed OCR file) is neither copied nor sent: each process is told only which run is its own, and
sends back what it read. Where the system cannot fork (Windows), every run is read here, one after
another. The correct stage reads a book's places so, and the extract stage its OCR
files' pages.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# What a forked process reads: the reading and the runs, set as it starts (inherited, not sent).
_forked: tuple[Callable[[Any], list[Any]], Sequence[Any]] | None = None


def read_in_runs(read: Callable[[Item], list[Result]], runs: Sequence[Item]) -> list[Result]:
    """``read(run)`` of each of ``runs``, joined in order; the runs read by processes side by side."""
    if len(runs) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [result for run in runs for result in read(run)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(len(runs) - 1, context, initializer=_keep, initargs=(read, runs)) as pool:
        forked = [pool.submit(_read_run, index) for index in range(len(runs) - 1)]
        last = read(runs[-1])
        return [result for future in forked for result in future.result()] + last


def _keep(read: Callable[[Any], list[Any]], runs: Sequence[Any]) -> None:
    global _forked
    _forked = (read, runs)


def _read_run(index: int) -> list[Any]:
    assert _forked is not None
    read, runs = _forked
    return read(runs[index])
