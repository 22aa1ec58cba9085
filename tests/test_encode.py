"""Stage ``encode``: structure + metadata → TEI P5, valid against tei_all."""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
from edition_samples import (
    METADATA,
    RUSSIAN_TITLE,
    book,
    metadata,
    single_author_metadata,
    structure,
    with_plate,
)
from lxml import etree

from pipeline.encode import encode_tei, main, tei_bytes
from pipeline.encode.command import counted
from pipeline.model import Book, FormatError

NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def encoded(changed: dict[str, Any] | None = None) -> etree._Element:
    """The sample book encoded and read back (as a consumer of the file sees it)."""
    return etree.fromstring(tei_bytes(encode_tei(book(changed), metadata())))


def assert_valid(schema: etree.RelaxNG, document: etree._Element) -> None:
    valid = schema.validate(document)
    assert valid, "\n".join(f"{error.line}: {error.message}" for error in list(schema.error_log)[:10])


def only(document: etree._Element, path: str) -> etree._Element:
    found = document.xpath(path, namespaces=NS)
    assert len(found) == 1, f"{path}: {len(found)} matches"
    return found[0]


def test_sample_is_valid_tei_all(tei_all: etree.RelaxNG) -> None:
    assert_valid(tei_all, encoded())


def test_schema_rejects_a_broken_document(tei_all: etree.RelaxNG) -> None:
    """The validity checks can fail: a ``p`` straight in ``text`` is not TEI."""
    document = encoded()
    only(document, "//t:text").insert(0, etree.Element(f"{{{NS['t']}}}p"))
    assert not tei_all.validate(document)


def test_output_is_deterministic_and_pretty() -> None:
    first = tei_bytes(encode_tei(book(), metadata()))
    assert first == tei_bytes(encode_tei(book(), metadata()))
    assert first.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<?xml-model ')
    assert b"\n    <front>\n" in first
    assert RUSSIAN_TITLE.encode() in first  # UTF-8, not character references


def test_header_describes_the_printed_book() -> None:
    document = encoded()
    title_stmt = only(document, "//t:fileDesc/t:titleStmt")
    assert [title.text for title in title_stmt.findall("t:title", NS)] == [
        "Soviet Foreign Policy",
        "Volume I, 1917\u20131945",  # typeset as the text is
    ]
    assert [editor.text for editor in title_stmt.findall("t:editor", NS)] == [
        "A. A. Gromyko",
        "B. N. Ponomarev",
    ]
    contributors = title_stmt.xpath(
        "t:respStmt[t:resp='contributor to the volume']/t:persName/text()", namespaces=NS
    )
    assert contributors[0] == "I. N. Zemskov" and len(contributors) == 8
    assert (
        only(document, "//t:publicationStmt/t:idno/text()") == "urn:x-ocr-edition:soviet-foreign-policy-vol1"
    )
    monogr = only(document, "//t:sourceDesc/t:biblStruct/t:monogr")
    assert monogr.findtext("t:imprint/t:publisher", namespaces=NS) == "Progress Publishers"
    assert monogr.findtext("t:imprint/t:pubPlace", namespaces=NS) == "Moscow"
    assert monogr.find("t:imprint/t:date", NS).get("when") == "1981"
    assert monogr.findtext("t:edition", namespaces=NS) == "Fourth, revised and enlarged edition"
    original = only(document, "//t:sourceDesc//t:relatedItem[@type='original']/t:biblStruct")
    assert original.get(XML_LANG) == "ru"
    assert original.findtext("t:monogr/t:title", namespaces=NS) == RUSSIAN_TITLE
    parts = [etree.QName(part).localname for part in document.xpath("//t:editorialDecl/*", namespaces=NS)]
    assert {"correction", "normalization", "quotation", "hyphenation", "segmentation"} <= set(parts)
    assert document.xpath("//t:langUsage/t:language/@ident", namespaces=NS) == ["en", "ru"]
    assert b"20" not in etree.tostring(only(document, "//t:publicationStmt"))  # no build date


def single_author_book(folder: Path, **more: Any) -> etree._Element:
    """The sample book encoded with the single-author book's metadata (and ``more`` fields)."""
    return etree.fromstring(tei_bytes(encode_tei(book(), single_author_metadata(folder) | more)))


