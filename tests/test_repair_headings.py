"""The repairs of headings and the contents table, and how a heading is recognised.

Excerpts of the first book at their raw lines (see ``repair_excerpts``).
"""

from __future__ import annotations

import pytest
from repair_excerpts import NO_CONTEXT, texts

from pipeline.model import Block
from pipeline.repair.evidence import contents_titles, heading_style, is_lineated
from pipeline.repair.headings import (
    close_spaced_ellipses,
    remove_contents_leaders,
    remove_stray_heading_dashes,
    strip_stray_heading_characters,
)
from pipeline.repair.hyphenation import broken_word_at_end
from pipeline.repair.page_breaks import decide_page_break_join
from pipeline.repair.vocabulary import BookVocabulary
from pipeline.text.punctuation import plain_text
from pipeline.text.words import last_word

# --- headings and the contents table ------------------------------------------------------------------


def contents_blocks(*rows: tuple[int, str]) -> list[Block]:
    return [Block(text, line, line) for line, text in rows]


def test_stray_character_before_a_contents_entry_is_removed_and_a_list_bullet_is_not() -> None:
    blocks = contents_blocks(
        # line 170; lines 8580 and 8132 are list items (a bullet and a space)
        (
            170,
            "| -CHAPTER XIII. Foreign Policy of the Soviet Union During the Great Patriotic War "
            "(1941-1945) | 411 |",
        ),
        (6835, "-CHAPTER XIII"),  # line 6835 with the contents' stray dash
        (8580, "- Republic."),
        (8132, "- March*—William C. Bullitt's mission to Moscow."),
    )
    result, changes, _ = strip_stray_heading_characters(blocks, NO_CONTEXT)
    assert texts(result) == [
        "| CHAPTER XIII. Foreign Policy of the Soviet Union During the Great Patriotic War "
        "(1941-1945) | 411 |",
        "CHAPTER XIII",
        "- Republic.",
        "- March*—William C. Bullitt's mission to Moscow.",
    ]
    assert [change.line for change in changes] == [170, 6835]


def test_leader_dots_are_removed_from_contents_entries_only() -> None:
    blocks = contents_blocks(
        # lines 80, 168 (clipped), 173, and a note with an ellipsis in a title (line 6015)
        (80, "| Lenin's Struggle for the Immediate Conclusion of Peace .. | 55 |"),
        (
            168,
            "| Soviet Efforts to Prevent the Spread of Nazi Aggression […] Beginning of 1941 . . . | 400 |",
        ),
        (173, "| The USSR and the Building of the Anti-Hitler Coalition . . | 417 |"),
        (6015, "⁸⁸ *USSR in the Struggle for Peace...*, p. 393."),
    )
    result, changes, _ = remove_contents_leaders(blocks, NO_CONTEXT)
    assert texts(result) == [
        "| Lenin's Struggle for the Immediate Conclusion of Peace | 55 |",
        "| Soviet Efforts to Prevent the Spread of Nazi Aggression […] Beginning of 1941 | 400 |",
        "| The USSR and the Building of the Anti-Hitler Coalition | 417 |",
        "⁸⁸ *USSR in the Struggle for Peace...*, p. 393.",
    ]
    assert [change.line for change in changes] == [80, 168, 173]


def test_spaced_ellipsis_is_closed_up() -> None:
    # line 5991 (clipped) with the OCR's spacing of its ellipsis, and line 6015 already closed
    blocks = contents_blocks(
        (5991, 'the British formula leaves . . . a loophole for the aggressor."⁸⁶'),
        (6015, "⁸⁸ *USSR in the Struggle for Peace...*, p. 393."),
    )
    result, changes, _ = close_spaced_ellipses(blocks, NO_CONTEXT)
    assert texts(result) == [
        'the British formula leaves ... a loophole for the aggressor."⁸⁶',
        "⁸⁸ *USSR in the Struggle for Peace...*, p. 393.",
    ]
    assert len(changes) == 1


def test_stray_dash_in_a_heading_goes_when_the_contents_prints_it_without() -> None:
    blocks = contents_blocks(
        # line 181 (contents), 7997 (heading), 1564 (clipped: "Soviet-German" needs no spaces anyway)
        (
            181,
            "| The USSR and the Foundation of the United Nations Organisation. The Conferences at "
            "Dumbarton Oaks and San Francisco | 481 |",
        ),
        (
            7997,
            "The USSR and the Foundation of the United Nations - Organisation. The Conferences at "
            "Dumbarton Oaks and San Francisco",
        ),
        (8000, "014 (01) - 81"),
    )
    result, changes, review = remove_stray_heading_dashes(blocks, NO_CONTEXT)
    assert result[1].text == (
        "The USSR and the Foundation of the United Nations Organisation. The Conferences at Dumbarton Oaks "
        "and San Francisco"
    )
    assert result[2].text == "014 (01) - 81"
    assert [change.line for change in changes] == [7997] and review == []


