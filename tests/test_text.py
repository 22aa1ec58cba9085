"""The shared text knowledge of :mod:`pipeline.text`: markers, note starts, punctuation, headings."""

from __future__ import annotations

import re

import pytest

from pipeline.text.captions import is_credit_line, is_figure_label, names_picture
from pipeline.text.headings import (
    PAGE_NUMBER,
    STRAY_HEADING_LEAD_RE,
    STRAY_TITLE_LEAD_RE,
    TABLE_ROW_RE,
    heading_key,
    is_capitals,
    is_title_case,
    leader_dots_re,
    short_line,
)
from pipeline.text.markers import (
    FROM_SUPERSCRIPT,
    NOTE_LIKE_START_RE,
    NOTE_START_RE,
    TO_SUPERSCRIPT,
    note_number,
    note_start_re,
    plain_marker_re,
)
from pipeline.text.punctuation import (
    DASHES,
    GLUED_END_RE,
    ends_clause,
    ends_glued,
    ends_sentence,
    ends_with_comma,
    ends_with_punctuation,
    final_mark,
    is_separator,
    plain_text,
    without_emphasis,
)
from pipeline.text.words import first_word, is_function_word, last_word


def test_plain_text_drops_markdown_and_markers_unless_asked() -> None:
    assert plain_text("## *The* USSR\n(1925-1929)¹⁴") == "The USSR (1925-1929)"
    assert plain_text("¹⁴ *Ibid.*,  p. 23.", markers=True) == "¹⁴ Ibid., p. 23."


def test_a_heading_key_keeps_hyphens_only_when_asked() -> None:
    assert heading_key("**The Anti-Hitler Coalition.**¹") == "the anti hitler coalition"
    assert heading_key("The Anti-Hitler Coalition - 1941", hyphens=True) == "the anti-hitler coalition - 1941"
    assert heading_key("USSR\u2019S EFFORTS") == heading_key("Ussr's Efforts") == "ussr s efforts"


def test_a_markdown_table_row_and_its_cells() -> None:
    row = TABLE_ROW_RE.match("| CHAPTER I. The Great October | 30 |")
    assert row is not None and row["cells"] == " CHAPTER I. The Great October | 30 "
    assert TABLE_ROW_RE.match("CHAPTER I | 30") is None


@pytest.mark.parametrize(
    ("text", "ends"), [("Title", False), ("Title,", True), ("Title:*", True), ("Title?\u201d", True)]
)
def test_punctuation_at_the_end_through_the_closers(text: str, ends: bool) -> None:
    assert ends_with_punctuation(text) is ends


def test_superscript_digits_both_ways() -> None:
    assert "21-22".translate(TO_SUPERSCRIPT) == "²¹-²²"
    assert "²¹⁻²²".translate(FROM_SUPERSCRIPT) == "21-22"


def test_a_note_number_range_is_joined_by_the_dashes_given() -> None:
    assert re.fullmatch(note_number(), "²¹⁻²²")
    assert not re.fullmatch(note_number(), "²¹-²²")
    assert re.fullmatch(note_number("⁻\\-\u2013"), "²¹\u2013²²")


def test_a_plain_marker_follows_punctuation_digits_after_a_space_symbols_after_a_word() -> None:
    assert plain_marker_re("87").search('relations with Holland" 87 and')
    assert plain_marker_re("87").search("Holland.87\nnext line")
    assert not plain_marker_re("87").search("Holland 87 and")  # no punctuation before it
    assert not plain_marker_re("8").search("Holland, 87")  # another number
    assert plain_marker_re("*").search("the White House.* It")
    assert plain_marker_re("*").search("the White House*")
    assert not plain_marker_re("*").search("the White House *")


