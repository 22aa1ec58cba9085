"""The book's habits: the OCR confusions a book's OCR makes over and over (``Av`` for ``w`` in one
book, ``v`` for ``y`` in another, ``i`` for ``r`` in a third), learned from the book's own non-words,
and the rule that reads a word back by one where the word read is English too (``Avas`` → ``was``,
``mav`` → ``may``): OCR that reads ``Avhich``, ``Avould`` and ``Avhole`` reads ``Avas`` for ``was``
as well, though a dictionary lists ``avas``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from pipeline.correct.lexicon import Lexicon
from pipeline.correct.spots import (
    LETTERS_RE,
    Reading,
    Spot,
    confusion_name,
    confusions,
    letters_to_read,
    two_confusions,
)
from pipeline.correct.words import COMMON_WORD_ZIPF, CONFUSION_RATIO, pair_weight, words_near
from pipeline.text.ocr import CONFUSIONS, ROMAN_NUMERAL_RE
from pipeline.text.punctuation import OPENING_MARKS, ends_sentence

# A confusion is the book's habit when it reads back this many distinct non-words of the book, each
# to a word the book has often, and each to that word only.
HABIT_MIN_FORMS = 5
# A non-word is read back by a confusion to a word the book has this often, and as often as this
# many times the non-word (the evidence of :func:`book_habits`).
HABIT_EVIDENCE_COUNT = 3
# The word a habit reads is one English uses this much more often (zipf: a hundred times) than the
# word read, and commonly.
HABIT_ZIPF_GAP = 2.0
# A non-word this long is read by a habit on the book's evidence alone; a shorter one, or an English
# word, only where English's word pairs weigh the reading between its neighbours this many times
# likelier than the word and than any other common word one edit away (short words have many: ``oi``
# is ``or`` or ``of``).
HABIT_ALONE_LENGTH = 5
HABIT_LIKELIER = 10
# An English word between marks, with no neighbour to weigh it by, is read by a habit where the book
# has the reading this many times as often.
HABIT_ALONE_RATIO = 20


@lru_cache(maxsize=4)
def book_habits(lexicon: Lexicon) -> frozenset[str]:
    """The confusions (``Av→w``) the book's OCR makes habitually: each reads back at least
    :data:`HABIT_MIN_FORMS` of the book's non-words, each to one word the book has often."""
    read_back: Counter[str] = Counter()
    for form in _written_forms(lexicon):
        if len(form) < 2 or form.isupper() or lexicon.is_english(form) or not LETTERS_RE.match(form):
            continue
        least = max(HABIT_EVIDENCE_COUNT, CONFUSION_RATIO * lexicon.count(form))
        found = {
            candidate.lower(): confusion
            for candidate, confusion in confusions(form)
            if candidate.lower() != form.lower()
            and lexicon.count(candidate) >= least
            and lexicon.zipf(candidate) >= COMMON_WORD_ZIPF - 1
        }
        if len(found) == 1:
            read_back[next(iter(found.values()))] += 1
    return frozenset(confusion for confusion, forms in read_back.items() if forms >= HABIT_MIN_FORMS)


def _written_forms(lexicon: Lexicon) -> Iterator[str]:
    """The book's words as written: capitalised, and in lower case where the book writes them so."""
    capitalised: Counter[str] = Counter()
    for form, uses in lexicon.book.capitalised.items():
        capitalised[form.lower()] += uses
        yield form
    for word, uses in lexicon.book.words.items():
        if uses > capitalised[word]:
            yield word


def has_habitual_confusion(chunk: str, lexicon: Lexicon) -> bool:
    """A chunk :func:`habitual_confusion` reads: its word holds what one of the book's habits reads."""
    return any(read in chunk for read in _habits_read(lexicon))


