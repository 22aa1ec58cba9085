"""The conservation check: every word of a raw text is in its TEI or in a logged change."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from pipeline.model import Change, read_log
from pipeline.text.words import LETTER

WORD_RE = re.compile(rf"{LETTER}+")
TEI_TEXT = "{http://www.tei-c.org/ns/1.0}text"
STAGES = ("normalise", "repair", "structure", "correct")  # the stages that change the text


def words(text: str) -> Counter[str]:
    return Counter(word.lower() for word in WORD_RE.findall(text))


def lost_words(raw: str, tei_file: Path, change_logs: Iterable[Path]) -> Counter[str]:
    """The words of ``raw`` neither in the TEI's text nor taken out by a logged change."""
    text = etree.parse(str(tei_file)).getroot().find(TEI_TEXT)
    assert text is not None, f"{tei_file} has no text"
    kept = words(" ".join(text.itertext()))
    accounted: Counter[str] = Counter()
    for log in change_logs:
        for change in read_log(log, Change):
            accounted += words(change.before) - words(change.after)
    return words(raw) - kept - accounted
