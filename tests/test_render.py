"""Stage ``render``: TEI → EPUB 3 and HTML through pandoc's AST; checked file by file and by EPUBCheck."""

from __future__ import annotations

import base64
import copy
import json
import zipfile
import zlib
from pathlib import Path
from typing import Any

import lxml.html
import pypandoc
import pytest
from edition_samples import RUSSIAN_TITLE, book, metadata, single_author_metadata, structure, with_plate
from lxml import etree

from pipeline.check import epubcheck_messages
from pipeline.encode import encode_tei, tei_bytes
from pipeline.model import InputError
from pipeline.render import editions, render
from pipeline.render.command import main
from pipeline.render.document import (
    label_text,
    pandoc_meta,
    roman_to_int,
    single_spaced,
    tei_blocks,
    text_inlines,
)
from pipeline.render.header import Header, description, original_text, read_header, source_text
from pipeline.render.matter import COLOPHON_FILE, IMPRINT_FILE, TITLE_PAGE_FILE, build_date
from pipeline.render.notes import with_class
from pipeline.render.pandoc import convert, framed, html_template, pandoc_document
from pipeline.tei import tei

NS = {
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def sample_tei(changed: dict[str, Any] | None = None, about: dict[str, Any] | None = None) -> etree._Element:
    """The sample book encoded (``changed``: another tree, ``about``: other metadata)."""
    return etree.fromstring(tei_bytes(encode_tei(book(changed), about or metadata())))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample book rendered once; ch III's notes are printed 1, 2, 4 (note 3 was lost)."""
    changed = structure()
    changed["divisions"][1]["notes"][2]["n"] = "4"
    folder = tmp_path_factory.mktemp("rendered")
    paths = {"epub": folder / "book.epub", "html": folder / "book" / "index.html"}
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)  # the default fixed date
        render(sample_tei(changed), paths["epub"], paths["html"])
    return paths


def epub_xml(epub: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(epub) as archive:
        return etree.fromstring(archive.read(name))


def epub_chapters(epub: Path) -> dict[str, etree._Element]:
    """The content documents of the book's divisions, in reading order (the edition's own pages left out)."""
    own = {f"EPUB/text/{name}.xhtml" for name in ("cover", TITLE_PAGE_FILE, IMPRINT_FILE, COLOPHON_FILE)}
    with zipfile.ZipFile(epub) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.startswith("EPUB/text/") and name not in own
        }


