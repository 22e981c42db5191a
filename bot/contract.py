"""The names the Rasa server, the action server and their commands must agree on, once.

A slot one process sets and another acts on, and the environment variables that connect the
processes. This module imports nothing but the standard library, so the action server, the
Rasa add-ons and the command line can all read it without loading Rasa.
"""

from __future__ import annotations

import os
from pathlib import Path

# the slot whose SlotSet(True), set by the forget-me action, tells the tracker store to delete
# the conversation instead of saving it (bot.addons.tracker_store)
FORGET_SLOT = "forgotten"

# how the Rasa server reaches the action server, and proves it is the Rasa server
ACTION_URL_ENV = "ACTION_ENDPOINT_URL"
ACTIONS_SECRET_ENV = "PATHFINDER_ACTIONS_SECRET"
ACTIONS_SECRET_SCHEME = "Bearer"  # sent as `Authorization: Bearer <secret>`
ACTION_TIMEOUT_ENV = "PATHFINDER_ACTION_TIMEOUT"
ACTIONS_HOST_ENV = "ACTIONS_HOST"
ACTIONS_PORT_ENV = "ACTIONS_PORT"

# the conversation store and the lock store the Rasa servers share
TRACKER_DB_URL_ENV = "TRACKER_DB_URL"
DEFAULT_TRACKER_DB = Path(__file__).resolve().parent.parent / "data" / "trackers.db"
LOCK_URL_ENV = "LOCK_STORE_URL"
RETENTION_ENV = "PATHFINDER_RETENTION"  # how long idle conversations and profiles are kept

# how the action server serves the catalogue, and whom it hands people over to
OFFLINE_ENV = "PATHFINDER_OFFLINE"
HANDOFF_TEAM_ENV = "PATHFINDER_HANDOFF_TEAM"
HANDOFF_EMAIL_ENV = "PATHFINDER_HANDOFF_EMAIL"
HANDOFF_URL_ENV = "PATHFINDER_HANDOFF_URL"


def default_tracker_url() -> str:
    """Rasa's conversation store: env TRACKER_DB_URL, else an embedded SQLite file."""
    return os.environ.get(TRACKER_DB_URL_ENV) or f"sqlite:///{DEFAULT_TRACKER_DB}"
