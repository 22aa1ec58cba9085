"""The reader of OCR wrapped as printed: one line per printed line, no blank line between
paragraphs, pages separated by runs of blank lines or form feeds.

A page is cut into blocks as the first book's OCR would have cut it: one block per paragraph,
heading line or page-edge furniture line (a bare page number, a short line in capitals at the
page top), so the repairs (furniture, notes, page-break joins) see a page as they see one there.

A paragraph ends where its last line shows it (:mod:`pipeline.readers.line_ends`), where a single
blank line stands, or before a heading line (a few words in capitals, or ``CHAPTER …``). Its lines
are joined with a space (where each starts is kept, for the raw line
of any place); a line ending in a hyphen keeps its line end (``foun-\\ndation``) for the repair
stage to decide on the book's vocabulary (:func:`pipeline.repair.hyphenation.rejoin_inline_hyphenation`).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import replace

from pipeline.lazy_re import lazy_compile
from pipeline.model import Block
from pipeline.model.blocks import CENTRED_LINE, LARGER_TYPE_LINE, LONE_LINE, SET_APART
from pipeline.model.pages import Line, Reading
from pipeline.readers.evidence import page_findings
from pipeline.readers.geometry import PLACED_FURNITURE, PLACED_NOTES, LineGeometry
from pipeline.readers.line_ends import (
    MIN_BOUND_LINES,
    SHORT_LINE_SHARE,
    LineHabits,
    bound_short,
    ends_paragraph,
    finished,
    goes_on_lower,
    learn_line_habits,
    line_bound,
    room,
    runs_on,
    type_grows,
)
from pipeline.readers.page_foot import (
    SET_APART_NOTES,
    FootHabits,
    NoteType,
    continued_note_top,
    foot_class,
    foot_note_zone,
    is_foot_title,
    learn_foot_habits,
    note_ends,
    note_groups,
    set_apart_openings,
)
from pipeline.text.captions import (
    PARENTHESISED_LINE_RE,
    is_credit_line,
    is_figure_label,
    names_picture,
    numbers_figure,
)
from pipeline.text.headings import (
    ARABIC_PAGE_NUMBER,
    HEADING_WORD_RE,
    PAGE_NUMBER_LINE_RE,
    YEAR_SPAN_LINE_RE,
    is_capitals,
    is_mostly_capitals,
)
from pipeline.text.punctuation import FORM_FEED, PAGE_BREAK_BLANKS, ends_glued, ends_sentence
from pipeline.text.widths import MEASURE_SHARE, length_percentile, printed_length

MIN_MEASURED_LINES = 5  # a page with fewer lines is measured on the whole book
HEADING_MAX_WORDS = 10
RUNNING_HEAD_RE = lazy_compile(rf"^(?:{ARABIC_PAGE_NUMBER}\s+)?\D+?(?:\s+{ARABIC_PAGE_NUMBER})?\.?$")
MAX_FOOT_LINES = 3  # a page number, a running title and a signature mark
HYPHEN_END_RE = lazy_compile(r"[^\W\d_]-$")  # a word broken at the line end
MAX_PLATE_LINES = 12  # a plate's page holds a few caption lines at most
MAX_CAPTION_RUN_LINES = 6  # a caption standing apart on a page of text: a few lines
MIN_RUN_ON_WORDS = 3  # a page's last line that shows the text going on: more than a catchword
MIN_PLATES = 2  # this many plates shown by a credit or the text running across them: the book has plates
# A sentence ending on a line that left room for the next line's first word and this many characters
# more ends its paragraph, where structured OCR placed the line (a ragged edge's room is a word's)
ROOM_SLACK = 2
LINEATED = "lines set on their own (a table, an address), kept a line each"


def split_wrapped_lines(text: str, first_line: int = 1) -> list[Block]:
    """Return the blocks of ``text`` read as wrapped lines: paragraphs, headings, footnotes and
    page-edge lines; the first block of every page after the first has ``page_break_before``.

    Line numbers are 1-based raw lines, as in :func:`pipeline.readers.paragraph_lines.split_blocks`.
    """
    return read_wrapped_lines(text, first_line).blocks


def read_wrapped_lines(text: str, first_line: int = 1, geometry: LineGeometry | None = None) -> Reading:
    """The blocks of ``text`` (:func:`split_wrapped_lines`), its pages and what the page analysis
    learned of the book; where structured OCR gave the lines' places (``geometry``), its decisions
    (furniture, paragraph starts, footnotes, headings) are taken from them."""
    pages = split_pages(text, first_line)
    page_lines = [[line for run in page for line in run] for page in pages]
    book_measure = measure([line for lines in page_lines for line in lines])
    habits = learn_foot_habits(page_lines)
    measures = [page_measure(page, book_measure) for page in pages]
    line_habits = learn_line_habits(pages, measures)
    plates = plate_pages(pages)
    blocks: list[Block] = []
    note_open = False  # the last page of text ended in a note left unfinished
    for number, page in enumerate(pages):
        if number in plates:
            page_blocks = [plate_block(run) for run in page]
        else:
            page_blocks = read_page(page, measures[number], habits, line_habits, note_open, geometry)
            notes = [block for block in page_blocks if block.kind == "note"]
            note_open = bool(notes) and not note_ends(notes[-1].text)
        if number and page_blocks:
            page_blocks[0] = replace(page_blocks[0], page_break_before=True)
        blocks += page_blocks
    findings = page_findings(page_lines, blocks, habits, book_measure, text.count(FORM_FEED))
    return Reading(blocks, len(pages), findings + (geometry.findings if geometry else []))


def split_pages(text: str, first_line: int = 1) -> list[list[list[Line]]]:
    """The pages of ``text``, each a list of runs of non-blank lines (a single blank line
    separates runs; :data:`PAGE_BREAK_BLANKS` blank lines or a form feed separate pages)."""
    pages: list[list[list[Line]]] = [[]]
    run: list[Line] = []
    blanks = 0
    for number, line in enumerate(text.split("\n"), start=first_line):
        if FORM_FEED in line:
            blanks = PAGE_BREAK_BLANKS
            line = line.replace(FORM_FEED, "")
        if not line.strip():
            blanks += 1
            continue
        if blanks and run:
            pages[-1].append(run)
            run = []
        if blanks >= PAGE_BREAK_BLANKS and pages[-1]:
            pages.append([])
        blanks = 0
        run.append(Line(number, line))
    if run:
        pages[-1].append(run)
    return [page for page in pages if page]


def measure(lines: Sequence[Line]) -> float:
    """The typical length of a full line: :data:`~pipeline.text.widths.MEASURE_SHARE` of the printed lengths
    (:func:`pipeline.text.widths.printed_length`) of the lines."""
    return length_percentile((text for _, text in lines), MEASURE_SHARE)


def page_measure(page: Sequence[Sequence[Line]], book_measure: float) -> float:
    """The measure of a page's lines not in capitals (headings, printed wider), or of all its lines
    where it has too few of those (a page of titles), or the book's where it has too few lines."""
    lines = [line for run in page for line in run]
    prose = [line for line in lines if not is_mostly_capitals(line[1])]
    for measured in (prose, lines):
        if len(measured) >= MIN_MEASURED_LINES:
            return measure(measured)
    return book_measure


