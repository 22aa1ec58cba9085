"""The TEI wording encode writes and render reads back: one definition, read as written."""

from __future__ import annotations

from pipeline.tei import (
    XML_ID,
    XML_LANG,
    period_of,
    subtitle,
    tei,
    translated_language,
    translation_note,
    volume_statement,
)


def test_names_in_clark_notation() -> None:
    assert tei("div") == "{http://www.tei-c.org/ns/1.0}div"
    assert XML_ID == "{http://www.w3.org/XML/1998/namespace}id"
    assert XML_LANG == "{http://www.w3.org/XML/1998/namespace}lang"


def test_the_subtitle_gives_back_its_period() -> None:
    # raw/soviet-foreign-policy-vol1.yaml: volume I, period 1917-1945
    title = subtitle("I", "1917-1945")
    assert title == "Volume I, 1917-1945"
    assert period_of(title, volume_statement("I")) == "1917-1945"


def test_a_subtitle_of_volume_or_period_alone() -> None:
    assert subtitle("2", None) == "Volume 2" and period_of("Volume 2", volume_statement("2")) is None
    assert subtitle(None, "1826-1830") == "1826-1830" and period_of("1826-1830", None) == "1826-1830"
    assert subtitle(None, None) is None


def test_the_translation_note_gives_back_its_language() -> None:
    assert translation_note("Russian") == "Translated from the Russian."
    assert translated_language(translation_note("Old Church Slavonic")) == "Old Church Slavonic"
    assert translated_language("Printed in the USSR.") is None
