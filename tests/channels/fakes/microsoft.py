"""Stand-ins for the Microsoft services a Teams bot talks to, on one local port.

- OpenID metadata and JWKS of the Bot Framework (keys supplied by the test),
- the Entra ID token endpoint of one tenant (checks client id and secret),
- the Bot Connector API `/v3/conversations/{id}/activities` (checks the bearer token issued
  above and records the activities),
- a OneDrive upload address (`PUT /upload/{id}`) for the file consent flow.
"""

from __future__ import annotations

import itertools
import re
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from tests.channels.fakes.base import FakeService, Reply, Request

OPENID_PATH = "/v1/.well-known/openidconfiguration"
KEYS_PATH = "/v1/.well-known/keys"
ISSUER = "https://api.botframework.com"
SCOPE = "https://api.botframework.com/.default"
_ACTIVITIES = re.compile(r"^/v3/conversations/([^/]+)/activities/?$")


@dataclass
class Posted:
    conversation_id: str
    activity: dict[str, Any]


class FakeMicrosoft(FakeService):
    def __init__(self, app_id: str, app_password: str, tenant_id: str) -> None:
        super().__init__()
        self.app_id = app_id
        self.app_password = app_password
        self.tenant_id = tenant_id
        self.jwks: list[dict[str, Any]] = []
        self.issued: set[str] = set()
        self.hits: dict[str, int] = {"openid": 0, "keys": 0, "token": 0, "token_refused": 0}
        self.posted: list[Posted] = []
        self.refused_posts = 0
        self.uploads: dict[str, tuple[bytes, str]] = {}  # OneDrive upload id -> body, range
        self._ids = itertools.count(1)

    @property
    def openid_url(self) -> str:
        return self.url + OPENID_PATH

    @property
    def token_url(self) -> str:
        return f"{self.url}/{self.tenant_id}/oauth2/v2.0/token"

    @property
    def service_url(self) -> str:
        return self.url + "/"

    def publish_key(self, jwk: dict[str, Any]) -> None:
        self.snapshot(lambda: self.jwks.append(jwk))

    def handle(self, request: Request) -> Reply:
        if request.method == "GET" and request.path == OPENID_PATH:
            self.hits["openid"] += 1
            return Reply(200, {
                "issuer": ISSUER,
                "authorization_endpoint": f"{self.url}/v1/.well-known/authorize",
                "jwks_uri": self.url + KEYS_PATH,
                "id_token_signing_alg_values_supported": ["RS256"],
                "token_endpoint_auth_methods_supported": ["private_key_jwt"],
            })
        if request.method == "GET" and request.path == KEYS_PATH:
            self.hits["keys"] += 1
            return Reply(200, {"keys": list(self.jwks)})
        if request.method == "POST" and request.path.endswith("/oauth2/v2.0/token"):
            return self._token(request)
        if request.method == "PUT" and request.path.startswith("/upload/"):
            # a OneDrive upload session, as a file consent's uploadUrl points at
            name = request.path.rsplit("/", 1)[-1]
            self.uploads[name] = (request.body, request.headers.get("content-range", ""))
            return Reply(201, {"id": name, "name": name})
        match = _ACTIVITIES.match(request.path)
        if request.method == "POST" and match:
            return self._activity(unquote(match.group(1)), request)
        return Reply(404, {"error": "not found"})

    def _token(self, request: Request) -> Reply:
        tenant = request.path.split("/")[1]
        form = request.form()
        if tenant != self.tenant_id:
            self.hits["token_refused"] += 1
            return Reply(400, {"error": "invalid_request", "error_description": "AADSTS90002"})
        if (
            form.get("grant_type") != "client_credentials"
            or form.get("client_id") != self.app_id
            or form.get("client_secret") != self.app_password
            or form.get("scope") != SCOPE
        ):
            self.hits["token_refused"] += 1
            return Reply(401, {"error": "invalid_client", "error_description": "AADSTS7000215"})
        self.hits["token"] += 1
        token = secrets.token_urlsafe(24)
        self.issued.add(token)
        return Reply(200, {"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599,
                           "access_token": token})

    def _activity(self, conversation_id: str, request: Request) -> Reply:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme != "Bearer" or token not in self.issued:
            self.refused_posts += 1
            return Reply(401, {"message": "Authorization has been denied for this request."})
        self.posted.append(Posted(conversation_id, request.json()))
        return Reply(200, {"id": f"activity-{next(self._ids)}"})

    # What the tests read -------------------------------------------------------------------

    def activities(self, conversation_id: str) -> list[dict[str, Any]]:
        return self.snapshot(
            lambda: [p.activity for p in self.posted if p.conversation_id == conversation_id]
        )

    def count(self, name: str) -> int:
        return self.snapshot(lambda: self.hits[name])
