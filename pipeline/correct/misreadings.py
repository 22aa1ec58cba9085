"""OCR misreadings found in a place's rebuilt text, each with the reading proposed and how sure it is.

The rules (:mod:`pipeline.correct.marks`, :mod:`~pipeline.correct.digits`,
:mod:`~pipeline.correct.words`) each look at one space-separated chunk with the words beside it; the
first rule, in :data:`RULES` order, that proposes a reading for a chunk has it. Confidence comes from
the evidence a rule weighs: the book's own words (:class:`~pipeline.correct.lexicon.Lexicon`),
English word frequencies and the dictionary, the words around. The stage applies readings at or above
its threshold and lists the others for the editor.

Most rules see the chunk alone: what they find is found once for each distinct chunk of the book.
The others need the words beside it, and run only where the chunk has the shape they read
(:data:`CONTEXT_RULES`, each with its shape; :data:`RULE_SHAPES`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from pipeline.correct.digits import (
    GLUED_RANGE_RE,
    LIST_NUMBER_RE,
    MISREAD_NUMERAL_RE,
    capital_i_in_short_word,
    currency_digits,
    list_number_in_roman,
    number_glued_to_range,
    one_for_i,
    one_for_t,
    ordinal_digits,
    roman_numeral_after_name,
    year_cut,
    zero_for_o,
)
from pipeline.correct.habits import habitual_confusion, has_habitual_confusion
from pipeline.correct.lexicon import Lexicon
from pipeline.correct.marks import (
    MARK_AND_STOP_RE,
    brace_for_y,
    capital_it_inside_sentence,
    clause_mark_for_stop,
    double_stop,
    glued_pronoun,
    glued_punctuation,
    glued_single_quote,
    hyphen_against_small_word,
    hyphen_inside_word,
    is_mark_inside_name,
    lone_single_quote,
    mark_after_last_word,
    mark_and_stop,
    mark_in_word,
    mark_inside_name,
    mark_inside_word,
    p_for_question_mark,
    speck_in_word,
    stop_after_common_word,
    stop_before_subject,
    stop_inside_word,
    stray_hyphen,
    stray_stop_before_word,
)
from pipeline.correct.spots import UNREAD, Chunks, Reading, Spot
from pipeline.correct.words import (
    book_spelling,
    capital_split,
    close_book_spelling,
    english_neighbour,
    glued_words,
    grammatical_word_in_context,
    is_grammatical_word,
    is_long_spelling_to_read,
    is_non_word_near_grammatical_word,
    is_plain_english,
    is_rare_word,
    is_stray_capital,
    is_stray_letter,
    is_title_word,
    is_web_word,
    letter_confusion,
    non_word_between_neighbours,
    rare_word_confusion,
    split_word,
    title_before_name,
    unread_word,
    w_stroke_apart,
    web_word_in_context,
)
from pipeline.lazy_re import lazy_compile
from pipeline.text.ocr import SENTENCE_SUBJECTS
from pipeline.text.punctuation import OPENING_QUOTES, ends_sentence

Rule = Callable[[Spot, Lexicon], Reading | None]

Shape = Callable[[str, Lexicon], bool]
# a chunk that is a word alone, perhaps with a comma or a stop after it
PLAIN_WORD_RE = lazy_compile(r"([^\W\d_]+)[,.;:]?")


class PatternShape:
    """The shape of chunks that ``pattern`` matches whole."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled = lazy_compile(pattern)

    def __call__(self, chunk: str, lexicon: Lexicon) -> bool:
        return self._compiled.fullmatch(chunk) is not None


