# What the editor reads besides the editions: the QA report with every change, and the chronology as data.


rule report:
    input:
        normalise=build_file("{book}/normalise.changes.jsonl"),
        repaired=build_file("{book}/repaired.json"),
        structure=build_file("{book}/corrected.json"),
        suspects=build_file("{book}/suspects.json"),
    output:
        changes=build_file("{book}.changes.jsonl"),
        report=build_file("{book}.report.html"),
    log:
        log_file("report"),
    conda:
        ENVIRONMENT
    shell:
        stage(
            "report",
            "--book {wildcards.book:q} --normalise-changes {input.normalise:q}"
            " --repaired {input.repaired:q} --structure {input.structure:q} --suspects {input.suspects:q}"
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
