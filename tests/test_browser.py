"""Both reader editions in a real browser (Debian's Chromium driven by Playwright) and by the
accessibility checkers (axe-core injected into the pages; DAISY Ace on the EPUB).

The book is rendered once from the committed TEI into a temporary folder and served from a local
``http.server`` on 127.0.0.1; a book of three pages drawn with Pillow and read by Tesseract through
the workflow checks the HTML edition's page images; a chapter is printed to PDF (``page.pdf``, read
by pypdf) to measure its lines. Screenshots and the figures checked go to
``build/browser-checks/``. Needs ``chromium`` (apt), ``playwright`` (pip, no browser download) and
``npm ci`` (axe-core, Ace): ``.ci/run`` installs them; the page images need ``tesseract`` (apt).
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import re
import shutil
import subprocess
import threading
import zipfile
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from posixpath import dirname, normpath
from typing import Any
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest
import yaml
from conftest import BOOK, REPO_ROOT, html_index
from lxml import etree
from pypdf import PdfReader
from test_page_images import BODY_TOP, PAGE_SIZE, PITCH, draw_pages
from test_workflow import snakemake

from pipeline.books import copy_workflow
from pipeline.check import epubcheck_messages
from pipeline.render import render
from pipeline.tei import XML_ID, tei

pytestmark = pytest.mark.slow

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
NODE_MODULES = REPO_ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
ACE = NODE_MODULES / ".bin" / "ace-puppeteer"
REVIEW = REPO_ROOT / "build" / "browser-checks"
WIDTHS = (360, 1280)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
FIGURES: dict[str, Any] = {}

playwright_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[test]'")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} missing: apt-get install chromium (see .ci/run)", allow_module_level=True)


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The real book rendered from the committed TEI: the EPUB and the HTML folder."""
    folder = tmp_path_factory.mktemp("edition")
    epub, html = folder / f"{BOOK}.epub", folder / html_index(BOOK, ".")
    tei = etree.parse(str(REPO_ROOT / "tei" / f"{BOOK}.xml")).getroot()
    render(tei, epub, html)
    REVIEW.mkdir(parents=True, exist_ok=True)
    yield {"epub": epub, "html": html.parent}
    (REVIEW / "figures.json").write_text(json.dumps(FIGURES, indent=2) + "\n", encoding="utf-8")


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """``folder`` over http://127.0.0.1 (a random free port)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def server(edition: dict[str, Path]) -> Iterator[str]:
    """The HTML edition over http://127.0.0.1."""
    with serving(edition["html"]) as url:
        yield url


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that fails the test on any console error or uncaught exception."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert errors == [], "console errors"


def html_pages(edition: dict[str, Path]) -> list[str]:
    """Every page of the HTML edition, the contents page first."""
    names = sorted(path.name for path in edition["html"].glob("*.html") if path.name != "index.html")
    return ["index.html", *names]


def _ids(root: etree._Element) -> set[str]:
    return {
        element.get("id") for element in root.iter() if isinstance(element.tag, str) and element.get("id")
    }


def broken_links(documents: dict[str, etree._Element]) -> tuple[int, list[str]]:
    """Count internal links and list those whose file or fragment does not exist."""
    ids = {name: _ids(root) for name, root in documents.items()}
    checked, broken = 0, []
    for name, root in documents.items():
        for link in root.iter("{*}a", "a"):
            href = link.get("href")
            if not href or urlsplit(href).scheme:
                continue
            parts = urlsplit(href)
            target = normpath(f"{dirname(name)}/{unquote(parts.path)}").lstrip("/") if parts.path else name
            checked += 1
            if target not in ids or (parts.fragment and parts.fragment not in ids[target]):
                broken.append(f"{name}: {href}")
    return checked, broken


def test_every_internal_link_of_the_html_edition_resolves(edition: dict[str, Path]) -> None:
    documents = {name: lxml.html.parse(str(edition["html"] / name)).getroot() for name in html_pages(edition)}
    checked, broken = broken_links(documents)
    FIGURES["html links checked"] = checked
    FIGURES["html pages"] = len(documents)
    assert checked > 2000 and broken == []


