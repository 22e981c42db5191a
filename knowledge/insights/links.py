"""Tracked offering links: where they point, so the route and the actions agree on one shape."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from knowledge.insights.events import normalise_channel

# The Rasa channel `bot.channels.links.LinkTracker` serves this path (its name is "links").
LINK_PATH = "/webhooks/links/go/"


def tracked_url(public_url: str, offering_key: str, channel: str) -> str:
    """The link that records `offering_followed` and then redirects to the offering."""
    query = urlencode({"channel": normalise_channel(channel)})
    return f"{public_url.rstrip('/')}{LINK_PATH}{quote(offering_key, safe='')}?{query}"
