"""Stage ``normalise``: decode the raw OCR text and clean up its characters, line by line.

Raw lines are the lines an editor sees in ``raw/<book>.txt``: they end at ``\\r\\n``, ``\\r``
or ``\\n``. The output has exactly as many lines, so raw line numbers stay valid downstream.

Each clean-up is a small pure function ``rule(text) -> (text, changes)`` that logs one
:class:`~pipeline.model.Change` per line it touched. A rule looks only at the lines it can
change, found by one search of the whole text, so a clean book passes quickly.
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

import ftfy
from ftfy.badness import BADNESS_RE
from ftfy.chardata import CONTROL_CHARS, LIGATURES, WIDTH_MAP

from pipeline.cli import exit_stage, run_stage
from pipeline.lazy_re import lazy_compile
from pipeline.model import Change, InputError, atomic_output, changed_span, write_log
from pipeline.model.records import CONTEXT_CHARS
from pipeline.text.punctuation import FORM_FEED

STAGE = "normalise"
UTF8_BOM = b"\xef\xbb\xbf"
LINE_BREAK = lazy_compile(r"(\r\n|\r|\n)")
NEWLINE = "\n"
MAX_ROUNDS = 3  # rounds of the rules over changed lines; in practice one more round finds nothing

FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,  # "&amp;" in a book is text, and must stay so
    uncurl_quotes=False,  # curly quotes are the book's typography, not mojibake
    fix_line_breaks=False,  # line breaks are handled here, so the line count never changes
    normalization=None,  # NFC is its own logged rule
    explain=True,
)
FTFY_STEPS = {
    "remove_terminal_escapes": "terminal colour codes removed",
    "restore_byte_a0": "mojibake with a lost no-break space repaired",
    "replace_lossy_sequences": "unrecoverable mojibake replaced by �",
    "decode_inconsistent_utf8": "mojibake repaired: UTF-8 read as Windows-1252 (â€\u2122 → \u2019)",
    "fix_c1_controls": "C1 control characters read as Windows-1252 (e.g. U+0085 → …)",
    "fix_latin_ligatures": "ligatures spelled out (e.g. ﬁ → fi)",
    "fix_character_width": "full-width letters made ordinary (e.g. \uff21 → A)",
    "fix_surrogates": "broken UTF-16 surrogate pairs joined",
    "remove_control_chars": "invisible control characters removed",
}
ODD_SPACES = {
    "\t": "tab",
    "\v": "vertical tab",
    "\f": "form feed",
    "\u00a0": "no-break space",
    "\u1680": "Ogham space",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
    "\u202f": "narrow no-break space",
    "\u205f": "math space",
    "\u3000": "ideographic space",
    **{chr(code): f"U+{code:04X} space" for code in range(0x2000, 0x200B)},
}
ZERO_WIDTH = {"\u200b": "zero-width space", "\ufeff": "zero-width no-break space (stray BOM)"}
PLAIN_SPACES = {ord(char): " " for char in ODD_SPACES} | {ord(char): None for char in ZERO_WIDTH}

# Where each per-line rule can change a line: a match of its pattern in the line (none spans a line break).
NOT_PRINTABLE_ASCII = lazy_compile(r"[^\x20-\x7e\n]")
NON_ASCII = lazy_compile(r"[^\x00-\x7f]")  # text of ASCII characters only is already NFC
ODD_SPACE = lazy_compile("[" + re.escape("".join(ODD_SPACES | ZERO_WIDTH)) + "]")
TRAILING_SPACE = lazy_compile(" $", re.MULTILINE)
DOUBLE_SPACE = lazy_compile("  ")

# The characters ftfy's character fixes (with FTFY_CONFIG) replace or remove: C1 controls
# (fix_c1_controls), lone surrogates (fix_surrogates), ligatures, full-width forms and control
# characters (translation tables of fix_latin_ligatures, fix_character_width, remove_control_chars;
# the escape that starts a terminal colour code is a control character); and "\r", which
# _fix_unicode turns into a space.
FTFY_CHARACTER = lazy_compile(
    "[\r\x80-\x9f\ud800-\udfff" + re.escape("".join(map(chr, CONTROL_CHARS | LIGATURES | WIDTH_MAP))) + "]"
)
NON_ASCII_RUN = lazy_compile(r"[^\x00-\x7f]+")
MOJIBAKE_REACH = 2  # characters a match of ftfy's mojibake heuristic takes either side of non-ASCII ones

BINARY_SIGNATURES = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (DOCX, ODT or EPUB?)",
    b"\x1f\x8b": "a gzip archive",
    b"{\\rtf": "an RTF document",
}

Rule = Callable[[str], tuple[str, list[Change]]]


def excerpt(before: str, after: str) -> tuple[str, str]:
    """Shorten two versions of a line to the changed part with ``CONTEXT_CHARS`` characters around it."""
    start, end = changed_span(before, after)
    left = max(0, start - CONTEXT_CHARS)
    prefix = "…" if left else ""

    def cut(text: str) -> str:
        right = len(text) - max(0, end - CONTEXT_CHARS)
        return prefix + text[left:right] + ("…" if right < len(text) else "")

    return cut(before), cut(after)


def lines_matching(text: str, pattern: re.Pattern[str]) -> list[int]:
    """0-based numbers of the lines of ``text`` in which ``pattern`` matches, by one search of the text.

    ``pattern`` must not match across a line break, so that a match in the text is a match in a line.
    """
    numbers: list[int] = []
    number = line_start = 0
    while match := pattern.search(text, line_start):
        number += text.count(NEWLINE, line_start, match.start())
        numbers.append(number)
        line_end = text.find(NEWLINE, match.end())
        if line_end < 0:
            break
        number, line_start = number + 1, line_end + 1  # go on from the next line
    return numbers


def per_line(rule: str, fix: Callable[[str], tuple[str, str]], candidates: re.Pattern[str]) -> Rule:
    """Make a rule from ``fix(line) -> (new_line, explanation)``: one change per changed line.

    ``fix`` only sees the lines in which ``candidates`` matches: it must leave every other line as it is.
    """

    def apply(text: str) -> tuple[str, list[Change]]:
        indexes = lines_matching(text, candidates)
        if not indexes:
            return text, []
        lines = text.split(NEWLINE)
        changes: list[Change] = []
        for index in indexes:
            line = lines[index]
            fixed, explanation = fix(line)
            if fixed != line:
                before, after = excerpt(line, fixed)
                changes.append(Change(STAGE, rule, index + 1, before, after, explanation))
                lines[index] = fixed
        return (NEWLINE.join(lines) if changes else text), changes

    apply.__name__ = rule
    return apply


def unify_line_endings(text: str) -> tuple[str, list[Change]]:
    """Turn Windows (``\\r\\n``) and old Mac (``\\r``) line endings into ``\\n``."""
    if "\r" not in text:
        return text, []
    pieces = LINE_BREAK.split(text)
    changes: list[Change] = []
    for index in range(1, len(pieces), 2):
        ending = pieces[index]
        if ending != "\n":
            line = pieces[index - 1]
            kind = "Windows (CR LF)" if ending == "\r\n" else "old Mac (CR)"
            before, after = excerpt(line + ending, line + "\n")
            changes.append(
                Change(STAGE, "unify_line_endings", index // 2 + 1, before, after, f"{kind} line ending → LF")
            )
            pieces[index] = "\n"
    return "".join(pieces), changes


def explain_ftfy(steps: Sequence[tuple[str, str]]) -> str:
    """Say in words what ftfy did, from its explanation steps."""
    codecs = [parameter for action, parameter in steps if action in ("encode", "decode")]
    words = [
        f"mojibake repaired: {decoded} text had been read as {encoded}"
        for encoded, decoded in zip(codecs[::2], codecs[1::2], strict=False)
    ]
    words += [
        FTFY_STEPS.get(parameter, parameter)
        for action, parameter in steps
        if action not in ("encode", "decode")
    ]
    return "ftfy: " + "; ".join(dict.fromkeys(words))


def looks_like_mojibake(line: str) -> bool:
    """``ftfy.badness.is_bad(line)``: does ftfy's heuristic see mojibake, which ftfy then tries to decode?

    Each alternative of the heuristic's pattern (``ftfy.badness.BADNESS_RE``) matches a run of
    non-ASCII characters with at most ``MOJIBAKE_REACH`` characters either side, and has no
    look-around and no anchor but ``^`` (tests check this on the installed ftfy). So a search
    around each run of non-ASCII characters finds what a search of the whole line finds, without
    trying the pattern's 37 alternatives at every ASCII letter; ``^`` still matches only at the
    line's start, as a search from a later position does not match it there.
    """
    return any(
        BADNESS_RE.search(line, max(0, run.start() - MOJIBAKE_REACH), run.end() + MOJIBAKE_REACH)
        for run in NON_ASCII_RUN.finditer(line)
    )


def ftfy_leaves_alone(line: str) -> bool:
    """True if ``ftfy.fix_and_explain(line, FTFY_CONFIG)`` would return ``line`` as it is.

    With FTFY_CONFIG, ftfy changes text only by decoding mojibake, which it tries only where its
    heuristic sees some (:func:`looks_like_mojibake`), or by character fixes that replace or remove
    given characters (FTFY_CHARACTER); when a round of its fixes changes nothing, ftfy stops.
    """
    return not FTFY_CHARACTER.search(line) and not looks_like_mojibake(line)


def _fix_unicode(line: str) -> tuple[str, str]:
    if ftfy_leaves_alone(line):
        return line, ""
    fixed, steps = ftfy.fix_and_explain(line, FTFY_CONFIG)
    # Keep the line count, whatever ftfy did.
    fixed = fixed.replace("\r", " ").replace("\n", " ")
    return fixed, explain_ftfy(steps or [])


def _nfc(line: str) -> tuple[str, str]:
    return unicodedata.normalize("NFC", line), "Unicode NFC: letters and combining accents composed"


def _plain_spaces(line: str) -> tuple[str, str]:
    """Odd spaces made plain, but for a form feed opening the line: a page break the readers read."""
    page_break = FORM_FEED if line.startswith(FORM_FEED) else ""
    rest = line[len(page_break) :]
    fixed = page_break + rest.translate(PLAIN_SPACES)
    if fixed == line:
        return line, ""
    found = [f"{name} → space" for char, name in ODD_SPACES.items() if char in rest]
    found += [f"{name} removed" for char, name in ZERO_WIDTH.items() if char in line]
    return fixed, "odd spaces: " + ", ".join(found)


def _strip_trailing(line: str) -> tuple[str, str]:
    return line.rstrip(" "), "trailing spaces removed"


def _collapse_spaces(line: str) -> tuple[str, str]:
    indent = len(line) - len(line.lstrip(" "))
    return line[:indent] + re.sub(r" {2,}", " ", line[indent:]), "repeated spaces between words made one"


fix_unicode = per_line("fix_unicode", _fix_unicode, NOT_PRINTABLE_ASCII)
_normalise_nfc_lines = per_line("normalise_nfc", _nfc, NON_ASCII)
plain_spaces = per_line("plain_spaces", _plain_spaces, ODD_SPACE)
strip_trailing_spaces = per_line("strip_trailing_spaces", _strip_trailing, TRAILING_SPACE)
collapse_spaces = per_line("collapse_spaces", _collapse_spaces, DOUBLE_SPACE)


def normalise_nfc(text: str) -> tuple[str, list[Change]]:
    """Compose letters and combining accents (Unicode NFC), one change per line changed.

    A line break never composes with its neighbours, so a text is in NFC exactly when each of its
    lines is: a text in NFC, the usual case, is passed without looking at its lines.
    """
    if unicodedata.is_normalized("NFC", text):
        return text, []
    return _normalise_nfc_lines(text)


RULES: list[Rule] = [
    unify_line_endings,
    fix_unicode,
    normalise_nfc,
    plain_spaces,
    strip_trailing_spaces,
    collapse_spaces,
]


def _line_and_column(data: bytes, offset: int) -> tuple[int, int]:
    """1-based raw line and character column of the byte at ``offset``."""
    head = data[:offset].decode("utf-8", errors="replace")
    lines = LINE_BREAK.split(head)[::2]
    return len(lines), len(lines[-1]) + 1


def _guess_encoding(data: bytes) -> tuple[str, str]:
    """Describe what the non-UTF-8 file probably is, and name its encoding for ``iconv``."""
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd")
    if sum(1 for char in text if char > "\x7f" and char != "\ufffd") > invalid:
        return f"mostly UTF-8, with {invalid} invalid byte(s) pasted from another encoding; fix those", ""
    high = sum(1 for byte in data if byte >= 0x80)
    letters = sum(1 for byte in data if byte >= 0x80 or chr(byte).isalpha())
    if high > 0.3 * letters:  # Cyrillic words are runs of high bytes; Western accents are isolated ones
        return "like a Cyrillic 8-bit encoding (Windows-1251?)", "WINDOWS-1251"
    return "like Windows-1252/Latin-1", "WINDOWS-1252"


def _convert_hint(path: str, encoding: str) -> str:
    return f"convert it to UTF-8, e.g. iconv -f {encoding} -t UTF-8 {path} > converted.txt"


# Control bytes other than tabs, line and page breaks: many of them mean binary data.
CONTROL_BYTES = bytes(byte for byte in range(0x20) if byte not in b"\t\n\r\f\v")


def check_bytes(data: bytes, path: str) -> None:
    """Raise :class:`InputError` unless ``data`` can be a UTF-8 text file."""
    if not data:
        raise InputError(path, "the file is empty: expected the book's OCR text as UTF-8")
    for bom, name in (
        (b"\xff\xfe\x00\x00", "UTF-32"),
        (b"\x00\x00\xfe\xff", "UTF-32"),
        (b"\xff\xfe", "UTF-16"),
        (b"\xfe\xff", "UTF-16"),
    ):
        if data.startswith(bom):
            raise InputError(
                path,
                f"the file is {name} (it starts with a {name} byte-order mark), not UTF-8; "
                + _convert_hint(path, name),
            )
    for signature, kind in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise InputError(
                path, f"this is {kind}, not a text file: export the OCR text as UTF-8 plain text"
            )
    if b"\x00" in data:
        sample = data[:4096]
        if sample.count(b"\x00") * 3 > len(sample):
            raise InputError(
                path,
                "the file looks like UTF-16 without a byte-order mark, not UTF-8; "
                + _convert_hint(path, "UTF-16LE"),
            )
        offset = data.index(b"\x00")
        line, _ = _line_and_column(data, offset)
        raise InputError(path, f"binary data, not text: NUL byte at byte offset {offset}", line)
    controls = len(data) - len(data.translate(None, CONTROL_BYTES))
    if controls * 10 > len(data):
        raise InputError(
            path, f"binary data, not text: {controls} of {len(data)} bytes are control characters"
        )
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _line_and_column(data, error.start)
        guess, encoding = _guess_encoding(data)
        hint = f" — {_convert_hint(path, encoding)}" if encoding else ""
        raise InputError(
            path,
            f"not valid UTF-8 (byte 0x{data[error.start]:02X} at byte offset {error.start}, "
            f"column {column}); the file looks {guess}{hint}",
            line,
        ) from None


def decode(data: bytes, path: str) -> tuple[str, list[Change]]:
    """Decode ``data`` strictly as UTF-8, dropping (and logging) a UTF-8 byte-order mark."""
    check_bytes(data, path)
    changes: list[Change] = []
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
        first_line = LINE_BREAK.split(data[:200].decode("utf-8", errors="ignore"), maxsplit=1)[0]
        changes.append(
            Change(
                STAGE,
                "remove_bom",
                1,
                "\ufeff" + first_line[:CONTEXT_CHARS],
                first_line[:CONTEXT_CHARS],
                "UTF-8 byte-order mark (U+FEFF) removed from the start of the file",
            )
        )
    text = data.decode("utf-8")
    if not text.strip():
        raise InputError(path, "the file holds only whitespace: expected the book's OCR text")
    return text, changes


def _apply_rules(text: str) -> tuple[str, list[Change]]:
    changes: list[Change] = []
    for rule in RULES:
        text, found = rule(text)
        changes.extend(found)
    return text, changes


def normalise_text(text: str) -> tuple[str, list[Change]]:
    """Apply every rule in order; changes are sorted by raw line (then by rule order).

    One clean-up can make another possible (a tab made a space completes a mojibake sequence), so
    the lines that changed go through the rules again until they stay as they are: normalised text
    comes out of a second run unchanged.
    """
    text, changes = _apply_rules(text)
    pending = sorted({change.line for change in changes})
    for _ in range(MAX_ROUNDS):
        if not pending:
            break
        lines = text.split(NEWLINE)
        again, found = _apply_rules(NEWLINE.join(lines[number - 1] for number in pending))
        for number, line in zip(pending, again.split(NEWLINE), strict=True):
            lines[number - 1] = line
        for change in found:
            change.line = pending[change.line - 1]
        changes.extend(found)
        pending = sorted({change.line for change in found})
        text = NEWLINE.join(lines)
    changes.sort(key=lambda change: change.line)
    return text, changes


def normalise_file(source: str | Path) -> tuple[str, list[Change]]:
    """Read, check and normalise one raw book file."""
    try:
        data = Path(source).read_bytes()
    except OSError as error:
        raise InputError(source, f"cannot read the file: {error.strerror}") from None
    text, changes = decode(data, str(source))
    text, more = normalise_text(text)
    return text, changes + more


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input", required=True, help="raw OCR text, raw/<book>.txt")
    parser.add_argument("--output", required=True, help="normalised text, build/<book>/normalised.txt")
    parser.add_argument("--changes", required=True, help="change log, build/<book>/normalise.changes.jsonl")


def _work(args: argparse.Namespace) -> str:
    text, changes = normalise_file(args.input)
    with atomic_output(args.output) as handle:
        handle.write(text)
    write_log(args.changes, changes)
    return f"{args.input}: {text.count(NEWLINE) + 1} lines, {len(changes)} changes"


def main(argv: list[str] | None = None) -> int:
    return run_stage(STAGE, _configure, _work, argv)


if __name__ == "__main__":
    exit_stage(main())
