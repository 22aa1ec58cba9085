"""Regular expressions compiled when first used: the patterns a module defines at its top.

A stage's process imports far more patterns than it asks (each module's, the text knowledge every
stage shares), and Python compiles a pattern in 0.05-2 ms: the stages spent 5-30 ms each compiling
patterns at import, about half of them never used by that stage (``python -m pipeline.render``
compiled 140 and used 10). A pattern made by :func:`lazy_compile` is compiled at its first use; from
then on its methods are those of the compiled pattern itself, found as fast as on it. (No package
kept up offers this; it takes a few lines.)
"""

from __future__ import annotations

import re
from typing import Any, AnyStr, cast

# what a compiled pattern offers (its attributes, Python 3.11), copied onto the stand-in once compiled
PATTERN_ATTRIBUTES = (
    "search", "match", "fullmatch", "split", "findall", "finditer", "sub", "subn", "scanner",
    "flags", "groups", "groupindex",
)  # fmt: skip


class _LazyPattern:
    """A stand-in for ``re.compile(pattern, flags)`` until an attribute other than ``pattern`` is
    asked of it."""

    def __init__(self, pattern: str | bytes, flags: int) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("pattern", "_flags"):  # (asked before __init__: a copy)
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags)
        self.__dict__.update((attribute, getattr(compiled, attribute)) for attribute in PATTERN_ATTRIBUTES)
        return getattr(compiled, name)

    def __reduce__(self) -> tuple[Any, tuple[str | bytes, int]]:
        return re.compile, (self.pattern, self._flags)

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r}, {self._flags})"


def lazy_compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, compiled when first used (a module's patterns, at its top).
    It is a compiled pattern to everything but ``isinstance``, the ``re`` module's functions (call its
    methods: ``PATTERN.search(text)``, not ``re.search(PATTERN, text)``) and identity: a match's
    ``re`` is the compiled pattern, not this stand-in (tell which pattern matched by the match kept
    from each)."""
    return cast(re.Pattern[AnyStr], _LazyPattern(pattern, flags))
