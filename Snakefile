# The digital-edition build: raw OCR text → TEI P5 → EPUB 3 + HTML, with a QA report per book.
#
#   snakemake --cores all            build every book in raw/
#   snakemake --cores 1 -n           show what would run
#
# A book is a pair raw/<book>.txt (the OCR text) + raw/<book>.yaml (its metadata).
# Every stage is a `python -m pipeline.<stage>` command that writes its outputs atomically;
# the pipeline/ sources are deliberately not inputs, so rules re-run when the data change
# (the stylesheet and scripts in pipeline/render/assets/ are: a change to them re-renders the editions).

import importlib.util
import re
import sys
from pathlib import Path


def find_books(raw: Path = Path("raw")) -> list[str]:
    """Every raw/<book>.txt that has a raw/<book>.yaml; stop with a clear message otherwise."""
    texts = {path.stem for path in raw.glob("*.txt")}
    metadata = {path.stem for path in raw.glob("*.yaml") if not path.name.endswith(".corrections.yaml")}
    problems = [f"{raw}/{book}.txt has no metadata: write {raw}/{book}.yaml" for book in sorted(texts - metadata)]
    problems += [f"{raw}/{book}.yaml has no text: add {raw}/{book}.txt" for book in sorted(metadata - texts)]
    corrected = {path.name.removesuffix(".corrections.yaml") for path in raw.glob("*.corrections.yaml")}
    problems += [
        f"{raw}/{book}.corrections.yaml has no book: add {raw}/{book}.txt or rename it"
        for book in sorted(corrected - texts)
    ]
    problems += [
        f"{raw}/{book}.txt: rename it; book names may hold only letters, digits, '.', '_' and '-'"
        for book in sorted(texts)
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", book)
    ]
    if not texts and not problems:
        problems.append(f"no books found: put <book>.txt and <book>.yaml into {raw}/")
    if problems:
        sys.exit("error: " + "\nerror: ".join(problems))
    return sorted(texts)


BOOKS = find_books()


wildcard_constraints:
    book=r"[A-Za-z0-9][A-Za-z0-9._-]*",


rule all:
    input:
        expand("tei/{book}.xml", book=BOOKS),
        expand("build/{book}.epub", book=BOOKS),
        expand("build/{book}/index.html", book=BOOKS),
        expand("build/{book}.report.html", book=BOOKS),
        expand("build/{book}.chronology.csv", book=BOOKS),


# Checked first (priority), so a book with bad metadata fails in seconds, not after the text stages.
rule metadata:
    input:
        "raw/{book}.yaml",
    output:
        "build/{book}/metadata.json",
    priority: 50
    shell:
        "python -m pipeline.metadata --input {input:q} --output {output:q}"


rule normalise:
    input:
        "raw/{book}.txt",
    output:
        text="build/{book}/normalised.txt",
        changes="build/{book}/normalise.changes.jsonl",
    shell:
        "python -m pipeline.normalise --input {input:q} --output {output.text:q} --changes {output.changes:q}"


rule repair:
    input:
        text="build/{book}/normalised.txt",
        metadata="build/{book}/metadata.json",  # the checked metadata: its layout settings
    output:
        "build/{book}/repaired.json",
    shell:
        "python -m pipeline.repair --input {input.text:q} --metadata {input.metadata:q} --output {output:q}"


rule structure:
    input:
        repaired="build/{book}/repaired.json",
        metadata="build/{book}/metadata.json",  # the checked metadata: its layout settings
    output:
        "build/{book}/structure.json",
    shell:
        "python -m pipeline.structure --input {input.repaired:q} --metadata {input.metadata:q} --output {output:q}"


def corrections_file(wildcards) -> list[str]:
    """raw/<book>.corrections.yaml if the editor wrote one (it is optional)."""
    path = Path(f"raw/{wildcards.book}.corrections.yaml")
    return [str(path)] if path.exists() else []


# The editor's corrections (optional file): without one the tree is copied through.
rule correct:
    input:
        structure="build/{book}/structure.json",
        corrections=corrections_file,
    output:
        "build/{book}/corrected.json",
    params:
        corrections="raw/{book}.corrections.yaml",
    shell:
        "python -m pipeline.correct --input {input.structure:q} --corrections {params.corrections:q} --output {output:q}"


rule suspects:
    input:
        repaired="build/{book}/repaired.json",
        corrections=corrections_file,
    output:
        "build/{book}/suspects.json",
    params:
        corrections="raw/{book}.corrections.yaml",
    shell:
        "python -m pipeline.suspects --input {input.repaired:q} --corrections {params.corrections:q} --output {output:q}"


rule encode:
    input:
        structure="build/{book}/corrected.json",
        metadata="build/{book}/metadata.json",
    output:
        "tei/{book}.xml",
    shell:
        "python -m pipeline.encode --input {input.structure:q} --metadata {input.metadata:q} --output {output:q}"


# The stylesheet and scripts are data of the editions: changing one re-renders, without the text stages.
# (local: they come with the installed package, never from a --default-storage-provider.)
ASSETS_DIR = Path(importlib.util.find_spec("pipeline.render").origin).parent / "assets"
ASSETS = [local(str(path)) for path in sorted(ASSETS_DIR.iterdir())]


rule render:
    input:
        tei="tei/{book}.xml",
        assets=ASSETS,
    output:
        epub="build/{book}.epub",
        html="build/{book}/index.html",
    shell:
        "python -m pipeline.render --tei {input.tei:q} --epub {output.epub:q} --html {output.html:q}"


rule report:
    input:
        normalise="build/{book}/normalise.changes.jsonl",
        repaired="build/{book}/repaired.json",
        structure="build/{book}/corrected.json",
        suspects="build/{book}/suspects.json",
    output:
        changes="build/{book}.changes.jsonl",
        report="build/{book}.report.html",
    shell:
        "python -m pipeline.report --book {wildcards.book:q} --normalise-changes {input.normalise:q}"
        " --repaired {input.repaired:q} --structure {input.structure:q} --suspects {input.suspects:q}"
        " --changes-log {output.changes:q} --output {output.report:q}"


rule chronology:
    input:
        "build/{book}/structure.json",
    output:
        csv="build/{book}.chronology.csv",
        json="build/{book}.chronology.json",
    shell:
        "python -m pipeline.chronology --input {input:q} --csv {output.csv:q} --json {output.json:q}"
