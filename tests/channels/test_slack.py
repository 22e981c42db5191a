"""Slack end to end: signed requests into the real Rasa server, replies caught by a fake Web API.

One Rasa server, one action server and one fake Slack API for the whole module. Replies are
posted from a background task after the webhook answers, so tests poll the fake. Each test uses
its own Slack user and channel, so conversations never mix.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import io
import itertools
import json
import secrets
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
import requests
from pypdf import PdfReader

from bot.channels import slack_blocks
from bot.channels.limits import MAX_MESSAGE_LENGTH, TOO_LONG
from bot.channels.slack import SENT_PRIVATELY, PathfinderSlackBot
from knowledge.people.identity import slack_conversation
from tests.channels.fakes.base import wait_for
from tests.channels.fakes.slack_api import FakeSlackApi, blocks_of, buttons_of
from tests.channels.stack import bot_stack
from tests.support.archetype_match import primary_match
from tests.support.servers import REPO, base_env

pytestmark = pytest.mark.server

BOT_TOKEN = "xoxb-test-" + secrets.token_hex(8)
SIGNING_SECRET = secrets.token_hex(16)
TEAM = "T0PATHFINDER"
BOT_USER = "U0BOT"
ROLE = "I'm a radiographer and we use an AI tool that flags fractures"
RESTARTED = "Let's start again"
_event_ids = itertools.count(1)


@dataclass
class SlackBotUnderTest:
    url: str
    fake: FakeSlackApi

    @property
    def webhook(self) -> str:
        return f"{self.url}/webhooks/slack/webhook"

    def tracker(self, user: str) -> dict[str, Any]:
        """The conversation of `user` in our workspace (`slack:<team>:<user>`)."""
        sender = slack_conversation(TEAM, user)
        reply = requests.get(f"{self.url}/conversations/{quote(sender, safe=':')}/tracker"
                             "?include_events=ALL",
                             timeout=10)
        reply.raise_for_status()
        return reply.json()


@pytest.fixture(scope="module")
def slack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SlackBotUnderTest]:
    fake = FakeSlackApi(BOT_TOKEN).start()
    folder = tmp_path_factory.mktemp("slack")
    env = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
        "TEAMS_APP_ID": "",
        "PATHFINDER_OFFLINE": "1",
    }
    try:
        with bot_stack(folder, env) as rasa:
            yield SlackBotUnderTest(rasa.url, fake)
    finally:
        fake.stop()


# Building Slack's requests --------------------------------------------------------------------


def signed_headers(body: bytes, content_type: str, timestamp: int | None = None,
                   secret: str = SIGNING_SECRET) -> dict[str, str]:
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{stamp}:".encode() + body, hashlib.sha256)
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": "v0=" + digest.hexdigest(),
    }


def event_body(user: str, channel: str, text: str, kind: str = "message",
               event_id: str | None = None) -> bytes:
    event = {"type": kind, "user": user, "text": text, "channel": channel,
             "ts": f"{time.time():.6f}", "team": TEAM}
    if kind == "message":
        event["channel_type"] = "im" if channel.startswith("D") else "channel"
    envelope = {
        "token": "legacy-verification-token", "team_id": TEAM, "api_app_id": "A0PATHFINDER",
        "event": event, "type": "event_callback",
        "event_id": event_id or f"Ev{next(_event_ids):08d}", "event_time": int(time.time()),
        "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}],
    }
    return json.dumps(envelope).encode()


def send(bot: SlackBotUnderTest, body: bytes, headers: dict[str, str]) -> requests.Response:
    return requests.post(bot.webhook, data=body, headers=headers, timeout=10)


def say(bot: SlackBotUnderTest, user: str, channel: str, text: str, **kwargs: Any) -> None:
    body = event_body(user, channel, text, **kwargs)
    reply = send(bot, body, signed_headers(body, "application/json"))
    assert reply.status_code == 200, reply.text


def click(bot: SlackBotUnderTest, user: str, channel: str, button: dict[str, Any]) -> None:
    """A Block Kit button click, form-encoded as Slack's interactivity requests are."""
    payload = {
        "type": "block_actions",
        "user": {"id": user, "username": "test.user", "team_id": TEAM},
        "api_app_id": "A0PATHFINDER", "trigger_id": secrets.token_hex(8),
        "team": {"id": TEAM, "domain": "nhs-test"},
        "container": {"type": "message", "channel_id": channel, "message_ts": "1700000000.1"},
        "channel": {"id": channel, "name": "directmessage"},
        "message": {"type": "message", "ts": "1700000000.1", "text": "..."},
        "actions": [{
            "type": "button", "action_id": button["action_id"], "block_id": "b1",
            "text": button["text"], "value": button["value"], "action_ts": f"{time.time():.6f}",
        }],
    }
    body = urlencode({"payload": json.dumps(payload)}).encode()
    reply = send(bot, body, signed_headers(body, "application/x-www-form-urlencoded"))
    assert reply.status_code == 200, reply.text


