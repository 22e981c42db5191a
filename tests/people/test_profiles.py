"""Profiles: one row per person however deliveries race or retry, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from knowledge.people import profiles as people
from knowledge.storage.db import make_engine
from knowledge.storage.migrate import upgrade
from tests.people.rows import rows_mentioning
from tests.support.postgres import shared_postgres

KEY = b"profiles-test-key-of-at-least-32-bytes"


def profile_payload(primary: str, score: float) -> dict:
    return {
        "type": "archetype_result",
        "primary": primary,
        "confident": True,
        "archetypes": [{"key": primary, "name": primary.title(), "score": score,
                        "evidence": ["you said you use an AI tool"]}],
    }


PLAN = {"type": "pathway_plan", "archetypes": ["users"], "level": "new", "filters": [],
        "steps": [{"order": 1, "tier": "foundation", "title": "Foundations",
                   "capability_areas": [], "why": "a start", "offerings": []}]}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[Engine]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('people') / 'knowledge.db'}"
    else:
        url = shared_postgres().create_database("people")
    engine = make_engine(url)
    upgrade(engine)
    yield engine
    engine.dispose()


def new_person(name: str) -> str:
    return people.person_id(f"rest:{name}-{os.urandom(4).hex()}", KEY)


def count_rows(engine: Engine, pid: str) -> int:
    with engine.connect() as conn:
        return conn.execute(
            select(func.count()).select_from(people.PROFILES)
            .where(people.PROFILES.c.person_id == pid)
        ).scalar_one()


def test_person_id_is_keyed_and_never_the_raw_id() -> None:
    pid = people.person_id("slack:T1:U024BE7LH", KEY)
    assert len(pid) == 64 and int(pid, 16) >= 0
    assert "U024BE7LH" not in pid
    assert pid == people.person_id("slack:T1:U024BE7LH", KEY)
    assert pid != people.person_id("rest:slack:T1:U024BE7LH", KEY)
    assert pid != people.person_id("slack:T1:U024BE7LH", b"another deployment" * 2)
    assert people.short_ref(pid) == pid[:8]
    with pytest.raises(ValueError):
        people.person_id("", KEY)


def test_configured_key_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    configured = "from-the-environment-" + "x" * 20
    monkeypatch.setenv(people.PERSON_KEY_ENV, configured)
    assert people.person_key() == configured.encode()


def test_keys_shorter_than_32_bytes_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(people.PERSON_KEY_ENV, "short-key")
    with pytest.raises(people.WeakKey, match=people.PERSON_KEY_ENV) as refused:
        people.person_key()
    assert "short-key" not in str(refused.value)
    path = tmp_path / "person.key"
    path.write_text("also-too-short")
    with pytest.raises(people.WeakKey):
        people.key_from_file(path)


def test_the_key_file_is_private_from_its_first_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Created 0600 in the same call, whatever the umask: never readable by others."""
    created: list[int] = []
    real_open = os.open

    def watching_open(path: str, flags: int, mode: int = 0o777) -> int:
        descriptor = real_open(path, flags, mode)
        created.append(stat.S_IMODE(os.fstat(descriptor).st_mode))
        return descriptor

    monkeypatch.setattr(os, "open", watching_open)
    old = os.umask(0)
    try:
        people.key_from_file(tmp_path / "person.key")
    finally:
        os.umask(old)
    assert created == [0o600]


def test_development_key_file_is_made_once(tmp_path: Path) -> None:
    path = tmp_path / "data" / "person.key"
    with ThreadPoolExecutor(8) as pool:
        keys = set(pool.map(lambda _: people.key_from_file(path), range(16)))
    assert len(keys) == 1 and len(keys.pop()) == 64
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["person.key"]  # no temporary files left


def test_retried_delivery_keeps_one_row(engine: Engine) -> None:
    pid = new_person("retry")
    payload = profile_payload("users", 0.8)
    people.save_profile(engine, pid, profile=payload)
    first = people.load_profile(engine, pid)
    people.save_profile(engine, pid, profile=payload)
    again = people.load_profile(engine, pid)
    assert count_rows(engine, pid) == 1
    assert first is not None and again is not None
    assert again.created_at == first.created_at and again.updated_at >= first.updated_at
    assert again.profile == payload and again.archetypes == [{"key": "users", "score": 0.8}]


def test_concurrent_saves_leave_one_consistent_row_per_person(engine: Engine) -> None:
    pids = [new_person(f"race{i}") for i in range(3)]
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def worker(n: int) -> None:
        start.wait()
        try:
            for i in range(15):
                pid = pids[(n + i) % len(pids)]
                if i % 3 == 0:
                    people.save_profile(engine, pid, profile=profile_payload("users", n / 10))
                elif i % 3 == 1:
                    people.save_profile(engine, pid, plan=PLAN, familiarity="some")
                else:
                    people.save_profile(engine, pid, familiarity="new")
        except BaseException as err:  # noqa: BLE001 - collected and asserted below
            errors.append(err)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors
    for pid in pids:
        assert count_rows(engine, pid) == 1
        saved = people.load_profile(engine, pid)
        assert saved is not None and saved.profile is not None
        # archetypes always match the profile they were saved with, never a mix of two writes
        assert saved.archetypes == [
            {"key": a["key"], "score": a["score"]} for a in saved.profile["archetypes"]
        ]
        assert saved.familiarity in ("new", "some")


def test_parts_update_independently(engine: Engine) -> None:
    pid = new_person("parts")
    people.save_profile(engine, pid, profile=profile_payload("creators", 0.7))
    people.save_profile(engine, pid, plan=PLAN, familiarity="new")
    saved = people.load_profile(engine, pid)
    assert saved is not None
    assert saved.archetype_keys == ["creators"] and saved.plan == PLAN
    assert saved.familiarity == "new"
    # a new result makes the old plan stale; the level still holds
    people.save_profile(engine, pid, profile=profile_payload("drivers", 0.9))
    saved = people.load_profile(engine, pid)
    assert saved is not None
    assert saved.archetype_keys == ["drivers"] and saved.plan is None
    assert saved.familiarity == "new"


def test_forget_person_leaves_no_row_anywhere(engine: Engine) -> None:
    pid, other = new_person("forget"), new_person("keep")
    for person in (pid, other):
        people.save_profile(engine, person, profile=profile_payload("users", 0.5), plan=PLAN)
    assert rows_mentioning(engine, pid) == {"person_profiles": 1}
    assert people.forget_person(engine, pid) == 1
    assert rows_mentioning(engine, pid) == {}
    assert people.load_profile(engine, other) is not None
    assert people.forget_person(engine, pid) == 0


def test_purge_removes_only_idle_profiles(engine: Engine) -> None:
    old, recent = new_person("old"), new_person("recent")
    now = people.utcnow()
    people.save_profile(engine, old, familiarity="new", now=now - timedelta(days=91))
    people.save_profile(engine, recent, familiarity="new", now=now - timedelta(days=89))
    assert people.purge_older_than(engine, timedelta(days=90), now=now) >= 1
    assert people.load_profile(engine, old) is None
    assert people.load_profile(engine, recent) is not None


def test_unsupported_database_is_refused() -> None:
    class FakeDialect:
        name = "oracle"

    class FakeEngine:
        dialect = FakeDialect()

    with pytest.raises(people.UnsupportedDatabase):
        people.save_profile(FakeEngine(), "x", familiarity="new")  # type: ignore[arg-type]
