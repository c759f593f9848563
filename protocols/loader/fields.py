"""Strict readers for protocol data: every fault becomes a ProtocolError naming file, key path and line."""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NoReturn

KeyPath = tuple[str | int, ...]


def key_path_format(path: KeyPath, names: Mapping[KeyPath, str] | None = None) -> str:
    """Spell a key path the way a reader finds it, e.g. maneuvers.fair.accuracy[0].lr_pos.

    `names` gives the code of list items that have one, so `maneuvers[6]` reads `maneuvers.fair`.
    """
    out = ""
    for end, part in enumerate(path, start=1):
        name = (names or {}).get(path[:end])
        if name is not None or not isinstance(part, int):
            out += f".{name or part}" if out else str(name or part)
        else:
            out += f"[{part}]"
    return out or "(top level)"


class ProtocolError(ValueError):
    """A protocol file or mapping that must not be used; the message says where and why."""

    def __init__(
        self,
        origin: str,
        path: KeyPath,
        problem: str,
        line: int | None = None,
        names: Mapping[KeyPath, str] | None = None,
    ) -> None:
        self.origin = origin
        self.path = path
        self.problem = problem
        self.line = line
        where = f"{origin}, line {line}" if line else origin
        super().__init__(f"{where}: {key_path_format(path, names)}: {problem}")


@dataclass(frozen=True, slots=True)
class Fields:
    """Read values out of parsed data, failing on the first fault with its location."""

    origin: str
    lines: Mapping[KeyPath, int]
    names: dict[KeyPath, str] = field(default_factory=dict)  # list item path -> its code, for messages

    def fail(self, path: KeyPath, problem: str) -> NoReturn:
        raise ProtocolError(self.origin, path, problem, self._line(path), self.names)

    def coded_items(
        self, value: Any, path: KeyPath, code_pattern: re.Pattern[str], what: str
    ) -> Iterator[tuple[str, dict[str, Any], KeyPath]]:
        """Yield (code, item, path) for a list of mappings that each carry a distinct `code`."""
        seen: set[str] = set()
        for index, item in enumerate(self.sequence(value, path)):
            item_path = (*path, index)
            body = self.mapping(item, item_path)
            if "code" not in body:
                self.fail((*item_path, "code"), "missing key 'code'")
            code = self.text(body["code"], (*item_path, "code"))
            if not code_pattern.match(code):
                self.fail((*item_path, "code"), f"{code!r} is not a valid {what} code")
            if code in seen:
                self.fail((*item_path, "code"), f"{what} {code!r} is defined twice")
            seen.add(code)
            self.names[item_path] = code
            yield code, body, item_path

    def _line(self, path: KeyPath) -> int | None:
        # A missing key has no line of its own: point at the nearest enclosing key that exists.
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return None

    def mapping(
        self, value: Any, path: KeyPath, required: Collection[str] | None = None, optional: Collection[str] = ()
    ) -> dict[str, Any]:
        """Return a mapping; with `required`, reject unknown keys and report missing ones."""
        if not isinstance(value, dict):
            self.fail(path, f"expected a mapping, got {_kind(value)}")
        for key in value:
            if not isinstance(key, str):
                self.fail(path, f"keys must be text, got {key!r}")
        if required is None:
            return value
        for key in value:
            if key not in required and key not in optional:
                self.fail((*path, key), f"unknown key {key!r}")
        for key in required:
            if key not in value:
                self.fail((*path, key), f"missing key {key!r}")
        return value

    def sequence(self, value: Any, path: KeyPath) -> list[Any]:
        if not isinstance(value, list):
            self.fail(path, f"expected a list, got {_kind(value)}")
        return value

    def text(self, value: Any, path: KeyPath, *, nullable: bool = False) -> Any:
        if value is None and nullable:
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(path, f"expected non-empty text, got {_kind(value)}")
        return value.strip()

    def flag(self, value: Any, path: KeyPath) -> bool:
        if not isinstance(value, bool):
            self.fail(path, f"expected true or false, got {_kind(value)}")
        return value

    def count(self, value: Any, path: KeyPath) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.fail(path, f"expected a whole number of at least 1, got {value!r}")
        return value

    def number(self, value: Any, path: KeyPath, *, kind: str, nullable: bool = False) -> Any:
        """Return a float; kind "prob" is [0, 1], "open_prob" is (0, 1), "lr" is > 0."""
        if value is None and nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            self.fail(path, f"expected a number, got {_kind(value)}")
        number = float(value)
        if kind == "prob" and not 0 <= number <= 1:
            self.fail(path, f"a probability must lie in [0, 1], got {value}")
        if kind == "open_prob" and not 0 < number < 1:
            self.fail(path, f"a prior probability must lie strictly between 0 and 1, got {value}")
        if kind == "lr" and number <= 0:
            self.fail(path, f"a likelihood ratio or factor must be greater than 0, got {value}")
        return number

    def choice[E: StrEnum](self, value: Any, path: KeyPath, enum: type[E]) -> E:
        allowed = [member.value for member in enum]
        if value not in allowed:
            self.fail(path, f"{value!r} is not one of: {', '.join(allowed)}")
        return enum(value)

    def reference(self, value: Any, path: KeyPath, known: Collection[str], what: str, *, nullable: bool = False) -> Any:
        """Return a code that must name something defined elsewhere in the protocol."""
        if value is None and nullable:
            return None
        if not isinstance(value, str) or value not in known:
            self.fail(path, f"unknown {what} {value!r}")
        return value

    def code_list(self, value: Any, path: KeyPath, *, known: Collection[str] | None, what: str) -> tuple[str, ...]:
        """Return a list of distinct codes, each defined in `known` (any lowercase code when None)."""
        items = self.sequence(value, path)
        for index, item in enumerate(items):
            if known is None:
                if not isinstance(item, str) or not item or not item.replace("_", "").isalnum() or not item.islower():
                    self.fail((*path, index), f"{item!r} is not a lowercase {what} code")
            else:
                self.reference(item, (*path, index), known, what)
            if items.index(item) != index:
                self.fail((*path, index), f"{what} {item!r} is listed twice")
        return tuple(items)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    return f"{type(value).__name__} {value!r}" if not isinstance(value, dict | list) else type(value).__name__
