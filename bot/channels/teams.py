"""Microsoft Teams, built on Rasa 3.6's `botframework` connector with its gaps closed.

The stock connector cannot be used in an NHS tenant: it fetches Microsoft's keys with blocking
calls when constructed, checks neither issuer nor serviceurl, asks the multi-tenant endpoint
for tokens, shares one token between all instances, sends buttons Teams cannot click, ignores
conversationUpdate and passes no identity to actions. This channel (webhook
/webhooks/teams/webhook) keeps the stock message shapes and fixes those points.

Only Teams activities from our tenant are accepted (teams_auth.activity_identity); the
conversation id is `teams:<tenant>:<Entra object id>` (knowledge.people.identity), never `from.id`.
Pathfinder talks about a person's role and plan, so it works only in a one-to-one chat: in a
team channel or group chat it says so and passes nothing to Rasa.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

import aiohttp
from rasa.core.channels.botframework import BotFramework, BotFrameworkInput
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.shared.exceptions import InvalidConfigException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import teams_cards, teams_files
from bot.channels.card_text import card_text
from bot.channels.limits import TOO_LONG, too_long
from bot.channels.plan_files import plan_files
from bot.channels.teams_auth import (
    AccessTokens,
    ActivityRefused,
    AuthError,
    KeysUnavailable,
    SessionFactory,
    SigningKeys,
    TeamsSettings,
    TokenValidator,
    activity_identity,
)
from knowledge.people.identity import teams_conversation

logger = logging.getLogger(__name__)

WELCOME_PAYLOAD = "/greet"
HTTP_TIMEOUT = aiohttp.ClientTimeout(total=15)
_MENTION = re.compile(r"<at>.*?</at>", re.IGNORECASE | re.DOTALL)
ONE_TO_ONE_ONLY = (
    "I only talk about your role and learning plan in a one-to-one chat, so nothing you share "
    "is shown to others here. Open a chat with Pathfinder from the Apps menu and say hello."
)


class TeamsBot(BotFramework):
    """Replies through the Bot Connector API with async HTTP and the channel's own token."""

    @classmethod
    def name(cls) -> str:
        return "teams"

    def __init__(
        self,
        app_id: str,
        conversation: dict[str, Any],
        bot: dict[str, Any],
        service_url: str,
        tokens: AccessTokens,
        session: SessionFactory,
        user_id: str,
    ) -> None:
        super().__init__(app_id, "", conversation, bot, service_url)
        self._tokens = tokens
        self._session = session
        self._user_id = user_id

    def prepare_message(self, recipient_id: str, message_data: dict[str, Any]) -> dict[str, Any]:
        """Addressed to the Teams user (`29:...`), not to Rasa's conversation id."""
        return super().prepare_message(self._user_id, message_data)

    async def _get_headers(self) -> dict[str, Any] | None:
        token = await self._tokens.bearer()
        if token is None:
            return None
        return {"Authorization": f"Bearer {token}"}

    async def send(self, message_data: dict[str, Any]) -> None:
        url = f"{self.global_uri}conversations/{self.conversation['id']}/activities"
        for attempt in (1, 2):
            headers = await self._get_headers()
            if headers is None:
                logger.error("Teams reply not sent: no access token.")
                return
            session = await self._session()
            async with session.post(url, json=message_data, headers=headers) as reply:
                if reply.status == HTTPStatus.UNAUTHORIZED and attempt == 1:
                    self._tokens.invalidate()  # revoked or rotated secret: fetch a new one once
                    continue
                if reply.status >= 300:
                    logger.error("Teams reply refused (HTTP %d): %s", reply.status,
                                 (await reply.text())[:300])
                return

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        message = {"text": teams_cards.markdown(text), "textFormat": "markdown"}
        await self.send(self.prepare_message(recipient_id, message))

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        attachment = teams_cards.text_with_buttons(text, buttons)
        await self.send(self.prepare_message(recipient_id, {"attachments": [attachment]}))

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        kind = json_message.get("type")
        attachment = teams_cards.card_attachment(json_message)
        if attachment is not None:
            await self.send(self.prepare_message(recipient_id, {"attachments": [attachment]}))
        elif kind == "plan_summary":
            await self.send_text_message(recipient_id, card_text(json_message) or "")
            await self.offer_plan_file(recipient_id, json_message)
        elif kind == "message" or "attachments" in json_message:
            await super().send_custom_json(recipient_id, json_message, **kwargs)
        else:
            logger.warning("Teams: nothing to show for a custom message of type %r; skipped.",
                           kind)

    async def offer_plan_file(self, recipient_id: str, summary: dict[str, Any]) -> None:
        """Ask (in a personal chat) to save the plan's PDF, once its text is shown."""
        pdf = next((f for f in plan_files(summary) if f.media_type == "application/pdf"), None)
        if pdf is None:
            return
        if not teams_files.fits_in_a_card(pdf):
            await self.send_text_message(recipient_id, teams_files.TOO_BIG)
            return
        message = {"attachments": [teams_files.consent_card(pdf)]}
        await self.send(self.prepare_message(recipient_id, message))

    async def answer_file_consent(self, activity: dict[str, Any]) -> None:
        """Upload the PDF the person agreed to save, then show it; or acknowledge a no."""
        recipient = activity["from"]["id"]
        if teams_files.declined(activity):
            await self.send_text_message(recipient, teams_files.DECLINED)
            return
        consent = teams_files.accepted(activity)
        if consent is None or not await teams_files.upload(await self._session(), *consent):
            await self.send_text_message(recipient, teams_files.UPLOAD_FAILED)
            return
        info, _ = consent
        message = {"attachments": [teams_files.file_card(info)]}
        await self.send(self.prepare_message(recipient, message))


