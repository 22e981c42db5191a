"""Drive a bot with whole conversations over REST at a given concurrency, and sum up."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

import aiohttp
import requests

TURN_TIMEOUT = 60.0
FAMILIARITY = '/inform_familiarity{"familiarity": "%s"}'
ROLES = (
    "I'm a reporting radiographer and we use an AI tool that flags fractures",
    "I'm a data scientist and I build machine learning models for the trust",
    "I'm the clinical safety officer and I keep the hazard log for our AI triage tool",
    "As CCIO I lead our AI strategy and sign off business cases for AI tools",
    "I'm a practice nurse and our surgery uses an AI tool to flag high-risk patients",
)
GREETINGS = ("hello", "hi there", "good morning", "hey")
TERMS = ("what is automation bias?", "what does explainability mean?",
         "what is a large language model?", "what is algorithmic bias?")
LEVELS = ("new", "some", "experienced")


def pathfinder_conversation(i: int) -> list[str]:
    """Greeting, role description, confirmation, familiarity (the plan), a glossary question."""
    return [GREETINGS[i % 4], ROLES[i % 5], "yes", FAMILIARITY % LEVELS[i % 3], TERMS[i % 4]]


PLAN_TURN = 3


def stock_conversation(i: int) -> list[str]:
    """The `rasa init` bots' equivalent: greeting, mood, answer, bot challenge, goodbye."""
    mood = ("I am sad", "I feel very sad", "I am unhappy", "not good")[i % 4]
    return [GREETINGS[i % 4], mood, "yes", "are you a bot?", ("bye", "goodbye")[i % 2]]


# Each bot's conversation, by the bot's label in the benchmark.
CONVERSATIONS = {"pathfinder": pathfinder_conversation, "peer": stock_conversation,
                 "plain": stock_conversation}


@dataclass
class LevelResult:
    bot: str
    concurrency: int
    latencies: list[float] = field(default_factory=list)
    by_turn: dict[int, list[float]] = field(default_factory=dict)
    errors: int = 0
    seconds: float = 0.0

    @property
    def turns(self) -> int:
        return len(self.latencies) + self.errors

    def merge(self, other: LevelResult) -> None:
        self.latencies += other.latencies
        for index, values in other.by_turn.items():
            self.by_turn.setdefault(index, []).extend(values)
        self.errors += other.errors
        self.seconds += other.seconds

    def percentile(self, q: float, values: Sequence[float] | None = None) -> float:
        data = sorted(self.latencies if values is None else values)
        if not data:
            return float("nan")
        rank = max(0, min(len(data) - 1, round(q / 100 * len(data) + 0.5) - 1))
        return data[rank]

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


async def _conversation(session: aiohttp.ClientSession, url: str, turns: list[str],
                        result: LevelResult) -> None:
    sender = f"bench-{uuid.uuid4().hex[:12]}"
    for index, text in enumerate(turns):
        started = time.perf_counter()
        try:
            async with session.post(url, json={"sender": sender, "message": text}) as response:
                body = await response.json(content_type=None)
                ok = response.status == 200 and isinstance(body, list) and bool(body)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
            ok = False
        if ok:
            elapsed = time.perf_counter() - started
            result.latencies.append(elapsed)
            result.by_turn.setdefault(index, []).append(elapsed)
        else:
            result.errors += 1


async def _drive(url: str, conversations: list[list[str]], concurrency: int,
                 result: LevelResult) -> None:
    queue: asyncio.Queue[list[str]] = asyncio.Queue()
    for turns in conversations:
        queue.put_nowait(turns)
    timeout = aiohttp.ClientTimeout(total=TURN_TIMEOUT)
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:

        async def worker() -> None:
            while not queue.empty():
                await _conversation(session, url, queue.get_nowait(), result)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        result.seconds = time.perf_counter() - started


def run_level(bot: str, server_url: str, conversations: list[list[str]],
              concurrency: int) -> LevelResult:
    """Run `conversations` through `concurrency` simultaneous clients."""
    result = LevelResult(bot, concurrency)
    url = f"{server_url}/webhooks/rest/webhook"
    asyncio.run(_drive(url, conversations, concurrency, result))
    return result


def reply(server_url: str, sender: str, text: str, timeout: float = 120) -> list[dict]:
    """One turn over REST: the bot's messages."""
    response = requests.post(f"{server_url}/webhooks/rest/webhook",
                             json={"sender": sender, "message": text}, timeout=timeout)
    response.raise_for_status()
    return response.json()


def check_plan_flow(server_url: str) -> None:
    """Refuse to measure unless the familiarity turn really builds a plan (a plan payload)."""
    sender = f"check-{uuid.uuid4().hex[:8]}"
    for index, text in enumerate(pathfinder_conversation(0)):
        messages = reply(server_url, sender, text)
        if index == PLAN_TURN and not any("custom" in m for m in messages):
            raise RuntimeError(f"turn {index + 1} ({text!r}) built no plan: {messages!r:.400}")


def first_reply(server_url: str, text: str = "hello", timeout: float = 120) -> None:
    """Send one message and insist on a reply (for the cold-start figure)."""
    response = requests.post(f"{server_url}/webhooks/rest/webhook",
                             json={"sender": f"cold-{uuid.uuid4().hex[:8]}", "message": text},
                             timeout=timeout)
    if response.status_code != 200 or not response.json():
        raise RuntimeError(f"no first reply from {server_url}: {response.status_code} "
                           f"{response.text[:200]}")
