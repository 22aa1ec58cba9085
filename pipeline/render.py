"""Stage ``render``: the TEI edition → an EPUB 3 and an HTML reader edition, through pandoc.

Command line::

    python -m pipeline.render --tei tei/<book>.xml --metadata raw/<book>.yaml \\
        --epub build/<book>.epub --html build/<book>/index.html

The TEI is turned into pandoc's JSON AST directly (text is never re-read as markdown), then
pandoc writes ``epub3`` (one file per chapter, navigation down to the sections, a cover drawn from
the metadata) and ``html5`` (one page, which :mod:`pipeline.reader` splits into a contents page and a
page per division, with ``edition.css``, ``reader.js`` and a search index beside them; pandoc
writes that page's body and its frame in two runs, set together here). The EPUB run, the
longest, goes beside the others. Pandoc numbers notes on its own, so the outputs are finished
here: every note reference shows the printed number and every note starts with a link back to its
reference; the EPUB gets DPUB-ARIA roles beside ``epub:type``, completed landmarks and EPUB
Accessibility 1.1 metadata.
``SOURCE_DATE_EPOCH`` (default: a fixed date) makes builds byte-identical.
Outputs are built in temporary folders and moved into place only when both are complete.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import cache
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

import lxml.html
import pypandoc
from lxml import etree

from pipeline.cli import run_stage
from pipeline.encode import XML_ID, book_identifier, subtitle
from pipeline.inline import TEI_NS, XML_LANG
from pipeline.model import InputError
from pipeline.reader import ASSETS, DPUB_ROLES, split_edition

DEFAULT_SOURCE_DATE_EPOCH = "1704067200"  # 2024-01-01T00:00:00Z
CSS_NAME = "edition.css"
DC_NS = "http://purl.org/dc/elements/1.1/"
XHTML_NS = "http://www.w3.org/1999/xhtml"
XHTML_PROLOG = b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
BLANKS = " \t\r\n"  # not \s: a no-break space is text
SPACES = re.compile(f"[{BLANKS}]+")
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
EMPHASIS = {"italic": "Emph", "bold": "Strong"}
FRONT_HEADINGS = {"titlePage": "Title Pages", "blurb": "About the Book"}
# EPUB structural semantics of the TEI division types (pandoc puts them on the section and the body)
EPUB_TYPES = {"titlePage": "titlepage", "introduction": "introduction", "chapter": "chapter"}
EPUB_TYPES |= {"chronology": "appendix", "part": "part"}
OPF_NS = "http://www.idpf.org/2007/opf"
EPUB_NS = "http://www.idpf.org/2007/ops"
EPUB_TYPE = f"{{{EPUB_NS}}}type"
COVER_NAME = "cover.svg"
# pandoc lays out a standalone page's body inside its template slowly and in much memory (1.5 GB for
# a book of 13 MB of text), so the HTML page is made of two runs: the body alone, and pandoc's own
# template (head, title block, contents) with this mark where the body goes.
BODY_MARK = "<!--pipeline:body-->"
CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"

Json = dict[str, Any]
NO_ATTR: list[Any] = ["", [], []]


# --- pandoc AST ----------------------------------------------------------------------------


def attr(identifier: str = "", classes: list[str] | None = None, **pairs: str) -> list[Any]:
    """A pandoc ``Attr``: identifier, classes, key-value pairs."""
    return [identifier, classes or [], [[key, value] for key, value in pairs.items()]]


def node(kind: str, content: Any = None) -> Json:
    """A pandoc AST element (block, inline or meta value)."""
    return {"t": kind} if content is None else {"t": kind, "c": content}


def single_spaced(text: str) -> str:
    """``text`` with each run of blanks as one space."""
    if "  " not in text and not any(blank in text for blank in "\t\r\n"):
        return text  # as most texts are: looking is far faster than substituting
    return SPACES.sub(" ", text)


def text_inlines(text: str | None) -> list[Json]:
    """Literal text as ``Str`` and ``Space`` inlines.

    The words of one text are one ``Str`` with single spaces between them: pandoc writes a space
    between two words the same either way, and far faster (and in less memory) than one ``Str``
    and one ``Space`` node per word. Spaces at either end stay ``Space`` nodes, for :func:`tidy`.
    """
    if not text:
        return []
    words = single_spaced(text.strip(BLANKS))
    inlines = [node("Str", words)] if words else []
    if text[0] in BLANKS:
        inlines.insert(0, node("Space"))
    if words and text[-1] in BLANKS:
        inlines.append(node("Space"))
    return inlines


def tidy(inlines: list[Json]) -> list[Json]:
    """Merge runs of spaces and drop spaces at both ends (they came from the XML layout)."""
    result: list[Json] = []
    for inline in inlines:
        if inline["t"] == "Space" and (not result or result[-1]["t"] in ("Space", "LineBreak")):
            continue
        if inline["t"] == "LineBreak" and result and result[-1]["t"] == "Space":
            result.pop()
        result.append(inline)
    while result and result[-1]["t"] == "Space":
        result.pop()
    return result


def xml_text(text: str) -> str:
    """``text`` escaped for XML character content (``&``, ``<``, ``>``)."""
    return escape(text, quote=False)


def local(element: etree._Element) -> str:
    """An element's local name; empty for comments and processing instructions."""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def label_text(label: str) -> str:
    """``CHAPTER III`` → ``Chapter III.`` (numbers and mixed-case labels are kept)."""
    word, _, rest = label.strip().partition(" ")
    if word.isupper():
        word = word.capitalize()
    return f"{word} {rest}".strip().rstrip(".") + "."