def is_heading_line(text: str) -> bool:
    """A line of a few words in capitals (perhaps a word the printer set in lower case: ``&c.``),
    one opening with ``CHAPTER``, ``PART``, ``APPENDIX`` …, or a span of years alone (the title
    under a chapter label: ``1843—1846``)."""
    line = text.strip()
    return bool(HEADING_WORD_RE.match(line) or YEAR_SPAN_LINE_RE.match(line)) or (
        len(line.split()) <= HEADING_MAX_WORDS and is_mostly_capitals(line)
    )


def is_title_under_label(label: str, text: str) -> bool:
    """Line ``text``, under a heading opened by a division's label (``CHAPTER III.``), is its title
    however many words it has: in capitals, ending with a stop (``THE SUPPLY OF AN ARMY IN FRONT OF
    THE L. OF C.``; a paragraph's first words set in capitals go on after the line)."""
    line = text.strip()
    return bool(HEADING_WORD_RE.match(label.strip())) and is_mostly_capitals(line) and ends_sentence(line)


def is_caption_line(text: str) -> bool:
    """A line a plate's caption may hold: a title in capitals that names no division (not
    ``CHAPTER …``), a bare page number, a label (``Plate 4.``, ``Page 138.``), a credit in
    parentheses (``(From a photograph …)``) or an engraved plate's imprint
    (:mod:`pipeline.text.captions`)."""
    line = text.strip()
    return (
        bool(PARENTHESISED_LINE_RE.match(line) or PAGE_NUMBER_LINE_RE.match(line))
        or is_figure_label(line)
        or is_credit_line(line)
        or (is_mostly_capitals(line) and not HEADING_WORD_RE.match(line))
    )


