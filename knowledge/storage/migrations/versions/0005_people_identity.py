"""Conversation and person ids namespaced by the channel the server received them on.

Before, a conversation id was the channel's raw id (Slack user, Teams `29:` id, widget subject,
REST sender) and a person id was HMAC(key, "<channel>\\x1f<user>") with channel and user read
from message metadata, which a REST caller could set to anyone's. After (knowledge.people.identity),
conversations are `slack:<team>:<user>`, `teams:<tenant>:<object id>`, `widget:<subject>` and
`rest:<sender>`, and a person id is HMAC(key, person key).

The tracker store (TRACKER_DB_URL, else data/trackers.db) is the record of who spoke on which
channel, so the upgrade reads it:

* a conversation whose user messages all came through one channel, with the ids the new scheme
  needs, is renamed; any other (mixed channels, an unknown channel, ids missing) is deleted,
  because it cannot be handed to one person safely;
* a profile is re-keyed when the conversations that wrote it lead to exactly one new person,
  and no REST caller ever claimed it through metadata; every other profile is deleted, since
  under the new scheme nobody could reach it, read it or ask for it to be forgotten.

It also adds `revoked_sessions`, the widget session tokens revoked by "forget me".
Downgrade drops that table only: the old ids cannot be recomputed from the new ones.

Revision ID: 0005_people_identity
Revises: 0002_people
Create Date: 2026-12-01
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections import defaultdict
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.engine import Connection, make_url

from bot.contract import default_tracker_url
from knowledge.people import identity
from knowledge.people.profiles import person_id, person_key
from knowledge.storage.db import make_engine

revision = "0005_people_identity"
down_revision = "0002_people"
branch_labels = None
depends_on = None

logger = logging.getLogger("alembic.runtime.migration")

OLD_CLAIM_KEYS = ("channel", "user_id", "user")  # what the old scheme read from metadata
EVENTS = sa.table("events", sa.column("sender_id", sa.String), sa.column("type_name", sa.String),
                  sa.column("data", sa.Text))
PROFILES = sa.table("person_profiles", sa.column("person_id", sa.String),
                    sa.column("updated_at", sa.DateTime))


def upgrade() -> None:
    op.create_table(
        "revoked_sessions",
        sa.Column("ref", sa.String(64), primary_key=True),
        sa.Column("revoked_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False, index=True),
    )
    knowledge = op.get_bind()
    with _tracker_connection(knowledge) as trackers:
        conversations = _user_messages(trackers) if trackers is not None else {}
        renames, doomed, claims, contested = _plan(conversations)
        for old, new in renames.items():
            trackers.execute(EVENTS.update().where(EVENTS.c.sender_id == old)
                             .values(sender_id=new))
        for old in doomed:
            trackers.execute(EVENTS.delete().where(EVENTS.c.sender_id == old))
    kept, dropped = _rekey_profiles(knowledge, claims, contested)
    logger.info("people identity: %d conversations renamed, %d deleted; %d profiles re-keyed, "
                "%d deleted", len(renames), len(doomed), kept, dropped)


def downgrade() -> None:
    op.drop_table("revoked_sessions")


class _tracker_connection:  # noqa: N801 - used as a context manager, like a function
    """The tracker store's database: the migration's own connection when it is the same
    database, a new one otherwise, None when there is no tracker store yet."""

    def __init__(self, knowledge: Connection) -> None:
        self._knowledge = knowledge
        self._connection: Connection | None = None

    def __enter__(self) -> Connection | None:
        url = make_url(default_tracker_url())
        same = url.render_as_string(hide_password=False)
        if same == self._knowledge.engine.url.render_as_string(hide_password=False):
            connection: Connection | None = self._knowledge
        elif url.get_backend_name() == "sqlite" and not Path(url.database or "").is_file():
            connection = None  # creating an empty file here would help nobody
        else:
            self._connection = connection = make_engine(same).connect()
            self._connection.begin()
        if connection is not None and not sa.inspect(connection).has_table("events"):
            return None
        return connection

    def __exit__(self, kind: type | None, *_: Any) -> None:
        if self._connection is not None:
            if kind is None:
                self._connection.commit()
            else:
                self._connection.rollback()
            self._connection.close()


def _user_messages(trackers: Connection) -> dict[str, list[dict[str, Any]]]:
    """Each conversation's user messages (input channel and metadata), oldest first."""
    rows = trackers.execute(
        sa.select(EVENTS.c.sender_id, EVENTS.c.type_name, EVENTS.c.data)
    ).all()
    conversations: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for sender, type_name, data in rows:
        conversations.setdefault(sender, [])
        if type_name == "user":
            event = json.loads(data or "{}")
            conversations[sender].append({"channel": event.get("input_channel"),
                                          "metadata": event.get("metadata") or {}})
    return conversations