# Reading the replies --------------------------------------------------------------------------


def check_slack_rules(posts: list[dict[str, Any]]) -> None:
    """What every post must respect: at most five buttons in a message, no raw Markdown."""
    for post in posts:
        assert len(buttons_of(post)) <= slack_blocks.MAX_BUTTONS, post
        assert "**" not in post.get("text", ""), post


def wait_post(bot: SlackBotUnderTest, channel: str,
              match: Callable[[dict[str, Any]], bool], count: int = 1) -> dict[str, Any]:
    """The latest post matching `match`, once there are `count` of them."""

    def found() -> list[dict[str, Any]] | None:
        hits = [p for p in bot.fake.posts(channel) if match(p)]
        return hits if len(hits) >= count else None

    post = wait_for(found)[-1]
    check_slack_rules(bot.fake.posts(channel))
    return post


def has_text(fragment: str) -> Callable[[dict[str, Any]], bool]:
    return lambda post: fragment in post.get("text", "")


def header_is(title: str) -> Callable[[dict[str, Any]], bool]:
    return lambda post: any(
        b["type"] == "header" and b["text"]["text"] == title for b in blocks_of(post)
    )


def button(post: dict[str, Any], title: str) -> dict[str, Any]:
    return next(b for b in buttons_of(post) if b["text"]["text"] == title)


def user_texts(tracker: dict[str, Any]) -> list[str]:
    return [e.get("text") for e in tracker["events"] if e["event"] == "user"]


# Tests ----------------------------------------------------------------------------------------


def test_direct_message_gets_the_archetype_card_with_metadata(slack: SlackBotUnderTest) -> None:
    say(slack, "U0DM", "D0DM", ROLE)
    card = wait_post(slack, "D0DM", header_is("Your AI workforce archetype"))
    sections = [b["text"]["text"] for b in blocks_of(card) if b["type"] == "section"]
    assert sections[0].startswith("It sounds as if you're mainly one of the Users: ")
    assert sections[1].startswith(f"*Users*  (Primary · {primary_match(ROLE)})")
    assert "• You said you're a radiographer" in sections[1]
    question = wait_post(slack, "D0DM", has_text("Does that sound right?"))
    assert [b["value"] for b in buttons_of(question)] == ["/affirm", "/deny"]
    said = [p.get("text", "") for p in slack.fake.posts("D0DM")]
    assert not any("It sounds as if" in t for t in said)  # said once, in the card
    metadata = slack.tracker("U0DM")["latest_message"]["metadata"]
    assert {k: metadata.get(k) for k in ("channel", "user", "team")} == {
        "channel": "slack", "user": "U0DM", "team": TEAM,
    }
    assert not slack.fake.failures()


def test_a_mention_in_a_shared_channel_is_answered_privately(slack: SlackBotUnderTest) -> None:
    """Pathfinder's replies carry the person's archetypes, words and plan: the channel gets
    only a pointer that the person alone sees, the conversation goes on in their DMs."""
    user, shared = "U0SHARED", "C0SHARED"
    say(slack, user, shared, f"<@{BOT_USER}> {ROLE}", kind="app_mention")
    direct = slack.fake.direct_channel(user)
    card = wait_post(slack, direct, header_is("Your AI workforce archetype"))
    assert card["channel"] == direct
    wait_post(slack, direct, has_text("Does that sound right?"))
    notice = wait_for(lambda: slack.fake.ephemerals(shared))
    assert [(n["user"], n["text"]) for n in notice] == [(user, SENT_PRIVATELY)]  # once a turn
    assert slack.fake.posts(shared) == []
    assert user_texts(slack.tracker(user)) == [ROLE]
    assert not slack.fake.failures()