# The rules that need the chunk's neighbours, each with the shape of the chunks it reads (a
# condition of its own, tested once for each distinct chunk: the rule is not run on any other chunk).
CONTEXT_RULES: dict[Rule, Shape] = {
    stray_stop_before_word: PatternShape(r"[.,].*"),
    ordinal_digits: PatternShape(r"\w+(?:st|nd|rd|th)[.,;:]?"),
    roman_numeral_after_name: PatternShape(MISREAD_NUMERAL_RE.pattern),
    list_number_in_roman: PatternShape(LIST_NUMBER_RE.pattern),
    rare_word_confusion: is_rare_word,
    web_word_in_context: is_web_word,
    split_word: PatternShape("[b-z]"),
    capital_split: is_stray_capital,
    w_stroke_apart: PatternShape("[a-z]*w"),
    title_before_name: is_title_word,
    mark_inside_name: is_mark_inside_name,
    grammatical_word_in_context: is_grammatical_word,
    non_word_between_neighbours: is_non_word_near_grammatical_word,
    stop_after_common_word: PatternShape(r"[a-z]{2,}\."),
    stop_before_subject: PatternShape("|".join(SENTENCE_SUBJECTS)),
    capital_it_inside_sentence: PatternShape("It"),
    one_for_i: PatternShape(f"[{OPENING_QUOTES}]?1"),
    one_for_t: PatternShape("1"),
    capital_i_in_short_word: PatternShape("[lT1|][a-z]"),
    zero_for_o: PatternShape(f"[{OPENING_QUOTES}]?0[,!]?"),
    brace_for_y: PatternShape(r"[^\W\d_]+\}['\u2019]?[.,;:]?"),
    lone_single_quote: PatternShape("['\u2018\u2019]"),
    glued_single_quote: PatternShape(r"['\u2018\u2019][^\W\d_]+[.,;:]?|[a-z]{2,}['\u2019]"),
    clause_mark_for_stop: PatternShape(r"[^\W\d_]+[;,]"),
    year_cut: PatternShape(r"1\d\d"),
    number_glued_to_range: PatternShape(GLUED_RANGE_RE.pattern),
    mark_after_last_word: PatternShape("[a-z]+[.,;\u2019\u201d]"),
    mark_and_stop: PatternShape(MARK_AND_STOP_RE.pattern),
    p_for_question_mark: PatternShape("P"),
    stray_hyphen: PatternShape(r"[^\W\d_]+-|-[^\W\d_]+[.,;:]?"),
    close_book_spelling: is_long_spelling_to_read,
    habitual_confusion: has_habitual_confusion,
}
# The order in which the rules are asked: the first to propose a reading for a chunk has it.
RULES: tuple[Rule, ...] = (
    speck_in_word,
    stray_stop_before_word,
    stop_inside_word,
    double_stop,
    mark_and_stop,
    mark_inside_word,
    brace_for_y,
    currency_digits,
    ordinal_digits,
    roman_numeral_after_name,
    list_number_in_roman,
    glued_punctuation,
    glued_pronoun,
    hyphen_against_small_word,
    hyphen_inside_word,
    book_spelling,
    letter_confusion,
    habitual_confusion,
    glued_words,
    split_word,
    w_stroke_apart,
    capital_split,
    rare_word_confusion,
    web_word_in_context,
    grammatical_word_in_context,
    non_word_between_neighbours,
    title_before_name,
    stop_after_common_word,
    stop_before_subject,
    capital_it_inside_sentence,
    one_for_i,
    one_for_t,
    capital_i_in_short_word,
    zero_for_o,
    mark_in_word,
    lone_single_quote,
    glued_single_quote,
    clause_mark_for_stop,
    mark_inside_name,
    year_cut,
    number_glued_to_range,
    mark_after_last_word,
    p_for_question_mark,
    stray_hyphen,
    close_book_spelling,
    english_neighbour,
    unread_word,
)
# Each rule in the order of :data:`RULES`, with the shape of the chunks it reads if it needs the
# chunk's neighbours (``None``: a chunk rule), looked up once rather than for each chunk.
RULE_SHAPES: tuple[tuple[Rule, Shape | None], ...] = tuple((rule, CONTEXT_RULES.get(rule)) for rule in RULES)
# The rules asked of a plain word of the dictionary or of common English: no chunk rule reads it but
# the one for a glued ``I``; each of the others needs a mark, a digit, a hyphen or a word that is not
# English, or English only for the web's misreadings.
PLAIN_ENGLISH_RULE_SHAPES = tuple(
    (rule, shape) for rule, shape in RULE_SHAPES if shape is not None or rule is glued_pronoun
)
# Whether any rule's pattern fits a chunk whole, asked once: most chunks fit none, and are then
# asked only the rules of other shapes (:data:`RULES_ASKED`).
ANY_PATTERN_SHAPE_RE = lazy_compile(
    "|".join(f"(?:{shape.pattern})" for shape in CONTEXT_RULES.values() if isinstance(shape, PatternShape))
)
# The rules asked of a chunk, by whether it is a plain English word and whether a pattern fits it.
RULES_ASKED: dict[tuple[bool, bool], tuple[tuple[Rule, Shape | None], ...]] = {
    (english, fitted): tuple(
        (rule, shape)
        for rule, shape in (PLAIN_ENGLISH_RULE_SHAPES if english else RULE_SHAPES)
        if fitted or not isinstance(shape, PatternShape)
    )
    for english in (False, True)
    for fitted in (False, True)
}
# Readings of words in italics (titles, foreign words) are listed for review at most, and a word
# nothing suggests a reading for is not listed there.
EMPHASIS_CONFIDENCE = 0.8
WORD_KINDS = ("spelling", UNREAD)

