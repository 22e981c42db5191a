"""The buttons that take a person down one of the bot's main routes, each route's words once.

A button set that goes with a single response is part of that response in the domain
(`utter_help`, `utter_fallback_still_lost`, `utter_ask_forget_me` ...). The sets here are the
ones actions put together at run time: the ways to start (greeting, restart), a returning
person's choices, the fallback's guesses at what was meant, and the familiarity levels (whose
payloads carry an entity, which a domain response would try to fill in as a variable).
"""

from __future__ import annotations

from knowledge.engines.wording import WORDS

ROUTES: dict[str, str] = {  # intent -> the words on its button
    "describe_role": "Describe my role",
    "start_assessment": "Find my archetype",
    "request_pathway": "Show my learning plan",
    "ask_definition": "Explain a term",
    "list_archetypes": "What are the archetypes?",
    "compare_archetypes": "Compare archetypes",
    "request_summary": "Send me a summary",
    "human_handoff": "Talk to a person",
    "help": "What can you do?",
}
PRESSED_AS = {"describe_role": "start_assessment"}  # a button cannot carry a description


def route(intent: str, title: str | None = None) -> dict[str, str]:
    """The button for `intent`, in its usual words unless the moment needs others."""
    return {"title": title or ROUTES[intent], "payload": f"/{PRESSED_AS.get(intent, intent)}"}


START = [route("start_assessment"), route("list_archetypes"), route("help")]
RETAKE = route("start_assessment", "Retake the assessment")
SHOW_PLAN = route("request_pathway", "Show my plan")
GET_PLAN = route("request_pathway", "Get my learning plan")
SOMETHING_ELSE = route("help", "Something else")
FAMILIARITY = [
    {"title": title, "payload": f'/inform_familiarity{{"familiarity": "{level}"}}'}
    for level, title in WORDS.familiarity_buttons.items()
]
