"""One deployed Pathfinder for every security test, and victims whose data must stay intact."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from knowledge.people import profiles as people
from knowledge.people.identity import slack_conversation, teams_conversation
from tests.channels.fakes.base import wait_for
from tests.people.client import EMBEDDER, NEW_TO_AI
from tests.security.stack import PERSON_KEY, TEAM, TENANT, Stack, security_stack

PROFILE = {"type": "archetype_result", "primary": "users", "confident": True,
           "archetypes": [{"key": "users", "name": "Users", "score": 0.9, "evidence": []}]}


@dataclass
class Victim:
    """Someone with a conversation and a saved profile, and what both held at the start."""

    conversation: str
    person: str
    user_id: str  # the id their channel knows them by
    events: list
    profile: people.PersonProfile | None

    def assert_untouched(self, stack: Stack) -> None:
        assert stack.events(self.conversation) == self.events
        assert stack.profile(self.person) == self.profile
        assert self.profile is not None


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with security_stack(tmp_path_factory.mktemp("security")) as running_stack:
        yield running_stack


def snapshot(stack: Stack, conversation: str, person: str, user_id: str) -> Victim:
    return Victim(conversation, person, user_id, stack.events(conversation),
                  stack.profile(person))


@pytest.fixture(scope="session")
def teams_victim(stack: Stack) -> Victim:
    """A Teams user who walked to a plan: their profile is saved under their Entra object id."""
    object_id = str(uuid.uuid4())
    for activity in (stack.teams_activity(object_id, EMBEDDER),
                     stack.teams_activity(object_id, "", value={"payload": "/affirm"}),
                     stack.teams_activity(object_id, "", value={"payload": NEW_TO_AI})):
        assert stack.teams(activity).status_code == 200
    conversation = teams_conversation(TENANT, object_id)
    victim = snapshot(stack, conversation, f"entra:{TENANT}:{object_id}", object_id)
    assert victim.profile is not None and victim.profile.plan is not None
    return victim


@pytest.fixture(scope="session")
def slack_victim(stack: Stack) -> Victim:
    """A Slack user with a conversation (through the real Slack webhook) and a profile."""
    user = "U0VICTIM"
    conversation = slack_conversation(TEAM, user)
    assert stack.slack_event(user, "D0VICTIM", "hello").status_code == 200
    wait_for(lambda: stack.slack.posts("D0VICTIM"), timeout=60)
    wait_for(lambda: len(stack.events(conversation)) > 3, timeout=30)
    person = f"slack:{TEAM}:{user}"
    people.save_profile(stack.knowledge, people.person_id(person, PERSON_KEY.encode()),
                        profile=PROFILE)
    return snapshot(stack, conversation, person, user)
