"""The HTML edition: pandoc's single page finished, then split into one page per top-level division.

:func:`finish_html` numbers the notes of pandoc's standalone page (see :mod:`pipeline.render.notes`);
:func:`split_edition` takes that finished ``index.html`` and writes, into the same folder, a contents
page (``index.html``, replacing pandoc's page: the title block and the table of contents), one page
per top-level division named by its id (``ch03.html``…) with previous/next links and the division's
notes listed at its end, and the search index (:mod:`pipeline.render.search`), which ``reader.js``
loads when the search box is first used. The stylesheet and the scripts (:data:`ASSETS`: the reader's
aids and search engine) are in ``pipeline/render/assets/``, with those of a book's page images
(:data:`PAGE_IMAGE_ASSETS`, linked only where the book has them: see :mod:`pipeline.render.page_images`).
"""

from __future__ import annotations

import copy
from pathlib import Path

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from pipeline.render.document import DPUB_ROLES
from pipeline.render.notes import has_class, heading_text, number_notes
from pipeline.render.search import ENGINE, SearchIndex
from pipeline.render.trees import parent_of, plain_text, required_child

CSS_NAME = "edition.css"
ASSETS = (CSS_NAME, "reader.js", ENGINE)
PAGE_IMAGE_ASSETS = ("page-images.css", "page-images.js")
MATTER, FILE = "data-matter", "data-file"  # a top-level division's matter and file name (document.py)


def finish_html(path: Path) -> int:
    """Number the notes of the HTML page; return the notes done."""
    document = lxml.html.document_fromstring(path.read_bytes())
    done = number_notes(document)
    _write(document, path)
    return done


def identifier(element: etree._Element) -> str:
    """The ``id`` of ``element``, empty if it has none."""
    return element.get("id", "")


def page_name(section: HtmlElement) -> str:
    """The file of a top-level division: the name it gives (``chapter-3.html``,
    :func:`pipeline.render.document.file_name`), else its id (``ch03.html``)."""
    return f"{section.get(FILE) or identifier(section)}.html"


def heading_of(section: HtmlElement) -> str:
    """A division's heading without note references (``Chapter III. The Beginning …``)."""
    heading = next(section.iterchildren("h1", "h2", "h3", "h4", "h5", "h6"), None)
    return "" if heading is None else heading_text(heading)


def endnotes_section(aside: HtmlElement, section_id: str, label: str) -> HtmlElement:
    """Pandoc's ``aside.footnotes`` as a titled ``section`` with the DPUB role of a notes list."""
    notes = lxml.html.Element(
        "section", {"class": "footnotes", "role": "doc-endnotes", "aria-label": f"Notes: {label}"}
    )
    title = etree.SubElement(notes, "h2", {"id": f"{section_id}-notes", "class": "notes-title"})
    title.text = "Notes"
    for child in aside:
        if child.tag != "hr":
            notes.append(child)
    notes.tail = aside.tail
    return notes


def _page(
    template: HtmlElement,
    title: str,
    main: list[HtmlElement],
    neighbours: dict[str, tuple[str, str]],
    header: HtmlElement,
    assets: tuple[str, ...],
) -> HtmlElement:
    """One page of the edition: the shared head (and the stylesheets and scripts of ``assets``),
    ``header`` (with the search box), ``main``, prev/next."""
    # built, not parsed: once the book is parsed, parsing even this page takes milliseconds
    page = lxml.html.Element("html", dict(template.attrib))
    head = etree.SubElement(page, "head")
    for element in template.find("head"):
        if element.tag == "style":
            continue  # pandoc's default styles: edition.css has its own
        if element.tag == "title":
            element = copy.deepcopy(element)
            element.text = title
        head.append(copy.deepcopy(element))
    etree.SubElement(head, "link", {"rel": "icon", "href": "data:,"})  # no favicon request
    for stylesheet in (asset for asset in assets if asset.endswith(".css")):
        etree.SubElement(head, "link", {"rel": "stylesheet", "href": stylesheet})
    for script in ("reader.js", *(asset for asset in assets if asset.endswith(".js"))):
        etree.SubElement(head, "script", {"src": script, "defer": "defer"})
    body = etree.SubElement(page, "body")
    body.append(header)
    wrapper = etree.SubElement(body, "main", {"id": "main"})
    for element in main:
        wrapper.append(element)
    if neighbours:
        body.append(_page_navigation(neighbours))
    return page


