"""The atomic Redis lock store: mutual exclusion across processes, and no lock outlives its use.

Rasa 3.6's stock RedisLockStore fails the first test (lost updates, then a deadlock with two
processes: docs/deploy.md); this one must pass it every time.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import time

import pytest
import redis
from rasa.utils.endpoints import EndpointConfig

from bot.addons.lock_store import AtomicRedisLockStore
from tests.support.redis import shared_redis

PROCESSES = 3
SECTIONS = 25


@pytest.fixture
def url() -> str:
    return shared_redis().fresh_url()


def _hammer(url: str, worker: int) -> None:
    """Increment a counter with a deliberately racy read-sleep-write, under the lock."""

    async def run() -> None:
        store = AtomicRedisLockStore(EndpointConfig(url=url, wait_time=0.005))
        red = redis.Redis.from_url(url)
        for _ in range(SECTIONS):
            async with store.lock("one-conversation"):
                inside = red.incr("inside")
                red.set("max-inside", max(int(red.get("max-inside") or 0), inside))
                value = int(red.get("counter") or 0)
                await asyncio.sleep(0.001)
                red.set("counter", value + 1)
                red.decr("inside")

    asyncio.run(run())


def test_processes_never_hold_the_lock_together(url: str) -> None:
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_hammer, args=(url, n)) for n in range(PROCESSES)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=60)
    assert [w.exitcode for w in workers] == [0] * PROCESSES
    red = redis.Redis.from_url(url)
    assert int(red.get("counter")) == PROCESSES * SECTIONS
    assert int(red.get("max-inside")) == 1
    assert red.keys("pathfinder:lock:*") == []  # every lock was removed after use


async def test_a_crashed_holder_blocks_only_until_its_ticket_expires(url: str) -> None:
    store = AtomicRedisLockStore(EndpointConfig(url=url))
    store.issue_ticket("crashed", lock_lifetime=0.5)  # taken, never given back
    ttl = redis.Redis.from_url(url).pttl("pathfinder:lock:crashed")
    assert 0 < ttl <= 1500  # the key itself expires soon after its last ticket
    started = time.monotonic()
    async with store.lock("crashed", lock_lifetime=10):
        waited = time.monotonic() - started
    assert 0.4 < waited < 3
    assert store.get_lock("crashed") is None


def test_endpoint_configuration_is_checked() -> None:
    with pytest.raises(ValueError, match="redis:// URL"):
        AtomicRedisLockStore(EndpointConfig(url="localhost"))
    with pytest.raises(ValueError, match="letters and digits"):
        AtomicRedisLockStore(EndpointConfig(url="redis://127.0.0.1:1/1", key_prefix="a:b"))