def plate_pages(pages: Sequence[Sequence[Sequence[Line]]]) -> set[int]:
    """The pages of plates: at most :data:`MAX_PLATE_LINES` lines, all caption lines
    (:func:`is_caption_line`), one of them a title in capitals or a label, between two pages of
    prose (:data:`MIN_MEASURED_LINES` lines of another kind each), as a plate is bound in between
    two pages of text; and a caption's by what a line of it says (a credit, a label, what the
    picture was made from: :func:`pipeline.text.captions.names_picture`) or by the text going on
    across it (the page before ends mid-sentence: :func:`ends_mid_sentence`, or the next page's
    prose opens in lower case), not a title page or a division's. Where
    :data:`MIN_PLATES` pages or more are plates by that evidence, the book has plates: every such
    page between two pages of prose is one."""
    lines = [[text.strip() for run in page for _, text in run] for page in pages]
    prose = [[text for text in page if not is_caption_line(text)] for page in lines]
    captions = {
        number
        for number in range(1, len(pages) - 1)
        if not prose[number]
        and len(lines[number]) <= MAX_PLATE_LINES
        and any(is_mostly_capitals(text) or is_figure_label(text) for text in lines[number])
        and len(prose[number - 1]) >= MIN_MEASURED_LINES <= len(prose[number + 1])
    }
    shown = {
        number
        for number in captions
        if any(map(names_picture, lines[number]))
        or ends_mid_sentence(prose[number - 1][-1])
        or goes_on_lower(prose[number + 1][0])
    }
    return captions if len(shown) >= MIN_PLATES else shown


def ends_mid_sentence(text: str) -> bool:
    """A line of :data:`MIN_RUN_ON_WORDS` words or more that ends mid-sentence
    (:func:`pipeline.readers.line_ends.finished`): not a catchword (the next page's first word,
    printed alone at a page's foot)."""
    return len(text.split()) >= MIN_RUN_ON_WORDS and not finished(text)


def plate_block(run: Sequence[Line]) -> Block:
    """The block of a run of a plate's caption lines, a line each, marked as a plate's
    (``extra["plate"]``): no heading, and no paragraph's end (the page-break repair joins a
    paragraph across it)."""
    block = lineated_block(run)
    return replace(block, extra={"plate": "a page of caption lines between two pages of text"})


def caption_block(run: Sequence[Line], reason: str) -> Block:
    """The block of a caption standing apart on a page of text, a line each, with why it is one
    (``extra["caption"]``): no heading, and no paragraph's end."""
    return replace(lineated_block(run), extra={"caption": reason})


def is_edge_furniture(text: str, page_measure: float) -> bool:
    """A bare page number, or a short line in capitals perhaps with a page number at one end (its
    characters counted, not weighed: running heads are often set in small capitals)."""
    line = text.strip()
    if PAGE_NUMBER_LINE_RE.match(line):
        return True
    return (
        len(line) < SHORT_LINE_SHARE * page_measure
        and is_capitals(line)
        and bool(RUNNING_HEAD_RE.match(line))
    )


