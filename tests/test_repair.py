"""Tests of the repair stage on real excerpts of the first book.

Excerpts are copied from ``raw/soviet-foreign-policy-vol1.txt``; the comment before each gives
its raw line numbers. Lines of a thousand characters are clipped in the middle (``[…]``), which
keeps their beginning and end, where the repairs look.
"""

from __future__ import annotations

import inspect
import itertools
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from bookgen import Convention, generate

from pipeline.model import Block, Change, Review
from pipeline.readers.paragraph_lines import split_blocks
from pipeline.repair import (
    REPAIRS,
    STRUCTURAL_REPAIRS,
    RepairContext,
    Repaired,
    furniture,
    headings,
    hyphenation,
    notes,
    page_breaks,
    typesetting,
    typography,
)
from pipeline.repair import repair as repair_stage
from pipeline.repair.__main__ import main
from pipeline.repair.evidence import contents_titles, heading_style, is_lineated, plain
from pipeline.repair.headings import (
    close_spaced_ellipses,
    remove_contents_leaders,
    remove_stray_heading_dashes,
    strip_stray_heading_characters,
)
from pipeline.repair.hyphenation import broken_word_at_end, decide_hyphenation, is_suspended_hyphen
from pipeline.repair.notes import classify_note_blocks
from pipeline.repair.page_breaks import decide_page_break_join
from pipeline.repair.vocabulary import BookVocabulary
from pipeline.text.words import last_word

ROOT = Path(__file__).resolve().parent.parent
RAW_BOOK = ROOT / "raw" / "soviet-foreign-policy-vol1.txt"
WORD_RE = re.compile(r"\w+")
NO_CONTEXT = RepairContext(BookVocabulary())  # for the repairs that read no vocabulary or layout


def book(*blocks: tuple[int, str]) -> str:
    """A text with each block at its raw line number and blank lines between, as normalise leaves it."""
    lines: list[str] = []
    for number, text in blocks:
        assert number > len(lines) + 1, "blocks must be given in order, one blank line apart at least"
        lines += [""] * (number - 1 - len(lines)) + text.split("\n")
    return "\n".join(lines) + "\n"


def repair(text: str) -> tuple[list[Block], list[Change], list[Review]]:
    """The structural repairs alone (the typographic pass is tested in test_typography.py and below)."""
    return repair_stage(text, typeset=False)


def texts(blocks: list[Block]) -> list[str]:
    return [block.text for block in blocks]


def kinds(blocks: list[Block]) -> list[str]:
    return [block.kind for block in blocks]


# --- the registry of repairs ------------------------------------------------------------------------

REPAIR_ORDER = [
    "remove_page_furniture",
    "classify_note_blocks",
    "restore_plain_note_numbers",
    "remove_contents_leaders",
    "close_spaced_ellipses",
    "strip_stray_heading_characters",
    "remove_stray_heading_dashes",
    "rejoin_inline_hyphenation",
    "attach_note_continuations",
    "rejoin_page_breaks",
    "typeset_blocks",
]
# the rules a repair's changes may carry besides its own name
OTHER_RULES = {
    "rejoin_inline_hyphenation": {"dehyphenate"},
    "rejoin_page_breaks": {"dehyphenate"},
    "typeset_blocks": {rule.__name__ for rule in typography.RULES},
}
# after a generated book (page furniture, plain note numbers, note text continued at the next page's
# foot), blocks that the heading and hyphenation repairs have work in
HEADING_NOISE = [
    "| CHAPTER I. The First Acts . . . . | 30 |",
    "-THE FIRST ACTS",
    "The First - Acts",
    "The words . . . went on, and an inter- national agreement was signed.",
]


def test_the_registry_lists_every_repair_in_the_order_they_run() -> None:
    assert [repair.__name__ for repair in REPAIRS] == REPAIR_ORDER
    assert (*STRUCTURAL_REPAIRS, typesetting.typeset_blocks) == REPAIRS
    repairs = {
        name
        for module in (furniture, headings, hyphenation, notes, page_breaks, typesetting)
        for name, value in vars(module).items()
        if inspect.isfunction(value)
        and value.__module__ == module.__name__
        and list(inspect.signature(value).parameters) == ["blocks", "context"]
    }
    assert repairs == set(REPAIR_ORDER)


