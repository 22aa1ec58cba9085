"""Rules for misread words: OCR's letter confusions read back to the book's words (``iater``,
``Eoman``), the book's own spelling of a long name (``Chechoslovakia``), grammatical words read in
context (``by bis family``); and, for the editor only, the non-words near an English word and those
nothing proposes a reading for.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.correct.lexicon import (
    ENGLISH_ZIPF,
    Lexicon,
    in_dictionary,
    without_accents,
)
from pipeline.correct.spots import (
    COMMON_ZIPF,
    FREQUENT_COUNT,
    POSSESSIVE_RE,
    RARE_ZIPF,
    UNREAD,
    VERY_COMMON_ZIPF,
    Reading,
    Spot,
    confusions,
    known,
    letters_to_read,
    match_case,
    minim_readings,
    two_confusions,
    word_of,
)
from pipeline.lazy_re import lazy_compile
from pipeline.text.english_lists import dictionary_words
from pipeline.text.ocr import CLAUSE_OPENERS, CONFUSIONS
from pipeline.text.punctuation import ends_sentence
from pipeline.text.words import (
    FUNCTION_WORD_ZIPF,
    LEAST_LISTED_PAIR,
    STRONG_PAIR,
    common_words,
    edits,
    english_frequency,
    english_pair,
    function_words,
    is_function_word,
    zipf_share,
)

INFLECTIONS = ("s", "es", "d", "ed", "n", "r", "er", "ly", "\u2019s", "'s")
# The book's spelling of a word is its own when it uses it this many times as often as the form read.
BOOK_SPELLING_RATIO = 5
# From this length, a word one letter from a spelling the book uses far more often is that word.
LONG_WORD = 10
# A grammatical word is read as another that the book has this often beside each of its neighbours.
CONTEXT_MIN_PAIRS = 2
# A non-word is a misreading of a word one confusion away that the book uses this many times as often.
CONFUSION_RATIO = 3
# Two confusions in one word are read back only in a word this long, to a word the book has this often.
TWO_CONFUSIONS_MIN_LENGTH = 5
TWO_CONFUSIONS_MIN_COUNT = 5
# A word this long one or two letters from a spelling the book has often is listed for review.
CLOSE_SPELLING_MIN_LENGTH = 8
# ... and is taken where it is a common English word the book uses this often or more.
CLOSE_SPELLING_SURE_COUNT = 20
# A word English uses less often than this, the book far less often (this many times) than a grammatical
# word one confusion away, may be that word misread (``arc`` for ``are``: the book says which, here).
MISREAD_WORD_ZIPF = 4.5
MISREAD_WORD_RATIO = 10
# A word English has but rarely (word frequencies count the web's misreadings too: ``lrish``) and no
# dictionary lists is read as a word one confusion away that the book has this often, and this many
# times as often.
RARE_WORD_ZIPF = 2.0
RARE_WORD_MIN_EVIDENCE = 20
RARE_WORD_RATIO = 20
LOWER_WORD_RE = lazy_compile(r"[a-z]+")  # a word in lower case, nothing else
# A word of the dictionary is read as a grammatical word from English's word pairs where the book has
# the grammatical word's neighbours around it at this share of its places (a misreading OCR repeats).
MISREAD_THROUGHOUT_SHARE = 2 / 3
# A common English word (zipf): what a non-word misread from a common word is read as (one edit away,
# or one or two letters from a spelling the book has often).
COMMON_WORD_ZIPF = 4.0
# A reading weighed on English's word pairs (:func:`pair_weight`) is taken where it is this many times
# likelier than the next.
LIKELIER = 10
# A grammatical word is read as another that English has this many times as often after the word
# before it (and :data:`LIKELIER` times as often before the word after it).
PAIR_BEFORE_RATIO = 100
CLAUSE_MARKS = ",;:"  # marks after which a word opens a clause: the word before is no neighbour
LATIN_ENDING = "ii"  # the ending of Latin's genitives and plurals of names in ``-ius``
# A word cut after its first letter is joined where English uses it this much more often (zipf) than
# the rest alone (``w hen``: ``when`` 6.6, ``hen`` 3.4).
SPLIT_WORD_ZIPF = 2.0
# A run of letters this long may be two words glued; a part this short must be a grammatical word.
GLUED_MIN_LENGTH = 5
SHORT_PART = 3
# A title stands before a name: so do at least this share of the uses of a word read as one.
TITLE_BEFORE_NAMES = 0.75
# Below this length, two names one letter apart are as often two names as one misread (Chita, China).
BOOK_SPELLING_MIN_LENGTH = 7


def letter_confusion(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A non-word one OCR confusion from a word the book uses far more often: ``iater`` → ``later``,
    ``Eoman`` → ``Roman`` (a misreading OCR repeats: the book has Roman far more often),
    ``mitst`` → ``must``, ``Parrv\u2019s`` → ``Parry``, a run of minims read with its strokes parted
    otherwise, ``coimtry`` → ``country``, or a word English uses very often (``Avord`` → ``word``,
    which the book has once); or a rare word no dictionary lists, one confusion from a
    word the book uses very often: ``lrish`` → ``Irish``."""
    letters = letters_to_read(spot, 3)
    if letters is None:
        return None
    match, word = letters
    uses = lexicon.count(word)
    least = max(2, CONFUSION_RATIO * uses)
    # (a rare word of the web's, where OCR's misreadings are words too: only a confusion from a word
    # the book uses very often reads it; old spellings, ``mett``, ``shope``, are such words too)
    web_word = lexicon.is_english(word)
    if web_word:
        if is_plain_english(word, lexicon):
            return None
        least = max(RARE_WORD_MIN_EVIDENCE, RARE_WORD_RATIO * uses)
    found = {}
    singles = [] if web_word else [single for single in _doublings(word) if len(single) < len(word)]
    undoubled = [(single, "a letter doubled") for single in singles]
    for candidate, confusion in [*confusions(word), *undoubled]:
        evidence = _evidence(candidate, lexicon) if candidate != word else 0
        if evidence >= least:
            found[candidate] = (evidence, confusion)
    if not found and not web_word:  # (English's evidence: a very common word the book has seldom)
        for candidate, confusion in confusions(word):
            if candidate.islower() and lexicon.zipf(candidate) >= VERY_COMMON_ZIPF:
                found[candidate] = (lexicon.count(candidate), confusion)
    if not found:  # (a run of minims read again where no single confusion reads the word)
        for candidate, confusion in minim_readings(word):
            evidence = _evidence(candidate, lexicon)
            if evidence >= least:
                found[candidate] = (evidence, confusion)
    if not found and not web_word and len(word) >= TWO_CONFUSIONS_MIN_LENGTH:
        found = _two_confusions(word, uses, lexicon)
    found = _in_the_books_case(found, lexicon)
    if _latin_name(word):  # (a name's Latin ending, read as English only for a very common word: Wheii)
        found = {
            candidate: read
            for candidate, read in found.items()
            if lexicon.zipf(candidate) >= VERY_COMMON_ZIPF
        }
    if len(found) != 1:
        return None
    ((candidate, (evidence, confusion)),) = found.items()
    reason = f"{confusion}: the book has {candidate} {evidence} times"
    if evidence < least:  # (read on English's evidence)
        reason += ", and English uses it very often"
    return spot.reading(match.start(), word, candidate, "letters", 0.96 if evidence >= 3 else 0.9, reason)