def test_every_internal_link_of_the_epub_resolves(edition: dict[str, Path]) -> None:
    with zipfile.ZipFile(edition["epub"]) as archive:
        documents = {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.endswith(".xhtml")
        }
    checked, broken = broken_links(documents)
    FIGURES["epub links checked"] = checked
    FIGURES["epub content documents"] = len(documents)
    assert checked > 2000 and broken == []


OPEN_EVERY_NOTE = """() => {
  const problems = [];
  const references = [...document.querySelectorAll("a[role='doc-noteref']")];
  for (const reference of references) {
    const note = document.getElementById(reference.hash.slice(1));
    reference.click();
    const popup = document.getElementById(reference.getAttribute("aria-controls") || "");
    const expected = note.textContent.replace(/\\s+/g, " ").trim();
    const shown = popup ? popup.textContent.replace(/Close note$/, "").replace(/\\s+/g, " ").trim() : "";
    if (reference.getAttribute("aria-expanded") !== "true" || shown !== expected) {
      problems.push(reference.id + ": " + shown.slice(0, 40) + " / " + expected.slice(0, 40));
    }
    reference.click();
    if (document.getElementById("popup-" + note.id)) problems.push(reference.id + ": did not close");
    const back = note.querySelector("a[role='doc-backlink']");
    if (!back || back.hash !== "#" + reference.id) problems.push(reference.id + ": no backlink");
  }
  return {count: references.length, problems: problems};
}"""


def test_each_note_opens_in_place_and_its_backlink_returns(
    edition: dict[str, Path], server: str, page: Any
) -> None:
    notes, keyboard_checked = 0, 0
    for name in html_pages(edition):
        page.goto(server + name)
        result = page.evaluate(OPEN_EVERY_NOTE)
        assert result["problems"] == [], name
        notes += result["count"]
        if not result["count"]:
            continue
        # the first note of the page with the keyboard: Enter opens it, Escape closes it
        reference = page.locator("a[role='doc-noteref']").first
        reference.focus()
        page.keyboard.press("Enter")
        popup = page.locator(".note-popup").first
        assert popup.is_visible() and reference.get_attribute("aria-expanded") == "true"
        page.keyboard.press("Escape")
        assert page.locator(".note-popup").count() == 0
        # the note at the end of the chapter: its backlink leads back to the reference
        note_id = reference.get_attribute("href").split("#")[1]
        page.goto(f"{server}{name}#{note_id}")
        page.locator(f"[id='{note_id}'] a[role='doc-backlink']").click()
        assert page.evaluate("location.hash") == f"#{reference.get_attribute('id')}"
        assert reference.is_visible() and page.evaluate(
            "(id) => { const r = document.getElementById(id).getBoundingClientRect();"
            " return r.bottom > 0 && r.top < innerHeight; }",
            reference.get_attribute("id"),
        )
        keyboard_checked += 1
    FIGURES["notes opened in place"] = notes
    FIGURES["notes checked with keyboard and backlink"] = keyboard_checked
    assert notes > 1000


def last_chapter_word(edition: dict[str, Path]) -> tuple[str, str]:
    """A long word of the last chapter's last paragraph, and that chapter's page."""
    chapters = []
    for name in html_pages(edition):
        root = lxml.html.parse(str(edition["html"] / name)).getroot()
        if root.xpath("//section[@role='doc-chapter']"):
            chapters.append((name, root))
    name, root = chapters[-1]
    paragraph = root.xpath("//section[@role='doc-chapter']//p[not(ancestor::*[@role='doc-endnotes'])]")[-1]
    words = re.findall(r"[A-Za-z]{6,}", paragraph.text_content())
    return max(words, key=len), name


def test_search_finds_a_word_of_the_last_chapter(edition: dict[str, Path], server: str, page: Any) -> None:
    word, chapter = last_chapter_word(edition)
    for start in (server + "index.html", (edition["html"] / "introduction.html").as_uri()):  # http and file
        page.goto(start)
        page.fill("#search-box", word)
        results = page.locator("#search-results li a")
        results.first.wait_for()
        hrefs = [results.nth(number).get_attribute("href") for number in range(results.count())]
        assert any(urlsplit(href).path == chapter for href in hrefs), (word, hrefs)
    page.locator(f"#search-results a[href^='{chapter}?']").first.click()
    page.wait_for_url(re.compile(re.escape(chapter)))
    assert word.lower() in page.locator("main").inner_text().lower()
    FIGURES["search"] = {"word": word, "found in": chapter}