def test_each_repair_returns_its_blocks_and_its_changes_with_their_explanations() -> None:
    convention = Convention("registry", chapters=2, running_heads="with-number", page_numbers="in-head")
    text = generate(Convention(**{**vars(convention), "markers": "digits"})).text
    text += "\n\n" + generate(Convention(**{**vars(convention), "continued_notes": True})).text
    text += "\n\n" + "\n\n".join(HEADING_NOISE) + "\n"
    context = RepairContext(BookVocabulary.from_texts([text]))
    blocks = split_blocks(text)
    for repair in REPAIRS:
        result = repair(blocks, context)
        assert isinstance(result, Repaired) and all(isinstance(block, Block) for block in result.blocks)
        rules = {repair.__name__, *OTHER_RULES.get(repair.__name__, set())}
        if repair is not classify_note_blocks:  # (it says what it found in the blocks' kinds)
            assert result.changes, f"{repair.__name__} changed nothing"
        for change in result.changes:
            assert change.stage == "repair" and change.rule in rules and change.explanation, change
            assert change.before != change.after
        blocks = result.blocks
    assert sum(block.kind == "note" for block in blocks) > 0


# --- classifying note blocks ----------------------------------------------------------------------


def test_note_bodies_are_classified_and_other_blocks_are_left_alone() -> None:
    blocks = [
        Block("²¹⁻²² *Yearbook of the United Nation*, New York, 1947, p. 1.", 7001, 7001),
        Block(
            "* The Act on Lend-Lease was passed by the US Congress on 11 March, 1941. […] the war.",
            7051,
            7051,
        ),
        Block("* * *", 752, 752),
        Block("*Under the editorship of\nA. A. Gromyko and B. N. Ponomarev*", 23, 24),
        Block("2 February—peace treaty between RSFSR and Estonia is signed in Yuriev (Tartu).", 8146, 8146),
    ]
    assert kinds(classify_note_blocks(blocks, NO_CONTEXT).blocks) == ["note", "note", "text", "text", "text"]


def test_paragraph_is_joined_across_a_note_marked_with_an_asterisk() -> None:
    # lines 7039 (clipped), 7049 (clipped), 7051 (clipped), 7053 (clipped)
    text = book(
        (
            7039,
            "Imperialist propaganda […] under lend-lease.* It is claimed that without these supplies the",
        ),
        (7049, "³³ Soviet Foreign Policy Archives. Transcript of a Conversation […], March 16, 1942."),
        (
            7051,
            "* The Act on Lend-Lease was passed by the US Congress on 11 March, 1941. […] the war.",
        ),
        (
            7053,
            "Soviet Union could not have overcome Nazi Germany. […] of Soviet industrial output.³⁶",
        ),
    )
    blocks, _, _ = repair(text)
    assert kinds(blocks) == ["text", "note", "note"]
    assert "without these supplies the Soviet Union could not have overcome" in blocks[0].text


def test_note_numbers_printed_without_superscript_are_restored() -> None:
    text = book(
        # lines 5997, 6003, 6005 (clipped), 6007 (clipped), 6013, 6015, 6021 (clipped)
        (5997, "⁸⁶ *USSR in the Struggle for Peace...*, p. 524."),
        (
            6003,
            "February when we reached an understanding with the French about common action, "
            'in the event of German action against Holland" 87',
        ),
        (
            6005,
            "The reactionary, semi-fascist government of Poland, […] the Anglo-French-Soviet negotiations.",
        ),
        (6007, "The Polish government's position […] only on conditions of reciprocity.\" 88"),
        (6013, "87 *Documents on British Foreign Policy, 1919-1939*, Third Series, Vol. VI, p. 423."),
        (6015, "88 *USSR in the Struggle for Peace...*, p. 393."),
        (6021, 'Soviet territory of Bessarabia that it had seized in 1918. […] that is quite definite."⁹⁴'),
    )
    blocks, changes, _ = repair(text)
    assert [block.text[:3] for block in blocks if block.kind == "note"] == ["⁸⁶ ", "⁸⁷ ", "⁸⁸ "]
    assert 'against Holland"⁸⁷' in blocks[1].text
    assert 'reciprocity."⁸⁸' in blocks[3].text
    assert {change.rule for change in changes} == {"restore_plain_note_numbers"}
    assert sorted(change.line for change in changes) == [6003, 6007, 6013, 6015]


def test_chronology_dates_are_not_taken_for_plain_note_numbers() -> None:
    # lines 8102 (clipped), 8142, 8144, 8146: the note before is ¹, the entry starts with 2, but no
    # marker 2 stands in the text, so the entry stays text.
    text = book(
        (
            8102,
            "¹ Dates of events, which occurred prior to 31 January 1918, are given according to Old Style.",
        ),
        (8142, "1920"),
        (8144, "16 January—Entente lifts economic blockade of Soviet Russia."),
        (8146, "2 February—peace treaty between RSFSR and Estonia is signed in Yuriev (Tartu)."),
    )
    blocks, changes, _ = repair(text)
    assert kinds(blocks) == ["note", "text", "text", "text"]
    assert blocks[-1].text.startswith("2 February")
    assert changes == []


