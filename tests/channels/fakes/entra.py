"""A stand-in for one Entra ID tenant's sign-in: its v2.0 OpenID metadata, its published keys,
and ID tokens signed with a real RSA key, as an intranet page's sign-in library receives them.
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from tests.channels.fakes.base import FakeService, Reply, Request

KID = "entra-test-key"
OPENID_SUFFIX = "/v2.0/.well-known/openid-configuration"


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class FakeEntra(FakeService):
    def __init__(self, tenant_id: str, client_id: str) -> None:
        super().__init__()
        self.tenant_id = tenant_id
        self.client_id = client_id
        self.key = new_key()

    @property
    def openid_url(self) -> str:
        return f"{self.url}/{self.tenant_id}/v2.0/.well-known/openid-configuration"

    def issuer(self, tenant: str | None = None) -> str:
        return f"https://login.microsoftonline.com/{tenant or self.tenant_id}/v2.0"

    def handle(self, request: Request) -> Reply:
        if request.method == "GET" and request.path.endswith(OPENID_SUFFIX):
            tenant = request.path.split("/")[1]
            return Reply(200, {
                "issuer": self.issuer(tenant),
                "jwks_uri": f"{self.url}/{tenant}/discovery/v2.0/keys",
                "id_token_signing_alg_values_supported": ["RS256"],
            })
        if request.method == "GET" and request.path.endswith("/discovery/v2.0/keys"):
            jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
            return Reply(200, {"keys": [{**jwk, "kid": KID, "use": "sig"}]})
        return Reply(404, {"error": "not found"})

    def id_token(self, object_id: str, *, key: rsa.RSAPrivateKey | None = None,
                 tenant: str | None = None, **claims: Any) -> str:
        """An ID token for the person `object_id`; keyword arguments override claims."""
        now = int(time.time())
        tid = tenant or self.tenant_id
        body = {
            "iss": self.issuer(tid), "aud": self.client_id, "iat": now, "nbf": now,
            "exp": now + 3600, "tid": tid, "oid": object_id,
            "sub": str(uuid.uuid5(uuid.NAMESPACE_OID, object_id)),
            "preferred_username": "test.person@nhs.net", **claims,
        }
        return jwt.encode(body, key or self.key, algorithm="RS256", headers={"kid": KID})