def test_single_author_book_is_described_without_volume_period_or_original(
    tmp_path: Path, tei_all: etree.RelaxNG
) -> None:
    document = single_author_book(tmp_path)
    assert_valid(tei_all, document)
    title_stmt = only(document, "//t:fileDesc/t:titleStmt")
    assert [title.get("type") for title in title_stmt.findall("t:title", NS)] == ["main"]
    assert title_stmt.xpath("t:author/t:persName/text()", namespaces=NS) == ["William James"]
    assert title_stmt.findall("t:editor", NS) == []
    monogr = only(document, "//t:sourceDesc/t:biblStruct/t:monogr")
    assert monogr.xpath("t:author/t:persName/text()", namespaces=NS) == ["William James"]
    assert monogr.find("t:biblScope", NS) is None
    assert document.xpath("//t:sourceDesc//t:note | //t:relatedItem", namespaces=NS) == []
    # the edition's language and the Russian of the sample's printed title pages, no original's
    assert document.xpath("//t:langUsage/t:language/@ident", namespaces=NS) == ["en", "ru"]
    assert only(document, "//t:publicationStmt/t:idno/text()") == (
        "urn:x-ocr-edition:essays-in-radical-empiricism-1912"
    )
    page = only(document, "//t:front/t:titlePage")
    assert page.xpath("t:docTitle/t:titlePart/@type", namespaces=NS) == ["main"]
    assert [" ".join("".join(line.itertext()).split()) for line in page.findall("t:byline", NS)] == [
        "by William James"
    ]
    header = etree.tostring(only(document, "//t:teiHeader"), encoding="unicode")
    printed = etree.tostring(page, encoding="unicode")
    assert not {"None", "Volume", "Translated"} & set((header + printed).replace("<", " ").split())


def test_translators_are_editors_with_their_role(tmp_path: Path, tei_all: etree.RelaxNG) -> None:
    original = {"title": "Essais", "language": "fr"}
    document = single_author_book(tmp_path, translators=["A. Translator", "B. Translator"], original=original)
    assert_valid(tei_all, document)
    for place in ("//t:fileDesc/t:titleStmt", "//t:sourceDesc/t:biblStruct/t:monogr"):
        people = only(document, place)
        assert people.xpath("t:editor[@role='translator']/text()", namespaces=NS) == [
            "A. Translator",
            "B. Translator",
        ]
    assert only(document, "//t:sourceDesc/t:biblStruct/t:note/text()") == "Translated from the French."
    bylines = ["".join(line.itertext()) for line in document.iterfind(".//t:titlePage/t:byline", NS)]
    assert bylines == ["by William James", "Translated by A. Translator and B. Translator"]


def test_chapter_with_label_subtitle_and_section() -> None:
    chapter = only(encoded(), "//t:body/t:div[@type='chapter']")
    assert chapter.get("n") == "III" and chapter.get(XML_ID) == "ch03"
    head = chapter.find("t:head", NS)
    assert head.findtext("t:label", namespaces=NS) == "CHAPTER III"
    assert "".join(head.itertext()).startswith("CHAPTER III The Beginning of the Foreign Armed Intervention.")
    subtitle = only(chapter, "t:head[@type='sub']")
    assert (
        subtitle.text == "("
        and subtitle.findtext("t:hi[@rend='italic']", namespaces=NS) == "March-November 1918"
    )
    section = only(chapter, "t:div[@type='section']")
    assert section.get(XML_ID) == "ch03-s1"
    assert section.findtext("t:head", namespaces=NS).startswith("Germany's Aggressive Policy")
    # the paragraphs before the first section stay in the chapter, before the section
    assert [etree.QName(child).localname for child in chapter] == ["head", "head", "p", "p", "div"]


def test_note_stands_at_its_marker_with_its_own_markup() -> None:
    paragraph = only(encoded(), "//t:div[@xml:id='intro']/t:p")
    note = only(paragraph, "t:note")
    assert note.get("place") == "foot" and note.get("n") == "1" and note.get(XML_ID) == "intro-n1"
    assert paragraph.text.endswith('lie at the root of both our home and foreign policy".')
    assert note.tail.startswith(" The radical differences")
    assert note.findtext("t:hi[@rend='italic']", namespaces=NS) == "Collected Works"
    assert note.text == "V. I. Lenin, "


