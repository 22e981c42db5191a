"""The widget channel's parts without a server: tokens, settings and the history replay."""

from __future__ import annotations

import base64
import json

import pytest
from rasa.shared.core.events import ActionExecuted, BotUttered, Restarted, UserUttered

from bot.channels.limits import MAX_MESSAGE_LENGTH
from bot.channels.widget import WidgetInput
from bot.channels.widget_history import replay
from bot.channels.widget_signin import (
    AUTH_ENV,
    CLIENT_ENV,
    ORIGINS_ENV,
    TENANT_ENV,
    allowed_origins,
    origin_allowed,
    widget_auth,
)
from bot.channels.widget_token import SECRET_ENV, TokenError, TokenSigner, secret_from_env

SECRET = b"s" * 32
NOW = 1_800_000_000


def signer(now: float = NOW, ttl: int = 600, secret: bytes = SECRET) -> TokenSigner:
    return TokenSigner(secret, ttl, clock=lambda: now)


def refusal(token: object, verifier: TokenSigner | None = None) -> str:
    with pytest.raises(TokenError) as caught:
        (verifier or signer()).verify(token)
    return caught.value.code


def test_an_issued_token_names_a_fresh_random_subject() -> None:
    first, second = signer().issue(), signer().issue()
    assert signer().verify(first.token) == first.subject
    assert first.subject != second.subject
    assert len(first.subject) == 32
    assert first.expires_at == NOW + 600


def test_a_token_expires() -> None:
    issued = signer().issue()
    assert signer(now=NOW + 599).verify(issued.token) == issued.subject
    assert refusal(issued.token, signer(now=NOW + 600)) == "expired"


def test_a_token_from_another_secret_is_refused() -> None:
    forged = signer(secret=b"x" * 32).issue()
    assert refusal(forged.token) == "invalid"


def test_changing_the_subject_breaks_the_signature() -> None:
    issued = signer().issue()
    version, _, signature = issued.token.split(".")
    claims = json.dumps({"sub": "0" * 32, "exp": NOW + 600}).encode()
    payload = base64.urlsafe_b64encode(claims).rstrip(b"=").decode()
    assert refusal(f"{version}.{payload}.{signature}") == "invalid"


@pytest.mark.parametrize(
    "token",
    [None, "", 42, "abc", "v1.a.b.c", "v2.e30.sig", "v1." + "a" * 600 + ".b", {"sub": "x"}],
)
def test_malformed_tokens_are_refused(token: object) -> None:
    assert refusal(token) == "invalid"


def test_a_signed_token_with_a_strange_subject_is_refused() -> None:
    assert refusal(signer().sign("../other person", NOW + 60)) == "invalid"


def test_the_secret_must_be_long_enough(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SECRET_ENV, "short")
    with pytest.raises(ValueError, match="too short"):
        secret_from_env()
    monkeypatch.setenv(SECRET_ENV, "k" * 40)
    assert secret_from_env() == b"k" * 40
    monkeypatch.delenv(SECRET_ENV)
    assert secret_from_env() != secret_from_env()  # random per call when unset


@pytest.mark.parametrize(
    ("credentials", "message"),
    [
        ({"session_persistence": False}, "session_persistence"),
        ({"jwt_key": "k"}, "Unknown settings for the widget channel: jwt_key"),
        ({"token_ttl": 0}, "token_ttl"),
        ({"token_ttl": "1h"}, "token_ttl"),
    ],
)
def test_bad_channel_settings_are_explained(credentials: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        WidgetInput.from_credentials(credentials)


def test_channel_settings_reach_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SECRET_ENV, "k" * 40)
    channel = WidgetInput.from_credentials(
        {"user_message_evt": "said", "bot_message_evt": "replied", "namespace": "/chat",
         "session_persistence": True, "token_ttl": 60}
    )
    assert channel.name() == "widget"
    assert channel.client_settings() == {
        "path": "/socket.io", "namespace": "/chat", "user_event": "said", "bot_event": "replied",
        "max_message_length": MAX_MESSAGE_LENGTH,
    }
    issued = channel.signer.issue()
    assert channel.signer.verify(issued.token) == issued.subject


async def test_replay_shows_what_the_page_showed() -> None:
    plan = {"type": "pathway_plan", "steps": []}
    events = [
        UserUttered("/greet"),
        BotUttered("Hello.\n\nWhat do you do?",
                   {"buttons": [{"title": "Find my archetype", "payload": "/start_assessment"}]}),
        UserUttered("/start_assessment"),
        BotUttered("Tell me about your role."),
        UserUttered("<b>I am a nurse</b>"),
        BotUttered(None, {"custom": plan}),
    ]
    assert await replay(events, "someone") == [
        {"from": "bot", "message": {"text": "Hello.", "quick_replies": []}},
        {"from": "bot", "message": {"text": "What do you do?", "quick_replies": [
            {"content_type": "text", "title": "Find my archetype",
             "payload": "/start_assessment"}]}},
        {"from": "user", "text": "Find my archetype"},
        {"from": "bot", "message": {"text": "Tell me about your role."}},
        {"from": "user", "text": "<b>I am a nurse</b>"},
        {"from": "bot", "message": {"custom": plan}},
    ]


async def test_replay_starts_at_the_last_restart() -> None:
    events = [
        UserUttered("I am a pharmacist"),
        BotUttered("Noted."),
        UserUttered("/restart"),
        ActionExecuted("action_restart"),
        BotUttered("Let's start again."),
        Restarted(),
        UserUttered("hello again"),
    ]
    assert await replay(events, "someone") == [
        {"from": "bot", "message": {"text": "Let's start again."}},
        {"from": "user", "text": "hello again"},
    ]


def test_a_signed_in_subject_is_a_valid_token_subject() -> None:
    issued = signer().issue("entra:tenant-1:object-1", id_subject="pairwise-sub")
    assert signer().verify(issued.token) == "entra:tenant-1:object-1"
    assert signer().verify_token(issued.token).issued_ms == NOW * 1000


def test_a_session_may_last_at_most_a_day() -> None:
    with pytest.raises(ValueError, match="token_ttl"):
        WidgetInput.from_credentials({"token_ttl": 24 * 3600 + 1})


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({AUTH_ENV: "password"}, "anonymous"),
        ({AUTH_ENV: "entra"}, f"{TENANT_ENV}, {CLIENT_ENV}"),
        ({AUTH_ENV: "entra", TENANT_ENV: "t"}, CLIENT_ENV),
    ],
)
def test_sign_in_settings_are_checked(env: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        widget_auth(env)


def test_sign_in_settings_default_to_the_tenants_published_keys() -> None:
    assert widget_auth({}) is None
    settings = widget_auth({AUTH_ENV: "Entra", TENANT_ENV: "t1", CLIENT_ENV: "c1"})
    assert settings is not None
    assert settings.openid_url == (
        "https://login.microsoftonline.com/t1/v2.0/.well-known/openid-configuration"
    )
    assert settings.issuer == "https://login.microsoftonline.com/t1/v2.0"


def test_only_allowed_origins_may_open_sessions() -> None:
    own = "https://pathfinder.trust.nhs.uk"
    assert allowed_origins({}) is None
    assert origin_allowed(own, own, None) and origin_allowed(None, own, None)
    assert not origin_allowed("https://evil.example", own, None)
    listed = allowed_origins({ORIGINS_ENV: "https://intranet.nhs.uk/, https://other.nhs.uk"})
    assert listed == ["https://intranet.nhs.uk", "https://other.nhs.uk"]
    assert origin_allowed("https://intranet.nhs.uk", own, listed)
    assert not origin_allowed(own, own, listed)  # a list replaces the default
