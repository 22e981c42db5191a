"""The retention job: one command removes idle conversations and idle profiles, reports counts
only, and refuses a bad age or an unreachable database with a clear message."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.addons.tracker_store import ForgettingSQLTrackerStore
from bot.purge import DEFAULT_RETENTION, main, parse_age
from knowledge.people import profiles as people
from knowledge.storage.db import make_engine
from knowledge.storage.migrate import upgrade

DOMAIN = Domain.load(str(Path(__file__).resolve().parents[2] / "bot" / "domain"))


def _save_conversation(url: str, sender: str, hours_ago: float) -> None:
    at = time.time() - hours_ago * 3600
    tracker = DialogueStateTracker.from_events(sender, [
        ActionExecuted("action_listen", timestamp=at),
        UserUttered("hello", {"name": "greet", "confidence": 1.0}, timestamp=at + 1),
        ActionExecuted("action_listen", timestamp=at + 2),
    ], slots=DOMAIN.slots)
    store = ForgettingSQLTrackerStore(domain=DOMAIN, host=url)
    asyncio.run(store.save(tracker))
    store.engine.dispose()


def test_one_run_purges_idle_profiles_and_conversations(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    knowledge_url = f"sqlite:///{tmp_path / 'knowledge.db'}"
    tracker_url = f"sqlite:///{tmp_path / 'trackers.db'}"
    upgrade(make_engine(knowledge_url))
    people.save_profile(make_engine(knowledge_url), "a" * 64, familiarity="new",
                        now=people.utcnow() - timedelta(hours=13))
    people.save_profile(make_engine(knowledge_url), "b" * 64, familiarity="new")
    _save_conversation(tracker_url, "rest:idle", hours_ago=13)
    _save_conversation(tracker_url, "rest:active", hours_ago=1)

    code = main(["--older-than", "12h", "--db", knowledge_url, "--tracker-db", tracker_url])

    out = capsys.readouterr().out
    assert code == 0
    assert "Removed 1 profile(s) and 1 conversation(s) (3 events)" in out
    assert "a" * 16 not in out and "idle" not in out.replace("idle for", "")


def test_the_age_comes_from_the_environment_when_not_given(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    knowledge_url = f"sqlite:///{tmp_path / 'knowledge.db'}"
    upgrade(make_engine(knowledge_url))
    monkeypatch.setenv("PATHFINDER_RETENTION", "8w")
    code = main(["--db", knowledge_url, "--tracker-db", f"sqlite:///{tmp_path / 't.db'}"])
    assert code == 0 and "idle for more than 8w" in capsys.readouterr().out


def test_the_default_age_is_ninety_days() -> None:
    assert parse_age(DEFAULT_RETENTION) == timedelta(days=90)


@pytest.mark.parametrize("age", ["90", "0d", "3 months", "-1d", ""])
def test_a_bad_age_is_refused(age: str, capsys: pytest.CaptureFixture) -> None:
    assert main([f"--older-than={age}", "--db", "sqlite://"]) == 2
    assert "use a whole number of hours, days or weeks" in capsys.readouterr().err


@pytest.mark.parametrize("option", ["--all", "--older"])
def test_an_unknown_or_shortened_option_is_refused(
    option: str, capsys: pytest.CaptureFixture
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main([option, "12h", "--db", "sqlite://", "--tracker-db", "sqlite://"])
    assert stopped.value.code == 2 and "unrecognized arguments" in capsys.readouterr().err


def test_an_unreachable_database_is_reported_without_its_password(
    capsys: pytest.CaptureFixture,
) -> None:
    code = main(["--db", "postgresql://nobody:secret@127.0.0.1:9/none"])
    err = capsys.readouterr().err
    assert code == 3 and "Cannot purge profiles" in err and "secret" not in err
