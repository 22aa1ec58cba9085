# The books: every raw/<book>.yaml with the book's OCR beside it (pipeline/books.py), metadata checked first.

import sys
from pathlib import Path

from pipeline.books import BOOK_NAME, RawFolderError, find_books

try:
    BOOKS = find_books(Path(config["raw"]))
except RawFolderError as error:
    sys.exit(str(error))


wildcard_constraints:
    book=BOOK_NAME.pattern,
    page=r"[^/]+",


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
