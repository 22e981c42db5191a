"""A Rasa input channel that only adds a route: tracked links to catalogue offerings.

`GET /webhooks/links/go/<offering_key>?channel=widget|slack|teams|rest` records an anonymous
`offering_followed` event (offering and channel only) and redirects to the offering's page.
Nothing about the visitor (address, cookies, user agent) is stored. Link previews that Slack
and Teams fetch on their own are redirected but not counted.

credentials.yml:
    bot.channels.links.LinkTracker:
      db: postgresql://...   # optional; default KNOWLEDGE_DB_URL, else the SQLite file
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from knowledge.catalogue.store import KnowledgeStore, StoreUnavailable
from knowledge.insights import record_offering_followed
from knowledge.storage.db import default_url, make_engine

logger = logging.getLogger(__name__)

KEY = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
# Crawlers that fetch a link to preview it, not a person following it.
PREVIEW_AGENTS = re.compile(
    r"slackbot|slack-imgproxy|skypeuripreview|bingpreview|bot\b|crawler|spider", re.IGNORECASE
)
NOT_FOUND = (
    "Sorry, that course link isn't in Pathfinder's catalogue any more. "
    "Ask Pathfinder for your learning plan again to get up-to-date links."
)
UNAVAILABLE = (
    "Sorry, Pathfinder can't look up that course link right now. Please try again in a few "
    "minutes."
)
NO_CACHE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


def _headers() -> dict[str, str]:
    """A fresh header dict per response: Sanic adds to the one it is given."""
    return dict(NO_CACHE)


class LinkTracker(InputChannel):
    """Serves tracked offering links; it never receives or sends conversation messages."""

    def __init__(self, db_url: str | None = None):
        self.db_url = db_url
        self._store: KnowledgeStore | None = None

    @classmethod
    def name(cls) -> str:
        return "links"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> LinkTracker:
        return cls((credentials or {}).get("db"))

    def store(self) -> KnowledgeStore:
        if self._store is None:
            self._store = KnowledgeStore(make_engine(self.db_url or default_url()))
        return self._store

    def follow(self, key: str, channel: str, count: bool) -> str | None:
        """The offering's URL (None if unknown), recording the visit when `count` is set."""
        offering = self.store().snapshot().offering(key)
        if offering is None:
            return None
        if count:
            record_offering_followed(self.store().engine, key, channel)
        return offering.url

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        links = Blueprint("pathfinder_links", __name__)

        @links.route("/go/<offering_key>", methods=["GET"])
        async def go(request: Request, offering_key: str) -> HTTPResponse:
            if not KEY.match(offering_key):
                return response.text(NOT_FOUND, status=404, headers=_headers())
            channel = request.args.get("channel", "")
            count = not PREVIEW_AGENTS.search(request.headers.get("user-agent", ""))
            try:
                url = await asyncio.to_thread(self.follow, offering_key, channel, count)
            except StoreUnavailable:
                logger.warning("Tracked link: the knowledge store is unavailable.")
                return response.text(UNAVAILABLE, status=503, headers=_headers())
            if url is None:
                return response.text(NOT_FOUND, status=404, headers=_headers())
            return response.redirect(url, status=302, headers=_headers())

        return links
