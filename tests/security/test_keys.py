"""Every secret Pathfinder relies on is refused when it is too short, and never echoed."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from actions.common import secret as action_secret
from bot.channels import widget_token
from bot.contract import ACTIONS_SECRET_ENV
from knowledge.people import profiles as people

SHORT = "only-twenty-chars-xx"


def test_a_short_person_key_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(people.PERSON_KEY_ENV, SHORT)
    with pytest.raises(people.WeakKey) as refused:
        people.person_key()
    assert SHORT not in str(refused.value)


def test_a_short_action_server_secret_is_refused() -> None:
    with pytest.raises(ValueError, match=ACTIONS_SECRET_ENV) as refused:
        action_secret.secret_from_env({ACTIONS_SECRET_ENV: SHORT})
    assert SHORT not in str(refused.value)
    assert action_secret.secret_from_env({ACTIONS_SECRET_ENV: "s" * 32}) == b"s" * 32


def test_a_short_widget_secret_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(widget_token.SECRET_ENV, SHORT)
    with pytest.raises(ValueError, match="too short"):
        widget_token.secret_from_env()


def test_a_made_key_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    old = os.umask(0)  # even a permissive umask cannot widen it
    try:
        key = people.key_from_file(tmp_path / "person.key")
    finally:
        os.umask(old)
    assert len(key) >= people.MIN_KEY_BYTES
    assert stat.S_IMODE((tmp_path / "person.key").stat().st_mode) == 0o600
