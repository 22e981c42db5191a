"""A Redis lock store that stays correct when several Rasa servers share one Redis.

Rasa 3.6's RedisLockStore changes a conversation's ticket queue with GET, change, SET. Two
servers doing that at once lose tickets: measured, 3 to 7 of 21 slot updates vanished and a
two-process stress test deadlocked (docs/deploy.md). Here every change to a queue is one
optimistic transaction (WATCH the key, read, change, MULTI/EXEC; retried if another server
changed the key in between), so no change is ever lost. The key also expires with its last
ticket, so a server killed while holding a lock cannot block the conversation for ever, and
waiting servers poll every `wait_time` seconds instead of Rasa's fixed one second.

endpoints.yml:
    lock_store:
      type: bot.addons.lock_store.AtomicRedisLockStore
      url: redis://:password@host:6379/1     # redis:// or rediss://
      key_prefix: pathfinder                 # optional, letters and digits
      wait_time: 0.05                        # optional, seconds between polls
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import AsyncGenerator, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore
from rasa.utils.endpoints import EndpointConfig

T = TypeVar("T")
DEFAULT_WAIT_TIME = 0.05
DEFAULT_KEY_PREFIX = "pathfinder"
SOCKET_TIMEOUT = 10.0
EXPIRY_MARGIN_MS = 1000


class AtomicRedisLockStore(LockStore):
    """Ticket locks in Redis, each read-modify-write done as one WATCH/MULTI transaction."""

    def __init__(
        self,
        endpoint_config: EndpointConfig | None = None,
        *,
        url: str | None = None,
        key_prefix: str | None = None,
        wait_time: float | None = None,
    ) -> None:
        options: dict[str, Any] = dict(endpoint_config.kwargs) if endpoint_config else {}
        url = url or (endpoint_config.url if endpoint_config else None)
        if not url or "://" not in url:
            raise ValueError("AtomicRedisLockStore needs a redis:// URL")
        prefix = str(key_prefix or options.get("key_prefix") or DEFAULT_KEY_PREFIX)
        if not prefix.isalnum():
            raise ValueError(f"key_prefix must be letters and digits, not {prefix!r}")
        self.key_prefix = f"{prefix}:lock:"
        self.wait_time = float(wait_time or options.get("wait_time") or DEFAULT_WAIT_TIME)
        self.red = redis.Redis.from_url(url, socket_timeout=SOCKET_TIMEOUT)
        super().__init__()

    def _key(self, conversation_id: str) -> str:
        return self.key_prefix + conversation_id

    # plain reads and writes, as LockStore defines them

    def get_lock(self, conversation_id: str) -> TicketLock | None:
        return _parse(self.red.get(self._key(conversation_id)))

    def delete_lock(self, conversation_id: str) -> None:
        self.red.delete(self._key(conversation_id))

    def save_lock(self, lock: TicketLock) -> None:
        self.red.set(self._key(lock.conversation_id), lock.dumps(), px=_expiry_ms(lock))

    # every change to a queue, atomically

    def _change(
        self,
        conversation_id: str,
        change: Callable[[TicketLock | None], tuple[T, TicketLock | None]],
    ) -> T:
        """Apply `change` to the stored lock in one transaction; an empty lock is deleted.

        redis-py re-runs `transaction` whenever the watched key changed before EXEC.
        """
        key = self._key(conversation_id)

        def transaction(pipe: redis.client.Pipeline) -> T:
            result, lock = change(_parse(pipe.get(key)))
            pipe.multi()
            if lock is None or not lock.tickets:
                pipe.delete(key)
            else:
                pipe.set(key, lock.dumps(), px=_expiry_ms(lock))
            return result

        return self.red.transaction(transaction, key, value_from_callable=True)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def take(lock: TicketLock | None) -> tuple[int, TicketLock]:
            lock = lock or TicketLock(conversation_id)
            return lock.issue_ticket(lock_lifetime), lock

        try:
            return self._change(conversation_id, take)
        except redis.RedisError as err:
            raise LockError(f"Could not issue a ticket: {err}") from err

    def update_lock(self, conversation_id: str) -> None:
        def expire(lock: TicketLock | None) -> tuple[None, TicketLock | None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return None, lock

        self._change(conversation_id, expire)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self.cleanup(conversation_id, ticket_number)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Hand the lock on: drop our ticket, and the whole key when nobody else waits."""

        def release(lock: TicketLock | None) -> tuple[None, TicketLock | None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return None, lock

        self._change(conversation_id, release)

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: str,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float | None = None,
    ) -> AsyncGenerator[TicketLock, None]:
        wait = self.wait_time if wait_time_in_seconds is None else wait_time_in_seconds
        async with super().lock(conversation_id, lock_lifetime, wait) as held:
            yield held


def _parse(raw: bytes | str | None) -> TicketLock | None:
    return TicketLock.from_dict(json.loads(raw)) if raw else None


def _expiry_ms(lock: TicketLock) -> int:
    """How long from now the key may live: until just after its last ticket expires.

    A duration (PX), not a moment (PXAT): a moment is read against Redis's clock, which may be
    behind this machine's (another host, or only rounding within the same millisecond), so the
    key could outlive its tickets by that skew. A duration from this machine's clock cannot.
    """
    now = time.time()
    latest = max((t.expires for t in lock.tickets), default=now)
    return max(1, math.ceil((latest - now) * 1000)) + EXPIRY_MARGIN_MS
