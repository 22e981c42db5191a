"""The intranet web widget's channel: Rasa's socket.io channel, made safe to keep conversations.

Differences from `rasa.core.channels.socketio.SocketIOInput`:

* Rasa 3.6 calls `AsyncServer.enter_room` without awaiting it; since python-socketio 5.10 it
  is a coroutine, so with `session_persistence` the socket never joins its room and every reply
  is lost. Here the call is awaited when it returns an awaitable.
* The browser cannot choose its sender id. It first gets a signed token from
  `POST /webhooks/widget/session`; `session_request` must carry it, and the token's subject is
  the sender id. Messages are sent for the socket's verified conversation only, whatever ids
  the client puts in them.
* A socket that joins a conversation receives its earlier messages (`history`), read from the
  tracker store, so a reloaded page shows them again.
* Cards (`json_message`) reach the page as `{"custom": {...}}` (see `widget_output`).
* The same blueprint serves the widget's script and styles, a demo page, and the privacy
  notice at `/pathfinder/privacy`.

Credentials (`bot.channels.widget.WidgetInput:`): `user_message_evt`, `bot_message_evt`,
`namespace`, `socketio_path`, `session_persistence` (must be true) and `token_ttl` (seconds,
default 8 hours). The signing secret comes from the environment (`widget_token.SECRET_ENV`).
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from bot.channels import widget_web
from bot.channels.widget_history import replay
from bot.channels.widget_output import CHANNEL_NAME, WidgetOutput
from bot.channels.widget_token import TokenError, TokenSigner, secret_from_env
from knowledge.public import PRIVACY_PATH

logger = logging.getLogger(__name__)

DEFAULT_TOKEN_TTL = 8 * 60 * 60  # one working day, like the bot's session expiry
MAX_MESSAGE_LENGTH = 2000
ERROR_EVENT = "pathfinder_error"
HISTORY_EVENT = "history"
PRIVACY_ROUTE = PRIVACY_PATH
METADATA = {"channel": CHANNEL_NAME}
KNOWN_KEYS = {
    "user_message_evt",
    "bot_message_evt",
    "namespace",
    "socketio_path",
    "session_persistence",
    "token_ttl",
}


async def _settle(result: Any) -> None:
    """Await python-socketio room calls that are coroutines (>= 5.10) but not older ones."""
    if inspect.isawaitable(result):
        await result


class WidgetBlueprint(SocketBlueprint):
    """Attaches the socket server and the privacy route, and remembers the app (for the agent)."""

    def register(self, app: Sanic, options: dict[str, Any]) -> None:
        self.ctx.app = app
        app.add_route(
            _privacy_page, PRIVACY_ROUTE, methods=["GET"], name="pathfinder_privacy_notice"
        )
        super().register(app, options)


async def _privacy_page(_: Request) -> HTTPResponse:
    return widget_web.page(
        widget_web.PRIVACY_PAGE,
        "The privacy notice has not been published on this server yet.",
        widget_web.DOCUMENT_POLICY,
    )


class WidgetInput(SocketIOInput):
    """Socket.io channel for the Pathfinder web widget (see the module docstring)."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL_NAME

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        credentials = credentials or {}
        unknown = sorted(set(credentials) - KNOWN_KEYS)
        if unknown:
            raise ValueError(
                f"Unknown settings for the widget channel: {', '.join(unknown)}. "
                f"Allowed: {', '.join(sorted(KNOWN_KEYS))}."
            )
        if credentials.get("session_persistence", True) is not True:
            raise ValueError(
                "The widget channel always keeps a conversation for the lifetime of its signed "
                "token: set `session_persistence: true` or leave it out."
            )
        ttl = credentials.get("token_ttl", DEFAULT_TOKEN_TTL)
        if not isinstance(ttl, int) or isinstance(ttl, bool) or ttl <= 0:
            raise ValueError("The widget channel's `token_ttl` must be a positive whole number.")
        return cls(
            user_message_evt=credentials.get("user_message_evt", "user_uttered"),
            bot_message_evt=credentials.get("bot_message_evt", "bot_uttered"),
            namespace=credentials.get("namespace"),
            socketio_path=credentials.get("socketio_path", "/socket.io"),
            signer=TokenSigner(secret_from_env(), ttl),
        )

    def __init__(
        self,
        user_message_evt: str = "user_uttered",
        bot_message_evt: str = "bot_uttered",
        namespace: str | None = None,
        socketio_path: str = "/socket.io",
        signer: TokenSigner | None = None,
    ) -> None:
        super().__init__(
            user_message_evt=user_message_evt,
            bot_message_evt=bot_message_evt,
            namespace=namespace,
            session_persistence=True,
            socketio_path=socketio_path,
        )
        self.signer = signer or TokenSigner(secret_from_env(), DEFAULT_TOKEN_TTL)

    def get_output_channel(self) -> WidgetOutput | None:
        if self.sio is None:
            return None
        return WidgetOutput(self.sio, self.bot_message_evt, self.namespace)

    def client_settings(self) -> dict[str, Any]:
        """What the page needs to talk to this channel, sent with each new token."""
        return {
            "path": self.socketio_path,
            "namespace": self.namespace or "/",
            "user_event": self.user_message_evt,
            "bot_event": self.bot_message_evt,
        }

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=[])
        self.sio = sio
        bp = WidgetBlueprint(sio, self.socketio_path, "pathfinder_widget", __name__)
        self._add_http_routes(bp)
        self._add_socket_handlers(sio, bp, on_new_message)
        return bp

    def _add_http_routes(self, bp: Blueprint) -> None:
        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/session", methods=["POST"])
        async def new_session(_: Request) -> HTTPResponse:
            issued = self.signer.issue()
            return response.json(
                {
                    "token": issued.token,
                    "expires_at": issued.expires_at,
                    "socket": self.client_settings(),
                },
                headers={"Cache-Control": "no-store"},
            )

        @bp.route("/static/<name:str>", methods=["GET"])
        async def static_file(_: Request, name: str) -> HTTPResponse:
            return widget_web.asset(name)

        @bp.route("/demo", methods=["GET"])
        async def demo(_: Request) -> HTTPResponse:
            return widget_web.page(
                widget_web.DEMO_PAGE, "The demo page is missing.", widget_web.DEMO_POLICY
            )

    def _add_socket_handlers(
        self,
        sio: AsyncServer,
        bp: WidgetBlueprint,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> None:
        namespace = self.namespace

        async def refuse(sid: str, code: str, message: str) -> None:
            await sio.emit(ERROR_EVENT, {"code": code, "message": message}, to=sid,
                           namespace=namespace)

        @sio.on("session_request", namespace=namespace)
        async def session_request(sid: str, data: Any = None) -> None:
            token = data.get("token") if isinstance(data, dict) else None
            try:
                sender_id = self.signer.verify(token)
            except TokenError as err:
                logger.info("Widget socket %s refused: %s", sid, err.message)
                await refuse(sid, err.code, err.message)
                return
            session = await sio.get_session(sid, namespace=namespace)
            previous = session.get("sender_id")
            if previous and previous != sender_id:
                await _settle(sio.leave_room(sid, previous, namespace=namespace))
            await _settle(sio.enter_room(sid, sender_id, namespace=namespace))
            await sio.save_session(sid, {"sender_id": sender_id, "token": token},
                                   namespace=namespace)
            await sio.emit("session_confirm", sender_id, to=sid, namespace=namespace)
            history = await self._history(bp, sender_id)
            await sio.emit(HISTORY_EVENT, {"messages": history}, to=sid, namespace=namespace)

        @sio.on(self.user_message_evt, namespace=namespace)
        async def handle_message(sid: str, data: Any = None) -> None:
            session = await sio.get_session(sid, namespace=namespace)
            if not session.get("sender_id"):
                await refuse(sid, "no_session", "Start a session before sending messages.")
                return
            try:
                sender_id = self.signer.verify(session.get("token"))
            except TokenError as err:
                await refuse(sid, err.code, err.message)
                return
            text = data.get("message") if isinstance(data, dict) else None
            if not isinstance(text, str) or not text.strip():
                await refuse(sid, "bad_message", "A message must be some text.")
                return
            if len(text) > MAX_MESSAGE_LENGTH:
                await refuse(
                    sid, "bad_message",
                    f"That message is too long: please keep it under {MAX_MESSAGE_LENGTH} "
                    "characters.",
                )
                return
            output = WidgetOutput(sio, self.bot_message_evt, namespace)
            await on_new_message(
                UserMessage(text, output, sender_id, input_channel=self.name(),
                            metadata=dict(METADATA))
            )

    @staticmethod
    async def _history(bp: WidgetBlueprint, sender_id: str) -> list[dict[str, Any]]:
        agent = getattr(bp.ctx.app.ctx, "agent", None)
        if agent is None or agent.tracker_store is None:
            return []
        # all sessions: a restart ends one, and its "let's start again" reply belongs in view
        tracker = await agent.tracker_store.retrieve_full_tracker(sender_id)
        return await replay(list(tracker.events), sender_id) if tracker else []