# --- note text displaced among the running text -------------------------------------------------------


def test_note_continuation_between_paragraph_halves_goes_back_to_its_note() -> None:
    text = book(
        # lines 1835, 1841, 1845, 1847, 1849, 1851 (clipped)
        (1835, "²⁹ Bullitt himself, […] about Bullitt's mission (Frederick Lewis Schuman, *Ame-*"),
        (1841, "The imperialists' hopes concerning Kolchak were in vain. […] forces of the Baltic peoples."),
        (
            1845,
            "While Denikin was advancing on Moscow from the south, […] Russian revolution. Churchill boasted",
        ),
        (
            1847,
            "ican Policy Towards Russia since 1917. A Study of Diplomatic History, International Law "
            "and Public Opinion, New York, 1928, p. 134).",
        ),
        (
            1849,
            "³⁰ V. J. Sipols, *Behind the Scenes of the Foreign Intervention in Latvia, […]*, pp. 157-58.",
        ),
        (1851, 'about the campaign of the "fourteen states" against the Soviet Republic.'),
    )
    blocks, changes, review = repair(text)
    assert kinds(blocks) == ["note", "text", "text", "note"]
    assert blocks[0].text.endswith(
        "Schuman, *Ameican* Policy Towards Russia since 1917. A Study of "
        "Diplomatic History, International Law and Public Opinion, New York, 1928, p. 134)."
    )
    assert (blocks[0].first_line, blocks[0].last_line) == (1835, 1847)
    assert blocks[2].text.endswith(
        'Churchill boasted about the campaign of the "fourteen states" against the Soviet Republic.'
    )
    assert [(change.rule, change.line) for change in changes] == [
        ("rejoin_page_breaks", 1845),
        ("attach_note_continuations", 1847),
    ]
    # "Ame-" + "ican" is no word the book or English knows: joined, but put up for review
    assert [item.line for item in review] == [1847]


def test_finished_note_gets_its_next_paragraph_on_a_new_line() -> None:
    text = book(
        # lines 3713 (clipped), 3719 (clipped), 3721 (clipped), 3723
        (
            3713,
            "Meanwhile the imperialist powers viewed the Chinese revolution […] They were highly disturbed",
        ),
        (
            3719,
            "³ The internationalist Soviet aid to the Chinese revolution […] national liberation movement.",
        ),
        (
            3721,
            "The present-day official historiography, however, endeavours […] contrary to China's interests.",
        ),
        (3723, "and irritated by Soviet aid to the Chinese revolution."),
    )
    blocks, _, review = repair(text)
    assert texts(blocks) == [
        "Meanwhile the imperialist powers viewed the Chinese revolution […] They were highly disturbed "
        "and irritated by Soviet aid to the Chinese revolution.",
        "³ The internationalist Soviet aid to the Chinese revolution […] national liberation movement.\n"
        "The present-day official historiography, however, endeavours […] contrary to China's interests.",
    ]
    assert blocks[1].extra["continued_at"] == [{"line": 3721, "offset": blocks[1].text.index("\n") + 1}]
    assert [item.rule for item in review] == ["attach_note_continuations"]


def test_lower_case_block_after_a_finished_sentence_continues_an_unfinished_note() -> None:
    # lines 1835, 1841, 1847, 1849 (clipped): the text before the orphan ends a sentence, so the
    # orphan cannot continue it; the note before it is unfinished.
    text = book(
        (1835, "²⁹ Bullitt himself, […] about Bullitt's mission (Frederick Lewis Schuman, *Ame-*"),
        (1841, "The imperialists' hopes concerning Kolchak were in vain. […] forces of the Baltic peoples."),
        (
            1847,
            "ican Policy Towards Russia since 1917. A Study of Diplomatic History, New York, 1928, p. 134).",
        ),
        (
            1849,
            "³⁰ V. J. Sipols, *Behind the Scenes of the Foreign Intervention in Latvia, […]*, pp. 157-58.",
        ),
    )
    blocks, changes, _ = repair(text)
    assert kinds(blocks) == ["note", "text", "note"]
    assert "since 1917" in blocks[0].text
    assert changes[0].rule == "attach_note_continuations"


