"""Rasa's stock Slack connector, extended only where Pathfinder needs more.

What the subclass adds (see docs/channels.md): configuration from the environment, a Web API
base URL (SLACK_API_URL) so a stand-in can receive the replies, Block Kit cards and mrkdwn,
at most five buttons per message, a Start over button, the documented url_verification answer,
Slack user and team ids as metadata, and no second answer to an event Slack retries.

Security (docs/security.md): the conversation id is `slack:<team>:<user>`, built from Slack's
signed request (knowledge.people.identity). Event and interaction ids are remembered in Redis with
SET NX EX when a Redis lock store is configured (LOCK_STORE_URL), so a retry that reaches
another server is not answered twice; in memory otherwise. Mentioned in a shared channel,
Pathfinder answers the person in their direct messages (`private_destination`), with a pointer
in the channel only they see: its replies carry their archetypes, quoted words and plan, so
the channel never sees the profile, the plan or the plan file.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from rasa.shared.exceptions import InvalidConfigException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.web.async_client import AsyncWebClient

from bot.channels import slack_blocks
from bot.channels.limits import TOO_LONG, too_long
from bot.channels.plan_files import COMMENT, TITLE, plan_files
from bot.channels.seen_events import SeenEvents, seen_events_from_env
from knowledge.people.identity import SEPARATOR, SLACK, IdentityError, slack_conversation
from knowledge.people.profiles import log_ref

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://slack.com/api/"
JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
DIRECT_MESSAGE_PREFIX = "D"  # Slack's ids of direct-message conversations
SENT_PRIVATELY = (
    "I've replied to you in a direct message, so that only you can see our conversation."
)


class PathfinderSlackBot(SlackBot):
    """Posts replies as mrkdwn and Block Kit through a Web API client at a chosen base URL."""

    def __init__(
        self,
        token: str,
        slack_channel: str | None = None,
        thread_id: str | None = None,
        proxy: str | None = None,
        api_url: str = DEFAULT_API_URL,
    ) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        self.client = AsyncWebClient(token, proxy=proxy, base_url=api_url)
        self._private: str | None = None  # this turn's direct-message channel, once opened

    def _recipient(self, recipient_id: str) -> str:
        return self.slack_channel or slack_user(recipient_id)

    async def _post_message(self, channel: str, **kwargs: Any) -> None:
        """Stock methods pass Rasa's conversation id as the channel: post to the user instead."""
        if channel.startswith(f"{SLACK}{SEPARATOR}"):
            channel = slack_user(channel)
        await super()._post_message(channel=channel, **kwargs)

    async def _post(self, recipient_id: str, message: dict[str, Any]) -> None:
        """Post in this conversation, or privately when it is a shared channel."""
        here = self._recipient(recipient_id)
        channel = await self.private_destination(recipient_id)
        if channel != here:  # the person's direct messages: the channel's thread is not there
            await self.client.chat_postMessage(channel=channel, unfurl_links=False,
                                               unfurl_media=False, **message)
            return
        await self._post_message(channel=here, unfurl_links=False, unfurl_media=False,
                                 **message)

    async def private_destination(self, recipient_id: str) -> str:
        """Where something only this person may see goes: this conversation if it is a direct
        message, else their direct-message channel with the bot (the shared channel gets one
        ephemeral pointer per turn, which only they see). Used for cards and files alike."""
        here = self._recipient(recipient_id)
        user = slack_user(recipient_id)
        if here.startswith(DIRECT_MESSAGE_PREFIX) or here == user:
            return here
        if self._private is None:
            opened = await self.client.conversations_open(users=user)
            self._private = str(opened["channel"]["id"])
            await self.client.chat_postEphemeral(channel=here, user=user, text=SENT_PRIVATELY,
                                                 thread_ts=self.thread_id)
        return self._private

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._post(recipient_id, {"text": slack_blocks.mrkdwn(text)})

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        for message in slack_blocks.text_with_buttons(text, buttons):
            await self._post(recipient_id, message)

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        card = slack_blocks.card_message(json_message)
        if card is not None:
            await self._post(recipient_id, card)
            if json_message.get("type") == "plan_summary":
                await self._upload_summary(recipient_id, json_message)
        elif "blocks" in json_message or "text" in json_message:
            # never to a channel the message names itself: the privacy rule above decides
            message = {k: v for k, v in json_message.items() if k != "channel"}
            await self._post(recipient_id, {"mrkdwn": True, **message})
        else:
            logger.warning("Slack: nothing to show for a custom message of type %r; skipped.",
                           json_message.get("type"))

    async def _upload_summary(self, recipient_id: str, summary: dict[str, Any]) -> None:
        """The plan as files to keep, PDF and Markdown, in a private message with the person
        (needs the files:write scope, and im:write when the chat was in a shared channel)."""
        files = plan_files(summary)
        if not files:
            return
        here = self._recipient(recipient_id)
        channel = await self.private_destination(recipient_id)
        await self.client.files_upload_v2(
            channel=channel,
            file_uploads=[{"file": f.content, "filename": f.filename, "title": TITLE}
                          for f in files],
            thread_ts=self.thread_id if channel == here else None,
            initial_comment=COMMENT,
        )


