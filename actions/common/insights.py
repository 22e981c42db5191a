"""The actions' side of anonymous insights: note what happened, with no trace of who.

Only coarse facts leave here (archetypes, level, areas, offerings, channel); the tracker is
read for the channel name alone. Recording never raises, so a conversation carries on whatever
happens to the insights table.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from rasa_sdk import Tracker
from sqlalchemy.engine import Engine

from actions.common.settings import public_url
from actions.common.state import PLAN
from actions.common.store import get_store
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.insights import (
    normalise_channel,
    record_plan_rated,
    record_plan_shown,
    record_profile_settled,
    record_reason_given,
)
from knowledge.insights.links import tracked_url

logger = logging.getLogger(__name__)


def _engine() -> Engine | None:
    """The knowledge database's engine, or None (logged) if the store cannot be opened."""
    try:
        return get_store().engine
    except Exception as err:  # noqa: BLE001 - insights must never break a conversation
        logger.warning("Insight event not recorded (%s).", type(err).__name__)
        return None


def channel_of(tracker: Tracker) -> str:
    """The channel the person is using: the message's `channel` metadata, else Rasa's name."""
    metadata = (tracker.latest_message or {}).get("metadata")
    named = metadata.get("channel") if isinstance(metadata, Mapping) else None
    return normalise_channel(named or tracker.get_latest_input_channel())


def note_profile(tracker: Tracker, payload: Mapping[str, Any]) -> bool:
    """Record that the person confirmed an `archetype_result` profile. True if stored."""
    archetypes = [
        a.get("key") if isinstance(a, Mapping) else a for a in payload.get("archetypes") or []
    ]
    engine = _engine()
    return engine is not None and record_profile_settled(engine, archetypes, channel_of(tracker))


def note_plan(tracker: Tracker, payload: Mapping[str, Any], store: CatalogueSnapshot) -> bool:
    """Record that a `pathway_plan` built from `store` was shown. True if stored.

    A plan shown again for the same archetypes and level (say, filtered to free options) is
    the same demand, so it is not counted twice; call this after every plan all the same.
    Its areas and offerings are checked against `store`, not looked up in the database again.
    """
    previous = tracker.get_slot(PLAN)
    if isinstance(previous, Mapping) and all(
        previous.get(name) == payload.get(name) for name in ("archetypes", "level")
    ):
        return False
    engine = _engine()
    return engine is not None and record_plan_shown(engine, payload, channel_of(tracker),
                                                    catalogue=store)


def note_usefulness(tracker: Tracker, plan: Mapping[str, Any], usefulness: str) -> bool:
    """Record the answer to "was this plan useful?" for the plan shown. True if stored."""
    engine = _engine()
    return engine is not None and record_plan_rated(engine, plan, usefulness, channel_of(tracker))


def note_reason(tracker: Tracker, plan: Mapping[str, Any], reason: str) -> bool:
    """Record why the plan shown was "not for me". True if stored."""
    engine = _engine()
    return engine is not None and record_reason_given(engine, plan, reason, channel_of(tracker))


def add_tracked_links(card: dict[str, Any], channel: str) -> None:
    """Give a plan card's offerings (funded places too) a `tracked_url` when the deployment
    has a public address. In place: `render.plan_card` has just copied the plan, and the plan
    kept in the slot must stay without them.

    `url` stays the provider's own address (what summaries and plain-text channels show);
    card renderers link through `tracked_url`, so a followed link is counted on the way.
    """
    base = public_url()
    if base is None:  # no public address for the redirect: cards link to the provider
        return
    offerings = [o for step in card.get("steps") or [] for o in step.get("offerings") or []]
    for offering in offerings + list(card.get("funded_places") or []):
        offering["tracked_url"] = tracked_url(base, offering["key"], channel)
