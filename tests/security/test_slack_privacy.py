"""Mentioned in a shared Slack channel, Pathfinder answers the person alone: the channel never
sees their profile, their words or their plan."""

from __future__ import annotations

import json
import time
import uuid

from bot.channels.slack import SENT_PRIVATELY
from knowledge.people.identity import slack_conversation
from tests.channels.fakes.base import wait_for
from tests.people.client import EMBEDDER
from tests.security.stack import TEAM, Stack


def test_the_profile_card_never_reaches_the_shared_channel(stack: Stack) -> None:
    user, shared = "U0COLLEAGUE", "C0WARDTEAM"
    body = json.dumps({
        "type": "event_callback", "team_id": TEAM, "event_id": f"Ev{uuid.uuid4().hex[:10]}",
        "event": {"type": "app_mention", "user": user, "text": f"<@U0BOT> {EMBEDDER}",
                  "channel": shared, "ts": f"{time.time():.6f}", "team": TEAM},
    }).encode()
    assert stack.slack_post(body, "application/json").status_code == 200
    direct = stack.slack.direct_channel(user)
    card = wait_for(lambda: [p for p in stack.slack.posts(direct) if p.get("blocks")],
                    timeout=60)[0]
    assert "Your AI workforce archetype" in json.dumps(card["blocks"])
    pointer = wait_for(lambda: stack.slack.ephemerals(shared))
    assert pointer == [{**pointer[0], "user": user, "text": SENT_PRIVATELY}]
    assert stack.slack.posts(shared) == []  # not the card, not its words, nothing
    # the turn is stored in the person's own conversation (saved once the turn has finished)
    wait_for(lambda: stack.events(slack_conversation(TEAM, user)), timeout=30)
