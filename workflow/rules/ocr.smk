# A book given as structured OCR, as scans or as a scanned PDF: each page of a PDF made an image, each
# page image OCR'd by Tesseract to hOCR (a job a page), then the book's hOCR, ALTO or PAGE files read
# into its text and the places of its lines (a page they hold no text of read again from its image).


rule pdf_page:
    input:
        raw_file("{book}.pdf"),
    output:
        build_file("{book}/pdf/{page}.png"),
    log:
        page_log_file("pdf_page"),
    conda:
        ENVIRONMENT
    shell:
        stage("pdf_pages", "--pdf {input:q} --page {wildcards.page:q} --output {output:q}")


rule ocr:
    input:
        image=page_image,
        metadata=build_file("{book}/metadata.json"),  # the book's language
    output:
        build_file("{book}/ocr/{page}.hocr"),
    log:
        page_log_file("ocr"),
    conda:
        ENVIRONMENT
    shell:
        stage("ocr", "--image {input.image:q} --metadata {input.metadata:q} --output {output:q}")


rule extract:
    input:
        ocr=ocr_files,
        metadata=build_file("{book}/metadata.json"),  # the book's language, for a page read again
    output:
        text=build_file("{book}/source.txt"),
        geometry=build_file("{book}/geometry.json"),
    log:
        log_file("extract"),
    conda:
        ENVIRONMENT
    threads: 2  # (a long book's files, or pages, are read by two processes)
    shell:
        stage(
            "extract",
            "{input.ocr:q} --metadata {input.metadata:q} --output {output.text:q} --geometry {output.geometry:q}"
            " --workers {threads}",
        )
