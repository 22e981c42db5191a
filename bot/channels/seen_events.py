"""Deliveries a channel has already accepted, so a platform's retry is not answered twice.

With a Redis lock store (LOCK_STORE_URL) every Rasa server shares one record: the first server
to `SET key 1 NX EX ttl` a delivery id handles it, any other server (or a later retry) sees it
taken. Without Redis a bounded in-memory record does the same within one process.
"""

from __future__ import annotations

import logging
import os
from collections import OrderedDict
from typing import Protocol

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from bot.contract import LOCK_URL_ENV

logger = logging.getLogger(__name__)

MEMORY_SIZE = 2048
TTL_SECONDS = 3600  # Slack retries within minutes; an hour leaves a wide margin
KEY_PREFIX = "pathfinder:seen:"


class SeenEvents(Protocol):
    async def check_and_add(self, delivery_id: str) -> bool:
        """True if the id was seen before; records it either way."""

    async def close(self) -> None:
        """Release connections."""


class MemorySeenEvents:
    """Delivery ids accepted by this process, oldest forgotten first."""

    def __init__(self, size: int = MEMORY_SIZE) -> None:
        self._ids: OrderedDict[str, None] = OrderedDict()
        self._size = size

    async def check_and_add(self, delivery_id: str) -> bool:
        if delivery_id in self._ids:
            self._ids.move_to_end(delivery_id)
            return True
        self._ids[delivery_id] = None
        if len(self._ids) > self._size:
            self._ids.popitem(last=False)
        return False

    async def close(self) -> None:
        return None


class RedisSeenEvents:
    """Delivery ids accepted by any server sharing this Redis, each kept for `ttl` seconds."""

    def __init__(self, url: str, channel: str, ttl: int = TTL_SECONDS) -> None:
        self._redis = aioredis.Redis.from_url(url, socket_timeout=5)
        self._prefix = f"{KEY_PREFIX}{channel}:"
        self._ttl = ttl
        self._fallback = MemorySeenEvents()

    async def check_and_add(self, delivery_id: str) -> bool:
        try:
            first = await self._redis.set(self._prefix + delivery_id, 1, nx=True, ex=self._ttl)
        except RedisError as err:
            # answering a rare repeat beats dropping a message while Redis is away
            logger.warning("Seen-events store unavailable (%s); using memory.",
                           type(err).__name__)
            return await self._fallback.check_and_add(delivery_id)
        return not first

    async def close(self) -> None:
        await self._redis.close()


def seen_events_from_env(channel: str = "slack") -> SeenEvents:
    """Redis when a Redis lock store is configured, else memory."""
    url = os.environ.get(LOCK_URL_ENV)
    return RedisSeenEvents(url, channel) if url else MemorySeenEvents()
