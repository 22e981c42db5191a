"""Who the person in a conversation is, and saving what Pathfinder has found out about them.

The profile lives in the knowledge database (KNOWLEDGE_DB_URL), keyed by a hash of the person
behind the conversation id, which the channel connector wrote (knowledge.people.identity).
Nothing the caller puts in a message's metadata can name another person.
Saving is best effort: if the database is down the conversation carries on (its slots
still hold everything), and the log says so without naming the person.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from rasa_sdk import Tracker
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from actions.common import state
from knowledge.people.identity import WIDGET, IdentityError, person_key
from knowledge.people.profiles import (
    MAX_SESSION_SECONDS,
    PersonProfile,
    forget_person,
    load_profile,
    person_id,
    revoke_sessions,
    save_profile,
    short_ref,
)
from knowledge.storage.db import make_engine

logger = logging.getLogger(__name__)

_engine: Engine | None = None


def people_engine() -> Engine:
    """One engine (and connection pool) per action-server process."""
    global _engine
    if _engine is None:
        _engine = make_engine()
    return _engine


def use_engine(engine: Engine | None) -> None:
    """Point profile storage at another database (tests)."""
    global _engine
    _engine = engine


def person_id_for(tracker: Tracker) -> str | None:
    """The hashed id of the person behind this conversation, or None when it has nobody: its
    id does not start with the channel the server received the latest message on."""
    try:
        return person_id(person_key(tracker.sender_id, tracker.get_latest_input_channel()))
    except IdentityError:
        return None


def remember(
    tracker: Tracker,
    profile_payload: dict[str, Any] | None = None,
    plan_payload: dict[str, Any] | None = None,
    familiarity: str | None = None,
) -> bool:
    """Save the parts given (archetype_result, pathway_plan, level); True when stored."""
    if profile_payload is None and plan_payload is None and familiarity is None:
        return False
    pid = person_id_for(tracker)
    if pid is None:
        return False
    try:
        save_profile(
            people_engine(), pid, profile=profile_payload, plan=plan_payload,
            familiarity=familiarity,
        )
    except SQLAlchemyError as err:
        logger.warning("could not save profile %s: %s", short_ref(pid), type(err).__name__)
        return False
    return True


def recall(tracker: Tracker) -> PersonProfile | None:
    """The saved profile of this person, or None (also when the database is unavailable)."""
    pid = person_id_for(tracker)
    if pid is None:
        return None
    try:
        return load_profile(people_engine(), pid)
    except SQLAlchemyError as err:
        logger.warning("could not load profile %s: %s", short_ref(pid), type(err).__name__)
        return None


def forget(tracker: Tracker) -> int:
    """Delete this person's profile rows, and revoke the widget session tokens of this
    conversation; returns the profile rows removed. Database errors propagate."""
    if tracker.get_latest_input_channel() == WIDGET:
        revoke_sessions(people_engine(), tracker.sender_id,
                        lifetime=timedelta(seconds=MAX_SESSION_SECONDS))
    pid = person_id_for(tracker)
    if pid is None:
        return 0
    removed = forget_person(people_engine(), pid)
    logger.info("forgot person %s on request (%d profile row(s))", short_ref(pid), removed)
    return removed


def remember_from_events(tracker: Tracker, events: list[dict[str, Any]]) -> bool:
    """Save whatever profile, plan or level an action has just set in its slots.

    One call after every action keeps the saved profile in step with the conversation, without
    each action having to know about storage.
    """
    saved_slots = (state.PROFILE, state.PLAN, state.FAMILIARITY)
    values = {
        e.get("name"): e.get("value")
        for e in events
        if e.get("event") == "slot" and e.get("name") in saved_slots
    }
    profile = values.get(state.PROFILE)
    plan = values.get(state.PLAN)
    familiarity = values.get(state.FAMILIARITY)
    return remember(
        tracker,
        profile_payload=profile if isinstance(profile, dict) else None,
        plan_payload=plan if isinstance(plan, dict) else None,
        familiarity=familiarity if isinstance(familiarity, str) else None,
    )
