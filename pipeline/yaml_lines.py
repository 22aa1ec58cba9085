"""Reading the editor's YAML files: bounded in their aliases, and where a value stands, so that an
error about it can name the line."""

from __future__ import annotations

from typing import Any

import yaml

YamlPath = tuple[str | int, ...]  # keys and list indices from the document's root
MAX_ALIASES = 100  # an editor's file needs a few, if any
MAX_ALIAS_VALUES = 10_000  # values the aliases stand for, all told: beyond, a small file expands to gigabytes


class AliasLimitError(yaml.MarkedYAMLError):
    """A document refused for its aliases, at the alias that crossed a limit (``line``, 1-based)."""

    def __init__(self, problem: str, mark: yaml.Mark) -> None:
        super().__init__(problem=problem, problem_mark=mark)
        self.line = mark.line + 1


class BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing while it composes the document (so in time linear in the file):
    more than :data:`MAX_ALIASES` aliases, an alias inside the value it names, or aliases standing
    for more than :data:`MAX_ALIAS_VALUES` values in all (each counted with the aliases inside it)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.aliases = 0
        self.alias_values = 0
        self.sizes: dict[int, int] = {}  # id of a finished node → its values with aliases expanded

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if not self.check_event(yaml.AliasEvent):
            return super().compose_node(parent, index)
        mark = self.peek_event().start_mark
        node = super().compose_node(parent, index)
        self.aliases += 1
        if node is None or node.end_mark is None:  # (a collection's end is set when it is finished)
            raise AliasLimitError("an alias inside the value it names", mark)
        self.alias_values += expanded_size(node, self.sizes)
        if self.aliases > MAX_ALIASES:
            raise AliasLimitError(f"more than {MAX_ALIASES} aliases (*name)", mark)
        if self.alias_values > MAX_ALIAS_VALUES:
            raise AliasLimitError(
                f"the aliases (*name) stand for more than {MAX_ALIAS_VALUES:,} values", mark
            )
        return node


def expanded_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """How many values ``node`` holds, itself included, each alias in it counted as what it names
    (``sizes`` remembers each node's, so a node shared by many aliases is counted once)."""
    if id(node) not in sizes:
        children: list[Any] = node.value if isinstance(node, yaml.CollectionNode) else []
        nodes = [part for child in children for part in (child if isinstance(child, tuple) else (child,))]
        sizes[id(node)] = 1 + sum(expanded_size(child, sizes) for child in nodes)
    return sizes[id(node)]


def load(text: str) -> tuple[Any, yaml.Node | None]:
    """The data of the YAML ``text`` and its node tree (for line numbers), read by :class:`BoundedLoader`;
    raise :class:`yaml.YAMLError` if it is not valid YAML or its aliases exceed the limits."""
    loader = BoundedLoader(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    finally:
        loader.dispose()


def key_line(node: yaml.Node, path: YamlPath) -> int | None:
    """1-based line of the key (or list item) at ``path`` in the YAML node tree, if it is there."""
    line = None
    for part in path:
        if isinstance(node, yaml.MappingNode):
            match = next(((key, value) for key, value in node.value if key.value == str(part)), None)
            if match is None:
                break
            line, node = match[0].start_mark.line + 1, match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line