def read_page(
    page: Sequence[Sequence[Line]],
    page_measure: float,
    habits: FootHabits,
    line_habits: LineHabits,
    note_open: bool = False,
    geometry: LineGeometry | None = None,
) -> list[Block]:
    """The blocks of one page: its edge furniture lines and signature mark
    (:mod:`pipeline.readers.foot_furniture`), headings, paragraphs and footnotes
    (:mod:`pipeline.readers.page_foot`), first the rest of a note the page before left unfinished
    (``note_open``) where the foot goes on with it (:func:`continued_note_block`); the page's foot
    lines (page number, running title) and its signature mark, wherever the page has it (above the
    notes too), come last. Where ``geometry`` has the page's lines, furniture and footnotes are
    also found by their place and type (:class:`pipeline.readers.geometry.LineGeometry`)."""
    marks = [line for run in page for line in run if line[0] in habits.signatures]
    runs = [kept for run in page if (kept := [line for line in run if line not in marks])]
    if not runs:
        return [foot_block(line, habits) for line in marks]
    edges = geometry.furniture if geometry else {}
    top = [runs[0].pop(0)] if is_edge_line(runs[0][0], page_measure, habits) or runs[0][0][0] in edges else []
    foot: list[Line] = []
    while (
        runs[-1]
        and len(foot) < MAX_FOOT_LINES
        and (is_foot_line(runs[-1][-1], page_measure, habits) or runs[-1][-1][0] in edges)
    ):
        foot.insert(0, runs[-1].pop())
    notes: list[Line] = []
    lines = [line for run in runs for line in run]
    zone = geometry.note_zone(lines) if geometry else None
    by_geometry = zone is not None
    placed = PLACED_NOTES if by_geometry else None
    if zone is None:
        zone = foot_note_zone(lines, habits)
        placed = habits.placed_notes(lines[zone][0]) if zone is not None else None
    if zone is not None:
        runs, notes = cut_lines(runs, zone)
    continued: list[Line] = []
    foot_top = len(lines) if zone is None else zone
    going_on = continued_note_top(lines, foot_top, habits.note_type) if note_open else None
    if going_on is not None:
        runs, continued = cut_lines(runs, going_on)
    notes, after = notes_before_heading(notes)
    foot += marks
    blocks = [foot_block(line, habits, geometry) for line in top]
    blocks += read_runs(runs, page_measure, line_habits, geometry)
    blocks += [continued_note_block(continued)] if continued else []
    openings: Mapping[int, bool] | None = geometry.note_openings if geometry and by_geometry else None
    if placed == SET_APART_NOTES:
        openings = set_apart_openings(notes)  # (each run between blank lines a note)
    blocks += note_blocks(notes, habits.note_type, placed, openings)
    blocks += read_runs([after], page_measure, line_habits, geometry) if after else []
    return blocks + [foot_block(line, habits, geometry) for line in foot]


def notes_before_heading(notes: Sequence[Line]) -> tuple[list[Line], list[Line]]:
    """The lines of a page's notes up to a division's label below them (``APPENDIX II.``,
    :data:`~pipeline.text.headings.HEADING_WORD_RE`), and the lines from it: no note goes on into
    a heading, which the page printed after its notes."""
    end = next(
        (at for at, (_, text) in enumerate(notes) if at and HEADING_WORD_RE.match(text.strip())), len(notes)
    )
    return list(notes[:end]), list(notes[end:])


def is_caption_run(run: Sequence[Line]) -> bool:
    """A run of lines standing apart on a page of text that is a picture's caption: a few caption
    lines (:func:`is_caption_line`), one opening with a figure's number (``Fig. 3.``), or one a title
    in capitals and one a credit (:func:`pipeline.text.captions.is_credit_line`)."""
    texts = [text.strip() for _, text in run]
    return (
        len(texts) <= MAX_CAPTION_RUN_LINES
        and all(map(is_caption_line, texts))
        and (
            any(map(numbers_figure, texts))
            or (any(map(is_mostly_capitals, texts)) and any(map(is_credit_line, texts)))
        )
    )


