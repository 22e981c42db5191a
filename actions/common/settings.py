"""Deployment settings read from the environment, with safe defaults for local use."""

from __future__ import annotations

import os
from dataclasses import dataclass

from bot.contract import HANDOFF_EMAIL_ENV, HANDOFF_TEAM_ENV, HANDOFF_URL_ENV, OFFLINE_ENV
from knowledge.storage.public import decisions_url, privacy_url, public_url

__all__ = [
    "HandoffContact", "decisions_url", "handoff_contact", "offline_mode", "privacy_url",
    "public_url",
]


@dataclass(frozen=True)
class HandoffContact:
    team: str
    email: str | None
    url: str | None


def handoff_contact() -> HandoffContact:
    return HandoffContact(
        team=os.environ.get(HANDOFF_TEAM_ENV, "your local digital learning team"),
        email=os.environ.get(HANDOFF_EMAIL_ENV) or None,
        url=os.environ.get(HANDOFF_URL_ENV) or None,
    )


def offline_mode() -> bool:
    """Serve the catalogue from the YAML content in memory, with no database to set up."""
    return os.environ.get(OFFLINE_ENV, "").lower() in ("1", "true", "yes")
