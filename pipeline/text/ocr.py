"""How OCR misreads print: letters it confuses, marks it adds, digits it reads as letters, words it glues.

The misreading corrector (:mod:`pipeline.correct.misreadings`) proposes readings from these; whether a
reading is right is decided on the book's own evidence and English word frequencies, never here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.lazy_re import lazy_compile

# Letter groups OCR reads for one another (as read → as printed): shapes that differ by a stroke,
# a gap or a join. Each pair is listed both ways where OCR errs both ways.
CONFUSIONS: tuple[tuple[str, str], ...] = (
    ("rn", "m"), ("m", "rn"), ("cl", "d"), ("d", "cl"), ("li", "h"), ("h", "li"),
    ("ii", "u"), ("u", "ii"), ("ii", "h"), ("n", "u"), ("u", "n"), ("ri", "n"), ("in", "m"), ("vv", "w"),
    ("i", "l"), ("l", "i"), ("I", "l"), ("l", "I"), ("t", "l"), ("l", "t"), ("f", "t"), ("t", "f"),
    ("e", "c"), ("c", "e"), ("e", "o"), ("o", "e"), ("c", "o"), ("o", "c"), ("a", "o"), ("o", "a"),
    ("b", "h"), ("h", "b"), ("h", "k"), ("k", "h"), ("v", "y"), ("y", "v"), ("q", "g"), ("g", "q"),
    ("f", "s"), ("s", "f"), ("it", "u"), ("E", "R"), ("R", "E"), ("Y", "V"), ("V", "Y"),
    ("C", "G"), ("G", "C"), ("B", "R"), ("E", "F"), ("F", "E"), ("H", "II"), ("O", "Q"),
    ("|", "l"), ("|", "I"), ("1", "l"), ("1", "I"), ("0", "o"), ("0", "O"), ("}", "y"),
    ("Av", "w"), ("iv", "w"), ("di", "h"), ("i", "r"), ("ni", "m"), ("T", "P"),
    # (``Avere``, ``doAvn``, ``knoivn``; ``wdio``; ``biead``; ``nioderate``; ``Troposals``)
)  # fmt: skip
# A mark OCR reads a word's capital I as, at the word's start (``[ran`` for ``Iran``, ``|t`` for ``It``).
CAPITAL_I_MARK_RE = lazy_compile(r"(?<!\S)[|\[](?=[a-z])")
# Letters printed as short upright strokes (minims), with their strokes: OCR counts the strokes of a
# run of them right more often than it parts them right (``coimtry``: country; ``digiiity``: dignity).
MINIM_STROKES = {"i": 1, "n": 2, "u": 2, "m": 3}
MINIM_RUN_RE = lazy_compile(f"[{''.join(MINIM_STROKES)}]{{2,}}")
# A letter and a hyphen OCR reads inside a word for the one letter printed there (the ear of an ``r``
# read as a hyphen: ``pi-esent``, ``gx-eenish``, ``yeai-s``).
HYPHEN_CONFUSIONS: tuple[tuple[str, str], ...] = (("i-", "r"), ("x-", "r"))
# Marks that print nothing a reader reads when they stand against a word's letters: dirt, show-through
# and ornaments read as characters (``■son``, ``•dering``).
SPECK_MARKS = "■□▪▫●•◆♦◊▲►▼¦^¬"  # (not ` nor ~: OCR reads quotes and dashes so)
SPECK_MARK_RE = lazy_compile(f"[{re.escape(SPECK_MARKS)}]")
# Digits as OCR reads them in a number: letters of a digit's shape (``£lO`` for ``£10``, ``£BO`` for
# ``£80``).
DIGIT_LETTERS = str.maketrans("lIOoSsB", "1100558")
# A currency sign and the number after it, with letters of a digit's shape among the digits.
CURRENCY_AMOUNT_RE = lazy_compile(r"(?<=[£$])(?=[\dlIOoB]*[lIOoB])[\dlIOoB]+(?:,[\dlIOoB]{3})*(?![A-Za-z])")
# A roman numeral as OCR reads its letters (``Y`` for ``V``; ``T``, ``l`` and ``1`` for ``I``; ``H``
# for two: ``YIII``, ``TV``, ``Ill``, ``11``, ``HI``), translated back; and a numeral as printed, up
# to 89 (regnal, part and chapter numbers).
ROMAN_NUMERAL_LETTERS = str.maketrans({"Y": "V", "T": "I", "l": "I", "1": "I", "H": "II"})
ROMAN_NUMERAL_RE = lazy_compile(r"(?=[IVXL])(?:XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
# An ordinal (``1st``, ``5th``) whose digits OCR read as letters (``Ist``, ``sth``).
MISREAD_ORDINAL_RE = lazy_compile(r"\b(?P<number>[\dlIOoSs]+)(?P<ending>st|nd|rd|th)\b")
# Words that never open a hyphenated compound: a hyphen after one (``the-owner``, ``of-this``) is a
# misread space ...
NEVER_OPENING_COMPOUNDS = frozenset((
    "the", "an", "and", "of", "is", "was", "were", "are", "this", "these", "those", "that", "which",
    "who", "whom", "whose", "his", "her", "their", "its", "with", "from", "been", "had",
))  # fmt: skip
# (not ``have``: ``have-nots``) ... and words that never close one (``Oh-the``; not ``of``: ``unheard-of``).
NEVER_CLOSING_COMPOUNDS = frozenset(
    ("the", "a", "an", "this", "these", "those", "which", "his", "their", "its")
)
# Verbs that follow ``I``: OCR glues the pronoun to them and reads it ``l`` (``lam`` for ``I am``).
AUXILIARIES_AFTER_I = frozenset((
    "am", "have", "had", "was", "shall", "will", "would", "should", "could", "may", "might", "must",
    "do", "did", "cannot",
))  # fmt: skip
# Subjects other than ``I``: a word the book writes after them is a verb (``he knew``), one ``I`` may
# precede (``1 knew`` is ``I knew``; ``1 foot`` is a foot).
SUBJECTS = ("he", "she", "we", "they", "you")
# Words no sentence, clause or quotation ends with: a mark OCR sets after one is a speck
# (``the\u2019 man``, ``leading a. foreign``).
NEVER_LAST_WORDS = frozenset(["the", "a", "an"])  # (not ``his``: ``a servant of his``)
# Words that open a sentence as its subject, and never a clause inside one capitalised: after one, a
# comma is a full stop misread (``advantages, It would be``); other words open clauses capitalised after
# a comma (``Resolved, That``, ``ask, What is``, a title's ``At the Assizes``, ``He`` for God, ``Dear
# Sir, We are``) ...
SENTENCE_SUBJECTS = frozenset(("The", "It", "This", "These", "There"))
# ... except after a verb of saying, where they open the words said (``the elders said, It is``).
SAYING_VERBS = frozenset((
    "said", "says", "saying", "replied", "answered", "asked", "cried", "exclaimed", "wrote", "writes",
    "added", "declared",
))  # fmt: skip
# Words that open a clause after a comma: a full stop before one, the sentence going on in lower case,
# may be a comma misread (``as he was. and incorrigible``) as well as a speck.
CLAUSE_OPENERS = frozenset((
    "and", "but", "or", "nor", "when", "while", "whilst", "though", "although", "if", "as", "which",
    "who", "whom", "where", "whereas", "because", "since", "yet", "therefore", "however", "indeed",
))  # fmt: skip
# Words of questions (``How was the money raised``), anywhere among a sentence's first
# :data:`QUESTION_OPENING_WORDS`, and the verbs that open one as its first word (``Did one Act
# serve``; ``It was, after all, …`` is no question), perhaps after a conjunction (``And was it …``):
# a ``P`` standing alone at the end of a sentence so opened is its question mark misread.
QUESTION_WORDS = frozenset(("what", "why", "how", "who", "whom", "whose", "which", "when", "where"))
QUESTION_VERBS = frozenset((
    "did", "do", "does", "was", "were", "is", "are", "am", "can", "could", "will", "would", "shall",
    "should", "has", "have", "had", "may", "might", "must",
))  # fmt: skip
QUESTION_OPENING_WORDS = 3
LEADING_CONJUNCTIONS = frozenset(("and", "but", "or", "nor", "then", "so", "yet"))
# A question tag ending a sentence (``…, was it not``, ``…, didn't they``): the verb, then one of these.
TAG_PRONOUNS = frozenset(("it", "he", "she", "they", "we", "you", "i", "there", "this", "that"))


def opens_question(words: Sequence[str]) -> bool:
    """Whether a sentence whose words are ``words`` (in order) opens as a question: a word of
    questions among its first words, or a verb of questions first (:data:`QUESTION_VERBS`)."""
    lowered = [word.lower() for word in words[:QUESTION_OPENING_WORDS]]
    if not QUESTION_WORDS.isdisjoint(lowered):
        return True
    first = next((word for word in lowered if word not in LEADING_CONJUNCTIONS), "")
    return first in QUESTION_VERBS


def ends_in_question_tag(words: Sequence[str]) -> bool:
    """Whether a sentence whose words are ``words`` ends in a question tag (``was it``, ``was it
    not``, ``didn't they``)."""
    lowered = [word.lower().replace("\u2019", "'") for word in words[-3:]]
    if lowered[-1:] == ["not"]:
        lowered = lowered[:-1]
    if len(lowered) < 2 or lowered[-1] not in TAG_PRONOUNS:
        return False
    return lowered[-2].removesuffix("n't") in QUESTION_VERBS or lowered[-2] in ("won't", "can't", "shan't")
