"""The gold scorer's own rules (:mod:`real_gold`): how texts compare, which note a gold note is."""

from __future__ import annotations

from real_gold import _nearest_note, _text_holding, key

from pipeline.model import Note


def test_a_dash_between_digits_reads_as_a_hyphen() -> None:
    assert key("Woodward, op. cit., pp. 119\u201327.") == key("Woodward, op. cit., pp. 119-27.")
    assert key("pp. 119\u221227") == "pp 119-27"


def test_a_dash_between_words_stays_a_space() -> None:
    assert key("arise.\u2014The variety") == "arise the variety"


def test_of_notes_printed_alike_the_nearest_to_the_gold_line_is_taken() -> None:
    notes = [Note("n1", "*", 165, ["Ibid."]), Note("n2", "*", 315, ["Ibid."]), Note("n3", "1", 320, ["See."])]
    assert _nearest_note(notes, key("Ibid."), 314) is notes[1]
    assert _nearest_note(notes, key("Nowhere."), 314) is None


def test_a_note_leaks_into_the_running_text_that_holds_its_line_only() -> None:
    starts = [(100, "a quotation on a collection of fossils"), (120, "the page text 1 on a collection")]
    assert _text_holding(starts, 125) == "the page text 1 on a collection"
    assert _text_holding(starts, 110) == "a quotation on a collection of fossils"
    assert _text_holding(starts, 90) == ""
