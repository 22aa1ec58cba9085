"""Find the headings in the text: matched to the printed contents, or by their form alone.

Every contents entry is looked for among the short blocks of the text (token prefilter, then
``difflib`` similarity, then the best order-preserving assignment), so headings are found whatever
their printed form (``CHAPTER I`` over an ALL-CAPS title, a bold title over several lines, a title
alone). A book without a contents gets its headings from their form alone.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher

from pipeline.chains import heaviest_chain
from pipeline.layout import LAYOUT_RULE_PREFIX
from pipeline.model import Block, Review
from pipeline.structure.contents import (
    INTRODUCTION_WORDS,
    LABEL_LINE_RE,
    OTHER_TOP_WORDS,
    ContentsTable,
    PrintedEntry,
    label_key,
)
from pipeline.structure.findings import Findings
from pipeline.structure.patterns import MAX_HEADING_CHARS
from pipeline.text.headings import (
    CAPITALS_MIN_LETTERS,
    heading_key,
    is_capitals,
    is_mostly_capitals,
    is_title_case,
)
from pipeline.text.markers import NOTE_MARKER_RE
from pipeline.text.punctuation import ends_with_punctuation, plain_text
from pipeline.text.words import is_function_word

LONE_LABEL_RE = re.compile(r"^[*_\s]*(?P<label>APPENDIX|Appendix)\.?[*_\s]*$")  # over a lettered title
LETTERED_RE = re.compile(r"^(?P<letter>[A-Z])\.\s*[-\u2013\u2014]")  # ``B.—THE CELL``
PARENTHETICAL_RE = re.compile(r"^\(.*\)$")
TRAILING_PARENTHETICAL_RE = re.compile(r"\s*\([^()]*\)$")

MATCH_THRESHOLD = 0.8
REVIEW_THRESHOLD = 0.95
DIFFERS_FROM_CONTENTS = "heading_differs_from_contents"  # the review rule of a heading worded otherwise
MAX_SUBTITLE_CHARS = 80
MAX_HEAD_LINES = 3
RUNNING_LINE_CHARS = 60
RUNNING_HEAD_PAGES = 3
MAX_TITLE_LINES = 5  # of a title under a label (a chapter's topics in capitals run long)
TITLE_LINE_MAX_CHARS = 120  # two printed lines a hyphen at the line end joined
BYLINE_RE = re.compile(r"^(?:BY|By)\s+(?P<name>[A-Z][^:;]*?)\.?$")


@dataclass
class Heading:
    """A heading found in the text: blocks ``start``..``end`` (exclusive) hold label, title, subtitle."""

    start: int
    end: int
    level: int
    printed: str
    line: int
    entry: PrintedEntry | None = None
    label: str | None = None
    n: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    markers: str = ""
    rest: tuple[str, int] | None = None  # the lines after the heading in its last block (text, line)


@dataclass
class _Candidate:
    """Some lines of the text that might be a heading."""

    start: int
    end: int
    lines: list[str]
    line: int
    rest: tuple[str, int] | None = None


class _EntryWords:
    """The significant words of the contents entries, to find the entries a candidate may match.

    A candidate may match an entry of ``k`` words when it shares at least 60% of them (one at
    least) and has at most ``2k + 2`` words. An entry that needs ``s`` of its ``k`` words shared
    shares one of any ``k - s + 1`` of them, so each entry is indexed under its ``k - s + 1`` rarest
    words only (prefix filtering): a candidate looks up few entries, whose shared words are then
    counted exactly.
    """

    def __init__(self, titles: list[str]) -> None:
        self.words = [_tokens(heading_key(title)) for title in titles]
        self.needed = [math.ceil(max(1, 0.6 * len(words))) for words in self.words]
        entries_with = Counter(word for words in self.words for word in words)
        self.index: dict[str, list[int]] = defaultdict(list)
        for number, words in enumerate(self.words):
            rarest = sorted(words, key=lambda word: (entries_with[word], word))
            for word in rarest[: len(words) - self.needed[number] + 1]:
                self.index[word].append(number)

    def sharing(self, tokens: set[str]) -> list[int]:
        """The entries (their numbers, in order) that a candidate with ``tokens`` may match."""
        found = {number for token in tokens & self.index.keys() for number in self.index[token]}
        return [
            number
            for number in sorted(found)
            if len(tokens) <= 2 * len(self.words[number]) + 2
            and len(tokens & self.words[number]) >= self.needed[number]
        ]


def find_headings(
    blocks: list[Block], contents: ContentsTable | None, skip: set[int], findings: Findings
) -> list[Heading]:
    """The headings of the book: matched to its printed contents, else found by their form alone."""
    if contents:
        headings = _headings_from_contents(blocks, contents, skip, findings)
    else:
        headings = _headings_from_form(blocks, skip, findings)
        reason = f"no printed contents: {len(headings)} headings found by form alone"
        findings.flag("no_contents", 1, "", reason)
    if headings:
        findings.conventions.append(_heading_convention(headings, contents is not None))
    return headings


def check_printed_labels(
    blocks: list[Block], printed: set[int], headings: list[Heading], findings: Findings
) -> None:
    """Cross-check a contents printed as lines (``printed``, its blocks) with the headings found:
    every chapter label it prints is a heading's label (by its number's value), or is reported."""
    found = {label_key(heading.label) for heading in headings if heading.label}
    matches = [
        (blocks[index].first_line, LABEL_LINE_RE.match(_first_line(blocks[index])))
        for index in sorted(printed)
    ]
    labels = [(line, match.group("label")) for line, match in matches if match]
    if not labels:
        return
    missing = [(line, label) for line, label in labels if label_key(label) not in found]
    for line, label in missing:
        findings.flag(
            "contents_entry_not_found", line, label, "label of the printed contents not found as a heading"
        )
    summary = (
        f"contents printed as lines: {len(labels)} labels, {len(labels) - len(missing)} found as headings"
    )
    evidence = "labels compared by their numbers' values (IV, 4, Four; OCR's YI for VI)"
    findings.conventions.append(Review(f"{LAYOUT_RULE_PREFIX}contents", labels[0][0], summary, evidence))


def _headings_from_contents(
    blocks: list[Block], contents: ContentsTable, skip: set[int], findings: Findings
) -> list[Heading]:
    """Find every contents entry in the text (the best order-preserving set of matches), and the
    chapters the contents does not list."""
    entries = contents.entries
    entry_words = _EntryWords([entry.title for entry in entries])
    entry_forms: list[list[str]] = []
    for entry in entries:
        forms = {heading_key(entry.title), heading_key(TRAILING_PARENTHETICAL_RE.sub("", entry.title))}
        entry_forms.append(sorted(forms))
    matches: list[tuple[float, _Candidate, int]] = []
    best_miss: dict[int, tuple[float, _Candidate]] = {}
    for candidate in _candidates(blocks, skip):
        text = heading_key(" ".join(candidate.lines))
        for number in entry_words.sharing(_tokens(text)):
            score = max(_similarity(text, form) for form in entry_forms[number])
            if score >= MATCH_THRESHOLD:
                matches.append((score, candidate, number))
            elif score > best_miss.get(number, (0.0, candidate))[0]:
                best_miss[number] = (score, candidate)
    chosen = _best_chain(matches)
    headings = [
        _matched_heading(blocks, candidate, entries[number], score, findings)
        for score, candidate, number in chosen
    ]
    found = {number for _, _, number in chosen}
    for number, entry in enumerate(entries):
        if number not in found:
            miss = best_miss.get(number)
            hint = f"; closest text at line {miss[1].line} ({miss[0]:.2f})" if miss else ""
            findings.flag(
                "contents_entry_not_found", entry.line, entry.title, f"heading not found in the text{hint}"
            )
    headings += _unlisted_chapters(blocks, headings, skip, findings)
    return sorted(headings, key=lambda heading: heading.start)


def _unlisted_chapters(
    blocks: list[Block], headings: list[Heading], skip: set[int], findings: Findings
) -> list[Heading]:
    """The chapter headings, found by their label, of chapters the printed contents does not list."""
    taken = {i for heading in headings for i in range(heading.start, heading.end)}
    found = []
    for i, block in enumerate(blocks):
        if (
            i not in taken
            and i not in skip
            and block.kind == "text"
            and LABEL_LINE_RE.match(_first_line(block))
        ):
            heading = _form_heading(blocks, i, findings)
            if heading:
                found.append(heading)
                findings.flag(
                    "heading_not_in_contents", block.first_line, block.text, "chapter label not in contents"
                )
    return found


def _headings_from_form(blocks: list[Block], skip: set[int], findings: Findings) -> list[Heading]:
    """Headings of a book without contents: chapter labels, capitals, bold or title-case lines."""
    headings: list[Heading] = []
    labelled = False  # whether a chapter label was seen: unlabelled headings after it are sections
    running = _running_heads(blocks)
    i = 0
    while i < len(blocks):
        first = not headings
        heading = (
            None
            if i in skip or i in running or blocks[i].kind != "text"
            else _form_heading(blocks, i, findings, first=first)
        )
        if heading and heading.label:
            labelled = True
        elif heading and labelled and not _names_division(heading.printed):
            tops = [earlier for earlier in headings if earlier.level == 1]
            if not (tops and _continues_lettering(tops[-1].printed, heading.printed)):
                heading.level = 2
        if heading and (heading.level == 2 and not headings):
            heading = None  # a section before the first chapter is front matter
        if heading:
            headings.append(heading)
            findings.flag("heading_by_form", heading.line, heading.printed, "heading found by its form alone")
            i = heading.end
        else:
            i += 1
    return headings


def _running_heads(blocks: list[Block]) -> set[int]:
    """The blocks at a page's edge (first or last) whose text stands at the edge of
    :data:`RUNNING_HEAD_PAGES` pages or more: a running head the repairs left, not a heading."""
    edges = [
        i
        for i, block in enumerate(blocks)
        if block.kind == "text"
        and (block.page_break_before or (i + 1 < len(blocks) and blocks[i + 1].page_break_before))
    ]
    keys = {i: heading_key(blocks[i].text) for i in edges if len(blocks[i].text) <= RUNNING_LINE_CHARS}
    counts = Counter(keys.values())
    return {i for i, key in keys.items() if key and counts[key] >= RUNNING_HEAD_PAGES}


def _heading_convention(headings: list[Heading], from_contents: bool) -> Review:
    """How the headings are printed (their labels) and where they were found, for the QA report."""
    labels = Counter(heading.label.split()[0] for heading in headings if heading.label)
    chapters = sum(heading.level == 1 for heading in headings)
    summary = f"{chapters} top-level headings, {len(headings) - chapters} sections; labels: " + (
        ", ".join(f"{word} ({count})" for word, count in labels.items()) or "none"
    )
    evidence = "matched to the printed contents" if from_contents else "by their form alone (no contents)"
    return Review(f"{LAYOUT_RULE_PREFIX}headings", headings[0].line, summary, evidence)


def _candidates(blocks: list[Block], skip: set[int]) -> list[_Candidate]:
    """Short runs of lines that could be headings: whole blocks, first lines, two blocks together."""
    result: list[_Candidate] = []
    for i, block in enumerate(blocks):
        if i in skip or block.kind != "text" or len(block.text) > 2 * MAX_HEADING_CHARS:
            continue
        lines = block.text.split("\n")
        first = block.first_line
        if LABEL_LINE_RE.match(lines[0]):
            lines, first = lines[1:], first + 1
            if not lines:
                continue
        if len(block.text) <= MAX_HEADING_CHARS:
            result.append(_Candidate(i, i + 1, lines, first))
            nxt = _next_text(blocks, i, skip)
            if nxt is not None and len(blocks[nxt].text) <= MAX_HEADING_CHARS // 2:
                result.append(_Candidate(i, nxt + 1, lines + blocks[nxt].text.split("\n"), first))
        for count in range(1, min(MAX_HEAD_LINES, len(lines) - 1) + 1):
            rest = ("\n".join(lines[count:]), first + count)
            result.append(_Candidate(i, i + 1, lines[:count], first, rest))
    return result


def _next_text(blocks: list[Block], index: int, skip: set[int]) -> int | None:
    """The index of the next block if it is a text block."""
    nxt = index + 1
    if nxt < len(blocks) and nxt not in skip and blocks[nxt].kind == "text":
        return nxt
    return None


def _matched_heading(
    blocks: list[Block], candidate: _Candidate, entry: PrintedEntry, score: float, findings: Findings
) -> Heading:
    """A heading for a matched candidate, with its label block and subtitle."""
    start = candidate.start
    label = LABEL_LINE_RE.match(_first_line(blocks[start]))
    if label is None and start > 0 and blocks[start - 1].kind == "text":
        label = LABEL_LINE_RE.match(blocks[start - 1].text)
        if label:
            start -= 1
    lines = list(candidate.lines)
    byline = next((number for number, line in enumerate(lines) if number and _is_byline(line)), None)
    rest = candidate.rest
    if byline is not None:  # the title's block goes on with its author line: the heading's byline
        after = lines[byline:] + ([candidate.rest[0]] if candidate.rest else [])
        lines, rest = lines[:byline], ("\n".join(after), candidate.line + byline)
    heading = Heading(
        start=start,
        end=candidate.end,
        level=entry.level,
        printed="",
        line=blocks[start].first_line,
        entry=entry,
        rest=rest,
    )
    if label:
        heading.label, heading.n = label.group("label"), label.group("n")
    if entry.level == 1:
        if len(lines) > 1 and PARENTHETICAL_RE.match(plain_text(lines[-1])):
            _set_subtitle(heading, lines.pop(), findings)
        elif rest is None:
            nxt = _next_text(blocks, candidate.end - 1, set())
            if nxt is not None and _is_subtitle(blocks[nxt].text):
                _set_subtitle(heading, blocks[nxt].text, findings)
                heading.end = nxt + 1
    if entry.level == 1:
        _take_byline(heading, blocks)
    printed = "\n".join(lines)
    heading.markers = "".join(NOTE_MARKER_RE.findall(printed))
    heading.printed = plain_text(printed)
    if score < REVIEW_THRESHOLD:
        reason = f"matched to contents entry {entry.title!r} with similarity {score:.2f}"
        findings.flag(DIFFERS_FROM_CONTENTS, heading.line, heading.printed, reason)
    return heading


def _set_subtitle(heading: Heading, printed: str, findings: Findings) -> None:
    """Set the heading's subtitle (a parenthesis such as a period of years), without emphasis."""
    heading.subtitle = plain_text(printed)
    if heading.subtitle != printed.strip():
        explanation = "emphasis around a subtitle dropped (the subtitle is set apart by the encoding)"
        findings.change("subtitle_emphasis", heading.line, printed.strip(), heading.subtitle, explanation)


