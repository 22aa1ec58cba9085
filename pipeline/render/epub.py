"""The EPUB 3: pandoc's options for it, and its finishing after pandoc's run.

Pandoc writes one file per chapter with navigation down to the sections; :func:`epub_options` gives
it the cover (drawn from the TEI header) and the printed source and original. :func:`finish_epub`
then numbers the notes as printed, adds DPUB-ARIA roles beside ``epub:type``, completes the
landmarks, lists the print pages and sets the EPUB Accessibility 1.1 metadata.
"""

from __future__ import annotations

import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from html import escape
from pathlib import Path

from lxml import etree

from pipeline.lazy_re import lazy_compile
from pipeline.render.document import DPUB_ROLES
from pipeline.render.header import Header, credit_lines, imprint_line, original_text, source_text
from pipeline.render.notes import heading_text, number_notes, with_class
from pipeline.render.trees import found, required_child
from pipeline.tei import EDITORS_BYLINE, XML_LANG, volume_statement

DC_NS = "http://purl.org/dc/elements/1.1/"
XHTML_NS = "http://www.w3.org/1999/xhtml"
OPF_NS = "http://www.idpf.org/2007/opf"
EPUB_NS = "http://www.idpf.org/2007/ops"
EPUB_TYPE = f"{{{EPUB_NS}}}type"
XML_PROLOG = b'<?xml version="1.0" encoding="UTF-8"?>\n'
XHTML_PROLOG = XML_PROLOG + b"<!DOCTYPE html>\n"
COVER_NAME = "cover.svg"
CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
PAGE_BREAK_RE = lazy_compile(rb'<span[^>]*epub:type="pagebreak"[^>]*>')
CHAPTER_FILE_RE = lazy_compile(rb"\bch\d{3}\.xhtml\b")  # pandoc's name of a content document
FILE_NAME_RE = lazy_compile(rb'data-file="([^"]+)"')
MATTER = "data-matter"  # the top-level division's matter and file name (pipeline.render.document)
FILE = "data-file"
WITH_EPUB_TYPE = etree.XPath("descendant-or-self::*[@epub:type]", namespaces={"epub": EPUB_NS})


def xml_text(text: str) -> str:
    """``text`` escaped for XML character content (``&``, ``<``, ``>``)."""
    return escape(text, quote=False)


# --- before pandoc's run: its options, the metadata snippet and the cover -------------------


def epub_options(work: Path, header: Header, css: Path, split_level: int) -> list[str]:
    """Pandoc's EPUB options; the metadata snippet and the cover they name are written into ``work``."""
    snippet = work / "epub-metadata.xml"
    snippet.write_text(epub_metadata_xml(header), encoding="utf-8")
    cover = work / COVER_NAME
    cover.write_text(cover_svg(header), encoding="utf-8")
    return [
        f"--split-level={split_level}",
        "--toc",  # the navigation document is also a page of the book (and a landmark)
        "--epub-title-page=false",  # the edition's own (pipeline.render.matter), with its credits
        f"--css={css}",
        f"--epub-metadata={snippet}",
        f"--epub-cover-image={cover}",
    ]


def epub_metadata_xml(header: Header) -> str:
    """The ``--epub-metadata`` snippet: the printed source (with its place) and the original, if any."""
    snippet = f"<dc:source>{xml_text(source_text(header))}</dc:source>\n"
    if header.original:
        snippet += f"<dc:relation>{xml_text(original_text(header.original))}</dc:relation>\n"
    return snippet


