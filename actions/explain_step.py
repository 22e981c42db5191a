"""'Tell me more about step 2' or 'more about the Topol fellowship'.

Before there is a plan, a message taken for this that describes the person's work ("md of one
of our sites, I signed off the money for the AI discharge tool and I go through its numbers")
is read as their role, as the other catch-all actions do, rather than told there is no plan."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.assessment import describes_work
from actions.common.base import KnowledgeAction
from actions.common.render import offering_line
from knowledge.catalogue.glossary import term_key
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.engines.views import Offering
from knowledge.engines.wording import COST_WORDS, WORDS, upper_first

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
            "seventh": 7, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
NUMBER = re.compile(r"\b(\d{1,2})\b")


def step_number(text: str, steps: int) -> int | None:
    text = text.lower()
    if re.search(r"\b(last|final)\b", text) and steps:
        return steps
    match = NUMBER.search(text)
    if match:
        return int(match.group(1))
    return next((n for word, n in ORDINALS.items() if re.search(rf"\b{word}\b", text)), None)


def mentioned_offering(text: str, store: CatalogueSnapshot) -> Offering | None:
    """The offering whose title (or its distinctive words) the person named."""
    words = set(term_key(text).split())
    best, best_overlap = None, 0
    for offering in store.all_offerings():
        title = set(term_key(offering.title).split()) - {"the", "of", "and", "in", "for", "a", "ai"}
        overlap = len(words & title)
        if title and overlap >= min(2, len(title)) and overlap > best_overlap:
            best, best_overlap = offering, overlap
    return best


def say_offering(dispatcher: CollectingDispatcher, o: Offering) -> None:
    """Everything the catalogue says about one offering, with a caution if not confirmed."""
    dispatcher.utter_message(
        response="utter_offering_detail" if o.verified else "utter_offering_detail_unconfirmed",
        title=o.title, provider=o.provider, summary=o.summary, delivery_format=o.format,
        duration=o.duration, cost=o.cost_note or COST_WORDS.get(o.cost, o.cost), url=o.url,
        unverified=upper_first(WORDS.unverified),
    )


def say_step(dispatcher: CollectingDispatcher, store: CatalogueSnapshot, number: int,
             step: dict[str, Any]) -> None:
    """Step `number` of the plan: why it is there, what it covers, and its offerings."""
    lines = []
    for item in step["offerings"]:
        found = store.offering(item["key"])
        lines.append(f"- {offering_line(item)}")
        if found:
            lines.append(f"  {found.summary}")
    areas = ", ".join(step.get("capability_areas") or [])
    dispatcher.utter_message(
        response="utter_step_detail_areas" if areas else "utter_step_detail",
        number=number, title=step["title"], why=step["why"], areas=areas,
        offerings="\n".join(lines),
    )


class ActionExplainStep(KnowledgeAction):
    action_name = "action_explain_step"
    reads_work = staticmethod(describes_work)

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
    ) -> list[EventType]:
        text = state.latest_text(tracker)
        offering = mentioned_offering(text, store)
        if offering:
            say_offering(dispatcher, offering)
            return []
        plan: dict[str, Any] | None = state.slot_dict(tracker, state.PLAN)
        steps = (plan or {}).get("steps") or []
        number = step_number(text, len(steps))
        if not steps:
            if (role := self.role_if_work(tracker, store, text)) is not None:
                return role
            dispatcher.utter_message(response="utter_no_plan_yet")
            return []
        if number is None or not 1 <= number <= len(steps):
            dispatcher.utter_message(response="utter_which_step", steps=len(steps))
            return []
        say_step(dispatcher, store, number, steps[number - 1])
        return []
