"""The repair of words broken by a hyphen.

Excerpts of the first book at their raw lines (see ``repair_excerpts``).
"""

from __future__ import annotations

import pytest
from repair_excerpts import book, repair

from pipeline.repair import repair as repair_text
from pipeline.repair.hyphenation import (
    FREE_ENDING_WORDS,
    SUFFIX_WORDS,
    decide_hyphenation,
    english_spelling,
    is_stray_hyphen,
    is_suspended_hyphen,
    lost_hyphen,
    words_ending_in,
)
from pipeline.repair.vocabulary import BookVocabulary

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
        # two words that joined make no word English lists: a compound (Handbook of Queensland Geology,
        # History of the Colony of Queensland in shared/real/), not where a name's syllables are words
        ("cross", "bedded", False, False),
        ("wallaby", "heads", False, False),
        ("young", "steers", False, False),  # (``youngsters``, one letter away, is no common word)
        ("Cul", "worth", True, False),
        # two common words that joined are one letter from a word English uses very often: OCR's
        # misreading of it after the break (generated octavos, seeds 852 and 979: ``carried``, ``carrying``)
        ("car", "tied", True, False),
        ("car", "tying", True, False),
    ],
)
def test_hyphen_decisions_come_from_the_book_and_word_frequencies(
    vocabulary: BookVocabulary, left: str, right: str, join: bool, conclusive: bool
) -> None:
    decision = decide_hyphenation(left, right, vocabulary)
    assert (decision.join, decision.conclusive) == (join, conclusive)


@pytest.fixture(scope="module")
def related_forms() -> BookVocabulary:
    """A generated book's few lines (sentences of the first book) holding the forms related to its breaks."""
    return BookVocabulary.from_texts(
        [
            # line 266 (clipped), line 332 (clipped), line 230 (clipped)
            "Soviet foreign policy takes into account the complexity of forming the new type of"
            " international relations.",
            "Contrary to the assertions of bourgeois and counter-revolution historians",
            "These relations of fraternal mutual assistance are an entirely new phenomenon in relations"
            " between the socialist countries and other states",
        ]
    )


@pytest.mark.parametrize(
    ("left", "right", "join", "conclusive"),
    [
        # line 3537: "proletarian inter-|nationalism": the book joins "international"
        ("inter", "nationalism", True, False),
        # a generated book's "counter-|revolutionary": the book hyphenates "counter-revolution"
        ("counter", "revolutionary", False, False),
        # line 5925: "north-|western": Google Books has "north west" more often than "northwest"
        ("north", "western", False, True),
        ("north", "west", False, True),
        # line 2933: "sub-|committee": "subcommittee" is a word, rarer than "sub" and "committee"
        ("sub", "committee", True, False),
        # OCR read "countries" as "count-|ties" at a line end: one letter from the book's word
        ("count", "ties", True, False),
        ("every", "thing", True, True),  # "every thing" is in Google Books, "everything" more often
        # "use less" is in Google Books more often than "useless", but English joins words before
        # "less" freely: joined, "useless" being rarer than either half, for review
        ("use", "less", True, False),
        # "acountries" is one letter from the book's "countries", but a grammatical word is no half
        # of a misread word (a real book's "clothed with a- power"): a compound, "a" not in the book
        ("a", "countries", False, False),
        # generated books' "wrath-|fully", "backward-|ness", "hang-|men" (a real book's "comfort-|less"):
        # words too rare for wordfreq, but listed, before an ending many English words have
        ("wrath", "fully", True, False),
        ("backward", "ness", True, False),
        ("hang", "men", True, False),
        # "oilfields" and "leftwing" are listed, but few English words end in "fields" or "wing"
        ("oil", "fields", False, False),
        ("left", "wing", False, False),
        # "right wing" is in Google Books 55 million times, "rightwing" too rarely to be listed: the
        # words ending in "wing" are "-ing" words (viewing, showing), no ending English joins freely
        # (a generated octavo's "right-|wing", seed 835)
        ("right", "wing", False, True),
    ],
)
def test_hyphen_decisions_weigh_related_forms_and_english_pairs(
    related_forms: BookVocabulary, left: str, right: str, join: bool, conclusive: bool
) -> None:
    decision = decide_hyphenation(left, right, related_forms)
    assert (decision.join, decision.conclusive) == (join, conclusive), decision.evidence


def test_english_writes_two_words_apart_or_joined_as_google_books_has_them() -> None:
    west = english_spelling("north", "west")  # 51 million times apart, 20 million joined
    assert west is not None and (west.apart, west.conclusive) == (True, True)
    western = english_spelling("north", "western")  # no evidence of its own: its stem's
    assert western is not None and western.apart and "'western' extends 'west'" in western.evidence
    thing = english_spelling("every", "thing")  # 35 million times apart, 91 million joined
    assert thing is not None and not thing.apart
    assert english_spelling("every", "one") is None  # "one" is a grammatical word: two words, no compound
    assert english_spelling("sub", "committee") is None  # Google Books lists neither
    assert english_spelling("use", "less") is None  # an ending English joins freely
    assert words_ending_in("less") >= FREE_ENDING_WORDS > words_ending_in("west")  # homeless; northwest
    assert words_ending_in("ness") >= SUFFIX_WORDS > words_ending_in("work")  # darkness; framework
    # a word is counted with a shorter ending English joins far more freely (viewing: view + ing)
    assert (
        words_ending_in("wing") < FREE_ENDING_WORDS <= words_ending_in("ship")
    )  # friendship, not friends + hip


