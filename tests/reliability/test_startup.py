"""Broken store settings at start-up: a clear error that names the setting, and no start.

The checks run against real servers: a closed loopback port for PostgreSQL and Redis that are
down, a real Redis and SQLite file for the good case.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from bot.addons.endpoints import endpoints_yaml
from bot.addons.preflight import check_endpoints
from tests.reliability.support import STRICT_REST, closed_port
from tests.support.redis import shared_redis
from tests.support.servers import MODEL, REPO, VENV_BIN, base_env

PASSWORD = "s3cret-pw"


def _endpoints(folder: Path, **env: str) -> Path:
    path = folder / "endpoints.yml"
    path.write_text(endpoints_yaml(env))
    return path


def test_reachable_stores_pass(tmp_path: Path) -> None:
    env = {"TRACKER_DB_URL": f"sqlite:///{tmp_path / 'db' / 'trackers.db'}",
           "LOCK_STORE_URL": shared_redis().url(1)}
    assert check_endpoints(_endpoints(tmp_path, **env), env) == []
    assert (tmp_path / "db" / "trackers.db").exists()


def test_default_sqlite_store_when_no_url(tmp_path: Path) -> None:
    path = tmp_path / "endpoints.yml"
    path.write_text("tracker_store:\n  type: bot.addons.tracker_store.ForgettingSQLTrackerStore\n")
    dead = f"postgresql://rasa@127.0.0.1:{closed_port()}/rasa"
    [problem] = check_endpoints(path, {"TRACKER_DB_URL": dead})
    assert problem.setting.startswith("TRACKER_DB_URL (tracker_store in")


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("postgresql://rasa:{pw}@127.0.0.1:{port}/rasa", "Connection refused"),
        ("postgres://rasa:{pw}@127.0.0.1:{port}/rasa", "not a usable database URL"),
        ("not a url", "not a usable database URL"),
        ("sqlite:////proc/pathfinder/trackers.db", "cannot create the database folder"),
    ],
)
def test_bad_tracker_store_url_is_named(tmp_path: Path, url: str, error: str) -> None:
    env = {"TRACKER_DB_URL": url.format(pw=PASSWORD, port=closed_port())}
    [problem] = check_endpoints(_endpoints(tmp_path, **env), env)
    assert problem.setting == f"tracker_store.url in {tmp_path / 'endpoints.yml'} " \
                              "(set from TRACKER_DB_URL)"
    assert error in problem.error
    assert PASSWORD not in str(problem)


def test_unset_variable_is_named(tmp_path: Path) -> None:
    path = _endpoints(tmp_path, TRACKER_DB_URL="sqlite:///x.db", LOCK_STORE_URL="redis://x")
    problems = check_endpoints(path, {})
    assert [p.error for p in problems] == ["TRACKER_DB_URL is not set", "LOCK_STORE_URL is not set"]


def test_unreachable_lock_store_is_named(tmp_path: Path) -> None:
    env = {"TRACKER_DB_URL": f"sqlite:///{tmp_path / 'trackers.db'}",
           "LOCK_STORE_URL": f"redis://:{PASSWORD}@127.0.0.1:{closed_port()}/1"}
    [problem] = check_endpoints(_endpoints(tmp_path, **env), env)
    assert problem.setting.startswith("lock_store.url in") and "LOCK_STORE_URL" in problem.setting
    assert "Connection refused" in problem.error and PASSWORD not in str(problem)


def test_launcher_refuses_to_start_with_an_unreachable_tracker_store(tmp_path: Path) -> None:
    url = f"postgresql://rasa:{PASSWORD}@127.0.0.1:{closed_port()}/rasa"
    endpoints = _endpoints(tmp_path, TRACKER_DB_URL=url)
    credentials = tmp_path / "credentials.yml"
    credentials.write_text(f"{STRICT_REST}:\n")
    started = time.monotonic()
    run = subprocess.run(
        [str(VENV_BIN / "python"), "-m", "bot.addons.rasa_run", "--model", str(MODEL),
         "--endpoints", str(endpoints), "--credentials", str(credentials),
         "--port", str(closed_port())],
        cwd=REPO, env=base_env(TRACKER_DB_URL=url), capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 2, run.stderr
    assert time.monotonic() - started < 60
    assert "Pathfinder cannot start" in run.stderr
    assert "tracker_store.url" in run.stderr and "TRACKER_DB_URL" in run.stderr
    assert "Connection refused" in run.stderr and PASSWORD not in run.stderr
