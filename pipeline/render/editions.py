"""The render stage's work: both editions written from the TEI, beside each other."""

from __future__ import annotations

import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from pathlib import Path

from lxml import etree

from pipeline.model import InputError
from pipeline.model.io import output_folder, publish
from pipeline.render.document import pandoc_meta, tei_blocks
from pipeline.render.epub import epub_options, finish_epub
from pipeline.render.header import read_header
from pipeline.render.html_edition import ASSETS, CSS_NAME, PAGE_IMAGE_ASSETS, finish_html, split_edition
from pipeline.render.matter import build_date, colophon_blocks, imprint_blocks, title_page_blocks
from pipeline.render.page_images import FOLDER, copy_page_images, count_pages, page_images
from pipeline.render.pandoc import (
    convert,
    document_file,
    html_template,
    pandoc_api_version,
    source_date_epoch,
    standalone_html,
    use_bundled_pandoc,
)
from pipeline.tei import tei


def check_notes(source: str, kind: str, count: int, notes_in_tei: int) -> None:
    """Stop, naming the TEI file, if an edition links another number of notes than the TEI has."""
    if count != notes_in_tei:
        raise InputError(source, f"{kind}: {count} linked, but the TEI has {notes_in_tei} notes")


def linked_notes(root: etree._Element) -> int:
    """The TEI's notes linked to a marker in the text (footnotes, less those typed unlinked)."""
    footnotes = root.findall(f".//{tei('note')}[@place='foot']")
    return len(footnotes) - len(root.findall(f".//{tei('note')}[@type='unlinked']"))


def move_into_place(built: Path, folder: Path, trash: Path) -> None:
    """Put the files of the HTML edition made in ``built`` in place in ``folder``, each replacing its
    old self (:func:`publish`); the page images' folder replaces the old one whole (which goes to
    ``trash``)."""
    if (folder / FOLDER).is_dir():
        os.replace(folder / FOLDER, trash / FOLDER)
    for page in sorted(built.iterdir()):
        if page.is_dir():
            os.replace(page, folder / page.name)
        else:
            publish(page, folder / page.name)


def render(root: etree._Element, epub_path: Path, html_path: Path, source: str = "TEI") -> dict[str, int]:
    """Write the EPUB and the HTML edition (``html_path`` is its contents page) from a TEI document;
    ``source`` is the TEI file (named in messages). The HTML edition shows the page images of the
    TEI's facsimile found from the working folder or the TEI file's (:mod:`~pipeline.render.page_images`).

    Pandoc's EPUB run takes longest: it starts as soon as its document is made, and the HTML edition
    is made beside it one step at a time (its two pandoc runs, then its finishing in Python), so that
    two cores are enough for the EPUB run to go at full speed.
    """
    header = read_header(root, source)
    date = build_date()  # (before pandoc is given a date of its own where the build has none)
    images = page_images(root, [Path.cwd(), Path(source).parent])
    notes_in_tei = linked_notes(root)
    epub_path.parent.mkdir(parents=True, exist_ok=True)
    html_path.parent.mkdir(parents=True, exist_ok=True)
    use_bundled_pandoc()
    with (
        source_date_epoch(),
        output_folder(epub_path) as work,
        output_folder(html_path.parent.resolve()) as html_folder,
        resources.as_file(resources.files("pipeline.render") / "assets" / CSS_NAME) as css,
        ThreadPoolExecutor(max_workers=2) as pool,
    ):
        html_work = html_folder / "edition"  # beside the old pages of the edition, which go here
        html_work.mkdir()
        api_version = pool.submit(pandoc_api_version)  # asked while the TEI is read
        text = tei_blocks(root, source, header.title)
        blocks = [*title_page_blocks(header), *imprint_blocks(header), *text, *colophon_blocks(header, date)]
        api_version.result()
        raw_epub = work / ".unfinished.epub"
        # chapters and their sections in the contents, and a chapter to a file, with parts above them too
        depth = 3 if root.find(f".//{tei('div')}[@type='part']") is not None else 2
        common = [f"--toc-depth={depth}", "--wrap=none"]
        epub_run = pool.submit(
            convert,
            document_file(work / "epub.json", blocks, pandoc_meta(header)),
            "epub3",
            raw_epub,
            [*common, *epub_options(work, header, css, split_level=depth - 1)],
        )
        template = pool.submit(html_template)
        html = html_work / html_path.name
        assets = PAGE_IMAGE_ASSETS if images else ()
        for asset in ASSETS + assets:
            shutil.copyfile(css.with_name(asset), html_work / asset)
        copy_page_images(images, html_work)
        if images:  # the page breaks link to their images in the HTML edition only
            text = tei_blocks(root, source, header.title, images)
        # the contents page opens with the title block: no title page of its own
        blocks = [*imprint_blocks(header), *text, *colophon_blocks(header, date)]
        html_args = [*common, "--toc", "--section-divs", f"--css={CSS_NAME}", "--reference-location=section"]
        standalone_html(blocks, pandoc_meta(header, for_html=True), work, html, html_args, template)
        html_notes = finish_html(html)
        check_notes(source, "html notes", html_notes, notes_in_tei)
        pages = split_edition(html, assets)
        epub_run.result()
        epub = work / epub_path.name
        counts = {"epub notes": finish_epub(raw_epub, epub, header), "html notes": html_notes}
        check_notes(source, "epub notes", counts["epub notes"], notes_in_tei)
        counts |= pages | {"page images": len(images), "facsimile pages": count_pages(root)}
        move_into_place(html_work, html_path.parent, html_folder)
        publish(epub, epub_path)
    return counts
