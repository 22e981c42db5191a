"""The action server, measured: time in each action, time in SQL, and a CPU profile.

    python -m scripts.bench.action_profile --port N --out result.json

Runs the real `actions` package in rasa_sdk's server. SQL statements are timed with
SQLAlchemy's cursor events and commits around the dialect's `do_commit`; each action call is
timed around `ActionExecutor.run`. Counting
starts at SIGUSR2; SIGUSR1 stops it and starts cProfile (see `profile_turns`). The JSON is
written when the server is stopped (SIGINT or SIGTERM).
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import json
import signal
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.engine.default import DefaultDialect

from scripts.bench.profile_turns import MEASURE, PROFILE, hot_functions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    from rasa_sdk import endpoint
    from rasa_sdk.executor import ActionExecutor

    sql = {"statements": 0, "seconds": 0.0, "commits": 0, "commit_seconds": 0.0}
    actions: dict[str, list[float]] = defaultdict(list)
    counting = {"on": False}
    profiler = cProfile.Profile()

    def measure(*_: Any) -> None:
        sql.update(statements=0, seconds=0.0, commits=0, commit_seconds=0.0)
        actions.clear()
        counting["on"] = True

    def start_profile(*_: Any) -> None:
        counting["on"] = False
        profiler.enable()

    signal.signal(MEASURE, measure)
    signal.signal(PROFILE, start_profile)

    @event.listens_for(Engine, "before_cursor_execute")
    def _before(conn: Any, *_: Any) -> None:
        conn.info["bench_started"] = time.perf_counter()

    @event.listens_for(Engine, "after_cursor_execute")
    def _after(conn: Any, *_: Any) -> None:
        elapsed = time.perf_counter() - conn.info.pop("bench_started")
        if counting["on"]:
            sql["statements"] += 1
            sql["seconds"] += elapsed

    do_commit = DefaultDialect.do_commit

    @functools.wraps(do_commit)
    def timed_commit(self: DefaultDialect, dbapi_connection: Any) -> None:
        started = time.perf_counter()
        try:
            do_commit(self, dbapi_connection)
        finally:
            if counting["on"]:
                sql["commits"] += 1
                sql["commit_seconds"] += time.perf_counter() - started

    DefaultDialect.do_commit = timed_commit  # type: ignore[method-assign]
    original = ActionExecutor.run

    @functools.wraps(original)
    async def timed_run(self: ActionExecutor, action_call: dict[str, Any]) -> Any:
        started = time.perf_counter()
        try:
            return await original(self, action_call)
        finally:
            if counting["on"]:
                actions[action_call.get("next_action", "?")].append(
                    time.perf_counter() - started)

    ActionExecutor.run = timed_run  # type: ignore[method-assign]
    try:
        endpoint.run("actions", port=args.port)
    finally:
        profiler.disable()
        args.out.write_text(json.dumps({
            "sql": sql,
            "actions": {name: {"calls": len(v), "seconds": sum(v)} for name, v in actions.items()},
            "hot_functions": hot_functions(profiler),
        }, indent=2))


if __name__ == "__main__":
    main()
