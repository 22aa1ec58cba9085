"""Bad inputs through the real workflow: each gives a correct edition with its text intact, or a clear error.

The matrix of bad inputs; the cases that must stop the build are tested in tests/test_workflow.py
(empty file, whitespace only, binary data, UTF-16 with a byte-order mark, Windows-1252 text) and
tests/test_normalise.py. Here: the inputs that must *build*, each a book made from a real excerpt of
raw/soviet-foreign-policy-vol1.txt (lines 438-476: chapter I, its opening paragraphs, notes 1-3)
and spoiled one way. They are built together in one Snakemake run (``--keep-going``), then each
test checks its book's TEI and EPUB: the text is there, literally, and nothing is half-written.
A 50 MB file goes through the first stage's command alone (a whole build of it takes minutes).
Beside them in raw/, files that make no book (unpaired, misnamed): each is refused on its own,
naming the file, the books build, and the run ends non-zero.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import html_index
from lxml import etree
from workflow_run import snakemake

from pipeline.books import copy_workflow
from pipeline.model import Review, read_log

pytestmark = pytest.mark.slow

FIRST_LINE, LAST_LINE = 438, 476  # raw lines of the excerpt
MARKUP = [
    "<script>alert(1)</script>",
    "]]>",
    "&amp;",
    "&lt;b&gt;",
    "{{ title }}",
    "{% raw %}",
    "[link](http://example.org)",
    "![image](x.png)",
    "$E = mc^2$",
    "<!-- hidden -->",
    "\\emph{x}",
    "`code`",
    "<b>bold</b>",
]
ORPHAN_NOTE = "⁹ This note body has no marker anywhere in the chapter."
MARKER_SENTENCE = "A marker without its note stands here.⁸"
TEI = "{http://www.tei-c.org/ns/1.0}"


# The raw files that make no book: case → (its files, the line naming it).
RENAME = (
    ': rename it: a book name holds only ASCII letters, digits, "_", "-" and "." (no two dots in a row,'
    " none last), and opens with a letter or digit"
)
REFUSED = {
    "yaml-without-text": (["lonely.yaml"], "error: raw/lonely.yaml has no text: add raw/lonely.txt"),
    "text-without-yaml": (["unnamed.txt"], "error: raw/unnamed.txt has no metadata: write raw/unnamed.yaml"),
    "orphan-corrections": (
        ["orphan.corrections.yaml"],
        "error: raw/orphan.corrections.yaml has no book: add raw/orphan.txt or rename it",
    ),
    "space": (["my book.txt", "my book.yaml"], f"error: raw/my book.txt{RENAME}"),
    "non-ascii": (["café.txt", "café.yaml"], f"error: raw/café.txt{RENAME}"),
    "leading-dash": (["-v.txt", "-v.yaml"], f"error: raw/-v.txt{RENAME}"),
    "two-dots": (["a..b.txt", "a..b.yaml"], f"error: raw/a..b.txt{RENAME}"),
    "last-dot": (["book..txt", "book..yaml"], f"error: raw/book..txt{RENAME}"),
}


def excerpt(raw_book: Path) -> list[str]:
    return raw_book.read_text(encoding="utf-8").split("\n")[FIRST_LINE - 1 : LAST_LINE]


def cases(raw_book: Path) -> dict[str, bytes]:
    """Book name → raw bytes of its text file."""
    lines = excerpt(raw_book)
    text = "\n".join(lines) + "\n"
    endings = ["\r\n", "\r", "\n"]
    mixed = "".join(line + endings[number % 3] for number, line in enumerate(lines))
    note_start = text.index("³ *Ibid.*")
    markup_paragraph = "Text that looks like code: " + " and ".join(MARKUP) + " stays text."
    return {
        "mixed-endings": mixed.encode("utf-8"),
        "cut-in-note": text[: note_start + 12].encode("utf-8"),  # ends inside note 3, no final newline
        "no-headings": "\n".join(line for line in lines[6:] if not line.isupper()).encode("utf-8"),
        "orphans": (text + "\n" + MARKER_SENTENCE + "\n\n" + ORPHAN_NOTE + "\n").encode("utf-8"),
        "markup": (
            text + "\n" + markup_paragraph + "\n\n# not a heading, a hash\n\n* * *\n\n---\n\n> not a quote\n"
        ).encode("utf-8"),
    }


@pytest.fixture(scope="module")
def built(
    tmp_path_factory: pytest.TempPathFactory, repo_root: Path, raw_book: Path, raw_metadata: Path
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    directory = tmp_path_factory.mktemp("bad-inputs")
    copy_workflow(repo_root, directory)
    (directory / "raw").mkdir()
    for name, data in cases(raw_book).items():
        (directory / "raw" / f"{name}.txt").write_bytes(data)
        shutil.copy(raw_metadata, directory / "raw" / f"{name}.yaml")
    for names, _ in REFUSED.values():
        for name in names:
            source = raw_metadata if name.endswith(".yaml") else raw_book
            shutil.copy(source, directory / "raw" / name)
    return directory, snakemake(directory, repo_root, "--cores", "2", "--keep-going", SOURCE_DATE_EPOCH="0")


def tei_text(directory: Path, book: str) -> str:
    root = etree.parse(str(directory / "tei" / f"{book}.xml")).getroot()
    body = root.find("{http://www.tei-c.org/ns/1.0}text")
    return " ".join("".join(body.itertext()).split())


def epub_text(directory: Path, book: str) -> tuple[str, list[etree._Element]]:
    """The reading text of the EPUB's XHTML documents, and their <script> elements."""
    texts, scripts = [], []
    with zipfile.ZipFile(directory / "build" / f"{book}.epub") as epub:
        for name in sorted(epub.namelist()):
            if name.endswith(".xhtml"):
                root = etree.fromstring(epub.read(name))
                texts.append("".join(root.itertext()))
                scripts += root.iter("{http://www.w3.org/1999/xhtml}script")
    return " ".join(" ".join(texts).split()), scripts


