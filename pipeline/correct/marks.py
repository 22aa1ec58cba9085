"""Rules for the marks OCR adds, moves or misreads around words: specks, stray stops and quotes,
hyphens inside and between words, spaces lost after a stop, a full stop read as a semicolon or a
comma, a mark read for a letter (``}`` for ``y``).

Each rule looks at one :class:`~pipeline.correct.spots.Spot` and returns a
:class:`~pipeline.correct.spots.Reading` with its confidence and reason, or ``None``.
"""

from __future__ import annotations

import bisect
import itertools
import re

from pipeline.correct.lexicon import (
    NAME_ENDING_MAX,
    Lexicon,
    in_dictionary,
)
from pipeline.correct.spots import (
    COMMON_ZIPF,
    FREQUENT_COUNT,
    LETTERS_RE,
    NEVER_ENDING_SHARE,
    NEXT_CHUNK_RE,
    RARE_ZIPF,
    VERY_COMMON_ZIPF,
    Reading,
    Spot,
    confusion_name,
    ends_no_sentence,
    is_common_word,
    known,
    places_of,
    word_of,
)
from pipeline.lazy_re import lazy_compile
from pipeline.text.ocr import (
    AUXILIARIES_AFTER_I,
    CLAUSE_OPENERS,
    HYPHEN_CONFUSIONS,
    NEVER_CLOSING_COMPOUNDS,
    NEVER_LAST_WORDS,
    NEVER_OPENING_COMPOUNDS,
    QUESTION_OPENING_WORDS,
    SAYING_VERBS,
    SENTENCE_SUBJECTS,
    SPECK_MARK_RE,
    SPECK_MARKS,
    opens_question,
)
from pipeline.text.words import LETTER, STRONG_PAIR, english_pair, is_function_word, last_word

SPECKS = re.escape(SPECK_MARKS)
# a word with marks that print nothing among or against its letters (halves joined by a hyphen too)
SPECKED_WORD_RE = lazy_compile(
    rf"[{SPECKS}]*{LETTER}[\w{SPECKS}]*(?:-[\w{SPECKS}]+)?|[{SPECKS}]+{LETTER}[\w{SPECKS}]*"
)
SINGLE_QUOTES = ("\u2018", "\u2019", "'")
OPENING_SINGLE_QUOTES = ("\u2018",)
# a closing single quotation mark (not an apostrophe inside a word)
CLOSING_SINGLE_QUOTE_RE = lazy_compile(r"[\u2019'](?![^\W\d_])")
# an opening single quotation mark: a left one, or a straight one before a letter (not in a word)
OPENING_SINGLE_QUOTE_RE = lazy_compile(rf"\u2018|(?<!\w)'(?={LETTER})")
# a single quotation mark against the start of a word, or against the end of a lower-case word (not
# a plural's apostrophe); not a double one: OCR reads a closing double one as two single ones, and
# loses one more often, so that a real quotation seems to have no partner
GLUED_OPENING_QUOTE_RE = lazy_compile(rf"(['\u2018\u2019])({LETTER}+)[.,;:]?")
GLUED_CLOSING_QUOTE_RE = lazy_compile(r"([a-z]*[a-rt-z])['\u2019]")
# a single quotation mark's partner is looked for this many characters either side
QUOTE_PARTNER_REACH = 200
# Words this short, unless grammatical words, may be pieces of OCR's garbage.
SHORT_WORD = 3
WORDS_REACH = 60  # characters beside a chunk that hold the word or two next to it
# A hyphen before a name's ending is a line end's when this many of the book's names end so (Zubov-sky).
NAME_ENDING_MIN_NAMES = 3
# A word opens sentences in the book at least this often to be taken for a sentence's opening.
SENTENCE_OPENER_MIN_COUNT = 5
# a word with ``|`` among or after its letters, or ``!``, ``}``, ``{``, ``]`` between two of them; a
# word in lower case with a capital among its letters (``siJver``, ``wLich``); ``&`` before three letters
# or more (not ``&c``)
MARK_IN_WORD_RE = lazy_compile(
    rf"(?<![\w|!}}{{\]]){LETTER}{{2,}}(?:\||[!}}{{\]](?={LETTER}))[a-z]*(?![\w|!}}{{\]])"
    r"|(?<![\w&])[a-z]+[A-Z][a-z]+(?![\w&])|(?<![\w&])&[a-z]{3,}(?![\w&])"
)

