"""Stage ``suspects``: words that are likely OCR misreadings, ranked for the editor.

A word of the repaired text is a suspect when it is

* not an English word (word-frequency list), and
* not used elsewhere in the book, or used far less often than a spelling within a small edit
  distance (``Schullenburg`` twice beside ``Schulenburg`` ten times), and
* not a plausible name: a capitalised word is taken for a name unless a word of the book's own
  vocabulary is within a small edit distance of it;

or when it is a capitalised rare English word used once beside a much more frequent book word
(``Iden`` beside ``Eden``),
or when it keeps a hyphen that looks like a line-end hyphen the repairs missed: the hyphenated form
occurs once, and the joined form is used elsewhere in the book (``Stomon-yakov``) or the hyphen
splits a name before an ending many of the book's names share (``Zubov-sky``).

Each suspect has its context, raw line and, where one stands out, a suggested correction: the
book's most frequent word within the edit distance. Suspects whose word is the ``sic`` of an entry of
the corrections file are marked ``confirmed``. Suspects with a suggestion rank first.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence, Set
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from pipeline.cli import run_stage
from pipeline.model import Block, read_stage_input, write_json
from pipeline.model.records import CONTEXT_CHARS
from pipeline.text.words import WORD_RE, english_zipf

STAGE = "suspects"
# An English word is one the frequency list knows at all (zipf 1 = once per 100 million words).
ENGLISH_ZIPF = 1.0
# Suggestions come from the book's words used at least this often.
SUGGESTION_MIN_COUNT = 2
# A word the book spells otherwise at least this many times as often is a minority spelling.
MINORITY_RATIO = 3
# A rare English word (below this frequency) used once is suspect when a book word this many times
# as frequent is one edit away ("Iden" beside "Eden").
RARE_ENGLISH_ZIPF = 3.0
RARE_WORD_RATIO = 10
# A hyphen before a name ending shared by this many of the book's names splits a name (Zubov-sky).
NAME_ENDING_MIN_NAMES = 3
INFLECTIONS = ("s", "es", "d", "ed", "n", "r", "er", "ly")
MIN_LENGTH = 4  # shorter tokens are abbreviations, initials, numerals
POSSESSIVE_RE = re.compile(r"['\u2019]s$")


@dataclass
class Suspect:
    """A word an editor should check, where it stands, and what it probably should be."""

    word: str
    kind: str  # "unknown_word", "residual_hyphen" or "rare_word"
    line: int
    context: str
    suggestion: str | None
    confirmed: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def edit_distance(a: str, b: str, limit: int) -> int:
    """Edit distance (with adjacent transpositions) of ``a`` and ``b``; ``limit + 1`` if over ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _deletions(word: str, depth: int) -> set[str]:
    """Every string made by deleting up to ``depth`` characters of ``word``.

    Built level by level: each level deletes one more character from the strings of the level before.
    """
    variants, level = {word}, {word}
    for _ in range(depth):
        level = {text[:k] + text[k + 1 :] for text in level for k in range(len(text))}
        variants |= level
    return variants


def _max_distance(word: str) -> int:
    return 1 if len(word) <= 6 else 2


class Vocabulary:
    """The book's words (case folded) with their counts, searchable by edit distance."""

    def __init__(self, counts: Counter[str]) -> None:
        self.counts = counts
        self.index: dict[str, set[str]] = defaultdict(set)
        for word, count in counts.items():
            if count >= SUGGESTION_MIN_COUNT and "-" not in word:
                for variant in _deletions(word, _max_distance(word)):
                    self.index[variant].add(word)

    def nearest(self, word: str, limit: int, min_count: int = 0) -> str | None:
        """The most frequent word of the book within edit distance ``limit`` of ``word``.

        Only words used at least ``min_count`` times are considered (``None`` if none is close).
        """
        candidates = {
            found
            for variant in _deletions(word, limit)
            for found in self.index.get(variant, ())
            if self.counts[found] >= min_count
        }
        close = [c for c in candidates if c != word and edit_distance(word, c, limit) <= limit]
        return max(close, key=lambda c: (self.counts[c], c)) if close else None


