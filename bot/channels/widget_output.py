"""What the widget channel sends to the browser, live and when a conversation is replayed.

Rasa's `SocketIOOutput.send_custom_json` passes the message's keys to `emit` as keyword
arguments, so the actions' cards (`json_message`) never reach the page; and it ignores the
channel's namespace. The widget wraps a card as `{"custom": {...}}` instead, and every
message goes through `_send_message`, so a replay renders exactly what the live page saw.
"""

from __future__ import annotations

from typing import Any

from rasa.core.channels.socketio import SocketIOOutput
from socketio import AsyncServer

CHANNEL_NAME = "widget"


class WidgetOutput(SocketIOOutput):
    """Emits each message to the conversation's room (every tab showing that conversation)."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL_NAME

    def __init__(self, sio: AsyncServer, bot_message_evt: str, namespace: str | None) -> None:
        super().__init__(sio, bot_message_evt)
        self.namespace = namespace

    async def _send_message(self, socket_id: str, response: Any) -> None:
        await self.sio.emit(
            self.bot_message_evt, response, room=socket_id, namespace=self.namespace
        )

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        await self._send_message(recipient_id, {"custom": json_message})


class RecordingOutput(WidgetOutput):
    """Collects the messages instead of emitting them, to rebuild a conversation's history."""

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    async def _send_message(self, socket_id: str, response: Any) -> None:
        self.sent.append(response)