def read_runs(
    runs: Sequence[Sequence[Line]],
    page_measure: float,
    habits: LineHabits,
    geometry: LineGeometry | None = None,
) -> list[Block]:
    """The blocks of a page's runs of lines (:func:`read_run`); a caption standing apart among them
    (:func:`is_caption_run`) is a block of its own (``extra["caption"]``, a line each); where the
    text goes on across it (the run before ends mid-sentence or the run after opens in lower case:
    :func:`runs_across`), the runs on either side are read as one, and the caption follows the
    paragraph it stood in."""
    captions = {index for index, run in enumerate(runs) if len(runs) > 1 and is_caption_run(run)}
    blocks: list[Block] = []
    prose: list[Line] = []
    held: list[Sequence[Line]] = []  # the captions standing in ``prose``, after its line ``seam``
    seam = 0
    for index, run in enumerate(runs):
        if index in captions:
            held.append(run)
            continue
        if prose and held and not seam and runs_across(prose[-1][1], run[0][1]):
            seam = run[0][0]
            prose += run
            continue
        blocks += read_held(prose, held, seam, page_measure, habits, geometry)
        prose, held, seam = list(run), [], 0
    return blocks + read_held(prose, held, seam, page_measure, habits, geometry)


def runs_across(last: str, following: str) -> bool:
    """The text goes on from line ``last`` to line ``following`` across what stands between them:
    ``last`` ends mid-sentence, or ``following`` opens in lower case."""
    return not finished(last) or goes_on_lower(following)


def read_held(
    prose: Sequence[Line],
    held: Sequence[Sequence[Line]],
    seam: int,
    page_measure: float,
    habits: LineHabits,
    geometry: LineGeometry | None = None,
) -> list[Block]:
    """The blocks of ``prose`` (:func:`read_run`) and the captions ``held`` after it; where the
    prose runs on across them from raw line ``seam``, they follow the paragraph holding that line."""
    blocks = read_run(prose, page_measure, habits, geometry) if prose else []
    reason = "a few caption lines standing apart on a page of text, with a figure's number or a credit"
    at = len(blocks)
    if seam:
        at = next((i + 1 for i, block in enumerate(blocks) if block.last_line >= seam), at)
        reason += f"; the paragraph it stood in goes on at line {seam}, and it follows that paragraph"
    return blocks[:at] + [caption_block(run, reason) for run in held] + blocks[at:]


def is_edge_line(line: Line, page_measure: float, habits: FootHabits) -> bool:
    """Whether a line opening a page is furniture: edge furniture (:func:`is_edge_furniture`) or a
    title the page foot analysis found repeated there."""
    return line[0] in habits.edge_titles or is_edge_furniture(line[1], page_measure)


def is_foot_line(line: Line, page_measure: float, habits: FootHabits) -> bool:
    """Whether a line ending a page is furniture: a running title the book prints at its page
    feet, a title or page number the page foot analysis found there, or edge furniture
    (:func:`is_edge_furniture`)."""
    return is_foot_title(line[1], habits) or is_edge_line(line, page_measure, habits)


def foot_block(line: Line, habits: FootHabits, geometry: LineGeometry | None = None) -> Block:
    """The block of a page's edge line (its foot, or its top); a signature mark or a running title
    the book prints at its page feet, or a title and page number found at a page edge, carries its
    class and evidence (``extra["furniture"]``, :func:`foot_class`), for the furniture repair to
    remove it; so does a line the page's geometry sets apart in the book's header or footer band
    (:data:`~pipeline.readers.geometry.PLACED_FURNITURE`, whose page number the furniture repair
    still reads)."""
    block = line_block([line])
    found = foot_class(line, habits)
    if found is None and geometry is not None and line.number in geometry.furniture:
        found = {"kind": PLACED_FURNITURE, "evidence": geometry.furniture[line.number]}
    return block if found is None else replace(block, extra={**block.extra, "furniture": found})


