"""The secret the Rasa server sends the action server with every call (see actions.server)."""

from __future__ import annotations

import hmac
import os
from collections.abc import Mapping

from bot.contract import ACTIONS_SECRET_ENV, ACTIONS_SECRET_SCHEME
from knowledge.people.profiles import checked_key


def secret_from_env(env: Mapping[str, str] | None = None) -> bytes:
    """The shared secret; ValueError (naming the variable, never the value) if unusable."""
    env = os.environ if env is None else env
    configured = env.get(ACTIONS_SECRET_ENV, "")
    if not configured:
        raise ValueError(
            f"{ACTIONS_SECRET_ENV} is not set: the action server needs the secret the Rasa server "
            "sends (`make serve` generates one; see docs/deploy.md)."
        )
    return checked_key(configured.encode("utf-8"), ACTIONS_SECRET_ENV)


def authorised(header: str | None, secret: bytes) -> bool:
    """Whether an Authorization header carries the secret (compared in constant time)."""
    scheme, _, presented = (header or "").partition(" ")
    return scheme == ACTIONS_SECRET_SCHEME and hmac.compare_digest(
        presented.strip().encode(), secret
    )
