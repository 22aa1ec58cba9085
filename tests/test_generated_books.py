"""Generated books (tests/bookgen.py) through normalise → repair → structure, measured against their truth.

Every layout convention the pipeline claims to handle gets a book of its own (fixed seeds, two page
sizes); each rate must reach 98 %.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest
from bookgen import Convention, GeneratedBook, generate, write_book
from edition_samples import metadata

from pipeline.books import copy_workflow
from pipeline.check import epubcheck_messages
from pipeline.encode import encode_tei
from pipeline.layout import Layout
from pipeline.model import (
    Book,
    Division,
    Heading,
    ListItem,
    Node,
    Note,
    NoteRef,
    PageBreak,
    Paragraph,
    Part,
    Section,
    parts_of,
    read_book,
    walk,
)
from pipeline.normalise import normalise_text
from pipeline.render import render
from pipeline.repair import repair
from pipeline.structure import Structured, build_structure

MIN_RATE = 0.98
WORD_RE = re.compile(r"[^\W_]+")
MARKUP_RE = re.compile(r"[*_]+")

CONVENTIONS = [
    Convention("plain-first-book-like"),
    Convention("heads-with-numbers", seed=2, running_heads="with-number", page_numbers="in-head"),
    Convention("heads-alone-numbers-foot", seed=3, running_heads="alone", page_numbers="foot", width=60),
    Convention("numbers-top-dashed", seed=4, page_numbers="top", number_style="dashed", lines=30),
    Convention("numbers-foot-plain", seed=5, page_numbers="foot", lines=44, width=80),
    Convention("notes-through-book", seed=6, notes="book", page_numbers="foot"),
    Convention("notes-per-page", seed=7, notes="page", running_heads="with-number", page_numbers="in-head"),
    Convention("notes-plain-digits", seed=8, markers="digits"),
    Convention("notes-symbols", seed=9, markers="symbols", page_numbers="foot"),
    Convention("notes-continued", seed=10, continued_notes=True, lines=34),
    Convention("notes-ranges", seed=11, ranges=True),
    Convention("label-chapter-one", seed=12, label="CHAPTER ONE"),
    Convention("label-chapter-arabic", seed=13, label="CHAPTER 1", contents=False),
    Convention("label-title-case", seed=14, label="Chapter 1"),
    Convention("unlabelled", seed=15, label=""),
    Convention("parts", seed=16, parts=True),
    Convention("multiline-bold-titles", seed=17, multiline_titles=True, bold_titles=True),
    Convention("no-contents", seed=18, contents=False, page_numbers="foot"),
]


def run_pipeline(book: GeneratedBook, layout: Layout | None = None) -> Structured:
    """normalise → repair → structure, as the stage commands run them."""
    layout = layout or Layout()
    text, _ = normalise_text(book.text)
    blocks, _, _ = repair(text, furniture=layout.furniture)
    return build_structure(blocks, layout)


QUOTES = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")


def _clean(text: str) -> str:
    """Whitespace collapsed, curly quotes straight (the normalise stage may curl them)."""
    return " ".join(text.translate(QUOTES).split())


def _plain(parts: list[Part]) -> str:
    return _clean("".join(part for part in parts if isinstance(part, str)))


def _marked(parts: list[Part], note_text: dict[str, str]) -> list[tuple[int, str]]:
    """(offset in the plain text, note text) for every note reference of ``parts``."""
    found, offset = [], 0
    for part in parts:
        if isinstance(part, str):
            offset += len(part)
        elif isinstance(part, NoteRef):
            found.append((offset, _clean(note_text.get(part.note, ""))))
    return found


def measure(book: GeneratedBook, tree: Book) -> dict[str, float]:
    """The rates of one book: paragraphs, notes, headings, furniture, words."""
    nodes = list(walk(tree))
    note_text = {node.id: _plain(node.parts) for node in nodes if isinstance(node, Note)}
    outputs: dict[str, list[list[tuple[int, str]]]] = {}
    for node in nodes:
        if isinstance(node, Paragraph | ListItem):
            outputs.setdefault(_plain(node.parts), []).append(_marked(node.parts, note_text))
    # paragraphs and notes
    found_paragraphs = linked = 0
    markers = 0
    for paragraph in book.paragraphs:
        plain = _clean(paragraph.text)
        truth, offset = [], 0
        for piece in paragraph.pieces:
            if isinstance(piece, str):
                offset += len(piece)
            else:
                truth.append((offset, _clean(book.notes[piece])))
        markers += len(truth)
        candidates = outputs.get(plain)
        if not candidates:
            continue
        found_paragraphs += 1
        got = candidates.pop(0)
        linked += sum(1 for mark in truth if mark in got)
    # headings
    titles = Counter(_norm(node.title) for node in nodes if isinstance(node, Division | Section))
    headings = sum(1 for heading in book.headings if titles[_norm(heading.title)] > 0)
    # furniture
    lines = {node.first_line for node in nodes if not isinstance(node, PageBreak)}
    leaked = sum(1 for line in book.furniture_lines if line in lines)
    # words
    truth_words = Counter()
    for text in [p.text for p in book.paragraphs] + book.notes + [h.title for h in book.headings]:
        truth_words.update(_words(text))
    out_words = Counter()
    for text in _texts(nodes):
        out_words.update(_words(text))
    kept = sum(min(count, out_words[word]) for word, count in truth_words.items())
    return {
        "paragraphs": found_paragraphs / len(book.paragraphs),
        "notes": linked / markers if markers else 1.0,
        "headings": headings / len(book.headings),
        "furniture": 1 - leaked / len(book.furniture_lines) if book.furniture_lines else 1.0,
        "words": kept / sum(truth_words.values()),
    }


def page_numbers_right(book: GeneratedBook, tree: Book) -> float:
    """The share of the book's page breaks marked at the page's first text with its printed number."""
    found = {item.line: item.n for item in _page_breaks(tree)}
    right = sum(1 for line, number in book.page_starts.items() if found.get(line) == str(number))
    return right / len(book.page_starts)


def _page_breaks(tree: Book) -> list[PageBreak]:
    """Every page break of the tree (between items or inside a text)."""
    found = []
    for node in walk(tree):
        found += [node] if isinstance(node, PageBreak) else []
        found += [part for part in parts_of(node) if isinstance(part, PageBreak)]
    return found


def _norm(text: str) -> str:
    return " ".join(WORD_RE.findall(MARKUP_RE.sub("", text).casefold()))


def _words(text: str) -> list[str]:
    return WORD_RE.findall(MARKUP_RE.sub("", text).casefold())


def _texts(nodes: list[Node]) -> list[str]:
    """The book text of the nodes: labels, titles, subtitles, headings, the text of every paragraph,
    list entry and note (each text whole: a page break may split a word)."""
    found = []
    for node in nodes:
        if isinstance(node, Division):
            found += [node.label or "", node.title, node.subtitle or ""]
        elif isinstance(node, Section):
            found.append(node.title)
        elif isinstance(node, Heading):
            found.append(node.text)
        found.append(_plain(parts_of(node)))
    return found


# every convention again on small pages (more breaks, more notes pushed to the next page)
SMALL_PAGES = [
    replace(convention, name=f"{convention.name}-small-pages", seed=convention.seed + 100, lines=24, width=64)
    for convention in CONVENTIONS
]


@pytest.mark.slow
@pytest.mark.parametrize("convention", CONVENTIONS + SMALL_PAGES, ids=lambda convention: convention.name)
def test_generated_book(convention: Convention) -> None:
    book = generate(convention)
    assert book.counts["cut_paragraphs"] >= 3 and 20 <= book.pages <= 60  # the book tests what it should
    if convention.page_numbers != "none" or convention.running_heads != "none":
        assert len(book.furniture_lines) >= book.pages // 2
    if convention.continued_notes:
        assert book.counts["continued_notes"] >= 3
    if convention.ranges:
        assert book.counts["ranges"] >= 3
    tree = run_pipeline(book).tree
    rates = measure(book, tree)
    if convention.page_numbers != "none":
        rates["page numbers"] = page_numbers_right(book, tree)
    low = {name: round(rate, 3) for name, rate in rates.items() if rate < MIN_RATE}
    assert not low, f"{convention.name}: {rates}"


@pytest.mark.slow
def test_running_heads_setting_decides_what_inference_cannot() -> None:
    """Running heads without page numbers, after a paragraph that ended with its page: no evidence
    of a page edge, so some stay in the text, until the metadata lists them."""
    book = generate(Convention("heads-alone-no-numbers", seed=21, running_heads="alone"))
    assert measure(book, run_pipeline(book).tree)["furniture"] < MIN_RATE
    rates = measure(book, run_pipeline(book, Layout(running_heads=book.running_heads)).tree)
    assert min(rates.values()) >= MIN_RATE, rates


@pytest.mark.slow
def test_note_numbering_setting_overrides_inference() -> None:
    book = generate(Convention("notes-per-page", seed=7, notes="page"))
    assert run_pipeline(book).tree.note_numbering == "page"
    structured = run_pipeline(book, Layout(note_numbering="page"))
    assert structured.tree.note_numbering == "page"
    notes = next(item for item in structured.conventions if item.rule == "layout_notes")
    assert "layout setting" in notes.reason


@pytest.mark.slow
def test_generated_book_through_the_workflow(repo_root: Path, tmp_path: Path) -> None:
    """A generated book with layout settings in its metadata, built by the Snakefile in a temp dir."""
    book = generate(Convention("workflow", seed=31, running_heads="with-number", page_numbers="in-head"))
    write_book(book, tmp_path / "raw", "generated", layout={"note_numbering": "per-chapter"})
    copy_workflow(repo_root, tmp_path)
    result = subprocess.run(
        ["snakemake", "--cores", "2", "--quiet", "all"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    tree = read_book(tmp_path / "build" / "generated" / "structure.json", "structure")
    assert min(measure(book, tree).values()) >= MIN_RATE
    report = (tmp_path / "build" / "generated.report.html").read_text(encoding="utf-8")
    assert "Layout conventions found, and the evidence" in report and "page_furniture" in report
    assert (tmp_path / "tei" / "generated.xml").exists() and (tmp_path / "build" / "generated.epub").exists()


@pytest.mark.slow
@pytest.mark.parametrize("contents", [True, False], ids=["contents", "no-contents"])
def test_parts_hold_their_chapters(contents: bool) -> None:
    """``PART I`` above chapters: a part division listing its chapters; chapter ids as without parts."""
    book = generate(Convention("parts", seed=16, parts=True, page_numbers="foot", contents=contents))
    tree = run_pipeline(book).tree
    assert min(measure(book, tree).values()) >= MIN_RATE
    truth: list[tuple[str, str, list[str]]] = []
    for heading in book.headings:
        if heading.level == 0:
            truth.append((heading.label, _norm(heading.title), []))
        elif heading.level == 1:
            truth[-1][2].append(_norm(heading.title))
    titles = {division.id: _norm(division.title) for division in tree.divisions}
    found = [
        (part.label, titles[part.id], [titles[chapter] for chapter in part.chapters or []])
        for part in tree.divisions
        if part.type == "part"
    ]
    assert found == truth
    chapters = [division for division in tree.divisions if division.type == "chapter"]
    assert [(chapter.id, chapter.n) for chapter in chapters] == [
        (f"ch{number:02d}", roman) for number, roman in enumerate(["I", "II", "III", "IV", "V"], start=1)
    ]


@pytest.mark.slow
def test_parts_keep_sections_in_the_navigation(tmp_path: Path) -> None:
    """With parts above the chapters, the EPUB contents still reaches the sections, and each chapter
    is a file of its own (not all of a part's chapters in one)."""
    book = generate(Convention("parts", seed=16, parts=True, page_numbers="foot"))
    root = encode_tei(run_pipeline(book).tree, metadata())
    render(root, tmp_path / "book.epub", tmp_path / "html" / "index.html")
    with zipfile.ZipFile(tmp_path / "book.epub") as epub:
        nav = lxml.html.fromstring(epub.read("EPUB/nav.xhtml"))
        chapters = [
            name for name in epub.namelist() if re.fullmatch(r"EPUB/text/(?:part|chapter)-\d+\.xhtml", name)
        ]
    listed = {_norm(link.text_content()) for link in nav.xpath("//nav[@id='toc']//a")}
    sections = [_norm(heading.title) for heading in book.headings if heading.level == 2]
    assert sections and all(title in listed for title in sections)
    parts_and_chapters = [heading for heading in book.headings if heading.level <= 1]
    assert len(chapters) >= len(parts_and_chapters)
    assert epubcheck_messages(tmp_path / "book.epub") == []


@pytest.mark.slow
def test_contents_nest_chapters_under_their_parts() -> None:
    """The printed contents lists parts and chapters at one level; the edition's contents nests them."""
    book = generate(Convention("parts", seed=16, parts=True, page_numbers="foot", contents=True))
    tree = run_pipeline(book).tree
    level = {entry.target: entry.level for entry in tree.contents}
    parts = [division for division in tree.divisions if division.type == "part"]
    chapters = [division for division in tree.divisions if division.type == "chapter"]
    sections = [section for chapter in chapters for section in chapter.sections]
    assert parts and sections
    assert {level[part.id] for part in parts} == {1}
    assert {level[chapter.id] for chapter in chapters} == {2}
    assert {level[section.id] for section in sections} == {3}
    tei = encode_tei(tree, metadata())
    in_a_part = tei.xpath(
        "//tei:div[@type='contents']/tei:list/tei:item/tei:list/tei:item/tei:ref/@target",
        namespaces={"tei": "http://www.tei-c.org/ns/1.0"},
    )
    assert set(in_a_part) == {f"#{chapter.id}" for chapter in chapters}