def test_lower_case_continuation_without_displaced_note_text_is_left_to_the_paragraph() -> None:
    # lines 234, 236, 238 (clipped)
    text = book(
        (234, "The support and development of these relations are one of the"),
        (
            236,
            "² *International Meeting of Communist and Workers' Parties, Moscow, 1969, Prague, 1969, p. 23.*",
        ),
        (238, "prime tasks of the foreign policy of the USSR. […] the solidarity of the socialist states."),
    )
    blocks, changes, _ = repair(text)
    assert [change.rule for change in changes] == ["rejoin_page_breaks"]
    assert kinds(blocks) == ["text", "note"]


# --- paragraphs cut by page breaks --------------------------------------------------------------------


def test_paragraph_cut_around_a_note_is_joined_and_the_note_follows_it() -> None:
    # lines 234, 236, 238 (clipped)
    text = book(
        (234, "The support and development of these relations are one of the"),
        (
            236,
            "² *International Meeting of Communist and Workers' Parties, Moscow, 1969, Prague, 1969, p. 23.*",
        ),
        (238, "prime tasks of the foreign policy of the USSR. […] the solidarity of the socialist states."),
    )
    blocks, changes, review = repair(text)
    joined = blocks[0]
    assert joined.text == (
        "The support and development of these relations are one of the prime tasks of the foreign "
        "policy of the USSR. […] the solidarity of the socialist states."
    )
    assert (joined.first_line, joined.last_line) == (234, 238)
    assert joined.extra["page_breaks"] == [
        {"line": 238, "offset": joined.text.index("prime"), "in_word": False}
    ]
    assert blocks[1].kind == "note"
    assert changes[0].line == 234
    assert (
        changes[0].before
        == "…opment of these relations are one of the | prime tasks of the foreign policy of the…"
    )
    assert review == []


def test_paragraph_cut_without_notes_between_is_joined() -> None:
    # lines 214 (clipped), 216
    text = book(
        (
            214,
            "Thus, Soviet socialist foreign policy rests on […] the international working-class and national",
        ),
        (216, "liberation movement."),
    )
    blocks, _, _ = repair(text)
    assert texts(blocks) == [
        "Thus, Soviet socialist foreign policy rests on […] the international working-class and national "
        "liberation movement."
    ]


def test_word_hyphenated_across_a_page_break_is_joined() -> None:
    # lines 390 (clipped), 392, and line 388 (clipped) for the book's own "international"
    text = book(
        (388, "The major positive results […] an important turning point in international relations."),
        (390, "Above all one must note […] one of the main obstacles to improving the inter-"),
        (392, "national political climate on our planet."),
    )
    blocks, changes, _ = repair(text)
    assert blocks[1].text.endswith("improving the international political climate on our planet.")
    assert blocks[1].extra["page_breaks"][0]["in_word"] is True
    assert changes[0].rule == "dehyphenate"
    assert "1x 'international' and 0x 'inter-national'" in changes[0].explanation


@pytest.mark.parametrize(
    ("excerpt", "expected"),
    [
        (  # lines 614, 616, 622 (clipped), and 8427 (clipped) for the book's "Estonian Soviet"
            [
                (
                    614,
                    "The right to self-determination […] recognition of the independence of the Estonian",
                ),
                (616, "¹⁶ *Ibid.*, p. 15."),
                (
                    622,
                    "Soviet Republic. On December 22 Lenin signed similar decrees […] Congress of Soviets.",
                ),
                (8427, "- 3-6 *August*—Lithuanian, Latvian and Estonian Soviet Socialist Republics […]"),
            ],
            "independence of the Estonian Soviet Republic. On December 22",
        ),
        (  # lines 1887, 1889, 1895 (clipped), and 1965 (clipped) for "February 2": starts with a digit
            [
                (1887, "But then Yudenich's White forces […] and Latvia on January 30, 1920. On February"),
                (1889, "³⁵ *Soviet Foreign Policy Documents*, Vol. II, p. 247."),
                (1895, "2, 1920, in the town of Yuriev (Tartu) a peace treaty with Estonia was signed, […]"),
                (
                    1965,
                    "The October Revolution and […] to the Polish people of February 2, 1920, solemnly […].",
                ),
            ],
            "On February 2, 1920, in the town of Yuriev",
        ),
        (  # lines 536, 538, 546 (clipped), and 1010 for "of People": cut inside a quotation
            [
                (536, 'The governments of the Entente […] (30) that "now as before the Council of'),
                (538, "⁹ M. Hoffmann, *Notes and Diaries, 1917-1918*, Leningrad, 1929, p. 101 (in Russian)."),
                (
                    546,
                    "People's Commissars regards as essential the simultaneous conduct of negotiations […].",
                ),
                (
                    1010,
                    '"The Council of People\'s Commissars declares that a reply to the peace terms […]."³²',
                ),
            ],
            "\"now as before the Council of People's Commissars regards",
        ),
        (  # lines 888 (clipped), 890, 896 (clipped): cut after a comma inside quotation marks
            [
                (
                    888,
                    'Insisting that these terms […] our Soviet power."¹⁶ "In concluding a separate peace,"',
                ),
                (890, "¹⁴ V. I. Lenin, *Collected Works*, Vol. 26, p. 444."),
                (896, 'Lenin noted, "we free ourselves *as much as is possible at the present moment* […]."'),
            ],
            '"In concluding a separate peace," Lenin noted,',
        ),
    ],
)
def test_continuations_with_a_capital_or_digit_are_joined_on_evidence(
    excerpt: list[tuple[int, str]], expected: str
) -> None:
    blocks, _, review = repair(book(*excerpt))
    assert expected in blocks[0].text
    assert review == []


