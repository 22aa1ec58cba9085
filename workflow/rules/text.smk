# The text stages: the raw text decoded, repaired and structured into the book's tree, the editor's
# corrections applied to it, and the likely misreadings listed for the report.


rule normalise:
    input:
        raw_file("{book}.txt"),
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
    output:
        build_file("{book}/repaired.json"),
    log:
        log_file("repair"),
    conda:
        ENVIRONMENT
    shell:
        stage(
            "repair",
            "--input {input.text:q} --metadata {input.metadata:q} --output {output:q}",
        )


rule structure:
    input:
        repaired=build_file("{book}/repaired.json"),
        metadata=build_file("{book}/metadata.json"),  # the checked metadata: its layout settings
    output:
        build_file("{book}/structure.json"),
    log:
        log_file("structure"),
    conda:
        ENVIRONMENT
    shell:
        stage(
            "structure",
            "--input {input.repaired:q} --metadata {input.metadata:q} --output {output:q}",
        )


# The editor's corrections (optional file): without one the tree is copied through.
rule correct:
    input:
        structure=build_file("{book}/structure.json"),
        corrections=book_corrections,
    output:
        build_file("{book}/corrected.json"),
    log:
        log_file("correct"),
    conda:
        ENVIRONMENT
    params:
        corrections=raw_file("{book}.corrections.yaml"),
    shell:
        stage(
            "correct",
            "--input {input.structure:q} --corrections {params.corrections:q} --output {output:q}",
        )


rule suspects:
    input:
        repaired=build_file("{book}/repaired.json"),
        corrections=book_corrections,
    output:
        build_file("{book}/suspects.json"),
    log:
        log_file("suspects"),
    conda:
        ENVIRONMENT
    params:
        corrections=raw_file("{book}.corrections.yaml"),
    shell:
        stage(
            "suspects",
            "--input {input.repaired:q} --corrections {params.corrections:q} --output {output:q}",
        )
