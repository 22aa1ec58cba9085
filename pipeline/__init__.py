"""OCR'd book → repaired text → TEI P5 → EPUB 3 and HTML: the edition pipeline.

Each stage (a module or a package, run as ``python -m pipeline.<stage>``) has one job; stages
exchange the typed data of :mod:`pipeline.model` through files under ``build/<book>/``. The stages,
the files between them and where a change goes: ``ARCHITECTURE.md``.
"""

# the pipeline's version: the distribution's (pyproject.toml reads it here), recorded in the TEI
# header; read from here, not from the installed distribution's metadata, which costs encode 0.03 s
__version__ = "0.1.0"