def test_two_page_breaks_inside_one_list_entry_block_and_a_spurious_bullet() -> None:
    # lines 8578, 8580, 8581 and 8604 (the entries between left out), 8606
    text = book(
        (8578, "- 4 *January*—Soviet government recognises Provisional National Government of Polish"),
        (
            8580,
            "- Republic.\n- 20 *January*—USSR, USA and Britain sign armistice agreement with Hungary.\n"
            "- 9 *August*—Soviet Union enters",
        ),
        (8584, "war against Japan."),
    )
    blocks, _, _ = repair(text)
    assert texts(blocks) == [
        "- 4 *January*—Soviet government recognises Provisional National Government of Polish Republic.\n"
        "- 20 *January*—USSR, USA and Britain sign armistice agreement with Hungary.\n"
        "- 9 *August*—Soviet Union enters war against Japan."
    ]
    assert [page_break["line"] for page_break in blocks[0].extra["page_breaks"]] == [8580, 8584]


def test_bullet_before_the_rest_of_a_hyphenated_entry_is_dropped() -> None:
    # lines 8547 (clipped), 8549-8550
    text = book(
        (8547, "1 *March*—Informbureau […] on terms on which Soviet government is ready to negoti-"),
        (8549, "- ate cessation of hostilities.\n- 17 *March*—Finnish government declines Soviet terms."),
    )
    blocks, changes, _ = repair(text)
    assert blocks[0].text == (
        "1 *March*—Informbureau […] on terms on which Soviet government is ready to negotiate cessation "
        "of hostilities.\n- 17 *March*—Finnish government declines Soviet terms."
    )
    assert "list bullet" in changes[0].explanation


def test_paragraph_cut_before_a_chapter_heading_keeps_the_heading_apart() -> None:
    # lines 5475, 5477, 5479, 5485, 5493 (clipped), 5495, 5497
    text = book(
        (5475, "Defying world reaction, […] preoccupied with building socialism and fulfilling the"),
        (5477, "¹³⁶ *The New York Times*, November 30, 1937."),
        (5479, "¹³⁷ *A History of World War II 1939-1945*, in 12 volumes, Vol. II, pp. 73-74."),
        (5485, "collective security and against fascism and the threat of another war."),
        (5493, "The Soviet Union was true to the mission […] socialism stands for peace and progress."),
        (5495, "CHAPTER XI"),
        (5497, "FOREIGN POLICY OF THE USSR ON THE EVE OF THE SECOND WORLD WAR (1938-1939)"),
    )
    blocks, _, _ = repair(text)
    assert kinds(blocks) == ["text", "note", "note", "text", "text", "text"]
    assert blocks[0].text.endswith(
        "fulfilling the collective security and against fascism and the threat of another war."
    )
    assert blocks[3].page_break_before is True
    assert texts(blocks)[-2:] == [
        "CHAPTER XI",
        "FOREIGN POLICY OF THE USSR ON THE EVE OF THE SECOND WORLD WAR (1938-1939)",
    ]


