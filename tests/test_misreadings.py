"""The misreading corrector: each rule on the evidence it weighs, and the corrector on the first book.

The small books here are a few sentences repeated so that their words have the counts a book gives
them; the sentences with misreadings are the raw OCR's (``../shared/real/``, the first book).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.correct.command import main as correct_main
from pipeline.correct.lexicon import Lexicon, in_dictionary
from pipeline.correct.misreadings import find_readings
from pipeline.corrections import load_corrections
from pipeline.model import read_json
from pipeline.normalise import main as normalise_main
from pipeline.repair.command import main as repair_main
from pipeline.structure import main as structure_main


def readings(text: str, *book: str, times: int = 6) -> list[tuple[str, str, str]]:
    """(sic, corr, kind) of the sure readings of ``text`` in a book of ``book``'s sentences ``times``
    over, and ``text`` once."""
    lexicon = Lexicon([*(sentence for sentence in book for _ in range(times)), text])
    return [(r.sic, r.corr, r.kind) for r in find_readings(text, lexicon) if r.confidence >= 0.9]


SETTLERS = (
    "The settlers of Moreton Bay were visited by the Roman Catholic Bishop and his family.",
    "It was later found that the settlers must have been there with their families before.",
    "I am convinced that I knew the river, and I have seen it since; I had no doubt.",
    "The rendering of accounts and the comparison of figures were made by the Government.",
)


def test_specks_against_words_are_taken_out() -> None:
    assert readings("a small quantity ■seed from America", *SETTLERS, "the seed was sown") == [
        ("■seed", "seed", "speck")
    ]
    # a word cut at a line end, the hyphen kept before the speck: the halves joined
    assert readings("in the compari-■son of figures", *SETTLERS) == [("compari-■son", "comparison", "speck")]
    assert readings("the rarest .cases of all", *SETTLERS, "in some cases") == [(".cases", "cases", "speck")]
    # a spaced ellipsis is no speck
    assert readings("and so . . .cases", *SETTLERS, "in some cases") == []


def test_letters_of_a_digits_shape_are_read_as_digits_in_sums_and_ordinals() -> None:
    assert readings("are paid £lO. 10 s. 6d", *SETTLERS) == [("lO", "10", "digits")]
    assert readings("an expenditure of £I,OOO by the Colonial", *SETTLERS) == [("I,OOO", "1,000", "digits")]
    assert readings("on the Ist November, 1854.", *SETTLERS) == [("Ist", "1st", "digits")]
    # not before a month: a word (German "ist") is left alone
    assert readings("was ist das", *SETTLERS) == []


def test_ocr_confusions_are_read_back_to_the_books_words() -> None:
    assert readings("at a iater period", *SETTLERS) == [("iater", "later", "letters")]
    assert readings("The Eoman Catholic Church", *SETTLERS) == [("Eoman", "Roman", "letters")]
    assert readings("it mitst be borne in mind", *SETTLERS) == [("mitst", "must", "letters")]
    # a word the book has no evidence for is only suggested (English alone: the printer's may be rare)
    lexicon = Lexicon([*SETTLERS, "a harrid lot of men"])
    (unsure,) = find_readings("a harrid lot of men", lexicon)
    assert (unsure.corr, unsure.confidence < 0.9) == ("horrid", True)


def test_names_and_rare_words_are_left_alone() -> None:
    book = (*SETTLERS, "the river Prut and the Chita railway", "Tsarist China and the Chinese")
    assert readings("the town of Chita was taken", *book, times=1) == []
    # rare words of the dictionary, and British spellings, are words
    assert in_dictionary("licitation") and in_dictionary("unfrequently") and in_dictionary("Germanise")
    assert readings("not unfrequently of tantalizing uncertainty", *SETTLERS) == []


def test_the_books_own_spelling_corrects_a_long_name() -> None:
    book = ("Czechoslovakia and Poland signed the treaty with Germany.",)
    assert readings("Denmark and Chechoslovakia.", *book) == [
        ("Chechoslovakia", "Czechoslovakia", "spelling")
    ]
    assert readings("As Kálinin pointed out", "Kalinin spoke to the Congress.") == [
        ("Kálinin", "Kalinin", "spelling")
    ]
    # one letter for another in a short name is as often two names (Hogland, Holland)
    assert readings("the islands of Hogland", "Holland and Belgium were neutral.") == []


def test_glued_and_hyphenated_words_are_parted() -> None:
    assert readings("further than lam prepared to follow it", *SETTLERS) == [("lam", "I am", "glued")]
    assert readings("fruit for sale ;in which he was successful", *SETTLERS) == [(";in", "; in", "glued")]
    assert readings("so far as concerns the-owner of the industry", *SETTLERS, "the owner") == [
        ("the-owner", "the owner", "inner-hyphen")
    ]
    # a compound of the book's is kept
    assert readings("the well-known settlers", *SETTLERS, "a well-known man") == []


def test_grammatical_words_are_read_in_context() -> None:
    book = (*SETTLERS, "He was surrounded by his friends.", "She came with his family.")
    assert readings("again surrounded by bis family", *book) == [("bis", "his", "real-word")]
    book = (*SETTLERS, "He knew it well, and they knew it.", "I pair them.", "2 pairs of shoes.")
    assert readings("Islands. 1 knew that my friends", *book) == [("1", "I", "letters")]
    # after a word that numbers, or before a word no subject is followed by, the digit stays
    assert readings("see page 1 knew", *book) == []
    assert readings("shoes, 1 pair of stockings", *book) == []


def test_stray_marks_of_noisy_ocr_are_taken_out() -> None:
    book = (*SETTLERS, "Some of the poor peasants themselves who still cling to it.", "The end of it.")
    book += ("The points on which it is usual to seek advice.",)
    assert readings("the poor peasants who- still cling", *book) == [("who-", "who", "speck")]
    assert readings("at the -end of the year", *book) == [("-end", "end", "speck")]
    # a hyphen before "and" is a printed one (``pre- and post-war``)
    assert readings("the poor- and the rich", *book) == []
    assert readings("on the points on w\u2019hich it is usual", *book) == [("w\u2019hich", "which", "speck")]
    assert readings("his personality on the result.. When", *SETTLERS, "the result") == [
        ("result..", "result.", "speck")
    ]


def test_words_run_together_and_doubled_letters_are_parted() -> None:
    book = (*SETTLERS, "The colonies and the settlers of the colonies agreed.")
    assert readings("for the Australian coloniesand it boldly stated", *book) == [
        ("coloniesand", "colonies and", "glued")
    ]
    # a word of two that are no grammatical word is left alone (commandantship)
    assert readings("in the third year of the commandantship of Logan", *book) == []
    assert readings("Communism whicch is described", *SETTLERS, "It was one which was there.") == [
        ("whicch", "which", "letters")
    ]


def test_a_word_misread_as_another_is_read_from_both_neighbours() -> None:
    book = (*SETTLERS, "They are not strong.", "Those who are not strong are weak.")
    assert readings("peoples make who arc not strong", *book, times=12) == [("arc", "are", "real-word")]
    # one neighbour that fits is not enough for a word English uses often
    assert readings("peoples see the arc not seen", *book, times=12) == []


@pytest.fixture(scope="module")
def first_book_without_corrections(
    tmp_path_factory: pytest.TempPathFactory, raw_book: Path
) -> dict[str, object]:
    """The first book's misreadings, corrected without its corrections file."""
    folder = tmp_path_factory.mktemp("uncorrected")

    def files(*names: str) -> list[str]:
        return [word for name in names for word in (f"--{name.split('.')[0]}", str(folder / name))]

    text = str(folder / "normalised.txt")
    assert normalise_main(["--input", str(raw_book), "--output", text, *files("changes.jsonl")]) == 0
    repaired = ["--input", text, "--output", str(folder / "repaired.json")]
    repaired += ["--input-evidence", str(folder / "input.json")]
    assert repair_main([*repaired, *files("changes.jsonl", "review.jsonl")]) == 0
    structure = ["--input", str(folder / "repaired.json"), "--output", str(folder / "structure.json")]
    assert structure_main([*structure, *files("changes.jsonl", "review.jsonl", "evidence.json")]) == 0
    correct = ["--input", str(folder / "structure.json"), "--text", text, "--corrections", "none.yaml"]
    correct += ["--output", str(folder / "corrected.json"), *files("changes.jsonl", "misreadings.json")]
    assert correct_main(correct) == 0
    return read_json(folder / "misreadings.json")


def test_on_the_first_book_every_automatic_correction_is_one_its_editor_made(
    first_book_without_corrections: dict[str, object], repo_root: Path, book_name: str
) -> None:
    editor = load_corrections(repo_root / "raw" / f"{book_name}.corrections.yaml")
    made = {(entry.sic, entry.corr) for entry in editor.entries}
    applied = first_book_without_corrections["applied"]
    assert isinstance(applied, list)
    assert {(item["sic"], item["corr"]) for item in applied} <= made
    assert len({item["sic"] for item in applied}) >= 0.6 * len(made)
