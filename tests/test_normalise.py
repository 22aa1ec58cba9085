"""Stage normalise: decoding checks, character clean-up, line count kept, change records."""

from __future__ import annotations

from pathlib import Path
from re import _constants as sre
from re import _parser
from typing import Any

import ftfy
import pytest
from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES, is_bad
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import normalise
from pipeline.model import Change, InputError, read_log
from pipeline.normalise import (
    DOUBLE_SPACE,
    FTFY_CONFIG,
    MOJIBAKE_REACH,
    TRAILING_SPACE,
    decode,
    excerpt,
    fix_unicode,
    ftfy_leaves_alone,
    lines_matching,
    looks_like_mojibake,
    normalise_file,
    normalise_nfc,
    normalise_text,
)

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


def test_a_form_feed_opening_a_line_stays_a_page_break() -> None:
    text, changes = normalise_text("end of a page.\n\f4  ENGLISH MANUFACTURES\nnext\fpage")
    assert text == "end of a page.\n\f4 ENGLISH MANUFACTURES\nnext page"
    assert [(change.rule, change.line) for change in changes] == [("collapse_spaces", 2), ("plain_spaces", 3)]


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


# --- looking only where a rule can change a line ---------------------------------------------

# Real lines of the book (raw lines 54, 648, 1428, 4081) and the same lines garbled as OCR tools
# garble them: UTF-8 read as Windows-1252, ligatures, full-width letters, control characters.
REAL_LINES = [
    "**\u201e\u0418\u0441\u0442\u043e\u0440\u0438\u044f \u0432\u043d\u0435\u0448\u043d\u0435\u0439 "
    "\u043f\u043e\u043b\u0438\u0442\u0438\u043a\u0438 \u0421\u0421\u0421\u0420\u201d,",
    "On behalf of the Iranian government its charg\u00e9 d'affaires in Petro-",
    "\u00b3\u2079 *Vierteljahreshefte f\u00fcr Zeitgeschichte*, I. Heft, Stuttgart, 1968, S. 80.",
    "\u2078\u2070 ARCOS\u2014the Anglo-Russian Cooperative Society set up to regulate trade",
]
GARBLED_LINES = [
    *(line.encode().decode("sloppy-windows-1252") for line in REAL_LINES),  # ftfy's codec
    "\ufb01nal \uff21RCOS\x07 report",
    "its charg\u00c3\u00a9\u00a0d'affaires",
    "\x1b[31mARCOS\x1b[0m \u0085",
    "carriage\rreturn",  # only when fix_unicode runs on its own, before line endings are unified
    "word \u00c3\u0152",  # mojibake of \u00cc at a line's end: ftfy leaves it alone in a line by itself
]


def ftfy_line_by_line(text: str) -> str:
    """fix_unicode's result by its definition: ftfy on every line (slow, for comparison)."""
    return "\n".join(
        ftfy.fix_and_explain(line, FTFY_CONFIG)[0].replace("\r", " ") for line in text.split("\n")
    )


def test_lines_matching_finds_each_line_once() -> None:
    text = "a  b   c\nclean line\n  indented  twice \nlast "
    assert lines_matching(text, DOUBLE_SPACE) == [0, 2]
    assert lines_matching(text, TRAILING_SPACE) == [2, 3]
    assert lines_matching("clean\ntext", DOUBLE_SPACE) == []


def test_fix_unicode_is_ftfy_on_every_line() -> None:
    text = "\n".join(REAL_LINES + GARBLED_LINES)
    fixed, changes = fix_unicode(text)
    assert fixed == ftfy_line_by_line(text)
    assert [change.line for change in changes] == list(range(5, len(REAL_LINES + GARBLED_LINES)))
    assert fixed.split("\n")[: len(REAL_LINES) * 2] == REAL_LINES * 2


@pytest.mark.slow
def test_fix_unicode_is_ftfy_on_every_line_of_the_book(raw_book: Path) -> None:
    text = raw_book.read_text(encoding="utf-8")
    assert fix_unicode(text)[0] == ftfy_line_by_line(text)


