# What the rules share: paths from the config, the stages' command, the optional corrections file.
# (Only functions and settings here, no rules: the rule files read as the steps of the build.)

import importlib.util
import shlex
from pathlib import Path

from pipeline.books import book_source, corrections_file, page_images
from pipeline.model.io import CHANGING_STAGES, REVIEWING_STAGES  # whose logs the report reads (encode counts)


def raw_file(name: str) -> str:
    """``name`` (a pattern such as ``{book}.txt``) in the folder of raw books."""
    return f"{config['raw']}/{name}"


def build_file(name: str) -> str:
    """``name`` in the build folder."""
    return f"{config['build']}/{name}"


def tei_file(name: str) -> str:
    """``name`` in the folder of TEI editions."""
    return f"{config['tei']}/{name}"


def log_file(rule: str, name: str = "{book}") -> str:
    """The log of ``rule``'s job for one book (or what ``name`` names): ``<logs>/<rule>/<book>.log``,
    the logs folder being ``<build>/logs`` unless the config names another."""
    return f"{config['logs'] or build_file('logs')}/{rule}/{name}.log"


def page_log_file(rule: str) -> str:
    """The log of ``rule``'s job for one page of a book: ``<logs>/<rule>/<book>/<page>.log``."""
    return log_file(rule, "{book}/{page}")


def book_targets(books) -> list[str]:
    """What a build makes of ``books``: the TEI, the editions, the QA report, the chronology, and
    the validators' verdict if the config lists any."""
    return [
        *expand(tei_file("{book}.xml"), book=books),
        *expand(build_file("{book}.epub"), book=books),
        *expand(build_file("{book}/html/index.html"), book=books),
        *expand(build_file("{book}.report.html"), book=books),
        *expand(build_file("{book}.chronology.csv"), book=books),
        *(expand(build_file("{book}.checks.txt"), book=books) if config["checks"] else []),
    ]


def book_text(wildcards) -> str:
    """The book's raw text: ``raw/<book>.txt``, or the text extract read from its structured OCR."""
    if book_source(Path(config["raw"]), wildcards.book).kind == "text":
        return raw_file(f"{wildcards.book}.txt")
    return build_file(f"{wildcards.book}/source.txt")


def ocr_files(wildcards) -> list[str]:
    """The book's hOCR, ALTO or PAGE files in page order; for scans and a PDF, the hOCR of each page."""
    images = scan_images(wildcards)
    if images:
        return [build_file(f"{wildcards.book}/ocr/{Path(image).stem}.hocr") for image in images]
    return [str(path) for path in book_source(Path(config["raw"]), wildcards.book).files]


def page_image(wildcards) -> str:
    """The image of page ``{page}`` of a book given as scans or a PDF."""
    return page_images(Path(config["raw"]), wildcards.book, config["build"])[wildcards.page]


def scan_images(wildcards) -> list[str]:
    """The page images of a book given as scans or a PDF, in page order (the HTML edition shows
    them); none for other books."""
    return list(page_images(Path(config["raw"]), wildcards.book, config["build"]).values())


def geometry_option(wildcards) -> str:
    """The repair stage's option naming the places of the book's lines (structured OCR only)."""
    if book_source(Path(config["raw"]), wildcards.book).kind == "text":
        return ""
    geometry = shlex.quote(build_file(f"{wildcards.book}/geometry.json"))
    return f"--geometry {geometry}"


def book_geometry(wildcards) -> list[str]:
    """The places of the book's lines, if its OCR gave them."""
    return (
        []
        if book_source(Path(config["raw"]), wildcards.book).kind == "text"
        else [build_file(f"{wildcards.book}/geometry.json")]
    )


def stage(name: str, options: str, environment: str = "") -> str:
    """The shell command of the stage ``python -m pipeline.<name>`` with ``options`` (placeholders
    such as ``--input {input:q}``). Its stderr (the one-line summary, or the error) goes to the job's
    log, then to the terminal in one piece, so lines of jobs running side by side do not mix."""
    return (
        f"status=0; {environment}python -m pipeline.{name} {options} 2> {{log:q}} || status=$?;"
        " cat {log:q} >&2; exit $status"
    )


def check_options() -> str:
    """The options of the check stage: the editions of the validators that ``checks`` lists, its output."""
    editions = {"tei": "--tei {input.tei:q}", "epub": "--epub {input.epub:q}"}
    return " ".join([*(editions[check] for check in config["checks"]), "--output {output:q}"])


def book_corrections(wildcards) -> list[str]:
    """The book's corrections file if the editor wrote one (it is optional)."""
    return corrections_file(Path(config["raw"]), wildcards.book)


# The environment of render: the pandoc the config names, if any.
PANDOC = f"PYPANDOC_PANDOC={shlex.quote(config['pandoc'])} " if config["pandoc"] else ""

# Every rule's software, for `--software-deployment-method conda` (else the current environment).
ENVIRONMENT = "../envs/pipeline.yaml"

# The stylesheet and scripts are data of the editions: changing one re-renders, without the text stages.
# (local: they come with the installed package, never from a --default-storage-provider.)
ASSETS_DIR = Path(importlib.util.find_spec("pipeline.render").origin).parent / "assets"
ASSETS = [local(str(path)) for path in sorted(ASSETS_DIR.iterdir())]
