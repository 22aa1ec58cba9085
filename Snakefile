# The digital-edition build: raw OCR text → TEI P5 → EPUB 3 + HTML, with a QA report per book.
#
#   snakemake --cores all            build every book in raw/
#   snakemake --cores 1 -n           show what would run
#
# The workflow itself is in workflow/ (the Snakemake catalog's layout), its settings in config/.


include: "workflow/Snakefile"


# The default target: workflow/Snakefile's `all`. Snakemake takes no default target from an included
# file (snakemake/snakemake#2773), so this entry names it.
rule default:
    default_target: True
    input:
        rules.all.input,
