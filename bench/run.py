"""Benchmark the build: per-stage time and peak memory, against bare pandoc, on the book and on ten times it.

    python bench/run.py                      # every book stage, cold, in a temporary copy of the workflow
    python bench/run.py --book other-book    # another raw/<book>.txt + .yaml
    python bench/run.py --results -          # print only, do not rewrite bench/RESULTS.md
    python bench/run.py --batch-only         # only the batch: every ../shared/real/*.txt in one build
    python bench/run.py --real DIR           # the batch's books from DIR/*.txt (default ../shared/real)
    python bench/run.py --scans-only         # only the structured OCR: Tesseract a page, a 300-page hOCR book

The stage commands are taken from the workflow itself (``snakemake --dry-run --printshellcmds``), so the
benchmark follows the workflow as it changes; each runs as its own process, like in a real build,
and is timed with its peak resident memory (``os.wait4``). Validators are not part of the build and
are not run. The baseline is the same machine's bare pandoc conversion of the raw text (markdown →
EPUB 3 and markdown → standalone HTML) with pypandoc's pandoc binary, timed in the same run.

The batch builds many books at once, as an editor with a folder of books does: one
``snakemake --cores all`` over every ``DIR/*.txt``, each with its metadata from
``tests/data/real/<book>.yaml`` where there is one, else a minimal one (:func:`minimal_metadata`).
It reports books per minute, the peak memory of the largest process and of the whole process tree.

The structured-OCR section (:mod:`bench.scans`) times Tesseract on a few pages, and the cleanup
(every stage after OCR) of a 300-page hOCR book against bare pandoc on its plain text.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
import pypandoc

from pipeline.books import copy_workflow

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scans

REPO = Path(__file__).resolve().parents[1]
DEFAULT_BOOK = "soviet-foreign-policy-vol1"
DEFAULT_REAL = REPO.parent / "shared" / "real"  # the batch's books
REAL_METADATA = REPO / "tests" / "data" / "real"  # their metadata, <book>.yaml, where written
SAMPLE_SECONDS = 0.1  # how often the batch's process tree is measured
BATCH_HEADING = "## Batch: the real books in one build"
GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else ""
CORRECTOR_STAGE = "correct"  # the stage of the misreading corrector (its time per MB is reported)
TEXT_STAGES = (
    "extract",
    "normalise",
    "repair",
    "structure",
    "encode",
)  # the stages that read and write the text
COPIES = 10
CHAPTER_LINE = re.compile(r"^(-?CHAPTER )([IVXLC]+)$", re.MULTILINE)
ROMAN = [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
TARGETS = {
    "cold build / bare pandoc": "≤ 1.0",
    "text stages MB/s": "≥ 5",
    "10x time ratio": "≤ 11",
    "10x peak memory": "< 1024 MB",
    "batch books per minute": "≥ 30",
    "hOCR cleanup / bare pandoc": "≤ 1.0",
}
SCANS_HEADING = "## Structured OCR: Tesseract, and a 300-page hOCR book"


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


def workspace(
    root: Path, book: str, text: str, metadata: Path, data_files: bool, suffix: str = ".txt"
) -> Path:
    """A fresh copy of the workflow holding one book, its OCR ``text`` in ``raw/<book><suffix>``;
    ``data_files``: with the book's other per-book files (its corrections), which only fit the
    book's own text."""
    directory = root / book
    (directory / "raw").mkdir(parents=True)
    copy_workflow(REPO, directory)
    (directory / "raw" / f"{book}{suffix}").write_text(text, encoding="utf-8")
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
        [sys.executable, "-m", "snakemake", "--cores", "all", "--dry-run", "--printshellcmds", "--forceall"],
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


def measure(
    root: Path,
    book: str,
    text: str,
    metadata: Path,
    data_files: bool = True,
    suffix: str = ".txt",
    rounds: int = 1,
) -> Measured:
    """The figures of a cold build of one book whose OCR is ``text`` (in ``raw/<book><suffix>``);
    pandoc's baseline converts its plain text (for structured OCR, the text extract read from it).
    With ``rounds`` above one, the cold build and pandoc's runs take turns that many times, each in a
    fresh copy of the workflow, and each figure is the median of its runs (:func:`medians`): the
    machine's speed varies from minute to minute, and a ratio of two single runs with it."""
    env = environment()
    # pandoc's input in the workspace: the raw text, or for structured OCR the text extract reads
    plain_text = Path("build", book, "source.txt") if suffix != ".txt" else Path("raw", f"{book}.txt")
    builds, baselines = [], []
    for at in range(rounds):
        directory = workspace(root / f"stages-{at}", book, text, metadata, data_files, suffix)
        builds.append(build(directory, env))
        plain = directory / plain_text
        baselines.append(pandoc_baseline(directory, plain, env))
    whole = snakemake_build(workspace(root / "snakemake", book, text, metadata, data_files, suffix), env)
    return Measured(medians(builds), medians(baselines), len(plain.read_bytes()), whole)


