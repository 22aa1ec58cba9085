"""What every stage's command line shares: argument parsing and user-facing errors."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from pipeline.model import InputError


def run_stage(
    name: str,
    configure: Callable[[argparse.ArgumentParser], None],
    work: Callable[[argparse.Namespace], str | None],
    argv: Sequence[str] | None = None,
) -> int:
    """Parse ``argv``, run ``work`` and turn :class:`InputError` into a one-line message.

    ``work`` may return a short summary, printed as ``[name] summary`` (the build's progress).
    Returns the process exit status: 0 on success, 1 on bad input.
    """
    parser = argparse.ArgumentParser(prog=f"python -m pipeline.{name}")
    configure(parser)
    args = parser.parse_args(argv)
    try:
        summary = work(args)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if summary:
        print(f"[{name}] {summary}", file=sys.stderr)
    return 0