def _header(book: str, contents: str) -> HtmlElement:
    header = lxml.html.fragment_fromstring(
        '<header class="edition-header">'
        '<a class="skip-link" href="#main">Skip to the text</a>'
        f'<p class="book-title"><a href="{contents}"></a></p>'
        '<form class="search" role="search">'
        '<label for="search-box">Search the book</label>'
        '<input id="search-box" type="search" autocomplete="off" aria-controls="search-results"'
        ' aria-describedby="search-status">'
        '<div id="search-results" class="search-results">'
        '<p id="search-status" class="search-summary" role="status"></p></div>'
        "</form></header>"
    )
    required_child(header, ".//p/a").text = book
    return header


def _page_navigation(neighbours: dict[str, tuple[str, str]]) -> HtmlElement:
    navigation = lxml.html.Element("nav", {"class": "page-nav", "aria-label": "Previous and next"})
    listing = etree.SubElement(navigation, "ul")
    for rel, label in (("prev", "Previous"), ("contents", "Contents"), ("next", "Next")):
        if rel not in neighbours:
            continue
        href, title = neighbours[rel]
        item = etree.SubElement(listing, "li", {"class": rel})
        link = etree.SubElement(item, "a", {"href": href} | ({"rel": rel} if rel != "contents" else {}))
        kind = etree.SubElement(link, "span", {"class": "direction"})
        kind.text = label
        kind.tail = f" {title}" if rel != "contents" else None
    return navigation


def _relink(element: etree._Element, page_of_id: dict[str, str], here: str) -> None:
    """``#id`` links to another page become ``page.html#id``."""
    for link in element.iter("a"):
        href = link.get("href") or ""
        if href.startswith("#") and page_of_id.get(href[1:], here) != here:
            link.set("href", f"{page_of_id[href[1:]]}{href}")


def _write(page: etree._Element, path: Path) -> None:
    html = lxml.html.tostring(page, doctype="<!DOCTYPE html>", encoding="UTF-8", method="html")
    path.write_bytes(html + b"\n")


def split_edition(single_page: Path, assets: tuple[str, ...] = ()) -> dict[str, int]:
    """Replace pandoc's finished ``single_page`` by the contents page, with the division pages and
    the search index beside it, each page linking the stylesheets and scripts of ``assets`` too;
    return the number of pages, of the search's places and of the index's bytes."""
    folder, contents_page = single_page.parent, single_page.name
    document = lxml.html.document_fromstring(single_page.read_bytes())
    body = required_child(document, "body")
    divisions = [section for section in body.iterchildren("section") if has_class(section, "level1")]
    names = [page_name(section) for section in divisions]
    page_of_id: dict[str, str] = {}
    for section, name in zip(divisions, names, strict=True):
        for element in section.iter():
            if element.get("id"):
                page_of_id[identifier(element)] = name
    for element in body.iter():
        for attribute in (MATTER, FILE):  # read: the pages are named
            if attribute in element.attrib:
                del element.attrib[attribute]
        kind = element.get("epub:type")
        if kind is not None:
            del element.attrib["epub:type"]
            if kind in DPUB_ROLES:
                element.set("role", DPUB_ROLES[kind])
        if element.get("role") == "doc-pagebreak":
            # HTML allows this role only on <hr>: the print page number is shown by the stylesheet
            del element.attrib["role"]
            element.set("data-page", element.attrib.pop("aria-label", ""))
    titles = [heading_of(section) or identifier(section) for section in divisions]
    # head/title, not .//title: lxml would look on for a next one, through the book
    book = plain_text(required_child(document, "head/title"))
    header = _header(book, contents_page)
    search = SearchIndex()
    for number, section in enumerate(divisions):
        name = names[number]
        for number_of_list, aside in enumerate(list(section.iter("aside"))):
            if has_class(aside, "footnotes"):
                notes_id = identifier(section) + (f"-{number_of_list}" if number_of_list else "")
                label = heading_of(parent_of(aside)) or titles[number]
                parent_of(aside).replace(aside, endnotes_section(aside, notes_id, label))
        _relink(section, page_of_id, name)
        neighbours = {"contents": (contents_page, "Contents")}
        if number > 0:
            neighbours["prev"] = (names[number - 1], titles[number - 1])
        if number + 1 < len(divisions):
            neighbours["next"] = (names[number + 1], titles[number + 1])
        search.add(section, name)
        title = f"{titles[number]} — {book}"
        page = _page(document, title, [section], neighbours, copy.deepcopy(header), assets)
        _write(page, folder / name)
    front = [copy.deepcopy(element) for element in body if element.tag in ("header", "nav")]
    for element in front:
        _relink(element, page_of_id, contents_page)
        if element.tag == "nav":
            element.set("aria-label", "Contents")
    following = {"next": (names[0], titles[0])} if divisions else {}
    contents = _page(document, book, front, following, header, assets)
    index_size = search.write(folder)
    _write(contents, single_page)
    places = len(search.sections) + len(search.places)
    return {"pages": len(divisions) + 1, "search places": places, "search index bytes": index_size}
