"""The assessment step shared by descriptions, corrections and rescued messages.

The assessment itself is the Rasa form `assessment_form`: its required slots (the person's
role, the screening questions the policy in knowledge.engines.screening wants for this person, then
"Does that sound right?" and their familiarity with AI) are chosen per person by
`validate_assessment_form`. Actions that
learn something about the person's work record it here and hand over to the form, which
asks whatever is still open; nobody is asked "what do you do?" a second time.
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.archetypes import archetypes_named
from actions.common.readings import identify
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.engines.screening import question_to_ask, settle
from knowledge.engines.text import words
from knowledge.engines.views import ArchetypeProfile

ROLE_EVIDENCE = 0.3  # total evidence weight from the text above which a message describes work
# (the person's own job title, of any staff group, always does: "porter", "GP")
CHOOSE_ARCHETYPE = "utter_choose_archetype"
NOT_QUITE = "utter_not_quite"
PICK_WORDS = 4  # a message naming one archetype in at most this many words may be a choice of it


def describes_work(store: CatalogueSnapshot, text: str) -> bool:
    """Whether a message describes someone's work (a job title or an activity with AI), so it
    must be read as a role description whatever the intent classifier made of it."""
    if not text:
        return False
    profile = identify(store, text)
    return profile.staff_group is not None or any(
        sum(e.weight for e in s.evidence if e.source == "text") >= ROLE_EVIDENCE
        for s in profile.ranked
    )


def names_own_job(store: CatalogueSnapshot, text: str) -> bool:
    """Whether a message gives the person's own job title ("I'm a practice nurse, ..."), as
    opposed to a topic that is some archetype's work ("courses on automation bias"); one of the
    two ways `describes_work` counts a message as work."""
    return bool(text) and identify(store, text).staff_group is not None


def current_profile(store: CatalogueSnapshot, tracker: Tracker) -> ArchetypeProfile:
    """The engine's reading of everything the person has said and answered so far."""
    return identify(store, state.role_text(tracker), state.answers(tracker))


def required_slots(store: CatalogueSnapshot, tracker: Tracker) -> list[str]:
    """The assessment form's questions for this person, answered ones first.

    The role first (unless it is known, or the person had nothing to say); then each screening
    question the shared policy asks while it is unsure; then, if there is a result, whether it
    sounds right and, once it does, how familiar they are with AI (unless known). The corpus
    evaluation replays the same policy (knowledge.evaluation.corpus).
    """
    if tracker.get_slot(state.ROLE_TEXT) is None:
        return [state.ROLE_TEXT]
    answers = state.answers(tracker)
    slots = [state.ROLE_TEXT, *(state.answer_slot(key) for key in answers)]
    profile = current_profile(store, tracker)
    question = question_to_ask(profile, len(answers))
    if question is not None:
        return [*slots, state.answer_slot(question)]
    if not settle(profile).archetypes:
        return slots
    slots.append(state.PROFILE_CONFIRMED)
    if tracker.get_slot(state.PROFILE_CONFIRMED) and tracker.get_slot(state.FAMILIARITY) is None:
        slots.append(state.FAMILIARITY)  # for the plan that follows
    return slots


DESCRIBE_ROLE = "describe_role"  # the intent of a message about the person's work


def describes_role_now(tracker: Tracker) -> bool:
    """Whether the form's validation action is to add the latest message to the role text: a
    description of the role that opens the form, or that comes while it runs and fills none of
    its slots. One that does fill a slot is an answer to the open question (to "what do you
    do?", the whole message becomes the role text through Rasa's own slot mapping)."""
    if (tracker.latest_message or {}).get("intent", {}).get("name") != DESCRIBE_ROLE:
        return False
    if _opened_by_latest_message(tracker):
        return True
    return bool(tracker.get_slot(state.REQUESTED_SLOT)) and not tracker.slots_to_validate()


def _opened_by_latest_message(tracker: Tracker) -> bool:
    """Whether the form was opened after the latest message (Rasa opens it before it calls the
    validation action)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "active_loop" and event.get("name") == state.ASSESSMENT_FORM:
            return True
    return False


def _role_added(tracker: Tracker, text: str) -> EventType:
    return SlotSet(state.ROLE_TEXT, state.add_role_text(state.role_text(tracker), text))


def role_recorded(tracker: Tracker, text: str) -> list[EventType]:
    """Add a message to what the person has said about their role, from inside the form (the
    validation action's part of `record_role`); the result is to be confirmed again."""
    return [_role_added(tracker, text), SlotSet(state.PROFILE_CONFIRMED, None)]


def record_role(tracker: Tracker, text: str) -> list[EventType]:
    """Add a message to what the person has said about their role and reopen the assessment."""
    return [_role_added(tracker, text), *reopen(tracker)]


def reopen(tracker: Tracker) -> list[EventType]:
    """Hand over to the assessment form, which asks whatever the new information leaves open
    and then shows the result again (the rules return to a form that is already running)."""
    events: list[EventType] = [SlotSet(state.PROFILE_CONFIRMED, None)]
    if tracker.active_loop_name != state.ASSESSMENT_FORM:
        events.append(FollowupAction(state.ASSESSMENT_FORM))
    return events


def fresh_assessment(tracker: Tracker) -> list[EventType]:
    """Forget the previous assessment's role, answers and confirmation."""
    answer_slots = [name for name in tracker.slots if name.startswith(state.ANSWER_PREFIX)]
    return [
        SlotSet(name, None)
        for name in (state.ROLE_TEXT, state.PROFILE_CONFIRMED, *answer_slots)
    ]


def choose_archetype(
    dispatcher: CollectingDispatcher, store: CatalogueSnapshot, response: str = CHOOSE_ARCHETYPE
) -> list[EventType]:
    """Let the person pick their archetype (after ruling everything out, or "not quite"),
    rather than ask about their job again."""
    buttons = [
        {"title": a.name, "payload": f'/correct_archetype{{"archetype": "{a.key}"}}'}
        for a in store.archetypes()
    ]
    dispatcher.utter_message(response=response, buttons=buttons)
    return []


def picked(tracker: Tracker, store: CatalogueSnapshot) -> list[EventType] | None:
    """A short message naming one archetype on its own ("Embedders", "I think the drivers
    one") while a result waits to be confirmed or the archetypes are on offer is the person
    choosing it, as its button would, whatever the classifier made of the message: the events
    of that choice, else None. The result's own main archetype, named while it waits to be
    confirmed, confirms it; any other is added as a correction adds it, and the result is shown
    again."""
    text = state.latest_text(tracker)
    if not text or len(words(text)) > PICK_WORDS:
        return None
    named = archetypes_named(tracker, store)
    if len(named) != 1:
        return None
    key = named[0].key
    confirming = state.open_when_spoken(tracker) == state.PROFILE_CONFIRMED
    if not confirming and not state.replies_before(tracker) & {CHOOSE_ARCHETYPE, NOT_QUITE}:
        return None
    if confirming and state.archetypes(tracker)[:1] == [key]:
        return [SlotSet(state.PROFILE_CONFIRMED, True)]
    return [SlotSet(state.ROLE_TEXT, state.role_text(tracker)),
            SlotSet(state.answer_slot(key), "yes"), *reopen(tracker)]
