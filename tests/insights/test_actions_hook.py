"""The actions' hook: channel from the tracker, events stored, tracked links in a plan."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from rasa_sdk import Tracker
from sqlalchemy import select
from sqlalchemy.engine import Engine

from actions.common.insights import channel_of, note_plan, note_profile
from actions.common.store import use_store
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.catalogue.store import KnowledgeStore
from knowledge.insights.events import insight_events
from tests.insights.seeding import card_with_links, plan_payload


@pytest.fixture(autouse=True)
def _actions_use_test_store(knowledge_store: KnowledgeStore) -> Iterator[None]:
    use_store(knowledge_store)
    yield
    use_store(None)


def _tracker(
    metadata: dict | None = None, input_channel: str | None = "socketio", slots: dict | None = None
) -> Tracker:
    return Tracker(
        sender_id="person-4821",
        slots=slots or {},
        latest_message={"text": "I'm a radiographer", "metadata": metadata or {}},
        events=[{"event": "user", "text": "I'm a radiographer", "input_channel": input_channel}],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name=None,
    )


def test_the_channel_comes_from_metadata_then_rasa() -> None:
    assert channel_of(_tracker({"channel": "teams"})) == "teams"
    assert channel_of(_tracker()) == "widget"
    assert channel_of(_tracker(input_channel="rest")) == "rest"
    assert channel_of(_tracker(input_channel=None)) == "other"


def test_notes_store_coarse_events(engine: Engine, store: CatalogueSnapshot) -> None:
    profile = {
        "type": "archetype_result", "primary": "users", "confident": True,
        "archetypes": [{"key": "users", "name": "Users", "score": 0.8,
                        "evidence": ["you said you are a radiographer"]}],
    }
    assert note_profile(_tracker({"channel": "slack"}), profile)
    assert note_plan(_tracker(), plan_payload(store, ["users"], "new"), store)
    with engine.connect() as conn:
        rows = conn.execute(
            select(insight_events.c.kind, insight_events.c.archetypes, insight_events.c.channel)
        ).all()
    assert sorted(rows) == [
        ("plan_shown", ["users"], "widget"), ("profile_settled", ["users"], "slack"),
    ]
    assert "person-4821" not in repr(rows) and "radiographer" not in repr(rows)


def test_the_same_plan_shown_again_counts_once(engine: Engine, store: CatalogueSnapshot) -> None:
    payload = plan_payload(store, ["users"], "new")
    assert note_plan(_tracker(), payload, store)
    free = plan_payload(store, ["users"], "new") | {"filters": ["free"]}
    assert not note_plan(_tracker(slots={"plan": payload}), free, store)
    assert note_plan(_tracker(slots={"plan": payload}), plan_payload(store, ["users"], "some"),
                     store)
    with engine.connect() as conn:
        levels = conn.execute(select(insight_events.c.level)).scalars().all()
    assert sorted(levels) == ["new", "some"]


def test_a_note_that_fails_does_not_raise(engine: Engine) -> None:
    assert not note_profile(_tracker(), {"archetypes": [{"key": "not an archetype"}]})


def test_tracked_links_keep_the_provider_url(
    store: CatalogueSnapshot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATHFINDER_PUBLIC_URL", "https://pathfinder.example.nhs.uk/")
    payload = plan_payload(store, ["embedders"], "some")
    tracked = card_with_links(payload, "socketio")
    first = payload["steps"][0]["offerings"][0]
    link = tracked["steps"][0]["offerings"][0]
    assert link["url"] == first["url"]
    parts = urlsplit(link["tracked_url"])
    assert f"{parts.scheme}://{parts.netloc}" == "https://pathfinder.example.nhs.uk"
    assert parts.path == f"/webhooks/links/go/{first['key']}"
    assert parse_qs(parts.query) == {"channel": ["widget"]}
    assert "tracked_url" not in first, "the original payload is left as it was"
