"""A REST caller who claims a Slack or Teams user's identity sees nothing of theirs and deletes
nothing: their conversation and profile are unchanged in the database afterwards."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import pytest
import requests

from knowledge.people.identity import rest_conversation
from tests.security.conftest import Victim
from tests.security.stack import TEAM, TENANT, Stack

# (sender, metadata) a forger might send, built from the victim
CLAIMS: dict[str, Callable[[Victim], tuple[str, dict]]] = {
    "raw user id as sender": lambda v: (v.user_id, {}),
    "namespaced conversation id as sender": lambda v: (v.conversation, {}),
    "identity in metadata": lambda v: (
        "forger-1", {"channel": "slack", "user": v.user_id, "user_id": v.user_id, "team": TEAM,
                     "aad_object_id": v.user_id, "tenant_id": TENANT}),
    "both": lambda v: (v.conversation, {"channel": v.conversation.split(":")[0],
                                        "user_id": v.user_id}),
}


def replies_text(reply: object) -> str:
    return "\n".join(str(m.get("text") or "") for m in reply.json())  # type: ignore[attr-defined]


@pytest.mark.parametrize("claim", list(CLAIMS))
@pytest.mark.parametrize("victim_name", ["slack_victim", "teams_victim"])
def test_a_rest_caller_claiming_someone_sees_nothing_and_deletes_nothing(
    stack: Stack, request: pytest.FixtureRequest, victim_name: str, claim: str
) -> None:
    victim: Victim = request.getfixturevalue(victim_name)
    sender, metadata = CLAIMS[claim](victim)
    greeting = stack.rest(sender, "/greet", metadata=metadata)
    assert greeting.status_code == 200
    assert "Welcome back" not in replies_text(greeting)
    assert "Hello, I'm Pathfinder" in replies_text(greeting)
    plan = stack.rest(sender, "/request_pathway", metadata=metadata)
    assert not any((m.get("custom") or {}).get("type") == "pathway_plan" for m in plan.json())
    assert "Shall I delete" in replies_text(stack.rest(sender, "forget me", metadata=metadata))
    assert "deleted" in replies_text(stack.rest(sender, "/affirm", metadata=metadata))

    victim.assert_untouched(stack)
    # the forger only ever spoke in a REST conversation of their own (now deleted by forget me)
    assert stack.events(rest_conversation(sender)) == []


def test_rest_metadata_keeps_only_the_allowed_keys(stack: Stack) -> None:
    sender = "metadata-check"
    reply = stack.rest(sender, "/greet", metadata={"locale": "en-GB", "channel": "slack",
                                                   "user_id": "U0VICTIM", "nested": {"a": 1}})
    assert reply.status_code == 200
    assert all(m["recipient_id"] == sender for m in reply.json())
    user_events = [data for kind, data in stack.events(rest_conversation(sender))
                   if kind == "user"]
    assert user_events and all('"metadata": {"locale": "en-GB"}' in d for d in user_events)


def test_a_slack_request_not_signed_by_slack_is_refused(stack: Stack, slack_victim: Victim) -> None:
    """Anyone can post to the Slack webhook; only Slack's signature makes it the victim."""
    body = json.dumps({
        "type": "event_callback", "team_id": TEAM, "event_id": "Ev0FORGED",
        "event": {"type": "message", "user": slack_victim.user_id, "text": "forget me",
                  "channel": "D0VICTIM", "channel_type": "im", "ts": "1700000000.000100"},
    }).encode()
    forged = {"Content-Type": "application/json",
              "X-Slack-Request-Timestamp": str(int(time.time())),
              "X-Slack-Signature": "v0=" + "0" * 64}
    reply = requests.post(f"{stack.url}/webhooks/slack/webhook", data=body, headers=forged,
                          timeout=30)
    assert reply.status_code == 400
    slack_victim.assert_untouched(stack)
