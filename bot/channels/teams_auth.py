"""Bot Framework authentication for the Teams channel, without Rasa.

Inbound: the JWT Microsoft sends with each activity is checked in full (RS256 signature from the
published keys, issuer, audience, expiry, not-before, the serviceurl claim, and a key endorsed
for Teams), and the activity itself must come from Teams (`channelId` msteams, not Direct Line
or Web Chat, where the client picks its own `from.id`) in our tenant, from an Entra ID user.
Keys are fetched lazily and asynchronously, cached, and refreshed for an unknown key id at most
once per interval.
Outbound: a client-credentials token from the bot's own tenant, cached per channel instance.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import jwt
from jwt.algorithms import RSAAlgorithm

logger = logging.getLogger(__name__)

BOT_FRAMEWORK_ISSUER = "https://api.botframework.com"
BOT_FRAMEWORK_SCOPE = "https://api.botframework.com/.default"
DEFAULT_OPENID_URL = "https://login.botframework.com/v1/.well-known/openidconfiguration"
TOKEN_URL_TEMPLATE = "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token"
REQUIRED_ENV = ("TEAMS_APP_ID", "TEAMS_APP_PASSWORD", "TEAMS_TENANT_ID")
TEAMS_CHANNEL_ID = "msteams"

SessionFactory = Callable[[], Awaitable[aiohttp.ClientSession]]


class AuthError(Exception):
    """The request's token is missing or not acceptable (answered with 401)."""


class ActivityRefused(Exception):
    """A validly signed activity from another channel, tenant or kind of user (answered 403)."""


class KeysUnavailable(Exception):
    """Microsoft's signing keys could not be fetched and none are cached (answered with 503)."""


@dataclass(frozen=True)
class TeamsSettings:
    app_id: str
    app_password: str = field(repr=False)
    tenant_id: str
    openid_url: str = DEFAULT_OPENID_URL
    token_url: str = ""
    leeway_seconds: int = 120
    key_refresh_seconds: int = 60
    key_max_age_seconds: int = 24 * 3600

    @classmethod
    def from_env(
        cls, env: Mapping[str, str] | None = None, options: Mapping[str, Any] | None = None
    ) -> TeamsSettings:
        """Read the TEAMS_* variables; `options` may tune the non-secret timings."""
        env = os.environ if env is None else env
        missing = [name for name in REQUIRED_ENV if not env.get(name)]
        if missing:
            raise ValueError(
                f"Teams needs {', '.join(missing)} in the environment (see docs/channels.md)."
            )
        tenant = env["TEAMS_TENANT_ID"]
        timings = {
            key: int(value)
            for key, value in (options or {}).items()
            if key in ("leeway_seconds", "key_refresh_seconds", "key_max_age_seconds")
        }
        return cls(
            app_id=env["TEAMS_APP_ID"],
            app_password=env["TEAMS_APP_PASSWORD"],
            tenant_id=tenant,
            openid_url=env.get("TEAMS_OPENID_URL") or DEFAULT_OPENID_URL,
            token_url=env.get("TEAMS_TOKEN_URL") or TOKEN_URL_TEMPLATE.format(tenant=tenant),
            **timings,
        )


class SigningKeys:
    """Microsoft's published signing keys, fetched on first use and cached."""

    def __init__(
        self, openid_url: str, session: SessionFactory, max_age: float, refresh_interval: float
    ) -> None:
        self._openid_url = openid_url
        self._session = session
        self._max_age = max_age
        self._refresh_interval = refresh_interval
        self._keys: dict[str, dict[str, Any]] = {}
        self._fetched_at: float | None = None
        self._attempted_at: float | None = None
        self._lock = asyncio.Lock()

    async def get(self, kid: str) -> dict[str, Any] | None:
        """The JWK for `kid`, or None if Microsoft does not publish it."""
        if self._needs_refresh(kid):
            async with self._lock:
                if self._needs_refresh(kid):
                    await self._refresh()
        if not self._keys:
            raise KeysUnavailable("Bot Framework signing keys are unavailable")
        return self._keys.get(kid)

    def _needs_refresh(self, kid: str) -> bool:
        now = time.monotonic()
        if self._attempted_at is not None and now - self._attempted_at < self._refresh_interval:
            return False  # at most one fetch per interval, whatever prompted it
        stale = self._fetched_at is None or now - self._fetched_at > self._max_age
        return stale or kid not in self._keys

    async def _refresh(self) -> None:
        self._attempted_at = time.monotonic()
        try:
            session = await self._session()
            async with session.get(self._openid_url) as reply:
                reply.raise_for_status()
                metadata = await reply.json(content_type=None)
            async with session.get(metadata["jwks_uri"]) as reply:
                reply.raise_for_status()
                published = await reply.json(content_type=None)
            keys = {k["kid"]: k for k in published["keys"] if k.get("kid")}
        except (aiohttp.ClientError, asyncio.TimeoutError, KeyError, TypeError, ValueError) as err:
            logger.warning("Could not fetch Bot Framework signing keys: %s", type(err).__name__)
            return
        self._keys = keys
        self._fetched_at = time.monotonic()
        logger.debug("Fetched %d Bot Framework signing keys.", len(keys))


