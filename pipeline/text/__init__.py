"""What printed text looks like, shared by every stage: one definition of each piece.

* :mod:`pipeline.text.markers`: superscript digits, note markers and numbers, where a note body starts;
* :mod:`pipeline.text.punctuation`: dashes, closing and emphasis marks, sentence and clause ends, section
  separators;
* :mod:`pipeline.text.headings`: title case, capitals, running heads and page numbers;
* :mod:`pipeline.text.words`: letters and words, English word frequencies, grammatical words, months;
* :mod:`pipeline.text.dates`: printed dates (days, months, ranges, Old and New Style) as ISO dates;
* :mod:`pipeline.text.typography`: the typographic rules the text is set by (quotes, dashes, ellipses,
  spaces);
* :mod:`pipeline.text.widths`: how wide a printed line is, its characters weighed by their widths.
"""
