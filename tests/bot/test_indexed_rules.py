"""The indexed rule policy finds exactly the rule keys Rasa's RulePolicy finds, trained on
Pathfinder's rules, for every state of its rules and of its conversation tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.core.policies.rule_policy import RulePolicy
from rasa.core.training import load_data
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import RULE_SNIPPET_ACTION_NAME
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.trackers import DialogueStateTracker

from bot.policies.indexed_rules import IndexedRulePolicy

REPO = Path(__file__).resolve().parents[2]
CONFIG = {"core_fallback_threshold": 0.3, "enable_fallback_prediction": True}  # config.yml
LOOKUPS = ("rules", "rules_for_loop_unhappy_path")


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(REPO / "bot/domain"))


@pytest.fixture(scope="module")
def policies(domain: Domain, tmp_path_factory: pytest.TempPathFactory) -> tuple:
    storage = LocalModelStorage(tmp_path_factory.mktemp("storage"))
    trackers = load_data(str(REPO / "bot/data/rules"), domain, augmentation_factor=0)
    trained = []
    for cls in (RulePolicy, IndexedRulePolicy):
        policy = cls.create({**cls.get_default_config(), **CONFIG}, storage,
                            Resource(cls.__name__), ExecutionContext(GraphSchema({}), "test"))
        policy.train(trackers, domain)
        trained.append(policy)
    return tuple(trained)


def histories(domain: Domain) -> list[list[State]]:
    """Every prefix of the states of Pathfinder's rules and conversation tests."""
    trackers = [*load_data(str(REPO / "bot/data/rules"), domain, augmentation_factor=0),
                *load_data(str(REPO / "tests/conversations"), domain, augmentation_factor=0)]
    found = []
    for tracker in trackers:
        states = tracker.past_states(domain)
        found += [states[:n] for n in range(1, len(states) + 1)]
    return found


def test_the_rules_give_the_index_something_to_skip(policies: tuple) -> None:
    _, ours = policies
    groups = ours._grouped(ours.lookup["rules"])
    assert len(ours.lookup["rules"]) > 50
    assert len(groups) > 10 and max(len(keys) for keys in groups.values()) < 0.5 * len(
        ours.lookup["rules"])


def test_the_rule_keys_found_are_rasas_for_every_state(policies: tuple, domain: Domain) -> None:
    rasa, ours = policies
    assert ours.lookup == rasa.lookup
    checked = 0
    for states in histories(domain):
        if any(RULE_SNIPPET_ACTION_NAME in str(s) for s in states):
            continue  # rule snippets are training-only states
        for name in LOOKUPS:
            assert (ours._get_possible_keys(ours.lookup[name], states)
                    == rasa._get_possible_keys(rasa.lookup[name], states)), (name, states[-1])
        checked += 1
    assert checked > 200


def test_no_states_finds_every_key(policies: tuple) -> None:
    rasa, ours = policies
    assert ours._get_possible_keys(ours.lookup["rules"], []) == rasa._get_possible_keys(
        rasa.lookup["rules"], [])


def conversation_trackers(domain: Domain) -> list[DialogueStateTracker]:
    """The tracker before every action of Pathfinder's rules and conversation tests."""
    trackers = [*load_data(str(REPO / "bot/data/rules"), domain, augmentation_factor=0),
                *load_data(str(REPO / "tests/conversations"), domain, augmentation_factor=0)]
    return [prior for tracker in trackers for prior, _ in tracker.generate_all_prior_trackers()]


def test_each_look_gets_rasas_states_from_one_replay(policies: tuple, domain: Domain) -> None:
    rasa, ours = policies
    trackers = conversation_trackers(domain)
    assert len(trackers) > 200
    for tracker in trackers:
        ours._replayed = None
        for use_text in (True, False, True):  # the second and third looks reuse the replay
            assert (ours._prediction_states(tracker, domain, use_text)
                    == rasa._prediction_states(tracker, domain, use_text))
    ours._replayed = None


def test_every_prediction_is_rasas(policies: tuple, domain: Domain) -> None:
    rasa, ours = policies
    for tracker in conversation_trackers(domain):
        (theirs, their_source), (mine, my_source) = (rasa._predict(tracker, domain),
                                                     ours._predict(tracker, domain))
        assert my_source == their_source
        assert (mine.probabilities, mine.events, mine.is_end_to_end_prediction,
                mine.is_no_user_prediction, mine.hide_rule_turn) == (
            theirs.probabilities, theirs.events, theirs.is_end_to_end_prediction,
            theirs.is_no_user_prediction, theirs.hide_rule_turn)
    assert ours._replayed is None
