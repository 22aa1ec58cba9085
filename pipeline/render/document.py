"""The pandoc document of the edition, built from the TEI: its blocks, and its metadata from the header.

The TEI ``text`` is turned into pandoc's JSON AST directly (text is never re-read as markdown):
front, body and back divisions become headers (chapter = 1, section = 2, …) with their blocks,
each division type marked with its EPUB structural semantics (``epub:type``). A note becomes a
pandoc ``Note`` that starts with its printed number (a ``span.note-number``, which
:mod:`pipeline.render.notes` turns into the backlink after pandoc's run).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape
from typing import Any

from lxml import etree

from pipeline.lazy_re import lazy_compile
from pipeline.model import InputError
from pipeline.render.header import Header, credit_lines, description, imprint_line, rights_text
from pipeline.render.page_images import PageImage
from pipeline.render.trees import line_of, local, text_of
from pipeline.tei import XML_ID, XML_LANG, tei
from pipeline.text.headings import is_capitals, running_acronyms, title_case
from pipeline.text.typography import typeset

BLANKS = " \t\r\n"  # not \s: a no-break space is text
SPACES = lazy_compile(f"[{BLANKS}]+")
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
EMPHASIS = {"italic": "Emph", "bold": "Strong"}
FRONT_HEADINGS = {"titlePage": "Title Pages", "blurb": "About the Book"}
UNLISTED = {"titlePage", "year"}  # in neither contents: the printed title pages, each year of a chronology
NUMBERED_FILES = {"chapter", "part"}  # division types whose files are named by their number
MARKS = {"stamp"}  # the types of the TEI's notes that are marks on the printed page, not the book's text
MATTERS = {"front": "frontmatter", "body": "bodymatter", "back": "backmatter"}  # EPUB's, by TEI part
# EPUB structural semantics of the TEI division types (pandoc puts them on the section and the body)
# (the printed title pages have none: the edition's own title page is the book's one titlepage)
EPUB_TYPES = {"introduction": "introduction", "chapter": "chapter"}
EPUB_TYPES |= {"chronology": "appendix", "part": "part", "text": "chapter"}
# the DPUB-ARIA role of each epub:type the edition uses (the HTML edition keeps only the role)
DPUB_ROLES = {
    "introduction": "doc-introduction",
    "part": "doc-part",
    "chapter": "doc-chapter",
    "appendix": "doc-appendix",
    "colophon": "doc-colophon",
}

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


def label_text(label: str) -> str:
    """``CHAPTER III.`` → ``Chapter III``: a label as a heading sets it, without a stop (numbers and
    mixed-case labels are kept)."""
    word, _, rest = label.strip().partition(" ")
    if word.isupper():
        word = word.capitalize()
    return f"{word} {rest}".strip().rstrip(".")


def separate_label(title: list[Json]) -> list[Json]:
    """A heading's label and title with a colon between them (``Chapter III: The Beginning``), which
    the stylesheet hides where the label stands on a line of its own; a label alone stays alone."""
    label = title[0] if title and title[0]["t"] == "Span" and "label" in title[0]["c"][0][1] else None
    if label is None or not any(inline["t"] != "Space" for inline in title[1:]):
        return title
    return [label, node("Span", [attr("", ["label-separator"]), [node("Str", ":")]]), *title[1:]]


def file_name(div: etree._Element, title: list[Json], top: bool) -> str:
    """What a division's file is called, should it have one: ``chapter-5`` (its number in arabic);
    else, at the ``top``, its heading in lower case, words joined by hyphens (``request-to-readers``);
    else its id (a section that pandoc gives a file where parts make chapters the files' level)."""
    number = roman_to_int(div.get("n", ""))
    if div.get("type") in NUMBERED_FILES and number:
        return f"{div.get('type')}-{number}"
    words = re.findall(r"[a-z0-9]+", plain_inlines(title).casefold()) if top else []
    return "-".join(words) or div.get(XML_ID) or div.get("type") or "div"


def plain_inlines(inlines: list[Json]) -> str:
    """The text of pandoc inlines (their strings and spaces, through spans and emphasis)."""
    text = ""
    for inline in inlines:
        if inline["t"] == "Str":
            text += inline["c"]
        elif inline["t"] in ("Space", "LineBreak"):
            text += " "
        elif inline["t"] == "Span":
            text += plain_inlines(inline["c"][1])
        elif inline["t"] in ("Emph", "Strong", "SmallCaps"):
            text += plain_inlines(inline["c"])
    return text


def roman_to_int(volume: str) -> int | None:
    """``"I"`` → 1, ``"2"`` → 2; ``None`` for anything else."""
    if volume.isdigit():
        return int(volume)
    values = [ROMAN.get(char) for char in volume.upper()]
    if not values or None in values:
        return None
    numbers = [value for value in values if value is not None]
    return sum(-n if n < nxt else n for n, nxt in zip(numbers, [*numbers[1:], 0], strict=True))


class _AstBuilder:
    """Walks the TEI ``text`` and builds pandoc blocks."""

    def __init__(
        self, source: str, book_title: str, images: Mapping[str, PageImage], acronyms: frozenset[str]
    ) -> None:
        self.source = source
        self.book_title = book_title
        self.acronyms = acronyms  # kept in capitals where a heading in capitals is set in title case
        self.images = images  # the page images by surface id (the HTML edition's; none for the EPUB)
        self.notes_pending = False  # a note seen since an empty division last held notes (:meth:`division`)

    def fail(self, element: etree._Element, message: str) -> InputError:
        return InputError(self.source, message, line_of(element))

    def blocks(self, container: etree._Element, level: int, context: str) -> list[Json]:
        """Blocks of a division (its heads are done by :meth:`division`); ``context`` is the division's
        type, or for the top-level divisions the TEI part (``front``, ``body``, ``back``) they are in."""
        result: list[Json] = []
        for child in container:
            name = local(child)
            if name in ("", "head"):
                continue
            if name == "div":
                result += self.division(child, level + 1, MATTERS.get(context) if level == 0 else None)
            elif name == "p":
                result.append(node("Para", self.inlines(child)))
            elif name == "list":
                # the book prints its markers (numbers, dates) in the text: the stylesheet hides bullets
                classes = ["list", f"{context}-list"]
                result.append(node("Div", [attr("", classes), [self.bullet_list(child)]]))
            elif name in ("pb", "listEvent", "titlePage"):
                result += structure_blocks(self, child)
            elif name == "byline":
                result.append(node("Div", [attr("", ["byline"]), [node("Para", self.inlines(child))]]))
            elif name == "milestone":
                result.append(node("HorizontalRule"))
            elif name == "note" and child.get("type") in MARKS:
                continue  # a mark on the printed page (a library's stamp): no text of the book
            elif name == "note":
                result.append(self.unlinked_note(child))
            elif name == "figure":
                result.append(self.figure(child))
            else:
                raise self.fail(child, f"cannot render <{name}> here")
        return result

    def division(self, div: etree._Element, level: int, matter: str | None = None) -> list[Json]:
        """A header (chapter = 1, section = 2, …) followed by the division's blocks.

        A division without a printed heading is headed by its kind's name (the title pages), or, the
        whole text of a book where no chapter was found, by the book's title; a heading printed in
        capitals is set in title case. A top-level division (its ``matter`` given: ``frontmatter``,
        ``bodymatter``, ``backmatter``) says so, and what its file is called (:func:`file_name`), for
        the EPUB's finishing (:mod:`pipeline.render.epub`) and the HTML edition's pages."""
        kind = div.get("type", "div")
        heads = [child for child in div if local(child) == "head"]
        main = next((head for head in heads if head.get("type") != "sub"), None)
        if main is not None and is_capitals(text_of(main)):
            title = text_inlines(
                title_case(single_spaced(text_of(main).strip(BLANKS)), acronyms=self.acronyms)
            )
        elif main is not None:
            title = separate_label(self.inlines(main))
        elif kind in FRONT_HEADINGS:
            title = text_inlines(FRONT_HEADINGS[kind])
        elif kind == "text" and self.book_title:
            title = text_inlines(self.book_title)
        else:
            raise self.fail(div, f"<div type='{kind}'> has no head")
        for sub in heads:
            if sub.get("type") == "sub":
                title += [node("Space"), node("Span", [attr("", ["subtitle"]), self.inlines(sub)])]
        classes = [kind] + (["unlisted"] if kind in UNLISTED else [])
        semantics = {"epub:type": EPUB_TYPES[kind]} if kind in EPUB_TYPES else {}
        semantics |= {"matter": matter} if matter else {}
        semantics |= {"file": file_name(div, title, top=matter is not None)}
        header = node("Header", [min(level, 6), attr(div.get(XML_ID, ""), classes, **semantics), title])
        blocks = self.blocks(div, level, kind)
        if not blocks and self.notes_pending:
            # pandoc (--reference-location=section) places the notes before it at the end of the
            # next section, and loses them if that section is empty: an empty block holds them
            blocks, self.notes_pending = [node("Div", [attr(), []])], False
        return [header, *blocks]

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

    def figure(self, figure: etree._Element) -> Json:
        """A plate's caption: a figure with no picture (the OCR has none), its caption the title's
        lines, then its credit (a ``div.credit``) below them."""
        caption: list[Json] = []
        for child in figure:
            name = local(child)
            if name == "head":
                caption.append(node("Plain", self.inlines(child)))
            elif name == "p":
                caption.append(node("Div", [attr("", ["credit"]), [node("Plain", self.inlines(child))]]))
            elif name:
                raise self.fail(child, f"cannot render <{name}> in a figure")
        return node("Figure", [attr("", ["plate"]), [None, caption], []])

    def unlinked_note(self, note: etree._Element) -> Json:
        """A note whose marker was not found: printed where it stood, with its number."""
        number = node("Superscript", text_inlines(note.get("n", "")))
        body = tidy([number, node("Space"), *self.inlines(note)])
        return node("Div", [attr(note.get(XML_ID, ""), ["unlinked-note"]), [node("Para", body)]])

    def inlines(self, element: etree._Element) -> list[Json]:
        """The content of ``element`` (text, inline children and their tails) as tidy inlines."""
        return tidy(self.content(element))

    def content(self, element: etree._Element) -> list[Json]:
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
            content = self.content(element)
            return [
                node(kind, content) if kind else node("Span", [attr("", [element.get("rend", "")]), content])
            ]
        if name == "foreign":
            language = element.get(XML_LANG, "")
            return [node("Span", [attr("", [], lang=language), self.content(element)])]
        if name == "note":
            self.notes_pending = True
            number = node("Span", [attr("", ["note-number"]), text_inlines(typeset(element.get("n", ""))[0])])
            return [node("Note", [node("Para", tidy([number, node("Space"), *self.content(element)]))])]
        if name in ("pb", "date"):
            return structure_inlines(self, element)
        if name == "choice":  # an editor's correction: the reading edition shows the corrected text
            return [inline for child in element if local(child) == "corr" for inline in self.content(child)]
        if name == "lb":
            return [node("LineBreak")]
        if name == "ref":
            return [node("Link", [NO_ATTR, self.content(element), [element.get("target", ""), ""]])]
        if name == "label":
            return [node("Span", [attr("", ["label"]), text_inlines(label_text(text_of(element)))])]
        if name == "docAuthor":
            return [node("Span", [attr("", ["author"]), self.content(element)])]
        if name == "num":
            return [node("Span", [attr("", [element.get("type", "num")]), self.content(element)])]
        raise self.fail(element, f"cannot render <{name}> inside text")


# --- print pages and the chronology ----------------------------------------------------------


def page_marker(pb: etree._Element, images: Mapping[str, PageImage]) -> Json:
    """A print page break: an empty ``doc-pagebreak`` span labelled with the page number.

    Unnumbered breaks (page not proven) are marked without a label or a page-list entry; a number
    inferred from the break's place in the text (TEI ``@cert``) is classed ``inferred`` (the
    stylesheet sets it in brackets, as editors do). A numbered break whose page has an image in
    ``images`` is a link to it (:func:`page_image_link`).
    """
    number = pb.get("n")
    if not number:
        return node("Span", [attr("", ["pagebreak", "unnumbered"]), []])
    classes = ["pagebreak", "inferred"] if pb.get("cert") else ["pagebreak"]
    image = images.get(pb.get("facs", "").removeprefix("#"))
    if image is not None:
        return page_image_link(number, image, classes)
    pairs = {"epub:type": "pagebreak", "role": "doc-pagebreak", "aria-label": number}
    return node("Span", [attr(f"page-{number}", classes, **pairs), []])


def page_image_link(number: str, image: PageImage, classes: list[str]) -> Json:
    """The HTML edition's print page break on a page with an image: an empty link to the image,
    shown as the page number (``data-page``, as :func:`pipeline.render.html_edition.split_edition`
    makes of the other breaks), with the image's size in pixels and the box of the page's first
    line in percent (left, top, width, height), for ``assets/page-images.js``; ``classes``: the
    break's (:func:`page_marker`)."""
    pairs = {
        "data-page": number,
        "aria-label": f"Page {number}: show the page image",
        "data-size": " ".join(map(str, image.size)),
    }
    if image.line is not None:
        pairs["data-line"] = " ".join(f"{value:.2f}" for value in image.line)
    return node("Link", [attr(f"page-{number}", [*classes, "page-image"], **pairs), [], [image.name, ""]])


def structure_blocks(builder: _AstBuilder, element: etree._Element) -> list[Json]:
    """Blocks for ``pb`` between paragraphs, a chronology ``listEvent``; the ``titlePage`` summary is
    not rendered (the title pages are rendered as printed)."""
    name = local(element)
    if name == "pb":
        return [node("Plain", [page_marker(element, builder.images)])]
    if name == "listEvent":
        items = [[node("Plain", builder.inlines(event_paragraph(builder, event)))] for event in element]
        return [node("Div", [attr("", ["list", "timeline"]), [node("BulletList", items)]])]
    return []


def event_paragraph(builder: _AstBuilder, event: etree._Element) -> etree._Element:
    """The ``p`` of a chronology ``event``."""
    paragraph = event.find(tei("p"))
    if paragraph is None:
        raise builder.fail(event, "<event> has no <p>")
    return paragraph


def structure_inlines(builder: _AstBuilder, element: etree._Element) -> list[Json]:
    """A page break inside text, or a chronology date as ``<time datetime>``."""
    if local(element) == "pb":
        return [page_marker(element, builder.images)]
    moment = element.get("when") or element.get("from") or ""
    opening = f'<time class="date" datetime="{escape(moment)}">'
    return [
        node("RawInline", ["html", opening]),
        *unemphasised(builder.content(element)),
        node("RawInline", ["html", "</time>"]),
    ]


def unemphasised(inlines: list[Json]) -> list[Json]:
    """``inlines`` without their emphasis (its content kept): a date is set alike throughout, not
    an upright day beside an italic month as the OCR read it."""
    result: list[Json] = []
    for inline in inlines:
        result += unemphasised(inline["c"]) if inline["t"] in EMPHASIS.values() else [inline]
    return result


def tei_blocks(
    root: etree._Element,
    source: str = "TEI",
    book_title: str = "",
    images: Mapping[str, PageImage] | None = None,
) -> list[Json]:
    """Pandoc blocks for the TEI ``text``: front, body and back divisions at level 1 (``book_title``
    heads the ``text`` division, which prints no heading); a page break links to its page's image
    where ``images`` (the HTML edition's, by surface id) has it; a heading in capitals is set in title
    case, the acronyms of the book's paragraphs kept (``USSR``)."""
    acronyms = running_acronyms(text_of(paragraph) for paragraph in root.iter(tei("p")))
    builder = _AstBuilder(source, book_title, images or {}, acronyms)
    text = root.find(tei("text"))
    if text is None:
        raise InputError(source, "no <text> element: not a TEI document of this pipeline")
    blocks: list[Json] = []
    for part in text:
        if local(part) in ("front", "body", "back"):
            blocks += builder.blocks(part, 0, local(part))
    return blocks


# --- metadata, from the TEI header --------------------------------------------------------


def meta_string(text: str) -> Json:
    """A pandoc metadata string (taken as it is)."""
    return node("MetaString", text)


def meta_inlines(text: str) -> Json:
    """Pandoc metadata text (written as text, never read as markdown)."""
    return node("MetaInlines", text_inlines(text))


def people(names: list[str], role: str) -> Json:
    """People with their MARC relator ``role`` (``aut``, ``edt``, ``trl``, ``ctb``, ``bkd``) for pandoc's
    EPUB writer."""
    return node(
        "MetaList",
        [node("MetaMap", {"text": meta_string(name), "role": meta_string(role)}) for name in names],
    )


def pandoc_meta(header: Header, for_html: bool = False) -> Json:
    """Pandoc metadata: the OPF's title, subtitle, creators (aut, edt), contributors (trl, ctb, bkd),
    publisher…"""
    titles = {"main": header.title} | ({"subtitle": header.subtitle} if header.subtitle else {})
    meta: Json = {
        # as a typed list, pandoc writes both dc:title elements (title-type main and subtitle)
        "title": node(
            "MetaList",
            [
                node("MetaMap", {"type": meta_string(kind), "text": meta_string(text)})
                for kind, text in titles.items()
            ],
        ),
        "creator": people(header.authors, "aut"),
        "contributor": people(header.translators, "trl"),
        "publisher": meta_string(header.publisher),
        "date": meta_string(header.year),
        "lang": meta_string(header.language),
        "identifier": node("MetaList", [node("MetaMap", {"text": meta_string(header.identifier)})]),
        "description": meta_string(description(header)),
        "rights": meta_string(rights_text(header)),
    }
    meta["creator"]["c"] += people(header.editors, "edt")["c"]
    meta["contributor"]["c"] += people(header.contributors, "ctb")["c"]
    if header.designer:
        meta["contributor"]["c"] += people([header.designer], "bkd")["c"]
    if header.series:
        meta["belongs-to-collection"] = meta_string(header.series)
        position = roman_to_int(header.volume) if header.volume else None
        if position:
            meta["group-position"] = meta_string(str(position))
    if for_html:
        meta["title"] = meta_inlines(titles["main"])
        if header.subtitle:
            meta["subtitle"] = meta_inlines(header.subtitle)
        meta["author"] = node("MetaList", [meta_inlines(line) for line in credit_lines(header)])
        meta["description-meta"] = meta["description"]
        meta["date"], meta["date-meta"] = meta_inlines(imprint_line(header)), meta["date"]
    return meta
