"""The processor's debug-only copies: skipped while debug lines are dropped, made when written."""

from __future__ import annotations

import ast
import inspect
import logging
import textwrap
from collections.abc import Iterator

import pytest
import rasa.core.processor as processor
import structlog

from bot.addons import debug_copies


@pytest.fixture
def structlog_level() -> Iterator[None]:
    saved = structlog.get_config()
    yield
    structlog.configure(**saved)


def _copy_uses(tree: ast.AST) -> list[ast.Attribute]:
    return [n for n in ast.walk(tree)
            if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
            and n.value.id == "copy"]


def _debug_log_arguments(tree: ast.AST) -> set[int]:
    """ids of the expressions passed to a `structlogger.debug(...)` call."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "debug" and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "structlogger"):
            found.update(id(k.value) for k in node.keywords)
            found.update(id(a) for a in node.args)
    return found


def test_every_copy_in_rasas_processor_is_a_debug_log_argument() -> None:
    tree = ast.parse(inspect.getsource(processor))
    uses = _copy_uses(tree)
    assert uses, "Rasa's processor no longer uses copy: the add-on has nothing to do"
    assert {u.attr for u in uses} == {"deepcopy"}
    logged = _debug_log_arguments(tree)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and n.func in uses]
    assert len(calls) == len(uses)
    assert all(id(call) in logged for call in calls)


def test_no_copy_while_debug_lines_are_dropped(structlog_level: None) -> None:
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.INFO))
    events = [{"event": "slot", "value": ["a"]}]
    assert not debug_copies.debug_written()
    assert debug_copies.deepcopy_if_logged(events) is events


def test_a_real_copy_when_debug_lines_are_written(structlog_level: None) -> None:
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.DEBUG))
    events = [{"event": "slot", "value": ["a"]}]
    copied = debug_copies.deepcopy_if_logged(events)
    assert copied == events
    assert copied is not events and copied[0]["value"] is not events[0]["value"]


def test_installed_the_processor_copies_through_the_add_on() -> None:
    debug_copies.install()
    assert processor.copy.deepcopy is debug_copies.deepcopy_if_logged


def test_rasas_slot_log_does_nothing_but_write_a_debug_line() -> None:
    """Its statements only bind local names, and the one call made for its effect is the log."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(debug_copies._RASA_LOG_SLOTS)))
    body = tree.body[0].body  # type: ignore[attr-defined]
    effects = [n.value for n in ast.walk(ast.Module(body=body, type_ignores=[]))
               if isinstance(n, ast.Expr) and isinstance(n.value, ast.Call)]
    assert [(e.func.value.id, e.func.attr) for e in effects] == [("structlogger", "debug")]
    targets = [t for n in ast.walk(tree) if isinstance(n, (ast.Assign, ast.AugAssign))
               for t in (n.targets if isinstance(n, ast.Assign) else [n.target])]
    assert targets and all(isinstance(t, ast.Name) for t in targets)


def test_slots_are_logged_only_when_debug_lines_are_written(
        structlog_level: None, monkeypatch: pytest.MonkeyPatch) -> None:
    logged: list[object] = []
    monkeypatch.setattr(debug_copies, "_RASA_LOG_SLOTS", logged.append)
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.INFO))
    debug_copies.log_slots_if_logged("tracker")  # type: ignore[arg-type]
    assert logged == []
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.DEBUG))
    debug_copies.log_slots_if_logged("tracker")  # type: ignore[arg-type]
    assert logged == ["tracker"]


def test_installed_the_processor_logs_slots_through_the_add_on() -> None:
    debug_copies.install()
    assert processor.MessageProcessor._log_slots is debug_copies.log_slots_if_logged
