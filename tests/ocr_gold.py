"""Scores the automatic corrections of OCR misreadings against the gold of ``tests/data/ocr/``.

For each annotated book, the corrections applied (``build/<book>/misreadings.json``, ``applied``)
on the annotated lines are matched with the gold's misreadings:

* a correction is **right** when it stands on the misreading's raw line (or the line next to it: a
  word the line-end joins rebuilt) and turns the misreading's OCR string towards what was printed;
* a misreading is **corrected** (recall) when its corrections turn its OCR string into what was printed;
* a correction no misreading holds is right too when it gives the words the page printed there
  (the line's words with the gold's misreadings read as printed): a word the line-end joins rebuilt
  from two misreadings (``is- even`` → ``is even``);
* a correction of one of the gold's ``slips`` (the printer's or the author's own, not OCR's) is
  neither right nor wrong: it is not counted;
* **precision** is the right corrections among all those applied on the annotated lines.

Usage: ``python tests/ocr_gold.py <build folder> tests/data/ocr/*.errors.json [-v]``.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz.distance import Levenshtein

REAL = Path(__file__).resolve().parents[2] / "shared" / "real"  # the raw OCR, beside the repository
LINE_SLACK = 1  # a correction may be found one raw line from where the gold puts the misreading
CONTEXT_REACH = 12  # characters either side of a correction of marks that must read as printed


@dataclass
class Score:
    """Corrections made and right, misreadings annotated and corrected, per kind of misreading."""

    made: int = 0
    right: int = 0
    made_by_kind: Counter[str] = field(default_factory=Counter)  # corrections, by the corrector's kind
    right_by_kind: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    corrected: Counter[str] = field(default_factory=Counter)
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.made += other.made
        self.right += other.right
        self.made_by_kind.update(other.made_by_kind)
        self.right_by_kind.update(other.right_by_kind)
        self.errors.update(other.errors)
        self.corrected.update(other.corrected)
        self.wrong += other.wrong
        self.missed += other.missed

    @property
    def precision(self) -> float:
        return self.right / self.made if self.made else 1.0

    @property
    def recall(self) -> float:
        total = sum(self.errors.values())
        return sum(self.corrected.values()) / total if total else 1.0


# the typeset quotes of the rebuilt text, as the raw OCR has them
STRAIGHT_QUOTES = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")


def _towards(ocr: str, correct: str, sic: str, corr: str) -> str | None:
    """``ocr`` with ``sic`` read as ``corr``, if that brings it nearer what was printed."""
    ocr, correct = ocr.translate(STRAIGHT_QUOTES), correct.translate(STRAIGHT_QUOTES)
    sic, corr = sic.translate(STRAIGHT_QUOTES), corr.translate(STRAIGHT_QUOTES)
    if sic not in ocr:
        return None
    read = ocr.replace(sic, corr, 1)
    return read if Levenshtein.distance(read, correct) < Levenshtein.distance(ocr, correct) else None


def annotated_lines(gold: dict[str, Any]) -> set[int]:
    return {
        line
        for region in gold["regions"]
        for line in range(region["from_line"], region["to_line"] + 1)
        if line not in region["skip_lines"]
    }


def _words(text: str) -> str:
    """Letters, digits and single spaces, in lower case."""
    text = text.lower().replace("-", "")
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def _printed_near(gold: dict[str, Any], raw_lines: list[str], line: int) -> str:
    """What the page printed on ``line`` and the lines either side: the gold's misreadings on them
    read as printed, words cut at a line end joined, quotes straight, spaces single."""
    numbers = range(max(1, line - LINE_SLACK), min(len(raw_lines), line + LINE_SLACK) + 1)
    printed = {number: raw_lines[number - 1] for number in numbers}
    for error in gold["errors"]:
        if error["line"] in printed:
            printed[error["line"]] = printed[error["line"]].replace(error["ocr"], error["correct"], 1)
    return _plain("\n".join(printed.values()).replace("-\n", ""))


def _plain(text: str) -> str:
    return " ".join(text.translate(STRAIGHT_QUOTES).split())


def _reads_as_printed(item: dict[str, Any], printed: str) -> bool:
    """A correction that no gold misreading holds but that gives what the page printed: the words
    (a word the line-end joins rebuilt from two misreadings, ``is- even`` → ``is even``), or, where
    only marks change, the stretch around it (``as to -my`` → ``as to my``)."""
    sic, corr = _words(item["sic"]), _words(item["corr"])
    words = _words(printed)
    if sic != corr:
        return f" {corr} " in f" {words} " and f" {sic} " not in f" {words} "
    context = _plain(item["context"])
    at = context.find(_plain(item["sic"]))
    if at < 0:
        return False
    read = context[:at] + _plain(item["corr"]) + context[at + len(_plain(item["sic"])) :]
    window = read[max(0, at - CONTEXT_REACH) : at + len(_plain(item["corr"])) + CONTEXT_REACH]
    return window.strip() in printed


def _covered(
    error: dict[str, Any], made: list[dict[str, Any]], raw_lines: list[str], gold: dict[str, Any]
) -> bool:
    """Whether a correction of a longer stretch (a word the line-end joins rebuilt) reads the
    misreading as printed: it holds the misreading, its reading holds what was printed and not the
    misreading (a hyphen ending the line aside: ``ho.w-`` in ``ho.w-ever`` → ``however``)."""
    ocr, correct = (error[key].translate(STRAIGHT_QUOTES) for key in ("ocr", "correct"))
    if raw_lines[error["line"] - 1].rstrip().endswith(error["ocr"]):  # (a hyphen at the line's end)
        ocr, correct = ocr.removesuffix("-"), correct.removesuffix("-")
        if ocr.rstrip() == correct:  # (a stray hyphen ending the line: taken off the word it joins)
            return any(
                _takes_off_hyphen(item, ocr) for item in made if 0 <= item["line"] - error["line"] <= 1
            )
    for item in made:
        if abs(item["line"] - error["line"]) > LINE_SLACK:
            continue
        sic, corr = (item[key].translate(STRAIGHT_QUOTES).replace("-", "") for key in ("sic", "corr"))
        if not raw_lines[error["line"] - 1].rstrip().endswith(error["ocr"]):
            sic, corr = item["sic"].translate(STRAIGHT_QUOTES), item["corr"].translate(STRAIGHT_QUOTES)
        if ocr in sic and correct in corr and ocr not in corr:
            return _reads_as_printed(item, _printed_near(gold, raw_lines, item["line"]))
    return False


def _takes_off_hyphen(item: dict[str, Any], word: str) -> bool:
    """A correction that takes a stray hyphen off the start of a word (``-my`` → ``my``), or off
    ``word`` where the line-end join made a compound of it (``was-come`` → ``was come``)."""
    sic, corr = item["sic"], item["corr"]
    return sic == "-" + corr or (sic.startswith(word + "-") and corr == sic.replace("-", " ", 1))


def score_book(gold: dict[str, Any], applied: list[dict[str, Any]], raw_lines: list[str]) -> Score:
    """The score of one book's applied corrections against its gold (``raw_lines``: the raw OCR)."""
    score = Score()
    lines = annotated_lines(gold)
    slips = {(slip["line"], slip["ocr"]) for slip in gold.get("slips", [])}
    made = [item for item in applied if item["line"] in lines and (item["line"], item["sic"]) not in slips]
    score.made = len(made)
    used: set[int] = set()
    for error in gold["errors"]:
        score.errors[error["kind"]] += 1
        reading = error["ocr"]
        for index, item in enumerate(made):
            if index in used or abs(item["line"] - error["line"]) > LINE_SLACK:
                continue
            moved = _towards(reading, error["correct"], item["sic"], item["corr"])
            if moved is not None:
                reading = moved
                used.add(index)
        printed = error["correct"].translate(STRAIGHT_QUOTES)
        if reading.translate(STRAIGHT_QUOTES) == printed or _covered(error, made, raw_lines, gold):
            score.corrected[error["kind"]] += 1
        else:
            found = f"{error['kind']}: {error['ocr']!r} → {error['correct']!r}"
            score.missed.append(f"{gold['book'][:20]} {error['line']} {found}")
    used |= {
        index
        for index, item in enumerate(made)
        if _reads_as_printed(item, _printed_near(gold, raw_lines, item["line"]))
    }
    score.right = len(used)
    score.made_by_kind.update(item["kind"] for item in made)
    score.right_by_kind.update(made[index]["kind"] for index in used)
    score.wrong = [
        f"{gold['book'][:20]} {item['line']} {item['kind']}: {item['sic']!r} → {item['corr']!r} "
        f"({item['context']})"
        for index, item in enumerate(made)
        if index not in used
    ]
    return score


