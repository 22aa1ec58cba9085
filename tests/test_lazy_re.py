"""Patterns compiled when first used (pipeline.lazy_re): the same as compiled ones, compiled once."""

from __future__ import annotations

import copy
import importlib
import pickle
import pkgutil
import re
import sys

import pipeline
from pipeline.lazy_re import lazy_compile


def test_a_lazy_pattern_matches_as_the_compiled_one() -> None:
    lazy = lazy_compile(r"(?P<word>[a-z]+)(\d)", re.IGNORECASE)
    compiled = re.compile(r"(?P<word>[a-z]+)(\d)", re.IGNORECASE)
    text = "Page12 and note3, not 4"
    assert lazy.search(text)[0] == compiled.search(text)[0] == "Page1"
    assert lazy.findall(text) == compiled.findall(text)
    assert lazy.sub(r"\2\g<word>", text) == compiled.sub(r"\2\g<word>", text)
    assert [match.span() for match in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.groupindex == compiled.groupindex and lazy.groups == compiled.groups == 2
    assert lazy.flags == compiled.flags and lazy.pattern == compiled.pattern
    assert lazy_compile(rb"\d+").findall(b"a 12 b 3") == [b"12", b"3"]


def test_a_lazy_pattern_is_compiled_at_its_first_use_only() -> None:
    lazy = lazy_compile(r"[a-z]+\d")
    assert lazy.pattern == r"[a-z]+\d" and "search" not in vars(lazy)  # (its source asks no compiling)
    assert lazy.fullmatch("note3")
    search = vars(lazy)["search"]  # (the compiled pattern's own method, kept)
    assert lazy.search is search and lazy.match("x") is None and vars(lazy)["search"] is search


def test_a_lazy_pattern_copied_or_pickled_is_the_compiled_pattern() -> None:
    lazy = lazy_compile(r"\d+", re.ASCII)
    for copied in (copy.deepcopy(lazy), pickle.loads(pickle.dumps(lazy))):
        assert isinstance(copied, re.Pattern) and copied.pattern == r"\d+" and copied.flags & re.ASCII


def test_no_module_of_the_package_compiles_a_pattern_at_import() -> None:
    """Every pattern a module of the pipeline keeps at its top is lazy: a stage compiles only those it
    uses (a module compiling its patterns as it is imported would cost every stage that imports it);
    a library's pattern a module imports (ftfy's) is the library's."""
    compiled_at_import = []
    for module_info in pkgutil.walk_packages(pipeline.__path__, "pipeline."):
        if module_info.name.endswith("__main__"):
            continue
        module = importlib.import_module(module_info.name)
        compiled_at_import += [
            (f"{module_info.name}.{name}", value)
            for name, value in vars(module).items()
            if isinstance(value, re.Pattern)
        ]
    libraries = {
        id(value)
        for name, module in list(sys.modules.items())
        if not name.startswith("pipeline") and module is not None
        for value in vars(module).values()
        if isinstance(value, re.Pattern)
    }
    assert not [name for name, value in compiled_at_import if id(value) not in libraries]
