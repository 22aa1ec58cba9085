"""The page images of the HTML edition (:mod:`pipeline.render.page_images`): found from the TEI's
facsimile, copied (TIFF converted to PNG) beside the pages, linked from the page numbers; the EPUB
has none. The page-image view in Chromium is in ``test_browser.py`` (on pages drawn here)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import lxml.html
import pytest
from conftest import html_index
from edition_samples import book, metadata
from lxml import etree
from PIL import Image, ImageChops, ImageDraw, ImageFont

from pipeline.encode import encode_tei, tei_bytes
from pipeline.render import render
from pipeline.render.command import main
from pipeline.render.page_images import copy_page_images, first_line, page_images
from pipeline.tei import XML_ID, tei

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
PAGE_SIZE = (1200, 1600)
HEAD_TOP, BODY_TOP, PITCH, LEFT, MEASURE = 100, 220, 54, 150, 900  # where the drawn lines go, in pixels
TEXT = (
    "The conference opened in the spring, and the delegates of both countries met in the old hall "
    "of the city. They spoke of trade and of the frontier, and the talks went on for many weeks "
    "before any terms were agreed. The government sent new instructions by every train. "
    "In the end a treaty was signed, and each side returned home to report to its own people on "
    "what had been won and what had been given away. The newspapers of the time wrote at length "
    "about the meeting, and many of their reports are still read today by those who study the "
    "history of the period. Later writers have asked whether the treaty could have been better, "
    "and whether the delegates knew how long its terms would last."
)


def draw_pages(folder: Path, count: int = 3, first: int = 11) -> list[Path]:
    """Printed pages ``page-1.png``…: a running head with the page number (outer corner), then the
    text's lines from :data:`BODY_TOP`, a paragraph a page with its first line indented."""
    folder.mkdir(parents=True, exist_ok=True)
    body, small = ImageFont.truetype(FONT, 30), ImageFont.truetype(FONT, 22)
    words, pages = TEXT.split(), []
    for index in range(count):
        image = Image.new("L", PAGE_SIZE, 255)
        pen = ImageDraw.Draw(image)
        number, head = str(first + index), "A HISTORY OF TREATIES"
        outer, inner = (number, head) if index % 2 else (head, number)
        pen.text((LEFT, HEAD_TOP), outer, font=small, fill=0)
        pen.text((PAGE_SIZE[0] - LEFT, HEAD_TOP), inner, font=small, fill=0, anchor="ra")
        lines = [""]
        for word in words[index * 7 :] + words[: index * 7]:
            if body.getlength(f"{lines[-1]} {word}") > MEASURE - (40 if len(lines) == 1 else 0):
                lines.append("")
            lines[-1] = f"{lines[-1]} {word}".strip()
        for row, line in enumerate(lines):
            pen.text((LEFT + (40 if row == 0 else 0), BODY_TOP + row * PITCH), line, font=body, fill=0)
        pages.append(folder / f"page-{index + 1}.png")
        image.save(pages[-1])
    return pages


def facsimile_tei(urls: list[str]) -> etree._Element:
    """The sample book's TEI with a facsimile of ``urls`` (a page each, lines where
    :func:`draw_pages` draws them) and a numbered page break (pages 12…) on each page after the first."""
    root = etree.fromstring(tei_bytes(encode_tei(book(), metadata())))
    facsimile = etree.Element(tei("facsimile"))
    root.insert(1, facsimile)
    paragraphs = iter(root.findall(f"{tei('text')}/{tei('body')}//{tei('p')}"))
    width, height = PAGE_SIZE
    for index, url in enumerate(urls, start=1):
        surface = etree.SubElement(
            facsimile, tei("surface"), ulx="0", uly="0", lrx=str(width), lry=str(height)
        )
        surface.set(XML_ID, f"surface-{index}")
        etree.SubElement(surface, tei("graphic"), url=url)
        for row, top in enumerate([HEAD_TOP, *range(BODY_TOP, BODY_TOP + 5 * PITCH, PITCH)]):
            zone = etree.SubElement(surface, tei("zone"), type="line", ulx=str(LEFT), uly=str(top))
            zone.set("lrx", str(LEFT + MEASURE))
            zone.set("lry", str(top + 30))
            zone.set(XML_ID, f"surface-{index}-line-{row + 1}")
        if index > 1:
            paragraph = next(paragraphs)
            paragraph.insert(0, etree.Element(tei("pb"), n=str(10 + index), facs=f"#surface-{index}"))
    return root


