"""Drive many conversations at once and check, from the tracker store, that none lost a turn.

A client that gets no answer (its server died mid-request) does what a careful channel does:
it looks at the conversation store before resending, so a message the dead server had already
processed is not processed twice.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import requests
from sqlalchemy import text
from sqlalchemy.engine import Engine

from knowledge.people.identity import rest_conversation

# each turn and the one action the bot must answer it with
EXPECTED_ACTION = {
    "/greet": "action_greet",
    "/help": "action_help",
    "/bot_challenge": "utter_iamabot",
    "/thank": "utter_you_are_welcome",
    "/goodbye": "utter_goodbye",
}
TURNS = ("/greet", "/help", "/bot_challenge", "/thank", "/greet", "/goodbye")
ATTEMPTS = 4


@dataclass
class Tally:
    """What happened across all conversations (shared by the client threads)."""

    sent: int = 0
    resent: int = 0
    answered_elsewhere: int = 0  # processed by a server that died before replying
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, **counts: int) -> None:
        with self.lock:
            for name, n in counts.items():
                setattr(self, name, getattr(self, name) + n)


def user_turns(engine: Engine, sender: str) -> int:
    with engine.connect() as conn:
        return conn.execute(
            text("SELECT count(*) FROM events WHERE sender_id = :s AND type_name = 'user'"),
            {"s": rest_conversation(sender)},
        ).scalar_one()


def deliver(
    engine: Engine, urls: Sequence[str], sender: str, turn: int, message: str, tally: Tally
) -> list[dict]:
    """Send turn number `turn` (0-based), failing over along `urls`, exactly once."""
    tally.add(sent=1)
    for attempt in range(ATTEMPTS):
        url = urls[min(attempt, len(urls) - 1)]
        try:
            response = requests.post(
                f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": message},
                timeout=120,
            )
            if response.status_code == 200:
                return response.json()
        except requests.RequestException:
            pass
        if user_turns(engine, sender) > turn:
            tally.add(answered_elsewhere=1)
            return []
        tally.add(resent=1)
        time.sleep(0.2)
    raise AssertionError(f"turn {turn} of {sender} was not delivered after {ATTEMPTS} attempts")


def conversation_problems(engine: Engine, sender: str, turns: Sequence[str]) -> list[str]:
    """Everything wrong with the stored conversation: lost, repeated or out-of-order turns."""
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT type_name, action_name, data FROM events WHERE sender_id = :s "
                 "ORDER BY id"),
            {"s": rest_conversation(sender)},
        ).all()
    said: list[str] = []
    answers: list[list[str]] = []
    bot_messages: list[int] = []
    for type_name, action_name, data in rows:
        if type_name == "user":
            said.append(json.loads(data)["text"])
            answers.append([])
            bot_messages.append(0)
        elif said and type_name == "action" and action_name != "action_listen":
            answers[-1].append(action_name)
        elif said and type_name == "bot":
            bot_messages[-1] += 1
    problems = []
    if said != list(turns):
        problems.append(f"{sender}: said {said}, expected {list(turns)}")
    for message, actions, bots in zip(said, answers, bot_messages, strict=True):
        if actions != [EXPECTED_ACTION.get(message)] or bots < 1:
            problems.append(f"{sender}: {message!r} answered by {actions} with {bots} message(s)")
    return problems


def run_all(jobs: Sequence[Callable[[], None]], timeout: float) -> list[BaseException]:
    """Start every job in its own thread at once; returns the errors they raised."""
    errors: list[BaseException] = []
    start = threading.Barrier(len(jobs))

    def wrapped(job: Callable[[], None]) -> None:
        start.wait()
        try:
            job()
        except BaseException as err:  # noqa: BLE001 - reported by the caller
            errors.append(err)

    threads = [threading.Thread(target=wrapped, args=(j,), daemon=True) for j in jobs]
    for t in threads:
        t.start()
    deadline = time.monotonic() + timeout
    for t in threads:
        t.join(timeout=max(0.0, deadline - time.monotonic()))
    if any(t.is_alive() for t in threads):
        errors.append(TimeoutError(f"conversations still running after {timeout} s"))
    return errors