SEARCHED = "Rapallo"  # the example: the book's section on the Genoa conference tells of the treaty

PLACES_WITH = """(word) => {
  const places = new Set();
  for (const element of document.querySelectorAll("main :is(p, li, h1, h2, h3, h4, h5, h6)")) {
    if (element.textContent.toLowerCase().includes(word)) places.add(element.closest("[id]").id);
  }
  return [...places];
}"""


def places_with(edition: dict[str, Path], page: Any, word: str) -> dict[str, list[str]]:
    """The places (the nearest element with an id of each paragraph, item or heading) holding
    ``word``, by page, as the pages show them."""
    found = {}
    for name in html_pages(edition):
        page.goto((edition["html"] / name).as_uri())
        found[name] = page.evaluate(PLACES_WITH, word.lower())
    return found


def search(page: Any, query: str) -> list[str]:
    """The results' links, in order, of a search from the search box of the page open."""
    page.fill("#search-box", query)
    page.locator("#search-results li a").first.wait_for()
    return page.locator("#search-results li a").evaluate_all(
        "(links) => links.map((a) => a.getAttribute('href'))"
    )


def test_search_ranks_the_place_where_a_word_is_most_at_home_first_and_lists_each_place_once(
    edition: dict[str, Path], page: Any
) -> None:
    """Each place that holds the word is listed, once; the first is in the section that holds it
    most often."""
    expected = {
        f"{name}#{anchor}"
        for name, anchors in places_with(edition, page, SEARCHED).items()
        for anchor in anchors
    }
    page.goto((edition["html"] / "index.html").as_uri())
    hrefs = search(page, SEARCHED)
    places = [f"{urlsplit(href).path}#{urlsplit(href).fragment}" for href in hrefs]
    assert len(places) == len(set(places)) and set(places) == expected
    counts: dict[tuple[str, str], int] = {}
    for name in html_pages(edition):
        root = lxml.html.parse(str(edition["html"] / name)).getroot()
        for section in root.xpath("//main//section[@id][not(.//section[@id])]"):
            counts[(name, section.get("id"))] = section.text_content().count(SEARCHED)
    best = max(counts, key=lambda key: counts[key])
    first = urlsplit(hrefs[0])
    root = lxml.html.parse(str(edition["html"] / first.path)).getroot()
    assert first.path == best[0] and root.get_element_by_id(first.fragment).xpath(
        f"ancestor-or-self::section[@id='{best[1]}']"
    )
    results = page.locator("#search-results li")
    FIGURES["search ranking"] = {
        "query": SEARCHED,
        "places": len(places),
        "section where it is most often": best,
        "top 5": [
            " ".join(results.nth(number).inner_text().split())[:160] for number in range(min(5, len(places)))
        ],
    }


def test_a_result_leads_to_its_place_and_marks_the_words_found(
    edition: dict[str, Path], server: str, page: Any
) -> None:
    """From the disk (``file://``) and served: the keyboard reaches the results from the box; a click
    on the first opens its page at the place, which is outlined, focused and in view, its words
    marked. Served (axe-core reads the stylesheets), axe-core finds nothing on either page."""
    for start in ((edition["html"] / "chapter-1.html").as_uri(), server + "chapter-1.html"):
        page.goto(start)
        href = search(page, SEARCHED)[0]
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.getAttribute('href')") == href
        page.keyboard.press("ArrowUp")
        assert page.evaluate("document.activeElement.id") == "search-box"
        served = start.startswith(server)
        assert not (served and axe_violations(page))
        page.locator("#search-results li a").first.click()
        place = urlsplit(href).fragment
        page.wait_for_url(re.compile(re.escape(place)))
        page.wait_for_load_state("load")
        arrival = page.evaluate(ARRIVAL, place)
        assert arrival["place"] == arrival["focused"] == place and arrival["outside"] == 0
        assert arrival["marked"] and {word.lower() for word in arrival["marked"]} == {SEARCHED.lower()}
        assert arrival["in view"]
        assert not (served and axe_violations(page))
    page.screenshot(path=str(REVIEW / "search-arrival-1280.png"))


