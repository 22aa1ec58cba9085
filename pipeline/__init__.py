"""OCR'd book → repaired text → TEI P5 → EPUB 3 and HTML: the edition pipeline.

Each stage (a module or a package, run as ``python -m pipeline.<stage>``) has one job; stages
exchange the typed data of :mod:`pipeline.model` through files under ``build/<book>/``. The stages,
the files between them and where a change goes: ``ARCHITECTURE.md``.
"""