def cut_lines(runs: Sequence[Sequence[Line]], index: int) -> tuple[list[list[Line]], list[Line]]:
    """The runs of a page's lines before line ``index`` (counted through the runs), and the lines from it."""
    before: list[list[Line]] = []
    after: list[Line] = []
    seen = 0
    for run in runs:
        keep = max(0, min(len(run), index - seen))
        if keep:
            before.append(list(run[:keep]))
        after += run[keep:]
        seen += len(run)
    return before, after


def continued_note_block(lines: Sequence[Line]) -> Block:
    """The rest of a note the page before left unfinished, printed without a marker at the top of
    this page's foot (:func:`pipeline.readers.page_foot.continued_note_top`): a note block saying
    so (``extra["continues"]``), for the repairs to append to that note."""
    evidence = (
        "lines set in the notes' type at the top of the page's foot, opening in lower case, after a "
        "page whose last note ends mid-sentence"
    )
    block = line_block(lines)
    return replace(block, kind="note", extra={**block.extra, "continues": evidence})


def note_blocks(
    lines: Sequence[Line],
    note_type: NoteType | None = None,
    placed: str | None = None,
    openings: Mapping[int, bool] | None = None,
) -> list[Block]:
    """The footnotes of a page's foot, a note block each (:func:`note_groups`, where the notes'
    smaller type ``note_type`` is known). Where the page's layout ``placed`` them (its geometry, or
    the book's habits: the reason), each says so (``extra["placed"]``: a number with a stop opens
    such a note, not a list's item); where the lines' places tell where a note opens (``openings``,
    by raw line: their indents, or the blank lines setting notes apart), they decide."""
    notes = [replace(line_block(group), kind="note") for group in note_groups(lines, note_type, openings)]
    if placed is None:
        return notes
    return [replace(note, extra={**note.extra, "placed": placed}) for note in notes]


def read_run(
    run: Sequence[Line], page_measure: float, habits: LineHabits, geometry: LineGeometry | None = None
) -> list[Block]:
    """The blocks of a run of lines with no blank line between them: :func:`read_prose` of each
    stretch of prose, and one block of each stretch of :data:`MIN_BOUND_LINES` or more lines set on
    their own (:func:`pipeline.readers.line_ends.line_bound`: a table, an address), a line each,
    marked so (``extra["lineated"]``); the first of them goes with the paragraph before if that runs
    on into it."""
    blocks: list[Block] = []
    bound = bound_lines([text for _, text in run], page_measure)
    bound = [is_bound and not _set_apart(line, geometry) for is_bound, line in zip(bound, run, strict=True)]
    start = 0
    for is_bound, group in itertools.groupby(range(len(run)), key=bound.__getitem__):
        indices = list(group)
        if indices[0] and not finished(run[indices[0] - 1][1]):
            indices = indices[1:]  # the last line of the paragraph before
        if is_bound and len(indices) >= MIN_BOUND_LINES:
            blocks += read_prose(run[start : indices[0]], page_measure, habits, geometry)
            block = lineated_block(run[indices[0] : indices[-1] + 1])
            blocks.append(replace(block, extra={"lineated": LINEATED}))
            start = indices[-1] + 1
    return blocks + read_prose(run[start:], page_measure, habits, geometry)


