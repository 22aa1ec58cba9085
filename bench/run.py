"""Benchmark the build: per-stage time and peak memory, against bare pandoc, on the book and on ten times it.

    python bench/run.py                      # every book stage, cold, in a temporary copy of the workflow
    python bench/run.py --book other-book    # another raw/<book>.txt + .yaml
    python bench/run.py --results -          # print only, do not rewrite bench/RESULTS.md

The stage commands are taken from the workflow itself (``snakemake --dry-run --printshellcmds``), so the
benchmark follows the workflow as it changes; each runs as its own process, like in a real build,
and is timed with its peak resident memory (``os.wait4``). Validators are not part of the build and
are not run. The baseline is the same machine's bare pandoc conversion of the raw text (markdown →
EPUB 3 and markdown → standalone HTML) with pypandoc's pandoc binary, timed in the same run.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pypandoc

from pipeline.books import copy_workflow

REPO = Path(__file__).resolve().parents[1]
DEFAULT_BOOK = "soviet-foreign-policy-vol1"
GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else ""
TEXT_STAGES = ("normalise", "repair", "structure", "encode")  # the stages that read and write the text
COPIES = 10
CHAPTER_LINE = re.compile(r"^(-?CHAPTER )([IVXLC]+)$", re.MULTILINE)
ROMAN = [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
TARGETS = {
    "cold build / bare pandoc": "≤ 1.0",
    "text stages MB/s": "≥ 5",
    "10x time ratio": "≤ 11",
    "10x peak memory": "< 1024 MB",
}


@dataclass
class Run:
    """One timed process: what ran, its wall-clock seconds, its peak resident memory in MB."""

    name: str
    seconds: float
    peak_mb: float
    startup: float | None = None  # of the seconds, those of starting Python and importing the stage
    floor: float | None = (
        None  # seconds of a process that only reads the stage's inputs and writes its outputs
    )


def timed(name: str, command: list[str], cwd: Path, env: dict[str, str]) -> Run:
    """Run ``command`` and measure it; stop the benchmark if it fails.

    Peak memory comes from GNU time where installed (the command's own peak), else from ``wait4``
    (which may also count what the child inherited from this process at fork).
    """
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        wrapped = [GNU_TIME, "-f", "%M", "-o", report.name, *command] if GNU_TIME else command
        start = time.perf_counter()
        process = subprocess.Popen(wrapped, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)  # ru_maxrss is in KiB on Linux
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        _, stderr = process.communicate()
        if process.returncode != 0:
            sys.exit(f"bench: {name} failed ({process.returncode}):\n{stderr.decode(errors='replace')}")
        peak_kib = int(report.read().split()[-1]) if GNU_TIME else usage.ru_maxrss
    return Run(name, seconds, peak_kib / 1024)


def environment() -> dict[str, str]:
    """The environment a build gets: this Python first on PATH, the repository's package importable."""
    env = dict(os.environ, PYTHONPATH=str(REPO), SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH", "0"))
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    return env


def workspace(root: Path, book: str, text: str, metadata: Path, data_files: bool) -> Path:
    """A fresh copy of the workflow holding one book; ``data_files``: with the book's other per-book
    files (its corrections), which only fit the book's own text."""
    directory = root / book
    (directory / "raw").mkdir(parents=True)
    copy_workflow(REPO, directory)
    (directory / "raw" / f"{book}.txt").write_text(text, encoding="utf-8")
    shutil.copy(metadata, directory / "raw" / f"{book}.yaml")
    for extra in metadata.parent.glob(f"{metadata.stem}.*") if data_files else []:
        if extra.name not in (f"{metadata.stem}.txt", metadata.name):
            shutil.copy(extra, directory / "raw" / extra.name)
    return directory


@dataclass
class Job:
    """One job of the build: its rule, shell command, the files it reads and writes, and its log."""

    rule: str
    command: str
    inputs: set[str]
    outputs: set[str]
    logs: set[str]


def stage_commands(directory: Path, env: dict[str, str]) -> list[Job]:
    """Every job of a cold build that runs a command, each after the jobs whose outputs it reads."""
    result = subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "1", "--dry-run", "--printshellcmds", "--forceall"],
        cwd=directory,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    jobs: list[Job] = []
    for line in result.stdout.splitlines():
        if match := re.match(r"(?:local)?rule (\w+):", line):
            jobs.append(Job(match.group(1), "", set(), set(), set()))
        elif jobs and (match := re.match(r"\s+(input|output|log): (.*)", line)):
            setattr(jobs[-1], f"{match.group(1)}s", set(match.group(2).split(", ")))
        elif jobs and line.startswith("Shell command: ") and line != "Shell command: None":
            jobs[-1].command = line.removeprefix("Shell command: ").strip()
    ordered: list[Job] = []
    done: set[str] = set()
    pending = [job for job in jobs if job.command]
    produced = set().union(*(job.outputs for job in pending))
    while pending:
        ready = [job for job in pending if not (job.inputs & produced) - done]
        if not ready:
            sys.exit("bench: cannot order the jobs of the dry run")
        for job in ready:
            ordered.append(job)
            done |= job.outputs
            pending.remove(job)
    return ordered


STAGE_MODULE = re.compile(r"\bpython -m (pipeline\.\w+)")


# A stage that does no work: it reads and parses its inputs, and writes its outputs' bytes (copied
# from the real build, so JSON encoding is not even counted). Python's start-up and these reads and
# writes are what any stage built as its own process must spend: the floor under a stage's time.
IDLE_STAGE = """
import json, sys
inputs, outputs = sys.argv[1:sys.argv.index("--")], sys.argv[sys.argv.index("--") + 1:]
for name in inputs:
    with open(name, encoding="utf-8") as handle:
        json.load(handle) if name.endswith(".json") else handle.read()
for name in outputs:
    with open(name, "rb") as real, open(name + ".idle", "wb") as copy:
        copy.write(real.read())
"""


def build(directory: Path, env: dict[str, str]) -> list[Run]:
    """Run each stage of a cold build as its own process; time apart its start-up (Python and the
    stage's imports, nothing else) and, for the text stages, the floor (:data:`IDLE_STAGE`)."""
    runs = []
    for job in stage_commands(directory, env):
        for log in job.logs:  # Snakemake makes the log's folder before a job runs
            (directory / log).parent.mkdir(parents=True, exist_ok=True)
        run = timed(job.rule, ["sh", "-c", job.command], directory, env)
        if module := STAGE_MODULE.search(job.command):
            start = timed(job.rule, [sys.executable, "-c", f"import {module.group(1)}"], directory, env)
            run.startup = start.seconds
        if job.rule in TEXT_STAGES:
            files = [*sorted(job.inputs), "--", *sorted(job.outputs)]
            run.floor = timed(job.rule, [sys.executable, "-c", IDLE_STAGE, *files], directory, env).seconds
        runs.append(run)
    return runs


def pandoc_baseline(directory: Path, raw: Path, env: dict[str, str]) -> list[Run]:
    """Time the bare pandoc conversions of the raw text: markdown → EPUB 3 and → standalone HTML."""
    pandoc = pypandoc.get_pandoc_path()
    out = directory / "pandoc"
    out.mkdir()
    return [
        timed(
            "pandoc → EPUB",
            [pandoc, "-f", "markdown", "-t", "epub3", str(raw), "-o", str(out / "b.epub")],
            directory,
            env,
        ),
        timed(
            "pandoc → HTML",
            [
                pandoc,
                "-f",
                "markdown",
                "-t",
                "html5",
                "-s",
                "--metadata",
                "title=bench",
                str(raw),
                "-o",
                str(out / "b.html"),
            ],
            directory,
            env,
        ),
    ]


def roman(number: int) -> str:
    digits = ""
    for value, letters in ROMAN:
        while number >= value:
            digits += letters
            number -= value
    return digits


def from_roman(digits: str) -> int:
    values = dict((letters, value) for value, letters in ROMAN if len(letters) == 1)
    total = 0
    for index, letter in enumerate(digits):
        value = values[letter]
        following = values[digits[index + 1]] if index + 1 < len(digits) else 0
        total += -value if value < following else value
    return total


def tenfold(text: str, copies: int = COPIES) -> str:
    """The book ``copies`` times as long: front matter once, then the chapters again and again.

    Each copy's ``CHAPTER <n>`` lines are renumbered past the previous copy's, so every chapter keeps
    a distinct label; the back matter (from the last chapter's end on) comes once, at the end.
    """
    labels = list(CHAPTER_LINE.finditer(text))
    if not labels:
        return "\n".join([text.rstrip("\n")] * copies) + "\n"
    start = labels[0].start()
    back = text.find("\nCHRONOLOGY", labels[-1].end())
    end = back + 1 if back >= 0 else len(text)
    chapters = text[start:end]
    count = max(from_roman(label.group(2)) for label in labels)
    body = [
        CHAPTER_LINE.sub(lambda m, k=k: m.group(1) + roman(from_roman(m.group(2)) + k * count), chapters)
        for k in range(copies)
    ]
    return (
        text[:start] + "".join(part if part.endswith("\n\n") else part + "\n\n" for part in body) + text[end:]
    )


def machine() -> list[str]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    pandoc = pypandoc.get_pandoc_version()
    return [
        f"- CPU: {cpu}, {os.cpu_count()} logical cores (`nproc` {len(os.sched_getaffinity(0))})",
        f"- RAM: {memory:.1f} GiB; OS: {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}, pandoc {pandoc} (pypandoc-binary)",
        "- load average before the run (1, 5, 15 min): {:.2f}, {:.2f}, {:.2f}".format(*os.getloadavg()),
    ]


def snakemake_build(directory: Path, env: dict[str, str]) -> Run:
    """The build as an editor runs it: ``snakemake --cores all`` in a fresh copy (jobs side by side)."""
    command = [sys.executable, "-m", "snakemake", "--cores", "all", "--quiet"]
    return timed("snakemake --cores all", command, directory, env)


@dataclass
class Measured:
    """One book's figures: each stage, the bare pandoc runs, the raw text's bytes, the whole build."""

    stages: list[Run]
    baseline: list[Run]
    size: int
    snakemake: Run

    @property
    def build_ratio(self) -> float:
        return total(self.stages) / total(self.baseline)

    @property
    def wall_clock_ratio(self) -> float:
        return self.snakemake.seconds / total(self.baseline)

    @property
    def text_speed(self) -> float:
        """MB of raw text per second of the text stages."""
        return self.size / 1e6 / total(self.stages, TEXT_STAGES)


def compile_package() -> None:
    """Write the package's bytecode first, as an installed package has it: with
    ``PYTHONDONTWRITEBYTECODE`` set, every stage would otherwise compile its modules anew."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "pipeline")], check=True)


def measure(root: Path, book: str, text: str, metadata: Path, data_files: bool = True) -> Measured:
    env = environment()
    directory = workspace(root / "stages", book, text, metadata, data_files)
    stages = build(directory, env)
    baseline = pandoc_baseline(directory, directory / "raw" / f"{book}.txt", env)
    whole = snakemake_build(workspace(root / "snakemake", book, text, metadata, data_files), env)
    return Measured(stages, baseline, len(text.encode("utf-8")), whole)


def total(runs: list[Run], names: tuple[str, ...] | None = None) -> float:
    return sum(run.seconds for run in runs if names is None or run.name in names)


def table(label: str, book: Measured) -> list[str]:
    rows = [
        f"### {label} ({book.size / 1e6:.2f} MB of raw text)",
        "",
        "| step | seconds | of which start-up and imports | peak MB |",
        "|---|---:|---:|---:|",
    ]
    rows += [
        f"| {run.name} | {run.seconds:.2f} | {'' if run.startup is None else f'{run.startup:.2f}'}"
        f" | {run.peak_mb:.0f} |"
        for run in book.stages + book.baseline
    ]
    text_stages = [run for run in book.stages if run.name in TEXT_STAGES]
    startup = sum(run.startup or 0 for run in text_stages)
    work = total(text_stages) - startup
    floor = sum(run.floor or 0 for run in text_stages)
    rows += [
        "",
        f"- cold build, stage by stage (all stages one after another, validators excluded):"
        f" {total(book.stages):.2f} s; bare pandoc (EPUB + HTML): {total(book.baseline):.2f} s;"
        f" **ratio {book.build_ratio:.2f}** (target {TARGETS['cold build / bare pandoc']})",
        f"- cold build by `snakemake --cores all` (wall clock, jobs side by side, Snakemake's own start"
        f" included): {book.snakemake.seconds:.2f} s; **ratio {book.wall_clock_ratio:.2f}**",
        f"- text stages ({', '.join(run.name for run in text_stages)}):"
        f" {total(text_stages):.2f} s,"
        f" **{book.text_speed:.2f} MB/s** (target {TARGETS['text stages MB/s']});"
        f" of which Python's start-up and the stages' imports {startup:.2f} s, their work"
        f" {work:.2f} s ({book.size / 1e6 / work:.2f} MB/s)",
        f"- floor of the text stages (the same processes doing no work: Python's start-up, reading and"
        f" parsing each stage's inputs, writing its outputs): {floor:.2f} s,"
        f" {book.size / 1e6 / floor:.2f} MB/s",
        f"- peak memory of any stage: {max(run.peak_mb for run in book.stages):.0f} MB",
        "",
    ]
    return rows


NOTES_HEADING = "## Notes (by hand; bench/run.py keeps this section when it rewrites the file)"


def met(ok: bool) -> str:
    return "yes" if ok else "no"


def against_targets(one: Measured, ten: Measured) -> list[str]:
    """The benchmark's targets, each with the measured figure and whether it is met."""
    rows = ["## Against the targets", "", "| target | measured | met? |", "|---|---|---|"]
    rows.append(
        f"| cold build (validators excluded) ≤ bare pandoc | stage by stage {total(one.stages):.2f} s vs"
        f" {total(one.baseline):.2f} s: ratio {one.build_ratio:.2f} (x{COPIES}: {ten.build_ratio:.2f});"
        f" by Snakemake: ratio {one.wall_clock_ratio:.2f} (x{COPIES}: {ten.wall_clock_ratio:.2f})"
        f" | {met(max(one.build_ratio, ten.build_ratio) <= 1.0)} |"
    )
    rows.append(
        f"| text stages ≥ 5 MB/s | {one.text_speed:.2f} MB/s (x{COPIES}: {ten.text_speed:.2f} MB/s)"
        f" | {met(min(one.text_speed, ten.text_speed) >= 5)} |"
    )
    ratio = total(ten.stages) / total(one.stages)
    text_ratio = total(ten.stages, TEXT_STAGES) / total(one.stages, TEXT_STAGES)
    rows.append(
        f"| x{COPIES} text in ≤ 11x the time | {ratio:.2f}x (text stages {text_ratio:.2f}x)"
        f" | {met(ratio <= 11)} |"
    )
    peak = max(ten.stages, key=lambda run: run.peak_mb)
    rows.append(
        f"| x{COPIES} peak memory < 1 GB | {peak.peak_mb:.0f} MB ({peak.name}) | {met(peak.peak_mb < 1024)} |"
    )
    return [*rows, ""]


def kept_notes(path: Path) -> list[str]:
    """The hand-written notes section of an earlier results file, to carry over."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return []
    start = text.find(NOTES_HEADING)
    return [*text[start:].rstrip("\n").split("\n"), ""] if start >= 0 else []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--book", default=DEFAULT_BOOK, help="a book in raw/ (default: %(default)s)")
    parser.add_argument(
        "--results",
        default=str(REPO / "bench" / "RESULTS.md"),
        help="markdown file to write the figures to, or '-' for none (default: bench/RESULTS.md)",
    )
    args = parser.parse_args()
    raw = REPO / "raw" / f"{args.book}.txt"
    metadata = raw.with_suffix(".yaml")
    text = raw.read_text(encoding="utf-8")
    about = machine()  # before the runs, so the load average is the machine's own
    compile_package()
    with tempfile.TemporaryDirectory(prefix="ocr-bench-") as scratch:
        root = Path(scratch)
        print(f"bench: building {args.book} cold …", file=sys.stderr)
        one = measure(root / "one", args.book, text, metadata)
        print(f"bench: building {args.book} x{COPIES} cold …", file=sys.stderr)
        # (without the corrections: each of their contexts occurs ten times in the tenfold text)
        ten = measure(root / "ten", args.book, tenfold(text), metadata, data_files=False)
    ratio = total(ten.stages) / total(one.stages)
    text_ratio = total(ten.stages, TEXT_STAGES) / total(one.stages, TEXT_STAGES)
    peak = max(run.peak_mb for run in ten.stages)
    lines = [
        "# Benchmark results",
        "",
        f"Measured by `python bench/run.py` on {time.strftime('%Y-%m-%d', time.gmtime())}:",
        "",
        *about,
        "",
        "Each stage runs as its own process, as in a build (so every figure includes Python's start-up",
        "and imports); the commands come from the workflow. Peak memory is the process's peak RSS.",
        "",
        *table(f"{args.book}", one),
        *table(f"{args.book} x{COPIES} (chapters repeated with distinct labels)", ten),
        "### Scaling",
        "",
        f"- x{COPIES} text: cold build {ratio:.2f}x the time (target {TARGETS['10x time ratio']});"
        f" text stages {text_ratio:.2f}x",
        f"- x{COPIES} text: peak memory {peak:.0f} MB (target {TARGETS['10x peak memory']})",
        "",
        *against_targets(one, ten),
    ]
    if args.results != "-":
        lines += kept_notes(Path(args.results))
    report = "\n".join(lines)
    print(report)
    if args.results != "-":
        Path(args.results).write_text(report, encoding="utf-8")
        print(f"bench: figures written to {args.results}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
