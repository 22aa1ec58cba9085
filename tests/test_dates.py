"""Printed dates → ISO dates, Old Style kept apart; entries split at their dates."""

from __future__ import annotations

from pipeline.text.dates import clean_date, parse_date, split_entry, split_run_together


def test_dual_dates_give_new_style_when_and_old_style_custom() -> None:
    # raw lines 8089, 8091, 8105 (entries of 1917)
    assert parse_date("25 *October (7 November)*", 1917).attributes() == {
        "when": "1917-11-07",
        "when-custom": "1917-10-25",
    }
    assert parse_date("9(22) *December*", 1917).attributes() == {
        "when": "1917-12-22",
        "when-custom": "1917-12-09",
    }
    assert parse_date("23 *December 1917 (5 January 1918)*", 1917).attributes() == {
        "when": "1918-01-05",
        "when-custom": "1917-12-23",
    }


def test_ranges_months_and_dashes() -> None:
    # raw lines 8100, 8115, 8132, 8312 and the 1945 entry "17 July-2 August"
    assert parse_date("9(22) *December-3 March 1918*", 1917).attributes() == {
        "from": "1917-12-22",
        "to": "1918-03-03",
        "from-custom": "1917-12-09",
    }
    assert parse_date("6-8 *March*", 1918).attributes() == {"from": "1918-03-06", "to": "1918-03-08"}
    assert parse_date("17 *July\u20132 August*", 1945).attributes() == {
        "from": "1945-07-17",
        "to": "1945-08-02",
    }
    assert parse_date("March*", 1919).attributes() == {"when": "1919-03"}
    assert parse_date("July-December", 1929).attributes() == {"from": "1929-07", "to": "1929-12"}


def test_not_a_date_is_left_alone() -> None:
    assert parse_date("Soviet government", 1919) is None
    assert split_entry("course with respect to China.") is None


def test_run_together_entries_are_separated_and_plain_text_is_not() -> None:
    # raw lines 8134-8136: the OCR ran the August entry into the July one
    text = (
        "25 *July*—Council of People's Commissars issues appeal to the Chinese people. "
        "August—Soviet government issues appeal to Mongolian government and people."
    )
    assert split_run_together(text) == [
        "25 *July*—Council of People's Commissars issues appeal to the Chinese people.",
        "August—Soviet government issues appeal to Mongolian government and people.",
    ]
    # raw line 8091: a bracketed New Style day is no sentence end
    single = "2(15) *November*—Council of People's Commissars adopts the Declaration."
    assert split_run_together(single) == [single]


def test_a_printed_date_is_cleaned_of_emphasis_list_dashes_and_spaces() -> None:
    assert clean_date("- 25 *October  (7 November)* ") == "25 October (7 November)"


def test_an_entry_is_split_at_the_em_dash_after_its_date() -> None:
    # raw line 8089
    assert split_entry("25 *October (7 November)*\u2014victory of the Revolution.") == (
        "25 *October (7 November)*",
        "\u2014victory of the Revolution.",
    )