def text_of(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def test_navigation_lists_every_division(built: dict[str, Path]) -> None:
    nav = epub_xml(built["epub"], "EPUB/nav.xhtml")
    toc = nav.xpath("//x:nav[@epub:type='toc']/x:ol", namespaces=NS)[0]
    top = [text_of(link) for link in toc.xpath("x:li/x:a", namespaces=NS)]
    assert top[:3] == ["Imprint", "Contents", "Introduction"]
    assert top[3].startswith("Chapter III: The Beginning of the Foreign Armed Intervention.")
    assert top[3].endswith("to Prolong the Respite (March-November 1918)")
    assert top[4:] == ["Chronology", "Request to Readers", "Colophon"]  # the heading in capitals, title-cased
    sections = toc.xpath("x:li[4]/x:ol/x:li/x:a", namespaces=NS)
    assert [text_of(link) for link in sections] == [
        "Germany's Aggressive Policy After the Signing of the Peace and the Soviet Government's "
        "Struggle Against This Policy"
    ]
    assert sections[0].get("href").endswith("#ch03-s1")
    assert "Title Pages" not in text_of(toc)  # the printed title pages are not a navigation entry


def test_chapters_are_split_and_titled(built: dict[str, Path]) -> None:
    chapters = epub_chapters(built["epub"])
    titles = [page.findtext("x:head/x:title", namespaces=NS) for page in chapters.values()]
    assert titles[0] == "Title Pages" and "Introduction" in titles and "Chronology" in titles
    assert [name.removeprefix("EPUB/text/") for name in chapters] == [
        "title-pages.xhtml",
        "contents.xhtml",
        "introduction.xhtml",
        "chapter-3.xhtml",
        "chronology.xhtml",
        "request-to-readers.xhtml",
    ]
    heading = next(
        page for page in chapters.values() if page.find(".//x:h1[@class='chapter']", NS) is not None
    )
    label = heading.find(".//x:h1/x:span[@class='label']", NS)
    assert label.text == "Chapter III"


def test_notes_are_linked_both_ways_with_printed_numbers(built: dict[str, Path]) -> None:
    numbers: list[str] = []
    for name, page in epub_chapters(built["epub"]).items():
        ids = {element.get("id") for element in page.iter() if element.get("id")}
        for reference in page.xpath("//x:a[@epub:type='noteref']", namespaces=NS):
            note = page.xpath(f"//x:aside[@id='{reference.get('href')[1:]}']", namespaces=NS)
            assert note and note[0].get(f"{{{NS['epub']}}}type") == "footnote", name
            backlink = note[0].xpath(".//x:a[@role='doc-backlink']", namespaces=NS)[0]
            assert backlink.get("href") == f"#{reference.get('id')}" and reference.get("id") in ids
            assert backlink.text == text_of(reference)
            numbers.append(text_of(reference))
    assert numbers == ["1", "1", "2", "4"]  # intro 1; chapter III 1, 2 and 4 as printed


def test_note_text_keeps_its_markup(built: dict[str, Path]) -> None:
    pages = epub_chapters(built["epub"]).values()
    notes = [note for page in pages for note in page.xpath("//x:aside", namespaces=NS)]
    assert (
        text_of(notes[0])
        == "1 V. I. Lenin, Collected Works, Vol. 27, Progress Publishers, Moscow, 1965, p. 365."
    )
    assert notes[0].findtext(".//x:em", namespaces=NS) == "Collected Works"


def test_text_is_never_read_as_markup(built: dict[str, Path]) -> None:
    section = next(
        page for page in epub_chapters(built["epub"]).values() if page.find(".//*[@id='ch03-s1']") is not None
    )
    paragraph = section.find(".//x:section[@id='ch03-s1']/x:p", NS)
    assert text_of(paragraph).endswith("Literal text stays literal: <b>&amp;</b> [link](#x) *not* 5 * 3.")
    assert paragraph.find(".//x:b", NS) is None


def test_russian_text_is_marked(built: dict[str, Path]) -> None:
    title_pages = next(iter(epub_chapters(built["epub"]).values()))
    spans = title_pages.xpath("//x:span[@lang='ru']/text()", namespaces=NS)
    assert RUSSIAN_TITLE in spans


def test_opf_metadata(built: dict[str, Path]) -> None:
    opf = epub_xml(built["epub"], "EPUB/content.opf")
    meta = opf.find("opf:metadata", NS)

    def refined(element: etree._Element, prop: str) -> str | None:
        found = meta.xpath(f"opf:meta[@refines='#{element.get('id')}'][@property='{prop}']", namespaces=NS)
        return found[0].text if found else None

    titles = {refined(title, "title-type"): title.text for title in meta.findall("dc:title", NS)}
    assert titles == {"main": "Soviet Foreign Policy", "subtitle": "Volume I, 1917\u20131945"}
    creators = {creator.text: refined(creator, "role") for creator in meta.findall("dc:creator", NS)}
    assert creators == {"A. A. Gromyko": "edt", "B. N. Ponomarev": "edt"}
    contributors = {person.text: refined(person, "role") for person in meta.findall("dc:contributor", NS)}
    assert contributors["I. N. Zemskov"] == "ctb" and contributors["A. A. Roshchin"] == "ctb"
    assert meta.findtext("dc:publisher", namespaces=NS) == "Progress Publishers"
    assert meta.findtext("dc:date", namespaces=NS) == "1981"
    assert meta.findtext("dc:language", namespaces=NS) == "en"
    identifier = meta.find("dc:identifier", NS)
    assert identifier.text == "urn:x-ocr-edition:soviet-foreign-policy-vol1"
    assert opf.get("unique-identifier") == identifier.get("id")
    assert "Moscow: Progress Publishers, 1981" in meta.findtext("dc:source", namespaces=NS)
    relation = meta.find("dc:relation", NS)
    assert relation.text.startswith(RUSSIAN_TITLE) and relation.get(XML_LANG) == "ru"
    modified = meta.xpath("opf:meta[@property='dcterms:modified']/text()", namespaces=NS)
    assert modified == ["2024-01-01T00:00:00Z"]


def test_metadata_text_is_escaped(tmp_path: Path) -> None:
    odd = metadata() | {"publisher": "Smith & <Sons>"}
    render(sample_tei(about=odd), tmp_path / "b.epub", tmp_path / "h" / "index.html")
    meta = epub_xml(tmp_path / "b.epub", "EPUB/content.opf").find("opf:metadata", NS)
    assert meta.findtext("dc:publisher", namespaces=NS) == "Smith & <Sons>"
    assert "Moscow: Smith & <Sons>, 1981." in meta.findtext("dc:source", namespaces=NS)


def test_header_is_read_from_the_tei() -> None:
    """Render reads what it says about the book from the TEI header, not from the metadata file."""
    header = read_header(sample_tei())
    assert (header.title, header.subtitle, header.volume, header.period) == (
        "Soviet Foreign Policy",
        "Volume I, 1917\u20131945",
        "I",
        "1917\u20131945",
    )
    assert header.editors == ["A. A. Gromyko", "B. N. Ponomarev"]
    assert header.contributors[0] == "I. N. Zemskov" and len(header.contributors) == 8
    assert header.designer == "Timur Samigulin"
    assert (header.publisher, header.place, header.year) == ("Progress Publishers", "Moscow", "1981")
    assert header.edition == "Fourth, revised and enlarged edition"
    assert header.series == "Soviet Foreign Policy 1917\u20131980, in two volumes"
    assert (header.language, header.identifier) == ("en", "urn:x-ocr-edition:soviet-foreign-policy-vol1")
    assert header.translated_from == "Russian"
    assert (header.original.title, header.original.language) == (RUSSIAN_TITLE, "ru")
    assert source_text(header) == (
        "Soviet Foreign Policy. Volume I, 1917\u20131945. Edited by A. A. Gromyko, B. N. Ponomarev. "
        "Fourth, revised and enlarged edition. Moscow: Progress Publishers, 1981."
    )
    assert header.original is not None
    assert (
        original_text(header.original)
        == f"{RUSSIAN_TITLE}. Том 1 (1917\u20131945). Издательство «Наука», 1980."
    )
    assert description(header).endswith(
        f"translated from the Russian ({RUSSIAN_TITLE}). "
        "Volume I of Soviet Foreign Policy 1917\u20131980, in two volumes."
    )


def test_header_of_a_book_with_the_required_metadata_only() -> None:
    """No series, edition, designer or contributors; the original in the edition's own language."""
    about = {key: value for key, value in metadata().items() if key not in ("series", "edition", "designer")}
    about |= {"contributors": [], "volume": "2", "original": {"title": "The Original", "language": "en"}}
    about.pop("translated_from")
    header = read_header(sample_tei(about=about))
    assert isinstance(header, Header)
    assert (header.series, header.edition, header.designer, header.contributors) == (None, None, None, [])
    assert (header.volume, header.period) == ("2", "1917\u20131945")
    assert header.translated_from == "original"
    assert header.original is not None and original_text(header.original) == "The Original."
    assert description(header) == (
        "Digital edition of Soviet Foreign Policy, Volume 2, 1917\u20131945 (Progress Publishers, Moscow, "
        "1981), translated from the original (The Original)."
    )


@pytest.fixture(scope="module")
def single_author(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample book rendered as a single-author book: no editors, volume, period or original."""
    folder = tmp_path_factory.mktemp("single-author")
    about = single_author_metadata(folder)
    paths = {"epub": folder / "essays.epub", "html": folder / "essays" / "index.html"}
    render(sample_tei(about=about), paths["epub"], paths["html"])
    return paths


def test_header_of_a_single_author_book(tmp_path: Path) -> None:
    header = read_header(sample_tei(about=single_author_metadata(tmp_path)))
    assert (header.authors, header.editors, header.translators) == (["William James"], [], [])
    assert (header.subtitle, header.volume, header.period) == (None, None, None)
    assert (header.original, header.translated_from) == (None, None)
    assert source_text(header) == (
        "Essays in Radical Empiricism. By William James. New York: Longmans, Green, and Co., 1912."
    )
    assert description(header) == (
        "Digital edition of Essays in Radical Empiricism by William James (Longmans, Green, and Co., "
        "New York, 1912)."
    )


def test_header_reads_translators_and_a_volume_alone(tmp_path: Path) -> None:
    about = single_author_metadata(tmp_path) | {"translators": ["A. Translator"], "volume": 2}
    about |= {"series": "Library of Philosophy", "translated_from": "French"}
    header = read_header(sample_tei(about=about))
    assert (header.translators, header.subtitle, header.volume, header.period) == (
        ["A. Translator"],
        "Volume 2",
        "2",
        None,
    )
    assert (header.original, header.translated_from) == (None, "French")
    assert source_text(header) == (
        "Essays in Radical Empiricism. Volume 2. By William James. Translated by A. Translator. "
        "New York: Longmans, Green, and Co., 1912."
    )
    assert description(header).endswith(
        "1912), translated from the French. Volume 2 of Library of Philosophy."
    )


def test_single_author_opf_and_title_pages(single_author: dict[str, Path]) -> None:
    opf = epub_xml(single_author["epub"], "EPUB/content.opf")
    meta = opf.find("opf:metadata", NS)
    assert [title.text for title in meta.findall("dc:title", NS)] == ["Essays in Radical Empiricism"]
    creators = meta.findall("dc:creator", NS)
    assert [creator.text for creator in creators] == ["William James"]
    roles = meta.xpath(
        f"opf:meta[@refines='#{creators[0].get('id')}'][@property='role']/text()", namespaces=NS
    )
    assert roles == ["aut"]
    assert meta.findall("dc:relation", NS) == [] and meta.findall("dc:contributor", NS) == []
    title_page = epub_xml(single_author["epub"], f"EPUB/text/{TITLE_PAGE_FILE}.xhtml")
    lines = title_page.xpath("//x:div[@class='title-line']/x:p/text()", namespaces=NS)
    assert lines[0] == "by William James"
    cover_name = opf.find("opf:manifest/opf:item[@properties='cover-image']", NS).get("href")
    cover = epub_xml(single_author["epub"], f"EPUB/{cover_name}")
    lines = [text_of(text) for text in cover.iter("{http://www.w3.org/2000/svg}text")]
    assert lines == [
        "Essays in",
        "Radical",
        "Empiricism",
        "William James",
        "Longmans, Green, and Co. · New York · 1912",
    ]
    assert (
        cover.findtext("{http://www.w3.org/2000/svg}title")
        == "Essays in Radical Empiricism. By William James."
    )
    page = lxml.html.parse(str(single_author["html"])).getroot()
    assert page.xpath("//header[@id='title-block-header']/p[@class='author']/text()") == ["by William James"]
    assert page.xpath("//p[@class='subtitle']") == []
    for text in (etree.tostring(opf, encoding="unicode"), etree.tostring(title_page, encoding="unicode")):
        assert "None" not in text and "Volume" not in text and "ranslated" not in text


@pytest.mark.slow
def test_epubcheck_passes_the_single_author_book(single_author: dict[str, Path]) -> None:
    assert epubcheck_messages(single_author["epub"]) == []


def test_header_names_the_language_translated_from() -> None:
    header = read_header(sample_tei(about=metadata() | {"translated_from": "Old Russian"}))
    assert header.translated_from == "Old Russian"


def test_missing_header_text_is_reported() -> None:
    tei = sample_tei()
    idno = tei.find(".//{http://www.tei-c.org/ns/1.0}idno")
    assert idno is not None
    idno.getparent().remove(idno)
    with pytest.raises(InputError, match=r"the TEI header has no text at .*idno") as raised:
        read_header(tei, "book.xml")
    assert raised.value.path == "book.xml"


def html_pages(built: dict[str, Path]) -> dict[str, lxml.html.HtmlElement]:
    """The HTML edition's division pages (not the contents page), in reading order."""
    folder = built["html"].parent
    contents = lxml.html.parse(str(built["html"])).getroot()
    names = [link.get("href").split("#")[0] for link in contents.xpath("//nav[@id='TOC']//a")]
    names = ["title-pages.html", *dict.fromkeys(names)]
    return {name: lxml.html.parse(str(folder / name)).getroot() for name in names}


def test_html_contents_page(built: dict[str, Path]) -> None:
    page = lxml.html.parse(str(built["html"])).getroot()
    folder = built["html"].parent
    assert (folder / "edition.css").read_text().strip() and (folder / "reader.js").read_text().strip()
    assert page.xpath("//link[@rel='stylesheet']/@href") == ["edition.css"]
    assert page.xpath("//script/@src") == ["reader.js"]  # the search's scripts load when it is used
    toc = page.get_element_by_id("TOC")
    assert toc.get("aria-label") == "Contents"
    entries = {text_of(link): link.get("href") for link in toc.xpath(".//a")}
    assert entries["Introduction"] == "introduction.html#intro"
    assert entries["Chronology"] == "chronology.html#chron"
    chapter = next(entry for entry in entries if entry.startswith("Chapter III: The Beginning"))
    assert entries[chapter] == "chapter-3.html#ch03"
    assert page.xpath("//a[@role='doc-noteref']") == []  # the text is on the division pages
    assert page.xpath("//nav[@class='page-nav']//a[@rel='next']/@href") == ["imprint.html"]


def test_html_division_pages_link_notes_and_neighbours(built: dict[str, Path]) -> None:
    pages = html_pages(built)
    assert list(pages) == [
        "title-pages.html",
        "imprint.html",
        "contents.html",
        "introduction.html",
        "chapter-3.html",
        "chronology.html",
        "request-to-readers.html",
        "colophon.html",
    ]
    numbers = []
    for name, page in pages.items():
        for reference in page.xpath("//a[@role='doc-noteref']"):
            note = page.get_element_by_id(reference.get("href")[1:])  # on the same page
            assert note.xpath("ancestor::section[@role='doc-endnotes']/h2/text()") == ["Notes"]
            backlinks = note.xpath(".//a[@role='doc-backlink']")
            assert [link.get("href") for link in backlinks] == [f"#{reference.get('id')}"]
            numbers.append(text_of(reference))
        assert page.xpath("//main/section/@id"), name
    assert numbers == ["1", "1", "2", "4"]
    chapter = pages["chapter-3.html"]
    assert chapter.xpath("//section[@id='ch03']/@role") == ["doc-chapter"]
    assert chapter.xpath("//*[@epub:type]", namespaces=NS) == []  # HTML has roles, not epub:type
    assert chapter.xpath("//a[@rel='prev']/@href") == ["introduction.html"]
    assert chapter.xpath("//a[@rel='next']/@href") == ["chronology.html"]
    assert "<b>&amp;</b> [link](#x) *not* 5 * 3." in text_of(chapter)
    assert pages["colophon.html"].xpath("//a[@rel='next']") == []


def search_index(folder: Path) -> dict[str, Any]:
    """The HTML edition's search index, read as ``reader.js`` reads it: base64 of deflated JSON."""
    script = (folder / "search-index.js").read_text(encoding="ascii")
    coded = script.split('window.EDITION_SEARCH_INDEX = "', 1)[1].removesuffix('";\n')
    return json.loads(zlib.decompress(base64.b64decode(coded)))


def test_search_index_holds_each_place_once_at_its_anchor(built: dict[str, Path]) -> None:
    """Every heading, paragraph and note is indexed once, with the words its page shows less its note
    numbers, at an id of its page; the printed contents (headings again) is not indexed."""
    index, pages = search_index(built["html"].parent), html_pages(built)
    places = [(index["sections"][section][0], anchor, text) for section, anchor, text, *_ in index["places"]]
    places += [(page, anchor, title) for page, anchor, title, *_ in index["sections"]]
    assert len({(page, anchor) for page, anchor, _ in places}) == len(places)
    assert "contents.html" not in {page for page, *_ in places}
    assert len([text for *_, text in places if "Literal text stays literal" in text]) == 1
    referring = 0
    for page, anchor, text in places:
        element = copy.deepcopy(pages[page].get_element_by_id(anchor))
        references = element.xpath(".//a[@role='doc-noteref' or @role='doc-backlink']")
        for reference in references:
            reference.drop_tree()
        if element.tag == "section":
            element = element.xpath("h1|h2|h3|h4|h5|h6")[0]
        assert text.split() == element.text_content().split(), anchor
        referring += bool(references)
    assert referring >= 3 and any(text.startswith("V. I. Lenin, Collected Works") for *_, text in places)
    texts = sum(len(" ".join(page.find(".//main").text_content().split())) for page in pages.values())
    assert (built["html"].parent / "search-index.js").stat().st_size < texts


def test_epub_semantics_and_landmarks(built: dict[str, Path]) -> None:
    chapters = epub_chapters(built["epub"])
    chapter = next(
        page for page in chapters.values() if page.find(".//x:section[@id='ch03']", NS) is not None
    )
    section = chapter.find(".//x:section[@id='ch03']", NS)
    assert section.get(f"{{{NS['epub']}}}type") == "chapter" and section.get("role") == "doc-chapter"
    backlink = chapter.xpath("//x:a[@role='doc-backlink']", namespaces=NS)[0]
    assert backlink.get(f"{{{NS['epub']}}}type") == "backlink"
    nav = epub_xml(built["epub"], "EPUB/nav.xhtml")
    landmarks = {
        link.get(f"{{{NS['epub']}}}type"): link.get("href")
        for link in nav.xpath("//x:nav[@epub:type='landmarks']//x:a", namespaces=NS)
    }
    assert set(landmarks) == {"cover", "titlepage", "toc", "bodymatter"}
    assert landmarks["toc"].endswith("#toc")
    start = epub_xml(built["epub"], f"EPUB/{landmarks['bodymatter']}")
    assert start.xpath("//x:section/@id", namespaces=NS)[0] == "intro"


def test_cover_is_drawn_from_the_metadata(built: dict[str, Path]) -> None:
    opf = epub_xml(built["epub"], "EPUB/content.opf")
    item = opf.find("opf:manifest/opf:item[@properties='cover-image']", NS)
    assert item.get("media-type") == "image/svg+xml"
    cover = epub_xml(built["epub"], f"EPUB/{item.get('href')}")
    lines = [text_of(text) for text in cover.iter("{http://www.w3.org/2000/svg}text")]
    assert lines[:4] == ["Soviet Foreign", "Policy", "Volume I", "1917\u20131945"]
    assert "A. A. Gromyko" in lines and "B. N. Ponomarev" in lines
    assert cover.findtext("{http://www.w3.org/2000/svg}title").startswith("Soviet Foreign Policy. Volume I")


def test_accessibility_metadata(built: dict[str, Path]) -> None:
    meta = epub_xml(built["epub"], "EPUB/content.opf").find("opf:metadata", NS)

    def values(prop: str) -> list[str]:
        return meta.xpath(f"opf:meta[@property='{prop}']/text()", namespaces=NS)

    assert values("schema:accessModeSufficient") == ["textual"]
    assert "tableOfContents" in values("schema:accessibilityFeature")
    assert "printPageNumbers" not in values("schema:accessibilityFeature")  # the sample has no pages
    assert values("schema:accessibilityHazard") == ["none"]
    assert len(values("schema:accessibilitySummary")) == 1
    assert values("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]


def test_builds_are_byte_identical(
    built: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    changed = structure()
    changed["divisions"][1]["notes"][2]["n"] = "4"
    again = {"epub": tmp_path / "other.epub", "html": tmp_path / "other" / "index.html"}
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    render(sample_tei(changed), again["epub"], again["html"])
    assert again["epub"].read_bytes() == built["epub"].read_bytes()
    assert again["html"].read_bytes() == built["html"].read_bytes()
    with zipfile.ZipFile(again["epub"]) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED


def test_failed_render_leaves_no_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pandoc's EPUB run fails after the HTML pages were made: neither edition is left behind."""
    failing = tmp_path / "pandoc"
    failing.write_text(
        '#!/bin/sh\ncase "$*" in *--to=epub3*) echo "pandoc died" >&2; exit 83;; esac\n'
        f'exec "{pypandoc.get_pandoc_path()}" "$@"\n'
    )
    failing.chmod(0o755)
    monkeypatch.setenv("PYPANDOC_PANDOC", str(failing))
    monkeypatch.setattr(pypandoc, "__pandoc_path", None)  # pypandoc looks for pandoc again
    out = tmp_path / "out"
    epub, html = out / "b.epub", out / "book" / "index.html"
    with pytest.raises(RuntimeError, match=r'exitcode "83" during conversion: pandoc died'):
        render(sample_tei(), epub, html)
    assert list(out.rglob("*")) == [out / "book"]


def test_pandoc_failure_is_reported_with_its_messages(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match=r"during conversion: .*JSON"):
        convert("not json", "html5", tmp_path / "broken.html", [])
    assert not (tmp_path / "broken.html").exists()
    document = tmp_path / "document.json"
    document.write_text(pandoc_document([{"t": "Para", "c": [{"t": "Str", "c": "Émile & 5 < 6"}]}], {}))
    convert(document, "html5", tmp_path / "page.html", [])
    assert (tmp_path / "page.html").read_text(encoding="utf-8") == "<p>Émile &amp; 5 &lt; 6</p>\n"


def test_unknown_tei_is_reported_with_its_line() -> None:
    xml = tei_bytes(encode_tei(book(), metadata())).replace(b"<milestone ", b"<table/><milestone ", 1)
    document = etree.fromstring(xml)
    with pytest.raises(InputError, match="cannot render <table>") as raised:
        tei_blocks(document, "book.xml")
    line = xml[: xml.index(b"<table/>")].count(b"\n") + 1
    assert raised.value.path == "book.xml" and raised.value.line == line


def test_division_without_head_is_headed_by_the_book_title() -> None:
    """The ``text`` division (no heading found in the book) takes the book's title, listed in the
    contents; any other division without a head is an error."""
    xml = tei_bytes(encode_tei(book(), metadata()))
    document = etree.fromstring(xml.replace(b'<div type="introduction"', b'<div type="text"', 1))
    introduction = document.find(f".//{tei('div')}[@type='text']")
    introduction.remove(introduction.find(tei("head")))
    blocks = tei_blocks(document, "book.xml", "Soviet Foreign Policy")
    header = next(block for block in blocks if block["t"] == "Header" and block["c"][1][0] == "intro")
    assert header["c"] == [
        1,
        [
            "intro",
            ["text"],
            [["epub:type", "chapter"], ["matter", "bodymatter"], ["file", "soviet-foreign-policy"]],
        ],
        text_inlines("Soviet Foreign Policy"),
    ]
    with pytest.raises(InputError, match="<div type='text'> has no head"):
        tei_blocks(document, "book.xml")


def test_ast_uses_literal_strings() -> None:
    blocks = tei_blocks(sample_tei())
    dumped = json.dumps(blocks, ensure_ascii=False)
    assert '{"t": "Str", "c": "Literal text stays literal: <b>&amp;</b> [link](#x) *not* 5 * 3."}' in dumped
    assert '"t": "RawInline"' not in dumped and '"t": "RawBlock"' not in dumped


def test_words_of_one_text_are_one_string() -> None:
    """One ``Str`` per text run (pandoc writes it as fast again); spaces at its ends stay ``Space``."""
    assert text_inlines(" Soviet\n  Foreign\u00a0Policy ") == [
        {"t": "Space"},
        {"t": "Str", "c": "Soviet Foreign\u00a0Policy"},
        {"t": "Space"},
    ]
    assert text_inlines(" \n ") == [{"t": "Space"}]
    assert text_inlines("") == text_inlines(None) == []


def test_single_spaced() -> None:
    """Runs of layout blanks become one space; a no-break space is text (the title: raw line 3)."""
    assert single_spaced("SOVIET FOREIGN POLICY") == "SOVIET FOREIGN POLICY"
    assert single_spaced("SOVIET\n        FOREIGN  POLICY\t1917") == "SOVIET FOREIGN POLICY 1917"
    assert single_spaced("Volume\u00a0I \u00a0 1917") == "Volume\u00a0I \u00a0 1917"


def test_html_page_is_pandocs_standalone_page(tmp_path: Path) -> None:
    """The page set together from pandoc's body and frame runs is byte for byte pandoc's own page."""
    tei = sample_tei()
    document = pandoc_document(tei_blocks(tei), pandoc_meta(read_header(tei), for_html=True))
    args = ["--toc", "--section-divs", "--wrap=none", "--reference-location=section"]
    outputs = {name: tmp_path / f"{name}.html" for name in ("whole", "body", "frame")}
    (tmp_path / "template.html").write_text(html_template(), encoding="utf-8")
    for name, extra in [
        ("whole", ["--standalone"]),
        ("body", []),
        ("frame", ["--standalone", f"--template={tmp_path / 'template.html'}"]),
    ]:
        pypandoc.convert_text(
            document, "html5", format="json", outputfile=str(outputs[name]), extra_args=[*args, *extra]
        )
    whole = outputs["whole"].read_bytes()
    assert b'<nav id="TOC"' in whole and b"Literal text stays literal" in whole
    assert framed(outputs["frame"].read_bytes(), outputs["body"].read_bytes()) == whole


def test_with_class_matches_whole_class_names() -> None:
    """Pandoc's EPUB XHTML of note 1 of chapter I, with a near miss and a class among others added."""
    root = etree.fromstring(
        '<section xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
        '<p>the working people.<a href="#fn1" class="footnote-ref" id="fnref1" epub:type="noteref" '
        'role="doc-noteref"><sup>1</sup></a> <span class="note-numbers">2</span></p>'
        '<aside epub:type="footnote" role="doc-footnote" id="fn1"><p><span class="note-number">1</span>'
        " V. I. Lenin, <em>Collected Works</em>, Vol. 26, Moscow, 1964, p. 316.</p></aside>"
        '<p class="x\tfootnote-ref"/></section>'
    )
    assert [element.get("id") for element in with_class(root, "footnote-ref")] == ["fnref1", None]
    assert [element.text for element in with_class(root, "note-number")] == ["1"]
    note = root.find(".//{*}aside")
    assert with_class(note, "note-number") == with_class(root, "note-number")
    assert with_class(root, "footnote") == []


@pytest.mark.parametrize(("label", "expected"), [("CHAPTER III.", "Chapter III"), ("Part 2", "Part 2")])
def test_label_text(label: str, expected: str) -> None:
    assert label_text(label) == expected


@pytest.mark.parametrize(("volume", "number"), [("I", 1), ("XIV", 14), ("3", 3), ("one", None)])
def test_roman_to_int(volume: str, number: int | None) -> None:
    assert roman_to_int(volume) == number


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tei = tmp_path / "book.xml"
    tei.write_bytes(tei_bytes(encode_tei(book(), metadata())))
    epub, html = tmp_path / "book.epub", tmp_path / "book" / "index.html"
    arguments = ["--tei", str(tei), "--epub", str(epub), "--html", str(html)]
    assert main(arguments) == 0
    assert epub.exists() and html.exists() and "4 notes" in capsys.readouterr().err
    tei.write_text("<TEI><text>", encoding="utf-8")
    assert main(arguments) == 1
    assert "not well-formed XML" in capsys.readouterr().err


def test_notes_lost_by_an_edition_are_one_error_naming_the_tei(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An edition that links fewer notes than the TEI has stops the stage with a one-line error."""
    tei = tmp_path / "book.xml"
    tei.write_bytes(tei_bytes(encode_tei(book(), metadata())))
    monkeypatch.setattr(editions, "linked_notes", lambda root: 5)  # the TEI seems to hold one more
    epub, html = tmp_path / "book.epub", tmp_path / "book" / "index.html"
    assert main(["--tei", str(tei), "--epub", str(epub), "--html", str(html)]) == 1
    error = capsys.readouterr().err
    assert f"error: {tei}: html notes: 4 linked, but the TEI has 5 notes" in error
    assert "Traceback" not in error
    assert not epub.exists() and not html.exists()


@pytest.mark.slow
def test_epubcheck_passes_the_sample(built: dict[str, Path]) -> None:
    assert epubcheck_messages(built["epub"]) == []


def test_notes_before_an_empty_section_are_kept(tmp_path: Path) -> None:
    """pandoc puts a section's notes at the end of the section after it, and loses them when that
    section is empty (a heading with nothing under it): every note still reaches both editions."""
    changed = structure()
    introduction = changed["divisions"][0]
    introduction["sections"].append({"id": "intro-s9", "title": "Empty", "first_line": 9000, "content": []})
    without = render(sample_tei(), tmp_path / "a.epub", tmp_path / "a" / "index.html")
    counts = render(sample_tei(changed), tmp_path / "b.epub", tmp_path / "b" / "index.html")
    assert counts["epub notes"] == counts["html notes"] == without["epub notes"] > 0


def test_a_figure_is_rendered_as_a_caption_with_its_credit(tmp_path: Path) -> None:
    """A plate's caption (no picture in the OCR): a ``figure.plate`` whose ``figcaption`` holds
    the title's printed lines and the credit below them."""
    changed = with_plate(["KILTERNAN CROMLECH", "BALLYBRACK CROMLECH"])
    blocks = tei_blocks(sample_tei(changed))
    figure = next(block for block in blocks if block["t"] == "Figure")
    assert figure["c"][0] == ["", ["plate"], []]
    assert [block["t"] for block in figure["c"][1][1]] == ["Plain", "Div"]
    html = tmp_path / "figure.html"
    convert(pandoc_document([figure], {}), "html5", html, [])
    page = lxml.html.fromstring(html.read_text(encoding="utf-8"))
    caption = page.find(".//figcaption")
    assert caption is not None and page.find(".//img") is None
    words = "KILTERNAN CROMLECH BALLYBRACK CROMLECH (From a photograph by B. Killick, Bray)"
    assert " ".join(caption.text_content().split()) == words
    assert caption.find("br") is not None and caption.find("div[@class='credit']") is not None


def test_the_build_date_is_the_one_given_and_none_without_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(2 * 86400))
    assert build_date() == "3 January 1970"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_date() is None  # (never the clock: a build must not differ from the next)