@lru_cache(maxsize=4)
def _habits_read(lexicon: Lexicon) -> frozenset[str]:
    """The letters the book's habits read (``Av`` for ``Av→w``), found once."""
    habits = book_habits(lexicon)
    return frozenset(read for read, printed in CONFUSIONS if confusion_name(read, printed) in habits)


def habitual_confusion(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A word one of the book's habits reads as a common word English uses a hundred times as often,
    which the book has as often, and which English's word pairs weigh likeliest between the
    neighbours of all the common words one edit away (``it Avas said`` → ``was``, ``they mav be`` →
    ``may``; not ``an enemy oi the`` → ``or``); where the word read is English, the book has the
    reading three times as often, and English's pairs weigh it far likelier than the word. A name
    (a capitalised reading inside a sentence) is read only where the book capitalises it
    (``Messrs. BroAvn`` → ``Brown``, not ``to Noav South Wales`` → ``Now``)."""
    letters = letters_to_read(spot, 2)
    if letters is None:
        return None
    match, word = letters
    if ROMAN_NUMERAL_RE.fullmatch(word.upper()):  # (``part iii.``)
        return None
    if spot.chunk[: match.start()].strip(OPENING_MARKS):  # (a letter misread as a mark before it: \eiy)
        return None
    habits = book_habits(lexicon)
    english = lexicon.is_english(word)
    least = max(COMMON_WORD_ZIPF, lexicon.zipf(word) + HABIT_ZIPF_GAP)
    uses = (CONFUSION_RATIO if english else 1) * lexicon.count(word)
    opens = not spot.before or ends_sentence(spot.before)
    found = {
        candidate: confusion
        for candidate, confusion in _habitual_readings(word, habits)
        if lexicon.zipf(candidate) >= least
        and lexicon.count(candidate) >= uses
        and (opens or _case_fits(candidate, lexicon))
    }
    if len(found) != 1:
        return None
    ((candidate, confusion),) = found.items()
    habit = confusion.split(", ")[0]
    reason = f"{confusion} ({habit} is a confusion the book's OCR makes often): "
    reason += f"the book has {candidate} {lexicon.count(candidate)} times"
    # (the word's neighbours: none across a mark)
    before = spot.before if spot.before.isalpha() else ""
    after = spot.word_after() if spot.chunk == word else ""
    if english and not (before or after):  # (no neighbour to weigh it by: the book's evidence alone)
        if lexicon.count(candidate) < HABIT_ALONE_RATIO * lexicon.count(word):
            return None
        reason += f", {HABIT_ALONE_RATIO} times as often as {word}"
    elif english or len(word) < HABIT_ALONE_LENGTH:
        weight = pair_weight(before, candidate, after)
        others = words_near(word.lower(), COMMON_WORD_ZIPF) - {candidate.lower()}
        if not weight or any(HABIT_LIKELIER * pair_weight(before, other, after) > weight for other in others):
            return None
        if english and weight < HABIT_LIKELIER * pair_weight(before, word, after):
            return None
        reason += f", the likeliest word between '{before}' and '{after}'"
    return spot.reading(match.start(), word, candidate, "letters", 0.92, reason)


def _habitual_readings(word: str, habits: frozenset[str]) -> Iterator[tuple[str, str]]:
    """The spellings one of the book's habits reads ``word`` as, alone or with one more confusion
    (``thcv``: ``they``, by ``v→y`` and ``c→e``), each with the confusions, the habit first."""
    for spelling, confusion in confusions(word):
        if confusion in habits:
            yield spelling, confusion
    for spelling, one, two in two_confusions(word):
        if one in habits or two in habits:
            yield spelling, f"{one}, {two}" if one in habits else f"{two}, {one}"


def _case_fits(candidate: str, lexicon: Lexicon) -> bool:
    """Whether ``candidate`` stands in its case inside a sentence: in lower case, or capitalised
    where the book capitalises it at least as often as not."""
    return not candidate[:1].isupper() or 2 * lexicon.capitalised(candidate) >= lexicon.count(candidate)
