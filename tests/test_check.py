"""The check stage (pipeline/check.py): the official validators on a book's editions, when configured."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.check import main, passed, tei_all_messages
from pipeline.model import InputError

TEI_WITHOUT_HEADER = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>x</p></body></text></TEI>\n'


def test_a_passing_edition_gives_its_line() -> None:
    assert passed(Path("tei/b.xml"), "tei_all", []) == "tei/b.xml: passes tei_all\n"


def test_a_failing_edition_names_its_first_problems() -> None:
    problems = [f"{line}: wrong" for line in range(1, 8)]
    with pytest.raises(InputError) as error:
        passed(Path("build/b.epub"), "EPUBCheck", problems)
    assert str(error.value) == (
        "build/b.epub: fails EPUBCheck: 1: wrong; 2: wrong; 3: wrong; 4: wrong; 5: wrong (and 2 more)"
    )


@pytest.mark.slow
def test_the_committed_tei_passes_and_a_broken_one_stops_the_build(
    tmp_path: Path, repo_root: Path, book_name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert tei_all_messages(repo_root / "tei" / f"{book_name}.xml") == []
    broken = tmp_path / "broken.xml"
    broken.write_text(TEI_WITHOUT_HEADER, encoding="utf-8")
    output = tmp_path / "broken.checks.txt"
    assert main(["--tei", str(broken), "--output", str(output)]) == 1
    assert f"error: {broken}: fails tei_all: 1: " in capsys.readouterr().err
    assert not output.exists()
    assert main(["--tei", str(repo_root / "tei" / f"{book_name}.xml"), "--output", str(output)]) == 0
    assert output.read_text(encoding="utf-8") == f"{repo_root}/tei/{book_name}.xml: passes tei_all\n"


@pytest.mark.parametrize(
    ("content", "expected"),
    [(None, "file not found: run the encode stage first"), ("<TEI>", ":1: not well-formed XML")],
    ids=["missing", "not-xml"],
)
def test_a_tei_that_cannot_be_read_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, expected: str
) -> None:
    tei = tmp_path / "x.xml"
    if content is not None:
        tei.write_text(content, encoding="utf-8")
    assert main(["--tei", str(tei), "--output", str(tmp_path / "checks.txt")]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"error: {tei}") and expected in error and error.count("\n") == 1
    assert not (tmp_path / "checks.txt").exists()
