# What the editor reads besides the editions: the QA report with every change, and the chronology as data.


# The report reads the stages' logs, how the text was read and the structure's evidence, not the
# book's text or tree.
rule report:
    input:
        changes=[build_file(f"{{book}}/{stage}.changes.jsonl") for stage in CHANGING_STAGES],
        review=[build_file(f"{{book}}/{stage}.review.jsonl") for stage in REVIEWING_STAGES],
        evidence=build_file("{book}/structure.evidence.json"),
        input=build_file("{book}/input.json"),
        misreadings=build_file("{book}/misreadings.json"),
    output:
        changes=build_file("{book}.changes.jsonl"),
        report=build_file("{book}.report.html"),
    log:
        log_file("report"),
    conda:
        ENVIRONMENT
    params:
        text=book_text,
    shell:
        stage(
            "report",
            "--book {wildcards.book:q} --text {params.text:q} --changes {input.changes:q} --review {input.review:q}"
            " --evidence {input.evidence:q} --input-evidence {input.input:q} --misreadings {input.misreadings:q}"
            " --changes-log {output.changes:q} --output {output.report:q}",
        )


# From the corrected tree, so the editor's corrections reach the chronology too.
rule chronology:
    input:
        build_file("{book}/corrected.json"),
    output:
        csv=build_file("{book}.chronology.csv"),
        json=build_file("{book}.chronology.json"),
    log:
        log_file("chronology"),
    conda:
        ENVIRONMENT
    shell:
        stage(
            "chronology",
            "--input {input:q} --csv {output.csv:q} --json {output.json:q}",
        )
