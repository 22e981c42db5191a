"""Conversation ids carry the channel the server received them on; the person follows from the
id alone, and an id that does not match its channel belongs to nobody."""

from __future__ import annotations

import pytest

from knowledge.people import identity


def test_each_channel_namespaces_its_conversations() -> None:
    assert identity.slack_conversation("T1", "U1") == "slack:T1:U1"
    assert identity.teams_conversation("tid", "oid") == "teams:tid:oid"
    assert identity.widget_conversation("a" * 32) == "widget:" + "a" * 32
    assert identity.widget_conversation(identity.entra_subject("tid", "oid")) == (
        "widget:entra:tid:oid"
    )
    # whatever a REST caller sends stays under rest:
    assert identity.rest_conversation("slack:T1:U1") == "rest:slack:T1:U1"


@pytest.mark.parametrize(
    "parts", [("", "U1"), ("T1", ""), ("T:1", "U1")], ids=["no team", "no user", "colon in team"]
)
def test_incomplete_or_ambiguous_ids_are_refused(parts: tuple[str, str]) -> None:
    with pytest.raises(identity.IdentityError):
        identity.slack_conversation(*parts)


def test_teams_and_a_signed_in_widget_are_one_person() -> None:
    teams = identity.person_key("teams:tid:oid", "teams")
    widget = identity.person_key("widget:entra:tid:oid", "widget")
    assert teams == widget == "entra:tid:oid"
    assert identity.person_key("widget:" + "a" * 32, "widget") == "widget:" + "a" * 32


def test_slack_granularity_suffixes_are_the_same_person() -> None:
    assert identity.person_key("slack:T1:U1_C9", "slack") == "slack:T1:U1"


@pytest.mark.parametrize(
    ("conversation", "channel"),
    [
        ("slack:T1:U1", "rest"),  # a Slack id arriving over REST
        ("U1", "slack"),  # an id from before the scheme
        ("teams:tid:oid", None),  # no channel recorded
        ("teams:tid", "teams"),  # no object id
        ("widget:entra:tid", "widget"),
        ("cmdline:abc", "cmdline"),  # not a channel Pathfinder knows people on
    ],
)
def test_an_id_that_does_not_match_its_channel_belongs_to_nobody(
    conversation: str, channel: str | None
) -> None:
    with pytest.raises(identity.IdentityError):
        identity.person_key(conversation, channel)


def test_rest_metadata_keeps_only_short_allowed_text() -> None:
    claimed = {"channel": "slack", "user": "U1", "user_id": "U1", "team": "T1",
               "aad_object_id": "oid", "locale": " en-GB ", "nested": {"a": 1}}
    assert identity.rest_metadata(claimed) == {"locale": "en-GB"}
    assert identity.rest_metadata({"locale": "x" * 100}) == {}
    assert identity.rest_metadata({"locale": 42}) == {}
    assert identity.rest_metadata(None) == {}