def bound_lines(texts: Sequence[str], page_measure: float) -> list[bool]:
    """Which lines of a run are set on their own: those :func:`pipeline.readers.line_ends.line_bound`
    finds (not heading lines), and a short line ending a sentence that stands between two of them or
    closes :data:`MIN_BOUND_LINES` of them without running on (a table's row ``ounces.``, its total
    ``99*47 per cent.”``, an address's last line)."""
    following = [*texts[1:], ""][: len(texts)]  # the line after each, "" at the end
    headings = [is_heading_line(text) for text in texts]
    bound = [
        line_bound(text, after, page_measure) and not heading
        for text, after, heading in zip(texts, following, headings, strict=True)
    ]
    for index, text in enumerate(texts):
        if bound[index] or headings[index] or not (ends_sentence(text) and bound_short(text, page_measure)):
            continue
        before = bound[max(0, index - MIN_BOUND_LINES) : index]
        closes = len(before) == MIN_BOUND_LINES and all(before) and not runs_on(text, following[index])
        between = bool(before) and before[-1] and index + 1 < len(texts) and bound[index + 1]
        bound[index] = closes or between
    return bound


def lineated_block(lines: Sequence[Line]) -> Block:
    """One block of lines set on their own, a line each."""
    return Block("\n".join(line.strip() for _, line in lines), lines[0][0], lines[-1][0])


def read_prose(
    run: Sequence[Line], page_measure: float, habits: LineHabits, geometry: LineGeometry | None = None
) -> list[Block]:
    """The paragraphs and headings of lines of prose: a paragraph ends where its last line shows it
    (:func:`pipeline.readers.line_ends.ends_paragraph`) or where the type grows after it
    (:func:`pipeline.readers.line_ends.type_grows`), or, where ``geometry`` places the next line,
    where that line opens a paragraph by its place; a line in larger type, or centred, is a heading's,
    but where it goes on with the paragraph above it by its place (:func:`_placed_going_on`). The
    lines of a heading over several lines stay one block, a line each. A block the geometry sets apart
    so, or a paragraph of a line alone between wide gaps, says so (``extra["set_apart"]``): a heading
    in the type of the text may be one."""
    blocks: list[Block] = []
    paragraph: list[Line] = []
    heading: list[Line] = []
    texts = [text for _, text in run]
    for index, line in enumerate(run):
        if (
            (_set_apart(line, geometry) or is_heading_line(line[1]))
            and not _placed_going_on(paragraph, line, geometry)
        ) or (heading and is_title_under_label(heading[0][1], line[1])):
            if paragraph:
                blocks.append(paragraph_block(paragraph, page_measure, habits, geometry))
                paragraph = []
            heading.append(line)
            continue
        if heading:
            blocks.append(heading_block(heading, geometry))
            heading = []
        paragraph.append(line)
        following = run[index + 1][1] if index + 1 < len(run) else ""
        placed = geometry.starts_paragraph(run[index + 1].number) if geometry and following else None
        if placed is False and geometry and _ends_short(line, following, geometry):
            placed = True
        ends = (
            placed
            if placed is not None
            else bool(following) and ends_paragraph(line[1], following, page_measure, habits)
        )
        if ends or type_grows(texts, index, page_measure):
            block = paragraph_block(paragraph, page_measure, habits, geometry)
            if geometry and following and _lone_line(paragraph, run[index + 1], geometry):
                block.extra[SET_APART] = LONE_LINE
            blocks.append(block)
            paragraph = []
    if heading:
        blocks.append(heading_block(heading, geometry))
    if paragraph:
        blocks.append(paragraph_block(paragraph, page_measure, habits, geometry))
    return blocks


def _ends_short(line: Line, following: str, geometry: LineGeometry) -> bool:
    """Whether ``line`` ends a sentence short of the measure, where the page's ``geometry`` places
    it: with room for the next line's first word and :data:`ROOM_SLACK` characters more (the line
    was broken before the word would have filled it), and the next line does not go on in lower case."""
    words = following.split(maxsplit=1)
    room = geometry.room.get(line.number)
    return (
        room is not None
        and bool(words)
        and finished(line[1]) == "sentence"
        and not goes_on_lower(following)
        and room >= printed_length(words[0]) + ROOM_SLACK
    )


def _set_apart_by(line: Line, geometry: LineGeometry | None) -> str | None:
    """How the page's ``geometry`` sets ``line`` apart as a heading's: in larger type, or centred;
    ``None`` where it does not."""
    if geometry is None:
        return None
    if line.number in geometry.larger:
        return LARGER_TYPE_LINE
    return CENTRED_LINE if line.number in geometry.centred else None