@pytest.mark.parametrize(
    "excerpt",
    [
        # lines 442, 444 (clipped): a section heading and its first paragraph
        [
            (442, "The Struggle of the Soviet Government for a General Democratic Peace"),
            (
                444,
                "The Great October Socialist Revolution took place during the First World War, […].",
            ),
        ],
        # lines 1620-1623, 1625, 1627-1628, 1630 (clipped): chapter label, subtitle, bold heading
        [
            (
                1620,
                "CHAPTER IV\nSOVIET FOREIGN POLICY\nIN THE PERIOD OF ARMED INTERVENTION\nAND THE CIVIL WAR",
            ),
            (1625, "(November 1918-March 1921)"),
            (1627, "**The Change in the International Situation\nAfter the End of the First World War**"),
            (
                1630,
                "Germany's defeat in the First World War and the beginning of the German revolution […].",
            ),
        ],
        # lines 3049, 3051-3053, 3055 (clipped): a list after a colon
        [
            (
                3049,
                "The Soviet delegation at the Conference proposed a programme developed by Lenin. "
                "It consisted of three points:",
            ),
            (
                3051,
                "1. The satisfaction of Turkey's national aspirations.\n"
                "2. The closing of the Straits to all warships in times of peace and of war.\n"
                "3. Complete freedom of commerce by sea.⁸⁴",
            ),
            (
                3055,
                "The Conference opened on November 20, 1922. It was attended by Britain, France, […] Sweden.",
            ),
        ],
        # lines 131, 133-135: a contents entry cut between two tables
        [
            (
                131,
                "| CHAPTER IX. Soviet Foreign Policy in the Years of the World Economic Crisis and the "
                "Aggravation of the International | |",
            ),
            (133, "| | |\n|---|-----|\n| Situation (1929-1932) | 256 |"),
        ],
        # lines 752, 754 (clipped): a separator
        [
            (752, "* * *"),
            (
                754,
                "The Soviet state began its existence with the promulgation of the historic Decree […].",
            ),
        ],
        # lines 8142, 8144, 8146: a year line and chronology entries
        [
            (8142, "1920"),
            (8144, "16 January—Entente lifts economic blockade of Soviet Russia."),
            (8146, "2 February—peace treaty between RSFSR and Estonia is signed in Yuriev (Tartu)."),
        ],
        # lines 17, 19, 21: front matter
        [
            (17, "SOVIET FOREIGN POLICY 1917-1980"),
            (19, "in two volumes"),
            (21, "FOURTH, REVISED AND ENLARGED EDITION"),
        ],
    ],
)
def test_headings_lists_tables_separators_chronology_and_front_matter_are_not_joined(
    excerpt: list[tuple[int, str]],
) -> None:
    blocks, changes, _ = repair(book(*excerpt))
    assert texts(blocks) == [text for _, text in excerpt]
    assert [change for change in changes if change.rule in ("rejoin_page_breaks", "dehyphenate")] == []


def test_page_number_between_the_halves_follows_the_joined_paragraph() -> None:
    # lines 234 and 238 (clipped), with the note of line 236 replaced by a page number: this book's
    # OCR has none, other books keep them
    text = book(
        (234, "The support and development of these relations are one of the"),
        (236, "17"),
        (238, "prime tasks of the foreign policy of the USSR. […] the solidarity of the socialist states."),
    )
    blocks, _, _ = repair(text)
    assert texts(blocks) == [
        "The support and development of these relations are one of the prime tasks of the foreign policy "
        "of the USSR. […] the solidarity of the socialist states.",
        "17",
    ]


def test_running_head_between_the_halves_follows_the_joined_paragraph() -> None:
    # lines 212, 232, 234, 238 (clipped), with the book's title (line 3) as a running head on every
    # page, as other books print it
    head = "SOVIET FOREIGN POLICY"
    text = book(
        (200, head),
        (202, "The peoples of the whole world rightly see the Soviet country […] of Soviet foreign policy."),
        (204, head),
        (206, head),
        (208, head),
        (232, "The possibility of and need for close cooperation […] relations within the socialist camp."),
        (234, "The support and development of these relations are one of the"),
        (236, head),
        (238, "prime tasks of the foreign policy of the USSR. […] the solidarity of the socialist states."),
    )
    blocks, _, _ = repair(text)
    assert texts(blocks)[-2:] == [
        "The support and development of these relations are one of the prime tasks of the foreign policy "
        "of the USSR. […] the solidarity of the socialist states.",
        head,
    ]


def test_inconclusive_page_break_is_decided_and_put_up_for_review() -> None:
    # lines 2169 (clipped), 2171 (clipped): the quotation ends without a full stop, the next block
    # opens a sentence; not joined, but an editor should look.
    text = book(
        (
            2169,
            'In the autumn of 1920 […] slackening of both Japanese and American pressure on us"⁸¹',
        ),
        (
            2171,
            "In the exceptionally difficult conditions of the struggle against the armed intervention […].",
        ),
    )
    blocks, changes, review = repair(text)
    assert len(blocks) == 2 and changes == []
    assert [(item.rule, item.line) for item in review] == [("rejoin_page_breaks", 2169)]
    assert review[0].reason.startswith("not joined")


