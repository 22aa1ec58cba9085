"""Small ``structure.json`` documents from real excerpts of the first book (encode and render tests)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from pipeline.model import Book

ROOT = Path(__file__).resolve().parent.parent
METADATA = ROOT / "raw" / "soviet-foreign-policy-vol1.yaml"

RUSSIAN_TITLE = "История внешней политики СССР"  # noqa: RUF001 (Cyrillic on purpose)
LENIN_27 = "V. I. Lenin, *Collected Works*, Vol. 27, Moscow, 1965, pp. 166, 196."
CHICHERIN = "G. V. Chicherin, *Articles and Speeches on Foreign Policy*, Moscow, 1961, p. 101 (in Russian)."

STRUCTURE: dict[str, Any] = {
    "contents": [
        {"label": None, "title": "Introduction", "page": 9, "level": 1, "line": 74, "target": "intro"},
        {
            "label": "CHAPTER III",
            "title": "The Beginning of the Foreign Armed Intervention. The Soviet State's Struggle "
            "to Prolong the Respite (March-November 1918)",
            "page": 71,
            "level": 1,
            "line": 85,
            "target": "ch03",
        },
        {
            "label": None,
            "title": "Germany's Aggressive Policy After the Signing of the Peace and the Soviet "
            "Government's Struggle Against This Policy",
            "page": 72,
            "level": 2,
            "line": 86,
            "target": "ch03-s1",
        },
        {"label": None, "title": "CHRONOLOGY", "page": 489, "level": 1, "line": 182, "target": "chron"},
    ],
    "front": [
        {"type": "p", "first_line": 3, "parts": ["SOVIET FOREIGN POLICY"]},
        {"type": "p", "first_line": 5, "parts": ["Volume I"]},
        {"type": "p", "first_line": 7, "parts": ["1917-1945"]},
        {
            "type": "p",
            "first_line": 22,
            "parts": ["*Under the editorship of\nA. A. Gromyko and B. N. Ponomarev*"],
        },
        {"type": "p", "first_line": 54, "parts": [f"**„{RUSSIAN_TITLE}”,\nТом 1 (1917-1945)**"]},  # noqa: RUF001
        {"type": "p", "first_line": 59, "parts": ["© Издательство „Наука”, 1980"]},
    ],
    "divisions": [
        {
            "id": "intro",
            "type": "introduction",
            "n": None,
            "label": None,
            "title": "Introduction",
            "subtitle": None,
            "first_line": 184,
            "content": [
                {
                    "type": "p",
                    "first_line": 192,
                    "parts": [
                        "The policy of any state is determined in the final analysis by its economic "
                        'and social system. As Lenin remarked, "the economic interests and the economic '
                        "position of the classes which rule our state lie at the root of both our home "
                        'and foreign policy".',
                        {"note": "intro-n1"},
                        " The radical differences between the economic basis of socialism and that of "
                        "capitalism also determine the fundamental differences in their foreign policy.",
                    ],
                },
                {"type": "separator", "first_line": 200},
            ],
            "sections": [],
            "notes": [
                {
                    "id": "intro-n1",
                    "n": "1",
                    "first_line": 194,
                    "text": "V. I. Lenin, *Collected Works*, Vol. 27, Progress Publishers, Moscow, "
                    "1965, p. 365.",
                }
            ],
        },
        {
            "id": "ch03",
            "type": "chapter",
            "n": "III",
            "label": "CHAPTER III",
            "title": "The Beginning of the Foreign Armed Intervention. The Soviet State's Struggle "
            "to Prolong the Respite",
            "subtitle": "(*March-November 1918*)",
            "first_line": 1174,
            "content": [
                {
                    "type": "p",
                    "first_line": 1180,
                    "parts": [
                        "As a result of the conclusion of the Brest Peace Treaty with Germany and its "
                        "allies Soviet Russia withdrew from the imperialist war. By achieving peace, "
                        "Lenin and his supporters safeguarded Soviet Russia against German imperialism "
                        "and won an essential respite.",
                        {"note": "ch03-n1"},
                    ],
                },
                {
                    "type": "p",
                    "first_line": 1182,
                    "parts": [
                        'The peace treaty was a great achievement of Soviet foreign policy. "The Soviet '
                        'government," wrote G. V. Chicherin, "consciously embarked upon the difficult '
                        'trials prepared by the Brest Treaty."',
                        {"note": "ch03-n2"},
                    ],
                },
            ],
            "sections": [
                {
                    "id": "ch03-s1",
                    "title": "Germany's Aggressive Policy After the Signing of the Peace and the "
                    "Soviet Government's Struggle Against This Policy",
                    "first_line": 1200,
                    "content": [
                        {
                            "type": "p",
                            "first_line": 1202,
                            "parts": [
                                "It was *they* who betrayed the interests of all nations; it is difficult "
                                "to imagine anything more disgusting than the hypocrisy with which the "
                                "bourgeoisie are now 'blaming' us *for* the Brest Peace Treaty.",
                                {"note": "ch03-n3"},
                                " Literal text stays literal: <b>&amp;</b> [link](#x) \\*not\\* 5 * 3.",
                            ],
                        }
                    ],
                }
            ],
            "notes": [
                {"id": "ch03-n1", "n": "1", "first_line": 1188, "text": LENIN_27},
                {"id": "ch03-n2", "n": "2", "first_line": 1190, "text": CHICHERIN},
                {
                    "id": "ch03-n3",
                    "n": "3",
                    "first_line": 1210,
                    "text": "V. I. Lenin, *Collected Works*, Vol. 28, Moscow, 1974, pp. 64-65.",
                },
            ],
        },
        {
            "id": "chron",
            "type": "chronology",
            "n": None,
            "label": None,
            "title": "Chronology",
            "subtitle": None,
            "first_line": 8085,
            "content": [
                {"type": "head", "first_line": 8087, "text": "1917"},
                {
                    "type": "list",
                    "first_line": 8089,
                    "items": [
                        {
                            "first_line": 8089,
                            "parts": [
                                "25 *October (7 November)*—victory of the Great October Socialist Revolution."
                            ],
                        },
                        {
                            "first_line": 8090,
                            "parts": [
                                "26 *October (8 November)*—Second All-Russia Congress of Soviets adopts "
                                "the Decree on Peace."
                            ],
                        },
                    ],
                },
                {"type": "head", "first_line": 8107, "text": "1918"},
                {
                    "type": "list",
                    "first_line": 8109,
                    "items": [
                        {
                            "first_line": 8109,
                            "parts": ["3 *March*—Soviet Russia signs Brest-Litovsk peace with Germany."],
                        }
                    ],
                },
            ],
            "sections": [],
            "notes": [
                {
                    "id": "chron-n1",
                    "n": "1",
                    "first_line": 8102,
                    "unlinked": True,
                    "text": "Dates of events, which occurred prior to 31 January 1918, are given according "
                    "to Old Style—used in Russia at that time—with New Style indicated in brackets.",
                }
            ],
        },
    ],
    "back": [
        {"type": "head", "first_line": 8610, "text": "REQUEST TO READERS"},
        {
            "type": "p",
            "first_line": 8612,
            "parts": ["Progress Publishers would be glad to have your opinion of this book."],
        },
    ],
    "note_numbering": "division",
}


def structure() -> dict[str, Any]:
    """A fresh copy of the sample structure as JSON (tests may change it)."""
    return copy.deepcopy(STRUCTURE)


def with_plate(head: list[str]) -> dict[str, Any]:
    """The sample structure with a plate's caption (its title lines ``head`` and a photograph's
    credit, as *The Stones of Bray* prints them) after the chapter's first item."""
    changed = structure()
    plate = {
        "type": "figure",
        "first_line": 1180,
        "head": head,
        "credit": ["(From a photograph by B. Killick, Bray)"],
    }
    changed["divisions"][1]["content"].insert(1, plate)
    return changed


def book(changed: dict[str, Any] | None = None) -> Book:
    """The sample structure (or a changed copy) as the typed tree."""
    return Book.from_json(changed or structure())


# a single-author book, as README.md shows it: no editors, volume, period or original
SINGLE_AUTHOR = """\
title: Essays in Radical Empiricism
authors:
  - William James
publisher: Longmans, Green, and Co.
place: New York
year: 1912
language: en
"""


def single_author_metadata(folder: Path) -> dict[str, Any]:
    """The single-author book's metadata, written to ``folder/raw/essays.yaml`` and checked by the
    metadata stage's reader."""
    from pipeline.metadata import load_metadata

    path = folder / "raw" / "essays.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SINGLE_AUTHOR, encoding="utf-8")
    return load_metadata(path)


def metadata() -> dict[str, Any]:
    """The first book's metadata (validated when ``pipeline.metadata`` is there)."""
    try:
        from pipeline.metadata import load_metadata
    except ImportError:
        return yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    return load_metadata(METADATA)
