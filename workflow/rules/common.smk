# What the rules share: paths from the config, the stages' command, the optional corrections file.
# (Only functions and settings here, no rules: the rule files read as the steps of the build.)

import importlib.util
import shlex
from pathlib import Path

from pipeline.books import corrections_file
from pipeline.model.io import CHANGING_STAGES, REVIEWING_STAGES  # whose logs the report reads


def raw_file(name: str) -> str:
    """``name`` (a pattern such as ``{book}.txt``) in the folder of raw books."""
    return f"{config['raw']}/{name}"


def build_file(name: str) -> str:
    """``name`` in the build folder."""
    return f"{config['build']}/{name}"


def tei_file(name: str) -> str:
    """``name`` in the folder of TEI editions."""
    return f"{config['tei']}/{name}"


def log_file(rule: str) -> str:
    """The log of ``rule``'s job for one book: ``<logs>/<rule>/<book>.log``, the logs folder being
    ``<build>/logs`` unless the config names another."""
    return f"{config['logs'] or build_file('logs')}/{rule}/{{book}}.log"


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