def test_a_tiff_page_is_converted_to_png_and_a_png_page_copied(tmp_path: Path) -> None:
    """Looked up from the first folder, then the second; a TIFF (here CMYK, which PNG cannot hold)
    becomes a PNG of the same pixels, a PNG is copied as it is, a missing page is left out."""
    first, second = draw_pages(tmp_path / "scans", count=2)
    Image.open(first).convert("CMYK").save(tmp_path / "scans" / "page-1.tif")
    root = facsimile_tei(["page-1.tif", "scans/page-2.png", "scans/page-3.png"])
    images = page_images(root, [tmp_path, tmp_path / "scans"])
    assert sorted(images) == ["surface-1", "surface-2"]
    assert images["surface-1"].name == "pages/surface-1.png" and images["surface-1"].size == PAGE_SIZE
    (tmp_path / "html").mkdir()
    copy_page_images(images, tmp_path / "html")
    with Image.open(tmp_path / "html" / "pages" / "surface-1.png") as converted, Image.open(first) as drawn:
        assert converted.format == "PNG" and converted.size == PAGE_SIZE
        assert ImageChops.difference(converted.convert("L"), drawn).getbbox() is None
    assert (tmp_path / "html" / "pages" / "surface-2.png").read_bytes() == second.read_bytes()


def test_the_first_line_outlined_is_below_a_running_head() -> None:
    """The page's first line zone, in percent of the page; a running head (a first line standing
    apart above the others) is passed over; no size or no zones: nothing to outline."""
    root = facsimile_tei(["page-1.png"])
    surface = root.find(f".//{tei('surface')}")
    assert surface is not None
    width, height = PAGE_SIZE
    expected = (LEFT / width * 100, BODY_TOP / height * 100, MEASURE / width * 100, 30 / height * 100)
    assert first_line(surface) == pytest.approx(expected)
    surface.remove(surface.find(tei("zone")))  # no running head: the first zone is the line
    assert first_line(surface) == pytest.approx(expected)
    del surface.attrib["lrx"]
    assert first_line(surface) is None


def test_the_html_edition_links_page_images_and_the_epub_does_not(tmp_path: Path) -> None:
    draw_pages(tmp_path / "scans", count=2)
    root = facsimile_tei(["scans/page-1.png", "scans/page-2.png", "scans/page-9.png"])
    epub, html = tmp_path / "book.epub", tmp_path / "book" / "index.html"
    counts = render(root, epub, html, str(tmp_path / "book.xml"))  # the images beside the TEI file
    assert (counts["page images"], counts["facsimile pages"]) == (2, 3)
    links = []
    for page in html.parent.glob("*.html"):
        document = lxml.html.parse(str(page)).getroot()
        assert document.xpath("//head/link[@href='page-images.css'] and //head/script[@src='page-images.js']")
        links += document.xpath("//a[contains(@class, 'page-image')]")
    assert [link.get("aria-label") for link in links] == ["Page 12: show the page image"]
    assert links[0].get("href") == "pages/surface-2.png" and links[0].get("data-size") == "1200 1600"
    assert links[0].get("data-line") == "12.50 13.75 75.00 1.88"
    assert sorted(path.name for path in (html.parent / "pages").iterdir()) == [
        "surface-1.png",
        "surface-2.png",
    ]
    with zipfile.ZipFile(epub) as archive:
        names = archive.namelist()
        documents = b"".join(archive.read(name) for name in names if name.endswith((".xhtml", ".opf")))
    assert not [name for name in names if name.endswith((".png", ".jpg", ".tif"))]
    assert b"page-image" not in documents and b"surface-" not in documents
    assert b'<span id="page-12" class="pagebreak" epub:type="pagebreak" role="doc-pagebreak"' in documents
    # rendered again where the images are not found: the old images' folder goes
    render(root, epub, html)
    assert not (html.parent / "pages").exists()
    assert "page-image" not in (html.parent / "chapter-3.html").read_text(encoding="utf-8")


def test_a_book_without_facsimile_has_no_page_images(tmp_path: Path) -> None:
    html = tmp_path / "book" / "index.html"
    counts = render(etree.fromstring(tei_bytes(encode_tei(book(), metadata()))), tmp_path / "b.epub", html)
    assert (counts["page images"], counts["facsimile pages"]) == (0, 0)
    assert sorted(path.name for path in html.parent.iterdir() if path.suffix != ".html") == [
        "edition.css",
        "reader.js",
        "search-engine.js",
        "search-index.js",
    ]
    assert not any("page-image" in page.read_text(encoding="utf-8") for page in html.parent.glob("*.html"))


def test_the_render_summary_counts_the_page_images_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """From the command line: ``raw/…`` urls are found from the working folder."""
    draw_pages(tmp_path / "raw" / "scan", count=1)
    tei_file = tmp_path / "tei" / "scan.xml"
    tei_file.parent.mkdir()
    tei_file.write_bytes(tei_bytes(facsimile_tei(["raw/scan/page-1.png", "raw/scan/page-2.png"])))
    monkeypatch.chdir(tmp_path)
    assert main(["--tei", "tei/scan.xml", "--epub", "build/scan.epub", "--html", html_index("scan")]) == 0
    assert "4 notes, 1 of 2 page images found," in capsys.readouterr().err
    assert (tmp_path / html_index("scan")).with_name("pages").joinpath("surface-1.png").exists()
