"""The repair of paragraphs cut by page breaks.

Excerpts of the first book at their raw lines (see ``repair_excerpts``).
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from repair_excerpts import NO_CONTEXT, book, kinds, repair, texts

from pipeline.model import Block
from pipeline.model.blocks import SET_APART
from pipeline.repair.page_breaks import decide_page_break_join, rejoin_page_breaks
from pipeline.repair.vocabulary import BookVocabulary

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


def test_where_the_book_indents_its_paragraphs_the_next_pages_first_line_decides_a_doubtful_join() -> None:
    # lines 2169 (clipped), 2171 (clipped), as above: the text leaves the join in doubt; structured
    # OCR's geometry tells whether the next page's first line is indented (extra["indented"]).
    first = Block(
        'In the autumn of 1920 […] slackening of both Japanese and American pressure on us"⁸¹', 2169, 2169
    )
    second = Block(
        "In the exceptionally difficult conditions of the struggle against the armed intervention […].",
        2171,
        2171,
        page_break_before=True,
    )
    vocabulary = BookVocabulary.from_texts([first.text, second.text])
    assert decide_page_break_join(first, second, vocabulary).doubtful
    flush = decide_page_break_join(first, replace(second, extra={"indented": False}), vocabulary)
    indented = decide_page_break_join(first, replace(second, extra={"indented": True}), vocabulary)
    assert (flush.join, flush.doubtful) == (True, False)
    assert (indented.join, indented.doubtful) == (False, False)
    assert "closing quote" in flush.reason  # the text's doubt stays on the record
    # where the text is sure, the text decides: a continuation in lower case is joined
    lower = replace(second, text="the exceptionally difficult conditions […].", extra={"indented": True})
    assert decide_page_break_join(first, lower, vocabulary).join


def test_a_block_structured_ocr_set_apart_as_a_heading_is_not_joined_to_the_next() -> None:
    # a generated octavo's section heading (seed 953, from hOCR), centred, its ``Iran`` read
    # ``[ran``: by its words no title, it ends in a word that never ends a sentence in the book
    heading = Block("Agents Northern [ran Tried Organise Boycott Soviet", 46, 46)
    paragraph = Block("An intense political struggle flared up over the question of the government.", 47, 47)
    book = "The Soviet government agreed. The Soviet side refused. Soviet troops left. An envoy came."
    vocabulary = BookVocabulary.from_texts([heading.text, paragraph.text, book])
    assert decide_page_break_join(heading, paragraph, vocabulary).join
    for place in ("centred in the measure", "set in larger type"):
        decision = decide_page_break_join(replace(heading, extra={SET_APART: place}), paragraph, vocabulary)
        assert (decision.join, decision.reason) == (False, f"the first block is a heading ({place})")
    # a line alone between wide gaps may be a paragraph of one line: its words decide
    lone = replace(heading, extra={SET_APART: "a line alone, after a wide gap and before one"})
    assert decide_page_break_join(lone, paragraph, vocabulary).join


def test_a_page_without_a_folio_is_joined_to_the_next_where_the_text_goes_on() -> None:
    # a generated quarto's chapter opening page as Tesseract read it (seed 531): no folio at its
    # foot, no head on the next page, so its last line and the next page's first are consecutive
    # raw lines (a form feed opens a page without a line of its own); the reader's cut there was
    # the page's end, not a paragraph's
    ending = "Ever since the October Revolution the policy of the Western powers had been designed"
    first = Block(ending, 27, 28)
    first.extra["room"] = -1.1
    second = Block("to turn Romania into a forward post for action against Soviet Russia.", 29, 29)
    joined = rejoin_page_breaks([first, replace(second, page_break_before=True)], NO_CONTEXT).blocks
    assert texts(joined) == [f"{first.text} {second.text}"]
    # on one page, the reader's cut stands
    assert texts(rejoin_page_breaks([first, second], NO_CONTEXT).blocks) == [first.text, second.text]


def test_a_page_ending_in_a_word_on_a_full_line_goes_on_before_a_capital() -> None:
    # a generated quarto with block paragraphs as Tesseract read it (seed 642): no indent to tell,
    # the page's last line left no room for the next page's first word, and ends in no mark
    first = Block("Churchill still cherished the idea of occupation of Central and Southeast", 66, 66)
    second = Block("Europe. This was the purpose of the negotiations.", 72, 72, page_break_before=True)
    vocabulary = BookVocabulary.from_texts([first.text, second.text])
    first.extra["room"] = 3.5  # (room for a word of three letters at most)
    decision = decide_page_break_join(first, second, vocabulary)
    assert (decision.join, decision.doubtful) == (True, True)
    assert "full line" in decision.reason
    # a page opening a quotation, or a sentence with a grammatical word (a line lost, a table
    # between: ``driven to`` | ``To end of year``), stays apart; so does a line that left room
    for opening in ("\u201cEurope was the purpose.\u201d", "The purpose of the negotiations."):
        assert not decide_page_break_join(first, replace(second, text=opening), vocabulary).join
    first.extra["room"] = 12
    assert not decide_page_break_join(first, second, vocabulary).join