class TokenValidator:
    """Checks a Bot Framework bearer token against the activity it came with."""

    def __init__(self, settings: TeamsSettings, keys: SigningKeys) -> None:
        self._settings = settings
        self._keys = keys

    async def validate(self, authorization: str | None, activity: Mapping[str, Any]) -> dict:
        """The token's claims, or AuthError saying why it was refused."""
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthError("no bearer token")
        token = token.strip()
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as err:
            raise AuthError("malformed token") from err
        if header.get("alg") != "RS256":
            raise AuthError("unexpected signing algorithm")
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise AuthError("token names no key")
        jwk = await self._keys.get(kid)
        if jwk is None:
            raise AuthError("unknown signing key")
        try:
            claims = jwt.decode(
                token,
                key=RSAAlgorithm.from_jwk(json.dumps(jwk)),
                algorithms=["RS256"],
                audience=self._settings.app_id,
                issuer=BOT_FRAMEWORK_ISSUER,
                leeway=self._settings.leeway_seconds,
                options={"require": ["exp", "iss", "aud"]},
            )
        except jwt.PyJWTError as err:
            raise AuthError(f"token rejected ({type(err).__name__})") from err
        service_url = str(activity.get("serviceUrl") or "")
        claimed = str(claims.get("serviceurl") or "")
        if not claimed or claimed.rstrip("/") != service_url.rstrip("/"):
            raise AuthError("serviceurl claim does not match the activity")
        endorsements = jwk.get("endorsements")
        if not isinstance(endorsements, list) or activity.get("channelId") not in endorsements:
            raise AuthError("signing key is not endorsed for this channel")
        return claims


def activity_identity(settings: TeamsSettings, activity: Mapping[str, Any]) -> tuple[str, str]:
    """(tenant id, Entra object id) of the activity's sender, or ActivityRefused saying why."""
    if activity.get("channelId") != TEAMS_CHANNEL_ID:
        raise ActivityRefused("the activity did not come from Microsoft Teams")
    tenant = ((activity.get("channelData") or {}).get("tenant") or {}).get("id")
    if tenant != settings.tenant_id:
        raise ActivityRefused("the activity comes from another tenant")
    object_id = (activity.get("from") or {}).get("aadObjectId")
    if not isinstance(object_id, str) or not object_id:
        raise ActivityRefused("the sender has no Entra ID object id")
    return tenant, object_id


class AccessTokens:
    """Outbound bearer tokens from the bot's tenant, reused until shortly before expiry."""

    def __init__(self, settings: TeamsSettings, session: SessionFactory) -> None:
        self._settings = settings
        self._session = session
        self._token: str | None = None
        self._expires_at = 0.0
        self._lock = asyncio.Lock()

    async def bearer(self) -> str | None:
        if self._token and time.monotonic() < self._expires_at:
            return self._token
        async with self._lock:
            if self._token and time.monotonic() < self._expires_at:
                return self._token
            await self._fetch()
        return self._token

    def invalidate(self) -> None:
        self._token = None

    async def _fetch(self) -> None:
        form = {
            "grant_type": "client_credentials",
            "client_id": self._settings.app_id,
            "client_secret": self._settings.app_password,
            "scope": BOT_FRAMEWORK_SCOPE,
        }
        try:
            session = await self._session()
            async with session.post(self._settings.token_url, data=form) as reply:
                if reply.status != 200:
                    logger.error("Teams token request refused (HTTP %d).", reply.status)
                    return
                data = await reply.json(content_type=None)
            self._token = str(data["access_token"])
            lifetime = float(data.get("expires_in", 3600))
        except (aiohttp.ClientError, asyncio.TimeoutError, KeyError, TypeError, ValueError) as err:
            logger.error("Teams token request failed: %s", type(err).__name__)
            return
        self._expires_at = time.monotonic() + max(lifetime - 300, lifetime / 2)
