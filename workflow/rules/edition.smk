# The editions: the TEI P5 file from the corrected tree, then the EPUB 3 and the HTML edition from the TEI;
# the official validators on them if the config lists any (`checks`).


rule encode:
    input:
        tree=build_file("{book}/corrected.json"),
        metadata=build_file("{book}/metadata.json"),
        geometry=book_geometry,  # structured OCR: the page images and the lines' places
        changes=[build_file(f"{{book}}/{stage}.changes.jsonl") for stage in CHANGING_STAGES],  # counted
    output:
        tei_file("{book}.xml"),
    log:
        log_file("encode"),
    conda:
        ENVIRONMENT
    params:
        geometry=geometry_option,
    shell:
        stage(
            "encode",
            "--input {input.tree:q} --metadata {input.metadata:q} --changes {input.changes:q}"
            " --output {output:q} {params.geometry}",
        )


rule render:
    input:
        tei=tei_file("{book}.xml"),
        assets=ASSETS,
        images=scan_images,  # a scanned book's pages, copied into the HTML edition
    output:
        epub=build_file("{book}.epub"),
        html=build_file("{book}/html/index.html"),  # the HTML edition: its own folder
    log:
        log_file("render"),
    conda:
        ENVIRONMENT
    shell:
        stage(
            "render",
            "--tei {input.tei:q} --epub {output.epub:q} --html {output.html:q}",
            environment=PANDOC,
        )


rule check:
    input:
        tei=tei_file("{book}.xml"),
        epub=build_file("{book}.epub"),
    output:
        build_file("{book}.checks.txt"),
    log:
        log_file("check"),
    conda:
        ENVIRONMENT
    shell:
        stage("check", check_options())
