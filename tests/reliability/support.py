"""What the reliability tests share: the Pathfinder launcher, a REST client, a silent server."""

from __future__ import annotations

import json
import queue
import socket
import threading
import uuid
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote

import requests
import socketio

from knowledge.people.identity import rest_conversation
from tests.support.servers import (
    MODEL,
    VENV_BIN,
    Server,
    _spawn,
    base_env,
    free_port,
)

STRICT_REST = "bot.channels.rest.PathfinderRestInput"
ROLE = "I'm a reporting radiographer and we use an AI tool that flags fractures"


def start_pathfinder(
    endpoints: Path, credentials: Path, extra_args: list[str] | None = None, **env: str
) -> Server:
    """The Rasa server as Pathfinder runs it: `python -m bot.addons.rasa_run`."""
    port = free_port()
    args = [
        str(VENV_BIN / "python"), "-m", "bot.addons.rasa_run", "--model", str(MODEL),
        "--port", str(port), "--interface", "127.0.0.1", "--endpoints", str(endpoints),
        "--credentials", str(credentials), *(extra_args or []),
    ]
    return _spawn("rasa", args, base_env(**env), f"http://127.0.0.1:{port}", "/", timeout=180)


def closed_port() -> int:
    """A loopback port with nothing listening on it (connections are refused)."""
    return free_port()


class Chat:
    """One conversation over the REST webhook."""

    def __init__(self, server_url: str, prefix: str = "rel") -> None:
        self.base = server_url
        self.url = f"{server_url}/webhooks/rest/webhook"
        self.sender = f"{prefix}-{uuid.uuid4().hex[:8]}"

    def post(self, text: str, timeout: float = 60) -> requests.Response:
        return requests.post(self.url, json={"sender": self.sender, "message": text},
                             timeout=timeout)

    def say(self, text: str, timeout: float = 60) -> list[dict[str, Any]]:
        response = self.post(text, timeout)
        assert response.status_code == 200, response.text
        messages = response.json()
        assert messages, f"no reply to {text!r}"
        return messages

    def slots(self) -> dict[str, Any]:
        """The conversation's slots, from Rasa's HTTP API (the server runs --enable-api)."""
        conversation = quote(rest_conversation(self.sender), safe=":")
        response = requests.get(f"{self.base}/conversations/{conversation}/tracker", timeout=30)
        response.raise_for_status()
        return response.json()["slots"]


def texts(messages: list[dict[str, Any]]) -> str:
    return "\n".join(m.get("text", "") for m in messages)


def card(messages: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    found = [m["custom"] for m in messages if m.get("custom", {}).get("type") == kind]
    assert found, f"no {kind} card in {messages}"
    return found[0]


class SilentServer:
    """Accepts TCP connections on a port and never answers: an action server that hangs."""

    def __init__(self, port: int) -> None:
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.held: list[socket.socket] = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.held.append(conn)

    def close(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=5)
        self.sock.close()
        for conn in self.held:
            conn.close()


class WidgetClient:
    """A raw socket.io client of the web widget channel, holding one signed session.

    It talks over a websocket, as the widget in a browser does once connected, so every
    message is its own frame.
    """

    EVENTS = ("pathfinder_error", "bot_uttered")

    def __init__(self, server_url: str) -> None:
        self.events: queue.Queue[tuple[str, Any]] = queue.Queue()
        self.client = socketio.Client(reconnection=False)
        for name in (*self.EVENTS, "session_confirm"):
            self.client.on(name, self._recorder(name))
        token = requests.post(f"{server_url}/webhooks/widget/session", timeout=10).json()["token"]
        self.client.connect(server_url, transports=["websocket"], socketio_path="/socket.io",
                            wait_timeout=10)
        self.client.emit("session_request", {"token": token})
        name, self.sender = self.next_event(timeout=20)
        assert name == "session_confirm", name

    def _recorder(self, name: str) -> Callable[[Any], None]:
        def record(data: Any = None) -> None:
            self.events.put((name, data))
        return record

    def send(self, data: Any) -> None:
        self.client.emit("user_uttered", data)

    def next_event(self, timeout: float = 30) -> tuple[str, Any]:
        try:
            return self.events.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no widget event within {timeout} s") from None

    @property
    def connected(self) -> bool:
        return self.client.connected

    def close(self) -> None:
        if self.client.connected:
            self.client.disconnect()


class FixedReplyServer:
    """An HTTP server on a port that answers every POST with the same JSON: a broken action
    server that sends a malformed answer."""

    def __init__(self, port: int, body: dict[str, Any]) -> None:
        payload = json.dumps(body).encode()

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server naming
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *_: Any) -> None:
                return

        ThreadingHTTPServer.allow_reuse_address = True
        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
