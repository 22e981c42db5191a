"""Teams accepts only Teams activities from our tenant, signed with a key endorsed for Teams.

Direct Line and Web Chat let the client choose `from.id` and `aadObjectId`, so an activity
from them, even one carrying a real Bot Framework signature, must never reach a person's
conversation."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import jwt
import pytest

from tests.security.conftest import Victim
from tests.security.stack import BARE_KID, TEAMS_KID, WIDE_KID, Stack, rsa_key

OTHER_TENANT = str(uuid.uuid4())

# name -> (activity changes, signing key id, expected status)
REFUSALS: dict[str, tuple[Callable[[dict[str, Any]], dict[str, Any]], str, int]] = {
    "web chat, key endorsed for it": (lambda a: {**a, "channelId": "webchat"}, WIDE_KID, 403),
    "direct line, key endorsed for it": (lambda a: {**a, "channelId": "directline"}, WIDE_KID,
                                         403),
    "web chat, key endorsed for Teams only": (lambda a: {**a, "channelId": "webchat"},
                                              TEAMS_KID, 401),
    "another tenant": (lambda a: {**a, "channelData": {"tenant": {"id": OTHER_TENANT}}},
                       TEAMS_KID, 403),
    "no tenant": (lambda a: {**a, "channelData": {}}, TEAMS_KID, 403),
    "no Entra object id": (lambda a: {**a, "from": {"id": a["from"]["id"]}}, TEAMS_KID, 403),
    "key without endorsements": (lambda a: a, BARE_KID, 401),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_activities_from_elsewhere_are_refused(
    stack: Stack, teams_victim: Victim, case: str
) -> None:
    change, kid, status = REFUSALS[case]
    activity = change(stack.teams_activity(teams_victim.user_id, "forget me"))
    posted_before = len(stack.microsoft.activities(activity["conversation"]["id"]))
    reply = stack.teams(activity, token=stack.teams_token(kid))
    assert reply.status_code == status
    teams_victim.assert_untouched(stack)
    assert len(stack.microsoft.activities(activity["conversation"]["id"])) == posted_before


def test_a_proper_teams_activity_is_accepted(stack: Stack) -> None:
    """The refusals above are for what they change, not for the harness."""
    object_id = str(uuid.uuid4())
    activity = stack.teams_activity(object_id, "hello")
    assert stack.teams(activity, token=stack.teams_token(WIDE_KID)).status_code == 200
    assert stack.microsoft.activities(activity["conversation"]["id"])


@pytest.mark.parametrize(
    "forge",
    [
        pytest.param(lambda s: s.teams_token(kid=TEAMS_KID, aud=str(uuid.uuid4())),
                     id="token for another bot"),
        pytest.param(lambda s: s.teams_token(kid=TEAMS_KID, exp=1), id="expired token"),
        pytest.param(lambda s: forged_token(s), id="signed by an unpublished key"),
    ],
)
def test_forged_tokens_for_a_teams_user_are_refused(
    stack: Stack, teams_victim: Victim, forge: Callable[[Stack], str]
) -> None:
    activity = stack.teams_activity(teams_victim.user_id, "forget me")
    assert stack.teams(activity, token=forge(stack)).status_code == 401
    teams_victim.assert_untouched(stack)


def forged_token(stack: Stack) -> str:
    """A well-formed Bot Framework token naming our published key, signed by another key."""
    body = jwt.decode(stack.teams_token(), options={"verify_signature": False})
    return jwt.encode(body, rsa_key(), algorithm="RS256", headers={"kid": TEAMS_KID})