def test_stray_dash_between_capitalised_heading_words_goes_for_review_without_contents() -> None:
    blocks = contents_blocks((7997, "The USSR and the Foundation of the United Nations - Organisation"))
    result, changes, review = remove_stray_heading_dashes(blocks, NO_CONTEXT)
    assert result[0].text == "The USSR and the Foundation of the United Nations Organisation"
    assert len(changes) == 1 and [item.line for item in review] == [7997]


@pytest.mark.parametrize(
    ("text", "style"),
    [
        ("CHAPTER IV", "capitals"),  # line 1620
        ("1918", "capitals"),  # line 8107
        ("(*March-November 1918*)", "subtitle"),  # line 1176
        ("**The Effect of the World Economic Crisis\non International Relations**", "bold"),  # line 4320
        (
            "The Soviet Collective Security Programme. Formulation and Implementation (1933-1935)",
            "title",
        ),  # 5063
        ("10 April-19 May—international", None),  # line 8196: ends in lower case, an entry cut short
        ("The support and development of these relations are one of the", None),  # line 234
        ("Genoa Conference.", None),  # line 8198: a full stop ends a sentence, not a heading
        # line 1887, clipped: capitalised words, but "forces" is no grammatical word
        ("But then Yudenich's White forces […] and Latvia on January 30, 1920. On February", None),
    ],
)
def test_heading_styles(text: str, style: str | None) -> None:
    assert heading_style(text) == style


def test_a_broken_word_is_found_at_the_very_end_only() -> None:
    # line 1835, clipped: a word broken inside emphasis at the end of a note
    match = broken_word_at_end("remarked about Bullitt's mission (Frederick Lewis Schuman, *Ame-*")
    assert match is not None and (match["word"], match["closers"]) == ("Ame", "*")
    broken = broken_word_at_end("This definition of annexation contains a number of basic proposi-")  # 468
    assert broken is not None and broken["word"] == "proposi"
    assert broken_word_at_end("Soviet Russia and the Anglo-Soviet") is None  # a hyphen inside a word
    assert broken_word_at_end("*Izvestia*, 1918-") is None  # a number: not a word
    assert broken_word_at_end("the non- ") is None  # a space after the hyphen


def test_the_last_word_is_read_from_the_end() -> None:
    # line 270: the note marker is no part of the word
    ending = 'the oppressed peoples and their just anti-imperialist wars of liberation".⁴'
    assert last_word(plain_text(ending)) == "liberation"
    assert last_word(plain_text("(Frederick Lewis Schuman, *Ame-*")) == "Ame"  # line 1835, clipped
    assert last_word(plain_text("SOVIET FOREIGN POLICY 1917-1945")) == "1945"  # lines 3 and 7, on one line
    assert last_word(plain_text("* * *")) == ""


def test_lines_set_one_by_one_are_told_from_wrapped_prose() -> None:
    assert is_lineated("*Under the editorship of\nA. A. Gromyko and B. N. Ponomarev*")  # lines 23-24
    assert is_lineated(  # lines 59-61
        "© Издательство „Наука”, 1980\nEnglish translation © Progress Publishers 1981\n"
        "Printed in the Union of Soviet Socialist Republics"
    )
    # line 238, wrapped at 55 characters as a book OCR'd line by line keeps it
    assert not is_lineated(
        "prime tasks of the foreign policy of the USSR. Soviet\npolicy is directed towards "
        '"the utmost strengthening of\nthe world socialist system; promotion of fraternal\n'
        "relations with all the socialist countries on lines of\ncomplete equality and voluntary cooperation"
    )


def test_heading_listed_in_the_contents_is_never_joined() -> None:
    # lines 148 (contents, clipped), 5269, 5271 (clipped): "via" is too rare a word for title case
    # by looks alone, but the contents table lists the heading
    contents = Block(
        "| Soviet Attempts to Organise Collective Resistance to Fascist Aggression via the League of Nations "
        "and International Conferences | 311 |",
        148,
        148,
    )
    heading = Block(
        "Soviet Attempts to Organise Collective Resistance to Fascist Aggression via the League of Nations "
        "and International Conferences",
        5269,
        5269,
    )
    text = Block("It soon became obvious that appeasement policies had been a fatal mistake. […]", 5271, 5271)
    vocabulary = BookVocabulary.from_texts([heading.text, text.text])
    assert decide_page_break_join(heading, text, vocabulary, contents_titles([contents])) == (
        False,
        "the first block is a heading",
        False,
    )
    unlisted = decide_page_break_join(heading, text, vocabulary)
    assert not unlisted.join and unlisted.doubtful
