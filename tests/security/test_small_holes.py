"""Deeply nested JSON is a clear 400, never a 500; no raw chat or user id reaches a log line."""

from __future__ import annotations

import secrets
import uuid

import redis
import requests

from bot.channels.seen_events import TTL_SECONDS, RedisSeenEvents
from tests.channels.fakes.base import wait_for
from tests.security.stack import Stack
from tests.support.redis import shared_redis

DEPTH = 20_000  # far past the parser's recursion limit, well under the 64 KB body limit


def nested(depth: int = DEPTH) -> bytes:
    return b'{"sender": "deep", "message": "hi", "metadata": ' + b"[" * depth + b"]" * depth + b"}"


def test_deeply_nested_json_to_rest_is_a_400(stack: Stack) -> None:
    reply = requests.post(f"{stack.url}/webhooks/rest/webhook", data=nested(),
                          headers={"Content-Type": "application/json"}, timeout=30)
    assert reply.status_code == 400
    assert reply.json()["error"] == "bad_json"


def test_deeply_nested_json_to_slack_and_teams_is_refused_not_a_crash(stack: Stack) -> None:
    slack = stack.slack_post(nested(), "application/json")
    assert 400 <= slack.status_code < 500
    teams = requests.post(f"{stack.url}/webhooks/teams/webhook", data=nested(), timeout=30,
                          headers={"Content-Type": "application/json",
                                   "Authorization": f"Bearer {stack.teams_token()}"})
    assert 400 <= teams.status_code < 500
    assert requests.get(stack.url, timeout=10).status_code == 200  # still serving


def test_no_raw_chat_or_user_id_reaches_the_logs(stack: Stack) -> None:
    rest_sender = f"rest-person-{secrets.token_hex(6)}"
    slack_user = f"U0LOG{secrets.token_hex(4).upper()}"
    object_id = str(uuid.uuid4())
    assert stack.rest(rest_sender, "/greet").status_code == 200
    assert stack.rest(rest_sender, "forget me").status_code == 200
    assert stack.rest(rest_sender, "/affirm").status_code == 200
    assert stack.slack_event(slack_user, f"D{slack_user}", "hello").status_code == 200
    wait_for(lambda: stack.slack.posts(f"D{slack_user}"), timeout=60)
    assert stack.slack_event(slack_user, f"D{slack_user}", "hello").status_code == 200
    assert stack.teams(stack.teams_activity(object_id, "hello")).status_code == 200
    # a refused activity names its reason, not the person
    refused = stack.teams_activity(object_id, "hello", channelData={"tenant": {"id": "x"}})
    assert stack.teams(refused).status_code == 403
    logs = stack.rasa.log_text() + stack.actions.log_text()
    assert logs  # the servers do log
    for raw in (rest_sender, slack_user, object_id):
        assert raw not in logs


async def test_slack_deliveries_are_answered_once_across_servers() -> None:
    """Two servers sharing Redis (SET NX EX): a retry reaching the other one is recognised."""
    url = shared_redis().fresh_url()
    first, second = RedisSeenEvents(url, "slack"), RedisSeenEvents(url, "slack")
    try:
        assert await first.check_and_add("event:Ev1") is False
        assert await second.check_and_add("event:Ev1") is True
        assert await second.check_and_add("interaction:trigger-1") is False
        assert await first.check_and_add("interaction:trigger-1") is True
        ttl = redis.Redis.from_url(url).ttl("pathfinder:seen:slack:event:Ev1")
        assert 0 < ttl <= TTL_SECONDS  # remembered for a while, then forgotten
    finally:
        await first.close()
        await second.close()

