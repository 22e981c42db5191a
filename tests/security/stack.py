"""Pathfinder as deployed, with every channel on, against local stand-ins for Slack, Microsoft
(Bot Framework and the Teams tenant) and Entra ID sign-in; conversations and profiles in SQLite
files the tests read directly, so every check is made in the database, not only in a reply.

No `--enable-api`: the Rasa server is reachable only through its channels, as in production.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from sqlalchemy import text
from sqlalchemy.engine import Engine

from bot.addons.endpoints import endpoints_yaml
from knowledge.catalogue.loader import load
from knowledge.people import profiles as people
from knowledge.storage.db import make_engine
from tests.channels.fakes.entra import FakeEntra
from tests.channels.fakes.microsoft import ISSUER, FakeMicrosoft
from tests.channels.fakes.slack_api import FakeSlackApi
from tests.support.servers import (
    REPO,
    Server,
    base_env,
    free_port,
    running,
    start_action_server,
    start_rasa_server,
)

PERSON_KEY = "security-test-person-key-" + secrets.token_hex(16)
TENANT = str(uuid.uuid4())
APP_ID = str(uuid.uuid4())
APP_PASSWORD = secrets.token_urlsafe(24)
WIDGET_CLIENT_ID = str(uuid.uuid4())
SLACK_TOKEN = "xoxb-security-" + secrets.token_hex(8)
SLACK_SECRET = secrets.token_hex(16)
TEAM = "T0NHSTRUST"
INTRANET = "https://intranet.trust.example.nhs.uk"
TEAMS_KID, WIDE_KID, BARE_KID = "teams-key", "wide-key", "unendorsed-key"


def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def jwk_of(key: rsa.RSAPrivateKey, kid: str, endorsements: list[str] | None) -> dict[str, Any]:
    jwk = {**json.loads(RSAAlgorithm.to_jwk(key.public_key())), "kid": kid, "use": "sig"}
    return jwk if endorsements is None else {**jwk, "endorsements": endorsements}


@dataclass
class Stack:
    url: str
    actions_url: str
    knowledge: Engine
    trackers: Engine
    microsoft: FakeMicrosoft
    entra: FakeEntra
    slack: FakeSlackApi
    keys: dict[str, rsa.RSAPrivateKey]
    rasa: Server
    actions: Server

    # the databases ------------------------------------------------------------------------

    def events(self, conversation: str) -> list[tuple[str, str]]:
        """(type, data) of every stored event of a conversation, oldest first."""
        with self.trackers.connect() as conn:
            return [tuple(row) for row in conn.execute(
                text("SELECT type_name, data FROM events WHERE sender_id = :s ORDER BY id"),
                {"s": conversation},
            )]

    def profile(self, person: str) -> people.PersonProfile | None:
        return people.load_profile(self.knowledge, people.person_id(person, PERSON_KEY.encode()))

    # REST ---------------------------------------------------------------------------------

    def rest(self, sender: str, message: str, **extra: Any) -> requests.Response:
        return requests.post(f"{self.url}/webhooks/rest/webhook",
                             json={"sender": sender, "message": message, **extra}, timeout=60)

    # Teams --------------------------------------------------------------------------------

    def teams_token(self, kid: str = TEAMS_KID, **claims: Any) -> str:
        now = int(time.time())
        body = {"iss": ISSUER, "aud": APP_ID, "iat": now, "nbf": now - 5, "exp": now + 300,
                "serviceurl": self.microsoft.service_url, **claims}
        return jwt.encode(body, self.keys[kid], algorithm="RS256", headers={"kid": kid})

    def teams_activity(self, object_id: str, message: str, **fields: Any) -> dict[str, Any]:
        return {
            "type": "message", "id": uuid.uuid4().hex, "channelId": "msteams",
            "serviceUrl": self.microsoft.service_url,
            "from": {"id": f"29:{object_id}", "name": "Test User", "aadObjectId": object_id},
            "conversation": {"id": f"a:{object_id}", "conversationType": "personal",
                             "tenantId": TENANT},
            "recipient": {"id": f"28:{APP_ID}", "name": "Pathfinder"},
            "text": message, "textFormat": "plain", "locale": "en-GB",
            "channelData": {"tenant": {"id": TENANT}},
            **fields,
        }

    def teams(self, activity: dict[str, Any], token: str | None = None) -> requests.Response:
        return requests.post(
            f"{self.url}/webhooks/teams/webhook", json=activity, timeout=60,
            headers={"Authorization": f"Bearer {token or self.teams_token()}"},
        )

    # Slack --------------------------------------------------------------------------------

    def slack_event(self, user: str, channel: str, message: str) -> requests.Response:
        body = json.dumps({
            "token": "legacy", "team_id": TEAM, "api_app_id": "A0PATHFINDER",
            "type": "event_callback", "event_id": f"Ev{uuid.uuid4().hex[:10]}",
            "event_time": int(time.time()),
            "event": {"type": "message", "user": user, "text": message, "channel": channel,
                      "channel_type": "im", "ts": f"{time.time():.6f}", "team": TEAM},
        }).encode()
        return self.slack_post(body, "application/json")

    def slack_post(self, body: bytes, content_type: str) -> requests.Response:
        stamp = str(int(time.time()))
        digest = hmac.new(SLACK_SECRET.encode(), f"v0:{stamp}:".encode() + body, hashlib.sha256)
        headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": stamp,
                   "X-Slack-Signature": "v0=" + digest.hexdigest()}
        return requests.post(f"{self.url}/webhooks/slack/webhook", data=body, headers=headers,
                             timeout=30)

    # the widget ---------------------------------------------------------------------------

    def widget_session(self, id_token: str | None, origin: str | None = INTRANET
                       ) -> requests.Response:
        headers = {"Origin": origin} if origin else {}
        body = {"id_token": id_token} if id_token else {}
        return requests.post(f"{self.url}/webhooks/widget/session", json=body, headers=headers,
                             timeout=30)


@contextmanager
def security_stack(folder: Path) -> Iterator[Stack]:
    keys = {TEAMS_KID: rsa_key(), WIDE_KID: rsa_key(), BARE_KID: rsa_key()}
    microsoft = FakeMicrosoft(APP_ID, APP_PASSWORD, TENANT).start()
    microsoft.publish_key(jwk_of(keys[TEAMS_KID], TEAMS_KID, ["msteams"]))
    microsoft.publish_key(jwk_of(keys[WIDE_KID], WIDE_KID, ["msteams", "webchat", "directline"]))
    microsoft.publish_key(jwk_of(keys[BARE_KID], BARE_KID, None))
    entra = FakeEntra(TENANT, WIDGET_CLIENT_ID).start()
    slack = FakeSlackApi(SLACK_TOKEN).start()
    knowledge_url = f"sqlite:///{folder / 'knowledge.db'}"
    tracker_url = f"sqlite:///{folder / 'trackers.db'}"
    load(make_engine(knowledge_url))
    env = {
        "KNOWLEDGE_DB_URL": knowledge_url, "TRACKER_DB_URL": tracker_url,
        "PATHFINDER_PERSON_KEY": PERSON_KEY, "PATHFINDER_OFFLINE": "1",
        "PATHFINDER_WIDGET_SECRET": secrets.token_hex(32),
        "SLACK_BOT_TOKEN": SLACK_TOKEN, "SLACK_SIGNING_SECRET": SLACK_SECRET,
        "SLACK_API_URL": slack.api_url,
        "TEAMS_APP_ID": APP_ID, "TEAMS_APP_PASSWORD": APP_PASSWORD, "TEAMS_TENANT_ID": TENANT,
        "TEAMS_OPENID_URL": microsoft.openid_url, "TEAMS_TOKEN_URL": microsoft.token_url,
        "PATHFINDER_WIDGET_AUTH": "entra", "PATHFINDER_ENTRA_TENANT_ID": TENANT,
        "PATHFINDER_ENTRA_CLIENT_ID": WIDGET_CLIENT_ID,
        "PATHFINDER_ENTRA_OPENID_URL": entra.openid_url,
        "PATHFINDER_ALLOWED_ORIGINS": INTRANET,
    }
    credentials = folder / "credentials.yml"
    subprocess.run([sys.executable, "-m", "bot.channels.enabled", str(credentials)], cwd=REPO,
                   env=base_env(**env), check=True, capture_output=True, timeout=30)
    action_port = free_port()
    endpoints = folder / "endpoints.yml"
    endpoints.write_text(endpoints_yaml(
        {**env, "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{action_port}/webhook"}
    ))
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            futures = [pool.submit(start_action_server, action_port, **env),
                       pool.submit(start_rasa_server, endpoints, credentials, **env)]
            started = [f.result() for f in futures if f.exception() is None]
            if len(started) < 2:
                for server in started:
                    server.stop()
                raise next(f.exception() for f in futures if f.exception() is not None)
        actions, rasa = started
        with running(actions, rasa):
            yield Stack(rasa.url, actions.url, make_engine(knowledge_url),
                        make_engine(tracker_url), microsoft, entra, slack, keys, rasa, actions)
    finally:
        for fake in (microsoft, entra, slack):
            fake.stop()


class WidgetClient:
    """A socket.io client speaking to the widget channel as the page's script does."""

    def __init__(self, stack: Stack, origin: str = INTRANET) -> None:
        import socketio

        self.received: list[tuple[str, Any]] = []
        self._client = socketio.Client(reconnection=False)
        for event in ("session_confirm", "history", "bot_uttered", "pathfinder_error"):
            self._client.on(event, lambda data, event=event: self.received.append((event, data)))
        self._client.connect(stack.url, headers={"Origin": origin}, transports=["polling"],
                             socketio_path="/socket.io", wait_timeout=10)

    def emit(self, event: str, data: dict[str, Any]) -> None:
        self._client.emit(event, data)

    def wait(self, event: str, count: int = 1, timeout: float = 60) -> list[Any]:
        """The data of the first `count` events of this kind, waiting for them."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [data for name, data in self.received if name == event]
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"no {event} within {timeout} s; received {self.received}")

    def texts(self) -> str:
        return "\n".join(str((d or {}).get("text") or "") for n, d in self.received
                         if n == "bot_uttered")

    def close(self) -> None:
        self._client.disconnect()
