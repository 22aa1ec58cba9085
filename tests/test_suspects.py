"""Suspect words: likely OCR misreadings found on the book's own evidence."""

from __future__ import annotations

import json
from collections import Counter
from itertools import combinations
from pathlib import Path

from pipeline.model import Block, write_json
from pipeline.suspects import (
    NameEndings,
    Vocabulary,
    _count_tokens,
    _deletions,
    _tokenise,
    _uses,
    edit_distance,
    find_suspects,
    main,
)


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


def test_a_suspect_in_a_continued_note_is_reported_at_its_own_raw_line() -> None:
    # a note of line 11 whose text goes on at line 31 (after a page break, line 21 between) and
    # at line 41: a suspect after a continuation is on the continuation's line
    note = "First part of the note.\nSecond part, Chechoslovakia.\nThird part, Schullenburg."
    second, third = note.index("Second"), note.index("Third")
    continued = Block(note, 11, 41, kind="note", extra={"continued_at": [{"line": 31, "offset": second}]})
    continued.extra["page_breaks"] = [{"line": 41, "offset": third, "in_word": False}]
    found = {s.word: s.line for s in find_suspects([BOOK[1], *BOOK[4:], continued])}
    assert (found["Chechoslovakia"], found["Schullenburg"]) == (31, 41)


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


def test_deletions_remove_up_to_depth_characters() -> None:
    assert _deletions("eden", 1) == {"eden", "den", "een", "edn", "ede"}
    word = "schulenburg"
    by_positions = {
        "".join(char for k, char in enumerate(word) if k not in removed)
        for count in range(3)
        for removed in combinations(range(len(word)), count)
    }
    assert _deletions(word, 2) == by_positions
    assert "schlenbrg" in _deletions(word, 2) and "slenbrg" not in _deletions(word, 2)


def test_tokens_are_counted_as_written_in_order_of_first_use() -> None:
    tokens = _count_tokens(_tokenise(BOOK[2:4]))  # raw lines 5615, 5617
    assert tokens["Schullenburg"] == 2
    assert tokens["People\u2019s"] == 1
    assert list(tokens)[:3] == ["the", "German", "Ambassador"]


def test_blocks_are_tokenised_once_with_equal_tokens_shared() -> None:
    block_tokens = _tokenise(BOOK[2:5])  # raw lines 5615, 5617 and the block after
    assert block_tokens[1] == ["The", "People\u2019s", "Commissar", "told", "Schullenburg", "bluntly"]
    assert block_tokens[0][5] is block_tokens[1][4]  # "Schullenburg": one string, not a copy per use
    assert len({id(token) for token in block_tokens[2]}) == 2  # "Schulenburg" six times, "and"


def test_uses_are_the_whole_tokens_in_book_order() -> None:
    block_tokens = _tokenise(BOOK)
    uses = [
        (block.first_line, match.group())
        for block, match in _uses(BOOK, block_tokens, {"Schullenburg", "Eden"})
    ]
    assert uses[:2] == [(21, "Schullenburg"), (31, "Schullenburg")]
    assert uses[2:] == [(91, "Eden")] * 11  # only whole words
    assert not list(_uses(BOOK, block_tokens, {"Schulen", "Iden"}))  # parts of words are not uses


def test_nearest_word_can_require_a_minimum_count() -> None:
    counts = Counter({"schulenburg": 6, "schullenburg": 2, "czechoslovakia": 3, "chechoslovakia": 1})
    vocabulary = Vocabulary(counts)
    assert vocabulary.nearest("schullenburg", 1) == "schulenburg"
    assert vocabulary.nearest("schullenburg", 1, min_count=6) == "schulenburg"
    assert vocabulary.nearest("schullenburg", 1, min_count=7) is None
    assert vocabulary.nearest("chechoslovakia", 1) == "czechoslovakia"
    assert vocabulary.nearest("chechoslovakya", 1) is None  # two edits away
    assert vocabulary.nearest("chechoslovakya", 2) == "czechoslovakia"


def test_name_endings_count_capitalised_words_not_in_english() -> None:
    # The names of the book listed in BOOK, and "Moscow" (raw line 8622).
    tokens = _count_tokens(_tokenise(BOOK[6:8]))
    endings = NameEndings(
        Counter({token.lower(): n for token, n in tokens.items()}), {t.lower(): t for t in tokens}
    )
    assert endings.names("sky") >= 3  # Dovgalevsky, Troyanovsky, Lozovsky, Krestinsky
    assert endings.names("cow") == 0  # Moscow is an English word
    assert endings.names("ovsky") == 0  # only endings of 3 or 4 letters


def test_command_line_without_corrections_file(tmp_path: Path) -> None:
    repaired, output = tmp_path / "repaired.json", tmp_path / "suspects.json"
    write_json(repaired, {"blocks": [block.to_dict() for block in BOOK]})
    arguments = [
        "--input",
        str(repaired),
        "--corrections",
        str(tmp_path / "none.yaml"),
        "--output",
        str(output),
    ]
    assert main(arguments) == 0
    result = json.loads(output.read_text(encoding="utf-8"))
    assert result["corrections"] == 0 and result["confirmed"] == 0
    assert [s["word"] for s in result["suspects"]] == [s.word for s in find_suspects(BOOK)]
