"""Read a list of flat mappings from YAML together with the line each one starts on.

Line numbers are the provenance of curated data ("curated: en.yaml:42"), so an analyst can go
from a hit straight to the line a person wrote and the note they left there.
"""

from __future__ import annotations

from pathlib import Path

import yaml


def read_rows(path: Path, key: str = "terms") -> tuple[dict[str, str], list[tuple[int, dict[str, str]]]]:
    """Top-level scalar fields and the ``key`` list of mappings with their 1-based line numbers."""
    root = yaml.compose(path.read_text(encoding="utf-8"))
    if not isinstance(root, yaml.MappingNode):
        raise ValueError(f"{path}: expected a mapping at the top level")
    header: dict[str, str] = {}
    rows: list[tuple[int, dict[str, str]]] = []
    for key_node, value_node in root.value:
        name = str(key_node.value)
        if name == key:
            if not isinstance(value_node, yaml.SequenceNode):
                raise ValueError(f"{path}: {key!r} must be a list")
            for item in value_node.value:
                if not isinstance(item, yaml.MappingNode):
                    raise ValueError(f"{path}:{item.start_mark.line + 1}: expected a mapping")
                row = {str(k.value): str(v.value) for k, v in item.value}
                rows.append((item.start_mark.line + 1, row))
        elif isinstance(value_node, yaml.ScalarNode):
            header[name] = str(value_node.value)
    return header, rows