def roman_to_int(volume: str | int) -> int | None:
    """``"I"`` → 1, ``2`` → 2; ``None`` for anything else."""
    if isinstance(volume, int) or volume.isdigit():
        return int(volume)
    values = [ROMAN.get(char) for char in volume.upper()]
    if not values or None in values:
        return None
    numbers = [value for value in values if value is not None]
    return sum(-n if n < nxt else n for n, nxt in zip(numbers, [*numbers[1:], 0], strict=True))


class _AstBuilder:
    """Walks the TEI ``text`` and builds pandoc blocks."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, element: etree._Element, message: str) -> InputError:
        return InputError(self.source, message, element.sourceline)

    def blocks(self, container: etree._Element, level: int, context: str) -> list[Json]:
        """Blocks of a division (its heads are done by :meth:`division`)."""
        result: list[Json] = []
        for child in container:
            name = local(child)
            if name in ("", "head"):
                continue
            if name == "div":
                result += self.division(child, level + 1)
            elif name == "p":
                result.append(node("Para", self.inlines(child)))
            elif name == "list":
                # the book prints its markers (numbers, dates) in the text: the stylesheet hides bullets
                classes = ["list", f"{context}-list"]
                result.append(node("Div", [attr("", classes), [self.bullet_list(child)]]))
            elif name in ("pb", "listEvent", "titlePage"):
                result += structure_blocks(self, child)
            elif name == "milestone":
                result.append(node("HorizontalRule"))
            elif name == "note":
                result.append(self.unlinked_note(child))
            else:
                raise self.fail(child, f"cannot render <{name}> here")
        return result

    def division(self, div: etree._Element, level: int) -> list[Json]:
        """A header (chapter = 1, section = 2, …) followed by the division's blocks."""
        kind = div.get("type", "div")
        heads = [child for child in div if local(child) == "head"]
        main = next((head for head in heads if head.get("type") != "sub"), None)
        if main is not None:
            title = self.inlines(main)
        elif kind in FRONT_HEADINGS:
            title = text_inlines(FRONT_HEADINGS[kind])
        else:
            raise self.fail(div, f"<div type='{kind}'> has no head")
        for sub in heads:
            if sub.get("type") == "sub":
                title += [node("Space"), node("Span", [attr("", ["subtitle"]), self.inlines(sub)])]
        classes = [kind] + (["unlisted"] if main is None else [])
        semantics = {"epub:type": EPUB_TYPES[kind]} if kind in EPUB_TYPES else {}
        header = node("Header", [min(level, 6), attr(div.get(XML_ID, ""), classes, **semantics), title])
        return [header, *self.blocks(div, level, kind)]

    def bullet_list(self, listing: etree._Element) -> Json:
        """A list: each item's text, then its sublists."""
        items = []
        for item in listing:
            if local(item) != "item":
                continue
            inlines, sublists = text_inlines(item.text), []
            for child in item:
                if local(child) == "list":
                    sublists.append(self.bullet_list(child))
                elif local(child):
                    inlines += self.inline(child)
                inlines += text_inlines(child.tail)
            items.append([node("Plain", tidy(inlines)), *sublists])
        return node("BulletList", items)

    def unlinked_note(self, note: etree._Element) -> Json:
        """A note whose marker was not found: printed where it stood, with its number."""
        number = node("Superscript", text_inlines(note.get("n", "")))
        body = tidy([number, node("Space"), *self.inlines(note)])
        return node("Div", [attr(note.get(XML_ID, ""), ["unlinked-note"]), [node("Para", body)]])

    def inlines(self, element: etree._Element) -> list[Json]:
        """The content of ``element`` (text, inline children and their tails) as tidy inlines."""
        return tidy(self._content(element))

    def _content(self, element: etree._Element) -> list[Json]:
        result = text_inlines(element.text)
        for child in element:
            if local(child):
                result += self.inline(child)
            result += text_inlines(child.tail)
        return result

    def inline(self, element: etree._Element) -> list[Json]:
        name = local(element)
        if name == "hi":
            kind = EMPHASIS.get(element.get("rend", ""))
            content = self._content(element)
            return [
                node(kind, content) if kind else node("Span", [attr("", [element.get("rend", "")]), content])
            ]
        if name == "foreign":
            language = element.get(XML_LANG, "")
            return [node("Span", [attr("", [], lang=language), self._content(element)])]
        if name == "note":
            number = node("Span", [attr("", ["note-number"]), text_inlines(element.get("n", ""))])
            return [node("Note", [node("Para", tidy([number, node("Space"), *self._content(element)]))])]
        if name in ("pb", "date"):
            return structure_inlines(self, element)
        if name == "choice":  # an editor's correction: the reading edition shows the corrected text
            return [inline for child in element if local(child) == "corr" for inline in self._content(child)]
        if name == "lb":
            return [node("LineBreak")]
        if name == "ref":
            return [node("Link", [NO_ATTR, self._content(element), [element.get("target", ""), ""]])]
        if name == "label":
            return [node("Span", [attr("", ["label"]), text_inlines(label_text(element.xpath("string()")))])]
        if name == "num":
            return [node("Span", [attr("", [element.get("type", "num")]), self._content(element)])]
        raise self.fail(element, f"cannot render <{name}> inside text")