def wrap_words(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters (a longer word gets a line of its own)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def cover_label(header: Header) -> str:
    """The cover's text alternative: its title, subtitle and credits, a sentence each."""
    lines = [header.title, header.subtitle, *credit_lines(header)]
    return " ".join(f"{line[0].upper()}{line[1:]}." for line in lines if line)


def cover_svg(header: Header) -> str:
    """The cover, drawn from the header: title, volume and period, authors, editors, publisher and year."""
    volume = volume_statement(header.volume) if header.volume else None
    rows: list[tuple[str, int, str]] = []  # class, font size, text
    rows += [("title", 64, line) for line in wrap_words(header.title, 16)]
    rows += [("volume", 38, line) for line in (volume, header.period) if line]
    rows += [("authors", 30, name) for name in header.authors]
    rows += [("editors", 26, line) for line in [EDITORS_BYLINE.strip(), *header.editors] if header.editors]
    y, texts, previous = 180, [], "title"
    for kind, size, line in rows:
        y += round(size * 1.3) + (50 if kind != previous else 0)
        previous = kind
        texts.append(f'<text class="{kind}" x="300" y="{y}" font-size="{size}">{xml_text(line)}</text>')
    imprint = imprint_line(header)
    label = cover_label(header)
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


# --- the print pages ----------------------------------------------------------------------


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
    body = required_child(root, f"{{{XHTML_NS}}}body")
    nav = etree.SubElement(body, f"{{{XHTML_NS}}}nav", {EPUB_TYPE: "page-list", "hidden": "hidden"})
    nav.set("aria-label", "Print pages")
    listing = etree.SubElement(nav, f"{{{XHTML_NS}}}ol")
    for href, label in targets:
        link = etree.SubElement(etree.SubElement(listing, f"{{{XHTML_NS}}}li"), f"{{{XHTML_NS}}}a", href=href)
        link.text = label
    return XHTML_PROLOG + etree.tostring(root, encoding="UTF-8") + b"\n"


def page_break_source(data: bytes, header: Header) -> bytes:
    """Name the printed book the page breaks come from (``pageBreakSource``)."""
    root = etree.fromstring(data)
    meta = required_child(root, f"{{{OPF_NS}}}metadata")
    element = etree.SubElement(meta, f"{{{OPF_NS}}}meta", {"property": "pageBreakSource"})
    element.text = source_text(header)
    return XML_PROLOG + etree.tostring(root, encoding="UTF-8") + b"\n"


# --- after pandoc's run: each file finished ------------------------------------------------


def add_semantics(root: etree._Element) -> None:
    """DPUB-ARIA roles beside pandoc's ``epub:type``; backlinks typed as such."""
    for element in found(WITH_EPUB_TYPE, root):
        kind = element.get(EPUB_TYPE, "")
        if kind in DPUB_ROLES and not element.get("role"):
            element.set("role", DPUB_ROLES[kind])
    for backlink in with_class(root, "footnote-back"):
        backlink.set(EPUB_TYPE, "backlink")


def notes_section(root: etree._Element) -> None:
    """Pandoc's notes at a content document's end (a rule, then the notes) as the endnotes of its
    chapter: typed and titled as such, under a heading a level below the document's own."""
    for section in root.iter(f"{{{XHTML_NS}}}section"):
        if section.get(EPUB_TYPE) != "footnotes":
            continue
        section.set(EPUB_TYPE, "endnotes")
        section.set("role", "doc-endnotes")
        section.set("aria-labelledby", "notes-title")
        rule = section.find(f"{{{XHTML_NS}}}hr")
        title = etree.Element(f"{{{XHTML_NS}}}h2", {"id": "notes-title", "class": "notes-title"})
        title.text = "Notes"
        if rule is not None:
            section.replace(rule, title)
        else:
            section.insert(0, title)


def matter_semantics(root: etree._Element) -> None:
    """The body typed as the matter its division is in (``frontmatter``, ``bodymatter``,
    ``backmatter``: pandoc calls every division of no front or back type body matter); the
    divisions' notes for the finishing (their matter, their files' names) removed."""
    body = root.find(f"{{{XHTML_NS}}}body")
    for element in list(root.iterfind(f".//*[@{FILE}]")):
        if body is not None and body.get(EPUB_TYPE) and element.get(MATTER):
            body.set(EPUB_TYPE, element.get(MATTER, ""))
        for name in (MATTER, FILE):
            if name in element.attrib:
                del element.attrib[name]


def cover_semantics(root: etree._Element, label: str) -> None:
    """The cover page's picture (pandoc's ``svg`` around the cover image) with its text alternative."""
    for svg in root.iter("{http://www.w3.org/2000/svg}svg"):
        svg.set("role", "img")
        svg.set("aria-label", label)


def finish_xhtml(data: bytes) -> tuple[bytes, int]:
    """Number the notes of one EPUB content document, add semantics, title it by its first heading."""
    root = etree.fromstring(data)
    done = number_notes(root)
    add_semantics(root)
    notes_section(root)
    matter_semantics(root)
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
    return XML_PROLOG + etree.tostring(root, encoding="UTF-8") + b"\n"


def accessibility_opf(data: bytes, has_pages: bool) -> bytes:
    """Replace pandoc's accessibility metadata by the full EPUB Accessibility 1.1 set."""
    root = etree.fromstring(data)
    meta = required_child(root, f"{{{OPF_NS}}}metadata")
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
    return XML_PROLOG + etree.tostring(root, encoding="UTF-8") + b"\n"


def finish_nav(data: bytes, landmarks: list[tuple[str, str, str]]) -> bytes:
    """Complete pandoc's landmarks: every (epub:type, href, label) not yet listed is added."""
    root = etree.fromstring(data)
    nav = root.find(f".//{{{XHTML_NS}}}nav[@{EPUB_TYPE}='landmarks']")
    if nav is None:
        return data
    listing = required_child(nav, f"{{{XHTML_NS}}}ol")
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


def file_names(files: dict[str, bytes]) -> dict[bytes, bytes]:
    """Pandoc's names of the content documents (``ch005.xhtml``) → the names their divisions give
    (``chapter-5.xhtml``, :func:`pipeline.render.document.file_name`), each name once."""
    names: dict[bytes, bytes] = {}
    for name, data in files.items():
        old = CHAPTER_FILE_RE.search(name.encode())
        given = FILE_NAME_RE.search(data)
        if old and given:
            new, number = given.group(1), 1
            while new + b".xhtml" in names.values():
                number += 1
                new = given.group(1) + f"-{number}".encode()
            names[old.group()] = new + b".xhtml"
    return names


def renamed(data: bytes, names: dict[bytes, bytes]) -> bytes:
    """``data`` with every name of a content document pandoc gave replaced by its new one."""
    return CHAPTER_FILE_RE.sub(lambda match: names.get(match.group(), match.group()), data)


def finish_epub(source: Path, target: Path, header: Header) -> int:
    """Copy pandoc's EPUB with its notes numbered and the OPF completed; return the notes done.

    A worker thread finishes each file while the one before it is compressed (zlib lets it run).
    """
    with zipfile.ZipFile(source) as unfinished:
        members = unfinished.infolist()
        files = {info.filename: unfinished.read(info) for info in members}
    has_pages = any(b'epub:type="pagebreak"' in data for data in files.values())
    start = bodymatter_start(files)
    names = file_names(files)
    landmarks = [("toc", "nav.xhtml#toc", "Contents")]
    title_page = next((name for name in files if b'epub:type="titlepage"' in files[name]), None)
    if title_page:
        landmarks.insert(0, ("titlepage", title_page.removeprefix("EPUB/"), "Title Page"))
    if start:
        landmarks.append(("bodymatter", start.removeprefix("EPUB/"), "Start of the text"))

    def finish(name: str) -> tuple[bytes, int]:
        """One file finished, and the notes numbered in it."""
        data = files[name]
        if name.endswith("nav.xhtml"):
            return add_page_list(finish_nav(data, landmarks), page_targets(files)), 0
        if name.endswith("cover.xhtml"):
            root = etree.fromstring(data)
            cover_semantics(root, cover_label(header))
            return XHTML_PROLOG + etree.tostring(root, encoding="UTF-8") + b"\n", 0
        if name.endswith(".xhtml"):
            return finish_xhtml(data)
        if name.endswith(".opf"):
            if header.original:
                data = finish_opf(data, original_text(header.original), header.original.language)
            data = accessibility_opf(data, has_pages)
            return page_break_source(data, header) if has_pages else data, 0
        return data, 0

    done = 0
    with zipfile.ZipFile(target, "w") as finished, ThreadPoolExecutor(max_workers=1) as worker:
        order = [info.filename for info in members]
        for info, (data, count) in zip(members, worker.map(finish, order), strict=True):
            if info.filename.endswith((".xhtml", ".opf", ".ncx")):
                data = renamed(data, names)
            filename = renamed(info.filename.encode(), names).decode()
            copy = zipfile.ZipInfo(filename, date_time=info.date_time)
            copy.compress_type = info.compress_type
            copy.external_attr = info.external_attr
            copy.create_system = info.create_system
            finished.writestr(copy, data)
            done += count
    return done