ARRIVAL = """(id) => {
  const marks = [...document.querySelectorAll("mark.search-hit")];
  const box = marks[0].getBoundingClientRect();
  return {
    place: document.querySelector(".search-target").id,
    focused: document.activeElement.id,
    marked: marks.map((mark) => mark.textContent),
    outside: marks.filter((mark) => !document.getElementById(id).contains(mark)).length,
    "in view": box.top >= 0 && box.bottom <= innerHeight,
  };
}"""


def axe_violations(page: Any) -> list[str]:
    """axe-core's violations (any impact) on the page open, by rule and first place."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [f"{violation['id']} {violation['nodes'][0]['target']}" for violation in result["violations"]]


def test_the_search_loads_its_index_when_first_used_and_the_index_is_smaller_than_the_text(
    edition: dict[str, Path], server: str, page: Any
) -> None:
    """No page asks for the search engine or the index until the reader turns to the search box; the index
    is smaller than the text of the book's pages."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path.rsplit("/", 1)[-1]))
    for name in html_pages(edition):
        page.goto(server + name)
        page.wait_for_load_state("load")
    before = set(requested)
    page.focus("#search-box")
    page.wait_for_function("typeof window.EDITION_SEARCH_INDEX === 'string'")
    assert not {"search-index.js", "search-engine.js"} & before
    assert {"search-index.js", "search-engine.js"} <= set(requested)
    text = sum(
        len(
            " ".join(
                lxml.html.parse(str(edition["html"] / name)).getroot().find(".//main").text_content().split()
            ).encode()
        )
        for name in html_pages(edition)
    )
    index = (edition["html"] / "search-index.js").stat().st_size
    FIGURES["search index"] = {"bytes": index, "text bytes": text, "share": round(index / text, 3)}
    assert index < text


def test_no_horizontal_scrolling(edition: dict[str, Path], server: str, browser: Any) -> None:
    checked = 0
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        for name in html_pages(edition):
            page.goto(server + name)
            page.locator("a[role='doc-noteref']").first.click() if page.locator(
                "a[role='doc-noteref']"
            ).count() else None
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{name} at {width} px scrolls sideways by {overflow} px"
            checked += 1
        context.close()
    FIGURES["pages checked for horizontal scrolling"] = checked


def page_holding(edition: dict[str, Path], xpath: str) -> str | None:
    """The first page of the HTML edition (in :func:`html_pages` order) holding an element ``xpath``
    finds, or ``None``."""
    for name in html_pages(edition):
        if lxml.html.parse(str(edition["html"] / name)).getroot().xpath(xpath):
            return name
    return None


TITLE_PAGE = "//main//section[contains(concat(' ', @class, ' '), ' titlePage ')]"
CHAPTER = "//main//section[@role='doc-chapter']"
COLOPHON = "//*[@role='doc-colophon' or @id='colophon' or contains(concat(' ', @class, ' '), ' colophon ')]"


def test_screenshots_for_review(edition: dict[str, Path], server: str, browser: Any) -> None:
    """The title page, a search with its results, a chapter with a note open, the chronology and the
    colophon (where the edition has one) at both widths."""
    title, chapter = page_holding(edition, TITLE_PAGE), page_holding(edition, CHAPTER)
    assert title and chapter, "the HTML edition has no title page or no chapter"
    colophon = page_holding(edition, COLOPHON)
    written = []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(server + "index.html")
        written.append(_shot(page, f"contents-{width}.png"))
        page.goto(server + title)
        page.locator(TITLE_PAGE).first.scroll_into_view_if_needed()
        written.append(_shot(page, f"title-page-{width}.png"))
        written.append(_search_shot(page, f"search-{width}.png"))
        page.goto(server + chapter)
        reference = page.locator("a[role='doc-noteref']").first
        reference.click()
        page.locator(".note-popup").first.scroll_into_view_if_needed()
        written.append(_shot(page, f"chapter-with-note-{width}.png"))
        page.goto(server + "chronology.html")
        written.append(_shot(page, f"chronology-{width}.png"))
        if colophon:
            page.goto(server + colophon)
            page.locator(COLOPHON).first.scroll_into_view_if_needed()
            written.append(_shot(page, f"colophon-{width}.png"))
        context.close()
    FIGURES["screenshots"] = written
    assert all((REVIEW / name).stat().st_size > 1000 for name in written)


