"""Questions about a term or an archetype, answered from the store, never from canned text."""

from __future__ import annotations

import re

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.archetypes import archetypes_named
from actions.common.base import KnowledgeAction
from actions.common.catalogue import named_text
from knowledge.catalogue_search import named_offerings, parse_query
from knowledge.glossary import key_forms, term_key
from knowledge.store import KnowledgeStore
from knowledge.views import Archetype, GlossaryTerm

QUESTION_WORDS = re.compile(
    r"^(what|whats|what's|who|define|explain|meaning of|tell me about|what is|what are|what does|"
    r"is|are|a|an|the|does|do|mean|means|by|of|about|me|please|can you|you)\b\s*",
    re.IGNORECASE,
)

TRAILING_WORDS = re.compile(
    r"(\s+(mean|means|stand for|stands for|please|thanks|thank you|for me|again))+$",
    re.IGNORECASE,
)


def asked_phrase(text: str) -> str:
    """The thing asked about: 'what is model drift?' -> 'model drift'."""
    phrase = re.sub(r"[?!.]+", " ", text).strip()
    previous = None
    while previous != phrase:
        previous = phrase
        phrase = QUESTION_WORDS.sub("", phrase).strip()
    return TRAILING_WORDS.sub("", phrase).strip()


def term_text(term: GlossaryTerm) -> str:
    lines = [f"**{term.term[:1].upper() + term.term[1:]}**: {term.definition}",
             f"Why it matters: {term.why_it_matters}"]
    if term.related:
        lines.append(f"Related: {', '.join(term.related)}.")
    return "\n".join(lines)


def archetype_text(archetype: Archetype) -> str:
    roles = ", ".join(archetype.example_roles[:5])
    return (
        f"**{archetype.name}**: {archetype.description}\n"
        f"Typical roles: {roles}.\n"
        f"Someone in this group might: {archetype.responsibilities[0][:1].lower()}"
        f"{archetype.responsibilities[0][1:]}"
    )


def term_is_the_question(term: GlossaryTerm, text: str) -> bool:
    """Whether the term accounts for every topic word of the question: "what's DART-Ed?" asks
    about the term, "what's the Topol fellowship?" about more than the "Topol" it contains."""
    alias_words = {f for a in (term.term, *term.synonyms) for w in term_key(a).split()
                   for f in key_forms(w)}
    return set(parse_query(text).words) <= alias_words


class ActionExplainTerm(KnowledgeAction):
    action_name = "action_explain_term"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: KnowledgeStore
    ) -> list[EventType]:
        text = state.latest_text(tracker)
        # the longest term mentioned wins ("automation bias" over "bias"); NLU entities are a
        # fallback for spellings the text search cannot see, such as a button's payload
        terms = store.find_terms_in(text) or [
            t for v in state.entity_values(tracker, "term") if (t := store.glossary_lookup(v))
        ]
        named = archetypes_named(tracker, store)
        offerings = named_offerings(text, store.all_offerings())
        # "what is the NHS Fellowship in Clinical AI?" asks about the programme, not about AI
        if offerings and not (terms and term_is_the_question(terms[0], text)):
            dispatcher.utter_message(text=named_text(offerings[0]))
        elif terms:
            dispatcher.utter_message(text=term_text(terms[0]))
        elif named:
            dispatcher.utter_message(text=archetype_text(named[0]))
        else:
            phrase = asked_phrase(text) or text
            nearest = store.nearest_terms(phrase)
            reply = f"I don't have \"{phrase}\" in my glossary yet." if phrase else (
                "Which term would you like me to explain?"
            )
            if nearest:
                reply += " The nearest terms I know are: " + ", ".join(nearest) + "."
            buttons = [{"title": n, "payload": f"what is {n}"} for n in nearest]
            dispatcher.utter_message(text=reply, buttons=buttons)
        return []