def score_golds(build: Path, gold_paths: list[Path], real: Path = REAL) -> tuple[dict[str, Score], Score]:
    """Each book's score and the total (``real``: the folder of the raw OCR)."""
    books: dict[str, Score] = {}
    total = Score()
    for path in gold_paths:
        gold = json.loads(path.read_text(encoding="utf-8"))
        misreadings = json.loads((build / gold["book"] / "misreadings.json").read_text(encoding="utf-8"))
        raw_lines = (real / f"{gold['book']}.txt").read_text(encoding="utf-8").split("\n")
        books[gold["book"]] = score = score_book(gold, misreadings["applied"], raw_lines)
        total.add(score)
    return books, total


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    arguments = [argument for argument in argv if argument != "-v"]
    books, total = score_golds(Path(arguments[0]), [Path(path) for path in arguments[1:]])
    for book, score in books.items():
        print(
            f"{book[:40]:40} corrections {score.right}/{score.made} right, "
            f"misreadings {sum(score.corrected.values())}/{sum(score.errors.values())} corrected"
        )
    print(f"\nprecision {total.right}/{total.made} = {total.precision:.1%}")
    corrected, errors = sum(total.corrected.values()), sum(total.errors.values())
    print(f"recall    {corrected}/{errors} = {total.recall:.1%}, by kind of misreading")
    for kind, count in total.errors.most_common():
        print(f"  {kind:14} {total.corrected[kind]}/{count}")
    print("precision by the kind of correction")
    for kind, count in total.made_by_kind.most_common():
        print(f"  {kind:14} {total.right_by_kind[kind]}/{count}")
    if verbose:
        print("\nwrong corrections:", *total.wrong, sep="\n  ")
        print("\nmissed:", *total.missed, sep="\n  ")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
