"""Rasa's REST channel with strict input checks, at the same URL (`/webhooks/rest/webhook`).

Measured with Rasa 3.6's `RestInput` (docs/reliability.md):

* no `sender` puts the message in a shared conversation called "default", so anonymous
  callers read each other's plans;
* a 10,000-character message takes seconds and a 100,000-character one minutes of CPU in the
  server's only event loop, stalling every other conversation;
* a JSON array body is a 500, and a number or list as the message is silently ignored;
* the body may set `input_channel` to any name.

Here a request must be a JSON object of at most `MAX_BODY_BYTES` with a text `message` within
the cap every channel keeps (`limits`) and a text `sender`; anything else gets a 4xx with a
JSON `{"error", "message"}` that says what to fix. Control characters are removed from the text.

Identity (knowledge.people.identity): the conversation id is always `rest:<sender>`, so a caller who
claims a Slack or Teams user's id reaches only a REST conversation of that name, and metadata
keeps only the harmless keys in `REST_METADATA_KEYS` (never a channel or user id).

A card (docs/payloads.md) comes back once, as `{"recipient_id", "custom", "text"}`: the card
and the same card as light Markdown (`card_text`), for a client that cannot draw it.

credentials.yml:  `bot.channels.rest.PathfinderRestInput:` (instead of `rest:`)
"""

from __future__ import annotations

import json
import logging
import re
from asyncio import Queue
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import QueueOutputChannel, RestInput
from rasa.utils.endpoints import bool_arg
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse, ResponseStream

from bot.channels.card_text import card_text
from bot.channels.limits import TOO_LONG, too_long
from knowledge.people.identity import rest_conversation, rest_metadata
from knowledge.people.profiles import log_ref

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024
MAX_SENDER_LENGTH = 128
# C0 and C1 control characters except tab and newline
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
SERVER_TROUBLE = (
    "Sorry, something went wrong on our side and your message was not handled. "
    "Please try again in a minute or two."
)


class RequestProblem(Exception):
    """A request the channel refuses; `status` is the HTTP status to answer with."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def clean_text(value: str) -> str:
    return _CONTROL.sub("", value).strip()


def parse_request(body: bytes) -> tuple[str, str, dict[str, Any]]:
    """(sender, text, allowed metadata) from a request body, or RequestProblem saying why."""
    if len(body) > MAX_BODY_BYTES:
        raise RequestProblem(413, "too_large",
                             f"The request body is over {MAX_BODY_BYTES // 1024} KB.")
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise RequestProblem(400, "bad_encoding", "The request body must be UTF-8.") from err
    except json.JSONDecodeError as err:
        raise RequestProblem(400, "bad_json", f"The request body is not JSON ({err.msg}).") from err
    except RecursionError as err:
        raise RequestProblem(400, "bad_json", "The request body is nested too deeply.") from err
    if not isinstance(data, dict):
        raise RequestProblem(400, "bad_request",
                             'The body must be a JSON object: {"sender": ..., "message": ...}.')
    sender = data.get("sender")
    if not isinstance(sender, str) or not clean_text(sender):
        raise RequestProblem(400, "bad_sender", "'sender' must be a non-empty string.")
    sender = clean_text(sender)
    if len(sender) > MAX_SENDER_LENGTH:
        raise RequestProblem(400, "bad_sender",
                             f"'sender' must be at most {MAX_SENDER_LENGTH} characters.")
    message = data.get("message")
    if not isinstance(message, str):
        raise RequestProblem(400, "bad_message", "'message' must be a string of text.")
    text = clean_text(message)
    if not text:
        raise RequestProblem(400, "bad_message", "'message' is empty: please send some text.")
    if too_long(text):
        raise RequestProblem(413, "too_long", TOO_LONG)
    metadata = data.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise RequestProblem(400, "bad_metadata", "'metadata' must be a JSON object.")
    return sender, text, rest_metadata(metadata)


class CardWithText:
    """A card reaches a REST client as one message with the card (`custom`) and the same card
    as text (`text`), so a client that cannot draw it shows the text instead."""

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        message = self._message(  # type: ignore[attr-defined]
            recipient_id, text=card_text(json_message), custom=json_message
        )
        await self._persist_message(message)  # type: ignore[attr-defined]


class RestOutput(CardWithText, CollectingOutputChannel):
    """Collects a turn's replies for the JSON answer."""


class RestStreamOutput(CardWithText, QueueOutputChannel):
    """Streams a turn's replies, one JSON line each, as they come."""


class PathfinderRestInput(RestInput):
    """REST input that validates each request before Rasa sees it (see the module docstring)."""

    @staticmethod
    async def on_message_wrapper(
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        text: str,
        queue: Queue,
        sender_id: str,
        input_channel: str,
        metadata: dict[str, Any] | None,
    ) -> None:
        """The stock streaming turn, with cards carrying their text."""
        await on_new_message(UserMessage(text, RestStreamOutput(queue), sender_id,
                                         input_channel=input_channel, metadata=metadata))
        await queue.put("DONE")

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse | ResponseStream:
            try:
                sender, text, metadata = parse_request(request.body or b"")
            except RequestProblem as problem:
                return response.json({"error": problem.code, "message": problem.message},
                                     status=problem.status)
            conversation = rest_conversation(sender)
            if bool_arg(request, "stream", default=False):
                return response.stream(
                    self.stream_response(on_new_message, text, conversation, self.name(), metadata),
                    content_type="text/event-stream",
                )
            collector = RestOutput()
            try:
                await on_new_message(
                    UserMessage(text, collector, conversation, input_channel=self.name(),
                                metadata=metadata)
                )
            except Exception:  # noqa: BLE001 - say so instead of Sanic's bare 500
                logger.exception("REST message for %s failed", log_ref(conversation))
                return response.json({"error": "unavailable", "message": SERVER_TROUBLE},
                                     status=503)
            # the caller addressed its own sender; the namespace is the server's business
            return response.json([{**m, "recipient_id": sender} for m in collector.messages])

        return webhook