class TeamsInput(BotFrameworkInput):
    """Inbound Teams activities, accepted only with a valid Bot Framework token."""

    @classmethod
    def name(cls) -> str:
        return "teams"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """Secrets come from TEAMS_* variables; credentials.yml may tune timings only."""
        try:
            settings = TeamsSettings.from_env(options=credentials or {})
        except ValueError as err:
            raise InvalidConfigException(str(err)) from err
        return cls(settings)

    def __init__(self, settings: TeamsSettings) -> None:  # no network here, unlike the stock one
        self.settings = settings
        self.app_id = settings.app_id
        self._http: aiohttp.ClientSession | None = None
        self._http_lock = asyncio.Lock()
        self.keys = SigningKeys(
            settings.openid_url, self._session, settings.key_max_age_seconds,
            settings.key_refresh_seconds,
        )
        self.validator = TokenValidator(settings, self.keys)
        self.tokens = AccessTokens(settings, self._session)

    async def _session(self) -> aiohttp.ClientSession:
        """One HTTP session per channel, opened inside the server's event loop on first use."""
        async with self._http_lock:
            if self._http is None or self._http.closed:
                self._http = aiohttp.ClientSession(timeout=HTTP_TIMEOUT)
            return self._http

    async def close(self) -> None:
        if self._http is not None and not self._http.closed:
            await self._http.close()

    def output_channel(self, activity: dict[str, Any]) -> TeamsBot:
        return TeamsBot(
            self.app_id, activity["conversation"], activity["recipient"], activity["serviceUrl"],
            self.tokens, self._session, str((activity.get("from") or {}).get("id") or ""),
        )

    @staticmethod
    def teams_metadata(activity: dict[str, Any]) -> dict[str, Any]:
        """Who is talking, for actions: the user's Entra (AAD) object id and tenant."""
        person = activity.get("from") or {}
        conversation = activity.get("conversation") or {}
        tenant = ((activity.get("channelData") or {}).get("tenant") or {}).get("id")
        return {
            "channel": "teams",
            "aad_object_id": person.get("aadObjectId"),
            "tenant_id": tenant or conversation.get("tenantId"),
            "conversation_type": conversation.get("conversationType"),
        }

    @staticmethod
    def message_text(activity: dict[str, Any]) -> str:
        """A button's payload from `value`, else the typed text without @mentions of the bot."""
        value = activity.get("value")
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                value = None
        if isinstance(value, dict):
            payload = value.get("payload")
            if isinstance(payload, str) and payload.strip():
                return payload.strip()
        return _MENTION.sub(" ", str(activity.get("text") or "")).strip()

    def _bot_was_added(self, activity: dict[str, Any]) -> bool:
        bot_id = (activity.get("recipient") or {}).get("id")
        added = activity.get("membersAdded") or []
        return bool(bot_id) and any(m.get("id") == bot_id for m in added if isinstance(m, dict))

    async def _handle(
        self, activity: dict[str, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        kind = activity.get("type")
        if teams_files.is_file_consent(activity):
            await self.output_channel(activity).answer_file_consent(activity)
            return
        if kind == "message":
            text = self.message_text(activity)
        elif kind == "conversationUpdate" and self._bot_was_added(activity):
            text = WELCOME_PAYLOAD
        else:
            logger.debug("Teams activity of type %r ignored.", kind)
            return
        if not text:
            return
        tenant, object_id = activity_identity(self.settings, activity)
        if (activity.get("conversation") or {}).get("conversationType") != teams_files.PERSONAL:
            bot = self.output_channel(activity)
            await bot.send_text_message("", ONE_TO_ONE_ONLY)
            return
        if too_long(text):
            await self.output_channel(activity).send_text_message("", TOO_LONG)
            return
        metadata = self.add_attachments_to_metadata(activity, self.teams_metadata(activity))
        await on_new_message(
            UserMessage(
                text=text,
                output_channel=self.output_channel(activity),
                sender_id=teams_conversation(tenant, object_id),
                input_channel=self.name(),
                metadata=metadata,
            )
        )

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("teams_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            authorization = request.headers.get("Authorization")
            if not authorization:
                return response.text("No authorization header.", status=HTTPStatus.UNAUTHORIZED)
            try:
                activity = json.loads(request.body or b"null")
            except (ValueError, RecursionError):
                activity = None
            if not isinstance(activity, dict):
                activity = {}  # cannot match the token's serviceurl claim, so refused below
            try:
                await self.validator.validate(authorization, activity)
            except AuthError as err:
                logger.warning("Teams request refused: %s.", err)
                return response.text("Unauthorized.", status=HTTPStatus.UNAUTHORIZED)
            except KeysUnavailable:
                return response.text("Signing keys unavailable; try again later.",
                                     status=HTTPStatus.SERVICE_UNAVAILABLE)
            try:
                activity_identity(self.settings, activity)
            except ActivityRefused as err:
                logger.warning("Teams activity refused: %s.", err)
                return response.text("Forbidden.", status=HTTPStatus.FORBIDDEN)
            try:
                await self._handle(activity, on_new_message)
            except Exception:  # a bad activity or a failed reply; Teams still gets its answer
                logger.exception("Teams activity could not be handled.")
            return response.text("", status=HTTPStatus.OK)

        @webhook.listener("after_server_stop")
        async def close_http(*_: Any) -> None:
            await self.close()

        return webhook
