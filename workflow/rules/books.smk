# The books: every raw/<book>.yaml with the book's OCR beside it (pipeline/books.py), metadata checked first.
# Raw files that make no book (unpaired, misnamed) are refused each on its own: the other books build.

import sys
from pathlib import Path

from pipeline.books import BOOK_NAME, find_books, refusals_summary

RAW = find_books(Path(config["raw"]))
BOOKS = RAW.names
REFUSED = {refusal.name: refusal.message for refusal in RAW.refused}


wildcard_constraints:
    book=BOOK_NAME.pattern,
    page=r"[^/]+",
    refusal=r"[A-Za-z0-9][A-Za-z0-9._-]*",


# Checked first (priority), so a book with bad metadata fails in seconds, not after the text stages.
rule metadata:
    input:
        raw_file("{book}.yaml"),
    output:
        build_file("{book}/metadata.json"),
    log:
        log_file("metadata"),
    priority: 50
    conda:
        ENVIRONMENT
    shell:
        stage("metadata", "--input {input:q} --output {output:q}")


# A refused raw file fails a job of its own, after every book is built: the run builds the other
# books, then ends non-zero with the refusal's reason (its job's target is never made).
rule refused:
    input:
        book_targets(BOOKS),
    output:
        build_file(".refused/{refusal}"),
    log:
        log_file("refused", "{refusal}"),
    localrule: True
    conda:
        ENVIRONMENT
    params:
        message=lambda wildcards: REFUSED[wildcards.refusal],
    shell:
        "echo error: {params.message:q} > {log:q}; cat {log:q} >&2; exit 1"


# The refused raw files again at the end of the run, after the jobs' messages.
onsuccess:
    print(refusals_summary(RAW.refused), end="", file=sys.stderr)


onerror:
    print(refusals_summary(RAW.refused), end="", file=sys.stderr)
