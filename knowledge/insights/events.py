"""Anonymous demand events: the only facts about conversations educators ever see.

Each row holds coarse, catalogue-level facts (archetypes, familiarity level, capability areas,
offerings, channel, month, and for feedback on a plan one answer from a fixed list). Nothing in
it can be joined back to a person or a conversation: no sender id, no text, no time finer than
a month, and a random id (the SQLite table has no rowid, so storage order does not follow
insertion order either). Every row passes a field-by-field allow-list before it is written,
and recording never raises into a conversation.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, Column, Index, MetaData, String, Table, insert, select
from sqlalchemy.engine import Connection, Engine

from knowledge.catalogue import tables as m
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.engines.views import ARCHETYPE_KEYS, FAMILIARITY_LEVELS
from knowledge.insights.feedback import REASONS, USEFULNESS

logger = logging.getLogger(__name__)

PROFILE_SETTLED = "profile_settled"
PLAN_SHOWN = "plan_shown"
OFFERING_FOLLOWED = "offering_followed"
PLAN_RATED = "plan_rated"  # "was this plan useful?" answered
REASON_GIVEN = "reason_given"  # why a plan was "not for me"
KINDS: tuple[str, ...] = (PROFILE_SETTLED, PLAN_SHOWN, OFFERING_FOLLOWED, PLAN_RATED,
                          REASON_GIVEN)
CHANNELS: tuple[str, ...] = ("widget", "slack", "teams", "rest", "other")
# Rasa input channel names (and our own short names) mapped to the channels we report on.
CHANNEL_ALIASES: dict[str, str] = {
    "widget": "widget",
    "socketio": "widget",
    "slack": "slack",
    "teams": "teams",
    "botframework": "teams",
    "rest": "rest",
}
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
MONTH_PATTERN = re.compile(r"^(19|20)\d\d-(0[1-9]|1[0-2])$")
ID_PATTERN = re.compile(r"^[0-9a-f]{32}$")

metadata = MetaData()
insight_events = Table(
    "insight_events",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("kind", String(24), nullable=False),
    Column("archetypes", JSON, nullable=False),
    Column("level", String(16), nullable=True),
    Column("areas", JSON, nullable=False),
    Column("offerings", JSON, nullable=False),
    Column("channel", String(16), nullable=False),
    Column("month", String(7), nullable=False),
    Column("usefulness", String(16), nullable=True),
    Column("reason", String(32), nullable=True),
    Index("ix_insight_events_month_kind", "month", "kind"),
    sqlite_with_rowid=False,
)


class InsightRejected(ValueError):
    """A row failed the allow-list; `field` names the field, never its value."""

    def __init__(self, field: str, reason: str):
        self.field = field
        super().__init__(f"insight event field '{field}' rejected: {reason}")


@dataclass(frozen=True)
class InsightEvent:
    kind: str
    archetypes: tuple[str, ...]
    level: str | None
    areas: tuple[str, ...]
    offerings: tuple[str, ...]
    channel: str
    month: str
    usefulness: str | None = None  # PLAN_RATED only
    reason: str | None = None  # REASON_GIVEN only


def normalise_channel(raw: Any) -> str:
    """One of CHANNELS for any channel name (Rasa's, ours, or anything a link was given)."""
    name = raw.strip().lower() if isinstance(raw, str) else ""
    return CHANNEL_ALIASES.get(name, "other")


def current_month() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m")


def _one_of(allowed: Iterable[str]) -> Callable[[Any], bool]:
    values = tuple(allowed)
    return lambda value: isinstance(value, str) and value in values


def _keys(check: Callable[[Any], bool]) -> Callable[[Any], bool]:
    """A sorted list of distinct values, each passing `check`."""
    return lambda value: (
        isinstance(value, list)
        and all(check(v) for v in value)
        and value == sorted(set(value))
    )


def _key(value: Any) -> bool:
    return isinstance(value, str) and bool(KEY_PATTERN.match(value))


# The allow-list: every column, and the only values each may hold.
ALLOWED_FIELDS: dict[str, Callable[[Any], bool]] = {
    "id": lambda v: isinstance(v, str) and bool(ID_PATTERN.match(v)),
    "kind": _one_of(KINDS),
    "archetypes": _keys(_one_of(ARCHETYPE_KEYS)),
    "level": lambda v: v is None or (isinstance(v, str) and v in FAMILIARITY_LEVELS),
    "areas": _keys(_key),
    "offerings": _keys(_key),
    "channel": _one_of(CHANNELS),
    "month": lambda v: isinstance(v, str) and bool(MONTH_PATTERN.match(v)),
    "usefulness": lambda v: v is None or (isinstance(v, str) and v in USEFULNESS),
    "reason": lambda v: v is None or (isinstance(v, str) and v in REASONS),
}
# Which kind carries which answer: a feedback field on any other kind is refused.
ANSWER_FIELDS: dict[str, str] = {PLAN_RATED: "usefulness", REASON_GIVEN: "reason"}


def check_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """`row` as a plain dict if every field is allowed and valid; else InsightRejected."""
    for name in row:
        if name not in ALLOWED_FIELDS:
            raise InsightRejected(str(name)[:40], "not an allowed field")
    for name, valid in ALLOWED_FIELDS.items():
        if name not in row:
            raise InsightRejected(name, "missing")
        if not valid(row[name]):
            raise InsightRejected(name, "value not allowed")
    for name in ANSWER_FIELDS.values():
        if (row[name] is not None) != (ANSWER_FIELDS.get(row["kind"]) == name):
            raise InsightRejected(name, "not allowed for this kind of event")
    return dict(row)


def to_row(event: InsightEvent) -> dict[str, Any]:
    """The event as a table row with a fresh random id, checked against the allow-list."""
    row = asdict(event)
    for name in ("archetypes", "areas", "offerings"):
        row[name] = sorted(set(row[name]))
    return check_row({"id": uuid.uuid4().hex, **row})


def store_event(
    engine: Engine, event: InsightEvent, catalogue: CatalogueSnapshot | None = None
) -> None:
    """Write one event; raises InsightRejected or SQLAlchemyError (callers decide).

    Its area and offering keys are checked against `catalogue`, the snapshot of the catalogue
    tables that the event was built from, when the caller has one (the action server); else
    against the tables themselves."""
    row = to_row(event)
    if catalogue is not None:
        _require_listed("areas", catalogue.area_names, row["areas"])
        _require_listed("offerings", catalogue.offering_by_key, row["offerings"])
    with engine.begin() as conn:
        if catalogue is None:
            _require_known(conn, "areas", m.CapabilityAreaRow.key, row["areas"])
            _require_known(conn, "offerings", m.OfferingRow.key, row["offerings"])
        conn.execute(insert(insight_events), [row])


def _require_known(conn: Connection, field: str, column: Any, keys: list[str]) -> None:
    """Area and offering keys must name catalogue entries, so no free text can hide in them."""
    if not keys:
        return
    known = set(conn.execute(select(column).where(column.in_(keys))).scalars())
    if known != set(keys):
        raise InsightRejected(field, "not in the catalogue")


def _require_listed(field: str, listed: Mapping[str, Any], keys: list[str]) -> None:
    """`_require_known`, with the catalogue's keys read from its snapshot."""
    if not all(key in listed for key in keys):
        raise InsightRejected(field, "not in the catalogue")


def area_keys_by_name(engine: Engine) -> dict[str, str]:
    """Capability area names (as plans show them) and keys, both mapped to the key."""
    with engine.connect() as conn:
        rows = conn.execute(select(m.CapabilityAreaRow.key, m.CapabilityAreaRow.name)).all()
    return _by_name_and_key(rows)


def area_keys_in(catalogue: CatalogueSnapshot) -> dict[str, str]:
    """`area_keys_by_name`, read from a snapshot of the catalogue tables."""
    return _by_name_and_key(catalogue.area_names.items())


def _by_name_and_key(rows: Iterable[tuple[str, str]]) -> dict[str, str]:
    pairs = list(rows)
    return {**{name: key for key, name in pairs}, **{key: key for key, _ in pairs}}


def plan_event(
    payload: Mapping[str, Any], channel: str, area_keys: Mapping[str, str], month: str
) -> InsightEvent:
    """The coarse facts of a `pathway_plan` payload; everything else in it is ignored."""
    steps = [s for s in payload.get("steps") or [] if isinstance(s, Mapping)]
    areas = {
        area_keys[name]
        for step in steps
        for name in step.get("capability_areas") or []
        if isinstance(name, str) and name in area_keys
    }
    offerings = {
        o["key"]
        for step in steps
        for o in step.get("offerings") or []
        if isinstance(o, Mapping) and isinstance(o.get("key"), str)
    }
    return InsightEvent(
        kind=PLAN_SHOWN,
        archetypes=tuple(payload.get("archetypes") or ()),
        level=payload.get("level"),
        areas=tuple(areas),
        offerings=tuple(offerings),
        channel=normalise_channel(channel),
        month=month,
    )


def _record(
    engine: Engine, build: Callable[[], InsightEvent], catalogue: CatalogueSnapshot | None = None
) -> bool:
    """Build and store an event; any failure is logged without data and never raised."""
    try:
        store_event(engine, build(), catalogue)
    except InsightRejected as err:
        logger.warning("Insight event not recorded: field '%s' was not allowed.", err.field)
        return False
    except Exception as err:  # noqa: BLE001 - recording must never break a conversation
        logger.warning("Insight event not recorded (%s).", type(err).__name__)
        return False
    return True


def record_profile_settled(
    engine: Engine, archetypes: Iterable[str], channel: str, *, month: str | None = None
) -> bool:
    """The person confirmed their archetypes. True if the event was stored."""
    return _record(
        engine,
        lambda: InsightEvent(
            kind=PROFILE_SETTLED, archetypes=tuple(archetypes), level=None, areas=(),
            offerings=(), channel=normalise_channel(channel), month=month or current_month(),
        ),
    )


def record_plan_shown(
    engine: Engine, plan_payload: Mapping[str, Any], channel: str, *, month: str | None = None,
    catalogue: CatalogueSnapshot | None = None,
) -> bool:
    """A `pathway_plan` was shown. True if the event was stored. `catalogue`: the snapshot
    the plan was built from, if the caller has it; its areas and offerings are then looked up
    there instead of in the catalogue tables (`store_event`)."""
    return _record(
        engine,
        lambda: plan_event(
            plan_payload, channel,
            area_keys_by_name(engine) if catalogue is None else area_keys_in(catalogue),
            month or current_month(),
        ),
        catalogue,
    )


def record_offering_followed(
    engine: Engine, offering_key: str, channel: str, *, month: str | None = None
) -> bool:
    """Someone followed a tracked link to an offering. True if the event was stored."""
    return _record(
        engine,
        lambda: InsightEvent(
            kind=OFFERING_FOLLOWED, archetypes=(), level=None, areas=(),
            offerings=(offering_key,), channel=normalise_channel(channel),
            month=month or current_month(),
        ),
    )


def _answer_event(
    kind: str, plan_payload: Mapping[str, Any], channel: str, month: str | None, **answer: str
) -> InsightEvent:
    """Feedback on a plan: the plan's archetypes and level, the channel and the answer only."""
    return InsightEvent(
        kind=kind, archetypes=tuple(plan_payload.get("archetypes") or ()),
        level=plan_payload.get("level"), areas=(), offerings=(),
        channel=normalise_channel(channel), month=month or current_month(), **answer,
    )


def record_plan_rated(
    engine: Engine, plan_payload: Mapping[str, Any], usefulness: str, channel: str, *,
    month: str | None = None,
) -> bool:
    """Someone said whether the plan shown was useful. True if the event was stored."""
    return _record(
        engine,
        lambda: _answer_event(PLAN_RATED, plan_payload, channel, month, usefulness=usefulness),
    )


def record_reason_given(
    engine: Engine, plan_payload: Mapping[str, Any], reason: str, channel: str, *,
    month: str | None = None,
) -> bool:
    """Someone said why the plan was "not for me". True if the event was stored."""
    return _record(
        engine, lambda: _answer_event(REASON_GIVEN, plan_payload, channel, month, reason=reason)
    )


def read_events(conn: Connection, since_month: str | None = None) -> Iterable[InsightEvent]:
    """Stored events (from `since_month` on), for the report; streamed, so a large table is
    never held in memory at once."""
    query = select(insight_events)
    if since_month:
        query = query.where(insight_events.c.month >= since_month)
    for row in conn.execution_options(stream_results=True).execute(query).mappings():
        yield InsightEvent(
            kind=row["kind"], archetypes=tuple(row["archetypes"]), level=row["level"],
            areas=tuple(row["areas"]), offerings=tuple(row["offerings"]),
            channel=row["channel"], month=row["month"],
            usefulness=row["usefulness"], reason=row["reason"],
        )
