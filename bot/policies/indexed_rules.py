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

A prediction straight after a message looks for a rule twice, by the message's text and then
by its intent, and Rasa builds the states for each look by replaying the whole conversation
(`past_states`), which grows with every turn. Here one prediction replays it once: each look
gets its own copy of those states, with the message's text or intent chosen as Rasa chooses
it, so the states, and so the predictions, are Rasa's (the same test compares them).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import PREVIOUS_ACTION, SHOULD_NOT_BE_SET
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.trackers import DialogueStateTracker
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


def copied(states: list[State]) -> list[State]:
    """States whose parts can be changed without changing `states` (Rasa deletes the text or
    the intent from a state's user part when it chooses which of them a look uses)."""
    return [{part: dict(values) for part, values in state.items()} for state in states]


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class IndexedRulePolicy(RulePolicy):
    """`RulePolicy` checking only the rule keys that can fit the latest state (module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._rule_index: dict[int, tuple[dict, int, dict[str | None, tuple[str, ...]]]] = {}
        self._replayed: tuple[DialogueStateTracker, int, list[State]] | None = None

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

    def _predict(self, tracker: DialogueStateTracker, domain: Domain) -> Any:
        """Rasa's prediction, the conversation replayed into states at most once for it."""
        self._replayed = None
        try:
            return super()._predict(tracker, domain)
        finally:
            self._replayed = None

    def _prediction_states(self, tracker: DialogueStateTracker, domain: Domain,
                           use_text_for_last_user_input: bool = False,
                           rule_only_data: dict[str, Any] | None = None) -> list[State]:
        """Rasa's states for one look (its featurizer's `prediction_states` for a RulePolicy,
        which keeps rule-only turns), from the prediction's one replay."""
        replayed = self._replayed
        if replayed is None or replayed[0] is not tracker or replayed[1] != len(tracker.events):
            replayed = self._replayed = (tracker, len(tracker.events),
                                         tracker.past_states(domain, rule_only_data=rule_only_data))
        featurizer = self.featurizer
        states = featurizer.slice_state_history(copied(replayed[2]), featurizer.max_history)
        featurizer._choose_last_user_input([states], use_text_for_last_user_input)
        return states