def test_buttons_lead_to_the_plan_file_and_restart(slack: SlackBotUnderTest) -> None:
    user, channel = "U0FLOW", "D0FLOW"
    say(slack, user, channel, ROLE)
    question = wait_post(slack, channel, has_text("Does that sound right?"))
    click(slack, user, channel, button(question, "Yes, that's me"))
    familiarity = wait_post(slack, channel, has_text("How familiar are you with AI"))
    assert slack.tracker(user)["latest_message"]["metadata"]["team"] == TEAM
    click(slack, user, channel, button(familiarity, "New to AI"))

    plan = wait_post(slack, channel, header_is("Your learning pathway"))
    blocks = blocks_of(plan)
    steps = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert steps[0].startswith("*1. Build your AI foundations*")
    # offerings link through the counted redirect (insights), titled with the course name
    assert any(s.startswith("• <http") and "/webhooks/links/go/" in s and "|" in s for s in steps)
    contexts = [e["text"] for b in blocks if b["type"] == "context" for e in b["elements"]]
    assert any("level 1" in c for c in contexts)
    assert any("free" in c or "funded" in c for c in contexts)

    further = wait_post(slack, channel, has_text("Would you like to go further?"))
    click(slack, user, channel, button(further, "Send me a summary"))
    upload = wait_for(lambda: slack.fake.completed_uploads(channel))[-1]
    pdf, markdown = (slack.fake.uploads[f["id"]] for f in json.loads(upload["files"]))
    assert pdf.startswith(b"%PDF-")
    assert "My AI learning plan" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert markdown.startswith(b"# My AI learning plan")

    click(slack, user, channel, button(plan, "Start over"))
    wait_post(slack, channel, has_text(RESTARTED))
    say(slack, user, channel, "start over")
    wait_post(slack, channel, has_text(RESTARTED), count=2)
    assert not slack.fake.failures()


def test_a_plan_asked_for_in_a_shared_channel_arrives_as_a_private_message(
    slack: SlackBotUnderTest,
) -> None:
    summary = {"type": "plan_summary", "format": "markdown", "filename": "pathfinder-plan.md",
               "content": "# My AI learning plan\n",
               "pdf": {"filename": "pathfinder-plan.pdf", "media_type": "application/pdf",
                       "base64": base64.b64encode(b"%PDF-1.3 test").decode()}}
    bot = PathfinderSlackBot(BOT_TOKEN, "C0SHARED", "1700000000.000100",
                             api_url=slack.fake.api_url)
    asyncio.run(bot.send_custom_json(slack_conversation(TEAM, "U0SHARED"), summary))
    dm = slack.fake.direct_channel("U0SHARED")
    upload = wait_for(lambda: slack.fake.completed_uploads(dm))[-1]
    assert [f["title"] for f in json.loads(upload["files"])] == ["My AI learning plan"] * 2
    assert "thread_ts" not in upload  # the thread belongs to the shared channel
    assert slack.fake.completed_uploads("C0SHARED") == []


def test_url_verification_challenge_is_answered(slack: SlackBotUnderTest) -> None:
    body = json.dumps({"token": "legacy", "challenge": "c-3eZbrw1aB", "type": "url_verification"})
    raw = body.encode()
    reply = send(slack, raw, signed_headers(raw, "application/json"))
    assert reply.status_code == 200
    assert reply.json() == {"challenge": "c-3eZbrw1aB"}
    forged = send(slack, raw, signed_headers(raw, "application/json", secret="not-the-secret"))
    assert forged.status_code == 400


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda h: {**h, "X-Slack-Signature": "v0=" + "0" * 64}, id="bad-signature"),
        pytest.param(lambda h: {k: v for k, v in h.items() if not k.startswith("X-Slack")},
                     id="unsigned"),
        pytest.param(None, id="stale-timestamp"),
    ],
)
def test_requests_without_a_valid_signature_are_refused(
    slack: SlackBotUnderTest, tamper: Callable[[dict[str, str]], dict[str, str]] | None,
    request: pytest.FixtureRequest,
) -> None:
    user = channel = f"D0REFUSE{request.node.callspec.id.upper()}"
    body = event_body(user, channel, ROLE)
    if tamper is None:
        headers = signed_headers(body, "application/json", timestamp=int(time.time()) - 600)
    else:
        headers = tamper(signed_headers(body, "application/json"))
    assert send(slack, body, headers).status_code == 400
    # A valid message afterwards is processed after anything accepted before it.
    say(slack, user, channel, "start over")
    wait_post(slack, channel, has_text(RESTARTED))
    assert user_texts(slack.tracker(user)) == ["start over"]
    assert not any("archetype" in p.get("text", "") for p in slack.fake.posts(channel))


def test_a_retried_event_is_answered_once(slack: SlackBotUnderTest) -> None:
    user, channel = "U0RETRY", "D0RETRY"
    body = event_body(user, channel, "hello", event_id="Ev0RETRIED")
    assert send(slack, body, signed_headers(body, "application/json")).status_code == 200
    wait_post(slack, channel, has_text("Privacy:"))
    retry = {**signed_headers(body, "application/json"),
             "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_error"}
    assert send(slack, body, retry).status_code == 200
    say(slack, user, channel, "start over")
    wait_post(slack, channel, has_text(RESTARTED))
    assert len([p for p in slack.fake.posts(channel) if "Privacy:" in p["text"]]) == 1
    assert user_texts(slack.tracker(user)) == ["hello", "start over"]