# What one chunk holds for the finder: the readings of the chunk rules (offsets in the chunk), or
# the context rules to ask, in the order of :data:`RULES`.
Plan = tuple[Reading | Rule, ...]


class MisreadingFinder:
    """Finds the misreadings of a book's places, with the book's lexicon; the chunk rules' findings
    are kept for each distinct chunk."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._plans: dict[str, Plan] = {}

    def _plan(self, chunk: str) -> Plan:
        """The chunk rules' readings of ``chunk`` and the context rules its shape calls for, in order,
        up to the first chunk rule's reading (no later rule is asked)."""
        plan: list[Reading | Rule] = []
        alone = Spot(chunk, 0, len(chunk), "", "")
        plain = PLAIN_WORD_RE.fullmatch(chunk)
        english = plain is not None and is_plain_english(plain.group(1), self.lexicon)
        fitted = ANY_PATTERN_SHAPE_RE.fullmatch(chunk) is not None
        for rule, shape in RULES_ASKED[english, fitted]:
            if shape is None:
                reading = rule(alone, self.lexicon)
                if reading is not None:
                    plan.append(reading)
                    break
            elif shape(chunk, self.lexicon):
                plan.append(rule)
        return tuple(plan)

    def find(self, text: str) -> list[Reading]:
        """The readings proposed for ``text``: for each chunk, the first rule's that has one."""
        found: list[Reading] = []
        chunks = Chunks(text)
        for index, chunk in chunks.judged():
            if found and chunks.spans[index][0] < found[-1].end:  # (a reading took it with the last)
                continue
            plan = self._plans.get(chunk)
            if plan is None:
                plan = self._plans[chunk] = self._plan(chunk)
            if not plan:  # (most chunks: no rule reads them)
                continue
            spot = chunks.spot(index)
            for step in plan:
                if isinstance(step, Reading):
                    at = spot.start
                    reading: Reading | None = replace(step, start=step.start + at, end=step.end + at)
                else:
                    reading = step(spot, self.lexicon)
                if reading is not None and (
                    _word_cut(spot, reading, self.lexicon) or _reaches_back(found, reading)
                ):
                    break
                if reading is not None:
                    reading = _in_emphasis(spot, _in_sentence_case(spot, reading))
                    if reading is not None:
                        found.append(reading)
                    break
        return found


def _reaches_back(found: list[Reading], reading: Reading) -> bool:
    """Whether ``reading`` reaches back over the last reading found (one that reads the word before
    the chunk with it, ``labour It`` → ``labour. It``, where that word has a reading of its own)."""
    return bool(found) and reading.start < found[-1].end


def _word_cut(spot: Spot, reading: Reading, lexicon: Lexicon) -> bool:
    """Whether ``reading`` reads a word OCR cut: its last letter set apart (``evei y where``: not
    ``ever`` but ``every``; ``parliamei t,``), a single letter, no word, following the chunk; or its
    head before it, no word, with which the chunk makes one (``representa tives``: not ``lives``)."""
    if reading.end > spot.end or reading.kind not in (*WORD_KINDS, "letters"):  # (``b} r``: y's tail)
        return False
    if is_stray_letter(spot.after.rstrip(",;:")):  # (not before a stop: ``p.``, an abbreviation)
        return True
    head, word = spot.before, spot.chunk.rstrip(".,;:")
    return head.isalpha() and not is_plain_english(head, lexicon) and lexicon.is_word(head + word)


def _in_sentence_case(spot: Spot, reading: Reading) -> Reading:
    """``reading`` with its capital kept where the word opens a sentence (a rule reading a chunk alone
    gives ``Avhat`` as ``what``)."""
    if not (reading.sic[:1].isupper() and reading.corr[:1].islower()):
        return reading
    if spot.start != reading.start or (spot.before and not ends_sentence(spot.before)):
        return reading
    return replace(reading, corr=reading.corr[:1].upper() + reading.corr[1:])


def _in_emphasis(spot: Spot, reading: Reading) -> Reading | None:
    """``reading`` as it stands in italics, if it does: a word's reading listed for review at most."""
    if reading.kind not in WORD_KINDS or not spot.in_emphasis():
        return reading
    if reading.confidence <= EMPHASIS_CONFIDENCE:
        return None
    reason = reading.reason + ", but in italics, where titles and foreign words stand"
    return replace(reading, confidence=EMPHASIS_CONFIDENCE, reason=reason)


def find_readings(text: str, lexicon: Lexicon) -> list[Reading]:
    """The readings proposed for ``text`` (a finder of its own: for one text)."""
    return MisreadingFinder(lexicon).find(text)
