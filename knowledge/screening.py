"""The screening policy: when to ask one more question and when to show the result.

The bot's actions and the corpus evaluation both call `question_to_ask`, so the figures in
docs/identification.md measure exactly the conversation staff have.
"""

from __future__ import annotations

from knowledge.views import ArchetypeProfile

MAX_QUESTIONS = 3  # screening questions in one assessment, at most


def question_to_ask(profile: ArchetypeProfile, asked: int) -> str | None:
    """The archetype whose screening question to ask next, or None to show the result now.

    Stop once the engine is confident, has nothing left worth asking, or the person has
    already answered the maximum number of questions.
    """
    if profile.confident or profile.next_question is None or asked >= MAX_QUESTIONS:
        return None
    return profile.next_question
