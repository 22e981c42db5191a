"""The screening policy: when to ask one more question, when to stop, and what to show then.

The bot's actions and the corpus evaluation both call `question_to_ask` and `settle`, so the
figures in docs/identification.md measure exactly the conversation staff have.
"""

from __future__ import annotations

from dataclasses import replace

from knowledge.engines.views import ArchetypeProfile

MAX_QUESTIONS = 3  # screening questions in one assessment, at most


def question_to_ask(profile: ArchetypeProfile, asked: int) -> str | None:
    """The archetype whose screening question to ask next, or None to show the result now.

    Stop once the engine is confident, has nothing left worth asking, or the person has
    already answered the maximum number of questions.
    """
    if profile.confident or profile.next_question is None or asked >= MAX_QUESTIONS:
        return None
    return profile.next_question


def settle(profile: ArchetypeProfile) -> ArchetypeProfile:
    """The result to show once the questions stop.

    Nobody leaves unplaced: everyone in health and care is at least a User in waiting, so when
    nothing is held and the person has not said they don't use AI, the result is Users,
    shown as a best guess rather than a confident answer.
    """
    if profile.archetypes or _ruled_out(profile, "users"):
        return profile
    return replace(profile, archetypes=("users",), confident=False, next_question=None)


def _ruled_out(profile: ArchetypeProfile, key: str) -> bool:
    return any(e.source == "answer" and e.quote == "no" for e in profile.score_of(key).evidence)