def medians(rounds: list[list[Run]]) -> list[Run]:
    """Each step's median run of ``rounds`` (lists of the same steps): its median seconds, start-up
    and floor, its largest peak memory."""

    def median(values: list[float | None]) -> float | None:
        known = [value for value in values if value is not None]
        return statistics.median(known) if known else None

    runs = []
    for same in zip(*rounds, strict=True):
        seconds = median([run.seconds for run in same])
        assert seconds is not None
        peak = max(run.peak_mb for run in same)
        runs.append(
            Run(
                same[0].name,
                seconds,
                peak,
                median([run.startup for run in same]),
                median([run.floor for run in same]),
            )
        )
    return runs


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
    ]
    corrector = next((run for run in book.stages if run.name == CORRECTOR_STAGE), None)
    if corrector is not None:
        rows.append(
            f"- the misreading corrector (the `{CORRECTOR_STAGE}` stage, the editor's corrections file"
            f" included): {corrector.seconds:.2f} s, {corrector.seconds / (book.size / 1e6):.2f} s per MB"
            f" of raw text, peak {corrector.peak_mb:.0f} MB"
        )
    return [*rows, ""]


def minimal_metadata(book: str) -> str:
    """A valid metadata file for a book nobody described yet: its name as the title, the required
    fields as placeholders (the build needs them; the editions do not depend on their values)."""
    title = re.sub(r"-\d+$", "", book).replace("-", " ").capitalize()
    return (
        f"title: {json.dumps(title)}\nauthors:\n  - Unknown\npublisher: Unknown\nplace: Unknown\n"
        "year: 1900\nlanguage: en\n"
    )


def batch_workspace(directory: Path, texts: list[Path], metadata: Path) -> None:
    """A fresh copy of the workflow holding every text of ``texts`` with its metadata: the file of the
    same name in ``metadata`` where there is one, else :func:`minimal_metadata`."""
    (directory / "raw").mkdir(parents=True)
    copy_workflow(REPO, directory)
    for text in texts:
        shutil.copy(text, directory / "raw" / text.name)
        written = metadata / f"{text.stem}.yaml"
        target = directory / "raw" / written.name
        if written.exists():
            shutil.copy(written, target)
        else:
            target.write_text(minimal_metadata(text.stem), encoding="utf-8")


@dataclass
class Batch:
    """The batch's figures: how many books and bytes, the wall clock and CPU time of the whole build,
    the peak memory of its largest process and of all its processes at once."""

    books: int
    size: int
    seconds: float
    cpu_seconds: float
    peak_mb: float
    tree_peak_mb: float
    described: int  # books whose metadata came from the test data, not :func:`minimal_metadata`
    load: tuple[float, float, float]  # the machine's load average before the build

    @property
    def books_per_minute(self) -> float:
        return self.books * 60 / self.seconds


def tree_rss(process: psutil.Process) -> int:
    """Bytes of resident memory of ``process`` and all its descendants (shared pages counted in each)."""
    total = 0
    for member in [process, *process.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):  # (ended since it was listed)
            total += member.memory_info().rss
    return total