# one or two stops or commas against the start of a word
STOPS_BEFORE_WORD_RE = lazy_compile(rf"^([.,]{{1,2}})({LETTER}+)")
# a full stop inside a word (a hyphen kept at a line end may follow)
STOP_INSIDE_WORD_RE = lazy_compile(r"(?<![\w.])([a-z]{2,})\.([a-z]+(?:-[a-z]+)?)(?![\w.])")
# a lower-case word and a full stop
WORD_AND_STOP_RE = lazy_compile(r"([a-z]{2,})\.")
# a comma or semicolon against the start of a word
MARK_THEN_WORD_RE = lazy_compile(rf"([;,])({LETTER}{{2,}})")
# two words with a comma or semicolon between them and no space
MARK_BETWEEN_WORDS_RE = lazy_compile(rf"({LETTER}+)([;,])({LETTER}+)")
# the pronoun I, read as l or 1, against the verb after it
GLUED_I_RE = lazy_compile(r"([lI1])([a-z]+)([.,;:]?)")
# a word and a semicolon or a comma
WORD_AND_CLAUSE_MARK_RE = lazy_compile(rf"({LETTER}+)([;,])")
# a lower-case word and a full stop, comma, semicolon or closing quote
WORD_AND_MARK_RE = lazy_compile(r"([a-z]+)([.,;\u2019\u201d])")
# a word and two full stops (not three: an ellipsis), or two or more of commas and semicolons
DOUBLE_STOP_RE = lazy_compile(rf"({LETTER}+)(?:\.\.(?!\.)|[,;][,;]+)")
# a word, a comma, semicolon or colon, and a full stop
MARK_AND_STOP_RE = lazy_compile(rf"({LETTER}+)([,;:])\.")
# a word and a hyphen after it, or a hyphen and a word (a stray mark, the word standing alone)
HYPHEN_AFTER_WORD_RE = lazy_compile(rf"({LETTER}+)-")
HYPHEN_BEFORE_WORD_RE = lazy_compile(rf"-({LETTER}+)")
# a word ending in ``}``, OCR's reading of a ``y`` (its tail read as a quote, perhaps)
BRACE_FOR_Y_RE = lazy_compile(rf"({LETTER}+)\}}['\u2019]?")
# what OCR reads for the tail of a ``y`` it reads as ``}``, apart from it (``b} T the``)
Y_TAILS = ("T", "7", "r")
# an apostrophe or a comma between the letters of a word
MARK_BETWEEN_LETTERS_RE = lazy_compile(rf"({LETTER}+)[\u2019',]({LETTER}{{3,}})")
# words a hyphen may end in a printed phrase (``pre- and post-war``)
SUSPENDED_BEFORE = frozenset(("and", "or", "nor", "to"))


