"""Suspect words: likely OCR misreadings found on the book's own evidence."""

from __future__ import annotations

from pipeline.model import Block
from pipeline.suspects import edit_distance, find_suspects


def _blocks(*texts: str) -> list[Block]:
    return [Block(text, first_line=10 * k + 1, last_line=10 * k + 1) for k, text in enumerate(texts)]


# Real sentences of the first book (raw lines 2651, 5615, 5617, 3851, 8622, 8488) beside the
# spellings the book uses elsewhere.
BOOK = _blocks(
    "with Norway, Austria, Italy, Denmark and Chechoslovakia.",
    "Czechoslovakia and Czechoslovakia signed; Czechoslovakia again.",
    "the German Ambassador in Moscow Schullenburg that",
    "The People\u2019s Commissar told Schullenburg bluntly",
    "Schulenburg, Schulenburg, Schulenburg, Schulenburg, Schulenburg and Schulenburg.",
    "the Latvian Envoy to the USSR Ozols, Stomon-yakov pointed out; Stomonyakov said.",
    "Please send your comments to 17, Zubov-sky Boulevard, Moscow.",
    "Dovgalevsky, Rakovsky, Troyanovsky, Lozovsky and Krestinsky met; Rakovsky spoke.",
    "Anglo-Soviet negotiations in Moscow (Iden\u2019s mission).",
    "Eden, Eden, Eden, Eden, Eden, Eden, Eden, Eden, Eden, Eden and Eden.",
    "Chicherin met Chicherin; the non-aggression pact.",
)


def test_misreadings_are_found_with_suggestions() -> None:
    found = {s.word: s for s in find_suspects(BOOK)}
    assert found["Chechoslovakia"].suggestion == "Czechoslovakia"
    assert found["Chechoslovakia"].line == 1
    assert found["Schullenburg"].suggestion == "Schulenburg"
    assert found["Stomon-yakov"].kind == "residual_hyphen"
    assert found["Stomon-yakov"].suggestion == "Stomonyakov"
    assert found["Zubov-sky"].kind == "residual_hyphen"
    assert found["Iden\u2019s"].kind == "rare_word"
    assert "Denmark and Chechoslovakia." in found["Chechoslovakia"].context


def test_words_names_and_compounds_are_left_alone() -> None:
    found = {s.word for s in find_suspects(BOOK)}
    assert not found & {
        "Czechoslovakia",
        "Schulenburg",
        "Chicherin",
        "non-aggression",
        "Anglo-Soviet",
        "Ozols",
    }


def test_confirmed_suspects_are_marked_and_ranked_first() -> None:
    suspects = find_suspects(BOOK, confirmed=["Chechoslovakia"])
    assert [s.confirmed for s in suspects if s.word == "Chechoslovakia"] == [True]
    assert (suspects[0].kind == "unknown_word" and suspects[-1].suggestion is None) or suspects[-1].kind


def test_edit_distance() -> None:
    assert edit_distance("schullenburg", "schulenburg", 2) == 1
    assert edit_distance("geramny", "germany", 2) == 1  # a transposition
    assert edit_distance("iden", "london", 1) == 2