@pytest.mark.parametrize(
    ("text", "number", "symbol"),
    [
        ("²¹⁻²² *Yearbook of the United Nation*, New York, 1947, p. 1.", "²¹⁻²²", None),  # line 7001
        ("¹⁴Ibid., p. 23.", "¹⁴", None),  # a superscript glued to the text
        ("* The Act on Lend-Lease was passed by the US Congress on 11 March, 1941.", None, "*"),  # 7051
    ],
)
def test_a_note_body_starts_with_a_superscript_number_or_a_symbol_before_a_capital(
    text: str, number: str | None, symbol: str | None
) -> None:
    match = NOTE_START_RE.match(text)
    assert match is not None and (match["number"], match["symbol"]) == (number, symbol)
    assert match["text"][0].isalpha() or match["text"][0] == "*"


@pytest.mark.parametrize(
    "text",
    ["* * *", "* and the rest", "*Under the editorship of*", "87 *Documents on British Foreign Policy*"],
)
def test_a_separator_emphasis_or_a_plain_number_starts_no_note_body(text: str) -> None:
    assert NOTE_START_RE.match(text) is None


def test_what_may_be_a_note_before_the_notes_are_told_apart() -> None:
    plain = NOTE_LIKE_START_RE.match("87 *Documents on British Foreign Policy*")
    assert plain is not None and plain["plain"] == "87"
    assert NOTE_LIKE_START_RE.match("† see above")
    assert not NOTE_LIKE_START_RE.match("1917")  # a year alone: no text after it
    assert note_start_re(plain_numbers=True, symbols_before_capital=True).match("* see") is None


def test_a_symbol_ocr_glued_to_its_notes_text_opens_a_note_and_emphasis_does_not() -> None:
    # raw line 4421 of *Handbook of Queensland Geology* (nla.obj-409636148), clipped
    glued = NOTE_LIKE_START_RE.match("*Report on the Geology of part of the Districts of Wide Bay")
    assert glued is not None and (glued["symbol"], glued["text"][:6]) == ("*", "Report")
    assert NOTE_LIKE_START_RE.match("*Collected Works*, Vol. 5, p. 12.") is None
    assert NOTE_LIKE_START_RE.match("*the rest of it") is None


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ('the oppressed peoples and their just anti-imperialist wars of liberation".⁴', "."),  # line 270
        ("and proclaimed the basic principles of the nationalities policy of Soviet power:", ":"),  # 594
        ("publication by A. V. GOREV,", ","),  # line 10
        ("remarked about Bullitt's mission (Frederick Lewis Schuman, *Ame-*", "-"),  # line 1835, clipped
        ("*”¹ \u2003", ""),  # closers and spaces only
    ],
)
def test_the_final_mark_is_read_through_quotes_emphasis_note_markers_and_spaces(text: str, mark: str) -> None:
    assert final_mark(text) == mark
    assert ends_sentence(text) == (mark == ".")
    assert ends_clause(text) == (mark == ":")
    assert ends_with_comma(text) == (mark == ",")


@pytest.mark.parametrize(
    ("text", "separator"), [("* * *", True), ("•••", True), ("- - -", True), ("**Note**", False)]
)
def test_separators(text: str, separator: bool) -> None:
    assert is_separator(f"  {text} ") == separator


def test_emphasis_marks_are_dropped() -> None:
    assert without_emphasis("**Soviet** *foreign* _policy_") == "Soviet foreign policy"


def test_dashes_from_the_hyphen_to_the_em_dash() -> None:
    assert DASHES[0] == "-" and {"\u2013", "\u2014"} <= set(DASHES)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("The USSR and France", True),
        ("Soviet Foreign Policy in the Period of Armed Intervention", True),
        ("The treaty was signed at Brest", False),  # lower-case words that are not grammatical words
        ("the First Acts", False),  # a lower-case first word
    ],
)
def test_title_case(text: str, title: bool) -> None:
    assert is_title_case(text) == title


def test_title_case_with_other_minor_words() -> None:
    assert not is_title_case("Relations via Persia")  # "via" is not frequent enough for a grammatical word
    assert is_title_case("Relations via Persia", minor_word=lambda word: word in {"via"})
    assert is_function_word("the") and not is_function_word("treaty")


