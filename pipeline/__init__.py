"""OCR'd book → repaired text → TEI P5 → EPUB 3 and HTML: the edition pipeline.

Each stage is a module with one job; stages exchange plain JSON-serialisable data
(see :mod:`pipeline.model`) through files under ``build/<book>/``.
"""
