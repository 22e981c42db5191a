"""Where a turn's time goes on the Rasa side: the agent in-process, the action server real.

    python -m scripts.bench.profile_turns --model M --action-url URL --action-pid PID \
        [--tracker-url sqlite:///F.db] [--conversation pathfinder|peer|plain] --out F.json

The agent gets the add-ons `python -m bot.addons.rasa_run` gives the server (resilient remote
actions, event type lookup), as both bots' servers have them in the benchmark, and the tracker
store it is given: Pathfinder's embedded SQLite default (`bot.addons.tracker_store`), or, with
no `--tracker-url`, Rasa's in-memory store, the stock bots' default. Pass 1 times the stages
of every turn with wall clocks (one conversation at a time, so the stages never overlap): NLU
(`parse_message`), policies (`_predict_next_with_tracker`), the custom-action round trip
(`RemoteAction.run`), the tracker store (fetch and save) and, inside the save, the database
commit.
Pass 2 runs the same turns under cProfile for the functions that use the most CPU. The action
server (`action_profile`) is told by signal when each pass starts, so its own figures cover
exactly pass 1 and its CPU profile exactly pass 2.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import functools
import inspect
import json
import logging
import os
import pstats
import signal
import time
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

from scripts.bench.load import CONVERSATIONS

MEASURE = signal.SIGUSR2  # action server: start counting (pass 1)
PROFILE = signal.SIGUSR1  # action server: stop counting, start cProfile (pass 2)
STAGES = {
    "nlu": ("rasa.core.processor", "MessageProcessor", "parse_message"),
    "policies": ("rasa.core.processor", "MessageProcessor", "_predict_next_with_tracker"),
    "action_round_trip": ("rasa.core.actions.action", "RemoteAction", "run"),
    "tracker_fetch": ("rasa.core.processor", "MessageProcessor",
                      "fetch_tracker_and_update_session"),
    "tracker_save": ("rasa.core.processor", "MessageProcessor", "save_tracker"),
    "tracker_commit": ("sqlalchemy.engine.default", "DefaultDialect", "do_commit"),
}


def _timed(totals: dict[str, float], stage: str, method: Any) -> Any:
    if inspect.iscoroutinefunction(method):
        @functools.wraps(method)
        async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return await method(*args, **kwargs)
            finally:
                totals[stage] += time.perf_counter() - started
        return async_wrapper

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            totals[stage] += time.perf_counter() - started
    return wrapper


def instrument(totals: dict[str, float]) -> None:
    import importlib

    for stage, (module, cls, name) in STAGES.items():
        owner = getattr(importlib.import_module(module), cls)
        setattr(owner, name, _timed(totals, stage, getattr(owner, name)))


async def _conversations(agent: Any, count: int, offset: int, conversation: str) -> int:
    turns = 0
    for i in range(count):
        sender = f"profile-{uuid.uuid4().hex[:8]}"
        for text in CONVERSATIONS[conversation](offset + i):
            await agent.handle_text(text, sender_id=sender)
            turns += 1
    return turns


def hot_functions(profile: cProfile.Profile, limit: int = 12) -> list[dict[str, Any]]:
    stats = pstats.Stats(profile)
    rows = []
    for (path, line, name), (_, calls, own, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append({"function": f"{Path(path).name}:{line}({name})", "path": path,
                     "calls": calls, "self_s": own, "cumulative_s": cumulative})
    return sorted(rows, key=lambda r: -r["self_s"])[:limit]


async def profile(model: str, action_url: str, action_pid: int, tracker_url: str | None,
                  conversations: int, conversation: str) -> dict[str, Any]:
    from rasa.core.agent import Agent
    from rasa.utils.endpoints import EndpointConfig
    from rasa.utils.log_utils import configure_structlog

    from bot.addons.endpoints import ACTION_ENDPOINT_OPTIONS
    from bot.addons.rasa_run import install
    from bot.addons.tracker_store import ForgettingSQLTrackerStore

    configure_structlog(logging.INFO)  # as `rasa run` does; unconfigured, it prints every event
    install()
    totals: dict[str, float] = defaultdict(float)
    agent = Agent.load(model,
                       action_endpoint=EndpointConfig(url=action_url, **ACTION_ENDPOINT_OPTIONS),
                       tracker_store=ForgettingSQLTrackerStore(host=tracker_url)
                       if tracker_url else None)
    await _conversations(agent, 3, 100, conversation)  # warm-up: lazy loading, first calls
    instrument(totals)
    os.kill(action_pid, MEASURE)
    started = time.perf_counter()
    turns = await _conversations(agent, conversations, 0, conversation)
    wall = time.perf_counter() - started
    stages = dict(totals)
    os.kill(action_pid, PROFILE)
    profiler = cProfile.Profile()
    profiler.enable()
    await _conversations(agent, conversations, 0, conversation)
    profiler.disable()
    return {"turns": turns, "wall_s": wall, "stages_s": stages,
            "hot_functions": hot_functions(profiler)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--action-url", required=True)
    parser.add_argument("--action-pid", type=int, required=True)
    parser.add_argument("--tracker-url", help="SQL tracker store; Rasa's in-memory one if left out")
    parser.add_argument("--conversation", choices=sorted(CONVERSATIONS), default="pathfinder")
    parser.add_argument("--conversations", type=int, default=20)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    result = asyncio.run(
        profile(args.model, args.action_url, args.action_pid, args.tracker_url,
                args.conversations, args.conversation)
    )
    args.out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
