"""The book's vocabulary: what counts as evidence for a hyphenation decision, counted line by line."""

from __future__ import annotations

from pathlib import Path

from pipeline.repair.vocabulary import BookVocabulary

# Raw lines 468-470 of soviet-foreign-policy-vol1.txt (a page foot: the break, then a note), and a
# line continuing the broken word the way the next page of the book would.
EXCERPT = (
    "This definition of annexation contains a number of basic proposi-\n"
    "\n"
    "¹ V. I. Lenin, *Collected Works*, Vol. 26, Moscow, 1964, p. 316.\n"
    "tions. Soviet Russia\n"
    "1917.\n"
)


def test_halves_of_a_broken_word_are_not_counted() -> None:
    vocabulary = BookVocabulary.from_texts([EXCERPT])
    assert vocabulary.words["proposi"] == 0 and vocabulary.words["tions"] == 0
    assert vocabulary.words["number"] == 1 and vocabulary.words["annexation"] == 1
    assert vocabulary.words["lenin"] == 1  # the note marker is no part of the text's words


def test_nothing_is_counted_across_a_line_break() -> None:
    vocabulary = BookVocabulary.from_texts([EXCERPT])
    assert vocabulary.has_pair("basic", "proposi") and vocabulary.has_pair("Soviet", "Russia")
    assert not vocabulary.has_pair("proposi", "v") and not vocabulary.has_pair("russia", "1917")
    assert vocabulary.sentence_final["tions"] == 1 and vocabulary.sentence_final["1917"] == 0  # no word
    # "Soviet" follows a full stop inside its line; "Russia" (line end) does not open the next line
    assert vocabulary.capitalised_after_sentence_break["Soviet"] == 1
    assert vocabulary.capitalised["Russia"] == 1 and not vocabulary.capitalised_after_sentence_break["Russia"]


def test_every_occurrence_counts_also_of_a_spelling_met_again() -> None:
    # raw line 448, clipped and wrapped: "the" eight times, "revolution" twice; the lower-case
    # words opening a line are left out as possible halves of a broken word
    vocabulary = BookVocabulary.from_texts(
        [
            "Peace was essential in order to consolidate the gains of the socialist revolution, to bring\n"
            "about transformations in town and countryside, and to strengthen the alliance of the working\n"
            "class and the toiling peasantry. Continuation of the war threatened the cause of revolution\n"
            "and put the very existence of Russia in mortal danger.\n"
        ]
    )
    assert vocabulary.words["the"] == 8 and vocabulary.words["revolution"] == 2
    assert vocabulary.words["about"] == vocabulary.words["class"] == 0  # opening a line
    assert vocabulary.sentence_final["peasantry"] == vocabulary.sentence_final["danger"] == 1
    assert vocabulary.sentence_final["revolution"] == 0


def test_sentence_openers_are_counted_at_line_starts_and_after_a_stop() -> None:
    # raw lines 608 and 1835, clipped: a line's first word, a word after a full stop, and one after
    # a full stop and an opening quote
    vocabulary = BookVocabulary.from_texts(
        [
            "Soviet Russia recognised Poland and Finland as independent states. On 18 (31) December 1917\n"
            "the falsity of Wilson's and Lloyd George's diplomacy. \"The story of Prinkipo has repeated\n"
        ]
    )
    openers = vocabulary.capitalised_after_sentence_break
    assert openers["Soviet"] == openers["On"] == openers["The"] == 1
    assert not openers["Russia"] and not openers["Poland"] and not openers["December"]
    assert vocabulary.capitalised["Poland"] == 1 and vocabulary.is_name_like("Poland")


def test_a_book_read_in_parts_has_the_vocabulary_of_the_whole(raw_book: Path) -> None:
    """Words are counted once all parts are read (each distinct chunk searched once), less the
    possible halves of broken words found in every part: the counts are those of the whole text."""
    lines = raw_book.read_text(encoding="utf-8").splitlines(keepends=True)
    third = len(lines) // 3
    parts = ["".join(lines[:third]), "".join(lines[third : 2 * third]), "".join(lines[2 * third :])]
    whole = BookVocabulary.from_texts(["".join(lines)])
    assert whole.words["the"] > 1000 and whole.pairs
    parted = BookVocabulary.from_texts(parts)
    assert parted == whole and parted.pairs == whole.pairs