def _form_heading(
    blocks: list[Block], index: int, findings: Findings, *, first: bool = False
) -> Heading | None:
    """A heading recognised by its printed form alone, or ``None``; ``first``: no division was found
    before it (an unlabelled heading needs running text on its own page, not a title page's)."""
    block = blocks[index]
    lines = block.text.split("\n")
    label = LABEL_LINE_RE.match(lines[0]) or LONE_LABEL_RE.match(lines[0])
    end, rest = index + 1, None
    title = _title_after_label(blocks, index, lines[1:], block.first_line + 1) if label else None
    if title and (title[0] or (label and label.re is LABEL_LINE_RE)):
        lines, end, rest = title
    elif label:
        label = None  # ``APPENDIX`` alone, without a title under it: a heading of one word
    if not label:
        byline = next((number for number, line in enumerate(lines) if number and _is_byline(line)), None)
        if byline is not None:
            lines, rest = lines[:byline], ("\n".join(lines[byline:]), block.first_line + byline)
        else:
            lines, end, rest = _title_over_blocks(blocks, index, lines)
    text = plain_text("\n".join(lines))
    if not label:
        if len(text) > MAX_HEADING_CHARS // 2 or not _followed_by_running_text(
            blocks, index, same_page=first
        ):
            return None
        bold = block.text.startswith("**") and block.text.rstrip().endswith("**")
        if is_capitals(block.text):
            level = 1
        elif bold or (len(lines) == 1 and _is_short_title(text)):
            level = 2
        else:
            return None
    else:
        level = 1
    heading = Heading(start=index, end=end, level=level, printed=text, line=block.first_line, rest=rest)
    if label:
        heading.label, heading.n = label.group("label"), label.groupdict().get("n")
    if level == 1 and len(lines) > 1 and PARENTHETICAL_RE.match(plain_text(lines[-1])):
        _set_subtitle(heading, lines[-1], findings)
        heading.printed = plain_text("\n".join(lines[:-1]))
    nxt = _next_text(blocks, end - 1, set()) if rest is None else None
    if level == 1 and not heading.subtitle and nxt is not None and _is_subtitle(blocks[nxt].text):
        _set_subtitle(heading, blocks[nxt].text, findings)
        heading.end = nxt + 1
    _take_byline(heading, blocks)
    heading.markers = "".join(NOTE_MARKER_RE.findall("\n".join(lines)))
    return heading


