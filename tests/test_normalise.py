"""Stage normalise: decoding checks, character clean-up, line count kept, change records."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import normalise
from pipeline.model import InputError, read_changes
from pipeline.normalise import decode, excerpt, normalise_file, normalise_text

CURLY = "\u201cquoted\u201d and \u2018single\u2019 and don\u2019t"


def raw_lines(text: str) -> int:
    """Lines as an editor counts them: ended by CR LF, CR or LF."""
    return len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def error_for(tmp_path: Path, data: bytes) -> str:
    path = tmp_path / "book.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        normalise_file(path)
    return str(caught.value)


# --- the real book ----------------------------------------------------------------------------


def test_real_book_keeps_every_line(raw_book: Path) -> None:
    raw = raw_book.read_text(encoding="utf-8")
    text, _ = normalise_file(raw_book)
    assert len(text.split("\n")) == len(raw.split("\n"))


def test_real_excerpt_is_already_clean(raw_book: Path) -> None:
    excerpt_text = "\n".join(raw_book.read_text(encoding="utf-8").split("\n")[:120])
    assert "\u201c" in excerpt_text or "\u201e" in excerpt_text or "*" in excerpt_text
    assert normalise_text(excerpt_text) == (excerpt_text, [])


# --- character clean-up -----------------------------------------------------------------------


def test_curly_quotes_are_kept() -> None:
    assert normalise_text(CURLY) == (CURLY, [])


def test_mojibake_is_repaired_and_logged() -> None:
    text, changes = normalise_text("first line\ndon\u00e2\u20ac\u2122t stop")
    assert text == "first line\ndon\u2019t stop"
    [change] = changes
    assert (change.stage, change.rule, change.line) == ("normalise", "fix_unicode", 2)
    assert change.before == "don\u00e2\u20ac\u2122t stop"
    assert change.after == "don\u2019t stop"
    assert "mojibake" in change.explanation


def test_double_encoded_quotes_become_curly_quotes() -> None:
    text, _ = normalise_text("The \u00e2\u20ac\u0153Decree on Peace\u00e2\u20ac\u009d")
    assert text == "The \u201cDecree on Peace\u201d"


def test_ligatures_and_control_characters() -> None:
    text, changes = normalise_text("\ufb01rst\x07 line")
    assert text == "first line"
    assert [change.rule for change in changes] == ["fix_unicode"]


def test_nfc_composes_accents() -> None:
    text, changes = normalise_text("Cafe\u0301 Milioukov")
    assert text == "Caf\u00e9 Milioukov"
    assert [(change.rule, change.line) for change in changes] == [("normalise_nfc", 1)]


def test_mixed_line_endings_become_lf() -> None:
    text, changes = normalise_text("one\r\ntwo\rthree\nfour\r\n")
    assert text == "one\ntwo\nthree\nfour\n"
    assert [(change.rule, change.line) for change in changes] == [
        ("unify_line_endings", 1),
        ("unify_line_endings", 2),
        ("unify_line_endings", 4),
    ]
    assert changes[0].before == "one\r\n" and changes[0].after == "one\n"
    assert "CR LF" in changes[0].explanation and "(CR)" in changes[1].explanation


def test_whitespace_clean_up_one_change_per_line_and_rule() -> None:
    text, changes = normalise_text(" - 2 *April*\u00a0\u2014 a\t\tb   c  \nok\u2009line\u200b")
    assert text == " - 2 *April* \u2014 a b c\nok line"
    assert [(change.rule, change.line) for change in changes] == [
        ("plain_spaces", 1),
        ("strip_trailing_spaces", 1),
        ("collapse_spaces", 1),
        ("plain_spaces", 2),
    ]
    assert "tab → space" in changes[0].explanation and "no-break space" in changes[0].explanation


@pytest.mark.parametrize(
    "text",
    [
        "a\r\nb\rc\n",
        "entity &#10; inside\nnext",
        "line\u2028separator\u2029here\x85\nx",
        "\n\n  \n\t\n",
        "no final newline",
    ],
)
def test_line_count_never_changes(text: str) -> None:
    normalised, _ = normalise_text(text)
    assert len(normalised.split("\n")) == raw_lines(text)
    assert "\r" not in normalised


def test_changes_are_in_line_order() -> None:
    _, changes = normalise_text("a  b\ncaf\u00c3\u00a9\r\nc\u00a0d")
    assert [change.line for change in changes] == sorted(change.line for change in changes)


def test_excerpt_keeps_context_around_the_change() -> None:
    before = "x" * 100 + "\t" + "y" * 100
    after = "x" * 100 + " " + "y" * 100
    short_before, short_after = excerpt(before, after)
    assert short_before == "…" + "x" * 40 + "\t" + "y" * 40 + "…"
    assert short_after == "…" + "x" * 40 + " " + "y" * 40 + "…"


# --- decoding and bad input -------------------------------------------------------------------


def test_utf8_bom_is_removed_and_logged() -> None:
    text, changes = decode(b"\xef\xbb\xbfSOVIET FOREIGN POLICY\nVolume I", "raw/x.txt")
    assert text == "SOVIET FOREIGN POLICY\nVolume I"
    [change] = changes
    assert (change.rule, change.line, change.after) == ("remove_bom", 1, "SOVIET FOREIGN POLICY")


def test_empty_file(tmp_path: Path) -> None:
    assert error_for(tmp_path, b"").endswith(
        "book.txt: the file is empty: expected the book's OCR text as UTF-8"
    )


def test_whitespace_only_file(tmp_path: Path) -> None:
    assert "book.txt: the file holds only whitespace" in error_for(tmp_path, b" \n\t\r\n\n")


def test_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    message = error_for(tmp_path, b"line one\nline two\x00\x01\x02")
    assert "book.txt:2: binary data, not text: NUL byte at byte offset 17" in message


def test_binary_file_of_control_characters(tmp_path: Path) -> None:
    assert "binary data, not text" in error_for(tmp_path, bytes(range(1, 32)) * 10)


def test_pdf_is_named(tmp_path: Path) -> None:
    assert "this is a PDF document, not a text file" in error_for(tmp_path, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")


def test_latin1_file_names_line_byte_and_encoding(tmp_path: Path) -> None:
    message = error_for(tmp_path, "Contents\nThe café de la Paix\n".encode("cp1252"))
    assert "book.txt:2: not valid UTF-8 (byte 0xE9 at byte offset 16, column 8)" in message
    assert "Windows-1252/Latin-1" in message and "convert it to UTF-8" in message


def test_windows_1251_file_is_recognised(tmp_path: Path) -> None:
    title = "История внешней политики СССР\nТом 1"  # noqa: RUF001 (Cyrillic on purpose)
    message = error_for(tmp_path, title.encode("cp1251"))
    assert "book.txt:1: not valid UTF-8" in message and "Windows-1251" in message


def test_utf8_with_a_stray_latin1_byte(tmp_path: Path) -> None:
    data = "\u201cQuoted\u201d \u2014 and more \u2014 text\n".encode() * 3 + b"caf\xe9\n"
    message = error_for(tmp_path, data)
    assert "book.txt:4: not valid UTF-8" in message and "mostly UTF-8, with 1 invalid byte(s)" in message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_with_bom(tmp_path: Path, encoding: str) -> None:
    data = ("\ufeff" if encoding == "utf-16-be" else "") + "SOVIET FOREIGN POLICY\n"
    message = error_for(tmp_path, data.encode(encoding))
    assert "book.txt: the file is UTF-16 (it starts with a UTF-16 byte-order mark), not UTF-8" in message


def test_utf16_without_bom(tmp_path: Path) -> None:
    message = error_for(tmp_path, "SOVIET FOREIGN POLICY\n".encode("utf-16-le"))
    assert "looks like UTF-16 without a byte-order mark" in message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read the file"):
        normalise_file(tmp_path / "nowhere.txt")


# --- command line -----------------------------------------------------------------------------


def test_cli_writes_text_and_changes(tmp_path: Path) -> None:
    source = tmp_path / "raw" / "b.txt"
    source.parent.mkdir()
    source.write_bytes(b"Title\r\ndon\xc3\xa2\xe2\x82\xac\xe2\x84\xa2t\r\n")
    output, changes = tmp_path / "build" / "b" / "normalised.txt", tmp_path / "build" / "b" / "c.jsonl"
    assert normalise.main(["--input", str(source), "--output", str(output), "--changes", str(changes)]) == 0
    assert output.read_bytes() == "Title\ndon\u2019t\n".encode()
    assert [change.rule for change in read_changes(changes)] == [
        "unify_line_endings",
        "unify_line_endings",
        "fix_unicode",
    ]


def test_cli_reports_bad_input_without_traceback_or_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "b.txt"
    source.write_bytes(b"caf\xe9")
    output = tmp_path / "build" / "normalised.txt"
    status = normalise.main(
        ["--input", str(source), "--output", str(output), "--changes", str(tmp_path / "c")]
    )
    assert status == 1
    error = capsys.readouterr().err
    assert error.startswith(f"error: {source}:1: not valid UTF-8") and "Traceback" not in error
    assert not output.exists() and not list(tmp_path.rglob("*.part"))
