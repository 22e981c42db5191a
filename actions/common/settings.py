"""Deployment settings read from the environment, with safe defaults for local use."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class HandoffContact:
    team: str
    email: str | None
    url: str | None


def public_url() -> str:
    """Where people reach this deployment (for links such as the privacy notice)."""
    return os.environ.get("PATHFINDER_PUBLIC_URL", "http://localhost:5005").rstrip("/")


def privacy_url() -> str:
    return f"{public_url()}/pathfinder/privacy"


def decisions_url() -> str:
    """The page `docs/how-pathfinder-decides.md` is published at, beside the privacy notice."""
    return f"{public_url()}/pathfinder/how-pathfinder-decides"


def handoff_contact() -> HandoffContact:
    return HandoffContact(
        team=os.environ.get("PATHFINDER_HANDOFF_TEAM", "your local digital learning team"),
        email=os.environ.get("PATHFINDER_HANDOFF_EMAIL") or None,
        url=os.environ.get("PATHFINDER_HANDOFF_URL") or None,
    )


def offline_mode() -> bool:
    """Serve the catalogue from the YAML content in memory, with no database to set up."""
    return os.environ.get("PATHFINDER_OFFLINE", "").lower() in ("1", "true", "yes")
