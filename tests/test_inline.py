"""The OCR's inline markdown → a small tree → TEI ``hi``/``foreign``/``lb``."""

# ruff: noqa: RUF001 (Cyrillic text on purpose)

from __future__ import annotations

import pytest
from lxml import etree

from pipeline.encode.inline import Anchor, Emphasis, append_inline, parse_inline
from pipeline.tei import tei

TEI = {"t": "http://www.tei-c.org/ns/1.0"}


def to_tei(text: str) -> str:
    """The TEI content of a ``p`` holding ``text``, without the namespace noise."""
    paragraph = etree.Element(tei("p"), nsmap={None: TEI["t"]})
    append_inline(paragraph, parse_inline(text))
    xml = etree.tostring(paragraph, encoding="unicode")
    return xml.replace(' xmlns="http://www.tei-c.org/ns/1.0"', "").removeprefix("<p>").removesuffix("</p>")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "V. I. Lenin, *Collected Works*, Vol. 27",
            ["V. I. Lenin, ", Emphasis("italic", ["Collected Works"]), ", Vol. 27"],
        ),
        ("**CONTENTS**", [Emphasis("bold", ["CONTENTS"])]),
        ("***both***", [Emphasis("bold", [Emphasis("italic", ["both"])])]),
        ("*It was **they** who*", [Emphasis("italic", ["It was ", Emphasis("bold", ["they"]), " who"])]),
        ("(*March-November 1918*)", ["(", Emphasis("italic", ["March-November 1918"]), ")"]),
    ],
)
def test_emphasis_is_parsed(text: str, expected: list) -> None:
    assert parse_inline(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "* Thirty-eight years later, the people of Vancouver",  # a note marker, not emphasis
        "5 * 3 = 15 and 2 ** 4",
        "an opener without closer: *alone",
        "empty ** emphasis",
        "a closer without opener* here",
    ],
)
def test_lone_asterisks_stay_text(text: str) -> None:
    assert parse_inline(text) == [text]


def test_backslash_escapes_punctuation_only() -> None:
    assert parse_inline(r"offered \$ 100,000,000 and \*not italic\*") == [
        "offered $ 100,000,000 and *not italic*"
    ]
    assert parse_inline(r"C:\temp") == [r"C:\temp"]


def test_other_markup_is_literal_text() -> None:
    text = "<b>&amp;</b> [link](#x) `code` _under_ # not a heading"
    assert parse_inline(text) == [text]


def test_anchors_keep_their_place_inside_emphasis() -> None:
    note = {"note": "ch03-n1"}
    parsed = parse_inline(["he said *so", note, " really*.", {"note": "ch03-n2"}])
    assert parsed == [
        "he said ",
        Emphasis("italic", ["so", Anchor(note), " really"]),
        ".",
        Anchor({"note": "ch03-n2"}),
    ]


def test_reserved_character_is_refused() -> None:
    with pytest.raises(ValueError, match="U\\+FFFC"):
        parse_inline("odd \ufffc text")


def test_pathological_input_stays_fast() -> None:
    text = "*a " * 3000
    assert parse_inline(text) == [text]


def test_tei_emphasis_cyrillic_and_line_breaks() -> None:
    xml = to_tei("**„История внешней политики СССР”,\nТом 1 (1917-1945)**")
    assert xml == (
        '<hi rend="bold">„<foreign xml:lang="ru">История внешней политики СССР</foreign>”,<lb/>'
        '<foreign xml:lang="ru">Том</foreign> 1 (1917-1945)</hi>'
    )


def test_tei_cyrillic_runs_stop_at_latin_and_quotes() -> None:
    assert to_tei("© Издательство „Наука”, 1980") == (
        '© <foreign xml:lang="ru">Издательство</foreign> „<foreign xml:lang="ru">Наука</foreign>”, 1980'
    )
    assert to_tei("the Russian «Pravda»") == "the Russian «Pravda»"


def test_tei_anchor_needs_a_handler() -> None:
    paragraph = etree.Element(tei("p"))
    with pytest.raises(ValueError, match="no handler"):
        append_inline(paragraph, parse_inline(["x", {"note": "n1"}]))
    paragraph = etree.Element(tei("p"))
    append_inline(
        paragraph, parse_inline(["x", {"note": "n1"}, "y"]), lambda value: etree.Element(value["note"])
    )
    assert etree.tostring(paragraph, encoding="unicode").endswith("x<n1/>y</ns0:p>")
