"""How a problem in the catalogue is described: file, entry, field path and plain words.

Pydantic's own messages are written for programmers ("value is not a valid dict"); editors of
the catalogue get `offerings.yml: topol_digital_fellowship: level: 7 is not a whole number
from 1 to 4` instead, with the value they wrote quoted back wherever it helps.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

_ABSENT = object()
# Pydantic error types, in the words an editor of the catalogue needs.
_WORDS = {
    "value_error.missing": "required, but missing",
    "value_error.extra": "unknown field",
    "type_error.none.not_allowed": "is empty",
    "type_error.str": "must be text",
    "value_error.any_str.min_length": "must not be empty",
    "value_error.str.regex": "must be a lower-case snake_case key",
    "type_error.list": "must be a list",
    "value_error.list.min_items": "must list at least one entry",
    "type_error.dict": "must be a mapping of names to values",
    "value_error.strictbool": "must be true or false",
    "type_error.integer": "must be a whole number",
    "type_error.unhashable": "must be a single value",
}
# Pydantic's untyped errors, told apart by their message.
_UNTYPED = {"expected dict": "type_error.dict", "unhashable": "type_error.unhashable"}
_QUOTE_GIVEN = set(_WORDS) - {"value_error.missing", "value_error.extra",
                              "type_error.none.not_allowed"}


@dataclass(frozen=True)
class Problem:
    file: str
    item: str  # the entry's key (or "item 3"), or where in the file
    message: str
    field: str = ""  # the path inside the entry, e.g. "personas[2].staff_groups[1]"

    def __str__(self) -> str:
        parts = (self.file, self.item, self.field, self.message)
        return ": ".join(p for p in parts if p)


class ContentError(Exception):
    """The content has problems; `problems` lists every one found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def validation_problems(
    file: str, item: str, raw: Any, model: type[BaseModel], error: ValidationError
) -> list[Problem]:
    """One problem per pydantic error in validating `raw` (one entry) as `model`."""
    problems = []
    for detail in error.errors():
        loc = tuple(step for step in detail["loc"] if step not in ("__root__", "__key__"))
        path, given = _walk(raw, loc)
        problems.append(Problem(file, item, _message(detail, given, model, loc), path))
    return problems


def _message(detail: dict, given: Any, model: type[BaseModel], loc: tuple) -> str:
    kind, ctx = detail["type"], detail.get("ctx", {})
    if kind == "type_error":
        kind = next((k for words, k in _UNTYPED.items() if words in detail["msg"]), kind)
    if kind == "value_error.const":
        allowed = ", ".join(str(p) for p in ctx["permitted"])
        return f"{ctx['given']!r} is not one of: {allowed}"
    if kind == "value_error.extra":
        close = difflib.get_close_matches(str(loc[-1]), _field_names(model, loc), n=1)
        return _WORDS[kind] + (f"; did you mean '{close[0]}'?" if close else "")
    if kind not in _WORDS:
        return detail["msg"]
    if kind in _QUOTE_GIVEN and given is not _ABSENT:
        return f"{_WORDS[kind]}, not {given!r}"
    return _WORDS[kind]


def _walk(raw: Any, loc: tuple) -> tuple[str, Any]:
    """`loc` as an editor reads it (mapping keys joined by dots, list positions counted from
    1), and the value the entry holds there."""
    path, node = "", raw
    for step in loc:
        if isinstance(node, list) and isinstance(step, int):
            path += f"[{step + 1}]"
            node = node[step] if step < len(node) else _ABSENT
        else:
            path += f".{step}" if path else str(step)
            node = node.get(step, _ABSENT) if isinstance(node, dict) else _ABSENT
    return path, node


def _field_names(model: type[BaseModel], loc: tuple) -> list[str]:
    """The fields allowed where `loc` ends, found by following `loc` through nested models."""
    for step in loc[:-1]:
        field = model.__fields__.get(step) if isinstance(step, str) else None
        if field is not None and isinstance(field.type_, type) \
                and issubclass(field.type_, BaseModel):
            model = field.type_
        elif field is not None:
            return []
    return list(model.__fields__)
