"""Where a value stands in a YAML file, so that an error about it can name the line."""

from __future__ import annotations

import yaml

YamlPath = tuple[str | int, ...]  # keys and list indices from the document's root


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
