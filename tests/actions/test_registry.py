"""What the action server registers: every action under the name Rasa calls it by."""

from __future__ import annotations

from rasa_sdk.executor import ActionExecutor

from tests.support.responses import domain


def registered() -> set[str]:
    executor = ActionExecutor()
    executor.register_package("actions")
    return set(executor.actions)


def test_every_registered_action_has_a_name() -> None:
    assert "" not in registered()  # a shared base class must not register itself


def test_every_custom_action_in_the_domain_is_registered() -> None:
    custom = {name for name in domain().user_actions if not name.startswith("utter_")}
    assert custom - registered() == set()