def test_no_half_written_output(built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    directory, _ = built
    leftovers = [path for folder in ("build", "tei") for path in (directory / folder).rglob("*.part")]
    assert not leftovers
    assert "Traceback" not in built[1].stderr


@pytest.mark.parametrize("case", REFUSED)
def test_a_raw_file_making_no_book_is_refused_alone(
    built: tuple[Path, subprocess.CompletedProcess[str]], case: str
) -> None:
    """The run builds the books (tested below), names the refused file in its job's log and again
    at the end, and ends non-zero; nothing is built of it."""
    directory, result = built
    names, message = REFUSED[case]
    assert result.returncode == 1
    summary = result.stderr[result.stderr.rindex("of the raw files make no book") :]
    assert message in summary.splitlines()
    assert [message + "\n"] == [
        log.read_text(encoding="utf-8")
        for log in (directory / "build" / "logs" / "refused").iterdir()
        if message in log.read_text(encoding="utf-8")
    ]
    stem = names[0].removesuffix(".corrections.yaml").removesuffix(".yaml").removesuffix(".txt")
    assert not (directory / "tei" / f"{stem}.xml").exists()
    assert not (directory / "build" / f"{stem}.epub").exists()


@pytest.mark.parametrize("book", ["mixed-endings", "cut-in-note", "no-headings", "orphans", "markup"])
def test_builds_a_whole_edition(built: tuple[Path, subprocess.CompletedProcess[str]], book: str) -> None:
    directory, result = built
    for path in (
        f"tei/{book}.xml",
        f"build/{book}.epub",
        html_index(book),
        f"build/{book}.report.html",
    ):
        assert (directory / path).is_file(), f"{path} missing:\n{result.stderr[-3000:]}"


@pytest.mark.parametrize("book", ["mixed-endings", "cut-in-note", "no-headings", "orphans", "markup"])
def test_the_text_is_all_there(
    built: tuple[Path, subprocess.CompletedProcess[str]], raw_book: Path, book: str
) -> None:
    directory, _ = built
    tei, epub = tei_text(directory, book), epub_text(directory, book)[0]
    # Raw line 444, the chapter's first paragraph, and the words of note 1 (raw line 470).
    for words in (
        "The Great October Socialist Revolution took place during the First World War",
        "Collected Works",
    ):
        assert words in tei
        assert words in epub


def test_mixed_line_endings_keep_the_raw_line_numbers(
    built: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    directory, _ = built
    normalised = (directory / "build" / "mixed-endings" / "normalised.txt").read_text(encoding="utf-8")
    raw = (directory / "raw" / "mixed-endings.txt").read_bytes().decode("utf-8")
    assert normalised.count("\n") == len(re.findall(r"\r\n|\r|\n", raw))
    assert "\r" not in normalised


def test_text_cut_in_a_note_keeps_what_is_there(built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    directory, _ = built
    assert "Ibid." in tei_text(directory, "cut-in-note")


def test_text_without_headings_is_one_division(built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    """No heading found: the whole text is one division without a head, its notes linked, and the
    review and the report say so; the HTML edition has one page for it."""
    directory, _ = built
    root = etree.parse(str(directory / "tei" / "no-headings.xml")).getroot()
    (div,) = root.findall(f"{TEI}text/{TEI}body/{TEI}div")
    assert (div.get("type"), div.find(f"{TEI}head")) == ("text", None)
    assert len(div.findall(f".//{TEI}note")) == 3 and not div.findall(f".//{TEI}note[@type='unlinked']")
    tei, epub = tei_text(directory, "no-headings"), epub_text(directory, "no-headings")[0]
    for words in ("On coming to power the Bolsheviks", "This definition of annexation contains"):
        assert words in tei
        assert words in epub
    review = read_log(directory / "build" / "no-headings" / "structure.review.jsonl", Review)
    assert "no_divisions" in {item.rule for item in review}
    assert "no_divisions" in (directory / "build" / "no-headings.report.html").read_text(encoding="utf-8")
    pages = {path.name for path in (directory / html_index("no-headings")).parent.glob("*.html")}
    own = {"index.html", "imprint.html", "colophon.html"}  # the contents page, the edition's own pages
    assert own < pages and len(pages - own) == 1


def test_orphan_note_and_marker_keep_their_text(built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    directory, _ = built
    tei = tei_text(directory, "orphans")
    assert "This note body has no marker anywhere in the chapter." in tei
    assert "A marker without its note stands here." in tei


def test_text_that_looks_like_markup_stays_literal(
    built: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    directory, _ = built
    tei = tei_text(directory, "markup")
    epub, scripts = epub_text(directory, "markup")
    for literal in [*MARKUP, "# not a heading, a hash", "> not a quote"]:
        assert literal in tei, literal
        assert literal in epub, literal
    assert not [script for script in scripts if "alert" in (script.text or "")]
    pages = "".join(
        page.read_text(encoding="utf-8") for page in (directory / html_index("markup")).parent.glob("*.html")
    )
    assert "<script>alert" not in pages
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages


def test_fifty_megabytes_through_normalise(tmp_path: Path, raw_book: Path) -> None:
    """A 50 MB file (the book 37 times over) is decoded and normalised, keeping every raw line.

    Only the first stage runs here, to keep the suite fast; bench/RESULTS.md has the times of the
    later stages on such a file.
    """
    book = raw_book.read_bytes()
    source = tmp_path / "huge.txt"
    source.write_bytes(book * (50_000_000 // len(book) + 1))
    output, changes = tmp_path / "normalised.txt", tmp_path / "normalise.changes.jsonl"
    command = ["--input", str(source), "--output", str(output), "--changes", str(changes)]
    result = subprocess.run(
        [sys.executable, "-m", "pipeline.normalise", *command], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert output.read_bytes().count(b"\n") == source.read_bytes().count(b"\n")
    assert not list(tmp_path.glob(".*.part"))
