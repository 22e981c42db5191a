"""Where people reach this deployment: the one base address every link the bot sends uses.

`PATHFINDER_PUBLIC_URL` is the address staff's browsers and Slack or Teams reach the Rasa
server at (for example https://pathfinder.example.nhs.uk). There is no default: an address
guessed from where the code runs (localhost) would be a dead link on anyone else's screen.
Without it, links that need this server are left out (course links go straight to the
provider, the privacy notice is named but not linked).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from urllib.parse import urlsplit

logger = logging.getLogger(__name__)

PUBLIC_URL_ENV = "PATHFINDER_PUBLIC_URL"
PRIVACY_PATH = "/pathfinder/privacy"  # served by the widget channel (bot/channels/widget.py)
DECISIONS_PATH = "/pathfinder/how-pathfinder-decides"  # docs/how-pathfinder-decides.md, likewise


def public_url(env: Mapping[str, str] | None = None) -> str | None:
    """The configured public base address without a trailing slash, or None if unset or not
    an http(s) address (logged, naming the setting)."""
    raw = (os.environ if env is None else env).get(PUBLIC_URL_ENV, "").strip()
    if not raw:
        return None
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        logger.warning("%s is not an http(s) address such as https://pathfinder.example.nhs.uk; "
                       "links that need it are left out.", PUBLIC_URL_ENV)
        return None
    return raw.rstrip("/")


def privacy_url(env: Mapping[str, str] | None = None) -> str | None:
    """The privacy notice's public address, or None without a public base address."""
    base = public_url(env)
    return f"{base}{PRIVACY_PATH}" if base else None


def decisions_url(env: Mapping[str, str] | None = None) -> str | None:
    """Where "how Pathfinder decides" is published, or None without a public base address."""
    base = public_url(env)
    return f"{base}{DECISIONS_PATH}" if base else None
