"""Find the headings in the text: matched to the printed contents, or by their form alone
(:mod:`pipeline.structure.heading_forms`).

Every contents entry is looked for among the short blocks of the text (token prefilter, then
``difflib`` similarity, then the best order-preserving assignment), so headings are found whatever
their printed form (``CHAPTER I`` over an ALL-CAPS title, a bold title over several lines, a title
alone). A book without a contents gets its headings from their form alone.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher

from pipeline.chains import heaviest_chain
from pipeline.layout import LAYOUT_RULE_PREFIX
from pipeline.lazy_re import lazy_compile
from pipeline.model import Block, Review
from pipeline.structure.contents import (
    LABEL_LINE_RE,
    ContentsTable,
    PrintedEntry,
    label_key,
)
from pipeline.structure.findings import Findings
from pipeline.structure.heading_forms import (
    PARENTHETICAL_RE,
    Heading,
    first_line,
    form_heading,
    headings_from_form,
    is_byline,
    is_subtitle,
    next_text,
    set_subtitle,
    take_byline,
)
from pipeline.structure.patterns import MAX_HEADING_CHARS
from pipeline.text.headings import (
    heading_key,
)
from pipeline.text.markers import NOTE_MARKER_RE
from pipeline.text.punctuation import plain_text

TRAILING_PARENTHETICAL_RE = lazy_compile(r"\s*\([^()]*\)$")

MATCH_THRESHOLD = 0.8
REVIEW_THRESHOLD = 0.95
DIFFERS_FROM_CONTENTS = "heading_differs_from_contents"  # the review rule of a heading worded otherwise
MAX_HEAD_LINES = 3


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
    blocks: list[Block],
    contents: ContentsTable | None,
    skip: set[int],
    findings: Findings,
    as_lines: bool = False,
) -> list[Heading]:
    """The headings of the book: matched to its printed contents, else found by their form alone
    (``as_lines``: the book prints its contents as lines, which will confirm them)."""
    if contents:
        headings = _headings_from_contents(blocks, contents, skip, findings)
    else:
        headings = headings_from_form(blocks, skip, findings)
        if not as_lines:
            reason = f"no printed contents: {len(headings)} headings found by form alone"
            findings.flag("no_contents", 1, "", reason)
    if headings:
        findings.conventions.append(_heading_convention(headings, contents is not None, as_lines))
    return headings


def check_printed_labels(
    blocks: list[Block], printed: set[int], headings: list[Heading], findings: Findings
) -> None:
    """Cross-check a contents printed as lines (``printed``, its blocks) with the headings found:
    every chapter label it prints is a heading's label (by its number's value), or is reported."""
    found = {label_key(heading.label) for heading in headings if heading.label}
    matches = [
        (blocks[index].first_line, LABEL_LINE_RE.match(first_line(blocks[index])))
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
            and LABEL_LINE_RE.match(first_line(block))
        ):
            heading = form_heading(blocks, i, findings)
            if heading:
                found.append(heading)
                findings.flag(
                    "heading_not_in_contents", block.first_line, block.text, "chapter label not in contents"
                )
    return found


def _heading_convention(headings: list[Heading], from_contents: bool, as_lines: bool) -> Review:
    """How the headings are printed (their labels) and where they were found, for the QA report."""
    labels = Counter(heading.label.split()[0] for heading in headings if heading.label)
    chapters = sum(heading.level == 1 for heading in headings)
    summary = f"{chapters} top-level headings, {len(headings) - chapters} sections; labels: " + (
        ", ".join(f"{word} ({count})" for word, count in labels.items()) or "none"
    )
    evidence = (
        "matched to the printed contents"
        if from_contents
        else "by their form, checked with the contents printed as lines"
        if as_lines
        else "by their form alone (no contents)"
    )
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
            nxt = next_text(blocks, i, skip)
            if nxt is not None and len(blocks[nxt].text) <= MAX_HEADING_CHARS // 2:
                result.append(_Candidate(i, nxt + 1, lines + blocks[nxt].text.split("\n"), first))
        for count in range(1, min(MAX_HEAD_LINES, len(lines) - 1) + 1):
            rest = ("\n".join(lines[count:]), first + count)
            result.append(_Candidate(i, i + 1, lines[:count], first, rest))
    return result


def _matched_heading(
    blocks: list[Block], candidate: _Candidate, entry: PrintedEntry, score: float, findings: Findings
) -> Heading:
    """A heading for a matched candidate, with its label block and subtitle."""
    start = candidate.start
    label = LABEL_LINE_RE.match(first_line(blocks[start]))
    if label is None and start > 0 and blocks[start - 1].kind == "text":
        label = LABEL_LINE_RE.match(blocks[start - 1].text)
        if label:
            start -= 1
    lines = list(candidate.lines)
    byline = next((number for number, line in enumerate(lines) if number and is_byline(line)), None)
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
            set_subtitle(heading, lines.pop(), findings)
        elif rest is None:
            nxt = next_text(blocks, candidate.end - 1, set())
            if nxt is not None and is_subtitle(blocks[nxt].text):
                set_subtitle(heading, blocks[nxt].text, findings)
                heading.end = nxt + 1
    if entry.level == 1:
        take_byline(heading, blocks)
    printed = "\n".join(lines)
    heading.markers = "".join(NOTE_MARKER_RE.findall(printed))
    heading.printed = plain_text(printed)
    if score < REVIEW_THRESHOLD:
        reason = f"matched to contents entry {entry.title!r} with similarity {score:.2f}"
        findings.flag(DIFFERS_FROM_CONTENTS, heading.line, heading.printed, reason)
    return heading


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
