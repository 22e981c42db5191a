"""Rasa's RulePolicy, finding the rules that fit a conversation through an index of what each
rule's last step was preceded by.

To choose the next action, Rasa's RulePolicy checks every rule it learned against the latest
state of the conversation, then the survivors against the state before, and so on
(`_get_possible_keys`). Pathfinder's rules and the steps Rasa derives from them make about a
hundred keys, each checked at every prediction, two or three predictions a turn: about a
tenth of a turn (docs/benchmarks.md). Almost every key fails on the first check, because its
last state names the action that must have just run and the conversation's does not.

Here the keys are grouped once by that action name. For a prediction, only the keys expecting
the action that has just run, and the keys that expect none in particular, are checked, with
Rasa's own check, state by state, exactly as before: a key left out would have failed Rasa's
first check (its action name must equal the conversation's, and it does not), so the keys
found, and so the predictions, are Rasa's. `tests/bot/test_indexed_rules.py` compares them
with Rasa's own on every state of Pathfinder's conversation tests.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import PREVIOUS_ACTION, SHOULD_NOT_BE_SET
from rasa.shared.core.domain import State
from rasa.shared.nlu.constants import ACTION_NAME

ANY_ACTION = None  # the group of keys whose last state names no particular previous action


def expected_previous_action(last: State) -> str | None:
    """The action a rule key's last state requires to have just run, if it requires one."""
    name = (last.get(PREVIOUS_ACTION) or {}).get(ACTION_NAME)
    if isinstance(name, str) and name and name != SHOULD_NOT_BE_SET:
        return name
    return ANY_ACTION


def previous_action(state: State) -> Any:
    return (state.get(PREVIOUS_ACTION) or {}).get(ACTION_NAME)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class IndexedRulePolicy(RulePolicy):
    """`RulePolicy` checking only the rule keys that can fit the latest state (module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._rule_index: dict[int, tuple[dict, int, dict[str | None, tuple[str, ...]]]] = {}

    def _grouped(self, lookup: dict[str, Any]) -> dict[str | None, tuple[str, ...]]:
        """The lookup's keys by the previous action their last state requires, made once per
        lookup (Rasa builds a new lookup dict whenever it changes one)."""
        index = self._rule_index
        known = index.get(id(lookup))
        if known is None or known[0] is not lookup or known[1] != len(lookup):
            groups: defaultdict[str | None, list[str]] = defaultdict(list)
            for key in lookup:
                states = self._rule_key_to_state(key)
                groups[expected_previous_action(states[-1]) if states else ANY_ACTION].append(key)
            known = index[id(lookup)] = (lookup, len(lookup),
                                         {k: tuple(v) for k, v in groups.items()})
        return known[2]

    def _get_possible_keys(self, lookup: dict[str, Any], states: list[State]) -> set[str]:
        if not states:
            return set(lookup)
        groups = self._grouped(lookup)
        latest = previous_action(states[-1])
        possible = {*groups.get(ANY_ACTION, ()),
                    *(groups.get(latest, ()) if isinstance(latest, str) else ())}
        for turn, state in enumerate(reversed(states)):
            possible = {key for key in possible if self._is_rule_applicable(key, turn, state)}
        return possible