def _tokenise(blocks: Sequence[Block]) -> list[list[str]]:
    """Each block's word tokens (as written), in order.

    The tokens are interned: equal tokens are one string, so the lists of a long book hold
    references to its distinct words rather than a copy of each use.
    """
    return [list(map(sys.intern, WORD_RE.findall(block.text))) for block in blocks]


def _count_tokens(block_tokens: Iterable[list[str]]) -> Counter[str]:
    """How often each word token is used (``block_tokens`` from :func:`_tokenise`), in order of first use."""
    tokens: Counter[str] = Counter()
    for found in block_tokens:
        tokens.update(found)
    return tokens


def _uses(
    blocks: Sequence[Block], block_tokens: Sequence[list[str]], tokens: Set[str]
) -> Iterator[tuple[Block, re.Match[str]]]:
    """Where each of ``tokens`` is used, in book order (``block_tokens``: each block's tokens)."""
    for block, found in zip(blocks, block_tokens, strict=True):
        if not tokens.isdisjoint(found):
            for match in WORD_RE.finditer(block.text):
                if match.group() in tokens:
                    yield block, match


def _base(word: str) -> str:
    return POSSESSIVE_RE.sub("", word).lower()


def _context(text: str, start: int, end: int) -> str:
    return " ".join(text[max(0, start - CONTEXT_CHARS) : end + CONTEXT_CHARS].split())


