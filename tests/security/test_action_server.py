"""The action server answers only its Rasa server (shared secret) and listens on loopback."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import requests

from bot.contract import ACTIONS_SECRET_ENV
from tests.security.conftest import Victim
from tests.security.stack import Stack
from tests.support.servers import ACTIONS_SECRET, REPO, base_env


def forged_call(victim: Victim, action: str) -> dict:
    """What Rasa would send to run `action` in the victim's conversation."""
    latest = {"text": "/affirm", "intent": {"name": "affirm", "confidence": 1.0},
              "entities": [], "metadata": {}}
    return {
        "next_action": action, "sender_id": victim.conversation, "version": "3.6.0",
        "domain": {}, "tracker": {
            "sender_id": victim.conversation, "slots": {},
            "latest_message": latest, "latest_event_time": 0, "paused": False,
            "followup_action": None, "active_loop": {}, "latest_action_name": "action_listen",
            "latest_input_channel": victim.conversation.split(":")[0],
            "events": [{"event": "user", "text": "/affirm", "parse_data": latest,
                        "input_channel": victim.conversation.split(":")[0]}],
        },
    }


@pytest.mark.parametrize(
    "headers, params",
    [
        pytest.param({}, {}, id="no-secret"),
        pytest.param({"Authorization": "Bearer " + "0" * 64}, {}, id="wrong-secret"),
        pytest.param({"Authorization": ACTIONS_SECRET}, {}, id="secret-without-scheme"),
        pytest.param({}, {"token": ACTIONS_SECRET}, id="secret-as-query-token"),
    ],
)
@pytest.mark.parametrize("action", ["action_forget_me", "action_greet"])
def test_calls_without_the_secret_are_refused_and_change_nothing(
    stack: Stack, slack_victim: Victim, headers: dict, params: dict, action: str
) -> None:
    reply = requests.post(f"{stack.actions_url}/webhook", json=forged_call(slack_victim, action),
                          headers=headers, params=params, timeout=30)
    assert reply.status_code == 401
    assert "events" not in reply.json() and "responses" not in reply.json()
    slack_victim.assert_untouched(stack)
    listing = requests.get(f"{stack.actions_url}/actions", headers=headers, params=params,
                           timeout=10)
    assert listing.status_code == 401


def test_the_rasa_servers_secret_is_accepted(stack: Stack) -> None:
    listing = requests.get(f"{stack.actions_url}/actions",
                           headers={"Authorization": f"Bearer {ACTIONS_SECRET}"}, timeout=10)
    assert listing.status_code == 200
    assert {"name": "action_greet"} in listing.json()
    assert requests.get(f"{stack.actions_url}/health", timeout=10).status_code == 200


def test_the_action_server_listens_on_loopback_only(stack: Stack) -> None:
    port = stack.actions_url.rsplit(":", 1)[1]
    listening = subprocess.run(["ss", "-ltnH"], capture_output=True, text=True, check=True)
    addresses = re.findall(rf"^\S+\s+\d+\s+\d+\s+(\S+):{port}\s", listening.stdout, re.M)
    assert addresses == ["127.0.0.1"]


@pytest.mark.parametrize("secret", ["", "too-short-a-secret"])
def test_the_action_server_will_not_start_without_a_proper_secret(secret: str) -> None:
    started = subprocess.run(
        [sys.executable, "-m", "actions.server", "--port", "1"], cwd=REPO,
        env=base_env(**{ACTIONS_SECRET_ENV: secret}), capture_output=True, text=True, timeout=120,
    )
    assert started.returncode == 2
    assert ACTIONS_SECRET_ENV in started.stdout
    assert not secret or secret not in started.stdout
