"""Structured OCR in (pipeline/extract/): hOCR, ALTO and PAGE XML read into text and geometry,
the format told from the file, bad files refused with the file and line; and what the geometry
decides (pipeline/readers/geometry.py)."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.books import book_source, find_books
from pipeline.correct.automatic import Found
from pipeline.correct.engine import EngineConfidence
from pipeline.correct.review import review_list
from pipeline.extract import extract, read_geometry
from pipeline.extract.command import main as extract_main
from pipeline.extract.xml import type_size
from pipeline.model import InputError
from pipeline.model.geometry import Box, Geometry, PrintedLine, PrintedPage
from pipeline.model.schema import problems
from pipeline.ocr import ocr_page
from pipeline.readers import read_input
from pipeline.readers.geometry import NOTE_TYPE, PLACED_FURNITURE, SMALLER_TYPE, learn_geometry
from pipeline.repair.registry import repair_text
from pipeline.tesseract import installed_languages, tesseract_language
from pipeline.text.widths import DESCENDING_RE as DESCENDS

HOCR = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title></title></head><body>
<div class="ocr_page" id="page_1" title='image "scans/p1.png"; bbox 0 0 1000 1500; ppageno 0'>
 <div class="ocr_carea"><p class="ocr_par">
  <span class="ocr_header" title="bbox 400 60 600 80; baseline 0 -4; x_size 20">
   <span class="ocrx_word" title="bbox 400 60 600 80; x_wconf 91">HISTORY</span></span>
  <span class="ocr_line" title="bbox 140 160 900 190; baseline 0.001 -6; x_size 30">
   <span class="ocrx_word" title="bbox 140 160 200 190; x_wconf 96">The</span>
   <span class="ocrx_word" title="bbox 210 160 320 190; x_wconf 42"><strong>fi rst</strong></span></span>
 </p></div></div>
<div class="ocr_page" id="page_2" title='bbox 0 0 1000 1500'>
 <span class="ocr_line" title="bbox 100 160 900 190">
  <span class="ocrx_word" title="bbox 100 160 900 190">Next</span></span>
</div></body></html>
"""

ALTO_V2 = """<?xml version="1.0" encoding="UTF-8"?>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v2#">
<Description><MeasurementUnit>pixel</MeasurementUnit>
 <sourceImageInformation><fileName>0001.tif</fileName></sourceImageInformation></Description>
<Layout><Page ID="p1" WIDTH="1000" HEIGHT="1500" PHYSICAL_IMG_NR="1">
 <TopMargin><TextBlock ID="b0"><TextLine HPOS="450" VPOS="50" WIDTH="100" HEIGHT="20">
  <String CONTENT="12" WC="0.9"/></TextLine></TextBlock></TopMargin>
 <PrintSpace><TextBlock ID="b1">
  <TextLine HPOS="100" VPOS="200" WIDTH="800" HEIGHT="30" BASELINE="224">
   <String CONTENT="a" WC="0.95"/><SP/><String CONTENT="word" WC="0.5"/><HYP CONTENT="-"/></TextLine>
  <TextLine HPOS="100" VPOS="240" WIDTH="300" HEIGHT="30"><String CONTENT="broken."/></TextLine>
 </TextBlock></PrintSpace></Page></Layout></alto>
"""