# --- print pages and the chronology (issue 4) ------------------------------------------------


def page_marker(pb: etree._Element) -> Json:
    """A print page break: an empty ``doc-pagebreak`` span labelled with the page number.

    Unnumbered breaks (page not proven) are marked without a label or a page-list entry.
    """
    number = pb.get("n")
    if not number:
        return node("Span", [attr("", ["pagebreak", "unnumbered"]), []])
    pairs = {"epub:type": "pagebreak", "role": "doc-pagebreak", "aria-label": number}
    return node("Span", [attr(f"page-{number}", ["pagebreak"], **pairs), []])


def structure_blocks(builder: _AstBuilder, element: etree._Element) -> list[Json]:
    """Blocks for ``pb`` between paragraphs, a chronology ``listEvent``; the ``titlePage`` summary is
    not rendered (the title pages are rendered as printed)."""
    name = local(element)
    if name == "pb":
        return [node("Plain", [page_marker(element)])]
    if name == "listEvent":
        items = [[node("Plain", builder.inlines(event.find(f"{{{TEI_NS}}}p")))] for event in element]
        return [node("Div", [attr("", ["list", "timeline"]), [node("BulletList", items)]])]
    return []


def structure_inlines(builder: _AstBuilder, element: etree._Element) -> list[Json]:
    """A page break inside text, or a chronology date as ``<time datetime>``."""
    if local(element) == "pb":
        return [page_marker(element)]
    moment = element.get("when") or element.get("from", "")
    opening = f'<time class="date" datetime="{escape(moment)}">'
    return [
        node("RawInline", ["html", opening]),
        *builder._content(element),
        node("RawInline", ["html", "</time>"]),
    ]


PAGE_BREAK_RE = re.compile(rb'<span[^>]*epub:type="pagebreak"[^>]*>')


def page_targets(files: dict[str, bytes]) -> list[tuple[str, str]]:
    """``(href, page number)`` of every numbered page break, in reading order of the files."""
    targets = []
    for name in sorted(files):
        if not name.endswith(".xhtml") or name.endswith("nav.xhtml"):
            continue
        for span in PAGE_BREAK_RE.findall(files[name]):
            identifier = re.search(rb'id="([^"]+)"', span)
            label = re.search(rb'aria-label="([^"]+)"', span)
            if identifier and label:
                href = f"{name.removeprefix('EPUB/')}#{identifier.group(1).decode()}"
                targets.append((href, label.group(1).decode()))
    return targets


def add_page_list(data: bytes, targets: list[tuple[str, str]]) -> bytes:
    """Add the ``page-list`` navigation (the print page numbers) to the EPUB navigation document."""
    if not targets:
        return data
    root = etree.fromstring(data)
    body = root.find(f"{{{XHTML_NS}}}body")
    nav = etree.SubElement(body, f"{{{XHTML_NS}}}nav", {EPUB_TYPE: "page-list", "hidden": "hidden"})
    nav.set("aria-label", "Print pages")
    listing = etree.SubElement(nav, f"{{{XHTML_NS}}}ol")
    for href, label in targets:
        link = etree.SubElement(etree.SubElement(listing, f"{{{XHTML_NS}}}li"), f"{{{XHTML_NS}}}a", href=href)
        link.text = label
    return XHTML_PROLOG + etree.tostring(root, encoding="UTF-8") + b"\n"


def page_break_source(data: bytes, metadata: dict[str, Any]) -> bytes:
    """Name the printed book the page breaks come from (``pageBreakSource``)."""
    root = etree.fromstring(data)
    meta = root.find(f"{{{OPF_NS}}}metadata")
    element = etree.SubElement(meta, f"{{{OPF_NS}}}meta", {"property": "pageBreakSource"})
    element.text = source_text(metadata)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="UTF-8") + b"\n"