def batch_build(directory: Path, env: dict[str, str]) -> tuple[float, float, float, float]:
    """Run ``snakemake --cores all`` in ``directory`` without the validators: (wall-clock seconds, CPU
    seconds of all its processes, peak MB of its largest process, peak MB of the process tree, sampled
    every :data:`SAMPLE_SECONDS`)."""
    command = [sys.executable, "-m", "snakemake", "--cores", "all", "--quiet", "--config", "checks=[]"]
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        wrapped = [GNU_TIME, "-f", "%M %U %S", "-o", report.name, *command] if GNU_TIME else command
        start = time.perf_counter()
        process = subprocess.Popen(
            wrapped, cwd=directory, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        watched, tree_peak = psutil.Process(process.pid), 0
        while process.poll() is None:
            tree_peak = max(tree_peak, tree_rss(watched))
            time.sleep(SAMPLE_SECONDS)
        seconds = time.perf_counter() - start
        output = process.stdout.read().decode(errors="replace") if process.stdout else ""
        if process.returncode != 0:
            sys.exit(f"bench: the batch build failed ({process.returncode}):\n{output}")
        if GNU_TIME:
            peak_kib, user, system = report.read().split()[-3:]
            peak, cpu = int(peak_kib) / 1024, float(user) + float(system)
        else:
            usage = resource.getrusage(resource.RUSAGE_CHILDREN)
            peak, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
    return seconds, cpu, peak, tree_peak / 2**20


def measure_batch(root: Path, real: Path) -> Batch:
    """Build every ``real/*.txt`` in one cold build and measure it."""
    texts = sorted(real.glob("*.txt"))
    directory = root / "batch"
    batch_workspace(directory, texts, REAL_METADATA)
    load = os.getloadavg()
    seconds, cpu, peak, tree_peak = batch_build(directory, environment())
    size = sum(text.stat().st_size for text in texts)
    described = sum((REAL_METADATA / f"{text.stem}.yaml").exists() for text in texts)
    return Batch(len(texts), size, seconds, cpu, peak, tree_peak, described, load)


def batch_section(batch: Batch, real: Path) -> list[str]:
    """The batch's figures as a section of the results file."""
    target = TARGETS["batch books per minute"]
    return [
        BATCH_HEADING,
        "",
        f"Every `{real.name}/*.txt` ({batch.books} books, {batch.size / 1e6:.2f} MB of raw text;"
        f" metadata from `tests/data/real/` for {batch.described}, placeholders for the others)"
        " built cold by one `snakemake --cores all` (validators excluded), measured on"
        f" {time.strftime('%Y-%m-%d', time.gmtime())}:",
        "",
        f"- wall clock {batch.seconds:.1f} s (Snakemake's own start included): **{batch.books_per_minute:.1f}"
        f" books a minute** (target {target}: {met(batch.books_per_minute >= 30)}),"
        f" {batch.size / 1e6 / batch.seconds:.2f} MB of raw text a second",
        f"- CPU time of all its processes {batch.cpu_seconds:.1f} s"
        f" ({batch.cpu_seconds / batch.seconds:.2f} cores busy on average); the machine's load average"
        " before the build (1, 5, 15 min; with this benchmark's own runs before it): {:.2f}, {:.2f},"
        " {:.2f}".format(*batch.load),
        f"- peak memory: {batch.peak_mb:.0f} MB the largest single process;"
        f" {batch.tree_peak_mb:.0f} MB all the build's processes at once (their resident memory summed,"
        f" sampled every {SAMPLE_SECONDS} s; pages they share counted in each)",
        "",
    ]


def section_span(text: str, heading: str) -> tuple[int, int] | None:
    """Where the section under ``heading`` lies in ``text``: up to the next ``## `` heading or the end."""
    start = text.find(heading)
    if start < 0:
        return None
    end = text.find("\n## ", start + len(heading))
    return start, end + 1 if end >= 0 else len(text)


def replace_section(text: str, heading: str, section: list[str], before: str) -> str:
    """``text`` with the section under ``heading`` replaced by ``section``, or with ``section`` put
    before the heading ``before`` (or at the end) if it has none."""
    at = text.find(before) if before in text else len(text)
    start, end = section_span(text, heading) or (at, at)
    return text[:start] + "\n".join(section) + "\n" + text[end:]


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


def kept_notes(previous: str) -> list[str]:
    """The hand-written notes section of an earlier results file's text, to carry over."""
    start = previous.find(NOTES_HEADING)
    return [*previous[start:].rstrip("\n").split("\n"), ""] if start >= 0 else []


def kept_section(previous: str, heading: str) -> list[str]:
    """The section under ``heading`` in an earlier results file's text, to carry over when it is not
    measured again."""
    span = section_span(previous, heading)
    return [*previous[span[0] : span[1]].rstrip("\n").split("\n"), ""] if span else []


def scans_section(book: str, root: Path) -> list[str]:
    """Tesseract's time a page, and the cold build of a 300-page hOCR book made from ``book``'s text
    (:mod:`bench.scans`) against bare pandoc on its plain text."""
    raw = REPO / "raw" / f"{book}.txt"
    text = raw.read_text(encoding="utf-8")
    print(f"bench: Tesseract on {scans.OCR_PAGES} pages …", file=sys.stderr)
    ocr = scans.ocr_seconds_a_page(text)
    print(f"bench: building a {scans.PAGES}-page hOCR book cold …", file=sys.stderr)
    hocr = scans.hocr_book(text, "Soviet Foreign Policy")
    figures = measure(
        root / "hocr", f"{book}-hocr", hocr, raw.with_suffix(".yaml"), False, ".hocr", scans.ROUNDS
    )
    cleanup = total(figures.stages)
    return [
        SCANS_HEADING,
        "",
        f"- Tesseract {tesseract_version()} (one core, English, to hOCR): **{ocr:.2f} s a page** (median of"
        f" {scans.OCR_PAGES} pages of {scans.PAGE_WIDTH}x{scans.PAGE_HEIGHT} px drawn from the book's text)",
        f"- the cleanup of a {scans.PAGES}-page hOCR book (every stage after OCR, one after another):"
        f" {cleanup:.2f} s, **{cleanup / scans.PAGES * 1000:.1f} ms a page**; bare pandoc on its plain text"
        f" {total(figures.baseline):.2f} s: **ratio {figures.build_ratio:.2f}** (each step the median of"
        f" {scans.ROUNDS} runs, the cleanup's and pandoc's in turn)"
        f" (target {TARGETS['hOCR cleanup / bare pandoc']}: {met(figures.build_ratio <= 1.0)})",
        "",
        *table(f"{book}, first {scans.PAGES} pages as hOCR", figures),
    ]


def tesseract_version() -> str:
    """The version of the Tesseract on the PATH."""
    printed = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, check=True)
    return printed.stdout.split()[1]