def _search_shot(page: Any, name: str) -> str:
    """Search the book from the search landmark's box on ``page`` and shoot the results shown."""
    box = page.get_by_role("search").get_by_role("searchbox")
    box.fill("Rapallo")
    results = page.locator(f"[id='{box.get_attribute('aria-controls')}'] a")
    results.first.wait_for()
    box.scroll_into_view_if_needed()
    return _shot(page, name)


def _shot(page: Any, name: str) -> str:
    page.screenshot(path=str(REVIEW / name))
    return name


# a page number printed in the margin, as a PDF's text gives it: a line of its own, or run onto the
# end of the line beside it (``… This implied thatp. 326``)
MARGIN_NUMBER_RE = re.compile(r"p\. \[?\d+\]?$")


def pdf_lines(pdf: bytes) -> list[str]:
    """The text lines of a PDF, page by page (pypdf's reading of them)."""
    return [
        line.strip()
        for sheet in PdfReader(io.BytesIO(pdf)).pages
        for line in sheet.extract_text().splitlines()
    ]


def test_print_has_a_readable_measure_and_page_numbers_in_the_margin(
    edition: dict[str, Path], server: str, page: Any
) -> None:
    """A chapter printed to A4 by Chromium (the stylesheet's ``@page`` and ``@media print``): no line
    longer than 75 characters, each of the printed book's page numbers in the margin (at a line's
    edge in the PDF's text, not inside a line; an inferred one in brackets), the search box and page
    navigation not printed. (The PDF's text may run a margin number onto the line beside it: it is
    taken off to measure.)"""
    chapter = page_holding(edition, f"{CHAPTER}[.//*[contains(@class, 'inferred')]]")  # "p. [50]"
    chapter = chapter or page_holding(edition, CHAPTER)
    assert chapter
    page.goto(server + chapter)
    pdf = page.pdf(prefer_css_page_size=True)
    lines = pdf_lines(pdf)
    numbers = page.locator("main .pagebreak[data-page]").evaluate_all(
        "(all) => all.map(b => b.classList.contains('inferred') ? `[${b.dataset.page}]` : b.dataset.page)"
    )
    printed = {f"p. {number}" for number in numbers}
    text = [MARGIN_NUMBER_RE.sub("", line) for line in lines if " " in MARGIN_NUMBER_RE.sub("", line)]
    measure = max(len(line) for line in text)
    assert numbers and printed <= {
        match.group() for line in lines if (match := MARGIN_NUMBER_RE.search(line))
    }
    assert len(text) > 200 and measure <= 75
    assert "Search the book" not in lines and not any(line.startswith("Previous") for line in lines)
    FIGURES["print"] = {"page": chapter, "measure (characters)": measure, "lines": len(text)}


# the lines of a title block: each centred in its block (its text's box, measured with a Range)
CENTRED_LINES = """(selector) => {
  const block = document.querySelector(selector);
  const box = block.getBoundingClientRect();
  return [...block.querySelectorAll("h1, p")].map((line) => {
    const range = document.createRange();
    range.selectNodeContents(line);
    const text = range.getBoundingClientRect();
    const style = getComputedStyle(line);
    return {
      text: line.textContent.trim().slice(0, 40),
      align: style.textAlign,
      indent: style.textIndent,
      offset: Math.abs((text.left + text.right) / 2 - (box.left + box.right) / 2),
    };
  });
}"""


