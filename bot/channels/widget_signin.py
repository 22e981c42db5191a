"""Who may open a widget session: anonymous visitors, or staff signed in with Entra ID; and from
which web pages (origins).

PATHFINDER_WIDGET_AUTH=anonymous (the default) gives every visitor a random session, for
intranets without sign-in. PATHFINDER_WIDGET_AUTH=entra requires an OpenID Connect ID token
from the intranet page's own Entra ID sign-in, checked like a Teams token: RS256 signature
against the tenant's published keys, issuer, audience (the intranet app's client id), expiry and
tenant. The session is then bound to the token's tenant and object id (`entra:<tid>:<oid>`,
the id Teams carries too, so the person has one profile in both) and to its subject.

    PATHFINDER_ENTRA_TENANT_ID   the tenant whose staff may sign in
    PATHFINDER_ENTRA_CLIENT_ID   the intranet app registration the ID tokens are issued to
    PATHFINDER_ENTRA_OPENID_URL  optional; default the tenant's v2.0 OpenID configuration

PATHFINDER_ALLOWED_ORIGINS (comma-separated, such as https://intranet.trust.nhs.uk) limits the
pages whose scripts may open sessions and sockets; unset, only the server's own origin may.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jwt
from jwt.algorithms import RSAAlgorithm

from bot.channels.teams_auth import SessionFactory, SigningKeys
from knowledge.people.identity import IdentityError, entra_subject

logger = logging.getLogger(__name__)

AUTH_ENV = "PATHFINDER_WIDGET_AUTH"
TENANT_ENV = "PATHFINDER_ENTRA_TENANT_ID"
CLIENT_ENV = "PATHFINDER_ENTRA_CLIENT_ID"
OPENID_ENV = "PATHFINDER_ENTRA_OPENID_URL"
ORIGINS_ENV = "PATHFINDER_ALLOWED_ORIGINS"
ANONYMOUS, ENTRA = "anonymous", "entra"
OPENID_TEMPLATE = "https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration"
ISSUER_TEMPLATE = "https://login.microsoftonline.com/{tenant}/v2.0"
MAX_ID_TOKEN_LENGTH = 16 * 1024
LEEWAY_SECONDS = 120
KEY_REFRESH_SECONDS = 60
KEY_MAX_AGE_SECONDS = 24 * 3600


class SignInRefused(Exception):
    """No acceptable sign-in; `message` is safe to show the page."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class EntraSettings:
    tenant_id: str
    client_id: str
    openid_url: str

    @property
    def issuer(self) -> str:
        return ISSUER_TEMPLATE.format(tenant=self.tenant_id)


@dataclass(frozen=True)
class SignedIn:
    subject: str  # the widget token subject, `entra:<tid>:<oid>`
    id_subject: str  # the ID token's own `sub`, recorded in the session token


def widget_auth(env: Mapping[str, str] | None = None) -> EntraSettings | None:
    """None for anonymous sessions; the Entra settings when sign-in is required."""
    env = os.environ if env is None else env
    mode = (env.get(AUTH_ENV) or ANONYMOUS).strip().lower()
    if mode == ANONYMOUS:
        return None
    if mode != ENTRA:
        raise ValueError(f"{AUTH_ENV} must be {ANONYMOUS!r} or {ENTRA!r}, not {mode!r}.")
    missing = [name for name in (TENANT_ENV, CLIENT_ENV) if not env.get(name)]
    if missing:
        raise ValueError(f"{AUTH_ENV}=entra needs {', '.join(missing)} (see docs/security.md).")
    tenant = env[TENANT_ENV]
    return EntraSettings(tenant, env[CLIENT_ENV],
                         env.get(OPENID_ENV) or OPENID_TEMPLATE.format(tenant=tenant))


class EntraSignIn:
    """Validates Entra ID tokens from the intranet page."""

    def __init__(self, settings: EntraSettings, session: SessionFactory) -> None:
        self.settings = settings
        self.keys = SigningKeys(settings.openid_url, session, KEY_MAX_AGE_SECONDS,
                                KEY_REFRESH_SECONDS)

    async def sign_in(self, id_token: object) -> SignedIn:
        if not isinstance(id_token, str) or not id_token or len(id_token) > MAX_ID_TOKEN_LENGTH:
            raise SignInRefused("Please sign in to use Pathfinder.")
        try:
            header = jwt.get_unverified_header(id_token)
        except jwt.PyJWTError as err:
            raise SignInRefused("The sign-in token is malformed.") from err
        kid = header.get("kid")
        if header.get("alg") != "RS256" or not isinstance(kid, str) or not kid:
            raise SignInRefused("The sign-in token is not signed by Entra ID.")
        jwk = await self.keys.get(kid)
        if jwk is None:
            raise SignInRefused("The sign-in token is not signed by Entra ID.")
        try:
            claims: dict[str, Any] = jwt.decode(
                id_token,
                key=RSAAlgorithm.from_jwk(json.dumps(jwk)),
                algorithms=["RS256"],
                audience=self.settings.client_id,
                issuer=self.settings.issuer,
                leeway=LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub", "tid", "oid"]},
            )
        except jwt.ExpiredSignatureError as err:
            raise SignInRefused("Your sign-in has expired: please sign in again.") from err
        except jwt.PyJWTError as err:
            logger.info("Widget sign-in refused: %s.", type(err).__name__)
            raise SignInRefused("The sign-in token was not accepted.") from err
        if claims["tid"] != self.settings.tenant_id:
            raise SignInRefused("Pathfinder is not available to your organisation's accounts.")
        try:
            subject = entra_subject(str(claims["tid"]), str(claims["oid"]))
        except IdentityError as err:
            raise SignInRefused("The sign-in token was not accepted.") from err
        return SignedIn(subject, str(claims["sub"]))


def allowed_origins(env: Mapping[str, str] | None = None) -> list[str] | None:
    """The configured origins, or None for "the server's own origin only"."""
    env = os.environ if env is None else env
    listed = [o.strip().rstrip("/") for o in (env.get(ORIGINS_ENV) or "").split(",")]
    return [o for o in listed if o] or None


def origin_allowed(origin: str | None, own_origin: str, allowed: list[str] | None) -> bool:
    """Whether a request's Origin header may open a session. No header: not a cross-site
    browser request (browsers send Origin with every cross-origin POST), so allowed."""
    if not origin:
        return True
    return origin.rstrip("/") in (allowed if allowed is not None else [own_origin])
