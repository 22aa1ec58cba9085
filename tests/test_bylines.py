"""An essay collection: each essay's title, then ``BY <NAME>``, becomes a chapter with its byline,
in the tree, the TEI (``byline``/``docAuthor``, valid tei_all) and the editions.

The excerpt is synthetic, written in the style of the Trove OCR of ``shared/real`` (lines wrapped as
printed, a title over two lines in capitals, hyphens at line ends, pages apart by blank lines).
"""

from __future__ import annotations

import json

from edition_samples import metadata
from lxml import etree

from pipeline.encode import encode_tei, tei_bytes
from pipeline.model.schema import problems
from pipeline.readers.wrapped_lines import split_wrapped_lines
from pipeline.render.document import tei_blocks
from pipeline.structure import build_structure

NS = {"t": "http://www.tei-c.org/ns/1.0"}

ESSAYS = """\
THE FEDERAL CAPITAL AND
THE QUESTION OF SITE
BY F. ALEXANDER
The choice of a site for the capital of the Commonwealth has been
debated in every colony with a warmth which the subject hardly de-
serves, for the seat of government will be what the people make it,
and no site, however favoured by nature, can give it the character
which only time and the labours of many generations can bestow.
It is not my purpose to plead for any one place against another.


It is enough to say that the question was settled by the Convention
in a spirit of compromise, and that the compromise will be found, on
the whole, to work fairly for every State of the Union.


THE REFERENDUM
BY JOHN M. WALKER
Of all the devices for ascertaining the will of the people, none has
been more warmly praised or more bitterly condemned than the refer-
endum, and none has been less tried in the colonies of Australia,
where the machinery of responsible government has been thought suf-
ficient for every purpose which the people could wish it to serve.
"""


def essays() -> dict:
    """The tree of the excerpt, as structure.json holds it."""
    return build_structure(split_wrapped_lines(ESSAYS)).tree.to_json()


def test_each_essay_is_a_chapter_with_its_byline() -> None:
    tree = essays()
    chapters = [(d["first_line"], d["title"], d.get("byline")) for d in tree["divisions"]]
    assert chapters == [
        (1, "The Federal Capital and the Question of Site", "BY F. ALEXANDER"),
        (17, "The Referendum", "BY JOHN M. WALKER"),
    ]
    first = tree["divisions"][0]["content"][0]
    assert first["type"] == "p" and first["parts"][0].startswith("The choice of a site")
    assert problems("book", tree) == []


def test_byline_is_encoded_after_the_head_and_shown_under_the_heading(tei_all: etree.RelaxNG) -> None:
    from pipeline.model import Book

    document = etree.fromstring(tei_bytes(encode_tei(Book.from_json(essays()), metadata())))
    chapter = document.xpath("//t:body/t:div", namespaces=NS)[0]
    assert [etree.QName(child).localname for child in chapter][:3] == ["head", "byline", "p"]
    byline = chapter.find("t:byline", NS)
    assert byline.text == "BY " and byline.findtext("t:docAuthor", namespaces=NS) == "F. ALEXANDER"
    assert tei_all.validate(document), tei_all.error_log
    dumped = json.dumps(tei_blocks(document, "essays.xml"))
    assert '["byline"]' in dumped and '"F. ALEXANDER"' in dumped


def test_a_line_by_authority_or_by_the_same_author_is_no_byline() -> None:
    tree = build_structure(
        split_wrapped_lines(ESSAYS.replace("BY F. ALEXANDER", "BY THE SAME AUTHOR"))
    ).tree.to_json()
    assert "byline" not in tree["divisions"][0]


def test_bylines_of_headings_matched_to_a_printed_contents() -> None:
    """A book read as paragraph lines, whose contents lists the essays: each heading found for an
    entry keeps its author line (``THE HON.`` before a name too) as its byline, not in its title."""
    from pipeline.readers.paragraph_lines import split_blocks

    text = ESSAYS.replace("BY JOHN M. WALKER", "BY THE HON. H. B. HIGGINS")
    paragraphs = "\n\n".join(
        block.text.replace("\n", " ") if block.first_line > 3 and "BY " not in block.text else block.text
        for block in split_wrapped_lines(text)
    )
    contents = "CONTENTS\n\nThe Federal Capital and the Question of Site .... 1\n\nThe Referendum .... 9\n\n"
    tree = build_structure(split_blocks(contents + paragraphs)).tree
    assert [(d.title, d.byline) for d in tree.divisions] == [
        ("The Federal Capital and the Question of Site", "BY F. ALEXANDER"),
        ("The Referendum", "BY THE HON. H. B. HIGGINS"),
    ]
    assert [entry.target for entry in tree.contents] == ["ch01", "ch02"]
