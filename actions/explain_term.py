"""Questions about a term or an archetype, answered from the store, never from canned text."""

from __future__ import annotations

import re

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import state
from actions.common.archetypes import archetypes_named
from actions.common.base import KnowledgeAction
from actions.common.catalogue import say_named
from knowledge.catalogue.glossary import key_forms, term_key
from knowledge.catalogue.search import named_offerings, parse_query
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.engines.views import Archetype, GlossaryTerm

QUESTION_WORDS = re.compile(
    r"^(what|whats|what's|who|define|explain|meaning of|tell me about|what is|what are|what does|"
    r"is|are|a|an|the|does|do|mean|means|by|of|about|me|please|can you|you)\b\s*",
    re.IGNORECASE,
)

UNREPEATABLE = "0["  # see say_not_in_glossary

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


def say_term(dispatcher: CollectingDispatcher, term: GlossaryTerm) -> None:
    """A glossary entry: the term, its definition, why it matters and any related terms."""
    dispatcher.utter_message(
        response="utter_term_related" if term.related else "utter_term",
        term=term.term[:1].upper() + term.term[1:], definition=term.definition,
        why_it_matters=term.why_it_matters, related=", ".join(term.related),
    )


def say_archetype(dispatcher: CollectingDispatcher, archetype: Archetype) -> None:
    """What an archetype is, who holds it, and one thing such a person might do."""
    first = archetype.responsibilities[0]
    dispatcher.utter_message(
        response="utter_archetype", name=archetype.name, description=archetype.description,
        roles=", ".join(archetype.example_roles[:5]),
        responsibility=first[:1].lower() + first[1:],
    )


def say_not_in_glossary(dispatcher: CollectingDispatcher, phrase: str,
                        nearest: list[str]) -> None:
    """Plainly not known, with the nearest terms as buttons to ask about instead.

    The phrase is the person's own words; Rasa leaves a response unfilled when the filled text
    holds "0[", so such a phrase is not repeated back.
    """
    buttons = [{"title": n, "payload": f"what is {n}"} for n in nearest]
    if not phrase or UNREPEATABLE in phrase:
        dispatcher.utter_message(response="utter_which_term", buttons=buttons)
    elif nearest:
        dispatcher.utter_message(response="utter_term_unknown_nearest", phrase=phrase,
                                 nearest=", ".join(nearest), buttons=buttons)
    else:
        dispatcher.utter_message(response="utter_term_unknown", phrase=phrase)


def term_is_the_question(term: GlossaryTerm, text: str) -> bool:
    """Whether the term accounts for every topic word of the question: "what's DART-Ed?" asks
    about the term, "what's the Topol fellowship?" about more than the "Topol" it contains."""
    alias_words = {f for a in (term.term, *term.synonyms) for w in term_key(a).split()
                   for f in key_forms(w)}
    return set(parse_query(text).words) <= alias_words


class ActionExplainTerm(KnowledgeAction):
    action_name = "action_explain_term"

    def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, store: CatalogueSnapshot
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
            say_named(dispatcher, offerings[0])
        elif terms:
            say_term(dispatcher, terms[0])
        elif named:
            say_archetype(dispatcher, named[0])
        else:
            phrase = asked_phrase(text) or text
            say_not_in_glossary(dispatcher, phrase, store.nearest_terms(phrase))
        return []
