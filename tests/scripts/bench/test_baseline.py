"""The peer bot: every bot turn of the `rasa init` stories becomes one custom action."""

from __future__ import annotations

from scripts.bench.baseline import one_action_per_turn


def test_each_run_of_responses_becomes_one_action_uttering_them_in_order() -> None:
    steps = [
        {"intent": "greet"}, {"action": "utter_greet"},
        {"intent": "mood_unhappy"}, {"action": "utter_cheer_up"},
        {"action": "utter_did_that_help"},
    ]
    converted, actions = one_action_per_turn(steps)
    assert converted == [
        {"intent": "greet"}, {"action": "action_greet"},
        {"intent": "mood_unhappy"}, {"action": "action_cheer_up_did_that_help"},
    ]
    assert actions == {"action_greet": ["utter_greet"],
                       "action_cheer_up_did_that_help": ["utter_cheer_up",
                                                         "utter_did_that_help"]}


def test_other_steps_are_kept_as_they_are() -> None:
    steps = [{"intent": "affirm"}, {"action": "action_listen"}, {"slot_was_set": [{"a": 1}]}]
    assert one_action_per_turn(steps) == (steps, {})