def first_book(book: str, root: Path) -> list[str]:
    """Measure ``book`` and ten times it, cold; their figures as the results file's first sections."""
    raw = REPO / "raw" / f"{book}.txt"
    metadata = raw.with_suffix(".yaml")
    text = raw.read_text(encoding="utf-8")
    about = machine()  # before the runs, so the load average is the machine's own
    print(f"bench: building {book} cold …", file=sys.stderr)
    one = measure(root / "one", book, text, metadata)
    print(f"bench: building {book} x{COPIES} cold …", file=sys.stderr)
    # (without the corrections: each of their contexts occurs ten times in the tenfold text)
    ten = measure(root / "ten", book, tenfold(text), metadata, data_files=False)
    ratio = total(ten.stages) / total(one.stages)
    text_ratio = total(ten.stages, TEXT_STAGES) / total(one.stages, TEXT_STAGES)
    peak = max(run.peak_mb for run in ten.stages)
    return [
        "# Benchmark results",
        "",
        f"Measured by `python bench/run.py` on {time.strftime('%Y-%m-%d', time.gmtime())}:",
        "",
        *about,
        "",
        "Each stage runs as its own process, as in a build (so every figure includes Python's start-up",
        "and imports); the commands come from the workflow. Peak memory is the process's peak RSS.",
        "",
        *table(f"{book}", one),
        *table(f"{book} x{COPIES} (chapters repeated with distinct labels)", ten),
        "### Scaling",
        "",
        f"- x{COPIES} text: cold build {ratio:.2f}x the time (target {TARGETS['10x time ratio']});"
        f" text stages {text_ratio:.2f}x",
        f"- x{COPIES} text: peak memory {peak:.0f} MB (target {TARGETS['10x peak memory']})",
        "",
        *against_targets(one, ten),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--book", default=DEFAULT_BOOK, help="a book in raw/ (default: %(default)s)")
    parser.add_argument(
        "--results",
        default=str(REPO / "bench" / "RESULTS.md"),
        help="markdown file to write the figures to, or '-' for none (default: bench/RESULTS.md)",
    )
    parser.add_argument(
        "--real",
        type=Path,
        default=DEFAULT_REAL,
        help="the batch's books, DIR/*.txt (default: ../shared/real beside the repository)",
    )
    runs = parser.add_mutually_exclusive_group()
    runs.add_argument("--batch-only", action="store_true", help="measure only the batch")
    runs.add_argument("--no-batch", action="store_true", help="measure only the book, not the batch")
    runs.add_argument("--scans-only", action="store_true", help="measure only Tesseract and the hOCR book")
    args = parser.parse_args()
    results = None if args.results == "-" else Path(args.results)
    previous = results.read_text(encoding="utf-8") if results and results.exists() else ""
    batch_wanted = not (args.no_batch or args.scans_only) and any(args.real.glob("*.txt"))
    if not (args.no_batch or args.scans_only) and not batch_wanted:
        print(f"bench: no books in {args.real}/*.txt: the batch is skipped", file=sys.stderr)
    compile_package()
    printed = report = previous
    with tempfile.TemporaryDirectory(prefix="ocr-bench-") as scratch:
        if not (args.batch_only or args.scans_only):
            figures = first_book(args.book, Path(scratch))
            printed = "\n".join(figures)
            kept = [*kept_section(previous, BATCH_HEADING), *kept_section(previous, SCANS_HEADING)]
            report = "\n".join([*figures, *kept, *kept_notes(previous)])
        if not args.batch_only:
            section = scans_section(args.book, Path(scratch))
            printed = "\n".join([*([] if args.scans_only else [printed]), *section])
            report = replace_section(report, SCANS_HEADING, section, before=NOTES_HEADING)
        if batch_wanted:
            books = len(list(args.real.glob("*.txt")))
            print(f"bench: building the {books} books of {args.real} in one build …", file=sys.stderr)
            section = batch_section(measure_batch(Path(scratch), args.real), args.real)
            printed = "\n".join([*([] if args.batch_only else [printed]), *section])
            report = replace_section(report, BATCH_HEADING, section, before=NOTES_HEADING)
    print(printed)
    if results and report != previous:
        results.write_text(report, encoding="utf-8")
        print(f"bench: figures written to {results}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
