"""TEI elements and the serialised document: indented where the content is elements only."""

from __future__ import annotations

from lxml import etree

from pipeline.tei import XML_ID, XML_LANG, tei

TEI_ALL_MODEL = (
    'href="http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng" '
    'type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"'
)
# elements whose content is text (perhaps with inline elements): never indented
MIXED_CONTENT = frozenset({"p", "head", "item", "note", "hi", "foreign", "ref", "label", "title"})


def element(parent: etree._Element, name: str, text: str | None = None, **attributes: str) -> etree._Element:
    """Append a TEI element with optional text and attributes (``xml_id``/``xml_lang`` for xml:*)."""
    child = etree.SubElement(parent, tei(name))
    for key, value in attributes.items():
        child.set({"xml_id": XML_ID, "xml_lang": XML_LANG}.get(key, key), value)
    if text is not None:
        child.text = text
    return child


def indent(node: etree._Element, level: int = 0) -> None:
    """Indent element-only content; mixed content (paragraphs, heads, notes…) is left exactly as is."""
    if (
        not len(node)
        or etree.QName(node).localname in MIXED_CONTENT
        or (node.text or "").strip()
        or any((child.tail or "").strip() for child in node)
    ):
        return
    padding = "\n" + "  " * (level + 1)
    node.text = padding
    for child in node:
        indent(child, level + 1)
        child.tail = padding
    node[-1].tail = "\n" + "  " * level


def tei_bytes(root: etree._Element) -> bytes:
    """Serialise a TEI document: UTF-8, indented, with an ``xml-model`` pointing at tei_all."""
    indent(root)
    prolog = f'<?xml version="1.0" encoding="UTF-8"?>\n<?xml-model {TEI_ALL_MODEL}?>\n'
    return prolog.encode() + etree.tostring(root, encoding="UTF-8") + b"\n"
