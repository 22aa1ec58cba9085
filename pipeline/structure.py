"""Stage ``structure``: repaired blocks → the book as a tree (``structure.json``).

Command line::

    python -m pipeline.structure --input build/<book>/repaired.json --output build/<book>/structure.json

The printed contents is the evidence for the headings: every contents entry is looked for among
the short blocks of the text (token prefilter, then ``difflib`` similarity, then the best
order-preserving assignment), so headings are found whatever their printed form (``CHAPTER I``
over an ALL-CAPS title, a bold title over several lines, a title alone). A book without a
contents gets its headings from their form alone, and the review says so. Footnote bodies are
attached to their markers; the numbering convention (per division, book-wide or per page) is
inferred from the printed numbers.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import pairwise
from typing import Any

from pipeline.blocks import SUPERSCRIPT_DIGITS
from pipeline.chains import heaviest_chain
from pipeline.chronology import clean_date, parse_date, split_entry, split_run_together
from pipeline.cli import run_stage
from pipeline.contents import (
    LABEL,
    STAGE,
    ContentsEntry,
    ContentsTable,
    division_type,
    find_contents,
    join_hyphenated,
    plain_text,
)
from pipeline.layout import Layout, describe_notes, load_layout
from pipeline.model import Block, Change, InputError, Review, read_stage_input, write_json
from pipeline.pages import Anchor, PageBreak, add_chapter_breaks, detect_breaks, number_breaks

# a page break is carried through the text as one private-use character (0xF0000 + its number)
BREAK_BASE = 0xF0000
BREAK_RE = re.compile("[\U000f0000-\U000ffffd]")
LEAD_BREAKS_RE = re.compile("^[\U000f0000-\U000ffffd]*")
TO_ASCII = str.maketrans(SUPERSCRIPT_DIGITS + "⁻", "0123456789-")
MARKER_RE = re.compile(rf"[{SUPERSCRIPT_DIGITS}]+(?:⁻[{SUPERSCRIPT_DIGITS}]+)?")
NOTE_START_RE = re.compile(
    rf"^\s*(?:(?P<sup>[{SUPERSCRIPT_DIGITS}]+(?:[⁻-][{SUPERSCRIPT_DIGITS}]+)?)\s*|(?P<ascii>\d{{1,3}}(?:-\d{{1,3}})?)\s+"
    r"|(?P<symbol>\*{1,3}|[†‡§])\s+)"
    r"(?P<text>\S.*)$",
    re.DOTALL,
)
LABEL_LINE_RE = re.compile(rf"^[*_\s]*{LABEL}\.?[*_\s]*$")
PART_LABEL_RE = re.compile(r"^(?:PART|Part)\s")
SEPARATOR_RE = re.compile(r"^\s*(?:[*·•⁂]\s*){3,}$")
YEAR_RE = re.compile(r"^(?P<dash>[-\u2013]\s*)?(?P<year>1\d{3}|20\d{2})\s*$")
DASH_ITEM_RE = re.compile(r"^\s*[-\u2013•]\s+(?P<text>\S.*)$")
NUMBERED_RE = re.compile(r"^\s*(?P<n>\d{1,2})[.)]\s+\S")
PARENTHETICAL_RE = re.compile(r"^\(.*\)$")
TRAILING_PARENTHETICAL_RE = re.compile(r"\s*\([^()]*\)$")
WORD_RE = re.compile(r"[^\W_]+")
CAPITALISE_RE = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")

MATCH_THRESHOLD = 0.8
REVIEW_THRESHOLD = 0.95
MAX_HEADING_CHARS = 400
MAX_SUBTITLE_CHARS = 80
MAX_HEAD_LINES = 3
RUNNING_TEXT_CHARS = 100
RUNNING_LINE_CHARS = 60
PLAIN_MARKER_LOOKBACK = 15
SYMBOL_MARKER_RE = re.compile(r"(?<=[\w.,;:!?\"\u201d\u2019)\]])(?P<symbol>\*{1,3}|[†‡§])(?=\s|$)")
SYMBOL_CHARACTERS = "*†‡§"
SYMBOL_NAMES = {"*": "star", "**": "star2", "***": "star3", "†": "dagger", "‡": "ddagger", "§": "sect"}
SMALL_WORDS = frozenset(
    re.findall(r"\w+", "a an and as at but by for from in into nor of on or the to via vs with")
)

MINOR_WORDS = SMALL_WORDS | frozenset(
    re.findall(
        r"\w+", "about after against before between during over through towards under upon within without"
    )
)


@dataclass
class Heading:
    """A heading found in the text: blocks ``start``..``end`` (exclusive) hold label, title, subtitle."""

    start: int
    end: int
    level: int
    printed: str
    line: int
    entry: ContentsEntry | None = None
    label: str | None = None
    n: str | None = None
    subtitle: str | None = None
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
        self.words = [_tokens(normalise(title)) for title in titles]
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


@dataclass
class _Text:
    """Text that becomes ``parts`` of ``owner[key]`` once its note markers are resolved."""

    text: str
    line: int
    order: int
    scope: str | None
    owner: dict[str, Any]
    key: str = "parts"
    refs: list[tuple[int, int, list[str]]] = field(default_factory=list)


@dataclass
class _Note:
    """A footnote body and the note dict listed in its division."""

    key: str
    order: int
    scope: str | None
    record: dict[str, Any]
    linked: bool = False


class _Flow:
    """The items of one container (front, back, a division's content or a section) being built."""

    def __init__(self, items: list[dict[str, Any]], scope: str | None, chronology: bool = False) -> None:
        self.items = items
        self.scope = scope
        self.chronology = chronology
        self.open_list: dict[str, Any] | None = None
        self.list_kind = ""
        self.last_number = 0

    def add(self, item: dict[str, Any]) -> None:
        """Append an item; it closes the open list."""
        self.open_list = None
        self.items.append(item)

    def list_for(self, kind: str, line: int, number: int = 0) -> dict[str, Any]:
        """The open list of ``kind`` (a numbered list only when ``number`` continues it), or a new one."""
        fits = self.open_list is not None and self.list_kind == kind
        if kind == "numbered":
            fits = fits and number == self.last_number + 1
        if not fits:
            self.add({"type": "list", "first_line": line, "items": []})
            self.open_list, self.list_kind = self.items[-1], kind
        self.last_number = number
        assert self.open_list is not None
        return self.open_list


def normalise(text: str) -> str:
    """Lower-case words of ``text`` (markdown, markers and punctuation removed) for comparison."""
    return " ".join(WORD_RE.findall(plain_text(text).casefold()))


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


def build_structure(blocks: list[Block], layout: Layout | None = None) -> dict[str, Any]:
    """The structure of a book from its repaired blocks (see ``docs/formats.md``); ``layout``
    holds the book's layout settings (:mod:`pipeline.layout`), which override the inference."""
    return _Builder(blocks, layout or Layout()).build()


class _Builder:
    """Builds ``structure.json`` from the blocks; collects the changes and review items."""

    def __init__(self, blocks: list[Block], layout: Layout) -> None:
        self.layout = layout
        self.blocks = [Block.from_dict(block.to_dict() | {"extra": dict(block.extra)}) for block in blocks]
        self.breaks: list[PageBreak] = []
        self.page_table: list[dict[str, Any]] = []
        self.heading_breaks: dict[int, list[int]] = defaultdict(list)
        self.changes: list[Change] = []
        self.review: list[Review] = []
        self.texts: list[_Text] = []
        self.notes: list[_Note] = []
        self.ids: set[str] = set()
        self.contents = find_contents(blocks)
        self._acronyms: frozenset[str] | None = None
        self.conventions: list[Review] = []  # the layout conventions found, with their evidence

    # --- the whole book

    def build(self) -> dict[str, Any]:
        """Find the headings, assemble the divisions, link the notes; the ``structure.json`` dict."""
        contents = self.contents
        skip = contents.indices if contents else set()
        if contents:
            self.changes += contents.changes
            self.review += contents.review
            headings = self._headings_from_contents(contents, skip)
        else:
            headings = self._headings_from_form(skip)
            self.review.append(
                Review(
                    "no_contents", 1, "", f"no printed contents: {len(headings)} headings found by form alone"
                )
            )
        if headings:
            self.conventions.append(_heading_convention(headings, contents is not None))
        self._page_breaks(headings, skip)
        back_start = self._back_start(headings, skip)
        front: list[dict[str, Any]] = []
        back: list[dict[str, Any]] = []
        divisions = self._assemble(headings, skip, back_start, front, back)
        if contents:
            _nest_under_parts(contents.entries, divisions)
        numbering = self._link_notes()
        for text in self.texts:
            self._render(text)
        for division in divisions:
            if division["type"] == "chronology":
                self._date_entries(division)
        self._mark_blurb(front, back)
        result: dict[str, Any] = {
            "contents": [entry.to_dict() for entry in contents.entries] if contents else [],
            "front": front,
            "divisions": divisions,
            "back": back,
            "note_numbering": numbering,
        }
        if contents:
            head = self.blocks[contents.head_index]
            result["contents_head"] = {"text": head.text.strip(), "first_line": head.first_line}
        result["page_breaks"] = {
            "found": len(self.breaks),
            "numbered": sum(1 for item in self.breaks if item.n),
            "table": self.page_table,
        }
        for change in self.changes:
            change.before, change.after = BREAK_RE.sub("", change.before), BREAK_RE.sub("", change.after)
        for item in self.review:
            item.text = BREAK_RE.sub("", item.text)
        result["changes"] = [change.to_dict() for change in self.changes]
        result["review"] = [item.to_dict() for item in self.review]
        result["layout"] = [item.to_dict() for item in self.conventions]
        return result

    # --- headings

    def _headings_from_contents(self, contents: ContentsTable, skip: set[int]) -> list[Heading]:
        """Find every contents entry in the text: the best order-preserving set of matches."""
        entries = contents.entries
        entry_words = _EntryWords([entry.title for entry in entries])
        entry_forms: list[list[str]] = []
        for entry in entries:
            forms = {normalise(entry.title), normalise(TRAILING_PARENTHETICAL_RE.sub("", entry.title))}
            entry_forms.append(sorted(forms))
        matches: list[tuple[float, _Candidate, int]] = []
        best_miss: dict[int, tuple[float, _Candidate]] = {}
        for candidate in self._candidates(skip):
            text = normalise(" ".join(candidate.lines))
            for number in entry_words.sharing(_tokens(text)):
                score = max(_similarity(text, form) for form in entry_forms[number])
                if score >= MATCH_THRESHOLD:
                    matches.append((score, candidate, number))
                elif score > best_miss.get(number, (0.0, candidate))[0]:
                    best_miss[number] = (score, candidate)
        chosen = _best_chain(matches)
        headings = [self._heading(candidate, entries[number], score) for score, candidate, number in chosen]
        found = {number for _, _, number in chosen}
        for number, entry in enumerate(entries):
            if number not in found:
                miss = best_miss.get(number)
                hint = f"; closest text at line {miss[1].line} ({miss[0]:.2f})" if miss else ""
                self.review.append(
                    Review(
                        "contents_entry_not_found",
                        entry.line,
                        entry.title,
                        f"heading not found in the text{hint}",
                    )
                )
        taken = {i for heading in headings for i in range(heading.start, heading.end)}
        for i, block in enumerate(self.blocks):
            if (
                i not in taken
                and i not in skip
                and block.kind == "text"
                and LABEL_LINE_RE.match(_first_line(block))
            ):
                heading = self._form_heading(i)
                if heading:
                    headings.append(heading)
                    self.review.append(
                        Review(
                            "heading_not_in_contents",
                            block.first_line,
                            block.text,
                            "chapter label not in contents",
                        )
                    )
        return sorted(headings, key=lambda heading: heading.start)

    def _candidates(self, skip: set[int]) -> list[_Candidate]:
        """Short runs of lines that could be headings: whole blocks, first lines, two blocks together."""
        result: list[_Candidate] = []
        for i, block in enumerate(self.blocks):
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
                nxt = self._next_text(i, skip)
                if nxt is not None and len(self.blocks[nxt].text) <= MAX_HEADING_CHARS // 2:
                    result.append(_Candidate(i, nxt + 1, lines + self.blocks[nxt].text.split("\n"), first))
            for count in range(1, min(MAX_HEAD_LINES, len(lines) - 1) + 1):
                rest = ("\n".join(lines[count:]), first + count)
                result.append(_Candidate(i, i + 1, lines[:count], first, rest))
        return result

    def _next_text(self, index: int, skip: set[int]) -> int | None:
        """The index of the next block if it is a text block."""
        nxt = index + 1
        if nxt < len(self.blocks) and nxt not in skip and self.blocks[nxt].kind == "text":
            return nxt
        return None

    def _heading(self, candidate: _Candidate, entry: ContentsEntry, score: float) -> Heading:
        """A heading for a matched candidate, with its label block and subtitle."""
        start = candidate.start
        block = self.blocks[start]
        label = LABEL_LINE_RE.match(_first_line(block))
        if label is None and start > 0 and self.blocks[start - 1].kind == "text":
            label = LABEL_LINE_RE.match(self.blocks[start - 1].text)
            if label:
                start -= 1
        lines = list(candidate.lines)
        heading = Heading(
            start=start,
            end=candidate.end,
            level=entry.level,
            printed="",
            line=self.blocks[start].first_line,
            entry=entry,
            rest=candidate.rest,
        )
        if label:
            heading.label, heading.n = label.group("label"), label.group("n")
        if entry.level == 1:
            if len(lines) > 1 and PARENTHETICAL_RE.match(plain_text(lines[-1])):
                self._subtitle(heading, lines.pop())
            elif candidate.rest is None:
                nxt = self._next_text(candidate.end - 1, set())
                if nxt is not None and _is_subtitle(self.blocks[nxt].text):
                    self._subtitle(heading, self.blocks[nxt].text)
                    heading.end = nxt + 1
        printed = "\n".join(lines)
        heading.markers = "".join(MARKER_RE.findall(printed))
        heading.printed = plain_text(printed)
        if score < REVIEW_THRESHOLD:
            self.review.append(
                Review(
                    "heading_differs_from_contents",
                    heading.line,
                    heading.printed,
                    f"matched to contents entry {entry.title!r} with similarity {score:.2f}",
                )
            )
        return heading

    def _subtitle(self, heading: Heading, printed: str) -> None:
        """Set the heading's subtitle (a parenthesis such as a period of years), without emphasis."""
        heading.subtitle = plain_text(printed)
        if heading.subtitle != printed.strip():
            explanation = "emphasis around a subtitle dropped (the subtitle is set apart by the encoding)"
            self.changes.append(
                Change(
                    STAGE, "subtitle_emphasis", heading.line, printed.strip(), heading.subtitle, explanation
                )
            )

    def _headings_from_form(self, skip: set[int]) -> list[Heading]:
        """Headings of a book without contents: chapter labels, capitals, bold or title-case lines."""
        headings: list[Heading] = []
        i = 0
        while i < len(self.blocks):
            heading = None if i in skip or self.blocks[i].kind != "text" else self._form_heading(i)
            if heading and (heading.level == 2 and not headings):
                heading = None  # a section before the first chapter is front matter
            if heading:
                headings.append(heading)
                self.review.append(
                    Review(
                        "heading_by_form", heading.line, heading.printed, "heading found by its form alone"
                    )
                )
                i = heading.end
            else:
                i += 1
        return headings

    def _form_heading(self, index: int) -> Heading | None:
        """A heading recognised by its printed form alone, or ``None``."""
        block = self.blocks[index]
        lines = block.text.split("\n")
        label = LABEL_LINE_RE.match(lines[0])
        end = index + 1
        if label:
            lines = lines[1:]
            nxt = self._next_text(index, set())
            if not lines and nxt is not None and _is_caps(self.blocks[nxt].text):
                lines, end = self.blocks[nxt].text.split("\n"), nxt + 1
        text = plain_text("\n".join(lines))
        if not label:
            if len(text) > MAX_HEADING_CHARS // 2 or not self._followed_by_running_text(index):
                return None
            bold = block.text.startswith("**") and block.text.rstrip().endswith("**")
            if _is_caps(block.text):
                level = 1
            elif bold or (len(lines) == 1 and _is_title_case(text)):
                level = 2
            else:
                return None
        else:
            level = 1
        heading = Heading(start=index, end=end, level=level, printed=text, line=block.first_line)
        if label:
            heading.label, heading.n = label.group("label"), label.group("n")
        if level == 1 and len(lines) > 1 and PARENTHETICAL_RE.match(plain_text(lines[-1])):
            self._subtitle(heading, lines[-1])
            heading.printed = plain_text("\n".join(lines[:-1]))
        nxt = self._next_text(end - 1, set())
        if level == 1 and not heading.subtitle and nxt is not None and _is_subtitle(self.blocks[nxt].text):
            self._subtitle(heading, self.blocks[nxt].text)
            heading.end = nxt + 1
        heading.markers = "".join(MARKER_RE.findall("\n".join(lines)))
        return heading

    def _followed_by_running_text(self, index: int) -> bool:
        """Whether running text (long lines, not a title page's) follows within three text blocks."""
        following = [block for block in self.blocks[index + 1 : index + 6] if block.kind == "text"][:3]
        return any(
            max(len(line) for line in block.text.split("\n")) >= RUNNING_LINE_CHARS for block in following
        )

    def _back_start(self, headings: list[Heading], skip: set[int]) -> int | None:
        """Where the back matter starts: the first heading in capitals after the last contents entry."""
        if not headings or not self.contents or headings[-1].entry is not self.contents.entries[-1]:
            return None
        for i in range(headings[-1].end, len(self.blocks)):
            block = self.blocks[i]
            if i not in skip and block.kind == "text" and _is_caps(block.text) and len(block.text) < 100:
                self.review.append(
                    Review(
                        "back_matter", block.first_line, block.text, "heading after the last contents entry"
                    )
                )
                return i
        return None

    # --- assembling divisions and items

    def _assemble(
        self,
        headings: list[Heading],
        skip: set[int],
        back_start: int | None,
        front: list[dict[str, Any]],
        back: list[dict[str, Any]],
    ) -> list[dict[str, Any]]:
        """Walk the blocks: headings open divisions and sections, other blocks become items."""
        by_start = {heading.start: heading for heading in headings}
        divisions: list[dict[str, Any]] = []
        flow = _Flow(front, None)
        counts: dict[str, int] = defaultdict(int)  # divisions of each type so far
        part: dict[str, Any] | None = None  # the part the chapters now found belong to
        i = 0
        while i < len(self.blocks):
            block = self.blocks[i]
            heading = by_start.get(i)
            for number in self.heading_breaks.get(i, []):
                flow.add(self._break_item(number))
            if back_start is not None and i == back_start:
                flow = _Flow(back, None)
                flow.add({"type": "head", "first_line": block.first_line, "text": block.text.strip()})
            elif i in skip:
                pass
            elif heading and (heading.level == 1 or divisions):
                if heading.level == 1:
                    label = heading.label or (heading.entry.label if heading.entry else None)
                    kind = division_type(heading.entry.title if heading.entry else heading.printed, label)
                    if kind == "chapter" and label and PART_LABEL_RE.match(label):
                        kind = "part"
                    counts[kind] += 1
                    division = self._division(heading, kind, counts[kind], len(divisions))
                    if kind == "part":
                        part = division
                    elif kind == "chapter" and part is not None:
                        part["chapters"].append(division["id"])
                    else:
                        part = None  # an introduction or the chronology ends the part
                    divisions.append(division)
                    flow = _Flow(division["content"], division["id"], kind == "chronology")
                else:
                    division = divisions[-1]
                    section = self._section(heading, division)
                    division["sections"].append(section)
                    flow = _Flow(section["content"], division["id"], flow.chronology)
                if heading.rest:
                    self._paragraph(flow, *heading.rest, order=heading.end - 1)
                i = heading.end
                continue
            elif block.kind == "note":
                self._note_block(flow, divisions[-1] if divisions and flow.scope else None, block, i)
            else:
                self._add_block(flow, block, i)
            i += 1
        return divisions

    def _division(self, heading: Heading, kind: str, number: int, position: int) -> dict[str, Any]:
        """A division dict for a level-1 heading; ``number`` counts the divisions of its kind."""
        entry = heading.entry
        label = heading.label or (entry.label if entry else None)
        n = heading.n or (entry.n if entry else None)
        if label and not heading.label and kind in ("chapter", "part"):
            explanation = f"{kind} label not printed over the heading: taken from the printed contents"
            self.changes.append(Change(STAGE, "label_from_contents", heading.line, "", label, explanation))
        identifier = {"introduction": "intro", "chronology": "chron", "part": f"part{number}"}.get(
            kind, f"ch{number:02d}"
        )
        if identifier in self.ids:
            identifier = f"div{position + 1:02d}"
        self.ids.add(identifier)
        title = self._title(heading)
        division: dict[str, Any] = {
            "id": identifier,
            "type": kind,
            "n": n if kind in ("chapter", "part") else None,
            "label": label if kind in ("chapter", "part") else None,
            "title": title,
            "subtitle": heading.subtitle,
            "first_line": heading.line,
            "content": [],
            "sections": [],
            "notes": [],
        }
        if kind == "part":
            division["chapters"] = []
        if entry:
            entry.target = identifier
        self._heading_markers(heading, division, title)
        return division

    def _section(self, heading: Heading, division: dict[str, Any]) -> dict[str, Any]:
        """A section dict for a level-2 heading."""
        identifier = f"{division['id']}-s{len(division['sections']) + 1}"
        title = self._title(heading)
        section = {"id": identifier, "title": title, "first_line": heading.line, "content": []}
        if heading.entry:
            heading.entry.target = identifier
        self._heading_markers(heading, section, title, division["id"])
        return section

    def _heading_markers(
        self, heading: Heading, owner: dict[str, Any], title: str, scope: str | None = None
    ) -> None:
        """Note markers printed in a heading become ``title_parts``."""
        if heading.markers:
            scope = scope or owner["id"]
            text = _Text(title + heading.markers, heading.line, heading.start, scope, owner, "title_parts")
            self.texts.append(text)

    def _title(self, heading: Heading) -> str:
        """The readable title: the contents entry's (without a subtitle printed apart), else the text's."""
        printed = title = heading.printed
        if heading.entry:
            title = heading.entry.title
            if heading.subtitle and normalise(title).endswith(normalise(heading.subtitle)):
                title = TRAILING_PARENTHETICAL_RE.sub("", title)
        if _is_caps(title):
            title = title_case(title, self.acronyms)
        if title != printed:
            if heading.entry:
                rule, explanation = "title_from_contents", "heading title as the printed contents gives it"
            else:
                rule, explanation = "title_case", "heading printed in capitals put in title case"
            self.changes.append(Change(STAGE, rule, heading.line, printed, title, explanation))
        return title

    @property
    def acronyms(self) -> frozenset[str]:
        """Words printed in capitals inside running text (``USSR``): kept in capitals in titles."""
        if self._acronyms is None:
            skip = self.contents.indices if self.contents else set()
            found: Counter[str] = Counter()
            for i, block in enumerate(self.blocks):
                if i not in skip and len(block.text) > RUNNING_TEXT_CHARS:
                    for line in block.text.split("\n"):
                        if re.search(r"[a-z]", line):
                            found.update(re.findall(r"\b[A-Z]{2,}\b", line))
            self._acronyms = frozenset(word for word, count in found.items() if count > 1)
        return self._acronyms

    def _add_block(self, flow: _Flow, block: Block, order: int) -> None:
        """The items of one text block."""
        text = BREAK_RE.sub("", block.text).strip()
        lines = [_lift(line)[1] for line in block.text.split("\n")]
        if flow.chronology:
            self._entries(flow, block, order)
        elif SEPARATOR_RE.match(text) or YEAR_RE.match(text):
            for mark in BREAK_RE.findall(block.text):
                flow.add(self._break_item(ord(mark) - BREAK_BASE))
            if SEPARATOR_RE.match(text):
                flow.add({"type": "separator", "first_line": block.first_line})
            else:
                self._year(flow, text, block.first_line)
        elif all(DASH_ITEM_RE.match(line) for line in lines):
            for offset, line in enumerate(block.text.split("\n")):
                lead, rest = _lift(line)
                item = DASH_ITEM_RE.match(rest)
                assert item is not None
                self._list_item(flow, "dash", lead + item.group("text"), block.first_line + offset, order)
        elif _is_numbered(lines):
            for offset, line in enumerate(block.text.split("\n")):
                number = NUMBERED_RE.match(_lift(line)[1])
                assert number is not None
                listing = flow.list_for("numbered", block.first_line + offset, int(number.group("n")))
                self._entry(listing, line, block.first_line + offset, order, flow.scope)
        else:
            self._paragraph(flow, block.text, block.first_line, order)

    def _paragraph(self, flow: _Flow, text: str, line: int, order: int) -> None:
        """A ``p`` item; its parts are filled in once the note markers are resolved."""
        item: dict[str, Any] = {"type": "p", "first_line": line, "parts": []}
        flow.add(item)
        self.texts.append(_Text(text, line, order, flow.scope, item))

    def _year(self, flow: _Flow, text: str, line: int) -> None:
        """A year heading (``1917``) inside a division; a stray list dash before it is dropped."""
        year = YEAR_RE.match(text)
        assert year is not None
        if year.group("dash"):
            explanation = "list dash before a year heading"
            self.changes.append(Change(STAGE, "stray_list_dash", line, text, year.group("year"), explanation))
        flow.add({"type": "head", "first_line": line, "text": year.group("year")})

    def _list_item(self, flow: _Flow, kind: str, text: str, line: int, order: int) -> None:
        """An entry of the open list of ``kind`` (a new list if none is open)."""
        self._entry(flow.list_for(kind, line), text, line, order, flow.scope)

    def _entry(self, listing: dict[str, Any], text: str, line: int, order: int, scope: str | None) -> None:
        """An entry of ``listing``; its parts are filled in once the note markers are resolved."""
        entry: dict[str, Any] = {"first_line": line, "parts": []}
        listing["items"].append(entry)
        self.texts.append(_Text(text, line, order, scope, entry))

    def _entries(self, flow: _Flow, block: Block, order: int) -> None:
        """Chronology lines: years become heads, every other line one entry of the year's list.

        A line starting in lower case continues the entry before it (cut by a page break).
        """
        for offset, printed in enumerate(block.text.split("\n")):
            number = block.first_line + offset
            lead, line = _lift(printed)
            if not line.strip():
                continue
            if YEAR_RE.match(line.strip()) or SEPARATOR_RE.match(line.strip()):
                for mark in lead:
                    flow.add(self._break_item(ord(mark) - BREAK_BASE))
                if YEAR_RE.match(line.strip()):
                    self._year(flow, line.strip(), number)
                continue
            dashed = DASH_ITEM_RE.match(line)
            text = dashed.group("text") if dashed else line.strip()
            previous = flow.open_list["items"][-1] if flow.open_list and flow.open_list["items"] else None
            if previous is not None and _continues_entry(self._entry_text(previous), text):
                self._continue_entry(previous, line, lead + text, number)
                continue
            pieces = split_run_together(lead + text)
            if len(pieces) > 1:
                explanation = "chronology entries run together by the OCR separated at the second date"
                self.changes.append(
                    Change(STAGE, "split_run_together", number, text, " | ".join(pieces), explanation)
                )
            for piece in pieces:
                self._list_item(flow, "entries", piece, number, order)

    def _continue_entry(self, previous: dict[str, Any], line: str, text: str, number: int) -> None:
        """Append a continuation line to the entry before it."""
        record = next(t for t in reversed(self.texts) if t.owner is previous)
        if line.lstrip().startswith(("-", "\u2013")):
            explanation = "list dash before the continuation of an entry cut by a page break"
            self.changes.append(Change(STAGE, "stray_list_dash", number, line, text, explanation))
        lead, text = _lift(text)
        if record.text.endswith("-"):
            left, right = " ".join(record.text.split(" ")[-3:]), " ".join(text.split(" ")[:3])
            before, after = f"{left} | {right}", join_hyphenated(left[:-1], right)
            explanation = "word hyphenated across a page break inside a chronology entry"
            self.changes.append(Change(STAGE, "rejoin_hyphenation", number, before, after, explanation))
            joined = join_hyphenated(record.text[:-1], text)
            cut = len(record.text) - (1 if joined.startswith(record.text[:-1] + text[:1]) else 0)
            record.text = joined[:cut] + lead + joined[cut:]
        elif lead:
            record.text = f"{record.text} {lead}{text}"
        else:
            record.text = f"{record.text} {text}"

    def _entry_text(self, entry: dict[str, Any]) -> str:
        """The text collected so far for a chronology entry."""
        return next(t for t in reversed(self.texts) if t.owner is entry).text

    def _date_entries(self, division: dict[str, Any]) -> None:
        """Date every chronology entry: its printed date becomes a ``{"date": …}`` part.

        The year is the entry's own or the year heading's; an entry without a readable date is
        reported for review.
        """
        year = 0
        items = list(division["content"])
        for section in division["sections"]:
            items += section["content"]
        for item in items:
            if item["type"] == "head" and YEAR_RE.match(item["text"]):
                year = int(item["text"])
            for entry in item.get("items", []) if item["type"] == "list" else []:
                self._date_entry(entry, year)

    def _date_entry(self, entry: dict[str, Any], year: int) -> None:
        """Split the printed date off an entry's first text part and record its ISO form."""
        parts = entry["parts"]
        first = next((k for k, part in enumerate(parts) if isinstance(part, str)), None)
        found = split_entry(parts[first]) if first is not None else None
        dating = parse_date(found[0], year) if found and year else None
        if first is None or found is None or dating is None:
            text = "".join(part for part in parts if isinstance(part, str))
            self.review.append(Review("chronology_undated", entry["first_line"], text[:80], "no date found"))
            return
        printed, rest = found
        if printed.count("*") % 2 or printed.count("_") % 2:
            cleaned = clean_date(printed)
            explanation = "unpaired emphasis mark around a chronology date dropped"
            self.changes.append(
                Change(STAGE, "date_emphasis", entry["first_line"], printed, cleaned, explanation)
            )
            printed = cleaned
        attributes = dating.attributes()
        entry["date"] = attributes
        parts[first : first + 1] = [{"date": {"text": printed.strip(), **attributes}}, rest]

    def _mark_blurb(self, front: list[dict[str, Any]], back: list[dict[str, Any]]) -> None:
        """Mark where the publisher's blurb starts in the back matter (``"division": "blurb"``).

        The blurb is the first back-matter paragraph, not the first under its heading, that names
        the book by the title its title page prints first.
        """
        first = next((item for item in front if item["type"] == "p"), None)
        title = normalise(_item_text(first)) if first else ""
        if len(title.split()) < 2:
            return
        for previous, item in pairwise(back):
            if item["type"] == "p" and previous["type"] != "head" and title in normalise(_item_text(item)):
                item["division"] = "blurb"
                reason = "the publisher's blurb (names the book's title) starts here"
                self.review.append(Review("back_matter", item["first_line"], _item_text(item)[:80], reason))
                return

    # --- page breaks

    def _page_breaks(self, headings: list[Heading], skip: set[int]) -> None:
        """Detect and number the page breaks; mark them in the block texts (see ``BREAK_RE``).

        A break before a heading becomes a ``pb`` item before it; a break inside a heading or the
        contents is not marked (the contents pages are not numbered by the contents itself).
        """
        anchors = [
            Anchor(self.blocks[h.start].first_line, h.entry.page, h.start, h.entry.title, h.level == 1)
            for h in headings
            if h.entry is not None and isinstance(h.entry.page, int)
        ]
        breaks = add_chapter_breaks(detect_breaks(self.blocks), anchors)
        heading_blocks = {i for h in headings for i in range(h.start, h.end)}
        starts = {h.start for h in headings}
        kept = []
        for item in breaks:
            if item.block in skip or (
                item.block in heading_blocks and not (item.offset is None and item.block in starts)
            ):
                continue
            kept.append(item)
        self.breaks = kept
        self.page_table = number_breaks(kept, anchors)
        for row in self.page_table:
            if "disagreement" in row:
                reason = f"printed page numbers disagree with the contents: {row['disagreement']}"
                self.review.append(Review("page_number_disagrees", row["to_line"], row["to"], reason))
        for number, item in reversed(list(enumerate(kept))):
            block = self.blocks[item.block]
            if item.block in starts or block.kind == "note":
                self.heading_breaks[item.block].insert(0, number)
                continue
            offset = item.offset or 0
            block.text = block.text[:offset] + chr(BREAK_BASE + number) + block.text[offset:]

    def _break_item(self, number: int) -> dict[str, Any]:
        """A ``pb`` item (a page break between items)."""
        return {"type": "pb", **_break_part(self.breaks[number])}

    # --- notes

    def _note_block(self, flow: _Flow, division: dict[str, Any] | None, block: Block, order: int) -> None:
        """Footnote bodies of a division; a note outside any division stays as a paragraph."""
        if division is None:
            self._paragraph(flow, block.text, block.first_line, order)
            self.review.append(
                Review("note_outside_division", block.first_line, block.text, "kept as a paragraph")
            )
            return
        current: dict[str, Any] | None = None
        for offset, line in enumerate(block.text.split("\n")):
            start = NOTE_START_RE.match(line)
            if start and (start.group("sup") or offset == 0):
                key = (start.group("sup") or start.group("ascii") or start.group("symbol")).translate(
                    TO_ASCII
                )
                current = self._new_note(division, key, start.group("text"), block.first_line + offset, order)
            elif current is not None:
                current["text"] += "\n" + line
            elif division["notes"]:
                current = division["notes"][-1]
                current["text"] += " " + line.strip()
                self.review.append(
                    Review("note_continuation", block.first_line, block.text, "joined to the note before it")
                )
            else:
                self._paragraph(flow, block.text, block.first_line, order)
                self.review.append(
                    Review("note_without_number", block.first_line, block.text, "kept as a paragraph")
                )
                return

    def _new_note(
        self, division: dict[str, Any], key: str, text: str, line: int, order: int
    ) -> dict[str, Any]:
        """List a note in its division under a unique id built from its printed number."""
        base = f"{division['id']}-n{SYMBOL_NAMES.get(key, key)}"
        identifier, count = base, 1
        while identifier in self.ids:
            count += 1
            identifier = f"{base}-{count}"
        self.ids.add(identifier)
        record = {"id": identifier, "n": key, "first_line": line, "text": text}
        division["notes"].append(record)
        self.notes.append(_Note(key, order, division["id"], record))
        return record

    def _link_notes(self) -> str:
        """Attach every marker to its note; return the numbering convention found."""
        numbering = self.layout.note_numbering or _numbering(self.notes)
        if self.notes:
            summary, evidence = describe_notes(
                [note.key for note in self.notes], numbering, self.layout.note_numbering is None
            )
            line = self.notes[0].record["first_line"]
            self.conventions.append(Review("layout_notes", line, summary, evidence))
        pool: dict[tuple[str | None, str], list[_Note]] = defaultdict(list)
        for note in self.notes:
            pool[(None if numbering == "book" else note.scope, note.key)].append(note)
        for text in self.texts:
            scope = None if numbering == "book" else text.scope
            for marker in MARKER_RE.finditer(text.text):
                if marker.start() == 0:
                    continue  # a footnote's own number (a note block kept as a paragraph)
                key = marker.group().translate(TO_ASCII)
                found = _take(pool[(scope, key)], text.order)
                if found is None and "-" in key:
                    parts = [_take(pool[(scope, part)], text.order) for part in key.split("-")]
                    found_parts = [note for note in parts if note]
                    if len(found_parts) == len(parts):
                        text.refs.append(
                            (marker.start(), marker.end(), [n.record["id"] for n in found_parts])
                        )
                        continue
                    for note in found_parts:
                        note.linked = False
                if found is None:
                    context = _context(text.text, marker.start()) + marker.group()
                    self.review.append(
                        Review(
                            "marker_without_note", text.line, context, f"no note {key} found for this marker"
                        )
                    )
                else:
                    text.refs.append((marker.start(), marker.end(), [found.record["id"]]))
            self._link_symbol_markers(text, pool, scope)
        for note in self.notes:
            if not note.linked and not self._link_plain_marker(note):
                note.record["unlinked"] = True
                self.review.append(
                    Review(
                        "note_without_marker",
                        note.record["first_line"],
                        note.record["text"][:80],
                        "marker not found",
                    )
                )
        return numbering

    def _link_symbol_markers(
        self, text: _Text, pool: dict[tuple[str | None, str], list[_Note]], scope: str | None
    ) -> None:
        """Link symbol markers (``*``, ``†``, ``‡``) like numbers: to the nearest free note after them.

        Symbols restart on every page, so a paragraph a page break cut may hold the same symbol
        twice, once for each page's note. A ``*`` that closes an emphasis is not a marker.
        """
        if not any(symbol in text.text for symbol in SYMBOL_CHARACTERS):
            return
        emphasis, position = False, 0  # whether an emphasis opened by ``*`` is open
        for marker in SYMBOL_MARKER_RE.finditer(text.text):
            key = marker.group("symbol")
            emphasis ^= text.text[position : marker.start()].replace("**", "").count("*") % 2 == 1
            position = marker.end()
            if key.startswith("*") and emphasis:
                emphasis = False  # this one closes the emphasis
                continue
            if not any(not note.linked for note in pool.get((scope, key), ())):
                continue
            found = _take(pool[(scope, key)], text.order)
            if found is not None:
                text.refs.append((marker.start(), marker.end(), [found.record["id"]]))

    def _link_plain_marker(self, note: _Note) -> bool:
        """Link a note to the one plain marker just above it.

        The marker is either digits the OCR did not read as superscript (``…Holland" 87``) or a
        symbol such as an asterisk (``…White House.*``) that closes no emphasis.
        """
        if note.key.isdigit():
            pattern = re.compile(rf"(?<=[.,;:!?\"\u201d\u2019)\]]) ?{note.key}(?=\s|$)")
        elif note.key in SYMBOL_NAMES:
            pattern = re.compile(rf"(?<=[\w.,;:!?\"\u201d\u2019)\]]){re.escape(note.key)}(?=\s|$)")
        else:
            return False
        earlier = [
            t for t in self.texts if t.scope == note.scope and t.order < note.order and t.key == "parts"
        ]
        for text in reversed(earlier[-PLAIN_MARKER_LOOKBACK:]):
            found = [
                m
                for m in pattern.finditer(text.text)
                if not _inside(m.start(), text.refs)
                and text.text[: m.start()].replace("**", "").count("*") % 2 == 0
            ]
            if len(found) == 1:
                marker = found[0]
                text.refs.append((marker.start(), marker.end(), [note.record["id"]]))
                note.linked = True
                if not note.key.isdigit():
                    return True
                before = _context(text.text, marker.start()) + marker.group()
                self.changes.append(
                    Change(
                        STAGE,
                        "plain_digit_marker",
                        text.line,
                        before,
                        before[: -len(marker.group())],
                        f"note marker printed as plain digits linked to note {note.key}",
                    )
                )
                self.review.append(
                    Review(
                        "plain_digit_marker", text.line, before, f"linked to note {note.key} on weak evidence"
                    )
                )
                return True
        return False

    def _split_breaks(self, part: Any) -> list[Any]:
        """A text part split at its page-break marks into text and ``{"pb": …}`` parts."""
        if not isinstance(part, str) or not BREAK_RE.search(part):
            return [part]
        pieces: list[Any] = []
        position = 0
        for mark in BREAK_RE.finditer(part):
            if mark.start() > position:
                pieces.append(part[position : mark.start()])
            pieces.append(_break_part(self.breaks[ord(mark.group()) - BREAK_BASE]))
            position = mark.end()
        if position < len(part):
            pieces.append(part[position:])
        return pieces

    def _render(self, text: _Text) -> None:
        """Split ``text`` at its resolved markers into parts."""
        parts: list[Any] = []
        position = 0
        for start, end, identifiers in sorted(text.refs):
            if start > position:
                parts.append(text.text[position:start])
            parts.extend({"note": identifier} for identifier in identifiers)
            position = end
        if position < len(text.text):
            parts.append(text.text[position:])
        parts = [piece for part in parts for piece in self._split_breaks(part)]
        if text.key == "title_parts" and not text.refs:
            return
        text.owner[text.key] = parts


def _item_text(item: dict[str, Any]) -> str:
    """The text parts of an item."""
    return "".join(part for part in item.get("parts", []) if isinstance(part, str))


def _lift(line: str) -> tuple[str, str]:
    """The page-break marks at the start of ``line`` and the rest of it."""
    lead = LEAD_BREAKS_RE.match(line)
    assert lead is not None
    return lead.group(), line[lead.end() :]


def _continues_entry(previous: str, text: str) -> bool:
    """Whether a chronology line continues the entry before it (cut by a page break).

    It does when it starts in lower case, or when it has no date and the entry before it
    does not end a sentence.
    """
    plain = BREAK_RE.sub("", text)
    if plain[:1].islower():
        return True
    ended = BREAK_RE.sub("", previous).rstrip().endswith((".", "!", "?", '"', "\u201d", ")"))
    return split_entry(plain) is None and not ended


def _break_part(item: PageBreak) -> dict[str, Any]:
    """A page break as ``structure.json`` records it."""
    part: dict[str, Any] = {"pb": item.n, "line": item.line, "evidence": item.evidence}
    if item.printed is not None:
        part["printed"] = True
    if item.in_word:
        part["in_word"] = True
    return part


def _heading_convention(headings: list[Heading], from_contents: bool) -> Review:
    """How the headings are printed (their labels) and where they were found, for the QA report."""
    labels = Counter(heading.label.split()[0] for heading in headings if heading.label)
    chapters = sum(heading.level == 1 for heading in headings)
    summary = f"{chapters} top-level headings, {len(headings) - chapters} sections; labels: " + (
        ", ".join(f"{word} ({count})" for word, count in labels.items()) or "none"
    )
    evidence = "matched to the printed contents" if from_contents else "by their form alone (no contents)"
    return Review("layout_headings", headings[0].line, summary, evidence)


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


def _nest_under_parts(entries: list[ContentsEntry], divisions: list[dict[str, Any]]) -> None:
    """Put the contents entries of a part's chapters (and of their sections) a level below the part's
    entry, where the printed contents sets them at the same level (it shows parts by their labels)."""
    part_of: dict[str, str] = {}  # chapter or section id → the id of the part holding it
    for part in divisions:
        for chapter in part.get("chapters", []):
            part_of[chapter] = part["id"]
    for division in divisions:
        if division["id"] in part_of:
            part_of.update({section["id"]: part_of[division["id"]] for section in division["sections"]})
    part_level = {entry.target: entry.level for entry in entries if entry.target in part_of.values()}
    shift = {
        part: 1
        for part, level in part_level.items()
        if any(entry.level <= level for entry in entries if part_of.get(entry.target or "") == part)
    }
    for entry in entries:
        entry.level += shift.get(part_of.get(entry.target or "", ""), 0)


def _numbering(notes: list[_Note]) -> str:
    """``"division"``, ``"book"`` or ``"page"``: how the printed note numbers run."""
    sequences: dict[str | None, list[int]] = defaultdict(list)
    for note in notes:
        first = note.key.split("-")[0]
        if first.isdigit():
            sequences[note.scope].append(int(first))
    runs = [numbers for numbers in sequences.values() if numbers]
    total = sum(len(numbers) for numbers in runs)
    restarts = sum(1 for numbers in runs for a, b in pairwise(numbers) if b < a)
    if restarts >= 3 and restarts * 20 >= total:
        return "page"
    continued = sum(1 for a, b in pairwise(runs) if b[0] > a[-1])
    restarted = sum(1 for numbers in runs[1:] if numbers[0] <= 2)
    return "book" if continued > restarted else "division"


def _take(candidates: list[_Note], order: int) -> _Note | None:
    """The nearest unlinked note printed at or after ``order`` (else the last one before it)."""
    free = [note for note in candidates if not note.linked]
    after = [note for note in free if note.order >= order]
    chosen = after[0] if after else (free[-1] if free else None)
    if chosen:
        chosen.linked = True
    return chosen


def _context(text: str, end: int, width: int = 40) -> str:
    """Some whole words of ``text`` before position ``end``."""
    start = max(0, end - width)
    if start:
        start = text.find(" ", start) + 1 or start
    return text[start:end]


def _inside(position: int, refs: list[tuple[int, int, list[str]]]) -> bool:
    """Whether ``position`` lies in a marker already resolved."""
    return any(start <= position < end for start, end, _ in refs)


def _first_line(block: Block) -> str:
    """The first line of a block."""
    return block.text.split("\n", 1)[0]


def _is_caps(text: str) -> bool:
    """Whether ``text`` has letters, at least three, all in capitals (digits and years aside)."""
    letters = [c for c in plain_text(text) if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _is_subtitle(text: str) -> bool:
    """A short parenthesis on its own, such as ``(March-November 1918)``."""
    plain = plain_text(text)
    return len(plain) <= MAX_SUBTITLE_CHARS and bool(PARENTHETICAL_RE.match(plain))


def _is_title_case(text: str) -> bool:
    """A short line whose every significant word is capitalised, without final punctuation."""
    words = [w for w in re.findall(r"[^\W\d_][\w'\u2019-]*", text) if w.lower() not in MINOR_WORDS]
    if len(words) < 2 or len(text) > MAX_HEADING_CHARS // 3 or text.endswith((".", ",", ";", ":", "!", "?")):
        return False
    return all(word[0].isupper() for word in words) and text[0].isupper()


def _is_numbered(lines: list[str]) -> bool:
    """``1. …`` lines numbered one after the other."""
    numbers = [NUMBERED_RE.match(line) for line in lines]
    if not all(numbers):
        return False
    values = [int(number.group("n")) for number in numbers if number]
    return all(b == a + 1 for a, b in pairwise(values))


def main(argv: list[str] | None = None) -> int:
    """Command line: ``--input repaired.json --output structure.json``."""

    def configure(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--input", required=True, help="build/<book>/repaired.json")
        parser.add_argument("--output", required=True, help="build/<book>/structure.json")
        parser.add_argument(
            "--metadata",
            help="build/<book>/metadata.json or raw/<book>.yaml, for its layout settings (optional)",
        )

    def work(args: argparse.Namespace) -> str:
        layout = load_layout(args.metadata)
        data = read_stage_input(args.input, "repair")
        try:
            blocks = [Block.from_dict(block) for block in data["blocks"]]
        except (KeyError, TypeError) as error:
            raise InputError(args.input, f"not a repaired.json file: {error!r}") from None
        structure = build_structure(blocks, layout)
        write_json(args.output, structure)
        divisions = structure["divisions"]
        sections = sum(len(division["sections"]) for division in divisions)
        notes = sum(len(division["notes"]) for division in divisions)
        return (
            f"{len(divisions)} divisions, {sections} sections, {notes} notes, "
            f"{len(structure['review'])} review items"
        )

    return run_stage("structure", configure, work, argv)


if __name__ == "__main__":
    sys.exit(main())