def _title_after_label(
    blocks: list[Block], index: int, lines: list[str], line: int
) -> tuple[list[str], int, tuple[str, int] | None]:
    """The title lines printed under a label line (in its block, else the next block's), the end of
    the heading's blocks and what follows the title in its block (``Heading.rest``)."""
    if lines:
        count = _title_line_count(lines)
        rest = ("\n".join(lines[count:]), line + count) if count < len(lines) else None
        return lines[:count], index + 1, rest
    nxt = _next_text(blocks, index, set())
    if nxt is None:
        return [], index + 1, None
    lines = blocks[nxt].text.split("\n")
    count = _title_line_count(lines)
    if not count:
        return [], index + 1, None
    rest = ("\n".join(lines[count:]), blocks[nxt].first_line + count) if count < len(lines) else None
    return lines[:count], nxt + 1, rest


def _title_over_blocks(
    blocks: list[Block], index: int, lines: list[str]
) -> tuple[list[str], int, tuple[str, int] | None]:
    """The lines of a title printed over two blocks (a page's first line is read apart), where an
    author line follows them; else the block's own lines. Returns the lines, the end of the
    heading's blocks and what follows the title in its last block (``Heading.rest``)."""
    nxt = _next_text(blocks, index, set())
    if nxt is None:
        return lines, index + 1, None
    following = blocks[nxt].text.split("\n")
    count = next((k for k, line in enumerate(following) if not _is_title_line(line) or _is_byline(line)), 0)
    if not _is_byline(following[count]) or any(LABEL_LINE_RE.match(line) for line in following[:count]):
        return lines, index + 1, None
    if not count:
        return lines, index + 1, None  # the byline's block follows the heading: :func:`_take_byline`
    rest = ("\n".join(following[count:]), blocks[nxt].first_line + count)
    return lines + following[:count], nxt + 1, rest


