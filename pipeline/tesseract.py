"""Tesseract as the pipeline runs it: one core a page (Snakemake runs pages side by side), the book's
language, hOCR out.

The ``ocr`` stage reads a scanned page with it (:mod:`pipeline.ocr`); the ``extract`` stage reads
again, with local thresholds, a page an OCR file holds no text of (:func:`read_with_local_thresholds`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

TESSERACT = "tesseract"
ONE_CORE = {"OMP_THREAD_LIMIT": "1"}
# Sauvola's thresholds, each pixel's from its neighbourhood (Tesseract 5's ``thresholding_method``
# 2), instead of one for the whole page (Otsu's): a page of a few lines and many specks, one threshold
# makes the specks ink, and Tesseract takes the whole page for a picture and reads no text on it.
LOCAL_THRESHOLDS = ("-c", "thresholding_method=2")


def tesseract_language(tag: str) -> str:
    """Tesseract's name of the language of BCP 47 ``tag`` (``en-GB`` → ``eng``)."""
    import langcodes  # (20 ms to import: only where Tesseract is run)

    return langcodes.Language.get(tag).to_alpha3()


def installed_languages() -> set[str]:
    """The languages Tesseract has data for."""
    listed = subprocess.run([TESSERACT, "--list-langs"], capture_output=True, text=True, check=False)
    return set(listed.stdout.splitlines()[1:]) if listed.returncode == 0 else set()  # (under a heading line)


def is_installed() -> bool:
    """Whether Tesseract is on the PATH."""
    return shutil.which(TESSERACT) is not None


def hocr_command(image: Path, base: str, language: str | None, options: tuple[str, ...] = ()) -> list[str]:
    """Tesseract's command reading ``image`` to hOCR at ``base`` + ``.hocr`` (``stdout``: printed), in
    ``language`` (its code; ``None``: Tesseract's default, English) with ``options``."""
    return [TESSERACT, str(image), base, *(["-l", language] if language else []), *options, "hocr"]


def tesseract_environment() -> dict[str, str]:
    """This process's environment, Tesseract held to one core."""
    return {**os.environ, **ONE_CORE}


def read_with_local_thresholds(image: Path, tag: str | None) -> bytes | None:
    """The hOCR Tesseract reads ``image`` to with local thresholds (:data:`LOCAL_THRESHOLDS`), in the
    language of BCP 47 ``tag`` (``None``: Tesseract's default, English); ``None`` where Tesseract is
    not installed, has no data for the language, or fails."""
    if not is_installed():
        return None
    language = tesseract_language(tag) if tag else None
    if language is not None and language not in installed_languages():
        return None
    command = hocr_command(image, "stdout", language, LOCAL_THRESHOLDS)
    done = subprocess.run(command, capture_output=True, check=False, env=tesseract_environment())
    return done.stdout if done.returncode == 0 and done.stdout else None