def _match_case(suggestion: str, word: str) -> str:
    if word[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


class NameEndings:
    """The book's capitalised words by their last 3 and 4 letters, to count the names sharing an ending."""

    def __init__(self, counts: Counter[str], originals: dict[str, str]) -> None:
        self.capitalised: dict[str, list[str]] = defaultdict(list)
        for word in counts:
            if "-" not in word and originals[word][:1].isupper():
                for size in (3, 4):
                    if len(word) > size + 2:
                        self.capitalised[word[-size:]].append(word)

    def names(self, ending: str) -> int:
        """How many of the book's names (capitalised, not English) end with ``ending``."""
        return sum(english_zipf(word) < ENGLISH_ZIPF for word in self.capitalised.get(ending, ()))


def _verdict(
    token: str, counts: Counter[str], vocabulary: Vocabulary, endings: NameEndings
) -> tuple[str, str | None] | None:
    """``(kind, suggestion)`` if ``token`` is suspect, else ``None``."""
    word = _base(token)
    if "-" in word:
        return _hyphen_verdict(token, word, counts, endings)
    if len(word) < MIN_LENGTH or token.isupper():
        return None
    if counts[word] == 1:
        return _single_use_verdict(token, word, counts, vocabulary)
    return _minority_verdict(token, word, counts, vocabulary)


def _hyphen_verdict(
    token: str, word: str, counts: Counter[str], endings: NameEndings
) -> tuple[str, str | None] | None:
    """A hyphenated word used once is suspect when its joined form is a book word or it splits a name."""
    if counts[word] != 1:
        return None
    joined = word.replace("-", "")
    left, right = word.rsplit("-", 1)
    if counts[joined] > 0 or (
        token[:1].isupper()
        and english_zipf(left) < RARE_ENGLISH_ZIPF
        and endings.names(right) >= NAME_ENDING_MIN_NAMES
    ):
        return "residual_hyphen", _match_case(joined, token)
    return None


def _single_use_verdict(
    token: str, word: str, counts: Counter[str], vocabulary: Vocabulary
) -> tuple[str, str | None] | None:
    """A word used once is suspect when it is not English and not a name, or rare beside a frequent word."""
    zipf = english_zipf(word)
    if zipf >= RARE_ENGLISH_ZIPF:
        return None
    close = vocabulary.nearest(word, 1)
    if close and _is_inflection(word, close):
        return None
    if zipf < ENGLISH_ZIPF:
        nearest = close or vocabulary.nearest(word, _max_distance(word))
        if nearest and _is_inflection(word, nearest):
            return None
        if nearest or token[:1].islower():
            return "unknown_word", _match_case(nearest, token) if nearest else None
        return None
    if close and counts[close] >= RARE_WORD_RATIO and token[:1].isupper():
        return "rare_word", _match_case(close, token)
    return None


def _minority_verdict(
    token: str, word: str, counts: Counter[str], vocabulary: Vocabulary
) -> tuple[str, str | None] | None:
    """A word used more than once is suspect when it is not English and a close spelling is far more frequent.

    The frequent spelling is looked for first: most words have none, and need no frequency look-up.
    """
    close = vocabulary.nearest(word, 1, min_count=MINORITY_RATIO * counts[word])
    if close is None or _is_inflection(word, close) or english_zipf(word) >= ENGLISH_ZIPF:
        return None
    return "unknown_word", _match_case(close, token)


def _is_inflection(word: str, other: str) -> bool:
    """Whether one word is the other with an inflectional ending (commissariat, commissariats)."""
    short, long = sorted((word, other), key=len)
    return long.startswith(short) and long[len(short) :] in INFLECTIONS


def find_suspects(blocks: Sequence[Block], confirmed: Iterable[str] = ()) -> list[Suspect]:
    """The suspect words of the book, best candidates first."""
    block_tokens = _tokenise(blocks)
    tokens = _count_tokens(block_tokens)
    counts: Counter[str] = Counter()
    originals: dict[str, str] = {}  # each word as first written
    for token, count in tokens.items():
        word = _base(token)
        counts[word] += count
        originals.setdefault(word, token)
    vocabulary = Vocabulary(counts)
    endings = NameEndings(counts, originals)
    verdicts: dict[str, tuple[str, str | None]] = {}
    for token in tokens:
        verdict = _verdict(token, counts, vocabulary, endings)
        if verdict:
            verdicts[token] = verdict
    sics = set(confirmed)
    suspects = []
    for block, match in _uses(blocks, block_tokens, verdicts.keys()):
        token = match.group()
        kind, suggestion = verdicts[token]
        suspects.append(
            Suspect(
                token,
                kind,
                block.raw_line(match.start()),
                _context(block.text, match.start(), match.end()),
                suggestion,
                any(POSSESSIVE_RE.sub("", token) in sic for sic in sics),
            )
        )
    suspects.sort(
        key=lambda s: (
            s.suggestion is None,
            -counts[_base(s.suggestion or "")] / counts[_base(s.word)],
            s.line,
        )
    )
    return suspects


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input", required=True, help="repaired blocks, build/<book>/repaired.json")
    parser.add_argument("--corrections", required=True, help="raw/<book>.corrections.yaml (may be missing)")
    parser.add_argument("--output", required=True, help="the suspects, build/<book>/suspects.json")


def _work(args: argparse.Namespace) -> str:
    blocks = [Block.from_dict(block) for block in read_stage_input(args.input, "repair")["blocks"]]
    if Path(args.corrections).exists():
        # Imported only when there is a file: it loads the YAML and JSON Schema libraries.
        from pipeline.corrections import load_corrections

        entries = load_corrections(args.corrections).entries
    else:
        entries = []
    suspects = find_suspects(blocks, [entry.sic for entry in entries])
    confirmed = sum(suspect.confirmed for suspect in suspects)
    write_json(
        args.output,
        {"suspects": [s.to_dict() for s in suspects], "corrections": len(entries), "confirmed": confirmed},
    )
    return f"{args.output}: {len(suspects)} suspects, {confirmed} confirmed, {len(entries)} corrections"


def main(argv: list[str] | None = None) -> int:
    return run_stage(STAGE, _configure, _work, argv)


if __name__ == "__main__":
    raise SystemExit(main())
