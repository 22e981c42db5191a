"""The intranet web widget's channel: Rasa's socket.io channel, made safe to keep conversations.

Differences from `rasa.core.channels.socketio.SocketIOInput`:

* Rasa 3.6 calls `AsyncServer.enter_room` without awaiting it; since python-socketio 5.10 it
  is a coroutine, so with `session_persistence` the socket never joins its room and every reply
  is lost. Here the call is awaited when it returns an awaitable.
* The browser cannot choose its sender id. It first gets a signed token from
  `POST /webhooks/widget/session` (with an Entra ID token when sign-in is required, see
  widget_signin); `session_request` must carry it, and the conversation is `widget:<subject>`.
  Messages are sent for the socket's verified conversation only, whatever ids the client puts
  in them. A token revoked by "forget me" is refused from then on.
* Sessions and sockets are accepted only from the allowed origins (widget_signin).
* A socket that joins a conversation receives its earlier messages (`history`), read from the
  tracker store, so a reloaded page shows them again.
* Cards (`json_message`) reach the page as `{"custom": {...}}` (see `widget_output`).
* The same blueprint serves the widget's script and styles, a demo page, the privacy notice at
  `/pathfinder/privacy` and the accessibility statement at `/pathfinder/accessibility`.

Credentials (`bot.channels.widget.WidgetInput:`): `user_message_evt`, `bot_message_evt`,
`namespace`, `socketio_path`, `session_persistence` (must be true) and `token_ttl` (seconds,
default 8 hours, at most a day). The signing secret comes from the environment
(`widget_token.SECRET_ENV`).
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable
from datetime import timezone
from typing import Any

import aiohttp
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.channels import widget_web
from bot.channels.limits import MAX_MESSAGE_LENGTH, TOO_LONG, too_long
from bot.channels.teams_auth import KeysUnavailable
from bot.channels.widget_history import replay
from bot.channels.widget_output import CHANNEL_NAME, WidgetOutput
from bot.channels.widget_signin import (
    EntraSignIn,
    SignInRefused,
    allowed_origins,
    origin_allowed,
    widget_auth,
)
from bot.channels.widget_token import TokenError, TokenSigner, secret_from_env
from knowledge.people.identity import widget_conversation
from knowledge.people.profiles import MAX_SESSION_SECONDS, log_ref, revoked_at
from knowledge.storage.db import make_engine
from knowledge.storage.public import DECISIONS_PATH, PRIVACY_PATH

logger = logging.getLogger(__name__)

DEFAULT_TOKEN_TTL = 8 * 60 * 60  # one working day, like the bot's session expiry
ERROR_EVENT = "pathfinder_error"
HISTORY_EVENT = "history"
PRIVACY_ROUTE = PRIVACY_PATH
ACCESSIBILITY_ROUTE = "/pathfinder/accessibility"
DECISIONS_ROUTE = DECISIONS_PATH
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
    """Attaches the socket server and the document routes, and remembers the app (for the agent)."""

    def register(self, app: Sanic, options: dict[str, Any]) -> None:
        self.ctx.app = app
        app.add_route(
            _privacy_page, PRIVACY_ROUTE, methods=["GET"], name="pathfinder_privacy_notice"
        )
        app.add_route(
            _accessibility_page, ACCESSIBILITY_ROUTE, methods=["GET"],
            name="pathfinder_accessibility_statement",
        )
        app.add_route(
            _decisions_page, DECISIONS_ROUTE, methods=["GET"], name="pathfinder_how_it_decides"
        )
        super().register(app, options)


async def _privacy_page(_: Request) -> HTTPResponse:
    return widget_web.page(
        widget_web.PRIVACY_PAGE,
        "The privacy notice has not been published on this server yet.",
        widget_web.DOCUMENT_POLICY,
    )


async def _decisions_page(_: Request) -> HTTPResponse:
    return widget_web.document(
        widget_web.DECISIONS_DOC,
        "The page on how Pathfinder decides has not been published on this server yet.",
        widget_web.DOCUMENT_POLICY,
    )


async def _accessibility_page(_: Request) -> HTTPResponse:
    return widget_web.page(
        widget_web.ACCESSIBILITY_PAGE,
        "The accessibility statement has not been published on this server yet.",
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
        if not isinstance(ttl, int) or isinstance(ttl, bool) or not 0 < ttl <= MAX_SESSION_SECONDS:
            raise ValueError(
                "The widget channel's `token_ttl` must be a whole number of seconds from 1 to "
                f"{MAX_SESSION_SECONDS}."
            )
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
        self.origins = allowed_origins()
        entra = widget_auth()
        self.sign_in = EntraSignIn(entra, self._http_session) if entra else None
        self._http: aiohttp.ClientSession | None = None
        self._engine: Engine | None = None

    async def _http_session(self) -> aiohttp.ClientSession:
        if self._http is None or self._http.closed:
            self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=15))
        return self._http

    async def conversation_of(self, token: object) -> str:
        """The conversation a token opens, or TokenError (also when forget me revoked it)."""
        verified = self.signer.verify_token(token)
        conversation = widget_conversation(verified.subject)
        try:
            revoked = await asyncio.to_thread(self._revoked_at, conversation)
        except SQLAlchemyError as err:
            logger.warning("Widget session check failed: %s", type(err).__name__)
            raise TokenError("unavailable", "Pathfinder can't check your session just now: "
                             "please try again in a minute.") from err
        if revoked is not None and verified.issued_ms <= revoked:
            raise TokenError("invalid", "This conversation was deleted at your request.")
        return conversation

    def _revoked_at(self, conversation: str) -> int | None:
        """When forget me revoked the conversation's tokens, in milliseconds, or None."""
        if self._engine is None:
            self._engine = make_engine()
        when = revoked_at(self._engine, conversation)
        return None if when is None else int(when.replace(tzinfo=timezone.utc).timestamp() * 1000)

    async def _issue(self, request: Request) -> dict[str, Any]:
        """A new session for this request, or SignInRefused."""
        if self.sign_in is None:
            issued = self.signer.issue()
        else:
            body = request.json if request.body else None
            token = body.get("id_token") if isinstance(body, dict) else None
            person = await self.sign_in.sign_in(token)
            issued = self.signer.issue(person.subject, person.id_subject)
        return {"token": issued.token, "expires_at": issued.expires_at,
                "socket": self.client_settings()}

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
            "max_message_length": MAX_MESSAGE_LENGTH,
        }

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # None: engine.io accepts only the server's own origin (it reads Host and X-Forwarded-*)
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=self.origins)
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
        async def new_session(request: Request) -> HTTPResponse:
            no_store = {"Cache-Control": "no-store"}
            own = f"{request.scheme}://{request.host}"
            if not origin_allowed(request.headers.get("origin"), own, self.origins):
                return response.json({"error": "origin", "message": "Not an allowed page."},
                                     status=403, headers=no_store)
            try:
                return response.json(await self._issue(request), headers=no_store)
            except SignInRefused as refused:
                return response.json({"error": "sign_in", "message": refused.message},
                                     status=401, headers=no_store)
            except KeysUnavailable:
                return response.json(
                    {"error": "unavailable", "message": "Sign-in can't be checked just now."},
                    status=503, headers=no_store,
                )

        @bp.listener("after_server_stop")
        async def close_http(*_: Any) -> None:
            if self._http is not None and not self._http.closed:
                await self._http.close()

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
                sender_id = await self.conversation_of(token)
            except TokenError as err:
                logger.info("Widget socket %s refused: %s", log_ref(sid), err.message)
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
                sender_id = await self.conversation_of(session.get("token"))
            except TokenError as err:
                await refuse(sid, err.code, err.message)
                return
            text = data.get("message") if isinstance(data, dict) else None
            if not isinstance(text, str) or not text.strip():
                await refuse(sid, "bad_message", "A message must be some text.")
                return
            if too_long(text):
                await refuse(sid, "bad_message", TOO_LONG)
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
