"""Widget sessions need an Entra ID sign-in checked like a Teams token, from an allowed page;
the signed-in person is the same person as in Teams; forget me revokes the session token."""

from __future__ import annotations

import base64
import json
import time
import uuid
from collections.abc import Callable

import pytest
import socketio.exceptions

from bot.channels.widget_token import TokenSigner
from knowledge.people import profiles as people
from knowledge.people.identity import widget_conversation
from tests.channels.fakes.entra import new_key
from tests.security.conftest import Victim
from tests.security.stack import PERSON_KEY, TENANT, Stack, WidgetClient

OTHER_TENANT = str(uuid.uuid4())

FORGED: dict[str, Callable[[Stack, str], str | None]] = {
    "no token": lambda s, oid: None,
    "signed by another key": lambda s, oid: s.entra.id_token(oid, key=new_key()),
    "expired": lambda s, oid: s.entra.id_token(oid, iat=int(time.time()) - 7200,
                                               exp=int(time.time()) - 3600),
    "wrong audience": lambda s, oid: s.entra.id_token(oid, aud=str(uuid.uuid4())),
    "wrong tenant": lambda s, oid: s.entra.id_token(oid, tenant=OTHER_TENANT),
    "right issuer, other tenant id": lambda s, oid: s.entra.id_token(oid, tid=OTHER_TENANT),
    "wrong issuer": lambda s, oid: s.entra.id_token(oid, iss="https://sts.example/evil/"),
    "no object id": lambda s, oid: s.entra.id_token(oid, oid=None),
    "unsigned": lambda s, oid: unsigned(s.entra.id_token(oid)),
    "not a token": lambda s, oid: "not.a.token",
}


def unsigned(token: str) -> str:
    header = base64.urlsafe_b64encode(json.dumps({"alg": "none", "kid": "entra-test-key"})
                                      .encode()).rstrip(b"=").decode()
    return f"{header}.{token.split('.')[1]}."


@pytest.mark.parametrize("case", list(FORGED))
def test_sessions_without_a_valid_sign_in_are_refused(
    stack: Stack, teams_victim: Victim, case: str
) -> None:
    reply = stack.widget_session(FORGED[case](stack, teams_victim.user_id))
    assert reply.status_code == 401
    assert "token" not in reply.json()
    teams_victim.assert_untouched(stack)


@pytest.mark.parametrize("origin", ["https://evil.example", "http://intranet.trust.example.nhs.uk"])
def test_sessions_for_other_pages_are_refused(
    stack: Stack, teams_victim: Victim, origin: str
) -> None:
    reply = stack.widget_session(stack.entra.id_token(teams_victim.user_id), origin=origin)
    assert reply.status_code == 403 and "token" not in reply.json()


def test_sockets_from_other_pages_are_refused(stack: Stack) -> None:
    with pytest.raises(socketio.exceptions.ConnectionError):
        WidgetClient(stack, origin="https://evil.example")


def test_the_signed_in_person_is_the_teams_person(stack: Stack, teams_victim: Victim) -> None:
    reply = stack.widget_session(stack.entra.id_token(teams_victim.user_id))
    assert reply.status_code == 200
    client = WidgetClient(stack)
    try:
        client.emit("session_request", {"token": reply.json()["token"]})
        confirmed = client.wait("session_confirm")[0]
        assert confirmed == widget_conversation(f"entra:{TENANT}:{teams_victim.user_id}")
        client.wait("history")
        client.emit("user_uttered", {"message": "/greet"})
        client.wait("bot_uttered")
        assert "Welcome back" in client.texts()  # their Teams profile, recognised
    finally:
        client.close()
    # one person: the widget picked up (and refreshed) the profile; Teams' chat is its own
    same = stack.profile(teams_victim.person)
    assert same is not None and teams_victim.profile is not None
    assert (same.archetypes, same.plan) == (teams_victim.profile.archetypes,
                                            teams_victim.profile.plan)
    assert stack.events(teams_victim.conversation) == teams_victim.events


def test_forget_me_revokes_the_session_token(stack: Stack) -> None:
    object_id = str(uuid.uuid4())
    token = stack.widget_session(stack.entra.id_token(object_id)).json()["token"]
    conversation = widget_conversation(f"entra:{TENANT}:{object_id}")
    client = WidgetClient(stack)
    try:
        client.emit("session_request", {"token": token})
        client.wait("history")
        for n, message in enumerate(("forget me", "/affirm"), 1):
            client.emit("user_uttered", {"message": message})
            client.wait("bot_uttered", count=n)
        assert "deleted" in client.texts()
    finally:
        client.close()
    assert stack.events(conversation) == []
    assert people.revoked_at(stack.knowledge, conversation, key=PERSON_KEY.encode()) is not None
    again = WidgetClient(stack)
    try:
        again.emit("session_request", {"token": token})
        refused = again.wait("pathfinder_error")[0]
        assert refused["code"] == "invalid"
        again.emit("user_uttered", {"message": "hello"})
        assert again.wait("pathfinder_error", count=2)[1]["code"] == "no_session"
    finally:
        again.close()
    assert stack.events(conversation) == []
    # signing in again later opens a fresh conversation
    fresh = stack.widget_session(stack.entra.id_token(object_id))
    assert fresh.status_code == 200 and fresh.json()["token"] != token



def test_a_forged_session_token_for_a_signed_in_person_is_refused(
    stack: Stack, teams_victim: Victim
) -> None:
    """A session token for the victim's subject, signed with a guessed secret."""
    subject = f"entra:{TENANT}:{teams_victim.user_id}"
    forged = TokenSigner(b"g" * 32, 3600).issue(subject).token
    before = stack.events(widget_conversation(subject))
    client = WidgetClient(stack)
    try:
        client.emit("session_request", {"token": forged})
        assert client.wait("pathfinder_error")[0]["code"] == "invalid"
        client.emit("user_uttered", {"message": "forget me"})
        assert client.wait("pathfinder_error", count=2)[1]["code"] == "no_session"
    finally:
        client.close()
    assert stack.events(widget_conversation(subject)) == before