def speck_in_word(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A mark that prints nothing (``■``, ``•``) against a word's letters: ``■son`` → ``son``; also
    after a hyphen kept at a line end, the word's halves joined: ``ren-•dering`` → ``rendering``."""
    run = SPECKED_WORD_RE.search(spot.chunk)
    if run is None or not SPECK_MARK_RE.search(run.group()):
        return None
    cleaned = SPECK_MARK_RE.sub("", run.group())
    if "-" in cleaned and not known(cleaned, lexicon):
        cleaned = cleaned.replace("-", "")
    if not LETTERS_RE.match(cleaned.replace("-", "")) or not known(cleaned, lexicon):
        return None
    reason = "a mark no letter has, against a known word"
    return spot.reading(run.start(), run.group(), cleaned, "speck", 0.98, reason)


def stray_stop_before_word(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """One or two full stops or commas glued to the start of a lower-case word: ``.cases`` → ``cases``."""
    match = STOPS_BEFORE_WORD_RE.match(spot.chunk)
    if match is None or not match.group(2).islower() or not known(match.group(2), lexicon):
        return None
    if spot.before[-1:] in {".", ","}:  # (an ellipsis spaced out)
        return None
    sic = match.group()
    return spot.reading(0, sic, match.group(2), "speck", 0.95, "a stop glued to the start of a word")


def stop_inside_word(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A full stop inside a word whose second half is no word (a hyphen kept at a line end may
    follow): ``ho.w`` → ``how``, ``ho.w-ever`` → ``however``."""
    match = STOP_INSIDE_WORD_RE.search(spot.chunk)
    if match is None:
        return None
    left, right = match.group(1), match.group(2).replace("-", "")
    joined = left + right
    if is_common_word(right, lexicon) or lexicon.zipf(joined) < 4 or lexicon.count(joined) < 3:
        return None
    return spot.reading(match.start(), match.group(), joined, "speck", 0.95, "a stop inside a known word")


def stop_after_common_word(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A full stop after a common word the book hardly ever ends a sentence with, the sentence going on
    in lower case: ``It is even. imaginable`` → ``even``, ``noble in. the hearts`` → ``in``."""
    match = WORD_AND_STOP_RE.fullmatch(spot.chunk)
    # (a known word after it, not ``I`` misread: ``a doubtful one. lam inclined``)
    if match is None or not spot.after[:1].islower() or not known(word_of(spot.after), lexicon):
        return None
    if _glued_i(spot.after, lexicon):
        return None
    word, after = match.group(1), word_of(spot.after)
    if spot.before[-1:].isdigit():
        return None
    if not ends_no_sentence(word, lexicon, stops_here=1):
        if not _pair_across_stop(word, after, lexicon):
            return None
        reason = f"English has '{word} {after}' often, and a sentence opens with a capital"
        return spot.reading(0, match.group(), word, "speck", 0.9, reason)
    ends = lexicon.book.sentence_final[word] - 1
    reason = f"the book uses '{word}' {lexicon.count(word)} times and a stop after it {ends} times elsewhere"
    # (after a word the book sets commas after, before a clause's opening or a parenthesis, ``as he
    # was. and incorrigible``, ``there was. in fact, a``: a comma misread, perhaps)
    following = spot.text[spot.end : spot.end + WORDS_REACH].split()[:2]
    clause = after in CLAUSE_OPENERS or any(chunk.endswith(",") for chunk in following)
    if clause and lexicon.chunks[word + ","] * NEVER_ENDING_SHARE >= lexicon.count(word):
        return spot.reading(0, match.group(), word + ",", "punctuation", 0.8, reason + ", or a comma misread")
    return spot.reading(0, match.group(), word, "speck", 0.9, reason)


def _pair_across_stop(word: str, following: str, lexicon: Lexicon) -> bool:
    """Whether a stop between ``word``, a grammatical word, and ``following`` (in lower case) parts
    a pair English has often, where no clause opens and ``word`` is no abbreviation: ``nobody has.
    been able`` (not ``it would cost. is not this``, a capital misread as well, perhaps)."""
    if not is_function_word(word) or following in CLAUSE_OPENERS or _abbreviation(word, lexicon):
        return False
    return english_pair(word, following) >= STRONG_PAIR


def stop_before_subject(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A full stop OCR lost between a sentence's last word and the next sentence's subject, which
    opens it capitalised before a word in lower case, read with the word before it: ``much manual
    labour It is`` → ``labour. It``, ``quartzite The porphyry`` → ``quartzite. The``; not after a
    grammatical word (``at The``, ``which It``: a capital misread, or a title)."""
    word, subject, after = spot.before, spot.chunk, spot.after
    if subject not in SENTENCE_SUBJECTS or not (after.isalpha() and after.islower()):
        return None
    if not (word.isalpha() and word.islower()) or len(word) < SHORT_WORD or is_function_word(word):
        return None
    start = spot.start - len(word) - 1
    if spot.text[start : spot.start] != word + " ":
        return None
    earlier = spot.text[max(0, start - WORDS_REACH) : start].split()[-1:] or [""]
    # (words, not OCR's garbage: ``to ins It the``, ``iomed saad It``)
    english = in_dictionary(word) or lexicon.zipf(word) >= VERY_COMMON_ZIPF
    if not (english and known(word, lexicon) and known(word_of(earlier[0]), lexicon)):
        return None
    reason = f"'{subject}' opens a sentence before '{after}': a stop lost after '{word}'"
    return spot.reading(
        start - spot.start, f"{word} {subject}", f"{word}. {subject}", "punctuation", 0.9, reason
    )


def capital_it_inside_sentence(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """The pronoun ``It`` read capitalised after a grammatical word, the sentence going on in lower
    case: ``and It will be`` → ``it``, ``in which It is`` → ``it`` (after another word, a stop was
    lost: :func:`stop_before_subject`)."""
    before, after = spot.before, spot.after
    if spot.chunk != "It" or not (before.isalpha() and before.islower() and is_function_word(before)):
        return None
    if not (after.isalpha() and after.islower()):
        return None
    return spot.reading(0, "It", "it", "case", 0.9, f"'It' capitalised after '{before}', inside a sentence")


def hyphen_against_small_word(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A hyphen after a word that never opens a compound, or before one that never closes one:
    ``the-owner`` → ``the owner``, ``Oh-the`` → ``Oh the``."""
    word = word_of(spot.chunk)
    if word.count("-") != 1:
        return None
    left, right = word.split("-")
    if left.lower() not in NEVER_OPENING_COMPOUNDS and right.lower() not in NEVER_CLOSING_COMPOUNDS:
        return None
    if lexicon.count(word) > 1 or not (known(left, lexicon) and known(right, lexicon)):
        return None
    at = spot.chunk.index(word)
    reason = "a hyphen against a word that forms no compounds"
    return spot.reading(at, word, f"{left} {right}", "inner-hyphen", 0.97, reason)


def hyphen_inside_word(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A hyphen inside a word the book or English knows whole, cutting off a piece that is no word:
    ``w-as`` → ``was``, ``Stomon-yakov`` → ``Stomonyakov``; or inside a name, before an ending many
    of the book's names share: ``Zubov-sky`` → ``Zubovsky``."""
    word = word_of(spot.chunk)
    if word.count("-") != 1 or lexicon.count(word) > 1:
        return None
    left, right = word.split("-")
    joined = left + right
    if is_common_word(left, lexicon) and is_common_word(right, lexicon):
        return None
    if right[:1].isupper():  # two names joined (Rimsky-Korsakov)
        return None
    at = spot.chunk.index(word)
    whole = _known_whole(joined, lexicon) and (len(joined) > SHORT_WORD or is_function_word(joined))
    if whole:  # (not ``o-l``: ``ol``)
        reason = f"a hyphen inside a word the book has {lexicon.count(joined)} times whole"
        return spot.reading(at, word, joined, "inner-hyphen", 0.96, reason)
    for read, printed in HYPHEN_CONFUSIONS:
        letter = word.replace(read, printed)
        if read in word and _known_whole(letter, lexicon) and len(letter) > SHORT_WORD:
            reason = f"{confusion_name(read, printed)}: {letter}, a word the book has "
            reason += f"{lexicon.count(letter)} times"
            return spot.reading(at, word, letter, "letters", 0.96, reason)
    if (
        word[:1].isupper()
        and right.islower()
        and len(right) <= NAME_ENDING_MAX
        and not is_common_word(left, lexicon)
    ):
        names = lexicon.names_ending(right)
        if names >= NAME_ENDING_MIN_NAMES:
            reason = f"a hyphen before an ending {names} of the book's names share"
            return spot.reading(at, word, joined, "inner-hyphen", 0.92, reason)
    return None


def _known_whole(word: str, lexicon: Lexicon) -> bool:
    """Whether the book has ``word`` twice or more, or it is a common English word in lower case."""
    return lexicon.count(word) >= 2 or (word.islower() and lexicon.zipf(word) >= 4)


def glued_punctuation(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A comma or semicolon with the space on the wrong side or none, between words:
    ``sale ;in`` → ``; in``, ``Sovereign,Louis`` → ``Sovereign, Louis``."""
    match = MARK_THEN_WORD_RE.fullmatch(spot.chunk)
    if match and match.group(2).islower() and known(match.group(2), lexicon):
        sic, corr = match.group(), f"{match.group(1)} {match.group(2)}"
        return spot.reading(0, sic, corr, "glued", 0.97, "a space after a stop")
    match = MARK_BETWEEN_WORDS_RE.fullmatch(spot.chunk.strip(".;:,!?"))
    if match is None:
        return None
    left, mark, right = match.groups()
    if not all(_is_plain_word(word, lexicon) for word in (left, right)):
        return None
    at = spot.chunk.index(match.group()) + len(left)
    return spot.reading(at, mark, f"{mark} ", "glued", 0.97, "a space after a stop")


def _is_plain_word(word: str, lexicon: Lexicon) -> bool:
    """A known word of two letters or more, in lower case or capitalised (not capitals, no digits)."""
    return len(word) > 1 and (word.islower() or word.istitle()) and known(word, lexicon)


def glued_pronoun(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """``I`` glued to the verb after it, read as ``l``: ``lam`` → ``I am``."""
    match = _glued_i(spot.chunk, lexicon)
    if match is None:
        return None
    word = match.group(1) + match.group(2)
    return spot.reading(
        0, word, f"I {match.group(2)}", "glued", 0.95, "I and a verb the book writes after it"
    )


def _glued_i(chunk: str, lexicon: Lexicon) -> re.Match[str] | None:
    """The :data:`GLUED_I_RE` match of ``chunk`` if it is ``I`` glued to a verb the book writes after
    it, and no word of English's."""
    match = GLUED_I_RE.fullmatch(chunk)
    if match is None or match.group(2) not in AUXILIARIES_AFTER_I:
        return None
    if lexicon.zipf(match.group(1) + match.group(2)) >= RARE_ZIPF or not lexicon.pair("i", match.group(2)):
        return None
    return match


def lone_single_quote(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A single quotation mark standing alone between two lower-case words, with no partner in the
    paragraph: ``is always \u2019 selfish`` → ``selfish``."""
    if spot.chunk not in SINGLE_QUOTES or not spot.before[-1:].isalpha() or not spot.before[-1:].islower():
        return None
    if not spot.after[:1].isalpha() or not spot.after[:1].islower():
        return None
    reach = QUOTE_PARTNER_REACH
    if any(mark in spot.text[max(0, spot.start - reach) : spot.start] for mark in OPENING_SINGLE_QUOTES):
        return None
    if CLOSING_SINGLE_QUOTE_RE.search(spot.text, spot.end, spot.end + reach):
        return None
    sic = spot.text[spot.start : spot.end + 1]  # the mark and the space after it
    return spot.reading(0, sic, "", "speck", 0.92, "a single quotation mark alone, with no partner")


def glued_single_quote(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A single quotation mark against a word inside a sentence, with no partner in the paragraph:
    opening before it (``solely 'through importation`` → ``through``), or closing after a common
    word the book never sets so elsewhere (``compared with' the`` → ``with``)."""
    opening = GLUED_OPENING_QUOTE_RE.fullmatch(spot.chunk)
    if opening is not None:
        mark, word = opening.groups()
        if not spot.before[-1:].isalpha() or not known(word, lexicon):
            return None
        if word.islower() and _elided(spot.chunk, lexicon):  # (``'em``, ``'tis``: no name)
            return None
        if CLOSING_SINGLE_QUOTE_RE.search(spot.text, spot.end):
            return None
        return spot.reading(0, mark + word, word, "speck", 0.92, "a quotation mark with no partner")
    closing = GLUED_CLOSING_QUOTE_RE.fullmatch(spot.chunk)
    if closing is None or not spot.after[:1].islower():
        return None
    word = closing.group(1)
    if lexicon.zipf(word) < VERY_COMMON_ZIPF or _elided(spot.chunk, lexicon):
        return None
    if OPENING_SINGLE_QUOTE_RE.search(spot.text, 0, spot.start):
        return None
    return spot.reading(0, spot.chunk, word, "speck", 0.92, "a quotation mark with no partner")


def _elided(chunk: str, lexicon: Lexicon) -> bool:
    """Whether the book has ``chunk``, a word with a quote against it, more than once: an elision
    (``'em``, ``tho'``), not a stray mark."""
    return lexicon.chunks[chunk.rstrip(".,;:").lower()] > 1


def clause_mark_for_stop(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A full stop read as a semicolon, before a grammatical word the book capitalises to open
    sentences, after a word the book never sets before a colon: ``this chapter; There are`` →
    ``chapter. There``; or read as a comma, before a sentence's subject so capitalised:
    ``Wellesley, The motives`` → ``Wellesley. The``."""
    match = WORD_AND_CLAUSE_MARK_RE.fullmatch(spot.chunk)
    after = spot.after
    if match is None or not after.isalpha() or not after.istitle() or after == "I":
        return None
    word, mark = match.groups()
    # (after a name or in a list: a semicolon; before a title, ``, The Times``: a comma)
    if mark == ";" and not word.islower():
        return None
    if mark == "," and not _opens_sentence_after_comma(spot):
        return None
    if not is_function_word(after) or lexicon.book.is_name_like(after):
        return None
    if lexicon.chunks[word.lower() + ":"]:  # (``as follows;``: the book has ``follows:``)
        return None
    opened = lexicon.book.capitalised_after_sentence_break[after]
    if opened < SENTENCE_OPENER_MIN_COUNT:
        return None
    reason = f"'{after}' opens {opened} sentences of the book, and is no name"
    return spot.reading(len(word), mark, ".", "punctuation", 0.92, reason)


def _opens_sentence_after_comma(spot: Spot) -> bool:
    """Whether the word after the comma ending ``spot`` is a sentence's subject, before a lower-case
    word (not a title: ``, The Times``), after a word that is no verb of saying."""
    after = spot.after
    if after not in SENTENCE_SUBJECTS or word_of(spot.chunk).lower() in SAYING_VERBS:
        return False
    following = spot.end + 1 + len(after)
    return word_of(spot.text[following : following + 40])[:1].islower()


def is_mark_inside_name(chunk: str, lexicon: Lexicon) -> bool:
    """A chunk :func:`mark_inside_name` reads: a capitalised word the book uses often, with a comma or
    semicolon it sets after the word nowhere else."""
    return _mark_after_name(chunk, lexicon) is not None


def _mark_after_name(chunk: str, lexicon: Lexicon) -> re.Match[str] | None:
    """The :data:`WORD_AND_CLAUSE_MARK_RE` match of a chunk :func:`is_mark_inside_name`, or ``None``."""
    match = WORD_AND_CLAUSE_MARK_RE.fullmatch(chunk)
    if match is None or not match.group(1).istitle() or lexicon.count(match.group(1)) < FREQUENT_COUNT:
        return None
    return match if lexicon.chunks[chunk.lower()] <= 1 else None


def mark_inside_name(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A comma or semicolon inside a name the book writes whole often, after a word it sets no such
    mark after anywhere else: ``To Lord, John Russell`` → ``Lord John``."""
    match = _mark_after_name(spot.chunk, lexicon)
    if match is None or not (spot.after.isalpha() and spot.after.istitle()):
        return None
    word, mark = match.groups()
    together = lexicon.pair(word, spot.after)
    if together < FREQUENT_COUNT:
        return None
    reason = f"the book has '{word} {spot.after}' {together} times, and no {mark} after '{word}' elsewhere"
    return spot.reading(0, spot.chunk, word, "speck", 0.92, reason)


def double_stop(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """Two full stops, or two or more of commas and semicolons, after a word, where print has one (or
    three stops): ``result..`` → ``result.``, ``true,,,`` → ``true,``, ``adaptations,;`` →
    ``adaptations;``; after an abbreviation, a stop and the other mark: ``etc,,`` → ``etc.,``."""
    match = DOUBLE_STOP_RE.fullmatch(spot.chunk.rstrip('\u201d\u2019")'))
    if match is None or not known(match.group(1), lexicon):
        return None
    sic, word = match.group(), match.group(1)
    if sic.endswith("."):
        return spot.reading(0, sic, sic[:-1], "speck", 0.93, "two full stops after a word")
    marks = sic[len(word) :]
    kept = ";" if ";" in marks else ","
    if marks[0] == "," and _abbreviation(word, lexicon):  # (``etc,,``: ``etc.,`` misread)
        reason = f"a stop and a mark after '{word}', which the book abbreviates"
        return spot.reading(0, sic, f"{word}.{kept}", "punctuation", 0.92, reason)
    return spot.reading(0, sic, word + kept, "speck", 0.93, f"two marks after a word: '{marks}'")


def mark_and_stop(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A comma, semicolon or colon and a full stop after a word, where print has one of them: the
    stop where the paragraph ends or a sentence's subject follows (``agriculture;. These``), the
    mark before a word in lower case (``will;. and in every``); before a name, either (``Ogilvy,.
    Esq.``, ``Messrs. Miller,. Paul``), for the editor to choose."""
    match = MARK_AND_STOP_RE.fullmatch(spot.chunk)
    if match is None or not known(match.group(1), lexicon):
        return None
    word, mark = match.groups()
    after = word_of(spot.after)
    kept = "." if not spot.after or after in SENTENCE_SUBJECTS else mark
    sure = kept == "." or after[:1].islower()
    reason = f"a mark and a stop after a word: '{mark}.'"
    return spot.reading(0, spot.chunk, word + kept, "speck", 0.92 if sure else 0.75, reason)


def p_for_question_mark(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A question mark read as a ``P`` standing alone after a word in lower case, ending a sentence a
    word of questions opens: ``Did one Act serve for all the provinces P`` → ``?``, ``How was the
    money raised P``."""
    if not spot.before.isalpha() or not spot.before.islower():
        return None
    if spot.after and not spot.after[:1].isupper():  # (the sentence goes on: no question's end)
        return None
    stops = places_of(spot.text, ".?!—")
    stops_before = bisect.bisect_left(stops, spot.start)
    opening = stops[stops_before - 1] if stops_before else -1
    chunks = NEXT_CHUNK_RE.finditer(spot.text, opening + 1, spot.start)
    chunks = itertools.islice(chunks, QUESTION_OPENING_WORDS)
    if not opens_question([word_of(chunk.group()) for chunk in chunks]):
        return None
    return spot.reading(0, "P", "?", "punctuation", 0.92, "a P alone ending a question: its question mark")


def _abbreviation(word: str, lexicon: Lexicon) -> bool:
    """Whether the book writes ``word`` with a full stop more often than not (``Mr.``, ``etc.``), or
    with a stop and a comma."""
    lower = word.lower()
    return bool(lexicon.chunks[lower + ".,"]) or 2 * lexicon.chunks[lower + "."] > lexicon.count(word)


def stray_hyphen(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A hyphen against a word standing alone, inside a sentence, that joins it to nothing: ``who-
    any``, ``the -lesson`` (a hyphen ending a line or joining a compound has been read before)."""
    after = HYPHEN_AFTER_WORD_RE.fullmatch(spot.chunk)
    if after is not None:
        word, neighbour = after.group(1), word_of(spot.after)
        if spot.cut_by_part_after() and not is_function_word(word):
            return None  # (a compound a page break cut after its hyphen: ``long-`` | ``lasting``)
        # (a capital after it too where the word is an article: ``the- Social Revolutionaries``)
        if (
            (spot.after[:1].islower() or word.lower() in NEVER_LAST_WORDS)
            and neighbour not in SUSPENDED_BEFORE
            and _stands_alone(word, neighbour, lexicon)
        ):
            return spot.reading(
                0, spot.chunk, word, "speck", 0.92, "a hyphen after a word, joining it to nothing"
            )
        return None
    before = HYPHEN_BEFORE_WORD_RE.fullmatch(spot.chunk.rstrip(".,;:"))
    if before is None or not spot.before[-1:].isalpha() or not before.group(1).islower():
        return None
    word = before.group(1)
    if not _stands_alone(last_word(spot.before), word, lexicon):
        return None
    return spot.reading(0, "-" + word, word, "speck", 0.92, "a hyphen before a word, joining it to nothing")


def _stands_alone(first: str, second: str, lexicon: Lexicon) -> bool:
    """Two known words that make no common word together, nor a compound the book has."""
    if not (known(first, lexicon) and known(second, lexicon)):
        return False
    joined = first + second
    if lexicon.zipf(joined) >= COMMON_ZIPF or lexicon.count(joined) >= FREQUENT_COUNT:
        return False
    return not lexicon.count(f"{first}-{second}")


def mark_inside_word(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """An apostrophe or comma between the letters of a word the book uses often, its pieces no words:
    ``w\u2019hich`` → ``which``."""
    match = MARK_BETWEEN_LETTERS_RE.fullmatch(spot.chunk.rstrip(".,;:"))
    if match is None:
        return None
    left, right = match.groups()
    joined = left + right
    if is_common_word(left, lexicon) or is_common_word(right, lexicon):
        return None
    if lexicon.count(joined) < FREQUENT_COUNT or lexicon.zipf(joined) < COMMON_ZIPF:
        return None
    return spot.reading(
        0,
        match.group(),
        joined,
        "speck",
        0.93,
        f"a mark inside {joined}, which the book has {lexicon.count(joined)} times",
    )


def brace_for_y(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A ``y`` read as ``}`` (its tail as a quote, or apart as a ``T``, ``7`` or ``r``) at the end of a
    word the book or English knows: ``tendenc}\u2019`` → ``tendency``, ``b} T the`` → ``by the``."""
    match = BRACE_FOR_Y_RE.fullmatch(spot.chunk.rstrip(".,;:"))
    if match is None:
        return None
    word = match.group(1) + "y"
    uses = lexicon.count(word)
    if uses < 2 and lexicon.zipf(word) < VERY_COMMON_ZIPF:
        return None
    sic = match.group()
    if sic == spot.chunk and spot.after in Y_TAILS and spot.text.startswith(" " + spot.after, spot.end):
        sic += " " + spot.after
    reason = f"OCR reads y as }}: the book has {word} {uses} times"
    return spot.reading(0, sic, word, "letters", 0.93, reason)


def mark_after_last_word(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A closing quote, full stop, comma or semicolon after a word no sentence or clause ends with,
    the sentence going on: ``the\u2019 man`` → ``the man``, ``leading a. foreign`` → ``a``,
    ``the, people`` → ``the``; not before a parenthesis of two words (``at the, by it,
    unauthorized``) nor after an article, where the word is a letter named (``the a, making``)."""
    match = WORD_AND_MARK_RE.fullmatch(spot.chunk)
    if match is None or not spot.after[:1].isalpha() or not spot.after[:1].islower():
        return None
    if match.group(1) not in NEVER_LAST_WORDS or spot.before.lower() in NEVER_LAST_WORDS:
        return None
    following = spot.text[spot.end : spot.end + WORDS_REACH].split()[1:2]
    if match.group(2) == "," and following and following[0].endswith(","):
        return None
    return spot.reading(
        0, match.group(), match.group(1), "speck", 0.93, "a mark after a word no sentence ends with"
    )


def mark_in_word(spot: Spot, lexicon: Lexicon) -> Reading | None:
    """A mark no word has (``|``, ``!``, ``}``, ``&``), or a capital among small letters, read for a
    letter of a word the book uses often: ``gav|`` → ``gave``, ``siJver`` → ``silver``, ``&bout`` →
    ``about``."""
    match = MARK_IN_WORD_RE.search(spot.chunk)
    if match is None:
        return None
    sic = match.group()
    at = next(index for index, char in enumerate(sic) if not char.isalpha() or (index and char.isupper()))
    letters = "abcdefghijklmnopqrstuvwxyz"
    found = [
        word
        for word in (sic[:at] + letter + sic[at + 1 :] for letter in letters)
        if lexicon.count(word) >= FREQUENT_COUNT and lexicon.zipf(word) >= COMMON_ZIPF
    ]
    if len(found) != 1:
        return None
    reason = f"a mark for a letter: the book has {found[0]} {lexicon.count(found[0])} times"
    return spot.reading(match.start(), sic, found[0], "letters", 0.92, reason)
