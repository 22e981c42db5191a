"""Answering a catalogue question in a few lines: shared by the course and filter actions."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.render import join_names, offering_line
from knowledge.catalogue_search import LIMIT, CatalogueAnswer, CourseQuery, search
from knowledge.snapshot import CatalogueSnapshot
from knowledge.views import Offering
from knowledge.wording import COST_WORDS, DELIVERY_WORDS

LENGTH_WORDS = {"short": "short (not a programme of months)", "long": "a longer programme"}
BROADER = (
    "You could ask about a broader topic (ethics, regulation, evaluating AI, data, leadership) "
    "or tell me about your role and I'll suggest a learning plan."
)
NOT_CONFIRMED = "I haven't yet been able to confirm these details on the provider's own page."
PLAN_OFFER = "If you tell me about your role, I can put these in order for you."


def conditions_text(query: CourseQuery) -> str:
    """'free, online, at foundation level': the conditions asked, in the bot's words."""
    words = []
    if query.cost:
        words.append(COST_WORDS.get(query.cost, query.cost))
    if query.delivery:
        words.append(DELIVERY_WORDS.get(query.delivery, query.delivery))
    if query.band:
        words.append(f"at {query.band} level")
    if query.length:
        words.append(LENGTH_WORDS[query.length])
    return ", ".join(words)


def _about(answer: CatalogueAnswer) -> str:
    parts = []
    if answer.topics:
        parts.append(f"on {join_names(answer.topics)}")
    if conditions := conditions_text(answer.query):
        parts.append(f"that is {conditions}")
    return " " + " ".join(parts) if parts else ""


def _lines(offerings: tuple[Offering, ...]) -> list[str]:
    return [f"- {offering_line(o)}" for o in offerings[:LIMIT]]


def named_text(offering: Offering) -> str:
    lines = [f"**{offering.title}** ({offering.provider}): {offering.summary}",
             offering_line(offering)]
    if offering.cost_note:
        lines.append(offering.cost_note)
    if not offering.verified:
        lines.append(NOT_CONFIRMED)
    return "\n".join(lines)


def answer_text(answer: CatalogueAnswer, has_profile: bool) -> str:
    """The reply: what the person named, what matches, or plainly nothing and the nearest."""
    if answer.named:
        return "\n\n".join(named_text(o) for o in answer.named[:3])
    about = _about(answer)
    if answer.matches:
        lines = [f"Here's what the catalogue has{about}:", *_lines(answer.matches)]
        more = len(answer.matches) - LIMIT
        if more > 0:
            lines.append(
                f"There are {more} more. Add a topic, a cost or a format (such as online) "
                "to narrow the list."
            )
    elif answer.nearest:
        gave_up = (
            "on the same topic" if answer.relaxed == ("conditions",) else "on related topics"
        )
        lines = [f"I couldn't find anything in the catalogue{about}. The nearest, {gave_up}:",
                 *_lines(answer.nearest)]
    else:
        lines = [f"I couldn't find anything in the catalogue{about}.", BROADER]
    if not has_profile and (answer.matches or answer.nearest):
        lines.append(PLAN_OFFER)
    return "\n".join(lines)


def answer_catalogue_question(
    dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
) -> None:
    archetypes = state.archetypes(tracker)
    answer = search(store, state.latest_text(tracker), archetypes)
    dispatcher.utter_message(text=answer_text(answer, bool(archetypes)))