def test_text_after_notes_that_is_not_joined_starts_a_page() -> None:
    # lines 630, 632, 634, 636
    text = book(
        (630, "The appeal ended with the words:"),
        (632, '"Comrades! Brothers!'),
        (634, "¹⁹ *Soviet Foreign Policy Documents*, Vol. I, p. 34."),
        (636, '"We are advancing towards an honest, democratic peace firmly and resolutely.'),
    )
    blocks, changes, _ = repair(text)
    assert [block.page_break_before for block in blocks] == [False, False, False, True]
    assert changes == []


# --- hyphens --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def vocabulary() -> BookVocabulary:
    return BookVocabulary.from_texts(
        [
            # line 214 (clipped), line 3741, line 2115
            "and on the sympathy of the international working-class and national",
            "Soviet Neutrality and Non-Aggression Treaties with Germany and Other Western States",
            "Anglo-Soviet Negotiations on a Trade Agreement",
        ]
    )


@pytest.mark.parametrize(
    ("left", "right", "join", "conclusive"),
    [
        ("inter", "national", True, True),  # line 390: the book has "international"
        ("non", "aggression", False, True),  # the book has "non-aggression"
        ("working", "class", False, True),  # the book has "working-class"
        ("Anglo", "Soviet", False, True),  # a capital after the break starts a word of its own
        ("INTER", "NATIONAL", True, True),  # a heading in capitals: the book has "international"
        ("formu", "las", True, True),  # line 1324: not in the excerpt, but an English word
        ("Milyu", "kovs", True, False),  # line 906: a name neither source knows
    ],
)
def test_hyphen_decisions_come_from_the_book_and_word_frequencies(
    vocabulary: BookVocabulary, left: str, right: str, join: bool, conclusive: bool
) -> None:
    decision = decide_hyphenation(left, right, vocabulary)
    assert (decision.join, decision.conclusive) == (join, conclusive)


def test_suspended_hyphen_is_recognised(vocabulary: BookVocabulary) -> None:
    assert is_suspended_hyphen("pre", "and", vocabulary)  # "pre- and post-war"
    assert not is_suspended_hyphen("Ag", "gression", vocabulary)


def test_hyphen_inside_a_line_is_decided() -> None:
    # line 169 (contents), and line 4801 for the book's own "aggression"
    text = book(
        (169, "| The Soviet Government's Resistance to Japanese Ag- gression in the Far East | 404 |"),
        (
            4801,
            "The Western powers\u2019 indulgent attitude to aggression aggravated international tension "
            "throughout 1937.",
        ),
    )
    blocks, changes, _ = repair(text)
    assert (
        blocks[0].text
        == "| The Soviet Government's Resistance to Japanese Aggression in the Far East | 404 |"
    )
    assert (changes[0].rule, changes[0].line) == ("dehyphenate", 169)


def test_hyphen_at_a_line_end_inside_a_block_keeps_a_compound() -> None:
    # lines 1682-1683, with the heading's first line broken after "Anti-" (the book itself has no
    # line-end hyphen inside a block)
    text = book(
        (1682, "**The Anti-\nSoviet Plans and Manoeuvres\nof the Entente During the Paris Conference.**")
    )
    blocks, changes, _ = repair(text)
    assert blocks[0].text.startswith("**The Anti-Soviet Plans and Manoeuvres\n")
    assert changes[0].after.startswith("**The Anti-Soviet Plans")


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
    assert last_word(plain(ending)) == "liberation"
    assert last_word(plain("(Frederick Lewis Schuman, *Ame-*")) == "Ame"  # line 1835, clipped
    assert last_word(plain("SOVIET FOREIGN POLICY 1917-1945")) == "1945"  # lines 3 and 7, on one line
    assert last_word(plain("* * *")) == ""


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


# --- the command line ---------------------------------------------------------------------------------


def test_command_line_writes_repaired_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "normalised.txt"
    source.write_text(
        book(
            (
                214,
                "Thus, Soviet socialist foreign policy rests on the power of the Soviet state […] national",
            ),
            (216, "liberation movement."),
        ),
        encoding="utf-8",
    )
    output = tmp_path / "out" / "repaired.json"
    assert main(["--input", str(source), "--output", str(output)]) == 0
    data = json.loads(output.read_text(encoding="utf-8"))
    assert list(data) == ["blocks", "changes", "review"]
    assert data["blocks"][0]["first_line"] == 214 and data["blocks"][0]["last_line"] == 216
    assert data["changes"][0]["stage"] == "repair"
    assert "[repair] 2 blocks → 1" in capsys.readouterr().err