def test_capitals_and_page_numbers() -> None:
    assert is_capitals("THE SOVIET STATE 27") and not is_capitals("27") and not is_capitals("The USSR")
    assert all(re.fullmatch(PAGE_NUMBER, text) for text in ("42", "xii", "1918"))
    assert not any(re.fullmatch(PAGE_NUMBER, text) for text in ("XII", "I", "12345"))


def test_leader_dots_end_a_contents_title_a_stray_stop_only_when_asked() -> None:
    cell = "Conclusion of Peace .. "  # line 80 (clipped)
    assert leader_dots_re(stray_stop=False).sub("", cell) == "Conclusion of Peace"
    assert leader_dots_re(stray_stop=False).sub("", "Economic Conference.") == "Economic Conference."
    stop = "Economic Conference."  # line 107 (clipped)
    assert leader_dots_re(stray_stop=True).sub("", stop) == "Economic Conference"
    assert leader_dots_re(stray_stop=True).sub("", "the Beginning of 1941 . . .") == "the Beginning of 1941"


def test_stray_characters_before_a_heading_and_before_a_contents_title() -> None:
    match = STRAY_HEADING_LEAD_RE.match("-CHAPTER XIII. Foreign Policy")  # line 170 (clipped)
    assert match is not None and match["stray"] == "-"
    assert STRAY_HEADING_LEAD_RE.match("- CHAPTER XIII") is None  # not glued to the capital
    assert STRAY_TITLE_LEAD_RE.sub("", "• Notes") == "Notes"
    assert STRAY_TITLE_LEAD_RE.match("'Peace' Notes") is None  # an opening quote is kept


def test_a_short_line_is_a_running_head_candidate() -> None:
    assert short_line("  *HISTORY OF*  SOVIET DIPLOMACY ", 8) == "HISTORY OF SOVIET DIPLOMACY"
    assert short_line("HISTORY OF\nSOVIET DIPLOMACY", 8) is None  # two lines
    assert short_line("one two three four five six seven eight nine", 8) is None


def test_first_and_last_words() -> None:
    assert first_word("“(*Izvestia*, 1918)") == "Izvestia"
    assert last_word("SOVIET FOREIGN POLICY 1917-1945.”") == "1945"


@pytest.mark.parametrize(
    "text",
    ["1917-", "1917-\n", "war\u2014", "war \u2014", "\u2014", "-", "a-", "9-\n\n", "x\u2013\n", "", "\n"],
)
def test_a_glued_end_is_found_from_the_last_characters_as_in_the_whole_text(text: str) -> None:
    for whole in (text, "long text before " + text):
        assert ends_glued(whole) == (GLUED_END_RE.search(whole) is not None)


# lines of the development set's books (shared/real), and forms other books print (PLATE IV, Fig. 3., a
# credit in capitals): what tells a picture's caption, and lines that
# only look like one
@pytest.mark.parametrize(
    ("line", "label", "credit", "picture"),
    [
        ("Plate 4.", True, False, True),
        ("Page 138.", True, False, True),
        ("PLATE IV", True, False, True),
        ("Fig. 3. Section across the Dawson", True, False, True),
        ("(From a photograph by B. Killick, Bray)", False, True, True),
        ("Zondon, Published June 1826. by J. Crcss.lBHolborn, opposite FumiraU Inn", False, True, True),
        ("VIEW OF POET JACKSON AND PART OF THE TOWN OF SYNEY, FROM A DRAWING IN THE", False, False, True),
        ("(ALL EIGHTS RESERVED.)", False, False, False),
        ("(FROM A DRAWING BY S. T. GILL)", False, True, True),
        ("Plates, Register, &c., 30s.", False, False, False),
        ("plate by that body.", False, False, False),
        ("(Bodl.: Pamph. Mason, H. 83.)", False, True, True),
    ],
)
def test_what_tells_a_pictures_caption(line: str, label: bool, credit: bool, picture: bool) -> None:
    assert (is_figure_label(line), is_credit_line(line), names_picture(line)) == (label, credit, picture)