def tei_blocks(root: etree._Element, source: str = "TEI") -> list[Json]:
    """Pandoc blocks for the TEI ``text``: front, body and back divisions at level 1."""
    builder = _AstBuilder(source)
    text = root.find(f"{{{TEI_NS}}}text")
    if text is None:
        raise InputError(source, "no <text> element: not a TEI document of this pipeline")
    blocks: list[Json] = []
    for part in text:
        if local(part) in ("front", "body", "back"):
            blocks += builder.blocks(part, 0, local(part))
    return blocks


# --- metadata ------------------------------------------------------------------------------


def meta_string(text: str) -> Json:
    return node("MetaString", text)


def meta_inlines(text: str) -> Json:
    return node("MetaInlines", text_inlines(text))


def people(names: list[str], role: str) -> Json:
    return node(
        "MetaList",
        [node("MetaMap", {"text": meta_string(name), "role": meta_string(role)}) for name in names],
    )


def pandoc_meta(metadata: dict[str, Any], for_html: bool = False) -> Json:
    """Pandoc metadata: the OPF's title, subtitle, creators (edt), contributors (ctb), publisher…"""
    contributors = list(metadata.get("contributors", []))
    titles = {"main": metadata["title"], "subtitle": subtitle(metadata)}
    meta: Json = {
        # as a typed list, pandoc writes both dc:title elements (title-type main and subtitle)
        "title": node(
            "MetaList",
            [
                node("MetaMap", {"type": meta_string(kind), "text": meta_string(text)})
                for kind, text in titles.items()
            ],
        ),
        "creator": people(metadata["editors"], "edt"),
        "contributor": people(contributors, "ctb"),
        "publisher": meta_string(metadata["publisher"]),
        "date": meta_string(str(metadata["year"])),
        "lang": meta_string(metadata["language"]),
        "identifier": node("MetaList", [node("MetaMap", {"text": meta_string(book_identifier(metadata))})]),
        "description": meta_string(description(metadata)),
    }
    if metadata.get("designer"):
        meta["contributor"]["c"] += people([metadata["designer"]], "bkd")["c"]
    if metadata.get("series"):
        meta["belongs-to-collection"] = meta_string(metadata["series"])
        position = roman_to_int(metadata["volume"])
        if position:
            meta["group-position"] = meta_string(str(position))
    if for_html:
        meta["title"] = meta_inlines(titles["main"])
        meta["subtitle"] = meta_inlines(titles["subtitle"])
        editors = " and ".join(metadata["editors"])
        meta["author"] = node("MetaList", [meta_inlines(f"Edited by {editors}")])
        meta["description-meta"] = meta["description"]
    return meta


def source_text(metadata: dict[str, Any]) -> str:
    """The printed book, as one line: the OPF's ``dc:source``."""
    editors = ", ".join(metadata["editors"])
    edition = f" {metadata['edition']}." if metadata.get("edition") else ""
    return (
        f"{metadata['title']}. {subtitle(metadata)}. Edited by {editors}.{edition} "
        f"{metadata['place']}: {metadata['publisher']}, {metadata['year']}."
    )


def original_text(metadata: dict[str, Any]) -> str:
    """The original the book was translated from, in its language: the OPF's ``dc:relation``."""
    original = metadata["original"]
    parts = [original["title"], original.get("volume")]
    imprint = ", ".join(str(original[key]) for key in ("place", "publisher", "year") if original.get(key))
    return ". ".join(part for part in [*parts, imprint] if part) + "."


def description(metadata: dict[str, Any]) -> str:
    """A short description: what this edition is and where it comes from."""
    language = metadata.get("translated_from", "original")
    series = f" Volume {metadata['volume']} of {metadata['series']}." if metadata.get("series") else ""
    return (
        f"Digital edition of {metadata['title']}, {subtitle(metadata)} "
        f"({metadata['publisher']}, {metadata['place']}, {metadata['year']}), translated from the "
        f"{language} ({metadata['original']['title']}).{series}"
    )


def epub_metadata_xml(metadata: dict[str, Any]) -> str:
    """The ``--epub-metadata`` snippet: the printed source (with its place) and the original."""
    return (
        f"<dc:source>{xml_text(source_text(metadata))}</dc:source>\n"
        f"<dc:relation>{xml_text(original_text(metadata))}</dc:relation>\n"
    )