def test_command_line_reports_a_missing_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "normalised.txt"
    assert main(["--input", str(missing), "--output", str(tmp_path / "repaired.json")]) == 1
    assert f"error: {missing}: cannot read the file" in capsys.readouterr().err
    assert not (tmp_path / "repaired.json").exists()


# --- the whole book -----------------------------------------------------------------------------------


def read_book() -> str:
    """The first book as the pipeline sees it: through the normalise stage if there is one."""
    try:
        from pipeline.normalise import normalise_file
    except ImportError:
        return RAW_BOOK.read_text(encoding="utf-8")
    return normalise_file(RAW_BOOK)[0]


WholeBook = tuple[str, list[Block], list[Change], list[Review]]


@pytest.fixture(scope="module")
def whole_book() -> WholeBook:
    text = read_book()
    blocks, changes, review = repair(text)
    return text, blocks, changes, review


@pytest.mark.slow
def test_whole_book_rejoins_its_page_breaks(whole_book: WholeBook) -> None:
    text, blocks, changes, _ = whole_book
    assert len(blocks) < len(split_blocks(text))
    assert sum(change.rule == "rejoin_page_breaks" for change in changes) > 300


@pytest.mark.slow
def test_whole_book_repair_is_idempotent(whole_book: WholeBook) -> None:
    _, blocks, _, _ = whole_book
    again, changes, _ = repair("\n\n".join(texts(blocks)))
    assert changes == []
    assert texts(again) == texts(blocks)
    assert kinds(again) == kinds(blocks)


@pytest.mark.slow
def test_whole_book_loses_no_word(whole_book: WholeBook) -> None:
    text, blocks, changes, _ = whole_book
    missing = Counter(WORD_RE.findall(text)) - Counter(WORD_RE.findall("\n".join(texts(blocks))))
    accounted = Counter(word for change in changes for word in WORD_RE.findall(change.before))
    assert {word: count for word, count in missing.items() if accounted[word] < count} == {}


@pytest.mark.slow
def test_whole_book_has_no_note_left_inside_running_text(whole_book: WholeBook) -> None:
    _, blocks, _, _ = whole_book
    for block, following in itertools.pairwise(blocks):
        assert block.kind == "note" or not re.match("[⁰¹²³⁴⁵⁶⁷⁸⁹]", block.text), block.first_line
        if block.kind == "note" and following.kind == "text":
            continued = re.match(r"[\"“(*]*[a-z]", following.text) and not re.match(
                r"[\"“]?[a-z]\) ", following.text
            )
            assert not continued, (
                f"line {following.first_line} continues the text before the note of line {block.first_line}"
            )


@pytest.mark.slow
def test_whole_book_keeps_raw_line_numbers(whole_book: WholeBook) -> None:
    text, blocks, _, review = whole_book
    lines = text.split("\n")
    plain_numbers = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
    for block in blocks:
        assert 1 <= block.first_line <= block.last_line <= len(lines)
        start = block.text.split("\n")[0][:20].strip().translate(plain_numbers)
        assert start in lines[block.first_line - 1].translate(plain_numbers)
    assert all(1 <= item.line <= len(lines) for item in review)


# --- the typographic pass -------------------------------------------------------------------------


def test_typography_is_the_last_pass_and_moves_page_break_offsets() -> None:
    # raw lines 340-342 (clipped): a paragraph cut by a page break, quotations and an ellipsis after it
    text = book(
        (340, "of a given country. In his writings Lenin gave a detailed analysis of when and under what"),
        (342, 'conditions... Lenin wrote: "The rule of capitalism is being undermined not because somebody"'),
    )
    blocks, changes, _ = repair_stage(text)
    assert texts(blocks) == [
        "of a given country. In his writings Lenin gave a detailed analysis of when and under what "
        "conditions\u2026 Lenin wrote: \u201cThe rule of capitalism is being undermined "
        "not because somebody\u201d"
    ]
    (page_break,) = blocks[0].extra["page_breaks"]
    assert blocks[0].text[page_break["offset"] :].startswith("conditions\u2026")
    typographic = [(c.rule, c.line) for c in changes if c.rule != "rejoin_page_breaks"]
    assert typographic == [("ellipsis", 342), ("curly_double_quotes", 342), ("curly_double_quotes", 342)]
    assert [c.rule for c in repair_stage(text, typeset=False)[1]] == ["rejoin_page_breaks"]