def test_emphasis_and_literal_text_in_paragraphs() -> None:
    paragraph = only(encoded(), "//t:div[@xml:id='ch03-s1']/t:p")
    assert paragraph.xpath("t:hi[@rend='italic']/text()", namespaces=NS) == ["they", "for"]
    assert "<b>&amp;</b> [link](#x) *not* 5 * 3." in "".join(paragraph.itertext())


def test_front_matter_and_contents() -> None:
    document = encoded()
    title_page = only(document, "//t:front/t:div[@type='titlePage']")
    assert title_page.xpath(".//t:foreign[@xml:lang='ru']/text()", namespaces=NS)[0] == RUSSIAN_TITLE
    assert title_page.xpath(".//t:lb", namespaces=NS)
    contents = only(document, "//t:front/t:div[@type='contents']")
    items = contents.xpath("t:list/t:item", namespaces=NS)
    assert [item.find("t:ref", NS).get("target") for item in items] == ["#intro", "#ch03", "#chron"]
    assert items[1].findtext("t:num[@type='page']", namespaces=NS) == "71"
    assert items[1].find("t:ref", NS).text.startswith("CHAPTER III. The Beginning")
    nested = items[1].xpath("t:list/t:item/t:ref/@target", namespaces=NS)
    assert nested == ["#ch03-s1"]
    ids = set(document.xpath("//@xml:id"))
    assert all(target[1:] in ids for target in document.xpath("//t:ref/@target", namespaces=NS))


def test_chronology_and_back_matter() -> None:
    back = only(encoded(), "//t:back")
    chronology = only(back, "t:div[@type='chronology']")
    years = chronology.findall("t:div[@type='year']", NS)
    assert [year.get("n") for year in years] == ["1917", "1918"]
    assert [year.findtext("t:head", namespaces=NS) for year in years] == ["1917", "1918"]
    entries = years[0].findall("t:list/t:item", NS)
    assert entries[0].findtext("t:hi", namespaces=NS) == "October (7 November)"
    unlinked = only(years[0], "t:note[@type='unlinked']")  # after the list it was printed under
    assert unlinked.getprevious().tag == f"{{{NS['t']}}}list" and unlinked.get("n") == "1"
    request = only(back, "t:div[@type='backmatter']")
    assert request.findtext("t:head", namespaces=NS) == "REQUEST TO READERS"
    assert request.findtext("t:p", namespaces=NS).startswith("Progress Publishers would be glad")


def test_note_marker_in_a_heading(tei_all: etree.RelaxNG) -> None:
    changed = structure()
    chronology = changed["divisions"][2]
    chronology["title_parts"] = ["Chronology", {"note": "chron-n1"}]
    del chronology["notes"][0]["unlinked"]
    document = encoded(changed)
    head = only(document, "//t:div[@type='chronology']/t:head")
    assert head.text == "Chronology" and head.find("t:note", NS).get(XML_ID) == "chron-n1"
    assert not document.xpath("//t:note[@type='unlinked']", namespaces=NS)
    assert_valid(tei_all, document)


def test_text_without_headings_is_one_division_without_head(tei_all: etree.RelaxNG) -> None:
    """A book where structure found no heading: its one ``text`` division has no ``head``."""
    sample = structure()
    text = sample["divisions"][0] | {"id": "text", "type": "text", "title": ""}
    sample |= {"contents": [], "divisions": [text], "back": []}
    document = etree.fromstring(tei_bytes(encode_tei(Book.from_json(sample), metadata())))
    div = only(document, "//t:body/t:div")
    assert (div.get("type"), div.get(XML_ID)) == ("text", "text")
    assert div.find("t:head", NS) is None
    assert [local(child) for child in div] == ["p", "milestone"]
    assert div.find("t:p/t:note", NS) is not None
    assert not document.xpath("//t:back", namespaces=NS)
    assert_valid(tei_all, document)


def local(element: etree._Element) -> str:
    return etree.QName(element).localname