def wrap_words(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters (a longer word gets a line of its own)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def cover_svg(metadata: dict[str, Any]) -> str:
    """The cover, drawn from the metadata: title, volume and period, editors, publisher and year."""
    editors = " and ".join(metadata["editors"])
    title_lines = wrap_words(metadata["title"], 16)
    volume = f"Volume {metadata['volume']}" if metadata.get("volume") else ""
    rows: list[tuple[str, int, str]] = []  # class, font size, text
    rows += [("title", 64, line) for line in title_lines]
    rows += [("volume", 38, line) for line in (volume, metadata.get("period", "")) if line]
    rows += [("editors", 26, line) for line in ["Edited by", *metadata["editors"]]]
    y, texts, previous = 180, [], "title"
    for kind, size, line in rows:
        y += round(size * 1.3) + (50 if kind != previous else 0)
        previous = kind
        texts.append(f'<text class="{kind}" x="300" y="{y}" font-size="{size}">{xml_text(line)}</text>')
    imprint = f"{metadata['publisher']} · {metadata['place']} · {metadata['year']}"
    label = f"{metadata['title']}. {volume}, {metadata.get('period', '')}. Edited by {editors}."
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="600" height="900" '
        'viewBox="0 0 600 900" role="img" aria-labelledby="cover-title">\n'
        f'<title id="cover-title">{xml_text(label)}</title>\n'
        '<rect width="600" height="900" fill="#7a1f1f"/>\n'
        '<rect x="30" y="30" width="540" height="840" fill="none" stroke="#e8d9b5" stroke-width="3"/>\n'
        '<g fill="#f6efe0" font-family="Georgia, serif" text-anchor="middle">\n'
        + "\n".join(texts)
        + f'\n<text x="300" y="820" font-size="24">{xml_text(imprint)}</text>\n</g>\n</svg>\n'
    )


# --- running pandoc --------------------------------------------------------------------------


BUNDLED_PANDOC = Path(pypandoc.__file__).parent / "files" / "pandoc"


def use_bundled_pandoc() -> None:
    """Point pypandoc at the pandoc that ``pypandoc-binary`` ships, unless ``PYPANDOC_PANDOC`` names one.

    Every machine then renders with the same pandoc (same bytes), and pypandoc skips its search,
    which runs every pandoc it finds to compare their versions.
    """
    if BUNDLED_PANDOC.is_file():
        os.environ.setdefault("PYPANDOC_PANDOC", str(BUNDLED_PANDOC))


@contextmanager
def source_date_epoch() -> Iterator[None]:
    """Give pandoc a fixed date (``SOURCE_DATE_EPOCH`` if set, else a constant) for reproducible builds."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = previous or DEFAULT_SOURCE_DATE_EPOCH
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]


def convert(document: Path | str, to: str, output: Path, arguments: list[str]) -> None:
    """pandoc (through pypandoc): the JSON ``document`` (a file, or the text itself) to ``output``.

    A large document goes as a file: fed through a pipe, Python writes it 4 KB at a time, each time
    waiting for the interpreter while another thread works in it. The formats are known to pandoc,
    so pypandoc's check of them (two more pandoc runs a conversion) is skipped. A failed run raises
    ``RuntimeError`` with pandoc's messages.
    """
    options = {"format": "json", "outputfile": str(output), "extra_args": arguments, "verify_format": False}
    if isinstance(document, Path):
        pypandoc.convert_file(str(document), to, **options)
    else:
        pypandoc.convert_text(document, to, **options)


@cache
def pandoc_api_version() -> list[int]:
    """The pandoc-types API version of the installed pandoc."""
    empty = pypandoc.convert_text("", "json", format="markdown", verify_format=False)
    return json.loads(empty)["pandoc-api-version"]


def pandoc_document(blocks: list[Json], meta: Json) -> str:
    """The pandoc JSON document (ASCII, with ``\\u`` escapes, and no check for cycles: the fastest dump)."""
    document = {"pandoc-api-version": pandoc_api_version(), "meta": meta, "blocks": blocks}
    return json.dumps(document, check_circular=False)


def document_file(path: Path, blocks: list[Json], meta: Json) -> Path:
    """Write the pandoc JSON document to ``path`` (see :func:`convert`); return the path."""
    path.write_text(pandoc_document(blocks, meta), encoding="utf-8")
    return path


def html_template() -> str:
    """pandoc's own standalone HTML template, with :data:`BODY_MARK` in place of the body."""
    result = subprocess.run(
        [pypandoc.get_pandoc_path(), "--print-default-template=html5"], capture_output=True, check=True
    )
    template = result.stdout.decode("utf-8")
    if template.count("$body$") != 1:
        raise RuntimeError("pandoc's HTML template has no single $body$")
    return template.replace("$body$", BODY_MARK)


def framed(frame: bytes, body: bytes) -> bytes:
    """The standalone page: pandoc's template output with the body (less pandoc's final newline) set in."""
    before, mark, after = frame.partition(BODY_MARK.encode())
    if not mark or BODY_MARK.encode() in after:
        raise RuntimeError("the HTML page frame has no single body mark")
    return before + body.removesuffix(b"\n") + after


# --- finishing pandoc's output --------------------------------------------------------------


# elements found by XPath: looking at every element in Python is slow in lxml.html's tree (the HTML page)
WITH_CLASS = etree.XPath(
    "descendant-or-self::*[contains(concat(' ', normalize-space(@class), ' '), concat(' ', $name, ' '))]"
)
WITH_ID = etree.XPath("descendant-or-self::*[@id != '']")
WITH_EPUB_TYPE = etree.XPath("descendant-or-self::*[@epub:type]", namespaces={"epub": EPUB_NS})