def off_centre(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The lines of a title block not set centred (a pixel's rounding allowed)."""
    return [
        line for line in lines if line["align"] != "center" or line["indent"] != "0px" or line["offset"] > 1
    ]


def test_the_title_blocks_are_centred(
    edition: dict[str, Path], server: str, page: Any, tmp_path: Path
) -> None:
    """The HTML contents page's title block and the EPUB's title page (its XHTML in Chromium)."""
    page.goto(server + "index.html")
    html_lines = page.evaluate(CENTRED_LINES, "#title-block-header")
    with zipfile.ZipFile(edition["epub"]) as archive:
        archive.extractall(tmp_path)
    title_page = next((tmp_path / "EPUB" / "text").glob("titlepage.xhtml"))
    page.goto(title_page.as_uri())
    epub_lines = page.evaluate(CENTRED_LINES, "section.titlepage")
    assert "Edited by" in " ".join(line["text"] for line in epub_lines)
    FIGURES["centred title lines"] = {"html": len(html_lines), "epub": len(epub_lines)}
    assert len(html_lines) >= 3 and len(epub_lines) >= 3
    assert off_centre(html_lines) == [] and off_centre(epub_lines) == []


def test_axe_core_finds_no_violations(edition: dict[str, Path], server: str, page: Any) -> None:
    if not AXE.exists():
        pytest.fail("axe-core missing: run npm ci")
    rules: set[str] = set()
    problems, unsure_links, links_in_text = [], [], 0
    for name in html_pages(edition):
        page.goto(server + name)
        if page.locator("a[role='doc-noteref']").count():
            page.locator("a[role='doc-noteref']").first.click()  # an open note is checked too
        page.fill("#search-box", "treaty")
        page.locator("#search-results li").first.wait_for()
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        rules |= {
            rule["id"]
            for key in ("passes", "violations", "incomplete", "inapplicable")
            for rule in result[key]
        }
        problems += [
            f"{name}: {violation['id']} ({violation['impact']}) {violation['nodes'][0]['target']}"
            for violation in result["violations"]
        ]
        # a link told from the text by its colour alone is "incomplete": axe cannot judge the colours
        unsure_links += [
            f"{name}: {node['target']}"
            for rule in result["incomplete"]
            if rule["id"] == "link-in-text-block"
            for node in rule["nodes"]
        ]
        links_in_text += sum(
            len(rule["nodes"]) for rule in result["passes"] if rule["id"] == "link-in-text-block"
        )
    FIGURES["axe-core"] = {
        "pages": len(html_pages(edition)),
        "rules run": len(rules),
        "violations": problems,
        "link-in-text-block": {"passed": links_in_text, "incomplete": len(unsure_links)},
    }
    assert problems == [] and unsure_links == [] and links_in_text > 1000


def test_ace_finds_no_violations_in_the_epub(edition: dict[str, Path], tmp_path: Path) -> None:
    if not ACE.exists():
        pytest.fail("DAISY Ace missing: run npm ci")
    environment = os.environ | {"PUPPETEER_EXECUTABLE_PATH": str(CHROMIUM), "PUPPETEER_SKIP_DOWNLOAD": "1"}
    report = tmp_path / "ace"
    completed = subprocess.run(
        [str(ACE), "--silent", "--outdir", str(report), str(edition["epub"])],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert (report / "report.json").exists(), completed.stderr[-2000:]
    result = json.loads((report / "report.json").read_text(encoding="utf-8"))
    violations = [
        f"{document['earl:testSubject']['url']}: {test['earl:test']['dct:title']}"
        for document in result["assertions"]
        for test in document.get("assertions", [])
    ]
    shutil.copytree(report, REVIEW / "ace-report", dirs_exist_ok=True)
    FIGURES["ace"] = {"outcome": result["earl:result"]["earl:outcome"], "violations": len(violations)}
    assert violations == [] and result["earl:result"]["earl:outcome"] == "pass"


# --- the page images of a book read from scans -------------------------------------------------


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A book of three pages drawn with Pillow (``test_page_images.draw_pages``), read by Tesseract
    through the workflow into its TEI, and rendered in the workflow's folder (the TEI names the
    images ``raw/scan/page-N.png``). Three pages prove no page number (a longer run of pages does),
    so the first page break on each page is numbered here as a longer book's would be (page 11 is
    the first page)."""
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract missing: apt-get install tesseract-ocr")
    folder = tmp_path_factory.mktemp("scanned")
    REVIEW.mkdir(parents=True, exist_ok=True)
    copy_workflow(REPO_ROOT, folder)
    draw_pages(folder / "raw" / "scan")
    about = {"title": "A History of Treaties", "editors": ["A. N. Editor"], "language": "en"}
    about |= {"place": "Nowhere", "publisher": "Test Press", "year": 2000}
    (folder / "raw" / "scan.yaml").write_text(yaml.safe_dump(about), encoding="utf-8")
    completed = snakemake(folder, REPO_ROOT, "tei/scan.xml")
    assert completed.returncode == 0, completed.stderr[-3000:]
    root = etree.parse(str(folder / "tei" / "scan.xml")).getroot()
    numbered = set()
    for pb in root.iter(tei("pb")):
        facs = pb.get("facs", "")
        if facs and facs not in numbered:
            numbered.add(facs)
            pb.set("n", pb.get("n") or str(10 + int(facs.rpartition("-")[2])))
    epub, html = folder / "build" / "scan.epub", folder / html_index("scan")
    with contextlib.chdir(folder):
        counts = render(root, epub, html, "tei/scan.xml")
    assert (counts["page images"], counts["facsimile pages"]) == (3, 3)
    zones = {
        zone.get(XML_ID, ""): [float(zone.get(edge, "")) for edge in ("ulx", "uly", "lrx", "lry")]
        for zone in root.iter(tei("zone"))
    }
    return {"epub": epub, "html": html.parent, "zones": zones, "page breaks": len(numbered)}


@pytest.fixture(scope="module")
def scanned_server(scanned: dict[str, Any]) -> Iterator[str]:
    """The scanned book's HTML edition over http://127.0.0.1."""
    with serving(scanned["html"]) as url:
        yield url


PAGE_VIEW = """() => {
  const viewer = document.querySelector("dialog.page-viewer");
  const image = viewer.querySelector("img").getBoundingClientRect();
  const line = viewer.querySelector(".page-viewer-line").getBoundingClientRect();
  return {
    open: viewer.open,
    modal: viewer.matches(":modal"),
    loaded: viewer.querySelector("img").naturalWidth,
    focused: document.activeElement.className,
    line: [line.left - image.left, line.top - image.top, line.right - image.left, line.bottom - image.top]
      .map((value, index) => value / (index % 2 ? image.height : image.width)),
    viewer: viewer.getBoundingClientRect().left,
    text: document.querySelector("main").getBoundingClientRect().right,
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_the_page_number_opens_its_page_image(
    scanned: dict[str, Any], scanned_server: str, page: Any, width: int
) -> None:
    """Click (wide) or Enter (narrow) on the page number: the page image beside the text (wide) or
    in a dialog over it (narrow), loaded, its first line below the running head outlined where its
    zone is; no serious axe-core finding; Escape closes it and the focus is on the page number again."""
    pages = sorted(scanned["html"].glob("*.html"))
    name = next(path.name for path in pages if 'class="pagebreak page-image"' in path.read_text("utf-8"))
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(scanned_server + name)
    link, wide = page.locator("a.page-image").first, width >= 800  # 50em: where the panel goes beside
    if wide:
        link.click()
    else:
        link.focus()
        page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('dialog.page-viewer img').complete")
    view = page.evaluate(PAGE_VIEW)
    assert view["open"] and view["loaded"] > 0 and view["focused"] == "page-viewer-close"
    assert view["modal"] != wide and view["overflow"] <= 0
    if wide:
        assert view["text"] <= view["viewer"]  # the panel is beside the text, not over it
    surface = link.get_attribute("href").removeprefix("pages/").removesuffix(".png")
    zones = [box for key, box in scanned["zones"].items() if key.startswith(f"{surface}-line-")]
    first = min((box for box in zones if box[1] > BODY_TOP - PITCH / 2), key=lambda box: box[1])
    assert abs(first[1] - BODY_TOP) < PITCH / 2  # the zone of the first line drawn below the head
    expected = [edge / PAGE_SIZE[number % 2] for number, edge in enumerate(first)]
    assert view["line"] == pytest.approx(expected, abs=0.004)
    page.screenshot(path=str(REVIEW / f"page-image-{width}.png"))
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    serious = [
        violation["id"]
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == []
    page.keyboard.press("Escape")
    assert not page.evaluate("document.querySelector('dialog.page-viewer').open")
    assert page.evaluate("document.activeElement.id") == link.get_attribute("id")


def test_the_epub_of_a_scanned_book_has_its_page_numbers_and_no_page_image(scanned: dict[str, Any]) -> None:
    """The EPUB marks the print pages as always, holds no page image and refers to none; EPUBCheck passes."""
    with zipfile.ZipFile(scanned["epub"]) as archive:
        names = archive.namelist()
        files = {name: archive.read(name) for name in names}
    images = [name for name in names if name.lower().endswith((".png", ".jpg", ".jpeg", ".tif", ".tiff"))]
    assert images == []
    assert not [name for name, data in files.items() if b"pages/" in data or b"surface-" in data]
    breaks = sum(
        data.count(b'epub:type="pagebreak"') for name, data in files.items() if name.endswith(".xhtml")
    )
    assert breaks == scanned["page breaks"] and epubcheck_messages(scanned["epub"]) == []
