"""Stage ``correct``: the OCR misreadings of the book's tree corrected.

First the editor's corrections file (:mod:`pipeline.correct.editor`), then the automatic corrector
(:mod:`pipeline.correct.misreadings` proposes readings, :mod:`pipeline.correct.automatic` applies the
sure ones), then the review list of the others (:mod:`pipeline.correct.review`).
"""
