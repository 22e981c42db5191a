"""A stand-in for Slack's Web API: checks the bot token, enforces Block Kit limits, records calls.

Answers the way Slack does: HTTP 200 with {"ok": false, "error": ...} for a bad token or bad
blocks, so a channel that breaks Slack's rules fails here as it would in production.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from typing import Any

from tests.channels.fakes.base import FakeService, Reply, Request


@dataclass
class ApiCall:
    method: str
    params: dict[str, Any]
    authorized: bool
    error: str | None


class FakeSlackApi(FakeService):
    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token
        self.calls: list[ApiCall] = []
        self.uploads: dict[str, bytes] = {}
        self._ids = itertools.count(1)

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def handle(self, request: Request) -> Reply:
        if request.path.startswith("/upload/"):
            self.uploads[request.path.rsplit("/", 1)[-1]] = request.body
            return Reply(200, f"OK - {len(request.body)}")
        if not request.path.startswith("/api/") or request.method != "POST":
            return Reply(404, {"ok": False, "error": "unknown_method"})
        method = request.path[len("/api/"):]
        params = {**request.query, **self._body(request)}
        authorized = request.headers.get("authorization") == f"Bearer {self.token}"
        error = None if authorized else "invalid_auth"
        if error is None:
            error = self._check(method, params)
        self.calls.append(ApiCall(method, params, authorized, error))
        if error:
            return Reply(200, {"ok": False, "error": error})
        return Reply(200, self._answer(method, params))

    @staticmethod
    def _body(request: Request) -> dict[str, Any]:
        content_type = request.headers.get("content-type", "")
        if not request.body:
            return {}
        if content_type.startswith("application/json"):
            return request.json()
        return request.form()

    @staticmethod
    def _check(method: str, params: dict[str, Any]) -> str | None:
        if method == "chat.postMessage":
            if not params.get("channel"):
                return "channel_not_found"
            if not params.get("text") and not params.get("blocks"):
                return "no_text"
            return _block_error(params.get("blocks") or [])
        if method == "chat.postEphemeral" and not (
            params.get("channel") and params.get("user") and params.get("text")
        ):
            return "invalid_arguments"
        if method == "conversations.open" and not params.get("users"):
            return "invalid_arguments"
        if method == "files.getUploadURLExternal" and not params.get("filename"):
            return "invalid_arguments"
        if method == "files.completeUploadExternal" and not params.get("files"):
            return "invalid_arguments"
        if method == "conversations.open" and not str(params.get("users", "")).startswith("U"):
            return "user_not_found"
        return None

    def _answer(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        ts = f"1700000000.{next(self._ids):06d}"
        if method == "chat.postMessage":
            return {"ok": True, "channel": params["channel"], "ts": ts,
                    "message": {"text": params.get("text", ""), "ts": ts}}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": self.direct_channel(params["users"])}}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method == "files.getUploadURLExternal":
            file_id = f"F{next(self._ids):08d}"
            return {"ok": True, "upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id}
        if method == "files.completeUploadExternal":
            files = json.loads(params["files"])
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]}
        if method == "conversations.open":  # a direct message with the one user named
            return {"ok": True, "channel": {"id": f"D{params['users']}"}}
        return {"ok": True}

    @staticmethod
    def direct_channel(user: str) -> str:
        """The id of the bot's direct-message channel with `user` (stable, as in Slack)."""
        return "D" + user.removeprefix("U")

    # What the tests read -------------------------------------------------------------------

    def ephemerals(self, channel: str) -> list[dict[str, Any]]:
        """Accepted chat.postEphemeral calls in one channel, oldest first."""
        return self.snapshot(lambda: [
            c.params for c in self.calls
            if c.method == "chat.postEphemeral" and c.error is None
            and c.params.get("channel") == channel
        ])

    def posts(self, channel: str) -> list[dict[str, Any]]:
        """Accepted chat.postMessage calls to one channel, oldest first."""
        return self.snapshot(lambda: [
            c.params for c in self.calls
            if c.method == "chat.postMessage" and c.error is None
            and c.params.get("channel") == channel
        ])

    def failures(self) -> list[ApiCall]:
        return self.snapshot(lambda: [c for c in self.calls if c.error])

    def completed_uploads(self, channel: str) -> list[dict[str, Any]]:
        return self.snapshot(lambda: [
            c.params for c in self.calls
            if c.method == "files.completeUploadExternal" and c.error is None
            and c.params.get("channel_id") == channel
        ])


def _block_error(blocks: list[dict[str, Any]]) -> str | None:
    """The limits Slack documents for the blocks Pathfinder uses."""
    if len(blocks) > 50:
        return "invalid_blocks"
    for block in blocks:
        kind = block.get("type")
        text = (block.get("text") or {}).get("text", "")
        if kind == "header" and (len(text) > 150 or block["text"].get("type") != "plain_text"):
            return "invalid_blocks"
        if kind == "section" and not 0 < len(text) <= 3000:
            return "invalid_blocks"
        if kind == "actions":
            elements = block.get("elements") or []
            if not 0 < len(elements) <= 25:
                return "invalid_blocks"
            ids = [e.get("action_id") for e in elements]
            if len(set(ids)) != len(ids):
                return "invalid_blocks"
            for element in elements:
                if len(element["text"]["text"]) > 75 or len(element.get("value", "")) > 2000:
                    return "invalid_blocks"
        if kind == "context" and not 0 < len(block.get("elements") or []) <= 10:
            return "invalid_blocks"
    return None


def blocks_of(post: dict[str, Any]) -> list[dict[str, Any]]:
    blocks = post.get("blocks") or []
    return json.loads(blocks) if isinstance(blocks, str) else blocks


def buttons_of(post: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for b in blocks_of(post) if b["type"] == "actions" for e in b["elements"]]
