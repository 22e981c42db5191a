"""Who a conversation belongs to, decided by the channel the server received it on.

Every conversation id (Rasa's sender id) is written by the channel connector, never taken from
the caller, and starts with that channel's name:

    slack:<team id>:<user id>        the Slack workspace and user, from Slack's signed request
    teams:<tenant id>:<object id>    the Entra ID tenant and object id, from a verified activity
    widget:<random hex>              an anonymous widget session, from the server's signed token
    widget:entra:<tenant>:<object>   a widget session signed in with Entra ID
    rest:<sender>                    whatever a REST caller sends, always under `rest:`

So a REST caller who sends `slack:T1:U1` as its sender gets the conversation
`rest:slack:T1:U1`, which is not the Slack user's. The *person* behind a conversation (whose
saved profile it is) follows from the conversation id alone; Teams and a signed-in widget share
one person, `entra:<tenant>:<object id>`, because both carry the same Entra object id. A
conversation whose id does not start with the channel it arrived on belongs to nobody.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

SLACK = "slack"
TEAMS = "teams"
WIDGET = "widget"
REST = "rest"
CHANNELS = (SLACK, TEAMS, WIDGET, REST)
ENTRA = "entra"  # the namespace of people known by their Entra ID object id
SEPARATOR = ":"
# The only metadata a REST caller may send: harmless, short, and never read as identity.
REST_METADATA_KEYS = ("locale",)
MAX_METADATA_VALUE = 35


class IdentityError(ValueError):
    """A conversation id that cannot be built, or that does not belong to its channel."""


def conversation_id(channel: str, *parts: str) -> str:
    """`channel:part:...`; only the last part may itself contain the separator."""
    if channel not in CHANNELS:
        raise IdentityError(f"unknown channel {channel!r}")
    if not parts or any(not isinstance(p, str) or not p for p in parts):
        raise IdentityError(f"a {channel} conversation id needs every part")
    if any(SEPARATOR in p for p in parts[:-1]):
        raise IdentityError(f"a {channel} conversation id part contains {SEPARATOR!r}")
    return SEPARATOR.join((channel, *parts))


def slack_conversation(team: str, user: str) -> str:
    return conversation_id(SLACK, team, user)


def teams_conversation(tenant: str, object_id: str) -> str:
    return conversation_id(TEAMS, tenant, object_id)


def widget_conversation(subject: str) -> str:
    """`subject` is the widget token's: random hex, or `entra:<tenant>:<object id>`."""
    return conversation_id(WIDGET, subject)


def entra_subject(tenant: str, object_id: str) -> str:
    """The widget token subject of a person signed in with Entra ID."""
    return SEPARATOR.join(_plain(ENTRA, tenant, object_id))


def rest_conversation(sender: str) -> str:
    return conversation_id(REST, sender)


def person_key(conversation: str, input_channel: str | None) -> str:
    """The person behind `conversation`, as one string (hashed before it is stored).

    IdentityError when the conversation id does not start with `input_channel`, the channel
    the server received the latest message on: such a conversation was not made by a channel.
    """
    channel, sep, rest = (conversation or "").partition(SEPARATOR)
    if not sep or not rest or channel not in CHANNELS or channel != input_channel:
        raise IdentityError("the conversation does not belong to the channel it arrived on")
    if channel == TEAMS:
        tenant, _, object_id = rest.partition(SEPARATOR)
        return entra_subject(tenant, object_id)
    if channel == WIDGET and rest.startswith(ENTRA + SEPARATOR):
        tenant, _, object_id = rest.removeprefix(ENTRA + SEPARATOR).partition(SEPARATOR)
        return entra_subject(tenant, object_id)
    if channel == SLACK:
        team, _, sender = rest.partition(SEPARATOR)
        # Rasa's channel or thread granularity appends "_<channel>"; the person is the user
        return SEPARATOR.join(_plain(SLACK, team, sender.split("_", 1)[0]))
    return conversation


def _plain(*parts: str) -> tuple[str, ...]:
    if any(not p or SEPARATOR in p for p in parts):
        raise IdentityError("an identity part is empty or contains the separator")
    return parts


def rest_metadata(metadata: Mapping[str, Any] | None) -> dict[str, str]:
    """What survives of a REST caller's metadata: the allowed keys with short text values."""
    return {
        key: value.strip()
        for key, value in (metadata or {}).items()
        if key in REST_METADATA_KEYS
        and isinstance(value, str)
        and 0 < len(value.strip()) <= MAX_METADATA_VALUE
    }
