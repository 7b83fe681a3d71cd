"""Problems an author can make, each with its location in the scenario file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import yaml

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a scenario, located by its path and, when known, its line."""

    path: Path
    message: str
    line: int | None = None

    @property
    def location(self) -> str:
        """The path in the readable form `issues[2].options[0].points`."""
        text = ""
        for part in self.path:
            text += f"[{part}]" if isinstance(part, int) else f".{part}"
        return text.lstrip(".") or "(top level)"

    def render(self, source: str) -> str:
        """Render as `file:line: location: message`."""
        where = f"{source}:{self.line}" if self.line else source
        return f"{where}: {self.location}: {self.message}"

    def to_json(self, source: str) -> dict[str, object]:
        """Return the JSON form used by `sparring lint --json`."""
        return {
            "file": source,
            "line": self.line,
            "location": self.location,
            "message": self.message,
        }


class LineFinder:
    """Map a path in a YAML document to the line where it is written."""

    def __init__(self, text: str) -> None:
        try:
            self._root: yaml.Node | None = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            self._root = None

    def line(self, path: Sequence[str | int]) -> int | None:
        """Return the 1-based line of the deepest node of the path that exists."""
        node = self._root
        if node is None:
            return None
        for part in path:
            child = self._child(node, part)
            if child is None:
                break
            node = child
        return node.start_mark.line + 1

    @staticmethod
    def _child(node: yaml.Node, part: str | int) -> yaml.Node | None:
        if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            return node.value[part] if 0 <= part < len(node.value) else None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if str(key.value) == str(part):
                    return value  # type: ignore[no-any-return]
        return None