class PathfinderSlackInput(SlackInput):
    """Slack events and button clicks at /webhooks/slack/webhook."""

    def __init__(self, *args: Any, api_url: str = DEFAULT_API_URL, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.api_url = api_url
        self._seen: SeenEvents = seen_events_from_env()

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> PathfinderSlackInput:
        """Secrets come from the environment; credentials.yml may set the stock options."""
        options = dict(credentials or {})
        token = os.environ.get("SLACK_BOT_TOKEN") or options.get("slack_token")
        secret = os.environ.get("SLACK_SIGNING_SECRET") or options.get("slack_signing_secret")
        if not token or not secret:
            raise InvalidConfigException(
                "Slack needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET in the environment "
                "(see docs/channels.md)."
            )
        return cls(
            token,
            options.get("slack_channel"),
            options.get("proxy"),
            options.get("slack_retry_reason_header", "x-slack-retry-reason"),
            options.get("slack_retry_number_header", "x-slack-retry-num"),
            options.get("errors_ignore_retry"),
            options.get("use_threads", False),
            secret,
            options.get("conversation_granularity", "sender"),
            api_url=os.environ.get("SLACK_API_URL") or options.get("api_url") or DEFAULT_API_URL,
        )

    def get_output_channel(
        self, channel: str | None = None, thread_id: str | None = None
    ) -> OutputChannel:
        return PathfinderSlackBot(
            self.slack_token, channel or self.slack_channel, thread_id, self.proxy, self.api_url
        )

    def get_metadata(self, request: Request) -> dict[str, Any]:
        """The stock metadata plus who wrote, so actions can tell Slack users apart."""
        metadata = super().get_metadata(request)
        content_type = request.headers.get("content-type")
        if content_type == JSON:
            body = request.json or {}
            event = body.get("event") or {}
            user, team = event.get("user"), body.get("team_id") or event.get("team")
        elif content_type == FORM:
            payload = json.loads(request.form["payload"][0])
            person = payload.get("user") or {}
            user, team = person.get("id"), (payload.get("team") or {}).get("id")
            team = team or person.get("team_id")
        else:
            return metadata
        metadata.update({"channel": "slack", "user": user, "team": team})
        return metadata

    async def process_message(
        self,
        request: Request,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        text: str,
        sender_id: str | None,
        metadata: dict | None,
    ) -> Any:
        """Answer each Slack event once, in the conversation of the team's user who sent it."""
        try:
            conversation = slack_conversation(str((metadata or {}).get("team") or ""),
                                              str(sender_id or ""))
        except IdentityError:
            logger.warning("Slack request without a team or user id ignored.")
            return response.text("")
        delivery_id = self._delivery_id(request)
        if delivery_id and await self._seen.check_and_add(delivery_id):
            logger.info(
                "Slack delivery %s already handled; ignoring the repeat (retry %s).",
                log_ref(delivery_id), request.headers.get(self.retry_num_header) or "-",
            )
            return response.text("", headers={"X-Slack-No-Retry": "1"})
        if too_long(text):
            await self._say_too_long(conversation, metadata or {})
            return response.text("")
        return await super().process_message(
            request, on_new_message, text, conversation, metadata
        )

    async def _say_too_long(self, conversation: str, metadata: dict[str, Any]) -> None:
        """Tell the person their message was over the cap; Rasa never sees it."""
        thread = metadata.get("thread_id") if self.use_threads else None
        bot = self.get_output_channel(metadata.get("out_channel"), thread)
        try:
            await bot.send_text_message(conversation, TOO_LONG)
        except Exception:  # noqa: BLE001 - Slack must still get its answer, or it retries
            logger.exception("Slack: the too-long notice for %s failed.", log_ref(conversation))

    @staticmethod
    def _delivery_id(request: Request) -> str | None:
        """The event id of an event, the trigger id of a button click (Slack's own ids)."""
        content_type = request.headers.get("content-type")
        if content_type == JSON:
            event_id = (request.json or {}).get("event_id")
            return f"event:{event_id}" if event_id else None
        if content_type == FORM:
            payload = json.loads(request.form["payload"][0])
            trigger = payload.get("trigger_id") or next(
                (a.get("action_ts") for a in payload.get("actions") or [] if a.get("action_ts")),
                None,
            )
            return f"interaction:{trigger}" if trigger else None
        return None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = super().blueprint(on_new_message)

        @webhook.middleware("request")
        async def url_verification(request: Request) -> HTTPResponse | None:
            # Slack documents {"challenge": ...} as the JSON answer; the stock handler
            # returns a bare JSON string.
            if request.method != "POST" or request.headers.get("content-type") != JSON:
                return None
            body = request.json
            if not isinstance(body, dict) or body.get("type") != "url_verification":
                return None
            if not self.is_request_from_slack_authentic(request):
                return None  # the stock handler answers 400
            return response.json({"challenge": body.get("challenge")})

        @webhook.listener("after_server_stop")
        async def close_seen(*_: Any) -> None:
            await self._seen.close()

        return webhook


def slack_user(conversation: str) -> str:
    """The Slack user id in a conversation id `slack:<team>:<user>[_<channel>...]`."""
    return conversation.rsplit(":", 1)[-1].split("_", 1)[0]