def test_all_ids_are_unique() -> None:
    ids = encoded().xpath("//@xml:id")
    assert len(ids) == len(set(ids)) > 10


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda s: s["divisions"][1]["content"][0]["parts"].append({"note": "ch09-n9"}),
            "unknown note 'ch09-n9'",
        ),
        (lambda s: s["divisions"][1]["content"][1]["parts"].append({"note": "ch03-n1"}), "two markers"),
        (lambda s: s["divisions"][1]["sections"][0].update(id="ch03"), "used twice"),
        (lambda s: s["divisions"][1].update(id="3 bad"), "not a valid XML name"),
        (lambda s: s["divisions"][1].update(type="appendix"), "unknown type 'appendix'"),
        (
            lambda s: s["divisions"][0]["content"].append({"type": "table", "first_line": 9}),
            "unknown item type",
        ),
    ],
)
def test_bad_structure_is_reported(change: Any, message: str) -> None:
    broken = structure()
    change(broken)
    with pytest.raises(FormatError, match=message):
        encode_tei(Book.from_json(broken), metadata())


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "structure.json"
    source.write_text(json.dumps(structure(), ensure_ascii=False), encoding="utf-8")
    output = tmp_path / "tei" / "book.xml"
    arguments = ["--input", str(source), "--metadata", str(METADATA), "--output", str(output)]
    assert main(arguments) == 0
    assert etree.parse(str(output)).getroot().tag == f"{{{NS['t']}}}TEI"
    assert "5 notes (1 without marker)" in capsys.readouterr().err

    poem = structure()
    poem["divisions"][0]["type"] = "poem"
    source.write_text(json.dumps(poem), encoding="utf-8")
    before = output.read_bytes()
    assert main(arguments) == 1
    assert "unknown type 'poem'" in capsys.readouterr().err
    assert output.read_bytes() == before  # a failed run leaves the previous output alone
    assert sorted(path.name for path in output.parent.iterdir()) == ["book.xml"]


def test_the_tei_records_the_installed_pipelines_version() -> None:
    # pyproject.toml reads the version from pipeline.__version__, which the encode stage records
    assert counted([]).version == version("ocr-edition")


def with_part(sample: dict[str, Any]) -> dict[str, Any]:
    """The sample with a part (as the structure stage gives one) above its chapter."""
    part = {
        "id": "part1",
        "type": "part",
        "n": "I",
        "label": "PART I",
        "title": "The Years of Intervention",
        "subtitle": None,
        "first_line": 1170,
        "content": [{"type": "pb", "pb": "95", "line": 1174, "evidence": "chapter"}],
        "sections": [],
        "notes": [],
        "chapters": ["ch03"],
    }
    sample["divisions"].insert(1, part)
    return sample


def test_a_part_holds_its_chapters_and_is_valid_tei_all(tei_all: etree.RelaxNG) -> None:
    document = encoded(with_part(structure()))
    assert_valid(tei_all, document)
    part = only(document, "//t:body/t:div[@type='part']")
    assert (part.get("n"), part.get(XML_ID)) == ("I", "part1")
    assert "".join(only(part, "t:head").itertext()) == "PART I The Years of Intervention"
    assert [child.tag.split("}")[1] for child in part] == ["head", "pb", "div"]
    assert only(part, "t:div").get(XML_ID) == "ch03"
    body = [div.get("type") for div in only(document, "//t:body").findall("t:div", NS)]
    assert body == ["introduction", "part"]  # the chapter is inside the part, not beside it


def test_a_plates_caption_is_a_figure_with_its_head_and_credit(tei_all: etree.RelaxNG) -> None:
    """A plate's title lines in ``head``, its credit in a ``p``, each printed line apart."""
    changed = with_plate(["TILTED CAMBRIAN SLATES AT", "BRAY HEAD"])
    document = encoded(changed)
    figure = only(document, "//t:div[@xml:id='ch03']/t:figure")
    assert [local(child) for child in figure] == ["head", "p"]
    head = figure.find("t:head", NS)
    assert [local(child) for child in head] == ["lb"]
    assert (head.text, head[0].tail) == ("TILTED CAMBRIAN SLATES AT", "BRAY HEAD")
    assert figure.find("t:p", NS).text == "(From a photograph by B. Killick, Bray)"
    assert_valid(tei_all, document)