def test_ftfy_looks_at_real_lines_only_where_it_may_change_them() -> None:
    assert [ftfy_leaves_alone(line) for line in REAL_LINES] == [True] * len(REAL_LINES)
    assert [ftfy_leaves_alone(line) for line in GARBLED_LINES[:-1]] == [False] * (len(GARBLED_LINES) - 1)


@pytest.mark.parametrize(
    ("line", "bad"),
    [
        ("x \u00c3 y", True),  # a letter and a space before "\u00c3 ": two characters before the run
        ("1 \u00c3 y", False),
        ("\u00c3 at the start", True),
        ("\u0413\u045e\u0412\u0402\u0412.a", True),  # ".a" after the Cyrillic run: two characters after it
        ("\u0413\u045e\u0412\u0402\u0412.", False),
    ],
)
def test_mojibake_at_the_edge_of_the_heuristic_s_reach(line: str, bad: bool) -> None:
    assert looks_like_mojibake(line) == is_bad(line) == bad


def matches_only_non_ascii(op: object, argument: Any) -> bool:
    """Whether an item of a parsed regular expression can match non-ASCII characters only."""
    if op is sre.LITERAL:
        return argument > 0x7F
    if op is sre.IN:
        return all(
            (kind is sre.LITERAL and value > 0x7F) or (kind is sre.RANGE and value[0] > 0x7F)
            for kind, value in argument
        )
    return False


def test_mojibake_heuristic_has_the_shape_looks_like_mojibake_relies_on() -> None:
    """Each alternative of the installed ftfy's pattern: a run of items matching non-ASCII characters
    only, with at most MOJIBAKE_REACH one-character items either side, no look-around, no end anchor."""
    [(branch, (_, alternatives))] = _parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags).data
    assert branch is sre.BRANCH
    for alternative in alternatives:
        items = list(alternative.data)
        if items[0] == (sre.AT, sre.AT_BEGINNING):
            items = items[1:]  # "^": the line's start, as in a search from a run's reach
        for op, argument in items:
            optional = op is sre.MAX_REPEAT and argument[:2] == (0, 1) and len(argument[2]) == 1
            assert op in (sre.LITERAL, sre.IN, sre.ANY) or optional, alternative
        core = [index for index, item in enumerate(items) if matches_only_non_ascii(*item)]
        assert core and core == list(range(core[0], core[-1] + 1)), alternative
        assert core[0] <= MOJIBAKE_REACH and len(items) - 1 - core[-1] <= MOJIBAKE_REACH, alternative


# Characters ftfy's mojibake heuristic looks for, in the ranges' first and last, with ASCII and
# other characters around them.
MOJIBAKE_CHARACTERS = sorted(set("".join(MOJIBAKE_CATEGORIES.values()) + "\u00c3\u00c2\u0152\u0153"))
AROUND = [*"aZ .,!?1\t", "\u00a0", "\u2074", "\u2014", "\u00e9", "\u0436"]
LINES = st.text(alphabet=st.sampled_from(MOJIBAKE_CHARACTERS + AROUND * 4), max_size=12)


@settings(max_examples=3000, deadline=None)
@given(LINES)
def test_looking_around_non_ascii_runs_finds_what_ftfy_finds(line: str) -> None:
    assert looks_like_mojibake(line) == is_bad(line)


FIXABLE = ["\ufb01", "\uff21", "\u3000", "\x07", "\x1b", "\x85", "\ufeff", "\u0133", "\r"]


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from(MOJIBAKE_CHARACTERS + AROUND * 4 + FIXABLE), max_size=12))
def test_lines_ftfy_leaves_alone_are_left_alone(line: str) -> None:
    if ftfy_leaves_alone(line):
        assert ftfy.fix_and_explain(line, FTFY_CONFIG)[0] == line


def test_nfc_changes_only_the_lines_not_in_nfc() -> None:
    text = "\n".join([REAL_LINES[1], "Cafe\u0301 de la Paix", REAL_LINES[2]])
    fixed, changes = normalise_nfc(text)
    assert fixed.split("\n") == [REAL_LINES[1], "Caf\u00e9 de la Paix", REAL_LINES[2]]
    assert [change.line for change in changes] == [2]
    assert normalise_nfc(fixed) == (fixed, [])


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
    assert [change.rule for change in read_log(changes, Change)] == [
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
