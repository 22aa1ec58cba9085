"""The text knowledge the structure stage reads the blocks with: note markers and note starts,
separators, page furniture, title case, markdown, hyphens.

``pipeline/text/`` holds the shared definitions of these; this module keeps the structure stage's
own ones together until they are replaced by imports from there.
"""

from __future__ import annotations

import re

from pipeline.text.markers import SUPERSCRIPT_DIGITS

# note markers: superscript digits, a range of them (``²¹⁻²²``), and symbols
TO_ASCII = str.maketrans(SUPERSCRIPT_DIGITS + "⁻", "0123456789-")
MARKER_RE = re.compile(rf"[{SUPERSCRIPT_DIGITS}]+(?:⁻[{SUPERSCRIPT_DIGITS}]+)?")
SYMBOL_MARKER_RE = re.compile(r"(?<=[\w.,;:!?\"\u201d\u2019)\]])(?P<symbol>\*{1,3}|[†‡§])(?=\s|$)")
SYMBOL_CHARACTERS = "*†‡§"
SYMBOL_NAMES = {"*": "star", "**": "star2", "***": "star3", "†": "dagger", "‡": "ddagger", "§": "sect"}
# note markers and the structure stage's page-break marks (private-use characters)
MARKERS_RE = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹⁻\U000f0000-\U000ffffd]+")

# the start of a footnote body: its number (superscript, plain digits) or symbol, then its text
NOTE_START_RE = re.compile(
    rf"^\s*(?:(?P<sup>[{SUPERSCRIPT_DIGITS}]+(?:[⁻-][{SUPERSCRIPT_DIGITS}]+)?)\s*|(?P<ascii>\d{{1,3}}(?:-\d{{1,3}})?)\s+"
    r"|(?P<symbol>\*{1,3}|[†‡§])\s+)"
    r"(?P<text>\S.*)$",
    re.DOTALL,
)

SEPARATOR_RE = re.compile(r"^\s*(?:[*·•⁂]\s*){3,}$")
PAGE_FURNITURE_RE = re.compile(
    r"^\s*(?:\d{1,4}|[ivxlcdm]{1,7}|(?:table\s+of\s+)?contents(?:\s*\(continued\))?)\s*$", re.IGNORECASE
)

# emphasis marks (asterisks; underscores at a word's edge) and a heading's leading hashes; the
# lookahead names the characters a match starts with, so the search skips straight to them
MARKDOWN_RE = re.compile(r"(?=[*_#])(?:\*+|(?<!\w)_+|_+(?!\w)|^#+\s*)")

MAX_HEADING_CHARS = 400
CAPITALISE_RE = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
SMALL_WORDS = frozenset(
    re.findall(r"\w+", "a an and as at but by for from in into nor of on or the to via vs with")
)
MINOR_WORDS = SMALL_WORDS | frozenset(
    re.findall(
        r"\w+", "about after against before between during over through towards under upon within without"
    )
)


def plain_text(text: str) -> str:
    """``text`` without markdown emphasis, note markers or line breaks."""
    text = MARKERS_RE.sub("", text)
    text = MARKDOWN_RE.sub("", text)
    return " ".join(text.split())


def title_case(text: str, acronyms: frozenset[str] = frozenset()) -> str:
    """Title case for a heading printed in capitals; words in ``acronyms`` stay in capitals."""
    words = []
    sentence_start = True
    for word in text.split(" "):
        core = re.sub(r"[^\w'\u2019-]", "", word)
        stem = re.split(r"['\u2019]", core)[0]
        if stem.upper() in acronyms or (stem and not re.search(r"[AEIOUY]", stem.upper())):
            words.append(word.replace(core, stem.upper() + core[len(stem) :].lower()))
        elif not sentence_start and core.lower() in SMALL_WORDS:
            words.append(word.lower())
        else:
            words.append(CAPITALISE_RE.sub(lambda m: m.group().capitalize(), word.lower()))
        sentence_start = word.endswith((".", ":", "?", "!"))
    return " ".join(words)


def is_title_case(text: str) -> bool:
    """A short line whose every significant word is capitalised, without final punctuation."""
    words = [w for w in re.findall(r"[^\W\d_][\w'\u2019-]*", text) if w.lower() not in MINOR_WORDS]
    if len(words) < 2 or len(text) > MAX_HEADING_CHARS // 3 or text.endswith((".", ",", ";", ":", "!", "?")):
        return False
    return all(word[0].isupper() for word in words) and text[0].isupper()


def join_hyphenated(left: str, right: str) -> str:
    """Join ``left-`` + ``right`` as one word when the joined word is a known word, else keep the hyphen."""
    from pipeline.text.words import english_zipf  # (wordfreq takes a third of a second to load)

    head = re.search(r"[^\W\d_]+$", left)
    tail = re.match(r"[^\W\d_]+", right)
    if head and tail:
        joined = (head.group() + tail.group()).lower()
        hyphenated = f"{head.group()}-{tail.group()}".lower()
        if english_zipf(joined) >= max(english_zipf(hyphenated), 1.0):
            return left + right
    return f"{left}-{right}"