def test_suspended_hyphen_is_recognised(vocabulary: BookVocabulary) -> None:
    assert is_suspended_hyphen("pre", "and", vocabulary)  # "pre- and post-war"
    assert not is_suspended_hyphen("Ag", "gression", vocabulary)


def test_a_hyphen_between_two_words_english_pairs_is_stray(vocabulary: BookVocabulary) -> None:
    # (the-world-revolution, line 2579: "bring the work of reform to- a standstill"; "toa" is a word)
    assert is_stray_hyphen("to", "a", vocabulary)
    # a word broken inside the line, a compound of the book's, a pair English has not
    assert not is_stray_hyphen("Ag", "gression", vocabulary)
    assert not is_stray_hyphen("working", "class", vocabulary)
    assert not is_stray_hyphen("sympathy", "aggression", vocabulary)
    # two words English pairs, but joined a common word: a word broken inside the line
    assert not is_stray_hyphen("in", "to", vocabulary)


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


def test_a_first_half_the_book_hyphenates_before_other_words_keeps_its_hyphen() -> None:
    """``anti-|war``: ``antiwar`` is a word, rarer than either half, and joined where the book tells
    nothing; kept where the book writes ``anti-`` compounds with a hyphen (lines 254, 270, 424)."""
    lines = [
        "the other socialist states, by a resolute struggle against anti-Sovietism. The Soviet Union",
        'the sacred struggle of the oppressed peoples and their just anti-imperialist wars of liberation".',
        "the Peking hegemonists, mounted an unprecedentedly vicious anti-Soviet campaign over the events",
    ]
    hyphenating = BookVocabulary.from_texts(lines)
    assert decide_hyphenation("anti", "war", BookVocabulary()).join
    kept = decide_hyphenation("anti", "war", hyphenating)
    assert (kept.join, kept.conclusive) == (False, False)
    assert "the book hyphenates 'anti' before 3 words" in kept.evidence
    # not where the book joins it about as often (the first book's "counterpart", "counteract")
    hyphenated = "the counter-revolution and the counter-attack"
    assert not decide_hyphenation("counter", "measures", BookVocabulary.from_texts([hyphenated])).join
    mixed = BookVocabulary.from_texts([hyphenated, "its counterpart would counteract"])
    assert decide_hyphenation("counter", "measures", mixed).join
    # not before an ending English joins freely: "long-continued", "long-suffering", but "longing"
    longing = BookVocabulary.from_texts(["a long-continued and long-suffering people"])
    assert decide_hyphenation("long", "ing", longing).join


def test_a_word_cut_at_a_line_end_whose_hyphen_ocr_lost_is_joined() -> None:
    """the-hun-s-peace-bludgeon, raw lines 828-830 and 3801-3803: ``manipu`` | ``late``, ``pro`` |
    ``tective``, the hyphens lost; one piece no English word, the two a common one. The change is
    logged at the first piece's line, and the places after it still give their raw lines."""
    text = (
        "the past have brought under their thumb the control\n"
        "of certain raw materials in order to be able to manipu\n"
        "late prices at will, one can just as easily Imagine rings\n"
        "reservoir into which flow the carefully defined pro\n"
        "tective measures of the State, worked out theoreti-\n"
        "cally for the time being, and also all the special"
    )
    repaired = repair_text(text, reader="wrapped_lines")
    (block,) = repaired.blocks
    assert "able to manipulate prices" in block.text and "defined protective measures" in block.text
    cuts = [change for change in repaired.changes if change.rule == "rejoin_words_cut_without_hyphen"]
    assert [(change.line, change.after.count("manipulate")) for change in cuts] == [(2, 1), (4, 0)]
    assert "'manipu' is no English word" in cuts[0].explanation
    assert block.raw_line(block.text.index("Imagine")) == 3
    assert block.raw_line(block.text.index("measures")) == 5


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("inf", "luence", True),  # Tesseract read the hyphen into the f's hook (a generated book)
        ("Exis", "tence", True),  # a sentence's first word
        ("in", "deed", False),  # two words: "in word and in deed"
        ("ref", "rain", False),  # two English words, though "refrain" is one too
        ("war", "mongering", False),  # "warmongering" is no common word
        ("inf", "Luence", False),  # a capital opens a word of its own
    ],
)
def test_a_hyphen_is_lost_only_where_a_piece_is_no_word(left: str, right: str, joined: bool) -> None:
    assert bool(lost_hyphen(left, right)) == joined
