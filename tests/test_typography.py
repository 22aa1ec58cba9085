"""The typographic rules, on real sentences of the first book (raw line numbers in comments)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.readers.paragraph_lines import split_blocks
from pipeline.text.typography import (
    DIGIT_HYPHEN_DIGIT_RE,
    DOUBLE_OR_SPACED_HYPHEN_RE,
    INITIAL_CHAIN_RE,
    INITIAL_RE,
    MONTH_HYPHEN_RE,
    MONTH_RANGE_RE,
    NBSP,
    NUMBER_RANGE_RE,
    SPACED_DASH_RE,
    Edit,
    closed_up_dash,
    curly_double_quotes,
    curly_single_quotes,
    ellipsis,
    em_dash,
    en_dash_month_range,
    en_dash_range,
    initials_nbsp,
    single_spaces,
    typeset,
)

RAW_BOOK = Path(__file__).resolve().parent.parent / "raw" / "soviet-foreign-policy-vol1.txt"


def test_double_quotes_open_and_close() -> None:
    # raw line 192
    text = 'As Lenin remarked, "the economic interests ... lie at the root of our policy".¹'
    result, edits = curly_double_quotes(text)
    assert (
        result == "As Lenin remarked, \u201cthe economic interests ... lie at the root of our policy\u201d.¹"
    )
    assert len(edits) == 2


def test_double_quote_after_dash_and_inside_emphasis_opens() -> None:
    assert curly_double_quotes('the statement—"truth"')[0] == "the statement—\u201ctruth\u201d"
    # emphasis asterisks are kept exactly where they were
    assert curly_double_quotes('in *"Pravda"* wrote')[0] == "in *\u201cPravda\u201d* wrote"


def test_nested_single_quotes_and_apostrophes() -> None:
    # raw line 628: a quotation inside a quotation, and the possessive of "Workers'" (raw line 534)
    text = "\u201cyour homeland into a 'colony', which they are looting\u201d. The Workers' and Peasants' Rev"
    result, _ = curly_single_quotes(text)
    assert result == (
        "\u201cyour homeland into a \u2018colony\u2019, which they are looting\u201d. "
        "The Workers\u2019 and Peasants\u2019 Rev"
    )
    assert curly_single_quotes("Lenin's words in the '20s")[0] == "Lenin\u2019s words in the \u201920s"


def test_em_dash_from_spaced_hyphens_but_not_list_bullets() -> None:
    assert em_dash("exploitation -- to retain")[0] == "exploitation\u2014to retain"
    assert em_dash("the United Nations - Organisation")[0] == "the United Nations\u2014Organisation"
    # raw line 8551: a chronology item's bullet, and raw line 64: an imprint code
    assert em_dash(" - 2 *April*—Soviet government")[1] == []
    assert em_dash("014 (01) - 81")[1] == []
    # raw line 336: an em dash with a space on one side only
    assert (
        closed_up_dash("socio-economic processes— the growth")[0]
        == "socio-economic processes\u2014the growth"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(1921-1923)", "(1921\u20131923)"),  # raw line 105
        ("pp. 535-36.", "pp. 535\u201336."),  # a note's page range
        ("pp. 286-94, 299-01.", "pp. 286\u201394, 299\u201301."),  # a shortened end past a hundred
        (" - 9-18 *October*—negotiations", " - 9\u201318 *October*—negotiations"),  # raw line 8567
        # a table's decimals misread (25·0): no range (a shortened end past a hundred has two digits)
        ("25-0 63-0 12-0", "25-0 63-0 12-0"),  # handbook-of-queensland-geology, a table of analyses
    ],
)
def test_en_dash_in_number_ranges(text: str, expected: str) -> None:
    assert en_dash_range(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(*March-November 1918*)", "(*March\u2013November 1918*)"),  # raw line 1176: a subtitle
        ("78-1 76-6 March 71-3", "78-1 76-6 March 71-3"),  # history-of-the-colony: a table, no day 76
        ("- 17 *July-2 August*—Potsdam", "- 17 *July\u20132 August*—Potsdam"),  # raw line 8600
        ("9(22) *December-3 March 1918*", "9(22) *December\u20133 March 1918*"),  # raw line 8100
        ("(November 1918-March 1921)", "(November 1918\u2013March 1921)"),  # a chapter's subtitle
        ("(March 29-April 5, 1920)", "(March 29\u2013April 5, 1920)"),  # a day before the hyphen
        (
            "*26 August 1921*-16 April 1922",
            "*26 August 1921*\u201316 April 1922",
        ),  # emphasis closed before it
    ],
)
def test_en_dash_in_month_ranges(text: str, expected: str) -> None:
    assert en_dash_month_range(text)[0] == expected


@pytest.mark.parametrize(
    "text",
    ["a May-Day rally", "Anglo-French", "March-past", "the march-November", "code 11102-April", "v1-May"],
)
def test_month_range_rule_leaves_other_hyphens_alone(text: str) -> None:
    assert en_dash_month_range(text) == (text, [])


@pytest.mark.parametrize(
    "text",
    [
        "И 11102-077 39-80",  # raw line 63: the imprint's catalogue code
        "on 2020-01-05",  # an ISO date
        "the Soviet-German pact and non-aggression",  # hyphenated words
        "1945-1918",  # not a rising range
    ],
)
def test_en_dash_leaves_codes_and_words_alone(text: str) -> None:
    assert en_dash_range(text) == (text, [])


def test_ellipsis_keeps_the_full_stop_and_leaders() -> None:
    # raw line 342: a sentence's full stop followed by an ellipsis
    assert ellipsis("seize power.... It would")[0] == "seize power.\u2026 It would"
    assert ellipsis("in Russia ... today")[0] == "in Russia \u2026 today"
    assert ellipsis("Introduction ........ 5") == ("Introduction ........ 5", [])


def test_single_spaces_keep_indentation() -> None:
    assert single_spaces("the  Soviet   government")[0] == "the Soviet government"
    assert single_spaces("  indented line") == ("  indented line", [])


def test_nbsp_after_initials() -> None:
    assert initials_nbsp("V. I. Lenin, *Collected Works*")[0] == f"V.{NBSP}I.{NBSP}Lenin, *Collected Works*"
    assert initials_nbsp("told M. Litvinov that")[0] == f"told M.{NBSP}Litvinov that"
    # a numeral or a sentence's last capital after a capitalised word is not an initial
    assert initials_nbsp("after World War I. The Soviet") == ("after World War I. The Soviet", [])
    assert initials_nbsp("CHAPTER V. The Soviet") == ("CHAPTER V. The Soviet", [])


def test_typeset_is_idempotent_and_keeps_markdown() -> None:
    text = "*\"Izvestia\"*, 1918-1920 -- V. I. Lenin's **words** ... 'colony'"
    once, edits = typeset(text)
    assert edits and once.count("*") == text.count("*")
    assert typeset(once) == (once, [])


@pytest.mark.parametrize(
    ("trigger", "pattern"),
    [
        (DOUBLE_OR_SPACED_HYPHEN_RE, SPACED_DASH_RE),
        (DIGIT_HYPHEN_DIGIT_RE, NUMBER_RANGE_RE),
        (MONTH_HYPHEN_RE, MONTH_RANGE_RE),
        (INITIAL_RE, INITIAL_CHAIN_RE),
    ],
)
def test_every_match_of_a_rule_holds_the_trigger_it_is_looked_for_by(
    trigger: re.Pattern[str], pattern: re.Pattern[str]
) -> None:
    """A rule runs only on a text where its trigger is found: the trigger must be in every match."""
    texts = [block.text for block in split_blocks(RAW_BOOK.read_text(encoding="utf-8"))]
    texts += ["exploitation -- to retain", "pp. 535-36.", "(*March-November 1918*)", "told M. Litvinov"]
    matches = [match.group() for text in texts for match in pattern.finditer(text)]
    assert matches and all(trigger.search(match) for match in matches)


@pytest.mark.parametrize(
    ("trigger", "rule", "text"),
    [
        (DOUBLE_OR_SPACED_HYPHEN_RE, em_dash, "socio-economic processes\u2014 the growth"),  # raw line 336
        (DIGIT_HYPHEN_DIGIT_RE, en_dash_range, " - 2 *April*\u2014Soviet government"),  # raw line 8551
        (MONTH_HYPHEN_RE, en_dash_month_range, "the Soviet-German pact and non-aggression"),
        (INITIAL_RE, initials_nbsp, "seize power.... It would"),  # raw line 342
    ],
)
def test_texts_without_the_trigger_are_left_alone(
    trigger: re.Pattern[str], rule: Callable[[str], tuple[str, list[Edit]]], text: str
) -> None:
    assert trigger.search(text) is None
    assert rule(text) == (text, [])
