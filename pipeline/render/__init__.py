"""Stage ``render``: the TEI edition → an EPUB 3 and an HTML edition, through pandoc.

Command line::

    python -m pipeline.render --tei tei/<book>.xml --epub build/<book>.epub \
        --html build/<book>/html/index.html

Render reads the TEI only: :mod:`~pipeline.render.header` takes what the editions say about the
book from the ``teiHeader``, :mod:`~pipeline.render.document` turns the ``text`` into pandoc's JSON
AST, :mod:`~pipeline.render.pandoc` runs pandoc on it twice, for ``epub3`` (finished by
:mod:`~pipeline.render.epub`) and ``html5`` (one page, which :mod:`~pipeline.render.html_edition`
splits into a contents page and a page per division, with the files of ``assets/`` beside them,
the search index (:mod:`~pipeline.render.search`) and the page images the TEI's ``facsimile``
names: :mod:`~pipeline.render.page_images`).
Pandoc numbers notes on its own, so both outputs are finished by :mod:`~pipeline.render.notes`:
every note reference shows the printed number and every note starts with a link back to it.
The EPUB run, the longest, goes beside the others (:mod:`~pipeline.render.editions`); the command
line is :mod:`~pipeline.render.command`.
``SOURCE_DATE_EPOCH`` (default: a fixed date) makes builds byte-identical.
Outputs are built in temporary folders and moved into place only when both are complete.
"""

from pipeline.render.editions import render

__all__ = ["render"]