def _set_apart(line: Line, geometry: LineGeometry | None) -> bool:
    """Whether the page's ``geometry`` sets ``line`` apart as a heading's: in larger type, or centred."""
    return _set_apart_by(line, geometry) is not None


def _lone_line(paragraph: Sequence[Line], following: Line, geometry: LineGeometry) -> bool:
    """Whether a ``paragraph`` is one line the page's ``geometry`` sets apart from the lines around
    it, after a wide gap and before one, as a heading in the type of the text is set."""
    return (
        len(paragraph) == 1 and paragraph[0].number in geometry.spaced and following.number in geometry.spaced
    )


def _placed_going_on(paragraph: Sequence[Line], line: Line, geometry: LineGeometry | None) -> bool:
    """Whether ``line`` goes on with the ``paragraph`` above it, where the page's ``geometry`` places
    it: the paragraph's last line ends mid-sentence, and the line opens none by its place (neither
    set apart by a gap nor indented): a paragraph's last words in capitals (``USSR.``), or read as
    larger type (``by force.``, its few words' boxes tall), not a heading."""
    return (
        geometry is not None
        and bool(paragraph)
        and not finished(paragraph[-1][1])
        and geometry.starts_paragraph(line.number) is False
    )


def paragraph_block(
    lines: Sequence[Line], page_measure: float, habits: LineHabits, geometry: LineGeometry | None = None
) -> Block:
    """A paragraph's block (:func:`line_block`) with the room its last line left for a next word
    (``extra["room"]``, :func:`pipeline.readers.line_ends.room`, or where ``geometry`` places the
    line, :attr:`pipeline.readers.geometry.LineGeometry.room`): whether it ends on a full line;
    and how many characters that line runs past its page's measure (``extra["past_measure"]``,
    negative where it is shorter): a line far past it is set in smaller type. Where it opens a page
    of a book that indents its paragraphs, ``geometry`` tells whether its first line is indented
    (``extra["indented"]``, :attr:`pipeline.readers.geometry.LineGeometry.page_top_indents`)."""
    block = line_block(lines)
    last = lines[-1][1]
    ends = {"room": room(last, page_measure, habits), "past_measure": printed_length(last) - page_measure}
    if geometry is not None and lines[-1].number in geometry.room:
        ends["room"] = geometry.room[lines[-1].number]
    if geometry is not None and lines[0].number in geometry.page_top_indents:
        ends["indented"] = geometry.page_top_indents[lines[0].number]
    return replace(block, extra={**block.extra, **ends})


def line_block(lines: Sequence[Line]) -> Block:
    """One block of printed lines, joined with a space; without one after a dash or a digit's
    hyphen (:func:`ends_glued`) or a hyphen before a non-letter; by a line end where a word is
    broken by a hyphen. Where each line joined without a line end starts is kept
    (``extra["line_starts"]``), for the raw line of any place."""
    text = lines[0][1].strip()
    starts: list[dict[str, int]] = []
    for number, line in lines[1:]:
        line = line.strip()
        if HYPHEN_END_RE.search(text, max(0, len(text) - 3)) and line[:1].isalpha():  # (the end only)
            text += "\n"
        else:
            text += "" if ends_glued(text) or text.endswith("-") else " "
            starts.append({"line": number, "offset": len(text)})
        text += line
    return Block(text, lines[0][0], lines[-1][0], extra={"line_starts": starts} if starts else {})


def heading_block(lines: Sequence[Line], geometry: LineGeometry | None = None) -> Block:
    """One block of heading lines, a line each (as the first book's OCR gives a heading); where the
    page's ``geometry`` sets its first line apart, it says how (``extra["set_apart"]``)."""
    block = Block("\n".join(line.strip() for _, line in lines), lines[0][0], lines[-1][0])
    if by := _set_apart_by(lines[0], geometry):
        block.extra[SET_APART] = by
    return block