def _title_line_count(lines: list[str]) -> int:
    """How many of ``lines``, from the first, are a title: short lines in capitals (``&c.`` aside),
    in title case or holding a date without words; a line ending in a full stop ends the title."""
    count = 0
    for line in lines[:MAX_TITLE_LINES]:
        if not _is_title_line(line) or _is_byline(line):
            break
        count += 1
        if plain_text(line).rstrip().endswith("."):
            break
    return count


def _is_title_line(line: str) -> bool:
    """A short line in capitals (a few letters in lower case allowed), in title case, or a date or
    span of years (digits without letters)."""
    text = plain_text(line).strip()
    if not text or len(text) > TITLE_LINE_MAX_CHARS:
        return False
    if not any(char.isalpha() for char in text):
        return any(char.isdigit() for char in text)
    return is_mostly_capitals(text) or is_title_case(text.rstrip(".,;:"))


def _is_byline(line: str) -> bool:
    """``BY F. ALEXANDER``: *by* and a name of two words or more (initials, capitalised words, none
    of them a grammatical word but *the* before a title abbreviated: ``THE REV.``), on a line of its own."""
    match = BYLINE_RE.match(plain_text(line).strip())
    if not match:
        return False
    words = match.group("name").split()
    if words[0].casefold() == "the" and words[1:] and words[1].endswith("."):  # ``BY THE HON. H. B. HIGGINS``
        words = words[1:]
    return len(words) >= 2 and not any(is_function_word(word.strip(".,")) for word in words)