def _latin_name(word: str) -> bool:
    """A capitalised word ending as Latin's genitives and plurals do (``Sancti Patricii``,
    ``Owenii``), not an English name's ending misread."""
    return word[:1].isupper() and word.endswith(LATIN_ENDING)


def _evidence(candidate: str, lexicon: Lexicon) -> int:
    """How often the book has ``candidate``, as :func:`letter_confusion` counts it: a capitalised
    word capitalised, a word in lower case only if English uses it commonly; 0 for a word English
    does not know."""
    if lexicon.zipf(candidate) < ENGLISH_ZIPF:
        return 0
    if candidate[:1].isupper() and candidate[1:].islower():
        return lexicon.capitalised(candidate)
    if candidate.islower() and lexicon.zipf(candidate) >= COMMON_ZIPF:
        return lexicon.count(candidate)
    return 0


def split_word(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A word OCR cut after its first letter, perhaps a letter of its own read between the pieces:
    ``w hen`` → ``when``, ``w r ould`` → ``would``, ``w r as`` → ``was`` (the letters apart are no
    words; the first and the rest make a word the book uses often, far more common than the rest)."""
    if not is_stray_letter(spot.chunk):
        return None
    if is_stray_letter(spot.after):
        rest = spot.chunk_at(spot.end + 1 + len(spot.after))
        pieces = [spot.chunk, spot.after, rest]
    else:
        rest = spot.after
        pieces = [spot.chunk, spot.after]
    if not LOWER_WORD_RE.fullmatch(rest):
        return None
    word = spot.chunk + rest
    if lexicon.count(word) < FREQUENT_COUNT or lexicon.zipf(word) < COMMON_ZIPF:
        return None
    if len(pieces) == 2 and lexicon.zipf(word) < lexicon.zipf(rest) + SPLIT_WORD_ZIPF:
        return None  # (the rest a word English uses too: ``o range``)
    sic = " ".join(pieces)
    if not spot.text.startswith(sic, spot.start):  # (one space between the pieces)
        return None
    between = ", a letter read between the pieces" if len(pieces) == 3 else ""
    reason = f"{word} cut after its first letter{between}: the book has it {lexicon.count(word)} times"
    return spot.reading(0, sic, word, "split", 0.92, reason)


def w_stroke_apart(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """The last stroke of a ``w`` read apart as an ``r``, after a word ending in ``w``: the pieces
    joined where they make a common word (``grow r n`` → ``grown``, ``how r ever`` → ``however``),
    else taken out between two common words (``raw r materials`` → ``raw materials``; not ``low r
    est``)."""
    head = spot.chunk
    if not (head.isalpha() and head.islower() and head.endswith("w")) or spot.after != "r":
        return None
    rest_start = spot.end + 3  # (after `` r ``)
    rest = spot.chunk_at(rest_start)
    if not rest or not spot.text.startswith(f"{head} r ", spot.start):
        return None
    word = word_of(rest)
    if not word.islower() or not rest.startswith(word):
        return None
    joined = head + word
    if lexicon.zipf(joined) >= COMMON_WORD_ZIPF:
        reason = f"a w's stroke read as r, the word cut there: {joined}, a common word"
        return spot.reading(0, f"{head} r {word}", joined, "split", 0.92, reason)
    if min(lexicon.zipf(head), lexicon.zipf(word)) >= COMMON_WORD_ZIPF:
        reason = f"a w's stroke read as r, between two words ({head}, {word})"
        return spot.reading(0, f"{head} r", head, "speck", 0.9, reason)
    return None


def capital_split(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A word OCR cut after its capital (a wide ``W`` most often): ``New South W ales`` → ``Wales``,
    ``W ith this`` → ``With``; the capital no word (not ``A``, ``I``, ``O``) nor an initial, the rest
    no common word (not ``B and C``), the whole a name the book has often or a very common word."""
    following = spot.word_after()
    if not is_stray_capital(spot.chunk, lexicon) or not following.islower():
        return None
    word = spot.chunk + following
    if lexicon.zipf(following) >= COMMON_ZIPF:
        return None
    if lexicon.capitalised(word) < FREQUENT_COUNT and lexicon.zipf(word) < VERY_COMMON_ZIPF:
        return None
    sic = f"{spot.chunk} {following}"
    if not spot.text.startswith(sic, spot.start):  # (one space between the pieces)
        return None
    reason = f"{word} cut after its capital: the book has it {lexicon.count(word)} times"
    return spot.reading(0, sic, word, "split", 0.92, reason)


def is_stray_capital(chunk: str, lexicon: Lexicon) -> bool:
    """A capital letter standing alone that is no word (not ``A``, ``I``, ``O``)."""
    return len(chunk) == 1 and chunk.isupper() and chunk not in "AIO"


def is_stray_letter(chunk: str) -> bool:
    """A lower-case letter standing alone that is no word (not ``a``)."""
    return len(chunk) == 1 and chunk.islower() and chunk != "a"


def glued_words(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """Two words run together, one of them a grammatical word, neither English nor the book knowing
    the whole, each a word the book uses often, parted one way only: ``coloniesand`` →
    ``colonies and``, ``ofthe`` → ``of the`` (not ``commandantship``)."""
    word = spot.chunk.rstrip(".,;:")
    if len(word) < GLUED_MIN_LENGTH or not word.isalpha() or not word.islower() or lexicon.is_word(word):
        return None
    parts = [
        (word[:cut], word[cut:])
        for cut in range(2, len(word) - 1)
        if _often(word[:cut], lexicon)
        and _often(word[cut:], lexicon)
        and (is_function_word(word[:cut]) or is_function_word(word[cut:]))
    ]
    if len(parts) != 1:
        return None
    ((left, right),) = parts
    reason = (
        f"two words the book uses often: {left} ({lexicon.count(left)}), {right} ({lexicon.count(right)})"
    )
    return spot.reading(0, word, f"{left} {right}", "glued", 0.92, reason)


def _often(word: str, lexicon: Lexicon) -> bool:
    """A word the book uses often and English commonly (a grammatical word if it is short)."""
    if lexicon.count(word) < FREQUENT_COUNT or lexicon.zipf(word) < COMMON_ZIPF:
        return False
    return len(word) > SHORT_PART or is_function_word(word)


def _in_the_books_case(found: dict[str, tuple[int, str]], lexicon: Lexicon) -> dict[str, tuple[int, str]]:
    """``found`` with one word found in two cases (``lrish``: ``Irish``, ``irish``) kept in the case
    the book writes it in more often."""
    if len(found) < 2 or len({candidate.lower() for candidate in found}) != 1:
        return found

    def uses(candidate: str) -> int:
        capitalised = lexicon.capitalised(candidate)
        return capitalised if candidate[:1].isupper() else lexicon.count(candidate) - capitalised

    usual = max(found, key=uses)
    return {usual: found[usual]}


def is_plain_english(word: str, lexicon: Lexicon) -> bool:
    """A word of the dictionary, or one English uses often enough not to be the web's misreading."""
    return in_dictionary(word) or lexicon.zipf(word) >= RARE_WORD_ZIPF


def _two_confusions(word: str, uses: int, lexicon: Lexicon) -> dict[str, tuple[int, str]]:
    """The book's words two OCR confusions from ``word`` and far more frequent (``Eomau`` → ``Roman``)."""
    found = {}
    least = max(TWO_CONFUSIONS_MIN_COUNT, CONFUSION_RATIO * uses)
    for candidate, one, two in two_confusions(word):
        if lexicon.count(candidate) < least or candidate == word:  # (the cheap test first: most are no word)
            continue
        if candidate[:1].isupper() and candidate[1:].islower():
            evidence = lexicon.capitalised(candidate)
        elif candidate.islower():
            evidence = lexicon.count(candidate)
        else:
            continue
        if evidence >= least:
            found[candidate] = (evidence, f"{one}, {two}")
    return found


@cache
def grammatical_misreadings() -> dict[str, frozenset[str]]:
    """Every lower-case spelling one OCR confusion from a grammatical word, with the grammatical
    words it may be misread from (``tbe``: the; ``arc``: are): found once, from the grammatical words
    among English's most frequent."""
    found: dict[str, set[str]] = {}
    for word in function_words():
        for read, printed in CONFUSIONS:
            start = word.find(printed)
            while start != -1:
                misread = word[:start] + read + word[start + len(printed) :]
                if misread.islower() and misread != word:
                    found.setdefault(misread, set()).add(word)
                start = word.find(printed, start + 1)
    return {misread: frozenset(words) for misread, words in found.items()}


def is_rare_word(chunk: str, lexicon: Lexicon) -> bool:
    """A chunk :func:`rare_word_confusion` reads: a word, lower case or capitalised, rare in English or
    far rarer in the book than a grammatical word one confusion away (``arc`` beside ``are``)."""
    word = chunk.rstrip(".,;:")
    grammatical = grammatical_misreadings().get(word.lower())
    if not grammatical or not (word.islower() or word.istitle()):
        return False
    if not ENGLISH_ZIPF <= lexicon.zipf(word) < MISREAD_WORD_ZIPF:
        return False
    uses = lexicon.count(word)
    if uses <= 2 and lexicon.zipf(word) < RARE_ZIPF:
        return True
    return any(lexicon.count(candidate) >= MISREAD_WORD_RATIO * uses for candidate in grammatical)


def is_grammatical_word(chunk: str, lexicon: Lexicon) -> bool:
    """A chunk :func:`grammatical_word_in_context` reads: a grammatical word one confusion from another."""
    return chunk in grammatical_misreadings() and is_function_word(chunk)


def rare_word_confusion(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A rare word (:func:`is_rare_word`) one OCR confusion from a grammatical word that fits between
    its neighbours: one the book has beside one of them more than once (both, for a word English uses
    more often): ``by bis family`` → ``his``, ``of tlie`` → ``the``, ``they arc not`` → ``are``; or
    one English pairs with both where it pairs the word read with neither: ``will bo imposed`` →
    ``be``. A word opening a sentence or a clause has the word after it only: ``another, hut they``
    → ``but``, ``bill. Ho referred`` → ``He``."""
    if not is_rare_word(spot.chunk, lexicon):
        return None
    word = spot.chunk.rstrip(".,;:")
    candidates = grammatical_misreadings()[word.lower()]
    opens = not spot.before or ends_sentence(spot.before)
    if word.istitle():  # (opening a sentence only, where the book capitalises a candidate far more often)
        least = MISREAD_WORD_RATIO * lexicon.capitalised(word)
        if not opens or all(lexicon.capitalised(candidate) < least for candidate in candidates):
            return None
    before, after = word_of(spot.before), word_of(spot.after)
    # (a rare word: one neighbour must fit; a word English uses more often, ``arc``: both, or the word
    # after it where it opens a clause, ``another, hut they``)
    fit = max if lexicon.zipf(word) < RARE_ZIPF else min
    opens_clause = opens or spot.before[-1:] in CLAUSE_MARKS
    fits = {
        candidate: lexicon.pair(candidate, after)
        if opens_clause
        else fit(lexicon.pair(before, candidate), lexicon.pair(candidate, after))
        for candidate in candidates
    }
    fits = {candidate: uses for candidate, uses in fits.items() if uses >= 2}
    if len(fits) == 1:
        ((candidate, uses),) = fits.items()
        where = f"before '{after}', opening a clause," if opens_clause else f"beside '{before}' or '{after}'"
        reason = f"a grammatical word the book has {where} {uses} times or more"
        return spot.reading(0, word, match_case(candidate, word), "real-word", 0.9, reason)
    reading = _english_context(spot, word, candidates, opens=opens_clause, lexicon=lexicon)
    following = spot.word_after() if spot.chunk == word else ""
    if reading is not None or opens_clause or not (spot.before.isalpha() and following):
        return reading
    if lexicon.is_word(before + word):  # (a word cut: ``the read er``)
        return None
    # (English's pairs weigh the grammatical word far likelier: ``would not bo independent``; a word
    # of the dictionary only where the book has it so throughout: not ``confined to mere personal``)
    likelier = [c for c in candidates if _fits_english_pairs(before.lower(), word, c, following.lower())]
    if len(likelier) != 1:
        return None
    (candidate,) = likelier
    if in_dictionary(word) and not _misread_throughout(word, candidate, lexicon):
        return None
    reason = f"English has '{before} {candidate} {following}' far more often than "
    reason += f"'{before} {word} {following}'"
    return spot.reading(0, word, match_case(candidate, word), "real-word", 0.9, reason)


def is_web_word(chunk: str, lexicon: Lexicon) -> bool:
    """A chunk :func:`web_word_in_context` reads: a lower-case word English has but rarely (the web's
    misreadings) and no dictionary lists."""
    return (
        LOWER_WORD_RE.fullmatch(chunk) is not None
        and not is_plain_english(chunk, lexicon)
        and lexicon.is_english(chunk)
    )


def web_word_in_context(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A rare word of the web's one OCR confusion from a word the book uses, where English pairs that
    word with both neighbours and the word read with neither: ``and trv to persuade`` → ``try``."""
    candidates = frozenset(
        candidate
        for candidate, _ in confusions(spot.chunk)
        if lexicon.count(candidate) >= 2 and lexicon.zipf(candidate) >= COMMON_ZIPF
    )
    return _english_context(spot, spot.chunk, candidates, opens=False, lexicon=lexicon, kind="letters")


def _english_context(
    spot: Spot,
    word: str,
    candidates: frozenset[str],
    *,
    opens: bool,
    lexicon: Lexicon,
    kind: str = "real-word",
) -> Reading | None:
    """The reading of :func:`rare_word_confusion` from English's word pairs: the one candidate English
    pairs with the word after and, unless the word opens a sentence or a clause, the word before,
    where it pairs the word read with neither; for a word of the dictionary, only where the book has
    it so throughout (:func:`_misread_throughout`: not ``a little mare``, ``to mere words``)."""
    after = spot.after if spot.chunk == word and spot.after.isalpha() else ""
    before = "" if opens or not spot.before.isalpha() else spot.before
    if not candidates or not after or not (before or opens):
        return None
    dictionary_word = in_dictionary(word)
    if dictionary_word and lexicon.count(word) < 2:  # (the cheap test first: see _misread_throughout)
        return None

    def pairs(reading: str) -> list[tuple[str, str]]:
        return [(before, reading), (reading, after)] if before else [(reading, after)]

    if any(english_pair(*pair) for pair in pairs(word)):
        return None
    # (a word of two letters is OCR's garbage as often as a word: a candidate must fit well)
    least = STRONG_PAIR if len(word) == 2 else 1
    found = [c for c in candidates if all(english_pair(*pair) >= least for pair in pairs(c))]
    if len(found) != 1:
        return None
    if dictionary_word and not _misread_throughout(word, found[0], lexicon):
        return None
    shown = " … ".join(f"'{first} {second}'" for first, second in pairs(found[0]))
    reason = f"English has {shown}, never with '{word}'"
    return spot.reading(0, word, match_case(found[0], word), kind, 0.9, reason)


def _misread_throughout(word: str, candidate: str, lexicon: Lexicon) -> bool:
    """Whether the book has ``word`` more than once, and mostly where English has ``candidate`` beside
    the words around it and not ``word``: a misreading OCR repeats (``they arc``, ``arc said``), not a
    word the author uses (``a mere trifle``)."""
    before, after = lexicon.beside(word)
    sides = [
        (english_pair(other, candidate) > 0 and not english_pair(other, word), uses)
        for other, uses in before.items()
        if other.isalpha()
    ]
    sides += [
        (english_pair(candidate, other) > 0 and not english_pair(word, other), uses)
        for other, uses in after.items()
        if other.isalpha()
    ]
    read = sum(uses for _, uses in sides)
    fitting = sum(uses for fits, uses in sides if fits)
    return lexicon.count(word) > 1 and fitting >= MISREAD_THROUGHOUT_SHARE * read


def grammatical_word_in_context(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A grammatical word one confusion from another that the book has beside both neighbours many
    times, where it never has the word so elsewhere (``will he done`` → ``be``); or that English has
    beside both often and far more often than the word (:func:`_fits_english_pairs`: ``may he
    found`` → ``be``, wherever OCR repeats it)."""
    word, before, after = spot.chunk, spot.before, spot.word_after()
    if not (before.isalpha() and after) or not is_grammatical_word(word, lexicon):  # (no mark between)
        return None
    candidates = grammatical_misreadings()[word]
    fits = {
        candidate
        for candidate in candidates
        if lexicon.pair(before, candidate) >= CONTEXT_MIN_PAIRS
        and lexicon.pair(candidate, after) >= CONTEXT_MIN_PAIRS
    }
    # (the book's pairs, where it has the word read so once only: this use)
    if len(fits) == 1 and lexicon.pair(before, word) <= 1 and lexicon.pair(word, after) <= 1:
        (candidate,) = fits
        reason = (
            f"the book has '{before} {candidate}' {lexicon.pair(before, candidate)} times and "
            f"'{candidate} {after}' {lexicon.pair(candidate, after)}, "
            f"never '{before} {word} {after}' elsewhere"
        )
        return spot.reading(0, word, candidate, "real-word", 0.9, reason)
    if word in CLAUSE_OPENERS:  # (what follows opens a clause, elided perhaps: ``if given``)
        return None
    fits = {
        candidate
        for candidate in candidates
        if _fits_english_pairs(before.lower(), word, candidate, after.lower())
    }
    if len(fits) != 1:
        return None
    (candidate,) = fits
    reason = f"English has '{before} {candidate} {after}' far more often than '{before} {word} {after}'"
    return spot.reading(0, word, candidate, "real-word", 0.9, reason)


def _fits_english_pairs(before: str, word: str, candidate: str, after: str) -> bool:
    """Whether English has ``candidate`` often beside both neighbours, after the word before
    :data:`PAIR_BEFORE_RATIO` times as often as ``word``, and before the word after :data:`LIKELIER`
    times as often (``may he found``: ``may be`` 11 billion times, ``may he`` 7 million; ``be found``
    1.5 billion, ``he found`` 120 million; not ``will he not``, nor ``with it he held``, where ``he``
    opens a clause of its own)."""
    pairs = english_pair(before, candidate), english_pair(candidate, after)
    if min(pairs) < STRONG_PAIR:
        return False
    return (
        PAIR_BEFORE_RATIO * english_pair(before, word) <= pairs[0]
        and LIKELIER * english_pair(word, after) <= pairs[1]
    )


def words_near(word: str, zipf: float) -> frozenset[str]:
    """English's words used at ``zipf`` or more one edit from ``word`` (a letter changed, added, left
    out, or two swapped): ``eo`` → so, do, to, of, …; ``tae`` → the, take, …"""
    # (the edits made and looked up: building symspellpy's index of English's words would cost more
    # than the few hundred words a book asks this for)
    return frozenset(edits(word) & common_words(zipf))


def is_non_word_near_grammatical_word(chunk: str, lexicon: Lexicon) -> bool:
    """A chunk :func:`non_word_between_neighbours` reads: a lower-case word of two letters or more,
    no word of the dictionary, one edit from a grammatical word."""
    if LOWER_WORD_RE.fullmatch(chunk) is None or len(chunk) < 2 or in_dictionary(chunk):
        return False
    return bool(words_near(chunk, FUNCTION_WORD_ZIPF))


def non_word_between_neighbours(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A non-word English never has beside either neighbour, read as the word one edit away that
    English's word pairs weigh far likeliest between them (:func:`pair_weight`), where English has it
    often beside both: ``worked eo well`` → ``so`` (not ``to``), ``vote lor the bill`` → ``for``;
    not where the book has the non-word so elsewhere."""
    word, before, after = spot.chunk, spot.before, spot.after
    if not (before.isalpha() and after.isalpha()):  # (nothing between the words)
        return None
    if english_pair(before, word) or english_pair(word, after):
        return None
    if lexicon.pair(before, word) > 1 or lexicon.pair(word, after) > 1:  # (more than this use)
        return None
    weights = sorted(
        (pair_weight(before, candidate, after), candidate) for candidate in words_near(word, COMMON_WORD_ZIPF)
    )
    if not weights or weights[-1][0] < LIKELIER * (weights[-2][0] if len(weights) > 1 else 0):
        return None
    candidate = weights[-1][1]
    if min(english_pair(before, candidate), english_pair(candidate, after)) < STRONG_PAIR:
        return None
    reason = f"English has '{before} {candidate}' and '{candidate} {after}' often, never with '{word}'"
    return spot.reading(0, word, candidate, "letters", 0.9, reason)


def pair_weight(before: str, word: str, after: str) -> float:
    """How likely English has ``word`` between ``before`` and ``after``, as a model of word pairs
    weighs it: how often it follows the word before, times how often the word after follows it,
    over how often it is used (any case; a word English does not count, as the rarest it counts). A
    pair English does not list is taken as a quarter as frequent as the least it lists; a word it
    lists beside neither neighbour weighs nothing."""
    pairs = english_pair(before, word), english_pair(word, after)
    if not any(pairs):
        return 0.0
    unlisted = LEAST_LISTED_PAIR / 4
    frequency = english_frequency(word.lower()) or zipf_share(ENGLISH_ZIPF)
    return (pairs[0] or unlisted) * (pairs[1] or unlisted) / frequency


def is_title_word(chunk: str, lexicon: Lexicon) -> bool:
    """A chunk :func:`title_before_name` reads: a lower-case word the book capitalises often, and
    writes in lower case nowhere else."""
    if not LOWER_WORD_RE.fullmatch(chunk) or len(chunk) < SHORT_PART:  # (not ``st``: an abbreviation)
        return False
    capitalised = lexicon.capitalised(chunk)
    return capitalised >= FREQUENT_COUNT and lexicon.count(chunk) - capitalised <= 1


def _stands_before_names(word: str, lexicon: Lexicon) -> bool:
    """Whether the book's ``word`` stands before names, as a title does: :data:`TITLE_BEFORE_NAMES`
    of the words after it are words the book mostly capitalises (``Lord John``, ``Lord Curzon``;
    not ``Western powers``, whose ``western`` is an adjective OCR read right in ``western Ukrainian``)."""
    _, after = lexicon.beside(word)
    names = [uses for name, uses in after.items() if 2 * lexicon.capitalised(name) > lexicon.count(name)]
    return sum(names) >= TITLE_BEFORE_NAMES * sum(after.values())


def title_before_name(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A word OCR read in lower case before a name, which the book capitalises everywhere else:
    ``to lord John Russell`` → ``Lord``."""
    word = spot.chunk
    if not is_title_word(word, lexicon) or not spot.after.isalpha() or not spot.after.istitle():
        return None
    if not lexicon.book.is_name_like(spot.after) or not _stands_before_names(word, lexicon):
        return None
    capitalised = lexicon.capitalised(word)
    reason = f"the book writes '{word}' capitalised {capitalised} times, and in lower case nowhere else"
    return spot.reading(0, word, word.capitalize(), "case", 0.92, reason)


def book_spelling(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A long non-word the book spells otherwise, one letter away, far more often:
    ``Chechoslovakia`` → ``Czechoslovakia``, ``Schullenburg`` → ``Schulenburg``, ``Kálinin`` → ``Kalinin``."""
    match = _spelling_to_read(spot, lexicon)
    if match is None:
        return None
    at, word = match.start(), match.group()
    bare = without_accents(word.lower())
    if bare != word.lower() and lexicon.count(bare) >= FREQUENT_COUNT:
        reason = "the book spells it without the accent"
        return spot.reading(at, word, match_case(bare, word), "spelling", 0.96, reason)
    if len(word) < BOOK_SPELLING_MIN_LENGTH:
        return None
    near = [
        spelling
        for spelling in lexicon.neighbours(word)
        if lexicon.count(spelling) >= _far_more_often(word, lexicon)
        and not spelling.endswith(word.lower())  # (the rest of a word OCR cut: ``G overnment``)
        and not _old_final_e(word, spelling)
        and _not_substitution_of_letters(word, spelling)
        and not is_inflection(word.lower(), spelling)
        and not _name_variant(word, spelling, lexicon)
    ]
    if len(near) != 1:
        return None
    spelling = lexicon.written(near[0], word)
    reason = f"the book spells it {spelling} {lexicon.count(spelling)} times"
    return spot.reading(at, word, spelling, "spelling", 0.95, reason)


def close_book_spelling(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A long non-word one or two letters from a spelling the book has far more often: applied where
    that is a common English word the book uses often, of the same length or a letter more or
    less (``Governmeilt``, ``importaifce``, ``hovrever``); else for review only (``Iternatlonal`` →
    ``International``; names and old spellings quoted are alike: ``Rydelysford``, ``Mountaine``)."""
    match = _spelling_to_read(spot, lexicon)
    if match is None or len(match.group()) < CLOSE_SPELLING_MIN_LENGTH:
        return None
    word = match.group()
    close = [
        spelling
        for spelling in lexicon.close_spellings(word, _far_more_often(word, lexicon))
        if not _extends(word, spelling)
        and not is_inflection(word.lower(), spelling)
        and not spelling.endswith(word.lower())
    ]
    if len(close) != 1:
        return None
    spelling = lexicon.written(close[0], word)
    reason = f"close to {spelling}, which the book has {lexicon.count(spelling)} times"
    neighbours = (word_of(spot.before), word_of(spot.after))
    sure = (
        lexicon.zipf(close[0]) >= COMMON_WORD_ZIPF
        and all(_english_neighbour(neighbour, lexicon) for neighbour in neighbours)
        and lexicon.count(spelling) >= CLOSE_SPELLING_SURE_COUNT
        and abs(len(word) - len(spelling)) <= 1
        and not _old_final_e(word, spelling)
    )
    return spot.reading(match.start(), word, spelling, "spelling", 0.9 if sure else 0.75, reason)


def _english_neighbour(word: str, lexicon: Lexicon) -> bool:
    """Whether ``word`` beside a misreading is English, so the misreading is read as English: a word
    of the dictionary or common (not Latin, ``Sancti Patricii``, nor a name)."""
    return in_dictionary(word) or lexicon.zipf(word) >= COMMON_ZIPF


def _old_final_e(word: str, spelling: str) -> bool:
    """Whether ``word`` ends with an ``e`` the modern ``spelling`` has not (``Mountaine``, ``Dalkeye``)."""
    return word.lower().endswith("e") and not spelling.lower().endswith("e")


def is_long_spelling_to_read(chunk: str, lexicon: Lexicon) -> bool:
    """A chunk :func:`close_book_spelling` reads: a long word the spelling rules read."""
    if len(chunk) < CLOSE_SPELLING_MIN_LENGTH:  # (the cheap test first)
        return False
    match = _spelling_to_read(Spot(chunk, 0, len(chunk), "", ""), lexicon)
    return match is not None and len(match.group()) >= CLOSE_SPELLING_MIN_LENGTH


def _spelling_to_read(spot: Spot, lexicon: Lexicon) -> re.Match[str] | None:
    """The chunk's word if the spelling rules read it: no hyphen, no capitals, no word of English, no
    inflection of a known word, no elision."""
    match = spot.core()
    if match is None or "-" in match.group():
        return None
    word = match.group()
    if word.isupper() or lexicon.is_english(word) or _inflects_a_word(word, lexicon):
        return None
    if "'" in POSSESSIVE_RE.sub("", word).replace("\u2019", "'"):
        return None  # (an elision: ``l\u2019Europe``, ``d\u2019état``)
    return match


def _far_more_often(word: str, lexicon: Lexicon) -> int:
    """How often the book must spell a word otherwise for that spelling to be its own."""
    return max(FREQUENT_COUNT, BOOK_SPELLING_RATIO * lexicon.count(word))


def _extends(word: str, other: str) -> bool:
    """Whether one of the two words begins the other (``Leonidov``, ``Leonid``)."""
    return word.lower().startswith(other.lower()) or other.lower().startswith(word.lower())


def is_inflection(word: str, other: str) -> bool:
    """Whether one word is the other with an inflectional ending (``imperialisms``, ``chargés``)."""
    short, long = sorted((word, other), key=len)
    return long.startswith(short) and long[len(short) :] in INFLECTIONS


def _inflects_a_word(word: str, lexicon: Lexicon) -> bool:
    """Whether ``word`` is a word the book uses, or an English word, with an inflectional ending."""
    return any(word.endswith(ending) and known(word[: -len(ending)], lexicon) for ending in INFLECTIONS)


def _name_variant(name: str, spelling: str, lexicon: Lexicon) -> bool:
    """Whether ``name`` may be another form of the name ``spelling`` (lower case), not a misreading:
    Latin's genitive (``Taeniopteris Daintreei``, ``Walteri``), or a letter more or less in a book
    that spells its names variously (``Kilruddery``, ``Killruddery``; not ``Kedddah``, a letter read
    three times). A name English uses very often has no genitive so (``Europei``: ``Europe``)."""
    if not name[:1].isupper():
        return False
    lower = name.lower()
    if lower in (spelling + "i", spelling + "ii"):
        return lexicon.zipf(spelling) < VERY_COMMON_ZIPF
    if lexicon.zipf(spelling) >= COMMON_ZIPF:
        return False
    if abs(len(lower) - len(spelling)) != 1 or not lexicon.spells_names_variously():
        return False
    return not any(letter * 3 in lower for letter in set(lower))


def _not_substitution_of_letters(word: str, other: str) -> bool:
    """Whether ``word`` becomes ``other`` (lower case) by a letter added, dropped or swapped, or a
    confusion: one letter for another makes two names as often as one misread (Hogland, Holland),
    except in a long word (``Chechoslovakia``, ``convenaion``; a long word of the dictionary is
    never read otherwise)."""
    if len(word) != len(other) or sorted(word.lower()) == sorted(other):
        return True
    if len(word) >= LONG_WORD:
        return True
    return any(candidate.lower() == other for candidate, _ in confusions(word))


def _unread(spot: Spot, lexicon: Lexicon) -> str | None:
    """The chunk's word if it is a word neither English nor the book knows (used at most twice)."""
    match = spot.core()
    if match is None or "-" in match.group():
        return None
    word = match.group()
    if len(word) < 4 or word.isupper() or lexicon.is_word(word) or _inflects_a_word(word, lexicon):
        return None
    return word


def english_neighbour(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A non-word near an English word, suggested for review, never applied (without the book's
    evidence, a rare word may be the printer's): one OCR confusion from a common word (``harrid`` →
    ``horrid``), or a letter doubled or undoubled from a word of the dictionary (``disembarass`` →
    ``disembarrass``, ``Pyrennees`` → ``Pyrenees``)."""
    word = _unread(spot, lexicon)
    if word is None:
        return None
    base = POSSESSIVE_RE.sub("", word)
    lower = base.lower()
    near: list[tuple[float, str]] = []
    if base.islower():
        near = [
            (lexicon.zipf(edit), edit) for edit, _ in confusions(lower) if lexicon.zipf(edit) >= COMMON_ZIPF
        ]
    if not near:
        near = [(lexicon.zipf(edit), edit) for edit in _doublings(lower) if _listed_or_common(edit, lexicon)]
    if not near:
        return None
    best = match_case(max(near)[1], base)
    at = spot.chunk.index(base)
    return spot.reading(at, base, best, "spelling", 0.6, "one letter from an English word")


def _listed_or_common(word: str, lexicon: Lexicon) -> bool:
    """A word the dictionary lists as it is (not as an inflection), or a common word."""
    return word in dictionary_words() or lexicon.zipf(word) >= COMMON_ZIPF


def _doublings(word: str) -> set[str]:
    """``word`` with one of its letters doubled, or one of its doubled letters single."""
    undoubled = {word[:k] + word[k + 1 :] for k in range(1, len(word)) if word[k] == word[k - 1]}
    return undoubled | {
        word[: k + 1] + word[k] + word[k + 1 :] for k in range(len(word)) if word[k].isalpha()
    }


def unread_word(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A word nothing proposes a reading for: a name, a foreign or rare word, or a misreading past
    guessing; listed apart for the editor."""
    word = _unread(spot, lexicon)
    if word is None:
        return None
    return spot.reading(
        spot.chunk.index(word), word, word, UNREAD, 0.1, "a word neither English nor the book knows"
    )