def with_class(root: etree._Element, name: str) -> list[etree._Element]:
    """``root`` and its descendants whose ``class`` lists ``name``, in document order."""
    return WITH_CLASS(root, name=name)


def _has_class(element: etree._Element, name: str) -> bool:
    return name in (element.get("class") or "").split()


def _same_namespace(element: etree._Element, name: str) -> str:
    namespace = etree.QName(element).namespace
    return f"{{{namespace}}}{name}" if namespace else name


def _remove_keeping_tail(element: etree._Element) -> None:
    parent = element.getparent()
    previous = element.getprevious()
    if element.tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def number_notes(root: etree._Element) -> int:
    """Show printed note numbers and link every note back to its reference; return the notes done.

    Works on pandoc's HTML and EPUB XHTML: a reference ``a.footnote-ref`` points at the note, whose
    ``span.note-number`` (put there by :func:`tei_blocks`) becomes the backlink.
    """
    by_id = {element.get("id"): element for element in WITH_ID(root)}
    done = 0
    for reference in with_class(root, "footnote-ref"):
        note = by_id.get((reference.get("href") or "").lstrip("#"))
        if note is None:
            raise ValueError(f"footnote reference {reference.get('href')} has no note")
        number = next((element for element in note.iter() if _has_class(element, "note-number")), None)
        if number is None:
            raise ValueError(f"note {note.get('id')} has no printed number")
        for old_backlink in [element for element in note.iter() if _has_class(element, "footnote-back")]:
            _remove_keeping_tail(old_backlink)
        printed = number.text or ""
        for child in list(reference):
            reference.remove(child)
        reference.text = None
        superscript = reference.makeelement(_same_namespace(reference, "sup"), {})
        superscript.text = printed
        reference.append(superscript)
        backlink = number.makeelement(
            _same_namespace(number, "a"),
            {"href": f"#{reference.get('id')}", "class": "footnote-back", "role": "doc-backlink"},
        )
        backlink.text = printed
        backlink.tail = number.tail
        number.getparent().replace(number, backlink)
        done += 1
    return done


def heading_text(heading: etree._Element) -> str:
    """The plain text of a heading, without its note references."""
    copy = etree.fromstring(etree.tostring(heading))
    for reference in with_class(copy, "footnote-ref"):
        _remove_keeping_tail(reference)
    return " ".join("".join(copy.itertext()).split())


def add_semantics(root: etree._Element) -> None:
    """DPUB-ARIA roles beside pandoc's ``epub:type``; backlinks typed as such."""
    for element in WITH_EPUB_TYPE(root):
        kind = element.get(EPUB_TYPE)
        if kind in DPUB_ROLES and not element.get("role"):
            element.set("role", DPUB_ROLES[kind])
    for backlink in with_class(root, "footnote-back"):
        backlink.set(EPUB_TYPE, "backlink")


def finish_xhtml(data: bytes) -> tuple[bytes, int]:
    """Number the notes of one EPUB content document, add semantics, title it by its first heading."""
    root = etree.fromstring(data)
    done = number_notes(root)
    add_semantics(root)
    title = root.find(f"{{{XHTML_NS}}}head/{{{XHTML_NS}}}title")
    heading = next(root.iterfind(f".//{{{XHTML_NS}}}body//{{{XHTML_NS}}}h1"), None)
    if title is not None and (title.text or "").endswith(".xhtml") and heading is not None:
        title.text = heading_text(heading)
    return XHTML_PROLOG + etree.tostring(root, encoding="UTF-8") + b"\n", done


def finish_opf(data: bytes, relation: str, language: str) -> bytes:
    """Mark the language of the original's title (pandoc drops ``xml:lang`` from the snippet)."""
    root = etree.fromstring(data)
    for element in root.iter(f"{{{DC_NS}}}relation"):
        if element.text == relation:
            element.set(XML_LANG, language)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="UTF-8") + b"\n"


def accessibility_opf(data: bytes, has_pages: bool) -> bytes:
    """Replace pandoc's accessibility metadata by the full EPUB Accessibility 1.1 set."""
    root = etree.fromstring(data)
    meta = root.find(f"{{{OPF_NS}}}metadata")
    for element in meta.findall(f"{{{OPF_NS}}}meta"):
        if (element.get("property") or "").startswith(("schema:access", "dcterms:conformsTo", "a11y:")):
            meta.remove(element)
    features = ["structuralNavigation", "tableOfContents", "readingOrder", "alternativeText"]
    features += ["printPageNumbers", "pageNavigation"] if has_pages else []
    summary = (
        "The text of the printed book with its headings, notes (each linked to and from its reference) "
        "and a navigable table of contents; foreign-language passages are marked with their language. "
        "The cover, the only image, has a text alternative."
        + (" Page breaks of the printed book are marked and listed." if has_pages else "")
    )
    properties = [
        ("schema:accessMode", "textual"),
        ("schema:accessMode", "visual"),
        ("schema:accessModeSufficient", "textual"),
        *[("schema:accessibilityFeature", feature) for feature in features],
        ("schema:accessibilityHazard", "none"),
        ("schema:accessibilitySummary", summary),
        ("dcterms:conformsTo", CONFORMANCE),
        ("a11y:certifiedBy", "ocr-edition pipeline (EPUBCheck and DAISY Ace/axe-core checks)"),
    ]
    for prop, value in properties:
        element = etree.SubElement(meta, f"{{{OPF_NS}}}meta", {"property": prop})
        element.text = value
    etree.indent(meta, space="    ", level=1)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="UTF-8") + b"\n"