def _take_byline(heading: Heading, blocks: list[Block]) -> None:
    """The author line printed under the heading's title, where there is one, becomes its byline:
    the first line after the heading in its block, else the next block if it is that line alone."""
    if heading.rest is not None:
        text, line = heading.rest
        first, _, after = text.partition("\n")
        if _is_byline(first):
            heading.byline = plain_text(first).strip()
            heading.rest = (after, line + 1) if after.strip() else None
        return
    nxt = _next_text(blocks, heading.end - 1, set())
    if nxt is not None and "\n" not in blocks[nxt].text.strip() and _is_byline(blocks[nxt].text):
        heading.byline = plain_text(blocks[nxt].text).strip()
        heading.end = nxt + 1


def _continues_lettering(previous: str, text: str) -> bool:
    """Whether ``text`` is lettered next after ``previous`` (``A.—MIMICRY``, ``B.—THE CELL``)."""
    before, after = LETTERED_RE.match(previous), LETTERED_RE.match(text)
    return bool(before and after and ord(after.group("letter")) == ord(before.group("letter")) + 1)


def _names_division(text: str) -> bool:
    """A heading that names a division of its own (``INTRODUCTION``, ``APPENDIX``, ``INDEX`` …)."""
    return plain_text(text).lower().startswith(INTRODUCTION_WORDS + OTHER_TOP_WORDS)