def _new_conversation(sender: str, channel: str, metadata: dict[str, Any]) -> str:
    if channel == identity.SLACK:
        return identity.slack_conversation(str(metadata.get("team") or ""), sender)
    if channel == identity.TEAMS:
        return identity.teams_conversation(str(metadata.get("tenant_id") or ""),
                                           str(metadata.get("aad_object_id") or ""))
    if channel == identity.WIDGET:
        return identity.widget_conversation(sender)
    if channel == identity.REST:
        return identity.rest_conversation(sender)
    raise identity.IdentityError(f"no such channel {channel!r}")


def _old_person(sender: str, message: dict[str, Any], key: bytes) -> str:
    """The person id the old scheme computed for this message."""
    metadata = message["metadata"]
    channel = metadata.get("channel") or message["channel"] or "unknown"
    user = next((str(metadata[k]) for k in ("user_id", "user")
                 if isinstance(metadata.get(k), (str, int))), sender)
    return hmac.new(key, f"{channel}\x1f{user}".encode(), hashlib.sha256).hexdigest()


def _plan(
    conversations: dict[str, list[dict[str, Any]]],
) -> tuple[dict[str, str], list[str], dict[str, set[str]], set[str]]:
    """(renames, conversations to delete, old person id -> new person keys, contested ids)."""
    renames: dict[str, str] = {}
    doomed: list[str] = []
    claims: dict[str, set[str]] = defaultdict(set)
    contested: set[str] = set()
    key: bytes | None = None
    for sender, messages in conversations.items():
        channels = {m["channel"] for m in messages}
        if len(channels) == 1 and sender.startswith(f"{next(iter(channels))}:"):
            continue  # already in the new form
        try:
            if len(channels) != 1:
                raise identity.IdentityError("mixed or no channels")
            channel = channels.pop()
            news = {_new_conversation(sender, channel, m["metadata"]) for m in messages}
            if len(news) != 1:
                raise identity.IdentityError("the ids changed within the conversation")
            new = news.pop()
            new_person = identity.person_key(new, channel)
        except identity.IdentityError:
            doomed.append(sender)
            continue
        renames[sender] = new
        key = key or person_key()
        for message in messages:
            old = _old_person(sender, message, key)
            claimed = channel == identity.REST and any(
                k in message["metadata"] for k in OLD_CLAIM_KEYS
            )
            if claimed:
                contested.add(old)
            else:
                claims[old].add(new_person)
    return renames, doomed, claims, contested


def _rekey_profiles(
    knowledge: Connection, claims: dict[str, set[str]], contested: set[str]
) -> tuple[int, int]:
    """Re-key the profiles that lead to exactly one person; delete the rest."""
    rows = knowledge.execute(
        sa.select(PROFILES.c.person_id).order_by(PROFILES.c.updated_at.desc())
    ).scalars().all()
    kept = dropped = 0
    taken: set[str] = set()
    for old in rows:
        people = claims.get(old, set())
        new = person_id(next(iter(people))) if len(people) == 1 and old not in contested else None
        if new is None or new in taken:  # the newest profile wins when two lead to one person
            knowledge.execute(PROFILES.delete().where(PROFILES.c.person_id == old))
            dropped += 1
            continue
        knowledge.execute(PROFILES.update().where(PROFILES.c.person_id == old)
                          .values(person_id=new))
        taken.add(new)
        kept += 1
    return kept, dropped