def finish_nav(data: bytes, landmarks: list[tuple[str, str, str]]) -> bytes:
    """Complete pandoc's landmarks: every (epub:type, href, label) not yet listed is added."""
    root = etree.fromstring(data)
    nav = root.find(f".//{{{XHTML_NS}}}nav[@{EPUB_TYPE}='landmarks']")
    if nav is None:
        return data
    listing = nav.find(f"{{{XHTML_NS}}}ol")
    listed = {link.get(EPUB_TYPE) for link in listing.iter(f"{{{XHTML_NS}}}a")}
    for kind, href, label in landmarks:
        if kind not in listed:
            item = etree.SubElement(listing, f"{{{XHTML_NS}}}li")
            link = etree.SubElement(item, f"{{{XHTML_NS}}}a", {"href": href, EPUB_TYPE: kind})
            link.text = label
    nav.set("aria-label", "Landmarks")
    title = root.find(f"{{{XHTML_NS}}}head/{{{XHTML_NS}}}title")
    if title is not None:  # pandoc names the page after its input file
        title.text = "Contents"
    toc = root.find(f".//{{{XHTML_NS}}}nav[@{EPUB_TYPE}='toc']")
    if toc is not None:
        toc.set("aria-labelledby", "toc-title")
    return XHTML_PROLOG + etree.tostring(root, encoding="UTF-8") + b"\n"


def bodymatter_start(files: dict[str, bytes]) -> str | None:
    """The first content document whose body is ``bodymatter`` and holds a chapter or introduction."""
    for name, data in files.items():
        opening = name.endswith(".xhtml") and b'epub:type="bodymatter"' in data
        if opening and (b'epub:type="introduction"' in data or b'epub:type="chapter"' in data):
            return name
    return None


def finish_epub(source: Path, target: Path, metadata: dict[str, Any]) -> int:
    """Copy pandoc's EPUB with its notes numbered and the OPF completed; return the notes done.

    A worker thread finishes each file while the one before it is compressed (zlib lets it run).
    """
    with zipfile.ZipFile(source) as unfinished:
        members = unfinished.infolist()
        files = {info.filename: unfinished.read(info) for info in members}
    has_pages = any(b'epub:type="pagebreak"' in data for data in files.values())
    start = bodymatter_start(files)
    landmarks = [("toc", "nav.xhtml#toc", "Contents")]
    if start:
        landmarks.append(("bodymatter", start.removeprefix("EPUB/"), "Start of the text"))

    def finish(name: str) -> tuple[bytes, int]:
        """One file finished, and the notes numbered in it."""
        data = files[name]
        if name.endswith("nav.xhtml"):
            return add_page_list(finish_nav(data, landmarks), page_targets(files)), 0
        if name.endswith(".xhtml"):
            return finish_xhtml(data)
        if name.endswith(".opf"):
            data = finish_opf(data, original_text(metadata), metadata["original"]["language"])
            data = accessibility_opf(data, has_pages)
            return page_break_source(data, metadata) if has_pages else data, 0
        return data, 0

    done = 0
    with zipfile.ZipFile(target, "w") as finished, ThreadPoolExecutor(max_workers=1) as worker:
        names = [info.filename for info in members]
        for info, (data, count) in zip(members, worker.map(finish, names), strict=True):
            copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            copy.compress_type = info.compress_type
            copy.external_attr = info.external_attr
            copy.create_system = info.create_system
            finished.writestr(copy, data)
            done += count
    return done


def finish_html(path: Path) -> int:
    """Number the notes of the HTML page."""
    document = lxml.html.document_fromstring(path.read_bytes())
    done = number_notes(document)
    html = lxml.html.tostring(document, doctype="<!DOCTYPE html>", encoding="UTF-8", method="html")
    path.write_bytes(html + b"\n")
    return done


# --- the stage -----------------------------------------------------------------------------


def check_notes(kind: str, count: int, notes_in_tei: int) -> None:
    """Stop if an edition links another number of notes than the TEI has."""
    if count != notes_in_tei:
        raise RuntimeError(f"{kind}: {count} linked, but the TEI has {notes_in_tei} notes")


