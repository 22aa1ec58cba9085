"""What every stage's command line shares: argument parsing and user-facing errors."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import NoReturn

from pipeline.model import InputError

M_MXFAST = 1  # glibc's mallopt parameter: the largest block kept in a fast bin


def run_stage(
    name: str,
    configure: Callable[[argparse.ArgumentParser], None],
    work: Callable[[argparse.Namespace], str | None],
    argv: Sequence[str] | None = None,
) -> int:
    """Parse ``argv``, run ``work`` and turn :class:`InputError` and a file system's refusal
    (permission, disk full, a name too long: :class:`OSError`) into a one-line message.

    ``work`` may return a short summary, printed as ``[name] summary`` (the build's progress).
    Returns the process exit status: 0 on success, 1 on bad input or a file that cannot be read or
    written. ``work`` runs with Python's cycle collector paused (see :func:`cycle_collector_paused`).
    """
    parser = argparse.ArgumentParser(prog=f"python -m pipeline.{name}")
    configure(parser)
    args = parser.parse_args(argv)
    try:
        with cycle_collector_paused():
            summary = work(args)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: {file_system_error(error)}", file=sys.stderr)
        return 1
    if summary:
        print(f"[{name}] {summary}", file=sys.stderr)
    return 0


def exit_stage(status: int) -> NoReturn:
    """End a stage's process (``python -m pipeline.<stage>``) with ``status``: its output streams
    flushed, then at once. Python's own ending would scan every object the stage still holds for
    cycles and free them one by one (0.01-0.13 s a stage), for nothing: the process's memory goes
    with it. Every file a stage writes is closed by then (:func:`pipeline.model.io.atomic_output`).
    Under a profiler or a tracer (cProfile, coverage) the process ends as Python ends it, for them
    to write their reports."""
    if sys.getprofile() is not None or sys.gettrace() is not None:
        raise SystemExit(status)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def file_system_error(error: OSError) -> str:
    """What the file system refused, in one line: the file (or files) it named, and why
    (``build/x.epub: Permission denied``, ``No space left on device``, ``File name too long``)."""
    names = [str(name) for name in (error.filename, error.filename2) if name is not None]
    reason = error.strerror or str(error)
    return f"{' → '.join(names)}: {reason}" if names else reason


def fast_bins_off() -> bool:
    """Turn glibc's fast bins off for this process (``mallopt(M_MXFAST, 0)``): a small block freed
    is then merged with its free neighbours at once, instead of waiting, with every other such block,
    for the next larger request to sort them all. After the parse tree of a book's hOCR (a million
    nodes) is freed, that one request took 0.1 s of extract's 0.8 s. Whether they are off (``False``:
    no glibc here, nothing changed)."""
    import ctypes  # (2 ms to import: only for a stage that frees a large tree)

    try:
        return bool(ctypes.CDLL(None).mallopt(M_MXFAST, 0))
    except (OSError, AttributeError, TypeError):  # (no C library by that name, or no mallopt in it)
        return False


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector. A stage builds millions of small objects (blocks, strings,
    element proxies, pandoc's AST) that make no reference cycles, and the collector would scan them
    over and over, finding nothing; the process ends soon after, and its memory with it.

    The objects still held when it resumes are moved to its oldest generation (frozen, then thawed
    there): left in its youngest, all of them would be scanned by its next collection, soon after
    (0.01 s in repair, 0.035 s in correct, for a book of 300 pages)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if was_enabled:
            gc.enable()
