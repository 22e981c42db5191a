"""Signed session tokens for the web widget.

Rasa's stock socket channel lets the browser choose its own sender id, so anyone who learns
another person's id can join that conversation. The widget instead receives a token from the
server whose subject is a random id (anonymous) or `entra:<tenant>:<object id>` (signed in,
widget_signin); the token is HMAC-signed with a server secret and expires, so a client can
neither choose nor forge a subject. `iat` (milliseconds) lets "forget me" revoke every token
issued until then.

Format: ``v1.<base64url JSON {"sub", "exp", "iat"[, "idsub"]}>.<base64url HMAC-SHA256 of
"v1.<payload>">``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

logger = logging.getLogger(__name__)

SECRET_ENV = "PATHFINDER_WIDGET_SECRET"
MIN_SECRET_LENGTH = 32
VERSION = "v1"
MAX_TOKEN_LENGTH = 1024
SUBJECT_PATTERN = re.compile(r"^(?:[0-9a-f]{32}|entra:[0-9A-Za-z-]{1,64}:[0-9A-Za-z-]{1,64})$")


class TokenError(Exception):
    """A token that must be refused; `code` is "expired" or "invalid"."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class IssuedToken:
    token: str
    subject: str
    expires_at: int


@dataclass(frozen=True)
class VerifiedToken:
    subject: str
    issued_ms: int  # when it was issued, in milliseconds since the epoch


def _b64encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def secret_from_env() -> bytes:
    """The signing secret: shared by every server instance when set, else random per process."""
    configured = os.environ.get(SECRET_ENV, "")
    if not configured:
        logger.warning(
            "%s is not set: widget conversations will not survive a server restart and will "
            "not work across several Rasa instances. Set it to a long random value.",
            SECRET_ENV,
        )
        return secrets.token_bytes(32)
    if len(configured) < MIN_SECRET_LENGTH:
        raise ValueError(
            f"{SECRET_ENV} is too short: use at least {MIN_SECRET_LENGTH} random characters "
            "(for example the output of `openssl rand -hex 32`)."
        )
    return configured.encode("utf-8")


class TokenSigner:
    """Issues and verifies widget session tokens."""

    def __init__(
        self, secret: bytes, ttl_seconds: int, clock: Callable[[], float] = time.time
    ) -> None:
        if ttl_seconds <= 0:
            raise ValueError("the widget token lifetime must be a positive number of seconds")
        self._secret = secret
        self._ttl = ttl_seconds
        self._clock = clock

    def _signature(self, signed_part: str) -> str:
        digest = hmac.new(self._secret, signed_part.encode("ascii"), hashlib.sha256).digest()
        return _b64encode(digest)

    @property
    def ttl_seconds(self) -> int:
        return self._ttl

    def sign(self, subject: str, expires_at: int, issued_ms: int | None = None,
             id_subject: str | None = None) -> str:
        claims: dict[str, object] = {"sub": subject, "exp": expires_at,
                                     "iat": int(self._clock() * 1000) if issued_ms is None
                                     else issued_ms}
        if id_subject:
            claims["idsub"] = id_subject  # the Entra ID token's own subject, for the record
        payload = _b64encode(json.dumps(claims).encode("utf-8"))
        signed_part = f"{VERSION}.{payload}"
        return f"{signed_part}.{self._signature(signed_part)}"

    def issue(self, subject: str | None = None, id_subject: str | None = None) -> IssuedToken:
        """A session for `subject` (a signed-in person), else a random one nobody can guess."""
        subject = subject or secrets.token_hex(16)
        expires_at = int(self._clock()) + self._ttl
        return IssuedToken(self.sign(subject, expires_at, id_subject=id_subject), subject,
                           expires_at)

    def verify(self, token: object) -> str:
        """The token's subject, or `TokenError` saying why it is refused."""
        return self.verify_token(token).subject

    def verify_token(self, token: object) -> VerifiedToken:
        """The token's subject and issue time, or `TokenError` saying why it is refused."""
        if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_LENGTH:
            raise TokenError("invalid", "The session token is missing or malformed.")
        parts = token.split(".")
        if len(parts) != 3 or parts[0] != VERSION:
            raise TokenError("invalid", "The session token is malformed.")
        expected = self._signature(f"{parts[0]}.{parts[1]}")
        if not hmac.compare_digest(expected, parts[2]):
            raise TokenError("invalid", "The session token was not issued by this server.")
        try:
            claims = json.loads(_b64decode(parts[1]))
        except (binascii.Error, ValueError) as err:
            raise TokenError("invalid", "The session token is malformed.") from err
        subject = claims.get("sub") if isinstance(claims, dict) else None
        expires_at = claims.get("exp") if isinstance(claims, dict) else None
        if not isinstance(subject, str) or not SUBJECT_PATTERN.match(subject):
            raise TokenError("invalid", "The session token is malformed.")
        if not isinstance(expires_at, int) or expires_at <= self._clock():
            raise TokenError("expired", "The session has expired.")
        issued_ms = claims.get("iat")
        return VerifiedToken(subject, issued_ms if isinstance(issued_ms, int) else 0)