def test_a_message_over_the_cap_is_refused_with_a_reply(slack: SlackBotUnderTest) -> None:
    user, channel = "U0LONG", "D0LONG"
    long_role = (ROLE + ". ") * (MAX_MESSAGE_LENGTH // len(ROLE) + 1)
    assert len(long_role) > MAX_MESSAGE_LENGTH
    say(slack, user, channel, long_role)
    assert wait_post(slack, channel, lambda p: True)["text"] == slack_blocks.mrkdwn(TOO_LONG)
    say(slack, user, channel, "start over")  # the conversation goes on as before
    wait_post(slack, channel, has_text(RESTARTED))
    assert user_texts(slack.tracker(user)) == ["start over"]
    assert [p["text"] for p in slack.fake.posts(channel)].count(slack_blocks.mrkdwn(TOO_LONG)) == 1


def test_a_retry_of_an_event_never_received_is_answered(slack: SlackBotUnderTest) -> None:
    body = event_body("U0LATE", "D0LATE", "start over")
    headers = {**signed_headers(body, "application/json"),
               "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_error"}
    assert send(slack, body, headers).status_code == 200
    wait_post(slack, "D0LATE", has_text(RESTARTED))


# Rendering rules (no server) ------------------------------------------------------------------


def test_more_than_five_buttons_are_split_across_messages() -> None:
    buttons = [{"title": f"Option {n}", "payload": f"/choose{{\"n\": {n}}}"} for n in range(12)]
    messages = slack_blocks.text_with_buttons("Pick **one**", buttons)
    counts = [len(buttons_of(m)) for m in messages]
    assert counts == [5, 5, 2]
    for message in messages:
        actions = [b for b in message["blocks"] if b["type"] == "actions"]
        assert len(actions) == 1 and len(actions[0]["elements"]) <= 5
    ids = [b["action_id"] for m in messages for b in buttons_of(m)]
    assert len(set(ids)) == len(ids)
    assert [b["value"] for m in messages for b in buttons_of(m)] == [b["payload"] for b in buttons]
    assert messages[0]["blocks"][0]["text"]["text"] == "Pick *one*"


def test_light_markdown_becomes_safe_mrkdwn() -> None:
    text = "# Plan\n**Step** for *you* <!channel> & co\n- [Course](https://x.nhs.uk/a?b=1&c=2)"
    assert slack_blocks.mrkdwn(text) == (
        "*Plan*\n*Step* for _you_ &lt;!channel&gt; &amp; co\n• <https://x.nhs.uk/a?b=1&amp;c=2|Course>"
    )


def test_manifest_points_slack_at_the_webhook() -> None:
    import yaml

    manifest = yaml.safe_load((REPO / "deploy" / "slack" / "manifest.yml").read_text())
    webhook = "/webhooks/slack/webhook"
    assert manifest["settings"]["event_subscriptions"]["request_url"].endswith(webhook)
    assert manifest["settings"]["interactivity"]["request_url"].endswith(webhook)
    assert {"message.im", "app_mention"} <= set(manifest["settings"]["event_subscriptions"]
                                                ["bot_events"])
    assert {"chat:write", "im:history", "im:write", "app_mentions:read", "files:write"} <= set(
        manifest["oauth_config"]["scopes"]["bot"])


def test_credentials_name_only_configured_channels(tmp_path: Path) -> None:
    from bot.channels.enabled import enabled_channels

    always = [
        "bot.channels.rest.PathfinderRestInput",
        "bot.channels.widget.WidgetInput",
        "bot.channels.links.LinkTracker",
    ]
    assert list(enabled_channels({})) == always
    slack_only = {"SLACK_BOT_TOKEN": "x", "SLACK_SIGNING_SECRET": "y", "TEAMS_APP_ID": "z"}
    slack = "bot.channels.slack.PathfinderSlackInput"
    assert list(enabled_channels(slack_only)) == [*always, slack]
    out = tmp_path / "credentials.yml"
    done = subprocess.run(
        [sys.executable, "-m", "bot.channels.enabled", str(out)], cwd=REPO, timeout=30,
        env=base_env(SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET,
                     TEAMS_APP_ID="an-app", TEAMS_APP_PASSWORD="", TEAMS_TENANT_ID=""),
        capture_output=True, text=True, check=True,
    )
    written = out.read_text()
    assert "bot.channels.slack.PathfinderSlackInput:" in written
    assert "bot.channels.rest.PathfinderRestInput:" in written
    assert "teams" not in written.split("\n", 1)[1]
    assert "TEAMS_APP_PASSWORD, TEAMS_TENANT_ID" in done.stderr
    for secret in (BOT_TOKEN, SIGNING_SECRET):
        assert secret not in written and secret not in done.stderr