def render(
    root: etree._Element,
    metadata: dict[str, Any],
    epub_path: Path,
    html_path: Path,
    source: str = "TEI",
) -> dict[str, int]:
    """Write the EPUB and the HTML edition (``html_path`` is its contents page) from a TEI document.

    Pandoc's EPUB run takes longest: it starts as soon as its document is made, and the HTML edition
    is made beside it one step at a time (its two pandoc runs, then its finishing in Python), so that
    two cores are enough for the EPUB run to go at full speed.
    """
    notes_in_tei = len(root.findall(f".//{{{TEI_NS}}}note[@place='foot']")) - len(
        root.findall(f".//{{{TEI_NS}}}note[@type='unlinked']")
    )
    epub_path.parent.mkdir(parents=True, exist_ok=True)
    html_path.parent.mkdir(parents=True, exist_ok=True)
    use_bundled_pandoc()
    with (
        source_date_epoch(),
        tempfile.TemporaryDirectory(prefix=".render-", dir=epub_path.parent) as epub_work,
        tempfile.TemporaryDirectory(prefix=".render-", dir=html_path.parent) as html_work,
        resources.as_file(resources.files("pipeline") / "assets" / CSS_NAME) as css,
        ThreadPoolExecutor(max_workers=2) as pool,
    ):
        api_version = pool.submit(pandoc_api_version)  # asked while the TEI is read
        blocks = tei_blocks(root, source)
        api_version.result()
        snippet = Path(epub_work) / "epub-metadata.xml"
        snippet.write_text(epub_metadata_xml(metadata), encoding="utf-8")
        cover = Path(epub_work) / COVER_NAME
        cover.write_text(cover_svg(metadata), encoding="utf-8")
        raw_epub = Path(epub_work) / ".unfinished.epub"
        # chapters and their sections in the contents, and a chapter to a file, with parts above them too
        depth = 3 if root.find(f".//{{{TEI_NS}}}div[@type='part']") is not None else 2
        common = [f"--toc-depth={depth}", "--wrap=none"]
        epub_run = pool.submit(
            convert,
            document_file(Path(epub_work) / "epub.json", blocks, pandoc_meta(metadata)),
            "epub3",
            raw_epub,
            [
                *common,
                f"--split-level={depth - 1}",
                "--toc",  # the navigation document is also a page of the book (and a landmark)
                f"--css={css}",
                f"--epub-metadata={snippet}",
                f"--epub-cover-image={cover}",
            ],
        )
        template_text = pool.submit(html_template)
        html = Path(html_work) / html_path.name
        for asset in ASSETS:
            shutil.copyfile(css.with_name(asset), Path(html_work) / asset)
        html_args = [*common, "--toc", "--section-divs", f"--css={CSS_NAME}", "--reference-location=section"]
        html_meta = pandoc_meta(metadata, for_html=True)
        body, frame = Path(epub_work) / "body.html", Path(epub_work) / "frame.html"
        convert(document_file(Path(epub_work) / "html.json", blocks, html_meta), "html5", body, html_args)
        # the page frame: pandoc's template around a mark, with the contents made from the headings
        template = Path(epub_work) / "template.html"
        template.write_text(template_text.result(), encoding="utf-8")
        headings = pandoc_document([block for block in blocks if block["t"] == "Header"], html_meta)
        convert(headings, "html5", frame, [*html_args, "--standalone", f"--template={template}"])
        html.write_bytes(framed(frame.read_bytes(), body.read_bytes()))
        html_notes = finish_html(html)
        check_notes("html notes", html_notes, notes_in_tei)
        pages = split_edition(html)
        epub_run.result()
        epub = Path(epub_work) / epub_path.name
        counts = {"epub notes": finish_epub(raw_epub, epub, metadata), "html notes": html_notes}
        check_notes("epub notes", counts["epub notes"], notes_in_tei)
        counts |= pages
        for page in sorted(Path(html_work).iterdir()):
            os.replace(page, html_path.parent / page.name)
        os.replace(epub, epub_path)
    return counts


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tei", required=True, help="tei/<book>.xml")
    parser.add_argument(
        "--metadata", required=True, help="build/<book>/metadata.json (checked) or raw/<book>.yaml"
    )
    parser.add_argument("--epub", required=True, help="build/<book>.epub")
    parser.add_argument("--html", required=True, help="build/<book>/index.html")


def _work(args: argparse.Namespace) -> str:
    from pipeline.metadata import load_metadata

    started = time.monotonic()
    metadata = load_metadata(args.metadata)
    try:
        root = etree.parse(args.tei).getroot()
    except OSError:
        raise InputError(args.tei, "file not found: run the encode stage first") from None
    except etree.XMLSyntaxError as error:
        raise InputError(args.tei, f"not well-formed XML: {error.msg}", error.lineno) from None
    counts = render(root, metadata, Path(args.epub), Path(args.html), args.tei)
    seconds = time.monotonic() - started
    return f"{args.epub} and {args.html}: {counts['epub notes']} notes, {seconds:.1f} s"


def main(argv: list[str] | None = None) -> int:
    return run_stage("render", _configure, _work, argv)


if __name__ == "__main__":
    raise SystemExit(main())
