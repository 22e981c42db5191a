"""The generated endpoints.yml: SQL tracker store always, Redis locks only when configured, and
no secret ever written to the file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.addons.endpoints import LOCK_STORE, TRACKER_STORE, endpoints_yaml, main
from bot.contract import ACTIONS_SECRET_ENV

SECRET_URLS = {
    "TRACKER_DB_URL": "postgresql://rasa:tracker-secret@db:5432/rasa",
    "LOCK_STORE_URL": "redis://:lock-secret@redis:6379/1",
    "ACTION_ENDPOINT_URL": "http://actions:5055/webhook",
}


def test_defaults_are_sqlite_and_in_memory_locks() -> None:
    config = yaml.safe_load(endpoints_yaml({}))
    assert config["action_endpoint"] == {
        "url": "http://127.0.0.1:5055/webhook",  # loopback, as the action server listens
        "headers": {"Authorization": "Bearer ${PATHFINDER_ACTIONS_SECRET}"},
        "enable_selective_domain": True,  # the domain only to actions marked send_domain
    }
    assert config["tracker_store"] == {"type": TRACKER_STORE}
    assert config["lock_store"] == {"type": "in_memory"}


def test_configured_stores_are_referenced_not_copied() -> None:
    text = endpoints_yaml(SECRET_URLS)
    assert "secret" not in text
    config = yaml.safe_load(text)
    assert config["action_endpoint"]["url"] == SECRET_URLS["ACTION_ENDPOINT_URL"]
    assert config["tracker_store"] == {"type": TRACKER_STORE, "url": "${TRACKER_DB_URL}"}
    assert config["lock_store"] == {"type": LOCK_STORE, "url": "${LOCK_STORE_URL}"}


def test_rasa_expands_the_references(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from rasa.utils.endpoints import read_endpoint_config

    for name, value in SECRET_URLS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv(ACTIONS_SECRET_ENV, "s" * 40)  # Rasa expands every reference in the file
    path = tmp_path / "endpoints.yml"
    assert main([str(path)], env=SECRET_URLS) == 0
    assert read_endpoint_config(str(path), "tracker_store").url == SECRET_URLS["TRACKER_DB_URL"]
    assert read_endpoint_config(str(path), "lock_store").url == SECRET_URLS["LOCK_STORE_URL"]


def test_rasa_sends_the_action_servers_secret(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Rasa 3.6's EndpointConfig keeps the section's headers and adds them to every call."""
    from rasa.utils.endpoints import read_endpoint_config

    monkeypatch.setenv(ACTIONS_SECRET_ENV, "s" * 40)
    path = tmp_path / "endpoints.yml"
    assert main([str(path)], env={}) == 0
    action = read_endpoint_config(str(path), "action_endpoint")
    assert action.headers == {"Authorization": f"Bearer {'s' * 40}"}
    assert "s" * 40 not in path.read_text()


def test_usage_error(capsys: pytest.CaptureFixture) -> None:
    assert main([]) == 2
    assert "usage: python -m bot.addons.endpoints OUT.yml" in capsys.readouterr().err