def _followed_by_running_text(blocks: list[Block], index: int, *, same_page: bool = False) -> bool:
    """Whether running text (long lines, not a title page's) follows within three text blocks; on
    the heading's page where ``same_page`` (before the first division, where a title page's lines
    are followed by the next page's text)."""
    following = []
    for block in blocks[index + 1 : index + 6]:
        if same_page and block.page_break_before:
            break
        following.append(block)
    following = [block for block in following if block.kind == "text"][:3]
    return any(max(len(line) for line in block.text.split("\n")) >= RUNNING_LINE_CHARS for block in following)


def _tokens(text: str) -> set[str]:
    """Significant words of a normalised text (for the prefilter)."""
    return {word for word in text.split() if len(word) > 2 or word.isdigit()}


def _similarity(left: str, right: str) -> float:
    """``difflib`` ratio of two normalised texts, 0 when the cheap upper bounds are already too low."""
    if left == right:
        return 1.0  # what difflib gives for equal texts, without its search for matching blocks
    matcher = SequenceMatcher(None, left, right, autojunk=False)
    if matcher.real_quick_ratio() < MATCH_THRESHOLD or matcher.quick_ratio() < MATCH_THRESHOLD:
        return 0.0
    return matcher.ratio()


def _best_chain(matches: list[tuple[float, _Candidate, int]]) -> list[tuple[float, _Candidate, int]]:
    """The most (then the best) matches in both text and contents order, without overlaps."""
    return heaviest_chain(
        sorted(matches, key=lambda match: (match[1].start, match[1].end, match[2])),
        weight=lambda match: 1.0 + match[0],
        follows=lambda earlier, later: earlier[1].end <= later[1].start and earlier[2] < later[2],
    )


def _first_line(block: Block) -> str:
    """The first line of a block."""
    return block.text.split("\n", 1)[0]


def _is_subtitle(text: str) -> bool:
    """A short parenthesis on its own, such as ``(March-November 1918)``."""
    plain = plain_text(text)
    return len(plain) <= MAX_SUBTITLE_CHARS and bool(PARENTHETICAL_RE.match(plain))


def _is_short_title(text: str) -> bool:
    """A title-case line short enough for a heading, without final punctuation, of a word at least
    (a printer's signature mark, ``B``, is none)."""
    if len(text) > MAX_HEADING_CHARS // 3 or ends_with_punctuation(text):
        return False
    return sum(char.isalpha() for char in text) >= CAPITALS_MIN_LETTERS and is_title_case(text)