PAGE_2019 = """<?xml version="1.0" encoding="UTF-8"?>
<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15">
<Metadata><Creator>test</Creator><Created>2020-01-01T00:00:00</Created>
<LastChange>2020-01-01T00:00:00</LastChange></Metadata>
<Page imageFilename="page0001.png" imageWidth="1000" imageHeight="1500">
 <ReadingOrder><OrderedGroup id="g"><RegionRefIndexed index="1" regionRef="r2"/>
  <RegionRefIndexed index="0" regionRef="r1"/></OrderedGroup></ReadingOrder>
 <TextRegion id="r2" type="footnote"><Coords points="100,1300 900,1300 900,1340 100,1340"/>
  <TextLine id="l2"><Coords points="100,1300 900,1300 900,1320 100,1320"/>
   <Word id="w1"><Coords points="100,1300 200,1300 200,1320 100,1320"/>
    <TextEquiv conf="0.8"><Unicode>1</Unicode></TextEquiv></Word>
   <Word id="w2"><Coords points="210,1300 300,1300 300,1320 210,1320"/>
    <TextEquiv conf="0.6"><Unicode>Note.</Unicode></TextEquiv></Word></TextLine></TextRegion>
 <TextRegion id="r1" type="paragraph"><Coords points="100,200 900,200 900,240 100,240"/>
  <TextLine id="l1"><Coords points="100,200 900,200 900,232 100,232"/>
   <Baseline points="100,226 900,230"/>
   <TextEquiv><Unicode>Body  text here.</Unicode></TextEquiv></TextLine></TextRegion>
</Page></PcGts>
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_hocr_lines_keep_their_boxes_sizes_confidences_and_image(tmp_path: Path) -> None:
    text, geometry = extract([write(tmp_path, "book.hocr", HOCR)])
    assert geometry.format == "hocr"
    assert text == "HISTORY\nThe fi rst\n\fNext\n"
    first, second = geometry.pages
    assert (first.image, first.width, first.height, second.image) == ("scans/p1.png", 1000, 1500, None)
    head, line = first.lines
    assert (head.line, head.region, head.size) == (1, "ocr_header", 20)
    assert line.box == Box(140, 160, 900, 190)
    assert line.baseline == 184
    assert line.confidences == (0.96, 0.42)
    assert second.lines[0].size == 30  # no x_size: the box's height


def test_hocr_word_titles_written_otherwise_than_tesseracts_are_read_alike(tmp_path: Path) -> None:
    # (Tesseract with its fonts' information on, ``x_fsize``; another engine's order of the properties)
    other = HOCR.replace('x_wconf 96"', 'x_wconf 96; x_font Times; x_fsize 12"').replace(
        'title="bbox 210 160 320 190; x_wconf 42"', 'title="x_wconf 42; bbox 210 160 320 190"'
    )
    assert other.count("x_fsize") == other.count("x_wconf 42; bbox") == 1
    (tmp_path / "other").mkdir()
    read = extract([write(tmp_path / "other", "book.hocr", other)])[1]
    assert read == extract([write(tmp_path, "book.hocr", HOCR)])[1]
    assert read.pages[0].lines[1].confidences == (0.96, 0.42)
    assert [line.words for line in read.pages[0].lines] == [
        (Box(400, 60, 600, 80),),
        (Box(140, 160, 200, 190), Box(210, 160, 320, 190)),
    ]


def test_an_hocr_lines_type_size_weighs_its_words_heights_with_tesseracts_x_size(tmp_path: Path) -> None:
    # (generated quartos as Tesseract read them: a note's x_size 21 where the text's is 23, its words
    # reaching the ascenders without descending 15 px high where the text's stand 18; a one-line note
    # 23 px from ascenders to descenders given an x_size of 28.75)
    def hocr_line(top: int, x_size: float, text: str, reach: int, boxed: bool) -> str:
        words = "".join(
            f"<span class='ocrx_word' title='bbox {100 + 60 * at} {word_top} {150 + 60 * at} {bottom}'>"
            f"{word}</span> "
            if boxed
            else f"<span class='ocrx_word'>{word}</span> "
            for at, word in enumerate(text.split())
            for word_top, bottom in [
                (top - 3, top + 28)
                if word == "Acute"
                else (top, top + (23 if DESCENDS.search(word) or word == "Brest" else reach))
            ]
        )
        title = f"bbox 100 {top} 600 {top + 23}; baseline 0 {reach - 23}; x_size {x_size}"
        return f"<span class='ocr_line' title='{title}'>{words}</span>"

    def size(x_size: float, text: str, boxed: bool = True) -> float | None:
        body = "".join(
            hocr_line(200 + 40 * at, 23, "Soviet Union and Britain held", 18, boxed) for at in range(5)
        )
        foot = hocr_line(1454, x_size, text, 15, boxed)
        page = f"<div class='ocr_page' title='bbox 0 0 1000 1600'>{body}{foot}</div>"
        lines = extract([write(tmp_path, "page.hocr", f"<html><body>{page}</body></html>")])[1].pages[0].lines
        assert [line.size for line in lines[:-1]] == [18] * 5 or not boxed
        return lines[-1].size

    scale = 18 / 23  # (the page's words' heights to its x_size)
    note = "Their Aggressive, Both Its, Vol. 12, p. 381."
    assert 21 * scale > NOTE_TYPE * 18  # (x_size alone: the note's type nearly the text's)
    assert size(21, note) == pytest.approx((15 + 21 * scale) / 2)
    assert size(21, note) < NOTE_TYPE * 18  # (both: a note's)
    assert size(28.75, note) == 15  # (an x_size taller than a box spanning the type: none)
    assert size(21, "countries.") == pytest.approx(21 * scale)  # (no word reaching the ascenders)
    # (Acute's box reaches past its line's, Brest's foot stands a third of its height below the
    # baseline: specks' with them)
    assert size(21, "More Acute") == size(21, "More Brest") == pytest.approx((15 + 21 * scale) / 2)
    assert size(21, note, boxed=False) == 21  # (no word has a box: Tesseract's x_size it is)


def test_alto_reads_margins_hyphens_and_word_confidences(tmp_path: Path) -> None:
    text, geometry = extract([write(tmp_path, "0001.xml", ALTO_V2)])
    assert geometry.format == "alto"
    assert text == "12\na word-\nbroken.\n"
    page = geometry.pages[0]
    assert (page.image, page.width) == ("0001.tif", 1000)
    number, broken, _ = page.lines
    assert number.region == "header"  # in the page's top margin
    assert broken.confidences == (0.95, 0.5)
    assert broken.baseline == 224
    assert broken.box == Box(100, 200, 900, 230)


def test_an_alto_line_without_a_baseline_has_the_one_its_words_feet_show(tmp_path: Path) -> None:
    # (Tesseract's ALTO gives no BASELINE; a generated quarto's line, seed 661: its box, raised by an
    # apostrophe and a word's box stretched to a speck, told a gap before the next line not there)
    words = [
        ("Diplomatic", 120, 684, 24),
        ("Corps's", 254, 684, 22),
        ("request", 348, 684, 22),
        ("the", 583, 681, 18),
        ("release", 628, 681, 18),
        ("of", 720, 680, 18),
        ("the", 749, 680, 18),
        ("Romanian", 794, 675, 32),
    ]
    strings = "".join(
        f'<String CONTENT="{word}" HPOS="{left}" VPOS="{top}" WIDTH="80" HEIGHT="{height}"/>'
        for word, left, top, height in words
    )

    def baseline(content: str) -> float | None:
        line = f'<TextLine HPOS="120" VPOS="675" WIDTH="790" HEIGHT="33">{content}</TextLine>'
        alto = ALTO_V2.replace('<String CONTENT="broken."/>', "").replace(
            "</TextBlock></PrintSpace>", line + "</TextBlock></PrintSpace>"
        )
        return extract([write(tmp_path, "0001.xml", alto)])[1].pages[0].lines[-1].baseline

    # the feet of the plain words without a descender, fitted to a line falling to the left (a skewed
    # page's slope), at the line's left end; the stretched box of Romanian left out
    found = baseline(strings)
    assert found is not None and 699 < found < 704
    # a line whose every word descends has none
    descending = {"the": "by", "release": "gay", '"of"': '"up"', "Romanian": "Yugoslav"}
    for word, other in descending.items():
        strings = strings.replace(word, other)
    assert baseline(strings) is None


def test_an_alto_line_takes_its_type_size_from_the_words_within_its_box(tmp_path: Path) -> None:
    # A footnote's line as Tesseract wrote it (a generated book's page): two words' boxes, stretched
    # to specks above and below them, reach beyond the line's box; the plain word within it tells
    # the notes' type.
    words = [
        ("°", 1455, 10),
        ("Ship,", 1457, 19),
        ("More", 1451, 31),
        ("Acute,", 1451, 31),
        ("Vol.", 1458, 14),
    ]
    strings = "".join(
        f'<String CONTENT="{word}" HPOS="141" VPOS="{top}" WIDTH="7" HEIGHT="{height}"/>'
        for word, top, height in words
    )

    def size(line_top: int, line_height: int) -> float | None:
        line = (
            f'<TextLine HPOS="141" VPOS="{line_top}" WIDTH="321" HEIGHT="{line_height}">{strings}</TextLine>'
        )
        alto = ALTO_V2.replace('<String CONTENT="broken."/>', "").replace(
            "</TextBlock></PrintSpace>", line + "</TextBlock></PrintSpace>"
        )
        return extract([write(tmp_path, "0001.xml", alto)])[1].pages[0].lines[-1].size

    assert size(1455, 22) == 14
    assert size(1451, 31) == 22.5  # a line's box taking the stretched words in: their heights count


def test_an_alto_line_whose_words_tell_no_size_is_sized_by_its_box_where_it_spans_its_type(
    tmp_path: Path,
) -> None:
    # (a generated quarto as Tesseract wrote it in ALTO, seed 937: a chapter title's last line,
    # ``Coming``, its one word rising and descending, had no size; read in none, it was left out of
    # the title. Its box spans its type as the lines above it do: sized at their ratio, 0.75)
    def line(top: int, height: int, words: list[tuple[str, int, int]]) -> str:
        strings = "".join(
            f'<String CONTENT="{word}" HPOS="{left}" VPOS="{top}" WIDTH="60" HEIGHT="{size}"/>'
            for word, left, size in words
        )
        return f'<TextLine HPOS="120" VPOS="{top}" WIDTH="790" HEIGHT="{height}">{strings}</TextLine>'

    title = line(
        356, 34, [("Into", 249, 26), ("Account", 330, 26), ("the", 480, 26), ("Importance", 560, 26)]
    )
    body = line(519, 24, [("This", 121, 18), ("obvious", 200, 18), ("fact", 300, 18), ("holds", 400, 18)])
    lines = [title, line(400, 33, [("Coming", 482, 33)]), body, line(555, 17, [("nations,", 121, 17)])]
    alto = ALTO_V2.replace('<String CONTENT="broken."/>', "").replace(
        "</TextBlock></PrintSpace>", "".join(lines) + "</TextBlock></PrintSpace>"
    )
    sizes = [printed.size for printed in extract([write(tmp_path, "0001.xml", alto)])[1].pages[0].lines[-4:]]
    assert sizes[0] == 26 and sizes[1] == pytest.approx(33 * 26 / 34) and sizes[2] == 18
    assert sizes[3] is None  # (a t and a comma reach neither the ascenders' top nor the descenders')


def test_a_short_lines_box_sizes_it_only_at_the_pages_usual_size_or_more(tmp_path: Path) -> None:
    # (a generated quarto as Tesseract wrote it in ALTO, seed 960: a paragraph's last line, ``day.``,
    # its box 22 high where the full lines' are 24, was sized 15.2 among lines of 18 and read as a
    # note in smaller type; its words tell no size, so its box is a least one)
    def line(top: int, height: int, words: list[tuple[str, int]]) -> str:
        strings = "".join(
            f'<String CONTENT="{word}" HPOS="{120 + 90 * at}" VPOS="{top}" WIDTH="80" HEIGHT="{size}"/>'
            for at, (word, size) in enumerate(words)
        )
        return f'<TextLine HPOS="120" VPOS="{top}" WIDTH="790" HEIGHT="{height}">{strings}</TextLine>'

    full = [("Great", 18), ("Patriotic", 18), ("policy", 24)]
    lines = [line(200 + 31 * row, 24, full) for row in range(5)] + [line(355, 22, [("day.", 22)])]
    alto = ALTO_V2.replace("</TextBlock></PrintSpace>", "".join(lines) + "</TextBlock></PrintSpace>").replace(
        '<String CONTENT="broken."/>', ""
    )
    sizes = [printed.size for printed in extract([write(tmp_path, "0001.xml", alto)])[1].pages[0].lines[-6:]]
    assert sizes == [18] * 5 + [None]


def test_a_line_whose_only_ascending_words_rise_by_a_t_has_no_type_size() -> None:
    # (a generated octavo as Tesseract wrote it in ALTO: a paragraph's last line ``ries too.``, 16 px
    # where the body's type is 19.5, was taken for a footnote's smaller type)
    assert type_size([("ries", 12), ("too.", 16)]) is None
    assert type_size([("ries", 12), ("too.", 16), ("held", 20), ("the", 19)]) == 19


def test_page_xml_follows_the_reading_order_and_keeps_region_types(tmp_path: Path) -> None:
    text, geometry = extract([write(tmp_path, "page0001.xml", PAGE_2019)])
    assert geometry.format == "page"
    assert text == "Body text here.\n1 Note.\n"
    body, note = geometry.pages[0].lines
    assert (body.region, note.region) == ("paragraph", "footnote")
    assert body.baseline == 228
    assert note.confidences == (0.8, 0.6)  # the line has no text of its own: its words'


def test_a_page_image_named_beside_its_ocr_file_is_found_there(tmp_path: Path) -> None:
    folder = tmp_path / "book"
    folder.mkdir()
    (folder / "0001.tif").write_bytes(b"II*")
    _, geometry = extract([write(folder, "0001.xml", ALTO_V2)])
    assert geometry.pages[0].image == str(folder / "0001.tif")
    _, elsewhere = extract([write(tmp_path, "0001.xml", ALTO_V2)])
    assert elsewhere.pages[0].image == "0001.tif"  # no such file: kept as the OCR file names it


def test_pages_of_several_files_follow_one_another_with_form_feeds(tmp_path: Path) -> None:
    files = [write(tmp_path, f"p{number}.xml", ALTO_V2) for number in (1, 2)]
    text, geometry = extract(files)
    assert text.count("\f") == 1
    assert [line.line for page in geometry.pages for line in page.lines] == [1, 2, 3, 4, 5, 6]
    assert problems("geometry", geometry.to_json()) == []
    assert Geometry.from_json(geometry.to_json()) == geometry


def test_the_extract_command_reads_a_folder_in_page_order(tmp_path: Path) -> None:
    folder = tmp_path / "book"
    folder.mkdir()
    write(folder, "page-10.xml", PAGE_2019)
    write(folder, "page-9.xml", ALTO_V2.replace("broken.", "ninth."))
    with pytest.raises(InputError, match="a page file among alto files"):
        read_geometry([folder / "page-9.xml", folder / "page-10.xml"])
    write(folder, "page-10.xml", ALTO_V2.replace("broken.", "tenth."))
    output, geometry = tmp_path / "source.txt", tmp_path / "geometry.json"
    metadata = write(tmp_path, "metadata.json", '{"language": "en-GB"}')
    options = ["--metadata", str(metadata), "--output", str(output), "--geometry", str(geometry)]
    assert extract_main([str(folder), *options]) == 0
    assert output.read_text(encoding="utf-8").index("ninth.") < output.read_text(encoding="utf-8").index(
        "tenth."
    )


def test_a_long_book_read_by_two_processes_reads_as_by_one(tmp_path: Path) -> None:
    """A book of one hOCR file of 60 pages, or of 60 ALTO files, read by two processes side by side
    (each a run of its pages or files) gives the text and geometry one process gives; of two bad
    files, one in each run, the first is named, though the other process is the one that reads it."""
    head, pages = HOCR.split("<body>")
    pages, tail = pages.split("</body>")
    many = "".join(pages.replace("Next", f"Next{n}") for n in range(30))
    hocr = write(tmp_path, "book.hocr", f"{head}<body>{many}</body>{tail}")
    alto = [write(tmp_path, f"p{n:02}.xml", ALTO_V2.replace("broken.", f"page{n}.")) for n in range(60)]
    for book in ([hocr], alto):
        text, geometry = extract(book)
        assert len(geometry.pages) == 60
        assert extract(book, workers=2) == (text, geometry)
    alto[10].write_text("<alto><Layout><Page", encoding="utf-8")
    alto[50].write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'/>", encoding="utf-8")
    with pytest.raises(InputError, match="not well-formed XML") as error:
        extract(alto, workers=2)
    assert error.value.path == str(alto[10])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<alto><Layout><Page", "not well-formed XML"),
        ("<TEI xmlns='http://www.tei-c.org/ns/1.0'/>", "neither hOCR \\(ocr_page\\), ALTO"),
        ("<alto><Layout><Page WIDTH='1' HEIGHT='1'/></Layout></alto>", "no line of text"),
    ],
)
def test_a_bad_file_is_refused_with_its_name(tmp_path: Path, content: str, message: str) -> None:
    path = write(tmp_path, "bad.xml", content)
    with pytest.raises(InputError, match=message) as error:
        extract([path])
    assert error.value.path == str(path)


def test_an_external_entity_is_refused_not_read(tmp_path: Path) -> None:
    doctype = '<!DOCTYPE alto [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    path = write(
        tmp_path, "x.xml", ALTO_V2.replace("<alto ", doctype + "<alto ").replace('"12"', '"&secret;"')
    )
    with pytest.raises(InputError, match="external entity") as error:
        extract([path])
    assert error.value.line == 7
    assert "root:" not in str(error.value)


def test_a_book_may_be_a_file_or_a_folder_of_ocr_or_of_images(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "scans").mkdir(parents=True)
    (raw / "alto").mkdir()
    for name in ("one.hocr", "one.yaml", "plain.txt", "plain.yaml", "scans.yaml", "alto.yaml"):
        (raw / name).touch()
    for name in ("p2.png", "p10.png", "p1.png"):
        (raw / "scans" / name).touch()
    (raw / "alto" / "a.xml").touch()
    assert find_books(raw).names == ("alto", "one", "plain", "scans")
    assert book_source(raw, "one").kind == "structured"
    assert book_source(raw, "plain").kind == "text"
    scans = book_source(raw, "scans")
    assert (scans.kind, [path.name for path in scans.files]) == ("scans", ["p1.png", "p2.png", "p10.png"])
    (raw / "plain").mkdir()
    (raw / "empty").mkdir()
    (raw / "empty.yaml").touch()
    assert [refusal.message for refusal in find_books(raw).refused] == [
        f"{raw}/empty/ holds no OCR file (.hocr, .html, .xml) and no page image (.png, .tif, .jpg)",
        f"plain has 2 sources ({raw}/plain, {raw}/plain.txt): keep one",
    ]


# --- what the geometry decides ------------------------------------------------------------------

BODY = 30.0


def printed(
    number: int, text: str, left: float, top: float, width: float = 760, size: float = BODY
) -> PrintedLine:
    return PrintedLine(number, text, Box(left, top, left + width, top + size), size)


def page_of(first: int, page: int) -> list[PrintedLine]:
    """A page: a running head set apart at the top, an indented paragraph opening, a heading in
    larger type, two lines of a smaller note at the foot and the page number below them."""
    rows = [
        printed(first, f"History of the Tests {page}", 300, 50, 300, 20),
        printed(first + 1, "the end of a paragraph from the page before it,", 100, 150),
        printed(first + 2, "which ends here.", 100, 190, 300),
        printed(first + 3, "A paragraph opens with its first line indented and", 150, 230, 710),
        printed(first + 4, "goes on at the margin for a line or two more until", 100, 270),
        printed(first + 5, "it ends.", 100, 310, 150),
        printed(first + 6, "A HEADING", 350, 400, 300, 45),
        printed(first + 7, "More text after the heading, on and on and on and", 100, 480),
        printed(first + 8, "on to the foot of the page where a note stands.1", 100, 520),
        printed(first + 9, "1 A note set in a smaller type at the page's foot,", 100, 1300, 700, 20),
        printed(first + 10, "over two lines.", 100, 1325, 200, 20),
        printed(first + 11, str(page), 480, 1420, 40, 20),
    ]
    return rows


def source_text(pages: Sequence[PrintedPage]) -> str:
    """The text the extract stage writes of ``pages``: their lines, a form feed between pages."""
    lines = [
        ("\f" if at and not index else "") + line.text
        for at, page in enumerate(pages)
        for index, line in enumerate(page.lines)
    ]
    return "\n".join(lines) + "\n"


def geometry_of(pages: int) -> Geometry:
    return Geometry(
        "hocr", [PrintedPage(f"p{n}", None, 1000, 1500, page_of(1 + 12 * n, n + 10)) for n in range(pages)]
    )


def with_fifth_page(rows: list[PrintedLine]) -> Geometry:
    """The book of :func:`geometry_of` four pages with a fifth page of ``rows`` (its lines 49 on)."""
    return Geometry("hocr", [*geometry_of(4).pages, PrintedPage("p4", None, 1000, 1500, rows)])


def test_geometry_finds_furniture_bands_paragraph_starts_notes_and_headings() -> None:
    learned = learn_geometry(geometry_of(4))
    tops = {1 + 12 * n for n in range(4)}
    feet = {12 + 12 * n for n in range(4)}
    assert set(learned.furniture) == tops | feet
    assert learned.starts_paragraph(4) is True
    assert learned.starts_paragraph(5) is False
    assert learned.starts_paragraph(999) is None
    assert 7 in learned.larger
    assert {10, 11} <= learned.smaller


def test_section_headings_opening_pages_of_a_book_without_running_heads_are_no_furniture() -> None:
    # (a generated quarto, seed 960: four of its nine pages open with a section's heading, set apart
    # above the text where one other page begins its text; they were removed as running heads)
    def page(first: int, number: int, heading: bool) -> PrintedPage:
        rows = [printed(first, f"Section Title Number {number}", 100, 150, 400)] if heading else []
        top = 220 if heading else 150
        rows += [
            printed(
                first + len(rows) + row, "a line of the text going on and on to the edge", 100, top + 40 * row
            )
            for row in range(12)
        ]
        rows.append(printed(first + len(rows), str(number), 480, 1420, 40, 20))
        return PrintedPage(f"p{number}", None, 1000, 1500, rows)

    headed = [page(1 + 14 * n, n + 1, True) for n in range(4)]
    learned = learn_geometry(Geometry("hocr", [*headed, page(57, 5, False)]))
    assert sorted(learned.furniture) == [14, 28, 42, 56, 69]  # the page numbers only
    # where no page begins its text in the band, the lines set apart above the text are heads
    assert {1, 15, 29, 43} <= set(learn_geometry(Geometry("hocr", headed)).furniture)


def test_a_page_of_one_line_of_text_has_its_furniture_found_in_the_books_bands() -> None:
    # (a generated crown octavo as Tesseract's ALTO read it, seed 656: a chapter's last page, its
    # running head, one line of text and a note; the page's own pitch is not known)
    short = [
        printed(49, "History of the Tests 14", 300, 50, 300, 20),
        printed(50, "the last line of a chapter.", 100, 150, 400),
        printed(51, "1 A note set in a smaller type at the page's foot.", 100, 1300, 700, 20),
        printed(52, "14", 480, 1420, 40, 20),
    ]
    learned = learn_geometry(with_fifth_page(short))
    assert {49, 52} <= set(learned.furniture)
    assert 50 not in learned.furniture


def test_a_line_in_lower_case_in_the_band_of_the_running_heads_is_the_text_going_on() -> None:
    # (a generated quarto as Tesseract read it, seed 606: its text begins in the running heads' band,
    # and a page opening with a paragraph's last line, set apart from the next paragraph, stood there)
    rows = page_of(49, 14)
    rows[0] = printed(49, "set up by the conference.", 100, 50, 400)
    furniture = learn_geometry(with_fifth_page(rows)).furniture
    assert {1, 13, 25, 37} <= set(furniture)
    assert 49 not in furniture
    # so is one word ending a sentence there (seed 857: ``agreement.”°``), not a page number in small
    # roman numerals
    rows[0] = printed(49, "agreement.\u201d\u00b0", 100, 50, 150)
    assert 49 not in learn_geometry(with_fifth_page(rows)).furniture
    rows[0] = printed(49, "xii.", 100, 50, 60)
    assert 49 in learn_geometry(with_fifth_page(rows)).furniture
    # and prose opening with a name (seed 940: the sentence the page before cut, then one whole),
    # not a head in title case
    rows[0] = printed(49, "Russia on the Karelian Isthmus. These plans were a dismal failure.", 100, 50)
    assert 49 not in learn_geometry(with_fifth_page(rows)).furniture
    rows[0] = printed(49, "The Soviet Union and the League of Nations.", 100, 50, 500)
    assert 49 in learn_geometry(with_fifth_page(rows)).furniture


def test_section_titles_opening_pages_are_no_band_where_another_page_opens_with_the_text_going_on() -> None:
    # a generated quarto without running heads as Tesseract read it (seed 940): four pages open with
    # a section's title, set apart above the text, each a title of its own and none numbered, and
    # one with the last line of a paragraph the page before cut, set apart from the next paragraph
    titles = ["But Only Those Sessions Which Were", "Decades the Soviet State Had Withstand Alone"]
    titles += ["China Suffered Immensely from Japanese Aggression", "Engaged the German"]
    going_on = "Russia on the Karelian Isthmus. These plans were a dismal failure."
    pages = []
    for n, title in enumerate([*titles, going_on]):
        rows = page_of(1 + 12 * n, n + 10)
        rows[0] = printed(rows[0].line, title, 100, 50, 500)
        pages.append(PrintedPage(f"p{n}", None, 1000, 1500, rows))
    furniture = learn_geometry(Geometry("hocr", pages)).furniture
    assert {1, 13, 25, 37, 49} & set(furniture) == set()
    assert {12, 24, 36, 48, 60} <= set(furniture)  # (the page numbers at the foot)
    # running heads repeat a title (or carry the page number): a band still
    pages[1].lines[0] = replace(pages[1].lines[0], text=titles[0])
    assert {1, 13, 25, 37} <= set(learn_geometry(Geometry("hocr", pages)).furniture)


def test_a_short_pages_last_line_read_smaller_going_on_with_the_text_is_no_note() -> None:
    # a chapter's last page of a generated crown octavo as Tesseract read it (seed 980): its last line,
    # ``ment was trying to put pressure on us.``, under ``… the British govern-``, has no letter
    # rising to the ascenders but a t, and was sized smaller than the text: taken for a footnote
    rows = page_of(49, 14)[:6]
    rows[5] = printed(54, "the British govern-", 100, 310, 760)
    rows.append(printed(55, "ment was trying to put pressure on us.", 100, 350, 380, BODY * 0.8))
    learned = learn_geometry(with_fifth_page(rows))
    assert 55 in learned.smaller and 55 not in learned.note_starts
    # a line in smaller type ending a page after a sentence ended is the page's note
    rows[5] = printed(54, "the British government.", 100, 310, 400)
    rows[6] = printed(55, "1 A note set in a smaller type at the page's foot.", 100, 350, 380, BODY * 0.8)
    assert 55 in learn_geometry(with_fifth_page(rows)).note_starts


def test_a_line_ocr_sizes_larger_than_its_box_stands_is_no_larger_type() -> None:
    # (a generated quarto as Tesseract read it: a paragraph's last line ``party.``, its x_size 39
    # where the text's is 23, its box 21 px high where the book's lines are 24.5: taken for a heading)
    geometry = geometry_of(4)
    line = geometry.pages[1].lines[5]
    short = line.box._replace(bottom=line.box.top + 0.8 * BODY)
    geometry.pages[1].lines[5] = replace(line, box=short, size=45)
    learned = learn_geometry(geometry)
    assert 7 in learned.larger and line.line not in learned.larger
    assert 12 + 7 in learn_geometry(geometry_of(4)).larger  # a heading's line, as tall as its type


def test_where_the_book_indents_its_paragraphs_a_pages_first_line_tells_if_one_opens_there() -> None:
    # the odd pages open with a paragraph, indented; the even ones go on with one, flush
    pages = []
    for n in range(4):
        rows = page_of(1 + 12 * n, n + 10)
        if n % 2:
            rows[1] = printed(
                2 + 12 * n, "A paragraph opening the page, its first line indented,", 150, 150, 710
            )
        pages.append(PrintedPage(f"p{n}", None, 1000, 1500, rows))
    learned = learn_geometry(Geometry("hocr", pages))
    assert learned.page_top_indents == {2: False, 14: True, 26: False, 38: True}
    blocks, _ = read_input(source_text(pages), geometry=Geometry("hocr", pages))
    assert [block.extra["indented"] for block in blocks if "indented" in block.extra] == [
        False,
        True,
        False,
        True,
    ]
    # where the book opens its paragraphs after a space as often as after an indent, flush tells nothing
    assert learn_geometry(geometry_of(4)).page_top_indents == {}


def test_a_line_indented_after_a_short_line_read_in_smaller_type_opens_a_paragraph() -> None:
    # (a generated octavo as Tesseract's hOCR read it, seed 815: a paragraph's last line ``state.``,
    # its box no taller than its x-height, sized 12.7 where the text's is 19; the indented line after
    # it, with a note below it, had no neighbour in the body's type to be indented from)
    pages = geometry_of(4).pages
    rows = pages[1].lines
    rows[4] = printed(17, "state.", 100, 270, 80, 0.5 * BODY)
    rows[5] = printed(18, "Similar plans were being evolved even more actively.", 150, 310, 600)
    learned = learn_geometry(Geometry("hocr", pages))
    assert 17 in learned.smaller
    assert learned.starts_paragraph(18) is True
    # flush with the page's left edge, it goes on with the paragraph
    rows[5] = printed(18, "plans were being evolved even more actively in London.", 100, 310, 600)
    assert learn_geometry(Geometry("hocr", pages)).starts_paragraph(18) is False


def test_a_page_of_few_full_lines_finds_its_text_edge_where_its_later_lines_start_together() -> None:
    # (a generated octavo as Tesseract read it, seed 643: a chapter's last page of three lines, the
    # first indented, opening a paragraph; two full lines are too few for the measure's edges)
    last = [
        printed(49, "History of the Tests 14", 300, 50, 300, 20),
        printed(50, "A paragraph opening the page, its first line indented,", 150, 150, 710),
        printed(51, "goes on at the margin for a full line of the measure", 100, 190),
        printed(52, "and ends.", 100, 230, 150),
    ]
    assert learn_geometry(with_fifth_page(last)).page_top_indents[50] is True
    # one line after the first tells nothing of where the text's edge is
    assert 50 not in learn_geometry(with_fifth_page(last[:3])).page_top_indents


def test_a_pages_text_edge_is_where_its_full_lines_start_flush_though_half_are_indented() -> None:
    # (a generated octavo as Tesseract's hOCR read it, seed 1046: a page's body of four full lines,
    # two of them paragraphs' indented first lines; their median stood between the two edges, and the
    # notes below, told by their indent from it, were read as one)
    page = [
        printed(49, "History of the Tests 14", 300, 50, 300, 20),
        printed(50, "tests in this connection.", 100, 150, 250),
        printed(51, "However, there was no reply from the USA, and Britain", 150, 190, 710),
        printed(52, "down the Soviet proposals. For nearly a whole month the", 100, 230),
        printed(53, "The United States was hoping to achieve a number of", 150, 270, 710),
        printed(54, "Soviet point of view on this question was also put", 100, 310, 720),
    ]
    learned = learn_geometry(with_fifth_page(page))
    assert learned.page_top_indents[50] is False  # flush: the paragraph the page before cut goes on
    assert learned.starts_paragraph(51) and learned.starts_paragraph(53)


def test_a_sentence_ending_short_of_the_measure_ends_its_paragraph_where_no_gap_shows_it() -> None:
    # (a generated quarto with block paragraphs as Tesseract's ALTO read it, seed 656: the gap
    # between two paragraphs a little narrower than a space set apart)
    texts = [
        "The first paragraph runs across the whole of the page's measure",
        "and on across it for another line of text as long as the first,",
        "until it ends on a short line.",
        "A second paragraph follows after a gap no wider than the others",
        "and it runs across the measure to its end as the first one did,",
        "with one more line of the same length as the lines above this",
        "before it ends.",
    ]
    rows = [
        printed(n, text, 100, 100 + 40 * n, 800 if len(text) > 40 else 12 * len(text))
        for n, text in enumerate(texts, 1)
    ]
    pages = [PrintedPage("p0", None, 1000, 1500, rows)]
    blocks, _ = read_input(source_text(pages), geometry=Geometry("hocr", pages))
    assert [block.text.split()[0] for block in blocks] == ["The", "A"]
    # a sentence ending near the measure's end goes on
    rows[2] = printed(3, "until it ends on a line as long as the others are.", 100, 220, 780)
    blocks, _ = read_input(source_text(pages), geometry=Geometry("hocr", pages))
    assert len(blocks) == 1


def test_on_a_page_of_few_lines_a_gap_is_wide_by_the_books_line_pitch() -> None:
    # (a generated quarto as Tesseract read it, seed 818: a chapter's last page of three lines, a
    # paragraph set apart by a space after the first; its own pitch, two steps, counts that space)
    last = [
        printed(49, "History of the Tests 14", 300, 50, 300, 20),
        printed(50, "the end of a paragraph.", 100, 150, 400),
        printed(51, "It was a call to the masses to take a direct part in the", 100, 205),
        printed(52, "fight for peace.", 100, 245, 300),
    ]
    learned = learn_geometry(with_fifth_page(last))
    assert learned.starts_paragraph(51) is True and learned.starts_paragraph(52) is False


def test_a_short_line_read_in_larger_type_going_on_mid_sentence_is_no_heading() -> None:
    # (a generated crown octavo as Tesseract's ALTO read it, seed 844: ``by force.``, a paragraph's
    # last line, sized 22 where the text's is 18 by its few words' tall boxes, was taken for a heading)
    pages = geometry_of(4).pages
    rows = pages[1].lines
    rows[5] = printed(18, "by force.", 100, 310, 150, 1.3 * BODY)
    geometry = Geometry("hocr", pages)
    assert 18 in learn_geometry(geometry).larger
    blocks, _ = read_input(source_text(pages), geometry=geometry)
    (paragraph,) = [block for block in blocks if block.first_line == 16]
    assert paragraph.text.endswith("until by force.")
    # after a line that ends a sentence, a line in larger type is a heading's
    rows[4] = printed(17, "goes on at the margin for a line or two more.", 100, 270)
    blocks, _ = read_input(source_text(pages), geometry=geometry)
    (paragraph,) = [block for block in blocks if block.first_line == 16]
    assert paragraph.text.endswith("two more.") and paragraph.last_line == 17


def test_the_room_a_line_left_at_its_end_is_measured_from_its_place_on_the_page() -> None:
    # (a generated octavo as Tesseract read it: a paragraph of one indented line at a page's foot,
    # its line full, yet by its characters short of the measure, was taken to end its paragraph)
    geometry = geometry_of(4)
    learned = learn_geometry(geometry)
    assert learned.room[4] < 1  # an indented first line reaching the measure's edge is full
    assert learned.room[3] > 20 and learned.room[6] > 30  # a paragraph's last lines are short
    blocks, _ = read_input(source_text(geometry.pages), geometry=geometry)
    ends = {block.last_line: block.extra["room"] for block in blocks if "room" in block.extra}
    assert ends[3] == learned.room[3] and ends[6] == learned.room[6]


def test_a_head_on_too_few_pages_is_no_band_but_a_page_number_set_apart_is_furniture() -> None:
    assert set(learn_geometry(geometry_of(2)).furniture) == {12, 24}  # the numbers, not the heads


def test_a_page_number_ocr_misread_in_the_band_of_the_page_numbers_is_furniture() -> None:
    # Tesseract read a page's folio `11` as `io` (a generated book's page); the book's other
    # numbers read as numbers give the band; a word set apart there, or a number as long as a line,
    # is none
    pages = [page_of(1 + 12 * n, n + 10) for n in range(2)]
    misread = [*pages[1][:-1], replace(pages[1][-1], text="io")]
    geometry = Geometry(
        "hocr", [PrintedPage("p0", None, 1000, 1500, pages[0]), PrintedPage("p1", None, 1000, 1500, misread)]
    )
    learned = learn_geometry(geometry)
    assert set(learned.furniture) == {12, 24}
    assert "misread" in learned.furniture[24]
    alone = [*pages[1][:-1], replace(pages[1][-1], text="io")]
    assert 24 not in learn_geometry(Geometry("hocr", [PrintedPage("p1", None, 1000, 1500, alone)])).furniture
    worded = [*pages[1][:-1], replace(pages[1][-1], text="the end")]
    geometry = Geometry(
        "hocr", [PrintedPage("p0", None, 1000, 1500, pages[0]), PrintedPage("p1", None, 1000, 1500, worded)]
    )
    assert set(learn_geometry(geometry).furniture) == {12}


def test_a_short_pages_number_is_told_by_the_books_pitch_not_the_gap_above_its_notes() -> None:
    # a generated book's page: one line of text, a note in nearly the body's type far below it, and
    # the page number; the page's own pitch would be half that gap, and the number no line apart
    pages = [page_of(1 + 12 * n, n + 10) for n in range(2)]
    short = [
        printed(25, "the last line of the chapter.", 100, 150, 400),
        printed(26, "17 A note set in nearly the body's type, over", 100, 1300, 700, 27),
        printed(27, "two lines.", 100, 1330, 200, 27),
        printed(28, "12", 480, 1420, 40, 20),
    ]
    geometry = Geometry(
        "hocr", [PrintedPage(f"p{n}", None, 1000, 1500, rows) for n, rows in enumerate([*pages, short])]
    )
    learned = learn_geometry(geometry)
    assert 28 in learned.furniture
    assert 26 in learned.note_starts


def test_a_short_pages_note_is_set_apart_by_the_books_pitch_not_the_pages_own() -> None:
    # (a generated octavo's last page as Tesseract read it: a line of text at the top, a one-line
    # note at the foot in type a little smaller than the text's; the page's own pitch, its one gap,
    # would find no wider gap, and the note is not small enough to be told by its type alone)
    pages = [page_of(1 + 12 * n, n + 10) for n in range(2)]
    short = [
        printed(25, "the last line of the chapter.", 100, 150, 400),
        printed(26, "14 The war was having a devastating effect on the economy.", 100, 1300, 700, 26),
    ]
    assert NOTE_TYPE * BODY >= 26 > SMALLER_TYPE * BODY
    geometry = Geometry(
        "hocr", [PrintedPage(f"p{n}", None, 1000, 1500, rows) for n, rows in enumerate([*pages, short])]
    )
    assert 26 in learn_geometry(geometry).note_starts


def test_a_lone_line_at_the_foot_opening_with_the_next_notes_number_is_a_note_whatever_its_size() -> None:
    # OCR gave a generated book's one-line note (``17 Deal, Great Britain, Vol. 5, p. 18.``) nearly
    # the body's size; the notes before it end with note 1, so a line set apart at the foot opening
    # with 2 is the next note, one opening with another number is not
    def book(number: int, notes: tuple[str, str] = ("1", "1")) -> Geometry:
        pages = [page_of(1 + 12 * n, n + 10) for n in range(2)]
        for rows, read in zip(pages, notes, strict=True):
            rows[9] = replace(rows[9], text=rows[9].text.replace("1", read, 1))
        last = page_of(25, 12)
        note = printed(34, f"{number} Deal, Great Britain, Vol. 5, p. 18.", 130, 1300, 400, BODY - 1)
        last = [*last[:9], note, last[11]]
        return Geometry(
            "hocr", [PrintedPage(f"p{n}", None, 1000, 1500, rows) for n, rows in enumerate([*pages, last])]
        )

    assert 34 in learn_geometry(book(2)).note_starts
    assert 34 not in learn_geometry(book(7)).note_starts
    # notes 13 and 14 before it, 14 read ``4`` (a digit lost): the count goes on, so 15 is next
    assert 34 in learn_geometry(book(15, ("13", "4"))).note_starts
    assert 34 not in learn_geometry(book(5, ("13", "4"))).note_starts


def test_a_lone_line_at_the_foot_as_near_the_notes_size_as_the_texts_is_a_note() -> None:
    # (a generated quarto's ALTO: a one-line note ``*® Illegally Impounded, …``, its number damaged,
    # 16.5 high from its words, halfway between the text's 18 and the book's other notes' 15)
    def book(size: float) -> Geometry:
        pages = [page_of(1 + 12 * n, n + 10) for n in range(2)]
        for rows in pages:  # (notes nearly the text's size: 26 where it is 30)
            rows[9:11] = [
                replace(line, box=line.box._replace(bottom=line.box.top + 26), size=26) for line in rows[9:11]
            ]
        last = page_of(25, 12)
        note = printed(
            34, "*\u00ae Illegally Impounded, Effective System, Vol. 10, p. 268.", 130, 1300, 500, size
        )
        last = [*last[:9], note, last[11]]
        return Geometry(
            "hocr", [PrintedPage(f"p{n}", None, 1000, 1500, rows) for n, rows in enumerate([*pages, last])]
        )

    assert 34 in learn_geometry(book(28)).note_starts  # (halfway: above the notes' type of 27)
    assert 34 not in learn_geometry(book(28.5)).note_starts


def test_a_notes_line_flush_with_its_zone_on_a_page_askew_goes_on_with_its_note() -> None:
    # the book indents its notes' first lines; on a page scanned askew (a generated book's ALTO) the
    # foot drifted right of the text's edge by more than a small indent, less than the note's own
    def page(first: int, drift: float) -> list[PrintedLine]:
        rows = page_of(first, first)
        opening = replace(rows[9], box=rows[9].box._replace(left=130 + drift))
        going_on = replace(rows[10], box=rows[10].box._replace(left=100 + drift))
        return [*rows[:9], opening, going_on, rows[11]]

    pages = [page(1 + 12 * n, 18 if n == 2 else 0) for n in range(3)]
    learned = learn_geometry(
        Geometry("hocr", [PrintedPage(f"p{n}", None, 1000, 1500, rows) for n, rows in enumerate(pages)])
    )
    assert [learned.note_openings[number] for number in (34, 35)] == [True, False]
    assert [learned.note_openings[number] for number in (10, 11)] == [True, False]


def test_a_pages_last_line_opening_a_paragraph_is_indented_from_its_text_not_from_the_note_below() -> None:
    # a generated book's page: its last line of text opens a paragraph, indented; its first note,
    # a wide gap below, is indented nearly as far: the line above tells the indent
    rows = page_of(1, 10)
    opening = replace(rows[8], box=rows[8].box._replace(left=150))
    note = replace(rows[9], box=Box(140, 1300, 840, 1328), size=BODY - 2)
    pages = [[*rows[:8], opening, note, *rows[10:]], page_of(13, 11)]
    learned = learn_geometry(
        Geometry("hocr", [PrintedPage(f"p{n}", None, 1000, 1500, lines) for n, lines in enumerate(pages)])
    )
    assert 9 in learned.indented
    assert 8 not in learned.indented


def test_a_page_ocr_read_nothing_on_leaves_the_others_decided() -> None:
    pages = [PrintedPage(f"p{n}", None, 1000, 1500, page_of(1 + 12 * n, n + 10)) for n in range(2)]
    learned = learn_geometry(
        Geometry("hocr", [pages[0], PrintedPage("blank", None, 1000, 1500, []), pages[1]])
    )
    assert set(learned.furniture) == {12, 24}


def test_the_reader_takes_the_geometry_decisions() -> None:
    geometry = geometry_of(4)
    text = (
        "\n".join(
            ("\f" if line.line > 1 and (line.line - 1) % 12 == 0 else "") + line.text
            for page in geometry.pages
            for line in page.lines
        )
        + "\n"
    )
    blocks, evidence = read_input(text, geometry=geometry)
    assert evidence.reader == "wrapped_lines"
    assert any(finding.startswith("geometry: hocr, 4 pages") for finding in evidence.findings)
    first_page = [block for block in blocks if block.first_line <= 12]
    kinds = [
        (block.kind, block.text.split()[0], block.extra.get("furniture", {}).get("kind"))
        for block in first_page
    ]
    assert kinds == [
        ("text", "History", PLACED_FURNITURE),  # not in capitals: classed by its place
        ("text", "the", None),
        ("text", "A", None),
        ("text", "A", None),  # the heading, in larger type
        ("text", "More", None),
        ("note", "1", None),
        ("text", "10", PLACED_FURNITURE),  # its number still read by the furniture repair
    ]


def test_a_paragraphs_last_word_in_capitals_on_a_line_of_its_own_goes_on_with_it_not_a_heading() -> None:
    # a generated book's page: ``… in order to weaken the`` then ``USSR.`` neither set apart nor
    # indented; a line in capitals after a line ending a sentence stays a heading's
    def first_block_after_heading(ending: str) -> list[str]:
        pages = [page_of(1 + 12 * n, n + 10) for n in range(4)]
        pages[0][7] = replace(pages[0][7], text=f"More text after the heading, on and on {ending}")
        pages[0][8] = replace(pages[0][8], text="USSR.", box=Box(100, 520, 180, 550))
        geometry = Geometry(
            "hocr", [PrintedPage(f"p{n}", None, 1000, 1500, rows) for n, rows in enumerate(pages)]
        )
        text = "\n".join(
            ("\f" if n else "") + "\n".join(line.text for line in rows) for n, rows in enumerate(pages)
        )
        blocks, _ = read_input(text + "\n", geometry=geometry)
        return [block.text for block in blocks if block.first_line in (8, 9)]

    assert first_block_after_heading("to weaken the") == [
        "More text after the heading, on and on to weaken the USSR."
    ]
    assert first_block_after_heading("to an end.") == [
        "More text after the heading, on and on to an end.",
        "USSR.",
    ]


def test_a_line_the_geometry_sets_apart_as_a_heading_says_how() -> None:
    # a generated book's section heading (seed 510), 3 of its 7 words capitalised: centred in one
    # layout, flush left between wide gaps in another; a paragraph's last line says nothing
    title = "Relations with the Ussr and for Repressive"

    def set_apart(left: float, top: float) -> dict[int, str | None]:
        pages = [page_of(1 + 12 * n, n + 10) for n in range(4)]
        pages[0][6] = printed(7, title, left, top, 450)
        geometry = Geometry(
            "hocr", [PrintedPage(f"p{n}", None, 1000, 1500, rows) for n, rows in enumerate(pages)]
        )
        text = "\n".join(
            ("\f" if n else "") + "\n".join(line.text for line in rows) for n, rows in enumerate(pages)
        )
        blocks, _ = read_input(text + "\n", geometry=geometry)
        return {block.first_line: block.extra.get("set_apart") for block in blocks if block.first_line < 12}

    assert set_apart(250, 400)[7] == "centred in the measure"
    assert set_apart(100, 400)[7] == "a line alone, after a wide gap and before one"
    assert set_apart(100, 350).get(7) is None  # set close under the paragraph above: no heading
    assert set_apart(250, 400)[4] is None  # an indented paragraph


def test_a_headings_short_centred_lines_are_no_lines_set_on_their_own() -> None:
    # a generated book's chapter opening a page: ``Chapter 4``, its title over two lines, centred;
    # read as lines set on their own (a table set in), the paragraph cut on the page before went
    # on after them
    def blocks_of_page() -> list[tuple[str, bool]]:
        pages = [page_of(1 + 12 * n, n + 10) for n in range(4)]
        heading = [
            printed(14, "Chapter 4", 435, 110, 130),
            printed(15, "Their Policy", 375, 150, 250),
            printed(16, "Collusion", 415, 190, 170),
        ]
        opening = replace(pages[1][4], text="Soviet property in a number of Western countries")
        pages[1] = [pages[1][0], *heading, opening, *pages[1][5:]]
        geometry = Geometry(
            "hocr", [PrintedPage(f"p{n}", None, 1000, 1500, rows) for n, rows in enumerate(pages)]
        )
        text = "\n".join(
            ("\f" if n else "") + "\n".join(line.text for line in rows) for n, rows in enumerate(pages)
        )
        blocks, _ = read_input(text + "\n", geometry=geometry)
        return [
            (block.text.split("\n")[0], "lineated" in block.extra)
            for block in blocks
            if "Chapter 4" in block.text
        ]

    assert blocks_of_page() == [("Chapter 4", False)]


def test_notes_open_where_their_first_lines_are_indented_whatever_ocr_made_of_their_numbers() -> None:
    pages = []
    for n in range(3):
        first = 1 + 12 * n
        rows = page_of(first, n + 10)[:-3]
        rows += [
            printed(first + 9, "1 A note indented like each note's first line,", 130, 1300, 670, 20),
            printed(first + 10, "going on at the margin.", 100, 1325, 300, 20),
            printed(first + 11, "\u00ae Another note whose number OCR misread.", 130, 1350, 500, 20),
        ]
        pages.append(PrintedPage(f"p{n}", None, 1000, 1500, rows))
    geometry = Geometry("hocr", pages)
    learned = learn_geometry(geometry)
    assert {line: learned.note_openings[line] for line in (10, 11, 12)} == {10: True, 11: False, 12: True}
    text = "\n\f".join("\n".join(line.text for line in page.lines) for page in pages) + "\n"
    blocks, _ = read_input(text, geometry=geometry)
    notes = [block.text for block in blocks if block.kind == "note" and block.first_line <= 12]
    assert notes == [
        "1 A note indented like each note's first line, going on at the margin.",
        "\u00ae Another note whose number OCR misread.",
    ]


def test_a_chapters_last_page_of_few_full_lines_has_its_notes_opened_from_its_texts_edge() -> None:
    # (a generated crown octavo as Tesseract's hOCR read it, seed 915: a chapter's last page of four
    # lines, two of them full, one of these a paragraph's indented opening: the median of its full
    # lines' edges stood between the margin and the indent, and note 11's first line, indented as
    # note 10's, was taken for a line of note 10)
    def page(first: int, last: bool) -> list[PrintedLine]:
        rows = page_of(first, first)[:-3]
        if last:
            rows = [
                rows[0],
                printed(first + 1, "the end of a paragraph the page before cut.", 100, 150, 560),
                printed(first + 2, "This would permit the aggressors to choose when", 150, 190, 710),
                printed(first + 3, "and where to attack. Its army saved the peoples", 100, 230),
                printed(first + 4, "from the plague.", 100, 270, 200),
            ]
        opening = printed(first + 9, "10. A note indented like each note's first line,", 130, 1300, 670, 20)
        going_on = printed(first + 10, "going on at the margin.", 97, 1325, 300, 20)
        following = printed(first + 11, "11. Another note, its first line indented.", 129, 1350, 500, 20)
        return [*rows, opening, going_on, following]

    pages = [page(1 + 12 * n, n == 2) for n in range(3)]
    learned = learn_geometry(
        Geometry("hocr", [PrintedPage(f"p{n}", None, 1000, 1500, rows) for n, rows in enumerate(pages)])
    )
    assert {line: learned.note_openings[line] for line in (34, 35, 36)} == {34: True, 35: False, 36: True}


def test_notes_flush_with_the_text_leave_their_openings_to_the_text() -> None:
    assert learn_geometry(geometry_of(4)).note_openings == {}


def text_page(first: int, apart: bool) -> list[PrintedLine]:
    """A page of 30 lines of text and no running head: its first line a paragraph's end set apart
    from the next paragraph by a line's space (``apart``), or the first of a paragraph's lines."""
    rows = [printed(first, "which ends here." if apart else "A line of text as long as any other", 100, 150)]
    top = 150 + (80 if apart else 40)
    for at in range(1, 30):
        rows.append(printed(first + at, "A line of text as long as any other line is", 100, top))
        top += 40
    return rows


def test_a_line_set_apart_where_other_pages_begin_their_text_is_no_running_head() -> None:
    pages = [PrintedPage(f"p{n}", None, 1000, 1500, text_page(1 + 30 * n, n % 2 == 0)) for n in range(6)]
    assert learn_geometry(Geometry("hocr", pages)).furniture == {}


def test_a_lone_note_in_the_type_of_the_books_other_notes_is_a_note() -> None:
    pages = []
    for n, size in enumerate([25.5, 25.5, 25.5, 27.5]):  # (the last a little larger, but not the body's)
        rows = page_of(1 + 12 * n, n + 10)
        rows[9:11] = [printed(10 + 12 * n, "1 A note in the notes' type.", 100, 1300, 500, size)]
        pages.append(PrintedPage(f"p{n}", None, 1000, 1500, rows))
    assert {10, 22, 34, 46} <= learn_geometry(Geometry("hocr", pages)).note_starts


# --- the engine's confidence, for the review list ------------------------------------------------


def test_the_engines_confidence_is_found_for_a_word_even_cut_or_glued() -> None:
    line = PrintedLine(
        5,
        "the w r ould Sovereign,Louis foun-",
        Box(0, 0, 1, 1),
        1,
        None,
        None,
        (0.9, 0.3, 0.4, 0.8, 0.7, 0.6),
    )
    after = PrintedLine(6, "dation here", Box(0, 0, 1, 1), 1, None, None, (0.5, 0.99))
    engine = EngineConfidence(Geometry("hocr", [PrintedPage("p", None, None, None, [line, after])]))
    assert engine.of(5, "w r ould") == 0.3
    assert engine.of(5, "Sovereign,Louis") == 0.7
    assert engine.of(5, "foun-dation") == 0.6
    assert engine.of(6, "here") == 0.99
    assert engine.of(5, "absent") is None
    assert engine.of(9, "the") is None


def test_of_equally_likely_readings_those_the_engine_doubted_come_first() -> None:
    def found(word: str, engine: float | None) -> Found:
        return Found(1, word, word + "s", "letters", 0.6, "why", "context", False, False, engine)

    entries = review_list([found("sure", 0.97), found("plain", None), found("doubted", 0.2)])
    assert [entry.word for entry in entries] == ["doubted", "sure", "plain"]
    assert entries[0].to_dict()["engine"] == 0.2
    assert "engine" not in entries[2].to_dict()


# --- the ocr stage --------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not on PATH")
def test_the_ocr_stage_refuses_a_language_without_data_and_an_unreadable_image(tmp_path: Path) -> None:
    assert tesseract_language("en-GB") == "eng" and "eng" in installed_languages()
    image = tmp_path / "page-1.png"
    image.write_bytes(b"not an image")
    with pytest.raises(InputError, match="Tesseract could not read the image") as error:
        ocr_page(image, tmp_path / "out" / "page-1.hocr", "eng")
    assert error.value.path == str(image)
    with pytest.raises(InputError, match="apt-get install tesseract-ocr-zul"):
        ocr_page(image, tmp_path / "out" / "page-1.hocr", tesseract_language("zu"))
    assert not (tmp_path / "out" / "page-1.hocr").exists()


def speckled_page(path: Path, lines: Sequence[tuple[str, int, int]], seed: int) -> Path:
    """A page image of ``lines`` (text, left, baseline; a left of 0 centres it), scanned as the test
    books are (:func:`scanbook.degrade`, speckled with ``seed``)."""
    from PIL import Image, ImageDraw
    from scanbook import INK, degrade, font

    image = Image.new("L", (1050, 1600), 255)
    draw = ImageDraw.Draw(image)
    for text, left, baseline in lines:
        anchor = "ms" if left == 0 else "ls"
        draw.text((left or 525, baseline), text, font=font("liberation", 0, 23), fill=INK, anchor=anchor)
    degrade(image, seed).save(path)
    return path


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not on PATH")
def test_a_page_ocr_read_as_a_picture_is_read_again_from_its_image_and_reviewed(tmp_path: Path) -> None:
    # (a chapter's last page, one line under its running head: Tesseract's one threshold for the
    # page makes its specks ink, and it takes the page whole for a picture, with no text)
    last_lines = [("THE TREATY AND ITS CRITICS", 0, 90), ("frontier.", 115, 165), ("7", 0, 1500)]
    ocr_page(speckled_page(tmp_path / "p2.png", last_lines, 1), tmp_path / "p2.hocr", "eng")
    ocr_page(speckled_page(tmp_path / "p3.png", [], 1), tmp_path / "p3.hocr", "eng")  # a blank page
    assert all("class='ocrx_word'" not in (tmp_path / f"p{n}.hocr").read_text() for n in (2, 3))
    text, geometry = extract([write(tmp_path, "p1.hocr", HOCR), tmp_path / "p2.hocr", tmp_path / "p3.hocr"])
    again, blank = geometry.pages[2:]
    assert [line.text for line in again.lines] == ["THE TREATY AND ITS CRITICS", "frontier."]
    assert again.read_again and "read again from its image by Tesseract" in again.read_again
    assert text.split("\f")[2] == "THE TREATY AND ITS CRITICS\nfrontier.\n"
    assert blank.lines == [] and blank.read_again is None
    assert problems("geometry", geometry.to_json()) == []
    assert Geometry.from_json(geometry.to_json()) == geometry
    (_, _, review), evidence = repair_text(text, geometry=geometry)
    assert [(item.line, item.text) for item in review if item.rule == "read_again"] == [
        (4, "THE TREATY AND ITS CRITICS / frontier.")
    ]
    assert any("p2.hocr, line 4: the OCR file held no text" in finding for finding in evidence.findings)
    assert any(finding.startswith("geometry: 1 pages with no line of text") for finding in evidence.findings)


def test_a_line_reaching_the_ascenders_by_one_letter_ocr_misread_is_not_set_apart() -> None:
    # (a generated octavo as Tesseract read it to ALTO: a paragraph's last line ``war.`` read
    # ``wal.``, its box no taller than its x-height, below a line with descenders: compared by their
    # tops, it stood a gap and a third below, and opened a paragraph of its own)
    def last_line_starts(text: str) -> bool | None:
        geometry = geometry_of(4)
        line = geometry.pages[1].lines[5]
        box = Box(line.box.left, line.box.top + 14, line.box.left + 60, line.box.top + BODY - 6)
        geometry.pages[1].lines[5] = replace(line, text=text, box=box)
        return learn_geometry(geometry).starts_paragraph(line.line)

    assert last_line_starts("wal.") is False
    assert last_line_starts("war.") is False
    assert last_line_starts("All.") is True  # (two letters reach: its top is where it stands)
