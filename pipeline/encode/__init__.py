"""Stage ``encode``: the book's corrected tree and metadata → one TEI P5 document.

Command line::

    python -m pipeline.encode --input build/<book>/corrected.json \\
        --metadata build/<book>/metadata.json --output tei/<book>.xml

* :mod:`~pipeline.encode.text`: the text (``front``, ``body``, ``back``) from the tree;
* :mod:`~pipeline.encode.header`: the ``teiHeader`` and the title page from the metadata;
* :mod:`~pipeline.encode.inline`: the OCR's inline markdown (emphasis) parsed and written as TEI;
* :mod:`~pipeline.encode.elements`: TEI elements and the serialised, indented document;
* :mod:`~pipeline.encode.command`: the command line.

The output is deterministic and valid against ``tei_all``.
"""

from pipeline.encode.command import main
from pipeline.encode.elements import tei_bytes
from pipeline.encode.text import encode_tei

__all__ = ["encode_tei", "main", "tei_bytes"]
