"""Answering a catalogue question in a few lines: shared by the course and filter actions.

The sentences are the `utter_catalogue_*` and `utter_named_offering*` responses; what this module
builds is the content they frame: offering lines, and the conditions asked, in plan words.
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.render import join_names, offering_line
from knowledge.catalogue.search import (
    LIMIT,
    CatalogueAnswer,
    CourseQuery,
    named_offerings,
    named_provider,
    search,
)
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.engines.views import Offering
from knowledge.engines.wording import COST_WORDS, DELIVERY_WORDS, LEVEL_BAND_WORDS

LENGTH_WORDS = {"short": "short (not a programme of months)", "long": "a longer programme"}
NEAREST = {("conditions",): "utter_catalogue_nearest_same_topic"}  # else related topics


def conditions_text(query: CourseQuery) -> str:
    """'free, online, at foundation level': the conditions asked, in the bot's words."""
    words = []
    if query.cost:
        words.append(COST_WORDS.get(query.cost, query.cost))
    if query.delivery:
        words.append(DELIVERY_WORDS.get(query.delivery, query.delivery))
    if query.band:
        words.append(LEVEL_BAND_WORDS[query.band])
    if query.length:
        words.append(LENGTH_WORDS[query.length])
    return ", ".join(words)


def _about(answer: CatalogueAnswer) -> str:
    """What was asked, to follow "the catalogue has": ' on ethics that is free', or ''."""
    parts = []
    if answer.topics:
        parts.append(f"on {join_names(answer.topics)}")
    if conditions := conditions_text(answer.query):
        parts.append(f"that is {conditions}")
    return " " + " ".join(parts) if parts else ""


def _lines(offerings: tuple[Offering, ...]) -> str:
    return "\n".join(f"- {offering_line(o)}" for o in offerings[:LIMIT])


def say_named(dispatcher: CollectingDispatcher, offering: Offering) -> None:
    """An offering the person named: what it is, how it runs, and whether it is confirmed."""
    details = "\n".join(filter(None, (offering_line(offering), offering.cost_note)))
    dispatcher.utter_message(
        response="utter_named_offering" if offering.verified
        else "utter_named_offering_unconfirmed",
        title=offering.title, provider=offering.provider, summary=offering.summary,
        details=details,
    )


def say_answer(dispatcher: CollectingDispatcher, answer: CatalogueAnswer,
               offer_plan: bool) -> None:
    """The reply: what the person named, what matches, or plainly nothing and the nearest;
    then, if `offer_plan`, that a role would put them in order."""
    if answer.named:
        for offering in answer.named[:3]:
            say_named(dispatcher, offering)
        return
    about = _about(answer)
    if answer.matches:
        more = len(answer.matches) - LIMIT
        shown = {"response": "utter_catalogue_matches_more", "more": more} if more > 0 \
            else {"response": "utter_catalogue_matches"}
        dispatcher.utter_message(about=about, offerings=_lines(answer.matches), **shown)
    elif answer.nearest:
        dispatcher.utter_message(
            response=NEAREST.get(answer.relaxed, "utter_catalogue_nearest_related"),
            about=about, offerings=_lines(answer.nearest),
        )
    else:
        dispatcher.utter_message(response="utter_catalogue_nothing", about=about)
    if offer_plan and (answer.matches or answer.nearest):
        dispatcher.utter_message(response="utter_catalogue_plan_offer")


def names_the_catalogue(store: CatalogueSnapshot, text: str) -> bool:
    """Whether a message names an offering or a provider of the catalogue ("tell me about the
    NHS Digital Academy"): a question the catalogue answers, whatever the classifier made of
    it."""
    offerings = store.all_offerings()
    return bool(text) and bool(named_offerings(text, offerings)
                               or named_provider(text, offerings))


def answer_catalogue_question(
    dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
) -> None:
    """The catalogue's answer; the plan is offered to someone with no profile yet."""
    archetypes = state.archetypes(tracker)
    answer = search(store, state.latest_text(tracker), archetypes)
    say_answer(dispatcher, answer, offer_plan=not archetypes)
