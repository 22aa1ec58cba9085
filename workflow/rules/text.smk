# The text stages: the raw text decoded, repaired and structured into the book's tree, the editor's
# corrections applied to it, and the likely misreadings listed for the report.
# Each stage that changes the text logs its changes (<stage>.changes.jsonl) and, where it raises
# any, the items an editor should review (<stage>.review.jsonl): the report reads these logs.


rule normalise:
    input:
        book_text,
    output:
        text=build_file("{book}/normalised.txt"),
        changes=build_file("{book}/normalise.changes.jsonl"),
    log:
        log_file("normalise"),
    conda:
        ENVIRONMENT
    shell:
        stage(
            "normalise",
            "--input {input:q} --output {output.text:q} --changes {output.changes:q}",
        )


rule repair:
    input:
        text=build_file("{book}/normalised.txt"),
        metadata=build_file("{book}/metadata.json"),  # the checked metadata: its layout settings
        geometry=book_geometry,  # structured OCR: where the lines stood
    output:
        blocks=build_file("{book}/repaired.json"),
        changes=build_file("{book}/repair.changes.jsonl"),
        review=build_file("{book}/repair.review.jsonl"),
        input=build_file("{book}/input.json"),  # for the report: how the text was read
    log:
        log_file("repair"),
    conda:
        ENVIRONMENT
    params:
        geometry=geometry_option,
    shell:
        stage(
            "repair",
            "--input {input.text:q} --metadata {input.metadata:q} --output {output.blocks:q}"
            " --changes {output.changes:q} --review {output.review:q} --input-evidence {output.input:q}"
            " {params.geometry}",
        )


rule structure:
    input:
        repaired=build_file("{book}/repaired.json"),
        metadata=build_file("{book}/metadata.json"),  # the checked metadata: its layout settings
    output:
        tree=build_file("{book}/structure.json"),
        changes=build_file("{book}/structure.changes.jsonl"),
        review=build_file("{book}/structure.review.jsonl"),
        evidence=build_file("{book}/structure.evidence.json"),  # for the report: layout, contents, pages
    log:
        log_file("structure"),
    conda:
        ENVIRONMENT
    shell:
        stage(
            "structure",
            "--input {input.repaired:q} --metadata {input.metadata:q} --output {output.tree:q}"
            " --changes {output.changes:q} --review {output.review:q} --evidence {output.evidence:q}",
        )


# The OCR misreadings corrected: the editor's corrections file (optional), then the automatic
# corrector's sure readings; the others listed for review.
rule correct:
    input:
        structure=build_file("{book}/structure.json"),
        text=build_file("{book}/normalised.txt"),
        corrections=book_corrections,
        geometry=book_geometry,  # structured OCR: the engine's confidence in each word
    output:
        tree=build_file("{book}/corrected.json"),
        changes=build_file("{book}/correct.changes.jsonl"),
        misreadings=build_file("{book}/misreadings.json"),
    log:
        log_file("correct"),
    conda:
        ENVIRONMENT
    threads: 2  # (a long book's places are read by two processes)
    params:
        corrections=raw_file("{book}.corrections.yaml"),
        geometry=geometry_option,
    shell:
        stage(
            "correct",
            "--input {input.structure:q} --text {input.text:q} --corrections {params.corrections:q}"
            " --output {output.tree:q} --changes {output.changes:q} --misreadings {output.misreadings:q}"
            " {params.geometry} --workers {threads}",
        )
